/**
 * Repositories for the loopback GitHub (FakeGitHub): a store of repos (read from a real git repository with git, or
 * made from files in memory), the REST routes the GitHub source calls (git trees and blobs, 301 for renamed repos,
 * 409 for empty ones), a simulated rate-limit budget, and faults a test can inject. Bodies are typed with GitHub's
 * OpenAPI description (@octokit/openapi-types). GraphQL is in graphql.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import { mountGraphql, type GraphqlOptions } from './graphql.js';
import type { FakeGitHub, FakeRequest, FakeResponse } from './server.js';

type GitTree = components['schemas']['git-tree'];
type Blob = components['schemas']['blob'];
type BasicError = components['schemas']['basic-error'];

export interface FakeCommit {
  oid: string;
  treeOid: string;
  /** Full message, as GitHub's Commit.message gives it (no trailing newline). */
  message: string;
  authorName: string;
  authorEmail: string;
  /** Author date with the author's offset, as `git log --format=%aI` (GitHub's GitActor.date). */
  authorDate: string;
  committedDate: string;
  parents: string[];
  /** Files changed, as `git log --name-only` counts them (GitHub's changedFilesIfAvailable). */
  changedFiles: number | null;
  /** Text lines added and deleted against the first parent, binary files 0 (GitHub's additions and deletions). */
  additions: number;
  deletions: number;
}

export interface FakeTreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  /** Names it had before a rename: REST answers 301, GraphQL resolves them to the new name. */
  oldNames?: string[];
  /** Private and invisible to the token: 404 / NOT_FOUND. */
  hidden?: boolean;
  isFork?: boolean;
  parent?: string;
  isArchived?: boolean;
  isPrivate?: boolean;
  description?: string | null;
  homepageUrl?: string | null;
  topics?: string[];
  stars?: number;
  primaryLanguage?: string | null;
  defaultBranch?: string;
  pushedAt?: string;
  /** Default branch history, newest first (git log order). Empty = an empty repository. */
  commits: FakeCommit[];
  /** Trees by tree oid (the head commit's tree at least). */
  trees: Map<string, { entries: FakeTreeEntry[]; truncated?: boolean }>;
  blobs: Map<string, Uint8Array>;
  /** Other refs: branch or tag name -> commit oid (must be in `commits`); annotated tags: name -> tag object. */
  refs?: Record<string, string>;
  tags?: Record<string, { oid: string; commit: string }>;
}

/**
 * A fault: when a request matches, wait `delayMs` and answer `response` (or go on normally when there is none).
 * `times` limits how often it fires (default: always). GraphQL faults match on the query text.
 */
export interface Fault {
  api?: 'rest' | 'graphql';
  match?: RegExp | ((req: FakeRequest) => boolean);
  times?: number;
  delayMs?: number;
  response?: FakeResponse | ((req: FakeRequest) => FakeResponse);
  /**
   * Rewrites the normal answer instead of replacing it (partial GraphQL data: null some fields and add `errors`,
   * like GitHub does when a part of a query fails). Ignored when `response` is set.
   */
  transform?: (res: FakeResponse, req: FakeRequest) => FakeResponse;
}

export class FakeRepos {
  readonly repos: FakeRepo[] = [];
  readonly faults: Fault[] = [];
  /** GraphQL documents that failed validation against GitHub's schema (tests assert this stays empty). */
  readonly rejectedQueries: Array<{ query: string; errors: string[] }> = [];
  /** Text longer than this comes back with isTruncated (GraphQL Blob.text). */
  blobTextLimit = 512 * 1024;
  /** Blobs asked for as raw data come back as the JSON blob instead (a server that ignores the media type). */
  ignoreRawMediaType = false;
  /** A rate-limit budget per resource; when set, spent budgets answer like GitHub (403 / RATE_LIMITED). */
  budget?: { core: number; graphql: number; reset: number };
  private nextId = 1000;

  add(repo: Omit<FakeRepo, 'id'> & { id?: number }): FakeRepo {
    const r: FakeRepo = { ...repo, id: repo.id ?? this.nextId++ };
    this.repos.push(r);
    return r;
  }

  /** By current or old name (case-insensitive); `renamed` when an old name matched. */
  find(owner: string, name: string): { repo: FakeRepo; renamed: boolean } | null {
    const key = `${owner}/${name}`.toLowerCase();
    for (const r of this.repos) {
      if (`${r.owner}/${r.name}`.toLowerCase() === key) return { repo: r, renamed: false };
    }
    for (const r of this.repos) {
      if ((r.oldNames ?? []).some((o) => o.toLowerCase() === key)) return { repo: r, renamed: true };
    }
    return null;
  }

  byId(id: number): FakeRepo | undefined {
    return this.repos.find((r) => r.id === id);
  }

  /** The first fault matching `req` (and counts it), if any. */
  fault(api: 'rest' | 'graphql', req: FakeRequest): Fault | undefined {
    for (const f of this.faults) {
      if (f.api && f.api !== api) continue;
      if ((f.times ?? Infinity) <= 0) continue;
      const subject = api === 'graphql' ? String((req.body as { query?: string } | undefined)?.query ?? '') : req.path;
      const ok = !f.match || (f.match instanceof RegExp ? f.match.test(subject) : f.match(req));
      if (!ok) continue;
      if (f.times !== undefined) f.times--;
      return f;
    }
    return undefined;
  }

  /**
   * Applies a matching fault: its answer, or undefined to go on (after its delay). With a `transform`, `normal`
   * computes the usual answer, which the fault rewrites.
   */
  async applyFault(api: 'rest' | 'graphql', req: FakeRequest, normal?: () => Promise<FakeResponse>): Promise<FakeResponse | undefined> {
    const f = this.fault(api, req);
    if (!f) return undefined;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.response) return typeof f.response === 'function' ? f.response(req) : f.response;
    if (f.transform && normal) return f.transform(await normal(), req);
    return undefined;
  }

  /** Spends one request of `resource`; returns GitHub's answer when the budget is gone, else rate-limit headers. */
  spend(resource: 'core' | 'graphql'): { headers: Record<string, string>; exhausted: boolean } {
    if (!this.budget) return { headers: { 'x-ratelimit-resource': resource }, exhausted: false };
    const left = this.budget[resource];
    const exhausted = left <= 0;
    if (!exhausted) this.budget[resource] = left - 1;
    return {
      exhausted,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(0, this.budget[resource])),
        'x-ratelimit-reset': String(this.budget.reset),
        'x-ratelimit-resource': resource,
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Canned fault answers, shaped like GitHub's

export function primaryRateLimited(resetEpochSec: number, resource = 'core', status: 403 | 429 = 403): FakeResponse {
  const body: BasicError = {
    message: 'API rate limit exceeded for user ID 1.',
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  };
  return {
    status,
    body,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetEpochSec),
      'x-ratelimit-resource': resource,
    },
  };
}

export function secondaryRateLimited(retryAfterSec: number, status: 403 | 429 = 403): FakeResponse {
  const body: BasicError = {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  };
  return { status, body, headers: { 'retry-after': String(retryAfterSec) } };
}

/** GraphQL's primary rate limit: HTTP 200 with a RATE_LIMITED error. */
export function graphqlRateLimited(resetEpochSec: number): FakeResponse {
  return {
    status: 200,
    body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] },
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetEpochSec),
      'x-ratelimit-resource': 'graphql',
    },
  };
}

/** What GitHub answers when a GraphQL query runs out of time. */
export const GRAPHQL_TIMEOUT_MESSAGE =
  'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `0000:1111:2222:3333` when reporting this issue.';

export function graphqlTimeout(): FakeResponse {
  return { status: 200, body: { data: null, errors: [{ message: GRAPHQL_TIMEOUT_MESSAGE }] } };
}

export function serverError(status = 502): FakeResponse {
  return { status, body: { message: 'Server Error' } };
}

// ---------------------------------------------------------------------------------------------------------------
// REST routes

const notFound = (): FakeResponse => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } satisfies BasicError,
});

/** Registers the REST endpoints the GitHub source uses. `prefix` is '/api/v3' to play GitHub Enterprise Server. */
export function mountRepos(server: FakeGitHub, store: FakeRepos, opts: { prefix?: string } = {}): void {
  const p = opts.prefix ?? '';
  const base = (): string => `${server.url}${p}`;

  const guard = async (req: FakeRequest): Promise<FakeResponse | { headers: Record<string, string> }> => {
    const faulted = await store.applyFault('rest', req);
    if (faulted) return faulted;
    const s = store.spend('core');
    if (s.exhausted) {
      const r = primaryRateLimited(store.budget!.reset);
      return { ...r, headers: { ...r.headers, ...s.headers } };
    }
    return { headers: s.headers };
  };
  const isAnswer = (x: FakeResponse | { headers: Record<string, string> }): x is FakeResponse => 'status' in x;

  /** Resolves owner/repo: the repo, a 301 to its id URL for an old name, or 404. */
  const lookup = (req: FakeRequest, rest: string): FakeRepo | FakeResponse => {
    const f = store.find(req.params.owner, req.params.repo);
    if (!f || f.repo.hidden) return notFound();
    if (f.renamed) {
      const q = req.query.toString();
      const location = `${base()}/repositories/${f.repo.id}/${rest}${q ? `?${q}` : ''}`;
      return { status: 301, body: { message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/rest' }, headers: { location } };
    }
    return f.repo;
  };

  const tree = (repo: FakeRepo, sha: string, headers: Record<string, string>): FakeResponse => {
    if (repo.commits.length === 0) return { status: 409, body: { message: 'Git Repository is empty.', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree' }, headers };
    // Like GitHub, a tree is found by its id, a commit's id, or a branch name.
    const commitOid = sha === (repo.defaultBranch ?? 'main') ? repo.commits[0]?.oid : (repo.refs?.[sha] ?? sha);
    const t = repo.trees.get(sha) ?? repo.trees.get(repo.commits.find((c) => c.oid === commitOid)?.treeOid ?? '');
    if (!t) return { ...notFound(), headers };
    const url = (kind: string, s: string): string => `${base()}/repos/${repo.owner}/${repo.name}/git/${kind}/${s}`;
    const body: GitTree = {
      sha,
      url: url('trees', sha),
      truncated: !!t.truncated,
      tree: t.entries.map((e) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size ?? repo.blobs.get(e.sha)?.byteLength ?? 0 } : {}),
        url: url(e.type === 'tree' ? 'trees' : 'blobs', e.sha),
      })),
    };
    return { status: 200, body, headers };
  };

  const blob = (repo: FakeRepo, sha: string, headers: Record<string, string>, accept?: string): FakeResponse => {
    const b = repo.blobs.get(sha);
    if (!b) return { ...notFound(), headers };
    // The raw media type: the blob's own bytes, as GitHub gives them.
    if (/application\/vnd\.github\.raw\b/.test(accept ?? '') && !store.ignoreRawMediaType) {
      return { status: 200, raw: b, headers: { ...headers, 'content-type': 'application/vnd.github.raw' } };
    }
    const content = (Buffer.from(b).toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n';
    const body: Blob = {
      content,
      encoding: 'base64',
      url: `${base()}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
      sha,
      size: b.byteLength,
      node_id: `B_${sha.slice(0, 12)}`,
    };
    return { status: 200, body, headers };
  };

  server.route('GET', `${p}/repos/:owner/:repo/git/trees/:sha`, async (req) => {
    const g = await guard(req);
    if (isAnswer(g)) return g;
    const r = lookup(req, `git/trees/${req.params.sha}`);
    return 'status' in r ? { ...r, headers: { ...g.headers, ...r.headers } } : tree(r, req.params.sha, g.headers);
  });
  server.route('GET', `${p}/repositories/:id/git/trees/:sha`, async (req) => {
    const g = await guard(req);
    if (isAnswer(g)) return g;
    const r = store.byId(Number(req.params.id));
    return r && !r.hidden ? tree(r, req.params.sha, g.headers) : { ...notFound(), headers: g.headers };
  });
  server.route('GET', `${p}/repos/:owner/:repo/git/blobs/:sha`, async (req) => {
    const g = await guard(req);
    if (isAnswer(g)) return g;
    const r = lookup(req, `git/blobs/${req.params.sha}`);
    return 'status' in r ? { ...r, headers: { ...g.headers, ...r.headers } } : blob(r, req.params.sha, g.headers, String(req.headers.accept ?? ''));
  });
  server.route('GET', `${p}/repositories/:id/git/blobs/:sha`, async (req) => {
    const g = await guard(req);
    if (isAnswer(g)) return g;
    const r = store.byId(Number(req.params.id));
    return r && !r.hidden ? blob(r, req.params.sha, g.headers, String(req.headers.accept ?? '')) : { ...notFound(), headers: g.headers };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Building repos

function git(dir: string, args: string[]): Buffer {
  return execFileSync('git', ['-c', 'log.showRoot=true', '-c', 'core.quotepath=false', ...args], {
    cwd: dir,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    maxBuffer: 256 * 1024 * 1024,
  });
}

export type RepoMeta = Partial<Omit<FakeRepo, 'commits' | 'trees' | 'blobs' | 'owner' | 'name'>>;

/**
 * Reads a real git repository with git (`git ls-tree -r -t -l`, `git cat-file`, `git log`) into a FakeRepo, so
 * the fake API answers exactly what GitHub would for it: same files, sizes, blobs, commits, dates and file counts.
 */
export function fakeRepoFromGit(dir: string, owner: string, name: string, meta: RepoMeta = {}): Omit<FakeRepo, 'id'> {
  const headTree = git(dir, ['rev-parse', 'HEAD^{tree}']).toString('utf8').trim();
  const entries: FakeTreeEntry[] = [];
  for (const rec of git(dir, ['ls-tree', '-r', '-t', '-l', '-z', 'HEAD']).toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha, size] = rec.slice(0, tab).split(/\s+/);
    entries.push({ path: rec.slice(tab + 1), mode, type: type as FakeTreeEntry['type'], sha, ...(size !== '-' ? { size: Number(size) } : {}) });
  }
  const blobs = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.type === 'blob' && !blobs.has(e.sha)) blobs.set(e.sha, new Uint8Array(git(dir, ['cat-file', 'blob', e.sha])));
  }
  const changed = new Map<string, number>();
  let cur = '';
  for (const tok of git(dir, ['log', '-z', '--no-renames', '--name-only', '--format=%x1e%H', 'HEAD']).toString('utf8').split('\0')) {
    if (tok.startsWith('\x1e')) {
      cur = tok.slice(1);
      changed.set(cur, 0);
    } else if (tok.replace(/^\n/, '')) changed.set(cur, (changed.get(cur) ?? 0) + 1);
  }
  // Lines added and deleted per commit, as GitHub counts them: against the first parent, a binary file ('-') 0.
  const lines = new Map<string, { additions: number; deletions: number }>();
  for (const tok of git(dir, ['log', '-z', '--no-renames', '--numstat', '--format=%x1e%H', 'HEAD']).toString('utf8').split('\0')) {
    if (tok.startsWith('\x1e')) {
      cur = tok.slice(1);
      lines.set(cur, { additions: 0, deletions: 0 });
      continue;
    }
    const [a, d] = tok.replace(/^\n/, '').split('\t');
    const l = lines.get(cur);
    if (l && a !== undefined && d !== undefined && a !== '-') {
      l.additions += Number(a);
      l.deletions += Number(d);
    }
  }
  const commits: FakeCommit[] = [];
  for (const rec of git(dir, ['log', '-z', '--format=%H%x1f%T%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%B', 'HEAD']).toString('utf8').split('\0')) {
    if (!rec) continue;
    const [oid, treeOid, parents, an, ae, aI, cI, ...msg] = rec.split('\x1f');
    const ps = parents ? parents.split(' ').filter(Boolean) : [];
    commits.push({
      oid,
      treeOid,
      message: msg.join('\x1f').replace(/\n+$/, ''),
      authorName: an,
      authorEmail: ae,
      authorDate: aI,
      committedDate: cI,
      parents: ps,
      // GitHub counts a merge's files too; git log lists none. The source ignores it for merges, as local does.
      changedFiles: changed.get(oid) ?? 0,
      // GitHub counts a merge's lines too (the source ignores them for merges); git log --numstat shows none.
      additions: lines.get(oid)?.additions ?? 0,
      deletions: lines.get(oid)?.deletions ?? 0,
    });
  }
  return {
    owner,
    name,
    defaultBranch: 'main',
    commits,
    trees: new Map([[headTree, { entries }]]),
    blobs,
    pushedAt: commits[0]?.committedDate,
    ...meta,
  };
}

const sha1 = (s: string | Uint8Array): string => createHash('sha1').update(s).digest('hex');
export const gitBlobSha = (b: Uint8Array): string => sha1(Buffer.concat([Buffer.from(`blob ${b.byteLength}\0`), b]));

export interface MemoryCommit {
  message: string;
  date: string;
  author?: { name: string; email: string };
  changedFiles?: number | null;
  /** Lines added and deleted (GitHub's additions, deletions); default: 10 a file changed, none deleted. */
  additions?: number;
  deletions?: number;
  merge?: boolean;
}

/**
 * A repo from files in memory (no git): blob ids are real git blob ids; one tree for the head; commits as given
 * (newest first), default one commit adding every file. For benchmarks and fault tests.
 */
export function fakeRepoFromFiles(
  owner: string,
  name: string,
  files: Record<string, string | Uint8Array>,
  opts: RepoMeta & { commits?: MemoryCommit[]; modes?: Record<string, string>; truncated?: boolean } = {},
): Omit<FakeRepo, 'id'> {
  const { commits: given, modes, truncated, ...meta } = opts;
  const blobs = new Map<string, Uint8Array>();
  const entries: FakeTreeEntry[] = [];
  const dirs = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    const b = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const sha = gitBlobSha(b);
    blobs.set(sha, b);
    entries.push({ path, mode: modes?.[path] ?? '100644', type: 'blob', sha, size: b.byteLength });
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const d of dirs) entries.push({ path: d, mode: '040000', type: 'tree', sha: sha1(`tree ${owner}/${name}/${d}`) });
  entries.sort((a, b) => (a.path < b.path ? -1 : 1));
  const treeOid = sha1(`tree ${owner}/${name}:${entries.map((e) => e.sha).join()}`);
  // The default commit adds every file: its lines are the files' text lines (as git counts them; binary files 0).
  const textLines = (c: string | Uint8Array): number => (typeof c === 'string' ? c.split('\n').length - (c.endsWith('\n') || c === '' ? 1 : 0) : 0);
  const list: MemoryCommit[] = given ?? [
    { message: 'Initial commit', date: '2025-01-01T12:00:00+00:00', changedFiles: Object.keys(files).length, additions: Object.values(files).reduce((n, c) => n + textLines(c), 0) },
  ];
  const oids = list.map((c, i) => sha1(`commit ${owner}/${name} ${i} ${c.message} ${c.date}`));
  const commits: FakeCommit[] = list.map((c, i) => ({
    oid: oids[i],
    treeOid,
    message: c.message,
    authorName: c.author?.name ?? 'Ada Candidate',
    authorEmail: c.author?.email ?? 'ada@example.com',
    authorDate: c.date,
    committedDate: c.date,
    parents: [...(i + 1 < oids.length ? [oids[i + 1]] : []), ...(c.merge ? [sha1(`side ${i}`)] : [])],
    changedFiles: c.changedFiles === undefined ? 1 : c.changedFiles,
    additions: c.additions ?? 10 * (c.changedFiles === undefined ? 1 : (c.changedFiles ?? 0)),
    deletions: c.deletions ?? 0,
  }));
  return {
    owner,
    name,
    defaultBranch: 'main',
    commits: Object.keys(files).length || given ? commits : [],
    trees: new Map([[treeOid, { entries, truncated }]]),
    blobs,
    pushedAt: list[0]?.date,
    ...meta,
  };
}

/** A started FakeGitHub with the REST and GraphQL routes of `store` mounted (GHES layout with `enterprise`). */
export async function startFakeGithub(
  server: FakeGitHub,
  store: FakeRepos,
  opts: { enterprise?: boolean; historyTimeoutAbove?: number } = {},
): Promise<{ baseUrl: string; graphql: GraphqlOptions }> {
  mountRepos(server, store, { prefix: opts.enterprise ? '/api/v3' : '' });
  const { options } = mountGraphql(server, store, {
    path: opts.enterprise ? '/api/graphql' : '/graphql',
    historyTimeoutAbove: opts.historyTimeoutAbove,
  });
  const url = await server.start();
  return { baseUrl: opts.enterprise ? `${url}/api/v3` : url, graphql: options };
}
