/**
 * Commits over time, for the report's charts: the visible history counted per week (histories up to two years long)
 * or per month (longer ones), at most MAX_BUCKETS buckets, so the JSON stays small whatever the history's length.
 */

/** At most this many buckets: two years of weeks, or the newest 104 months of a longer history. */
export const MAX_BUCKETS = 104;

export interface CommitActivity {
  /** Bucket size: a week (Monday to Sunday, UTC) or a calendar month (UTC). */
  unit: 'week' | 'month';
  /** Start of the first bucket, YYYY-MM-DD (a Monday for weeks, the 1st for months). */
  start: string;
  /** Commits per bucket from `start`, oldest first, up to the bucket of the newest commit; at most 104. */
  counts: number[];
  /** Commits older than `start` left out (a history longer than 104 months); absent when none. */
  earlier?: number;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the week holding `t`. */
function weekStart(t: number): number {
  const day = Math.floor(t / DAY);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY;
}

const monthIndex = (t: number): number => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * Counts the commits with these ISO dates (any order) per week or month. Undefined when no date can be read. Dates
 * that do not parse are left out.
 */
export function commitActivity(dates: Iterable<string>): CommitActivity | undefined {
  const times: number[] = [];
  for (const d of dates) {
    const t = Date.parse(d);
    if (Number.isFinite(t)) times.push(t);
  }
  if (!times.length) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const w0 = weekStart(min);
  const weeks = Math.round((weekStart(max) - w0) / WEEK) + 1;
  if (weeks <= MAX_BUCKETS) {
    const counts = new Array<number>(weeks).fill(0);
    for (const t of times) counts[Math.round((weekStart(t) - w0) / WEEK)]++;
    return { unit: 'week', start: isoDay(w0), counts };
  }
  const last = monthIndex(max);
  const first = Math.max(monthIndex(min), last - MAX_BUCKETS + 1);
  const counts = new Array<number>(last - first + 1).fill(0);
  let earlier = 0;
  for (const t of times) {
    const m = monthIndex(t) - first;
    if (m < 0) earlier++;
    else counts[m]++;
  }
  const start = isoDay(Date.UTC(Math.floor(first / 12), first % 12, 1));
  return { unit: 'month', start, counts, ...(earlier ? { earlier } : {}) };
}
