/**
 * The Octokit every remote call goes through: @octokit/rest with the retry plugin (bounded retries of 5xx and of
 * our own per-request timeout) and the throttling plugin (honours `retry-after` on secondary rate limits, never
 * sleeps on the primary one). It counts the HTTP requests it sends and remembers the rate-limit budget per resource.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { Octokit as CoreOctokit } from '@octokit/core';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { readBody } from './github-body.js';
import { ApiResponseError, shownUrl } from './github-errors.js';

export interface RateLimitState {
  /** "core" (REST) or "graphql" (x-ratelimit-resource). */
  resource: string;
  limit: number;
  remaining: number;
  /** When the budget resets. */
  resetAt: Date;
}

export interface RateLimitEvent {
  kind: 'primary' | 'secondary';
  /** Seconds GitHub asks to wait. */
  retryAfterSec: number;
  method: string;
  url: string;
  retryCount: number;
  /** Whether the request will be retried after waiting. */
  willRetry: boolean;
}

export interface ClientState {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Latest rate-limit headers seen, by resource. */
  rateLimits: Map<string, RateLimitState>;
  /** Set when GitHub said a primary rate limit is spent (x-ratelimit-remaining: 0). */
  exhausted?: { resource: string; resetAt: Date | null };
  /** Retry policy, for callers that retry on their own (GraphQL queries the source shrinks on timeouts). */
  retry: { retries: number; baseMs: number };
}

export interface GithubClientOptions {
  /** Token (classic or fine-grained PAT, GITHUB_TOKEN, app token). GraphQL needs one even for public repos. */
  token?: string;
  /** REST base URL. Default: GITHUB_API_URL, else https://api.github.com. GHES: https://HOST/api/v3. */
  baseUrl?: string;
  userAgent?: string;
  /** Abort and retry a request that takes longer than this. Default 30 s. */
  requestTimeoutMs?: number;
  /** Called on every rate-limit answer (to log it). */
  onRateLimit?: (e: RateLimitEvent) => void;
  /** Retries of 5xx answers and timeouts. Default 3. */
  retries?: number;
  /** Unit of the retry backoff: retry n waits n² × this. Default 1000 ms (tests shrink it). */
  retryBaseMs?: number;
  /** Retries after a secondary rate limit. Default 2. */
  secondaryRetries?: number;
  /** Longest `retry-after` (seconds) honoured for a secondary rate limit; longer ones fail. Default 120. */
  maxSecondaryWaitSec?: number;
  /** Wait this long (seconds) for a primary rate limit that resets soon; longer ones stop the run. Default 0: never. */
  maxPrimaryWaitSec?: number;
  /** How long one second of `retry-after` lasts, in ms. Default 1000 (tests shrink it). */
  retryAfterUnitMs?: number;
  /** GraphQL queries in flight at once (the throttling plugin alone would send one per second). Default 10. */
  graphqlConcurrency?: number;
  /**
   * Largest response body read, in bytes; a bigger one is aborted while it streams ("response larger than N MB").
   * Default 64 MB (GitHub's largest answers, a 100,000-entry tree or a contents query, stay well below).
   */
  maxResponseBytes?: number;
  /** Redirects followed per request (renamed repositories answer 301). Default 5; a loop stops at once. */
  maxRedirects?: number;
  /** fetch implementation (tests). Default: globalThis.fetch. */
  fetch?: typeof fetch;
}

/**
 * Innermost hook (registered before the retry plugin, so it sees every attempt): an answer that is not JSON where
 * JSON is due, and the client's own verdicts on a response (too large, redirect loop), become ApiResponseError,
 * which no plugin retries: asking again gets the same answer. Successful bodies are read here (github-body.ts:
 * the native JSON parser, not Octokit's much slower one).
 */
function guardAnswers(octokit: CoreOctokit): void {
  // Request options this hook asked for the raw body on (a retry comes back with the same object).
  const streamed = new WeakSet<object>();
  octokit.hook.wrap('request', async (request, options) => {
    // The hooks inside this one get the options object they were registered with, not one passed to them: the raw
    // body is asked for on that object, with a request-options object of its own (the client's defaults are shared).
    const ours = options.request !== undefined && streamed.has(options.request);
    const parse = ours || options.request?.parseSuccessResponseBody !== false;
    if (parse && !ours) {
      options.request = { ...options.request, parseSuccessResponseBody: false };
      streamed.add(options.request);
    }
    let res;
    try {
      res = await request(options);
      if (parse && res.data instanceof ReadableStream) {
        const ct = res.headers['content-type'];
        res.data = (await readBody(res.data as ReadableStream<Uint8Array>, ct === undefined ? undefined : String(ct))) as typeof res.data;
      }
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause;
      if (cause instanceof ApiResponseError) throw cause;
      throw e;
    }
    const type = String(res.headers['content-type'] ?? '');
    const url = shownUrl(res.url || String(options.url ?? ''));
    if (/json/i.test(type) && typeof res.data === 'string') {
      throw new ApiResponseError('invalid-json', `the GitHub API at ${url} answered with invalid JSON`);
    }
    if (/\/graphql$/.test(String(options.url ?? '')) && (typeof res.data !== 'object' || res.data === null || Array.isArray(res.data))) {
      throw new ApiResponseError('unexpected', `the GitHub API at ${url} answered with something that is not a GraphQL answer`);
    }
    return res;
  });
}

const AuditOctokit = Octokit.plugin(guardAnswers, retry, throttling);
export type GithubClient = InstanceType<typeof AuditOctokit> & { audit: ClientState };

const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;

/** "64 MB", "1.5 MB", "200 KB": a byte count for messages. */
function byteText(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.round((n / 1024) * 10) / 10} KB`;
}

/** "30 s", "0.2 s". */
function secondsText(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** GraphQL endpoint for a REST base URL: `${base}/graphql`, or `https://HOST/api/graphql` for GHES `https://HOST/api/v3`. */
export function graphqlUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : `${base}/graphql`;
}

/** REST base URL from the option, then GITHUB_API_URL (set on Actions runners, GHES included), then api.github.com. */
export function apiBaseUrl(explicit?: string): string {
  const url = (explicit || process.env.GITHUB_API_URL || DEFAULT_API_URL).trim().replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid API URL "${url}": expected e.g. https://api.github.com or https://github.example.com/api/v3`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`invalid API URL "${url}": must be http(s)`);
  return url;
}

function abortError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function createGithubClient(opts: GithubClientOptions = {}): GithubClient {
  const baseUrl = apiBaseUrl(opts.baseUrl);
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const retries = opts.retries ?? 3;
  const retryBaseMs = opts.retryBaseMs ?? 1000;
  const state: ClientState = { requests: 0, rateLimits: new Map(), retry: { retries, baseMs: retryBaseMs } };

  const noteHeaders = (h: Headers): void => {
    const remaining = h.get('x-ratelimit-remaining');
    const reset = Number(h.get('x-ratelimit-reset'));
    if (remaining === null) return;
    const resource = h.get('x-ratelimit-resource') ?? 'core';
    const resetAt = new Date((Number.isFinite(reset) ? reset : 0) * 1000);
    state.rateLimits.set(resource, { resource, limit: Number(h.get('x-ratelimit-limit') ?? 0), remaining: Number(remaining), resetAt });
    // 0 left: the next request of this resource fails (GitHub also says so with 200 + RATE_LIMITED for GraphQL).
    if (remaining === '0') state.exhausted = { resource, resetAt };
  };

  const maxBytes = Math.max(1, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  const maxRedirects = Math.max(0, opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS);

  /**
   * fetch with a per-request timeout covering headers and body, redirects followed here (a loop is named as one),
   * and a cap on the body: it is read as it streams and the request aborted past `maxBytes`, so memory stays bounded
   * whatever the server sends. A timeout becomes an ordinary error (Octokit turns it into a 500, which the retry
   * plugin retries); an abort of the caller's signal (time budget) stays an AbortError, which nothing retries; the
   * verdicts on a response are ApiResponseError (see guardAnswers).
   */
  const guardedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const outer = init?.signal ?? undefined;
    if (outer?.aborted) throw abortError('aborted: time budget exhausted');
    state.requests++;
    const ctrl = new AbortController();
    let timedOut = false;
    const onAbort = () => ctrl.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    let url = input instanceof Request ? input.url : String(input);
    try {
      let method = (init?.method ?? 'GET').toUpperCase();
      let body = init?.body;
      const headers = new Headers(init?.headers);
      const seen = new Set<string>([url]);
      let res: Response;
      for (let hop = 0; ; hop++) {
        res = await baseFetch(url, { ...init, method, body, headers, redirect: 'manual', signal: ctrl.signal });
        const location = res.headers.get('location');
        if (![301, 302, 303, 307, 308].includes(res.status) || !location) break;
        await res.body?.cancel().catch(() => {});
        const next = new URL(location, url).href;
        if (seen.has(next)) throw new ApiResponseError('redirect-loop', `redirect loop at ${shownUrl(url)} (back to ${shownUrl(next)})`);
        if (hop + 1 > maxRedirects) throw new ApiResponseError('too-many-redirects', `more than ${maxRedirects} redirects from ${shownUrl([...seen][0])}`);
        seen.add(next);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
          headers.delete('content-length');
        }
        // The token is for the API it was given for: never sent to another origin.
        if (new URL(next).origin !== new URL(url).origin) headers.delete('authorization');
        url = next;
      }
      noteHeaders(res.headers);
      const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
      const data = nullBody ? null : await readCapped(res, url);
      const out = new Response(data, { status: res.status, statusText: res.statusText, headers: res.headers });
      Object.defineProperty(out, 'url', { value: url });
      return out;
    } catch (e) {
      if (e instanceof ApiResponseError) throw e;
      if (timedOut) throw new Error(`no answer within ${secondsText(timeoutMs)} from the GitHub API at ${shownUrl(url)}`);
      if (outer?.aborted) throw abortError('aborted: time budget exhausted');
      throw e;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };

  /** The body, read chunk by chunk and abandoned past the cap (the server may send forever). */
  const readCapped = async (res: Response, url: string): Promise<Uint8Array | null> => {
    const tooLarge = (): ApiResponseError =>
      new ApiResponseError('too-large', `response larger than ${byteText(maxBytes)} from the GitHub API at ${shownUrl(url)}`);
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw tooLarge();
    }
    if (!res.body) return null;
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks, total);
  };

  const notify = (e: RateLimitEvent): boolean => {
    try {
      opts.onRateLimit?.(e);
    } catch {
      /* a logging callback never breaks a request */
    }
    return e.willRetry;
  };

  const client = new AuditOctokit({
    auth: opts.token || undefined,
    baseUrl,
    userAgent: opts.userAgent ?? `${TOOL_NAME}/${TOOL_VERSION}`,
    log: quietLog,
    request: { fetch: guardedFetch },
    // 429 joins the plugin's default no-retry list: GitHub answers 429 (like 403) for rate limits, which the
    // throttling plugin already decided on (wait as asked, or stop); retrying them again would only spend requests.
    retry: { retries, retryAfterBaseValue: retryBaseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      retryAfterBaseValue: opts.retryAfterUnitMs ?? 1000,
      // GraphQL queries are reads: let several run at once instead of the plugin's one-per-second write pacing.
      write: new Bottleneck.Group({ maxConcurrent: opts.graphqlConcurrency ?? 10, minTime: 0 }),
      onRateLimit: (retryAfter, options, _o, retryCount) =>
        notify({
          kind: 'primary',
          retryAfterSec: retryAfter,
          method: options.method,
          url: options.url,
          retryCount,
          willRetry: retryCount === 0 && retryAfter <= (opts.maxPrimaryWaitSec ?? 0),
        }),
      onSecondaryRateLimit: (retryAfter, options, _o, retryCount) =>
        notify({
          kind: 'secondary',
          retryAfterSec: retryAfter,
          method: options.method,
          url: options.url,
          retryCount,
          willRetry: retryCount < (opts.secondaryRetries ?? 2) && retryAfter <= (opts.maxSecondaryWaitSec ?? 120),
        }),
    },
  });
  return Object.assign(client, { audit: state });
}

/** The lowest rate-limit budget seen so far (the one that will run out first), or null before any answer. */
export function lowestRateLimit(client: GithubClient): RateLimitState | null {
  let low: RateLimitState | null = null;
  for (const r of client.audit.rateLimits.values()) if (!low || r.remaining < low.remaining) low = r;
  return low;
}
