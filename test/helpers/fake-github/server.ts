import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback.js';

/**
 * A real HTTP server on 127.0.0.1 that speaks the GitHub endpoints a test registers. Octokit is pointed at it with
 * `baseUrl` / GITHUB_API_URL; nothing is mocked at the function level. Route modules (issues.ts, repos.ts,
 * graphql.ts) add handlers whose bodies are typed with @octokit/openapi-types.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  params: Record<string, string>;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent exactly as given instead of `body` (invalid JSON, HTML error pages). */
  raw?: string | Uint8Array;
  /**
   * Streams `chunk` `times` times (default: forever) after the `prefix`, honouring back-pressure, until the client
   * goes away. For huge or endless bodies; `FakeGitHub.streamedBytes` counts what was written.
   */
  stream?: { prefix?: string; chunk: string | Uint8Array; times?: number };
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  re: RegExp;
  keys: string[];
  handler: Handler;
}

export class FakeGitHub extends LoopbackServer {
  readonly requests: FakeRequest[] = [];
  private routes: Route[] = [];
  /** Delay added to every response (benchmarks). */
  latencyMs = 0;
  /** Bytes written by `stream` answers, and how many of those streams ended because the client went away. */
  streamedBytes = 0;
  streamsAbandoned = 0;

  /** Registers a handler; `pattern` is a path like /repos/:owner/:repo/issues/:number/comments. Later routes win. */
  route(method: string, pattern: string, handler: Handler): this {
    const keys: string[] = [];
    const re = new RegExp(
      '^' + pattern.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, k: string) => (keys.push(k), '([^/]+)')) + '/?$',
    );
    this.routes.unshift({ method: method.toUpperCase(), re, keys, handler });
    return this;
  }

  /** Requests matching method and path prefix (for asserting request counts). */
  count(method: string, pathPrefix = ''): number {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.path.startsWith(pathPrefix)).length;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep raw */
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let out: FakeResponse = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.re.exec(u.pathname);
      if (!m) continue;
      const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
      const fr: FakeRequest = { method, path: u.pathname, query: u.searchParams, headers: req.headers, body, params };
      this.requests.push(fr);
      try {
        out = await r.handler(fr);
      } catch (e) {
        out = { status: 500, body: { message: `fake server error: ${(e as Error).message}` } };
      }
      break;
    }
    if (out.status === 404 && !this.requests.some((r) => r.path === u.pathname && r.method === method)) {
      this.requests.push({ method, path: u.pathname, query: u.searchParams, headers: req.headers, body, params: {} });
    }
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...out.headers,
    };
    res.writeHead(out.status, headers);
    if (out.stream) return this.stream(res, out.stream);
    if (out.raw !== undefined) return void res.end(out.raw);
    res.end(out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
  }

  private async stream(res: ServerResponse, s: NonNullable<FakeResponse['stream']>): Promise<void> {
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    const write = async (b: string | Uint8Array): Promise<void> => {
      this.streamedBytes += typeof b === 'string' ? Buffer.byteLength(b) : b.byteLength;
      if (!res.write(b)) await new Promise<void>((r) => (res.once('drain', r), res.once('close', r)));
    };
    if (s.prefix) await write(s.prefix);
    for (let i = 0; !gone && i < (s.times ?? Infinity); i++) await write(s.chunk);
    if (gone) this.streamsAbandoned++;
    else res.end();
  }
}
