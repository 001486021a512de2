/** `history-span`: Over how many days of active development (gaps counted up to a week) does the history run? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence } from '../../types.js';
import { defineProbe } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, DAY_MS, short, day, count, type Prepared, excluded, SPAN_GAP_DAYS } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { measured } from '../../types.js';
import { weighByMessages, undescribedParam } from './message-quality.js';

function span(p: Prepared, params: HistorySpanParams): ProbeResult {
  const { zero, full } = params;
  const w = p.work;
  if (!w.length) return { outcome: 'fail', score: 0, evidence: [], note: p.dated.length ? 'no commits that change the project' : 'no dated commits' };
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const calendar = (last.t - first.t) / DAY_MS;
  // Active span: the gaps between commits, each counted up to a week — development, not the calendar between two dates.
  let days = 0;
  for (let i = 1; i < w.length; i++) days += Math.min(SPAN_GAP_DAYS, (w[i]!.t - w[i - 1]!.t) / DAY_MS);
  const evidence: Evidence[] = [{ detail: `${count(Math.round(days * 10) / 10, 'day')} of active development (gaps over ${SPAN_GAP_DAYS} days count as ${SPAN_GAP_DAYS}) from ${day(first.t)} (${short(first)}) to ${day(last.t)} (${short(last)})${excluded(p)}` }];
  const r: ProbeResult = measured({ score: weighByMessages(p, linearScore(days, zero, full), params.undescribed, evidence), evidence });
  if (calendar - days >= 30) r.note = `${count(Math.round(calendar), 'calendar day')} from first to last commit, but most of it without commits`;
  return r;
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 1, full: 30, unit: 'days from first to last commit' }), ...undescribedParam }, { additionalProperties: false });

type HistorySpanParams = Static<typeof paramsSchema>;

export const historySpanProbe = defineProbe({
  name: 'history-span',
  description: 'Over how many days of active development (gaps counted up to a week) does the history run?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => span(p, params), { window: true }),
});
