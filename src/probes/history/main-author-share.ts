/** `history-main-author-share`: What share of the commits did the main author make? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence } from '../../types.js';
import { defineProbe, type ProbeContext } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, pct, type Prepared, withNote } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { authorGroups, groupMatchesLogin } from './_shared/authors.js';
import { measured } from '../../types.js';

function mainAuthorShare(p: Prepared, ctx: ProbeContext, params: HistoryMainAuthorShareParams): ProbeResult {
  const { zero, full } = params;
  if (!p.human.length) return { outcome: 'fail', score: 0, evidence: [], note: 'no human commits' };
  const groups = authorGroups(p.human);
  const total = p.human.length;
  const main = groups[0]!;
  let note: string | undefined;
  // The repository owner, when recognisable among the authors, is named in the evidence. The score stays on the main
  // author: people often commit under several identities that cannot be merged, and a wrong match would be harsh.
  const owner = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/[\w.-]+$/.exec(ctx.snapshot.id)?.[1];
  const mine = owner ? groups.find((g) => groupMatchesLogin(g, owner)) : undefined;
  if (mine && mine !== main) note = `the repository owner (${owner}) wrote ${mine.commits} of ${total} commits; ${main.label} wrote the most`;
  const share = main.commits / total;
  const shown = mine && !groups.slice(0, 4).includes(mine) ? [...groups.slice(0, 3), mine] : groups.slice(0, 4);
  const evidence: Evidence[] = shown.map((g) => ({ detail: `${g.label}: ${g.commits} of ${total} commits (${pct(g.commits / total)})${g.emails.length > 1 ? `, ${g.emails.length} e-mails merged` : ''}` }));
  if (p.bots) evidence.push({ detail: `${p.bots} bot commit${p.bots === 1 ? '' : 's'} not counted` });
  if (!note && share < full) note = `the main author wrote ${pct(share)} of the commits (${groups.length} authors)`;
  return withNote(measured({ score: linearScore(share, zero, full), evidence: evidence.slice(0, 5) }), note);
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 0.1, full: 0.5, unit: 'share of commits by the main author' }) }, { additionalProperties: false });

type HistoryMainAuthorShareParams = Static<typeof paramsSchema>;

export const historyMainAuthorShareProbe = defineProbe({
  name: 'history-main-author-share',
  description: 'What share of the commits did the main author make?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => mainAuthorShare(p, ctx, params), { window: true }),
});
