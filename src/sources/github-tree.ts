/**
 * Step 2 of a GitHub snapshot: every file with its size, in one recursive tree request. The answer is checked
 * (a hostile or broken server may send anything), and a list longer than `maxEntries` is cut there, the snapshot
 * partial, as GitHub's own `truncated: true` list is.
 */
import type { FileEntry, SourceNote } from '../types.js';
import type { GithubClient } from './github-client.js';
import { ApiResponseError, shownUrl } from './github-errors.js';
import { comparePaths } from './path-order.js';

/** GitHub's own limit on a recursive tree (it truncates there). */
const DEFAULT_MAX_TREE_ENTRIES = 100_000;

interface TreeEntry {
  oid: string;
  mode: string;
  size: number;
}

export interface RepoTree {
  files: FileEntry[];
  entries: Map<string, TreeEntry>;
  dirs: Set<string>;
  /** Why the list is incomplete, when it is. */
  gap?: string;
  note?: SourceNote;
}

export async function loadTree(
  client: GithubClient,
  where: { owner: string; name: string; tree: string },
  opts: { signal?: AbortSignal; count: () => void; maxEntries?: number },
): Promise<RepoTree> {
  opts.count();
  const res = await client.rest.git.getTree({ owner: where.owner, repo: where.name, tree_sha: where.tree, recursive: '1', request: { signal: opts.signal } });
  const data = res.data as unknown as { tree?: unknown; truncated?: unknown } | null;
  if (!data || typeof data !== 'object' || !Array.isArray(data.tree)) {
    throw new ApiResponseError('unexpected', `the GitHub API at ${shownUrl(res.url)} answered a file list without entries`);
  }
  const max = Math.max(1, opts.maxEntries ?? DEFAULT_MAX_TREE_ENTRIES);
  const list = data.tree as unknown[];
  const entries = new Map<string, TreeEntry>();
  const dirs = new Set<string>();
  const files: FileEntry[] = [];
  const n = Math.min(list.length, max);
  for (let i = 0; i < n; i++) {
    const e = list[i] as { path?: unknown; type?: unknown; sha?: unknown; mode?: unknown; size?: unknown } | null;
    if (!e || typeof e.path !== 'string' || !e.path) continue;
    if (e.type === 'tree') dirs.add(e.path);
    if (e.type !== 'blob' || typeof e.sha !== 'string' || !e.sha) continue; // 'commit' entries are submodules
    const size = typeof e.size === 'number' && Number.isFinite(e.size) && e.size >= 0 ? e.size : 0;
    entries.set(e.path, { oid: e.sha, mode: typeof e.mode === 'string' ? e.mode : '100644', size });
    files.push({ path: e.path, size });
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  const out: RepoTree = { files, entries, dirs };
  if (list.length > max) {
    out.gap = `file list cut at ${max} entries (the API listed ${list.length})`;
    out.note = { kind: 'truncated', message: `${out.gap}: files beyond it are not audited` };
  } else if (data.truncated === true) {
    out.gap = `file list truncated by GitHub at ${files.length} files (huge repository)`;
    out.note = { kind: 'truncated', message: `${out.gap}: files beyond it are not audited` };
  }
  return out;
}
