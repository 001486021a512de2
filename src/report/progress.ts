import type { ProgressEvent } from '../run-progress.js';
import { logSafe } from './escape.js';

const num = (n: number): string => n.toLocaleString('en-US');

/**
 * One progress line per repository, for the CLI's stderr and the Action's log group:
 * `[12/40] ada/churn-radar: 87.5/100 · 1 failed · 36 requests · 4,964 left until 14:05 UTC`.
 */
export function formatProgress(e: ProgressEvent): string {
  const what =
    e.status === 'ok' || e.status === 'partial'
      ? `${e.score}/100${e.status === 'partial' ? ` (partial: ${logSafe(e.message ?? '', 160)})` : ''}`
      : `${e.status}: ${logSafe(e.message ?? '', 300)}`;
  const parts = [`[${e.done}/${e.total}] ${logSafe(e.repo)}: ${what}`];
  if (e.failed) parts.push(`${e.failed} failed`);
  if (e.requests) parts.push(`${num(e.requests)} request${e.requests === 1 ? '' : 's'}`);
  if (e.rateLimit) parts.push(`${num(e.rateLimit.remaining)} left until ${e.rateLimit.resetAt.toISOString().slice(11, 16)} UTC`);
  return parts.join(' · ');
}
