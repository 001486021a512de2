/**
 * The progress events of a run (what the CLI prints on stderr and the Action in its log on long runs): one per
 * target as it finishes, with the count done, failed and skipped so far, the requests sent to GitHub and the
 * rate-limit budget left. src/report/progress.ts formats them.
 */
import type { RepoReport } from './report/types.js';
import { isAudited } from './report/types.js';
import { lowestRateLimit, type GithubClient, type RateLimitState } from './sources/github-client.js';
import type { Outcome } from './run-target.js';

export interface ProgressEvent {
  repo: string;
  done: number;
  total: number;
  status: RepoReport['status'];
  score?: number;
  message?: string;

  /** Repos finished with status 'error' so far. */
  failed: number;
  /** Repos finished with status 'skipped' so far. */
  skipped: number;
  /** HTTP requests sent to GitHub so far (retries included). */
  requests: number;
  /** The lowest rate-limit budget GitHub reported (null before the first answer or without remote targets). */
  rateLimit: RateLimitState | null;
  elapsedMs: number;
}

/** Counts the targets as they finish and sends one event for each to `onProgress`. */
export class RunProgress {
  private done = 0;
  private failed = 0;
  private skipped = 0;

  constructor(
    private readonly total: number,
    private readonly started: number,
    private readonly client: GithubClient | undefined,
    private readonly onProgress: ((e: ProgressEvent) => void) | undefined,
  ) {}

  /** Counts one finished target (`name`: how it is shown when its outcome has no report of its own). */
  finished(o: Outcome, name: string): void {
    this.done++;
    if ('report' in o) {
      if (o.report.status === 'error') this.failed++;
      if (o.report.status === 'skipped') this.skipped++;
    }
    this.onProgress?.({
      repo: 'report' in o ? o.report.repo : name,
      done: this.done,
      total: this.total,
      status: 'report' in o ? o.report.status : 'skipped',
      ...outcomeText(o),
      failed: this.failed,
      skipped: this.skipped,
      requests: this.client?.audit.requests ?? 0,
      rateLimit: this.client ? lowestRateLimit(this.client) : null,
      elapsedMs: Date.now() - this.started,
    });
  }
}

/** The score (audited repos) and the message of an outcome's event. */
function outcomeText(o: Outcome): Pick<ProgressEvent, 'score' | 'message'> {
  if (!('report' in o)) return { message: `same repository as ${o.duplicateOf}` };
  if (!isAudited(o.report)) return { message: o.report.reason };
  return { score: o.report.score, ...(o.report.reason ? { message: o.report.reason } : {}) };
}
