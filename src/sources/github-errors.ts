/**
 * Errors of the GitHub source, each mapped to the per-repo status a report shows:
 * SkipError → 'skipped' (empty repository, rate limit exhausted, time budget spent), anything else → 'error'.
 * Each is a UserError (src/errors.ts) carrying `hint`, the fix, which describeError appends.
 */
import { UserError } from '../errors.js';


/** The repo was not audited for a reason that is not its fault or not an error (status 'skipped'). */
export class SkipError extends UserError {
  readonly status = 'skipped' as const;
}

/** The primary rate limit is spent: stop new work, keep results, report when it resets. */
export class RateLimitError extends SkipError {
  readonly resetAt: Date | null;
  readonly resource: string;
  constructor(resetAt: Date | null, resource = 'core') {
    super(
      `rate limit exhausted until ${resetAt ? resetAt.toISOString() : 'an unknown time'}`,
      'Re-run after the reset time, or with a token that has budget left (authenticated: 5,000 requests per hour).',
    );
    this.resetAt = resetAt;
    this.resource = resource;
  }
}

/** The overall time budget ran out before or while this repo was audited. */
export class BudgetError extends SkipError {
  constructor(message = 'time budget exhausted') {
    super(message, 'Raise the time budget, or split the list into shards (shard: i/n).');
  }
}

/** A repo-level failure (status 'error') with the fix. */
export class GithubError extends UserError {
  /** HTTP status when the error came from an answer. */
  readonly httpStatus?: number;
  constructor(message: string, hint?: string, httpStatus?: number) {
    super(message, hint);
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }
}

/** The token is missing or rejected: no remote repo can be audited with it. */
export class AuthError extends GithubError {
  constructor(message: string, hint: string, httpStatus?: number) {
    super(message, hint, httpStatus);
  }
}

/**
 * The API server answered something no GitHub answers (a body over the size cap, invalid JSON, a redirect loop, an
 * answer of the wrong shape). Thrown by the client (github-client.ts) past Octokit's retries: asking again gets the
 * same answer. The message names what happened and where, in plain words.
 */
export class ApiResponseError extends GithubError {
  readonly kind: 'too-large' | 'invalid-json' | 'redirect-loop' | 'too-many-redirects' | 'unexpected';
  constructor(kind: ApiResponseError['kind'], message: string, hint?: string) {
    super(message, hint ?? 'Check --api-url or GITHUB_API_URL (GitHub.com: https://api.github.com); a proxy in between may be at fault.');
    this.kind = kind;
  }
}

/** The repo's own time limit (per-repo deadline) ran out: status 'error', the other repos go on. */
export class RepoTimeoutError extends GithubError {
  constructor(seconds: number) {
    super(`no result within ${seconds} s for this repository (per-repo time limit)`, 'Retry later, or raise --repo-timeout.');
  }
}

/** A URL without its query string, for messages. */
export function shownUrl(url: string | undefined): string {
  if (!url) return 'an unknown address';
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split('?')[0].slice(0, 200);
  }
}

const NOT_FOUND_HINT =
  'GitHub answers "not found" for private repositories the token cannot see: check the name, or use a token with read access to it.';

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  response?: { status?: number; headers?: Record<string, string | undefined>; data?: unknown };
  headers?: Record<string, string | undefined>;
  errors?: Array<{ type?: string; message?: string }>;
  data?: unknown;
  cause?: unknown;
}

function headerOf(e: ErrorLike, name: string): string | undefined {
  return e.response?.headers?.[name] ?? e.headers?.[name];
}

/** GraphQL `errors` of an error from octokit.graphql or from the throttling plugin's RATE_LIMITED error. */
function graphqlErrorsOf(e: unknown): Array<{ type?: string; message?: string }> {
  const x = e as ErrorLike;
  if (Array.isArray(x?.errors)) return x.errors;
  const d = (x?.response?.data ?? x?.data) as { errors?: unknown } | undefined;
  return Array.isArray(d?.errors) ? (d.errors as Array<{ type?: string; message?: string }>) : [];
}

/** Reset time of a rate limit answer, from x-ratelimit-reset (epoch seconds). */
function resetOf(e: ErrorLike): Date | null {
  const r = Number(headerOf(e, 'x-ratelimit-reset'));
  return Number.isFinite(r) && r > 0 ? new Date(r * 1000) : null;
}

/** True for a primary rate limit: 403/429 with x-ratelimit-remaining 0, or GraphQL RATE_LIMITED (even inside a 200). */
export function isPrimaryRateLimit(e: unknown): boolean {
  const x = e as ErrorLike;
  if (!x || typeof x !== 'object') return false;
  if (graphqlErrorsOf(e).some((g) => g.type === 'RATE_LIMITED')) return true;
  const status = x.status ?? x.response?.status;
  return (status === 403 || status === 429) && headerOf(x, 'x-ratelimit-remaining') === '0' && !/secondary rate/i.test(x.message ?? '');
}

/** True for errors a smaller request may avoid: GraphQL timeouts, 502/504, our own per-request timeout. */
export function isTimeoutLike(e: unknown): boolean {
  const x = e as ErrorLike;
  if (!x || typeof x !== 'object') return false;
  const status = x.status ?? x.response?.status;
  if (status === 502 || status === 504) return true;
  const msgs = [x.message ?? '', ...graphqlErrorsOf(e).map((g) => g.message ?? '')].join('\n');
  return /timed? ?out|timeout|in time|no answer within|Something went wrong while executing your query/i.test(msgs);
}

/** True when the overall time budget aborted the request. */
export function isAbort(e: unknown): boolean {
  const x = e as ErrorLike;
  return !!x && (x.name === 'AbortError' || x.name === 'BudgetError' || (x.cause as ErrorLike | undefined)?.name === 'AbortError');
}

/**
 * Turns an error from Octokit (REST RequestError, GraphqlResponseError, throttling errors, aborts) into one of the
 * classes above with a message a user can act on. Messages do not repeat the repository's name: every place that
 * shows one (report entries, the CLI's stderr, the Action's warnings) puts the name next to it.
 */
export function classifyError(e: unknown): Error {
  if (e instanceof SkipError || e instanceof GithubError) return e;
  const x = (e ?? {}) as ErrorLike;
  if (isAbort(e)) return new BudgetError('time budget exhausted while this repo was being audited');
  if (isPrimaryRateLimit(e)) {
    const resource = headerOf(x, 'x-ratelimit-resource') ?? (graphqlErrorsOf(e).length ? 'graphql' : 'core');
    return new RateLimitError(resetOf(x), resource);
  }
  const status = x.status ?? x.response?.status;
  const gql = graphqlErrorsOf(e);
  if (status === 401) {
    return new AuthError(
      'GitHub rejected the request: a valid token is required (the GraphQL API does not answer without one)',
      'Pass --token or set GITHUB_TOKEN; for public repositories a token with no scopes is enough.',
      401,
    );
  }
  if ([x.message ?? '', ...gql.map((g) => g.message ?? '')].some((m) => /secondary rate limit/i.test(m))) {
    const wait = headerOf(x, 'retry-after');
    return new SkipError(
      `secondary rate limit: GitHub asked to wait ${wait ? `${wait} s` : 'a while'}, longer than the run allows`,
      'Re-run later, or with a lower concurrency.',
    );
  }
  if (gql.some((g) => g.type === 'NOT_FOUND') || status === 404) {
    return new GithubError('not found or no access', NOT_FOUND_HINT, 404);
  }
  if (gql.some((g) => g.type === 'FORBIDDEN') || status === 403) {
    const m = gql.find((g) => g.type === 'FORBIDDEN')?.message ?? x.message ?? '';
    return new GithubError(
      `access forbidden (${m.split('\n')[0].slice(0, 200)})`,
      'The token lacks permission for this repository, or an organization policy blocks it (e.g. SAML SSO not authorized for the token).',
      403,
    );
  }
  if (status === 409) return new SkipError('empty repository: no commits');
  if (status === 451) return new GithubError('unavailable for legal reasons', undefined, 451);
  if (isTimeoutLike(e)) {
    // Our own per-request timeout says how long and where; GitHub's own timeouts (GraphQL, 502/504) do not.
    const own = /^no answer within [^\n]*/.exec(x.message ?? '');
    return new GithubError(own ? own[0] : 'GitHub did not answer in time', 'Retry later; very large repositories may keep timing out.', status);
  }
  // Octokit reports a request that never got an answer (refused, unknown host, reset; our own timeout is
  // handled above) as status 500 with no response.
  if (status === 500 && !x.response && !gql.length) {
    const where = apiOrigin(x);
    return new GithubError(
      `cannot reach the GitHub API${where ? ` at ${where}` : ''} (${networkCode(x)})`,
      'Check the network connection, and --api-url or GITHUB_API_URL if set (GitHub.com: https://api.github.com).',
    );
  }
  if (status !== undefined && status >= 500) {
    return new GithubError(`GitHub server error ${status} after retries`, 'Retry later (see https://www.githubstatus.com).', status);
  }
  // Our own code tripping on an answer of an unexpected shape: say so instead of an internal TypeError.
  if (e instanceof TypeError && status === undefined) {
    return new ApiResponseError('unexpected', `the GitHub API answered with something unexpected (${e.message.slice(0, 200)})`);
  }
  const msg = gql.length ? gql.map((g) => g.message).join('; ') : (x.message ?? String(e));
  return new GithubError(msg.split('\n')[0].slice(0, 300), undefined, status);
}

/** The scheme, host and port of the request that failed, when Octokit kept it. */
function apiOrigin(x: ErrorLike & { request?: { url?: string } }): string | undefined {
  try {
    return x.request?.url ? new URL(x.request.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** The system error code under a failed fetch ("ECONNREFUSED", "ENOTFOUND"), else its message. */
function networkCode(x: ErrorLike): string {
  for (let c: unknown = x.cause; c && typeof c === 'object'; c = (c as ErrorLike).cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return (x.message ?? 'no answer').split('\n')[0].slice(0, 200);
}
