/**
 * Step 1 of a GitHub snapshot: metadata (canonical name after renames, fork, archived, empty, topics...) and the
 * newest commits of the default branch or of the ref, in one GraphQL query, more pages when asked.
 *
 * A partial answer (GraphQL `errors` next to `data`) is used for what it has, and what it lacks is said in `gaps`
 * (the snapshot is then 'partial'): a history GitHub did not return is "unavailable", never an empty history.
 */
import type { Commit, RepoHistory, RepoMetadata, SourceNote } from '../types.js';
import { LINES_COUNTED_FILES } from '../types.js';
import type { GithubClient } from './github-client.js';
import { GithubError, isTimeoutLike, SkipError } from './github-errors.js';
import { graphql, partialAnswer, problemText, type GqlProblem } from './github-graphql.js';
import { HISTORY_PAGE_QUERY, repoQuery, type GqlCommit, type GqlHistory, type GqlHistoryHolder, type GqlRepo } from './github-queries.js';
import { formatTarget, type RepoTarget } from './github-target.js';

const MIN_HISTORY_PAGE = 10;

interface RepoHead {
  /** Canonical owner and name (after renames). */
  owner: string;
  name: string;
  /** The commit audited; null when GitHub did not return it (partial answer). */
  commitOid: string | null;
  /** What the tree request asks for: the commit's tree id, else the branch or ref name. */
  treeRef: string;
  metadata: RepoMetadata;
  history: RepoHistory;
  notes: SourceNote[];
  /** What GitHub left out, one reason line each (the snapshot is then partial). */
  gaps: string[];
  renamedFrom?: string;
}

interface HeadOptions {
  signal?: AbortSignal;
  count: () => void;
  /** Commits to read (newest first). */
  limit: number;
  /** Commits per page, halved on GitHub timeouts. */
  pageSize: number;
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

/**
 * additions + deletions, as `git log --numstat` counts them locally, and only where the local source counts them: a
 * commit of fewer than LINES_COUNTED_FILES files (0 for none); null for merges and files-changed unknown.
 */
function linesOf(n: GqlCommit, merge: boolean): number | null {
  const files = n.changedFilesIfAvailable;
  if (merge || files === null || files === undefined || files >= LINES_COUNTED_FILES) return null;
  if (files === 0) return 0;
  return typeof n.additions === 'number' && typeof n.deletions === 'number' ? n.additions + n.deletions : null;
}

function toCommit(n: GqlCommit): Commit {
  const merge = (n.parents?.totalCount ?? 0) > 1;
  return {
    sha: String(n.oid ?? ''),
    authorName: n.author?.name ?? '',
    authorEmail: n.author?.email ?? '',
    // GitActor.date keeps the author's offset, exactly as `git log --format=%aI`.
    date: n.author?.date ?? n.authoredDate ?? '',
    subject: subjectOf(String(n.message ?? '')),
    // The local source counts no files for merges (git log lists none); do the same.
    filesChanged: merge ? null : (n.changedFilesIfAvailable ?? null),
    linesChanged: linesOf(n, merge),
    merge,
  };
}

/** Commit of the default branch or of the ref, peeling (annotated) tags: the first holder with an oid and a tree. */
function headOf(holder: GqlHistoryHolder | null | undefined): GqlHistoryHolder | null {
  let h = holder;
  for (let i = 0; h && i < 3; i++) {
    if (h.oid && h.tree?.oid) return h;
    h = h.target;
  }
  return null;
}

/** Index of the history node a problem's path points into (…, 'history', 'nodes', i, …), if any. */
function nodeIndex(p: GqlProblem): number | null {
  const at = p.path.lastIndexOf('nodes');
  return at > 0 && p.path[at - 1] === 'history' && typeof p.path[at + 1] === 'number' ? (p.path[at + 1] as number) : null;
}

const touchesHistory = (p: GqlProblem): boolean => p.path.some((s) => s === 'defaultBranchRef' || s === 'ref' || s === 'history' || s === 'target');

/** Commits of a history page, and how many GitHub left out (null nodes, nodes with errors). */
function commitsOf(h: GqlHistory, problems: GqlProblem[]): { commits: Commit[]; missing: number; incomplete: number } {
  const nodes = h.nodes ?? [];
  const broken = new Set(problems.map(nodeIndex).filter((i): i is number => i !== null));
  let missing = 0;
  let incomplete = 0;
  const commits: Commit[] = [];
  nodes.forEach((n, i) => {
    if (!n || !n.oid) missing++;
    else {
      if (broken.has(i)) incomplete++;
      commits.push(toCommit(n));
    }
  });
  return { commits, missing, incomplete };
}

export async function loadHead(client: GithubClient, t: RepoTarget, opts: HeadOptions): Promise<RepoHead> {
  const asked = `${t.owner}/${t.name}`;
  const { signal, count, limit } = opts;
  let page = opts.pageSize;
  let repo: GqlRepo | null = null;
  let problems: GqlProblem[] = [];
  for (;;) {
    try {
      const vars: Record<string, unknown> = { owner: t.owner, name: t.name, first: page };
      if (t.ref) vars.ref = t.ref;
      repo = (await graphql<{ repository: GqlRepo | null }>(client, repoQuery(!!t.ref), vars, { signal, count, shrinkable: page > MIN_HISTORY_PAGE }))
        .repository;
      break;
    } catch (e) {
      // Errors on a part of the answer leave the rest usable; what is missing is said below.
      const partial = partialAnswer<{ repository?: GqlRepo | null }>(e);
      if (partial?.data.repository?.nameWithOwner) {
        repo = partial.data.repository;
        problems = partial.problems;
        break;
      }
      if (isTimeoutLike(e) && page > MIN_HISTORY_PAGE) {
        page = Math.max(MIN_HISTORY_PAGE, Math.ceil(page / 2));
        continue;
      }
      throw e;
    }
  }
  if (!repo || typeof repo.nameWithOwner !== 'string') throw new GithubError(`${asked}: not found or no access`, undefined, 404);
  const [owner, name] = repo.nameWithOwner.split('/');
  const canonical = formatTarget({ owner, name, ref: t.ref });
  const notes: SourceNote[] = [];
  const gaps: string[] = [];
  const out = { owner, name } as RepoHead;

  // The parent of a fork the token cannot see is a known, harmless gap: noted, the repo stays 'ok'.
  const parentOnly = problems.filter((p) => p.path[1] === 'parent');
  const rest = problems.filter((p) => p.path[1] !== 'parent');
  if (parentOnly.length) notes.push({ kind: 'info', message: `GitHub left parts of the metadata out: ${problemText(parentOnly)}` });
  const metaFields = [...new Set(rest.filter((p) => !touchesHistory(p)).map((p) => String(p.path[1])))];
  if (metaFields.length) gaps.push(`metadata not returned by GitHub (${metaFields.join(', ')}: ${problemText(rest.filter((p) => !touchesHistory(p)))})`);
  const historyProblems = rest.filter(touchesHistory);

  if (repo.nameWithOwner.toLowerCase() !== asked.toLowerCase()) {
    out.renamedFrom = asked;
    notes.push({ kind: 'info', message: `renamed: asked for ${asked}, GitHub answers with ${repo.nameWithOwner}` });
  }
  if (repo.isEmpty) throw new SkipError('empty repository: no commits');
  const holder = t.ref ? repo.ref : repo.defaultBranchRef?.target;
  const head = headOf(holder);
  const metadata: RepoMetadata = {
    fork: repo.isFork,
    archived: repo.isArchived,
    description: repo.description,
    homepage: repo.homepageUrl || null,
    topics: (repo.repositoryTopics?.nodes ?? []).flatMap((n) => (n?.topic?.name ? [n.topic.name] : [])),
    stars: repo.stargazerCount,
    primaryLanguage: repo.primaryLanguage?.name ?? null,
    url: repo.url,
  };
  if (repo.parent?.nameWithOwner) metadata.parent = repo.parent.nameWithOwner;
  if (repo.defaultBranchRef?.name) metadata.defaultBranch = repo.defaultBranchRef.name;
  if (repo.isArchived) notes.push({ kind: 'info', message: 'archived on GitHub (read-only)' });
  if (repo.isFork) notes.push({ kind: 'info', message: `fork of ${repo.parent?.nameWithOwner ?? 'another repository'}` });
  Object.assign(out, { metadata, notes, gaps });

  if (!head) {
    // Not returned is not absent: with errors on the branch, read the files by the branch name, history unknown.
    const byName = t.ref ?? repo.defaultBranchRef?.name;
    if (historyProblems.length && byName) {
      gaps.push(`commit history not returned by GitHub (${problemText(historyProblems)})`);
      out.commitOid = null;
      out.treeRef = byName;
      out.history = { commits: [], shallow: false, truncated: false, totalCount: null, unavailable: 'commit history not returned by GitHub' };
      return out;
    }
    if (historyProblems.length) throw new GithubError(`GitHub did not return the default branch (${problemText(historyProblems)})`, 'Retry later.');
    if (t.ref) throw new GithubError(`${canonical}: ref "${t.ref}" not found`, 'Give an existing branch, tag or commit sha.', 404);
    throw new SkipError('empty repository: no default branch');
  }
  out.commitOid = head.oid!;
  out.treeRef = head.tree!.oid;

  const hist = head.history;
  if (!hist || !hist.nodes) {
    gaps.push(`commit history not returned by GitHub${historyProblems.length ? ` (${problemText(historyProblems)})` : ''}`);
    out.history = { commits: [], shallow: false, truncated: false, totalCount: hist?.totalCount ?? null, unavailable: 'commit history not returned by GitHub' };
    return out;
  }
  const first = commitsOf(hist, historyProblems);
  const commits = first.commits;
  let missing = first.missing;
  let incomplete = first.incomplete;
  let pageInfo = hist.pageInfo;
  while (commits.length + missing < limit && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const want = Math.min(page, limit - commits.length - missing);
    let h: GqlHistory | undefined;
    let pageProblems: GqlProblem[] = [];
    try {
      const r = await graphql<{ repository: { object: { history?: GqlHistory } | null } | null }>(
        client,
        HISTORY_PAGE_QUERY,
        { owner, name, oid: head.oid, first: want, after: pageInfo.endCursor },
        { signal, count, shrinkable: page > MIN_HISTORY_PAGE },
      );
      h = r?.repository?.object?.history;
    } catch (e) {
      const partial = partialAnswer<{ repository?: { object?: { history?: GqlHistory } | null } | null }>(e);
      if (partial) {
        h = partial.data.repository?.object?.history;
        pageProblems = partial.problems;
      } else if (isTimeoutLike(e) && page > MIN_HISTORY_PAGE) {
        page = Math.max(MIN_HISTORY_PAGE, Math.ceil(page / 2));
        continue;
      } else if (isTimeoutLike(e)) {
        gaps.push(`history: GitHub timed out after ${commits.length} commits`);
        break;
      } else throw e;
    }
    if (!h?.nodes) {
      if (pageProblems.length) gaps.push(`history: GitHub returned an error after ${commits.length} commits (${problemText(pageProblems)})`);
      break;
    }
    const more = commitsOf(h, pageProblems);
    commits.push(...more.commits);
    missing += more.missing;
    incomplete += more.incomplete;
    pageInfo = h.pageInfo;
  }
  if (missing) gaps.push(`${missing} of ${commits.length + missing} commits not returned by GitHub`);
  if (incomplete) gaps.push(`details of ${incomplete} commit${incomplete === 1 ? '' : 's'} not returned by GitHub`);
  const totalCount = typeof hist.totalCount === 'number' ? hist.totalCount : null;
  const truncated = totalCount !== null && totalCount > commits.length;
  if (truncated) notes.push({ kind: 'info', message: `history: the newest ${commits.length} of ${totalCount} commits were read` });
  out.history = { commits, shallow: false, truncated, totalCount };
  return out;
}
