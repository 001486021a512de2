/** `history-active-days`: On how many distinct days was the project worked on? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence } from '../../types.js';
import { defineProbe } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, DAY_MS, day, type Prepared, excluded } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { measured } from '../../types.js';
import { weighByMessages, undescribedParam } from './message-quality.js';

function activeDays(p: Prepared, params: HistoryActiveDaysParams): ProbeResult {
  const { zero, full } = params;
  // Days as numbers (UTC day index); only the few shown are formatted.
  const perDay = new Map<number, number>();
  for (const c of p.work) {
    const d = Math.floor(c.t / DAY_MS);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const n = perDay.size;
  const busiest = [...perDay.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([d, k]): [string, number] => [day(d * DAY_MS), k]);
  const evidence: Evidence[] = [{ detail: `commits on ${n} distinct day${n === 1 ? '' : 's'} (UTC)${excluded(p)}` }];
  if (busiest.length) evidence.push({ detail: `busiest: ${busiest.map(([d, k]) => `${d} (${k})`).join(', ')}` });
  const r: ProbeResult = measured({ score: weighByMessages(p, linearScore(n, zero, full), params.undescribed, evidence), evidence });
  if (n <= 2 && p.human.length >= 5) {
    // Said of every commit only when it is true of every commit: small and busy-work commits on other days are not counted.
    const days = new Set(p.human.map((c) => Math.floor(Date.parse(c.date) / DAY_MS))).size;
    const w = p.work.length;
    r.note =
      days <= 2
        ? `all ${p.human.length} commits were made on ${days} day${days === 1 ? '' : 's'}`
        : `the ${w} commit${w === 1 ? '' : 's'} of work counted ${w === 1 ? 'was' : 'were'} made on ${n} day${n === 1 ? '' : 's'}; the other ${p.human.length - w}, on other days, are not counted as work (too small, or busy work)`;
  }
  return r;
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 1, full: 15, unit: 'days with commits' }), ...undescribedParam }, { additionalProperties: false });

type HistoryActiveDaysParams = Static<typeof paramsSchema>;

export const historyActiveDaysProbe = defineProbe({
  name: 'history-active-days',
  description: 'On how many distinct days was the project worked on?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => activeDays(p, params), { window: true }),
});
