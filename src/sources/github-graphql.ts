/**
 * GraphQL calls of the GitHub source: the retry loop (timeouts handed back to callers that can ask for less) and
 * the reading of partial answers (GitHub answers `errors` next to `data` when a part of a query fails: the fields
 * it could not resolve are null, the rest is usable, and the errors' `path` says what is missing).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { GithubClient } from './github-client.js';
import { isAbort, isPrimaryRateLimit, isTimeoutLike } from './github-errors.js';

/**
 * Own retry loop for GraphQL (the retry plugin would resend a timed-out query unchanged): 5xx waits and retries;
 * a timeout is handed back to a caller that can ask for less (`shrinkable`), and retried like a 5xx otherwise.
 */
export async function graphql<T>(
  client: GithubClient,
  query: string,
  vars: Record<string, unknown>,
  ctx: { signal?: AbortSignal; count: () => void; shrinkable?: boolean },
): Promise<T> {
  const { retries, baseMs } = client.audit.retry;
  for (let attempt = 0; ; attempt++) {
    ctx.count();
    try {
      return await client.graphql<T>(query, { ...vars, request: { signal: ctx.signal, retries: 0 } });
    } catch (e) {
      const status = (e as { status?: number }).status;
      const timeout = isTimeoutLike(e);
      const retryable =
        !isAbort(e) &&
        !isPrimaryRateLimit(e) &&
        attempt < retries &&
        (timeout ? !ctx.shrinkable : status !== undefined && status >= 500);
      if (!retryable) throw e;
      await sleep(Math.min(60_000, baseMs * (attempt + 1) ** 2), undefined, { signal: ctx.signal }); // an abort ends it
    }
  }
}

/** One GraphQL error of a partial answer: where (`path`, e.g. ['repository', 'b3', 'text']) and why. */
export interface GqlProblem {
  path: Array<string | number>;
  message: string;
  type?: string;
}

/**
 * The usable part of a GraphQL error: `data` with errors that each point at a field (a `path` below the root
 * field). Null for answers that failed as a whole (no data, errors without a path, rate limits, timeouts).
 */
export function partialAnswer<T>(e: unknown): { data: T; problems: GqlProblem[] } | null {
  const x = e as { data?: unknown; errors?: Array<{ path?: unknown; message?: unknown; type?: unknown }> };
  const errors = Array.isArray(x?.errors) ? x.errors : [];
  if (!x?.data || typeof x.data !== 'object' || !errors.length) return null;
  const problems: GqlProblem[] = [];
  for (const g of errors) {
    if (!g || !Array.isArray(g.path) || g.path.length < 2 || g.type === 'RATE_LIMITED') return null;
    const path = g.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    problems.push({ path, message: String(g.message ?? '').slice(0, 300), ...(typeof g.type === 'string' ? { type: g.type } : {}) });
  }
  return { data: x.data as T, problems };
}

/** The problems' messages, for a note ("a; b"), deduplicated and short. */
export function problemText(problems: GqlProblem[]): string {
  return [...new Set(problems.map((p) => p.message).filter(Boolean))].join('; ').slice(0, 300);
}
