/** `history-commit-count`: How many commits of work does the history have (non-merge, non-bot, not busy work)? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence } from '../../types.js';
import { defineProbe, type ProbeContext } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, short, day, quote, count, type Prepared, withNote, excluded } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { measured } from '../../types.js';
import { weighByMessages, undescribedParam } from './message-quality.js';

function commitCount(p: Prepared, ctx: ProbeContext, params: HistoryCommitCountParams): ProbeResult {
  const { zero, full } = params;
  const h = ctx.snapshot.history;
  let n = p.human.length - p.busy;
  let note: string | undefined;
  if (h.truncated && h.totalCount && h.totalCount > h.commits.length) {
    // Only a window is visible: estimate from the total, with the window's share of merges, bots and busy work.
    const share = h.commits.length ? n / h.commits.length : 1;
    n = Math.round(h.totalCount * share);
    note = `history truncated to the newest ${h.commits.length} of ${h.totalCount} commits; count estimated from the total`;
  }
  const evidence: Evidence[] = [{ detail: `${count(n, 'commit')}${excluded(p)}` }];
  if (p.dated.length) {
    const first = p.dated[0]!;
    const last = p.dated[p.dated.length - 1]!;
    evidence.push({ detail: `first: ${short(first)} ${day(first.t)} ${quote(first.subject)}` });
    if (last !== first) evidence.push({ detail: `latest: ${short(last)} ${day(last.t)} ${quote(last.subject)}` });
  }
  return withNote(measured({ score: weighByMessages(p, linearScore(n, zero, full), params.undescribed, evidence), evidence }), note);
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 1, full: 30, unit: 'non-merge commits' }), ...undescribedParam }, { additionalProperties: false });

type HistoryCommitCountParams = Static<typeof paramsSchema>;

export const historyCommitCountProbe = defineProbe({
  name: 'history-commit-count',
  description: 'How many commits of work does the history have (non-merge, non-bot, not busy work)?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => commitCount(p, ctx, params), { window: false }),
});
