/**
 * When a run stops starting new work, and why: the caller interrupted it (RunOptions.signal), the overall time budget
 * ran out, the primary rate limit is spent ("rate limit exhausted until <reset>"), or the token was rejected. Each
 * repo not started yet then gets the reason as its entry ('skipped', or 'error' for a rejected token; the last two
 * only for remote repos). Owns the abort signal that ends requests under way when the budget runs out or the run is
 * interrupted.
 */
import { describeError } from './errors.js';
import type { GithubClient } from './sources/github-client.js';
import { AuthError, RateLimitError } from './sources/github-errors.js';
import type { ResolvedTarget } from './sources/github-target.js';

/** The reason of the repos left out when the run was interrupted (RunOptions.signal). */
export const INTERRUPTED_REASON = 'run interrupted before this repo was audited';

export interface StopReason {
  status: 'skipped' | 'error';
  reason: string;
}

export class RunStop {
  /** Aborted when the time budget is spent or the run is interrupted: the requests under way end. */
  readonly signal: AbortSignal;
  /** The time budget as shown in reasons ("12.5s"); '' without one. */
  readonly budgetText: string;
  private readonly budget = new AbortController();
  private readonly interrupt?: AbortSignal;
  private readonly client?: GithubClient;
  private readonly timer?: ReturnType<typeof setTimeout>;
  private readonly onInterrupt = (): void => this.budget.abort(this.interrupt?.reason);
  /** Why new work stops, once it does (set by a spent rate limit or a rejected token). */
  private stop: (StopReason & { remoteOnly: boolean }) | null = null;

  /** Starts the time budget's clock; end it with dispose(). */
  constructor(opts: { signal?: AbortSignal; timeBudgetMs?: number; client?: GithubClient }) {
    this.signal = this.budget.signal;
    this.interrupt = opts.signal;
    this.client = opts.client;
    // The interruption also ends requests under way.
    this.interrupt?.addEventListener('abort', this.onInterrupt, { once: true });
    if (opts.timeBudgetMs !== undefined) {
      this.timer = setTimeout(() => this.budget.abort(), Math.max(0, opts.timeBudgetMs));
      this.timer.unref?.();
    }
    this.budgetText = opts.timeBudgetMs !== undefined ? `${Math.round(opts.timeBudgetMs / 100) / 10}s` : '';
  }

  /** Whether the caller interrupted the run. */
  get interrupted(): boolean {
    return this.interrupt?.aborted ?? false;
  }

  /** Why `t` must not start, or null when it may; notices a rate limit spent since the last call. */
  reasonFor(t: ResolvedTarget): StopReason | null {
    if (this.interrupted) return { status: 'skipped', reason: INTERRUPTED_REASON };
    if (this.signal.aborted) return { status: 'skipped', reason: `time budget of ${this.budgetText} exhausted before this repo was audited` };
    if (this.stop && (!this.stop.remoteOnly || t.kind === 'remote')) return this.stop;
    if (t.kind === 'remote' && this.client?.audit.exhausted) {
      const { resetAt } = this.client.audit.exhausted;
      if (!resetAt || resetAt.getTime() > Date.now()) {
        this.stop = { status: 'skipped', reason: new RateLimitError(resetAt).message, remoteOnly: true };
        return this.stop;
      }
    }
    return null;
  }

  /** After a remote repo was audited: a rate limit spent on the way stops the remote repos not started yet. */
  noteAudited(t: ResolvedTarget): void {
    if (this.client?.audit.exhausted && !this.stop) this.reasonFor(t);
  }

  /** After a remote repo failed: a spent rate limit or a rejected token stops the remote repos not started yet. */
  noteFailure(err: Error): void {
    if (err instanceof RateLimitError) this.stop ??= { status: 'skipped', reason: err.message, remoteOnly: true };
    if (err instanceof AuthError) this.stop ??= { status: 'error', reason: describeError(err), remoteOnly: true };
  }

  /** Stops the clock and lets go of the caller's signal. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.interrupt?.removeEventListener('abort', this.onInterrupt);
  }
}
