/** `history-recency`: How long ago was the last commit? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult } from '../../types.js';
import { defineProbe, type ProbeContext } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, DAY_MS, short, day, quote, count, type Prepared } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { measured } from '../../types.js';

function recency(p: Prepared, ctx: ProbeContext, params: HistoryRecencyParams): ProbeResult {
  const { zero, full } = params;
  if (!p.dated.length) return { outcome: 'fail', score: 0, evidence: [], note: 'no dated commits' };
  const last = p.dated[p.dated.length - 1]!;
  const days = Math.max(0, (ctx.now.getTime() - last.t) / DAY_MS);
  const r: ProbeResult = measured({
    score: linearScore(days, zero, full),
    evidence: [{ detail: `last commit ${day(last.t)} (${short(last)} ${quote(last.subject, 40)}), ${count(Math.floor(days), 'day')} before ${day(ctx.now.getTime())}` }],
  });
  if (days > full) r.note = `no commits for ${count(Math.floor(days), 'day')}`;
  return r;
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 1095, full: 180, unit: 'days since the last commit' }) }, { additionalProperties: false });

type HistoryRecencyParams = Static<typeof paramsSchema>;

export const historyRecencyProbe = defineProbe({
  name: 'history-recency',
  description: 'How long ago was the last commit?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => recency(p, ctx, params), { window: false }),
});
