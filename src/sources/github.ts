/**
 * GitHub source: a repository on GitHub (or GitHub Enterprise Server) as the same RepoSnapshot the local source
 * gives, so every probe works unchanged. Three requests per repository in the usual case:
 *
 *   1. GraphQL: metadata (canonical name after renames, fork, archived, empty, topics...) and the newest 100 commits
 *      with author, date, subject, parent count and files changed;
 *   2. REST `GET /repos/{owner}/{repo}/git/trees/{tree}?recursive=1`: every file with its size;
 *   3. GraphQL (in `prefetch`): the contents of every file the rules will read, one alias per blob.
 *
 * Contents go through decodeFile, like local files, so binary files, LFS pointers, notebooks and the size caps
 * behave the same. Files above the cap are never downloaded. Faults become SkipError (status 'skipped'),
 * GithubError (status 'error') or a 'partial' status on the snapshot (`source.status`), see github-errors.ts.
 */
import { comparePaths } from './path-order.js';
import { posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findReadme } from '../probes/readme-doc.js';
import type { Commit, FileEntry, RepoMetadata, RepoSnapshot, SourceNote, TextFile } from '../types.js';
import { decodeFile, sizeCapFor } from './decode.js';
import type { GithubClient } from './github-client.js';
import { classifyError, GithubError, isAbort, isPrimaryRateLimit, isTimeoutLike, SkipError } from './github-errors.js';
import {
  blobsQuery,
  HISTORY_PAGE_QUERY,
  repoQuery,
  USER_REPOS_QUERY,
  type GqlBlob,
  type GqlCommit,
  type GqlHistory,
  type GqlHistoryHolder,
  type GqlRepo,
  type GqlUserRepos,
} from './github-queries.js';
import { formatTarget, parseRepoTarget, type RepoTarget } from './github-target.js';

export { createGithubClient, graphqlUrl, apiBaseUrl, lowestRateLimit } from './github-client.js';
export type { GithubClient, GithubClientOptions, RateLimitEvent, RateLimitState, ClientState } from './github-client.js';
export { parseRepoTarget, formatTarget, targetKey, resolveTargets, splitTargetList, looksRemote, TargetError } from './github-target.js';
export type { RepoTarget, ResolvedTarget } from './github-target.js';
export { SkipError, RateLimitError, BudgetError, GithubError, AuthError, classifyError } from './github-errors.js';

export interface GithubSnapshotOptions {
  /** Aborts every request (the run's overall time budget). */
  signal?: AbortSignal;
  /** Commits of history to read (newest first). Default 100. */
  historyLimit?: number;
  /** Commits per GraphQL page; halved when GitHub times out on a big history. Default 100 (GitHub's maximum). */
  historyPageSize?: number;
  /** Blobs per GraphQL query. Default 300 (the engine's PREFETCH_LIMIT, so one query in the usual case). */
  maxBlobsPerQuery?: number;
  /** Estimated bytes of text per GraphQL query (from tree sizes); a bigger set is split. Default 8 MB. */
  maxBytesPerQuery?: number;
}

export interface RemoteSourceInfo {
  /** What the user asked for. */
  input: string;
  /** Canonical `owner/name` (after renames), plus `@ref` when a ref was asked for. */
  canonical: string;
  ref?: string;
  /** 'partial' when something could not be read completely (truncated file list, contents unavailable). */
  status: 'ok' | 'partial';
  /** Why the status is partial, and other facts worth a reason line (renamed). */
  reasons: string[];
  /** Requests this snapshot sent (GraphQL and REST calls, own retries included). */
  requests: number;
  /** Set when the name asked for was an old name. */
  renamedFrom?: string;
}

/** A RepoSnapshot from GitHub, with what the source knows about how complete it is. */
export interface RemoteSnapshot extends RepoSnapshot {
  source: RemoteSourceInfo;
}

const DEFAULT_HISTORY = 100;
const MIN_HISTORY_PAGE = 10;
const DEFAULT_BLOBS_PER_QUERY = 300;
const DEFAULT_BYTES_PER_QUERY = 8 * 1024 * 1024;

/**
 * Own retry loop for GraphQL (the retry plugin would resend a timed-out query unchanged): 5xx waits and retries;
 * a timeout is handed back to a caller that can ask for less (`shrinkable`), and retried like a 5xx otherwise.
 */
async function graphql<T>(
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

function subjectOf(message: string): string {
  // git's %s: the first paragraph, each line's trailing white space removed, lines joined by a space.
  const out: string[] = [];
  for (const line of message.split('\n')) {
    const t = line.replace(/\s+$/, '');
    if (!t) break;
    out.push(t);
  }
  return out.join(' ');
}

function toCommit(n: GqlCommit): Commit {
  const merge = n.parents.totalCount > 1;
  return {
    sha: n.oid,
    authorName: n.author?.name ?? '',
    authorEmail: n.author?.email ?? '',
    // GitActor.date keeps the author's offset, exactly as `git log --format=%aI`.
    date: n.author?.date ?? n.authoredDate,
    subject: subjectOf(n.message),
    // The local source counts no files for merges (git log lists none); do the same.
    filesChanged: merge ? null : (n.changedFilesIfAvailable ?? null),
    merge,
  };
}


/** Commit of the default branch or of the ref, peeling (annotated) tags. */
function headOf(holder: GqlHistoryHolder | null | undefined): GqlHistoryHolder | null {
  let h = holder;
  for (let i = 0; h && i < 3; i++) {
    if (h.history && h.oid && h.tree) return h;
    h = h.target;
  }
  return null;
}

interface TreeEntry {
  oid: string;
  mode: string;
  size: number;
}

type Raw =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'binary'; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing'; message: string };

/**
 * Audits-ready snapshot of `target` (owner/name[@ref], URL, or a parsed RepoTarget). Throws SkipError for an empty
 * repository, RateLimitError / BudgetError (skipped) when budgets run out, GithubError for not found / no access
 * and other failures.
 */
export async function githubSnapshot(
  client: GithubClient,
  target: RepoTarget | string,
  opts: GithubSnapshotOptions = {},
): Promise<RemoteSnapshot> {
  const input = typeof target === 'string' ? target : formatTarget(target);
  const t = typeof target === 'string' ? parseRepoTarget(target) : target;
  const asked = `${t.owner}/${t.name}`;
  const signal = opts.signal;
  const info: RemoteSourceInfo = { input, canonical: formatTarget(t), status: 'ok', reasons: [], requests: 0 };
  if (t.ref) info.ref = t.ref;
  const count = (): void => {
    info.requests++;
  };
  try {
    return await load();
  } catch (e) {
    throw classifyError(e);
  }

  async function load(): Promise<RemoteSnapshot> {
    // 1. Metadata and history (a smaller page when GitHub times out on a big history).
    const limit = Math.max(1, opts.historyLimit ?? DEFAULT_HISTORY);
    let page = Math.min(100, limit, Math.max(1, opts.historyPageSize ?? 100));
    let repo: GqlRepo | null = null;
    let metaGaps = '';
    for (;;) {
      try {
        const vars: Record<string, unknown> = { owner: t.owner, name: t.name, first: page };
        if (t.ref) vars.ref = t.ref;
        repo = (
          await graphql<{ repository: GqlRepo | null }>(client, repoQuery(!!t.ref), vars, { signal, count, shrinkable: page > MIN_HISTORY_PAGE })
        ).repository;
        break;
      } catch (e) {
        // Errors on a part of the answer (e.g. the parent of a fork the token cannot see) leave the rest usable.
        const partial = usablePartial(e);
        if (partial) {
          repo = partial.repository;
          metaGaps = partial.messages;
          break;
        }
        if (isTimeoutLike(e) && page > MIN_HISTORY_PAGE) {
          page = Math.max(MIN_HISTORY_PAGE, Math.ceil(page / 2));
          continue;
        }
        throw e;
      }
    }
    if (!repo) throw new GithubError(`${asked}: not found or no access`, undefined, 404);
    const [owner, name] = repo.nameWithOwner.split('/');
    info.canonical = formatTarget({ owner, name, ref: t.ref });
    const notes: SourceNote[] = [];
    if (metaGaps) notes.push({ kind: 'info', message: `GitHub left parts of the metadata out: ${metaGaps}` });
    if (repo.nameWithOwner.toLowerCase() !== asked.toLowerCase()) {
      info.renamedFrom = asked;
      notes.push({ kind: 'info', message: `renamed: asked for ${asked}, GitHub answers with ${repo.nameWithOwner}` });
    }
    if (repo.isEmpty) throw new SkipError('empty repository: no commits');
    const head = headOf(t.ref ? repo.ref : repo.defaultBranchRef?.target);
    if (!head?.oid || !head.tree || !head.history) {
      if (t.ref) throw new GithubError(`${info.canonical}: ref "${t.ref}" not found`, 'Give an existing branch, tag or commit sha.', 404);
      throw new SkipError('empty repository: no default branch');
    }
    const commitOid = head.oid;
    const metadata: RepoMetadata = {
      fork: repo.isFork,
      archived: repo.isArchived,
      description: repo.description,
      homepage: repo.homepageUrl || null,
      topics: (repo.repositoryTopics.nodes ?? []).flatMap((n) => (n ? [n.topic.name] : [])),
      stars: repo.stargazerCount,
      primaryLanguage: repo.primaryLanguage?.name ?? null,
      url: repo.url,
    };
    if (repo.parent) metadata.parent = repo.parent.nameWithOwner;
    if (repo.defaultBranchRef) metadata.defaultBranch = repo.defaultBranchRef.name;
    if (repo.isArchived) notes.push({ kind: 'info', message: 'archived on GitHub (read-only)' });
    if (repo.isFork) notes.push({ kind: 'info', message: `fork of ${repo.parent?.nameWithOwner ?? 'another repository'}` });

    const hist: GqlHistory = head.history;
    const commits: Commit[] = (hist.nodes ?? []).flatMap((n) => (n ? [toCommit(n)] : []));
    let pageInfo = hist.pageInfo;
    while (commits.length < limit && pageInfo.hasNextPage && pageInfo.endCursor) {
      const first = Math.min(page, limit - commits.length);
      let h: GqlHistory | undefined;
      try {
        const r = await graphql<{ repository: { object: { history?: GqlHistory } | null } | null }>(
          client,
          HISTORY_PAGE_QUERY,
          { owner, name, oid: commitOid, first, after: pageInfo.endCursor },
          { signal, count, shrinkable: page > MIN_HISTORY_PAGE },
        );
        h = r.repository?.object?.history;
      } catch (e) {
        if (isTimeoutLike(e) && page > MIN_HISTORY_PAGE) {
          page = Math.max(MIN_HISTORY_PAGE, Math.ceil(page / 2));
          continue;
        }
        if (isTimeoutLike(e)) {
          info.status = 'partial';
          info.reasons.push(`history: GitHub timed out after ${commits.length} commits`);
          break;
        }
        throw e;
      }
      if (!h) break;
      commits.push(...(h.nodes ?? []).flatMap((n) => (n ? [toCommit(n)] : [])));
      pageInfo = h.pageInfo;
    }
    const truncatedHistory = hist.totalCount > commits.length;
    if (truncatedHistory) {
      notes.push({ kind: 'info', message: `history: the newest ${commits.length} of ${hist.totalCount} commits were read` });
    }

    // 2. Every file, with sizes, in one recursive tree request (by the commit's tree id, under the canonical name).
    count();
    const treeRes = await client.rest.git.getTree({ owner, repo: name, tree_sha: head.tree.oid, recursive: '1', request: { signal } });
    const entries = new Map<string, TreeEntry>();
    const dirs = new Set<string>();
    const files: FileEntry[] = [];
    for (const e of treeRes.data.tree) {
      if (!e.path) continue;
      if (e.type === 'tree') dirs.add(e.path);
      if (e.type !== 'blob' || !e.sha) continue; // 'commit' entries are submodules: not files of this repo
      const size = e.size ?? 0;
      entries.set(e.path, { oid: e.sha, mode: e.mode ?? '100644', size });
      files.push({ path: e.path, size });
    }
    files.sort((a, b) => comparePaths(a.path, b.path));
    const oidSize = new Map([...entries.values()].map((e) => [e.oid, e.size]));
    if (treeRes.data.truncated) {
      info.status = 'partial';
      const why = `file list truncated by GitHub at ${files.length} files (huge repository)`;
      info.reasons.push(why);
      notes.push({ kind: 'truncated', message: `${why}: files beyond it are not audited` });
    }

    // 3. Contents, in bulk, when asked (prefetch) or on a read the plan did not foresee (batched per tick).
    const raw = new Map<string, Raw>();
    const inflight = new Map<string, Promise<void>>();
    let batch: Set<string> | null = null;
    let batchDone: Promise<void> | null = null;
    let fatal: Error | null = null;

    const restBlob = async (oid: string): Promise<Raw> => {
      count();
      const r = await client.rest.git.getBlob({ owner, repo: name, file_sha: oid, request: { signal } });
      const bytes = r.data.encoding === 'base64' ? Buffer.from(r.data.content, 'base64') : Buffer.from(r.data.content, 'utf8');
      return { kind: 'bytes', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    };

    const fromBlob = async (b: GqlBlob | null): Promise<Raw> => {
      if (!b) return { kind: 'missing', message: 'skipped: GitHub returned no content for this file' };
      if (b.isBinary) return { kind: 'binary', size: b.byteSize };
      // Truncated text (large files) or text GitHub could not give as UTF-8: fetch the exact bytes.
      if (b.isTruncated || b.text === null) return restBlob(b.oid);
      return { kind: 'bytes', bytes: new TextEncoder().encode(b.text) };
    };

    const fetchChunk = async (oids: string[], out: Map<string, Raw>): Promise<void> => {
      let data: { repository: Record<string, GqlBlob | null> | null };
      try {
        data = await graphql(client, blobsQuery(oids), { owner, name }, { signal, count, shrinkable: oids.length > 1 });
      } catch (e) {
        if (isTimeoutLike(e) && oids.length > 1) {
          const half = Math.ceil(oids.length / 2);
          await fetchChunk(oids.slice(0, half), out);
          await fetchChunk(oids.slice(half), out);
          return;
        }
        throw e;
      }
      for (let i = 0; i < oids.length; i++) out.set(oids[i], await fromBlob(data.repository?.[`b${i}`] ?? null));
    };

    /** Fetches the blobs of `paths` (files over the cap are not fetched: their size says enough). */
    const fetchPaths = async (paths: string[]): Promise<void> => {
      const oids: string[] = [];
      const seen = new Set<string>();
      for (const p of paths) {
        const e = entries.get(p);
        if (!e || raw.has(p)) continue;
        if (e.mode !== '120000' && e.size > sizeCapFor(p)) continue;
        if (!seen.has(e.oid)) {
          seen.add(e.oid);
          oids.push(e.oid);
        }
      }
      const byOid = new Map<string, Raw>();
      const chunks: string[][] = [];
      let cur: string[] = [];
      let bytes = 0;
      const maxN = Math.max(1, opts.maxBlobsPerQuery ?? DEFAULT_BLOBS_PER_QUERY);
      const maxB = opts.maxBytesPerQuery ?? DEFAULT_BYTES_PER_QUERY;
      for (const o of oids) {
        const s = oidSize.get(o) ?? 0;
        if (cur.length && (cur.length >= maxN || bytes + s > maxB)) {
          chunks.push(cur);
          cur = [];
          bytes = 0;
        }
        cur.push(o);
        bytes += s;
      }
      if (cur.length) chunks.push(cur);
      let failure: unknown;
      for (const c of chunks) {
        try {
          await fetchChunk(c, byOid);
        } catch (e) {
          if (isAbort(e) || isPrimaryRateLimit(e)) throw e;
          failure ??= e;
        }
      }
      for (const p of paths) {
        const e = entries.get(p);
        if (!e || raw.has(p)) continue;
        if (e.mode !== '120000' && e.size > sizeCapFor(p)) {
          raw.set(p, { kind: 'too-large', size: e.size });
          continue;
        }
        const r = byOid.get(e.oid);
        raw.set(p, r ?? { kind: 'missing', message: 'skipped: could not fetch the content from GitHub' });
      }
      if (failure) {
        info.status = 'partial';
        const why = `some file contents could not be fetched (${classifyError(failure).message})`;
        if (!info.reasons.includes(why)) info.reasons.push(why);
      }
      // Symbolic links inside the repo: fetch their targets too.
      const targets = paths.flatMap((p) => {
        const e = entries.get(p);
        const r = raw.get(p);
        if (e?.mode !== '120000' || r?.kind !== 'bytes') return [];
        const to = linkTarget(p, r.bytes);
        return to && entries.has(to) && !raw.has(to) ? [to] : [];
      });
      if (targets.length) await fetchPaths(targets);
    };

    const ensure = (paths: string[]): Promise<void> => {
      const waits: Promise<void>[] = [];
      for (const p of paths) {
        if (raw.has(p) || !entries.has(p)) continue;
        let w = inflight.get(p);
        if (!w) {
          if (!batch) {
            const b = (batch = new Set());
            batchDone = new Promise<void>((resolve, reject) =>
              queueMicrotask(() => {
                batch = null;
                fetchPaths([...b]).then(resolve, reject);
              }),
            );
          }
          batch.add(p);
          w = batchDone!;
          inflight.set(p, w);
        }
        waits.push(w);
      }
      return Promise.all(waits).then(() => undefined);
    };

    const tooLarge = (path: string, size: number): null => {
      notes.push({ path, kind: 'too-large', message: `skipped: ${size} bytes is over the ${sizeCapFor(path)}-byte cap` });
      return null;
    };

    /** Decodes exactly like the local source, notes in the order probes read. */
    const decode = async (path: string, shownAs: string, depth: number): Promise<TextFile | null> => {
      const e = entries.get(path);
      if (!e) return null;
      const note = (kind: SourceNote['kind'], message: string): null => {
        notes.push({ path: shownAs, kind, message });
        return null;
      };
      if (e.mode === '120000') {
        await ensure([path]);
        const r = raw.get(path);
        if (r?.kind !== 'bytes') return note('unreadable', r?.kind === 'missing' ? r.message : 'skipped: cannot read the link');
        const to = linkTarget(path, r.bytes);
        if (to === null) return note('symlink-outside', 'skipped: symbolic link pointing outside the repository');
        if (to.split('/')[0] === '.git') return note('symlink-outside', "skipped: symbolic link into git's own metadata");
        if (dirs.has(to)) return note('unreadable', 'skipped: not a regular file');
        if (!entries.has(to) || depth > 8) return note('symlink-outside', 'skipped: symbolic link whose target does not exist');
        return decode(to, shownAs, depth + 1);
      }
      if (e.size > sizeCapFor(shownAs)) return tooLarge(shownAs, e.size);
      await ensure([path]);
      const r = raw.get(path);
      if (!r || r.kind === 'missing') return note('unreadable', r?.message ?? 'skipped: could not fetch the content from GitHub');
      if (r.kind === 'too-large') return tooLarge(shownAs, r.size);
      if (r.kind === 'binary') return r.size > sizeCapFor(shownAs) ? tooLarge(shownAs, r.size) : note('binary', 'skipped: binary file');
      const file = decodeFile(shownAs, r.bytes, notes);
      return file;
    };

    const cache = new Map<string, Promise<TextFile | null>>();
    const snapshot: RemoteSnapshot = {
      id: info.canonical,
      commit: commitOid,
      files,
      history: { commits, shallow: false, truncated: truncatedHistory, totalCount: hist.totalCount },
      metadata,
      notes,
      source: info,
      read(path: string): Promise<TextFile | null> {
        let r = cache.get(path);
        if (!r) {
          r = decode(path, path, 0).catch((e: unknown) => {
            // A read never throws: the file is unreadable, the repo partial, and a spent budget stops the run.
            const err = classifyError(e);
            if (err instanceof SkipError) fatal ??= err;
            info.status = 'partial';
            const why = `some file contents could not be fetched (${err.message})`;
            if (!info.reasons.includes(why)) info.reasons.push(why);
            notes.push({ path, kind: 'unreadable', message: `skipped: ${err.message}` });
            return null;
          });
          cache.set(path, r);
        }
        return r;
      },
      async prefetch(paths: string[]): Promise<void> {
        // The README is what a hiring manager reads first: always fetch it with the planned files.
        const readme = findReadme(files);
        const want = readme && !paths.includes(readme.path) ? [...paths, readme.path] : paths;
        try {
          await ensure(want);
        } catch (e) {
          // Out of budget before any content arrived: this repo cannot be judged fairly, skip it.
          const err = classifyError(e);
          if (err instanceof SkipError) throw err;
          info.status = 'partial';
          info.reasons.push(`file contents could not be fetched (${err.message})`);
        }
        if (fatal) throw fatal;
      },
    };
    return snapshot;
  }
}

/** The answer of a GraphQL error whose errors are all below `repository` (not on it), or null. */
function usablePartial(e: unknown): { repository: GqlRepo; messages: string } | null {
  const x = e as { data?: { repository?: GqlRepo | null }; errors?: Array<{ path?: unknown[]; message?: string; type?: string }> };
  const errors = Array.isArray(x?.errors) ? x.errors : [];
  if (!x?.data?.repository || !errors.length) return null;
  if (errors.some((g) => !Array.isArray(g.path) || g.path.length < 2 || g.type === 'RATE_LIMITED')) return null;
  if (!x.data.repository.nameWithOwner) return null;
  return { repository: x.data.repository, messages: errors.map((g) => g.message ?? '').join('; ').slice(0, 300) };
}

/** Target of a symbolic link, as a repo path; null when it leaves the repository. */
function linkTarget(path: string, bytes: Uint8Array): string | null {
  const to = new TextDecoder().decode(bytes);
  if (to.startsWith('/')) return null;
  const joined = posix.normalize(posix.join(posix.dirname(path), to));
  if (joined === '.' || joined === '..' || joined.startsWith('../')) return null;
  return joined.replace(/\/+$/, '');
}

export interface UserRepos {
  user: string;
  /** Public repositories the user owns (not forks), most recently pushed first, at most maxRepos. */
  owned: string[];
  /** Their public forks: listed, not scored as their work. */
  forks: Array<{ repo: string; parent: string | null }>;
  /** Owned repos that are archived (still audited) and empty (will be skipped). */
  archived: string[];
  empty: string[];
  /** Owned public repos in total (more than `owned` when maxRepos cut the list). */
  totalOwned: number;
  truncated: boolean;
}

/** Lists a user's or organization's public repositories: one GraphQL request per 100 repos. */
export async function listUserRepos(
  client: GithubClient,
  user: string,
  opts: { maxRepos?: number; signal?: AbortSignal } = {},
): Promise<UserRepos> {
  const login = user.trim().replace(/^@/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/.test(login)) {
    throw new GithubError(`invalid user "${user}": not a GitHub account name`, 'Give a login such as octocat.');
  }
  const max = Math.max(1, opts.maxRepos ?? 100);
  const out: UserRepos = { user: login, owned: [], forks: [], archived: [], empty: [], totalOwned: 0, truncated: false };
  let after: string | null = null;
  let first = true;
  try {
    for (;;) {
      const data: GqlUserRepos = await graphql<GqlUserRepos>(
        client,
        USER_REPOS_QUERY,
        { login, first: Math.min(100, max - out.owned.length), after, withForks: first },
        { signal: opts.signal, count: () => {} },
      );
      const owner = data.repositoryOwner;
      if (!owner) throw new GithubError(`user "${login}": not found`, 'Check the spelling of the login.', 404);
      out.user = owner.login;
      out.totalOwned = owner.owned.totalCount;
      for (const n of owner.owned.nodes ?? []) {
        if (!n || out.owned.length >= max) continue;
        out.owned.push(n.nameWithOwner);
        if (n.isArchived) out.archived.push(n.nameWithOwner);
        if (n.isEmpty) out.empty.push(n.nameWithOwner);
      }
      if (owner.forks) {
        for (const n of owner.forks.nodes ?? []) if (n) out.forks.push({ repo: n.nameWithOwner, parent: n.parent?.nameWithOwner ?? null });
      }
      first = false;
      const pi = owner.owned.pageInfo;
      if (out.owned.length >= max || !pi.hasNextPage || !pi.endCursor) break;
      after = pi.endCursor;
    }
  } catch (e) {
    const err = classifyError(e);
    err.message = `user ${login}: ${err.message}`;
    throw err;
  }
  out.truncated = out.totalOwned > out.owned.length;
  return out;
}
