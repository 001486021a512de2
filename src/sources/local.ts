/**
 * Local source: a directory on disk, usually a git work tree.
 *
 * - Git work tree: the file list is the *tracked* files (`git ls-files`), i.e. what a hiring manager sees on GitHub;
 *   untracked files (even when not ignored) are left out on purpose, and so are submodules. A tracked file deleted
 *   from the work tree (but not with `git rm`) is still listed and reads as unreadable. The list and the sizes come
 *   from git's index file (`git ls-files -s` when it cannot be read; lstat where git has no size; files of 4 GiB or
 *   more measured on disk). History comes from `git log` of HEAD, written to a temporary file while the audit runs.
 * - Plain directory (not in a work tree, or a directory with no tracked files inside some enclosing repo, such as a
 *   home directory kept in git): every file, minus what the root and nested .gitignore files exclude; no history.
 * File contents are read lazily, only when a probe asks, through the same decoding as every other source.
 *
 * This module puts the snapshot together; the parts are in local-files.ts (tracked files and sizes), local-git.ts
 * (running git), local-history.ts (git log), local-read.ts (one file) and local-walk.ts (plain directories).
 */
import { stat, realpath } from 'node:fs/promises';
import { existsSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Commit, FileEntry, RepoHistory, RepoMetadata, RepoSnapshot, SourceNote, TextFile } from '../types.js';
import { TOOL_NAME } from '../version.js';
import { exactSizes, FIND_FROM_FILES, gitFiles, hugeFiles, hugeListed, HUGE_KIB, listed, reposInside } from './local-files.js';
import { gitBlobIds, gitInfo, gitOriginUrl } from './local-git.js';
import { gitHistory } from './local-history.js';
import { readLocalFile, readLocalHead } from './local-read.js';
import { walkDirectory } from './local-walk.js';
import { errCode, SourceError } from './source-error.js';

export { SourceError } from './source-error.js';
export { publicUrl } from './local-git.js';

export interface LocalSnapshotOptions {
  /** Snapshot id; defaults to the path as given. */
  id?: string;
  /** With a history longer than filesChangedLimit: the oldest N commits are counted too. Default 50. */
  oldestCounted?: number;
  /**
   * `filesChanged` is computed (with `git log --name-only`, which diffs trees and costs far more than reading commits)
   * for at most this many of the newest commits; older commits get `filesChanged: null`. Default 300: that covers the
   * whole history of nearly every portfolio project, and keeps a 20,000-commit history within 2x of a bare
   * `git ls-files` + `git log` (bench/local.ts). Infinity: every commit.
   */
  filesChangedLimit?: number;
  /**
   * Return as soon as the files are listed: `history` is filled in when `historyReady` resolves, and sizes of 4 GiB
   * or more are exact when `sizesReady` does (see RepoSnapshot).
   * Default false: the snapshot is complete when returned.
   */
  deferred?: boolean;
  /**
   * Files at least this many KiB large take their size from the disk instead of git's index, which keeps sizes modulo
   * 4 GiB. Default 4 GiB - 1 KiB; smaller values are for tests.
   */
  exactFromKiB?: number;
  /**
   * From this many tracked files on, the files of exactFromKiB or more are found by one `find` process; below, by an
   * lstat of each tracked file in this process. Default FIND_FROM_FILES; 0 (always find) is for tests.
   */
  findFromFiles?: number;
}

const DEFAULT_FILES_CHANGED_LIMIT = 300;
/** How many of the oldest commits of a longer history also get their changed files counted (one-shot uploads sit there). */
const DEFAULT_OLDEST_COUNTED = 50;

/** How a local folder is named in reports: as given, except "." or ".." (only dots and slashes): its folder's name. */
export function shownName(path: string, realPath: string): string {
  return /^[./\\]+$/.test(path) ? basename(realPath) || path : path;
}

export async function localSnapshot(path: string, opts: LocalSnapshotOptions = {}): Promise<RepoSnapshot> {
  const root = resolve(path);
  let st: Stats;
  try {
    st = await stat(root);
  } catch (e) {
    if (errCode(e) === 'ENOENT' || errCode(e) === 'ENOTDIR') {
      // "a/b/c" may be meant as a GitHub repository: say how one is written.
      const nameLike = /^[\w.-]+(\/[\w.-]+)+$/.test(path) && !/^\.{1,2}\//.test(path);
      throw new SourceError(
        `path does not exist: ${path}`,
        nameLike
          ? 'Check the spelling, or give the path of a cloned repository; a GitHub repository is written owner/name (e.g. octocat/hello-world) or as its https://github.com/owner/name URL.'
          : 'Check the spelling, or give the path of a cloned repository.',
      );
    }
    throw new SourceError(`cannot open ${path} (${errCode(e) ?? String(e)})`, 'Check that you may read this directory.');
  }
  if (!st.isDirectory()) {
    throw new SourceError(`not a directory: ${path}`, 'Give the directory of the repository (its top level), not a file inside it.');
  }
  const rootReal = await realpath(root);
  const notes: SourceNote[] = [];
  const limit = opts.filesChangedLimit ?? DEFAULT_FILES_CHANGED_LIMIT;

  // Whether the history is longer than `limit` commits, when rev-parse can tell (see gitInfo).
  const info = await gitInfo(root, Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : undefined);
  let files: FileEntry[];
  let commit: string | null = null;
  let history: RepoHistory = { commits: [], shallow: false, truncated: false, totalCount: 0 };
  let historyReady: Promise<void> | undefined;
  let sizesReady: Promise<void> | undefined;
  const metadata: RepoMetadata = {};

  if (info.kind === 'repo') {
    const head = info.head;
    commit = head;
    const subdir = info.prefix !== '';
    const reading = head
      ? gitHistory(root, head, { subdir, shallow: info.shallow, limit, oldestCounted: opts.oldestCounted ?? DEFAULT_OLDEST_COUNTED, longer: info.longer })
      : Promise.resolve([] as Commit[]);
    reading.catch(() => {}); // awaited below or by whoever awaits historyReady; never an unhandled rejection
    // Deferred (an audit runs meanwhile): once git log is done, so the two do not share the other core and the
    // history comes sooner. Otherwise at once: the snapshot is ready when both are.
    const minKiB = opts.exactFromKiB ?? HUGE_KIB;
    const listing = gitFiles(root, info);
    listing.catch(() => {}); // awaited below
    // A few thousand tracked files are measured here (no process); more by one find, on another core.
    const findHuge = (): Promise<string[] | null> =>
      listing.then((l) => (l.length < (opts.findFromFiles ?? FIND_FROM_FILES) ? hugeListed(l, root, minKiB) : hugeFiles(root, minKiB)));
    const huge = opts.deferred ? reading.then(findHuge, findHuge) : findHuge();
    huge.catch(() => {}); // a failed listing is thrown below
    const [listed, url] = await Promise.all([listing, gitOriginUrl(root)]);
    if (subdir && listed.length === 0) {
      await reading.catch(() => []);
      // A directory inside someone else's work tree that has nothing tracked (e.g. a new project under a home
      // directory kept in git): audit it as a plain directory.
      files = await walkDirectory(root, notes);
      commit = null;
      notes.push({ kind: 'info', message: 'no tracked files here: audited as a plain directory (no history)' });
    } else if (!head && listed.length === 0) {
      // `git init` and files, nothing added yet: what is on disk is the project; its history is (still) empty.
      files = await walkDirectory(root, notes);
      if (url) metadata.url = url;
      history = { commits: [], shallow: false, truncated: false, totalCount: 0, unborn: true };
      if (files.length) notes.push({ kind: 'info', message: 'nothing is tracked yet: the files on disk were audited; git add and git commit them' });
    } else {
      if (url) metadata.url = url;
      files = listed;
      const unborn = head ? {} : { unborn: true };
      history = { commits: [], shallow: info.shallow, truncated: false, totalCount: info.shallow ? null : 0, ...unborn };
      historyReady = reading.then((commits) => {
        snapshot.history = { commits, shallow: info.shallow, truncated: false, totalCount: info.shallow ? null : commits.length, ...unborn };
        // First among the notes, as when the history is read before anything else.
        if (info.shallow) notes.unshift({ kind: 'shallow', message: `history is shallow: ${commits.length} commits visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow` });
      });
      historyReady.catch(() => {});
      sizesReady = huge.then((paths) => exactSizes(listed, paths));
    }
  } else {
    if (info.kind === 'no-git' && existsSync(join(root, '.git'))) {
      notes.push({ kind: 'info', message: 'git is not installed: files listed from disk, history unavailable' });
    }
    files = await walkDirectory(root, notes);
    // A folder of projects (~/code) is read as one project: say how to audit each.
    const repos = info.kind === 'plain' ? reposInside(root) : [];
    if (repos.length) {
      const shown = repos.slice(0, 3).map((n) => join(path, n));
      notes.push({
        kind: 'info',
        message: `this folder is not a git repository, but ${repos.length === 1 ? '1 folder in it is' : `${repos.length} folders in it are`} (${repos.slice(0, 5).join(', ')}${repos.length > 5 ? ', …' : ''}): audited as one project; to audit each on its own: ${TOOL_NAME} ${shown.join(' ')}${repos.length > 3 ? ' …' : ''}`,
      });
    }
  }

  const cache = new Map<string, Promise<TextFile | null>>();
  const snapshot: RepoSnapshot = {
    id: opts.id ?? shownName(path, rootReal),
    commit,
    files,
    history,
    ...(historyReady && opts.deferred ? { historyReady } : {}),
    ...(sizesReady && opts.deferred ? { sizesReady } : {}),
    metadata,
    notes,
    read(p: string): Promise<TextFile | null> {
      let r = cache.get(p);
      if (!r) {
        r = Promise.resolve(listed(files, p) ? readLocalFile(root, rootReal, p, notes) : null);
        cache.set(p, r);
      }
      return r;
    },
    head(p: string): Promise<Uint8Array | null> {
      return Promise.resolve(listed(files, p) ? readLocalHead(root, rootReal, p) : null);
    },
  };
  if (info.kind === 'repo' && commit !== null) {
    let ids: Promise<Map<string, string>> | undefined;
    const index = { file: info.indexFile, prefix: info.prefix, hashBytes: commit.length === 64 ? 32 : 20 };
    // Every id is kept once asked for; a filtered list is not (the index is read again: ~10 MB for 100,000 files).
    snapshot.blobIds = (only) => (only ? gitBlobIds(root, only, index) : (ids ??= gitBlobIds(root, undefined, index)));
  }
  if (!opts.deferred) await Promise.all([historyReady, sizesReady]);
  return snapshot;
}
