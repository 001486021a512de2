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
 *
 * The steps live in their own modules: github-head.ts (1), github-tree.ts (2), github-contents.ts (3); GraphQL
 * retries and partial answers in github-graphql.ts; the HTTP client and its limits in github-client.ts.
 */
import type { RepoSnapshot } from '../types.js';
import type { GithubClient } from './github-client.js';
import { classifyError, GithubError, isAbort, RepoTimeoutError } from './github-errors.js';
import { createContents } from './github-contents.js';
import { graphql } from './github-graphql.js';
import { loadHead } from './github-head.js';
import { USER_REPOS_QUERY, type GqlUserRepos } from './github-queries.js';
import { formatTarget, parseRepoTarget, type RepoTarget } from './github-target.js';
import { loadTree } from './github-tree.js';

export { createGithubClient, graphqlUrl, apiBaseUrl, lowestRateLimit } from './github-client.js';
export type { GithubClient, GithubClientOptions, RateLimitEvent, RateLimitState, ClientState } from './github-client.js';
export { parseRepoTarget, formatTarget, targetKey, resolveTargets, splitTargetList, looksRemote, TargetError } from './github-target.js';
export type { RepoTarget, ResolvedTarget } from './github-target.js';
export { SkipError, RateLimitError, BudgetError, GithubError, AuthError, ApiResponseError, RepoTimeoutError, classifyError } from './github-errors.js';

export interface GithubSnapshotOptions {
  /** Aborts every request (the run's overall time budget). */
  signal?: AbortSignal;
  /**
   * The repo's own deadline, in ms, covering its requests from the first to the last content read: past it the repo
   * is an error ("no result within N s"), the others go on. Default 120 s; 0 or Infinity: none.
   */
  timeoutMs?: number;
  /** Commits of history to read (newest first). Default 100. */
  historyLimit?: number;
  /** Commits per GraphQL page; halved when GitHub times out on a big history. Default 100 (GitHub's maximum). */
  historyPageSize?: number;
  /** Blobs per GraphQL query. Default 300 (the engine's PREFETCH_LIMIT, so one query in the usual case). */
  maxBlobsPerQuery?: number;
  /** Estimated bytes of text per GraphQL query (from tree sizes); a bigger set is split. Default 8 MB. */
  maxBytesPerQuery?: number;
  /** Entries of the file list kept; a longer list is cut there and the repo is partial. Default 100,000 (GitHub's own limit). */
  maxTreeEntries?: number;
}

export interface RemoteSourceInfo {
  /** What the user asked for. */
  input: string;
  /** Canonical `owner/name` (after renames), plus `@ref` when a ref was asked for. */
  canonical: string;
  ref?: string;
  /**
   * 'partial' when something could not be read completely (truncated file list, history or contents GitHub did not
   * return): the score is not final.
   */
  status: 'ok' | 'partial';
  /** Why the status is partial: what was missing, one line each. */
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

export const DEFAULT_REPO_TIMEOUT_MS = 120_000;
const DEFAULT_HISTORY = 100;

/**
 * Audits-ready snapshot of `target` (owner/name[@ref], URL, or a parsed RepoTarget). Throws SkipError for an empty
 * repository, RateLimitError / BudgetError (skipped) when budgets run out, GithubError for not found / no access,
 * a misbehaving server (ApiResponseError), the repo's deadline (RepoTimeoutError) and other failures.
 */
export async function githubSnapshot(
  client: GithubClient,
  target: RepoTarget | string,
  opts: GithubSnapshotOptions = {},
): Promise<RemoteSnapshot> {
  const input = typeof target === 'string' ? target : formatTarget(target);
  const t = typeof target === 'string' ? parseRepoTarget(target) : target;
  const info: RemoteSourceInfo = { input, canonical: formatTarget(t), status: 'ok', reasons: [], requests: 0 };
  if (t.ref) info.ref = t.ref;
  const count = (): void => {
    info.requests++;
  };
  const ms = opts.timeoutMs ?? DEFAULT_REPO_TIMEOUT_MS;
  const deadline = ms > 0 && Number.isFinite(ms) ? AbortSignal.timeout(ms) : undefined;
  const signals = [opts.signal, deadline].filter((x): x is AbortSignal => !!x);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  /** The source's errors; an abort by the repo's own deadline (not the run's budget) says so. */
  const classify = (e: unknown): Error =>
    deadline?.aborted && !opts.signal?.aborted && (isAbort(e) || e instanceof DOMException) ? new RepoTimeoutError(Math.round(ms / 100) / 10) : classifyError(e);
  const keyed = new Map<string, number>();
  const gap = (reason: string, key?: string): void => {
    info.status = 'partial';
    const at = key !== undefined ? keyed.get(key) : undefined;
    if (at !== undefined) info.reasons[at] = reason;
    else if (!info.reasons.includes(reason)) {
      if (key !== undefined) keyed.set(key, info.reasons.length);
      info.reasons.push(reason);
    }
  };
  try {
    // 1. Metadata and history; 2. every file with its size; 3. contents, on demand (prefetch and reads).
    const limit = Math.max(1, opts.historyLimit ?? DEFAULT_HISTORY);
    const head = await loadHead(client, t, { signal, count, limit, pageSize: Math.min(100, limit, Math.max(1, opts.historyPageSize ?? 100)) });
    info.canonical = formatTarget({ owner: head.owner, name: head.name, ref: t.ref });
    if (head.renamedFrom) info.renamedFrom = head.renamedFrom;
    for (const g of head.gaps) gap(g);
    const tree = await loadTree(client, { owner: head.owner, name: head.name, tree: head.treeRef }, { signal, count, maxEntries: opts.maxTreeEntries });
    const notes = head.notes;
    if (tree.gap) gap(tree.gap);
    if (tree.note) notes.push(tree.note);
    const contents = createContents({
      client,
      owner: head.owner,
      name: head.name,
      tree,
      files: tree.files,
      notes,
      signal,
      count,
      classify,
      gap,
      maxBlobsPerQuery: opts.maxBlobsPerQuery,
      maxBytesPerQuery: opts.maxBytesPerQuery,
    });
    return {
      id: info.canonical,
      commit: head.commitOid,
      files: tree.files,
      history: head.history,
      metadata: head.metadata,
      notes,
      source: info,
      read: contents.read,
      prefetch: contents.prefetch,
      head: contents.head,
      blobIds: (only) => {
        const ids = new Map<string, string>();
        for (const [path, e] of tree.entries) if (!only || only.has(e.oid)) ids.set(path, e.oid);
        return Promise.resolve(ids);
      },
    };
  } catch (e) {
    throw classify(e);
  }
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
