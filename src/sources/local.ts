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
 */
import { comparePaths, lowerBoundPath } from './path-order.js';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Commit, FileEntry, RepoHistory, RepoMetadata, RepoSnapshot, SourceNote, TextFile } from '../types.js';
import { COMMIT_PATHS_KEPT } from '../types.js';
import { decodeFile, sizeCapFor } from './decode.js';
import { scanGitIndex } from './git-index.js';
import { TOOL_NAME } from '../version.js';

/** Bad input to a source (missing path, not a directory, ...). `hint` says how to fix it. */
export class SourceError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'SourceError';
    this.hint = hint;
  }
}

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
}

export const DEFAULT_FILES_CHANGED_LIMIT = 300;
/** How many of the oldest commits of a longer history also get their changed files counted (one-shot uploads sit there). */
export const DEFAULT_OLDEST_COUNTED = 50;

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

  const info = await gitInfo(root);
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
      ? gitHistory(root, head, { subdir, shallow: info.shallow, limit, oldestCounted: opts.oldestCounted ?? DEFAULT_OLDEST_COUNTED })
      : Promise.resolve([] as Commit[]);
    reading.catch(() => {}); // awaited below or by whoever awaits historyReady; never an unhandled rejection
    // Deferred (an audit runs meanwhile): once git log is done, so the two do not share the other core and the
    // history comes sooner. Otherwise at once: the snapshot is ready when both are.
    const findHuge = (): Promise<string[] | null> => hugeFiles(root, opts.exactFromKiB ?? HUGE_KIB);
    const huge = opts.deferred ? reading.then(findHuge, findHuge) : findHuge();
    const [listed, url] = await Promise.all([gitFiles(root, info), gitOriginUrl(root)]);
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
  };
  if (info.kind === 'repo' && commit !== null) {
    let ids: Promise<Map<string, string>> | undefined;
    snapshot.blobIds = () => (ids ??= gitBlobIds(root));
  }
  if (!opts.deferred) await Promise.all([historyReady, sizesReady]);
  return snapshot;
}

/** Whether `path` is in `files` (sorted by comparePaths): a binary search, no set of 100,000 paths to build. */
function listed(files: FileEntry[], path: string): boolean {
  const i = lowerBoundPath(files, path);
  return i < files.length && files[i].path === path;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading one file

/**
 * Reads one file, synchronously on purpose: source files are small, and a few direct system calls cost far less than
 * the promise and thread-pool round trips of their async versions (a rule set reads hundreds of files of a big repo).
 */
function readLocalFile(root: string, rootReal: string, path: string, notes: SourceNote[]): TextFile | null {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || isAbsolute(path)) return null;
  const abs = join(root, ...segments);
  const note = (kind: SourceNote['kind'], message: string): null => {
    notes.push({ path, kind, message });
    return null;
  };
  try {
    const l = lstatSync(abs);
    let real: string;
    try {
      // realpath also resolves symlinked parent directories, so a link anywhere on the path is checked.
      real = realpathSync.native(abs);
    } catch (e) {
      if (l.isSymbolicLink()) return note('symlink-outside', 'skipped: symbolic link whose target does not exist');
      throw e;
    }
    const rel = relative(rootReal, real);
    if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) {
      return note('symlink-outside', 'skipped: symbolic link pointing outside the repository');
    }
    if (rel.split(sep)[0] === '.git') return note('symlink-outside', "skipped: symbolic link into git's own metadata");
    const target = l.isSymbolicLink() ? statSync(real) : l;
    if (!target.isFile()) return note('unreadable', 'skipped: not a regular file');
    const cap = sizeCapFor(path);
    if (target.size > cap) return note('too-large', `skipped: ${target.size} bytes is over the ${cap}-byte cap`);
    return decodeFile(path, readCapped(real, cap), notes);
  } catch (e) {
    return note('unreadable', `skipped: cannot read (${errCode(e) ?? 'error'})`);
  }
}

/** Reads at most cap + 1 bytes (so a file that grew past the cap after stat is still caught by decodeFile). */
function readCapped(file: string, cap: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const max = cap + 1;
    let buf = Buffer.allocUnsafe(Math.min(max, size + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (buf.length >= max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const bytesRead = readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain directories

/** Lists a directory tree, skipping `.git` and whatever the root and nested .gitignore files exclude. */
async function walkDirectory(root: string, notes: SourceNote[]): Promise<FileEntry[]> {
  interface Level {
    /** Directory of the .gitignore, relative to root, with a trailing slash ('' at the root). */
    base: string;
    ig: Ignore;
  }
  const out: FileEntry[] = [];
  const visit = async (relDir: string, levels: Level[]): Promise<void> => {
    const absDir = relDir ? join(root, ...relDir.split('/')) : root;
    let entries;
    try {
      entries = await readdir(absDir, { withFileTypes: true });
    } catch (e) {
      notes.push({ path: relDir, kind: 'unreadable', message: `skipped directory: cannot list (${errCode(e) ?? 'error'})` });
      return;
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gi) {
      try {
        const text = await readFile(join(absDir, '.gitignore'), 'utf8');
        levels = [...levels, { base: relDir ? relDir + '/' : '', ig: ignore({ ignorecase: false }).add(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (isIgnored(levels, rel, isDir)) continue;
      if (isDir) {
        await visit(rel, levels);
      } else if (e.isFile() || e.isSymbolicLink()) {
        const s = lstatSync(join(absDir, e.name), { throwIfNoEntry: false });
        if (s) out.push({ path: rel, size: s.size });
      }
    }
  };
  await visit('', []);
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

/** Git's precedence: the deepest .gitignore with a matching rule decides; within one file the last matching rule. */
function isIgnored(levels: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { base, ig } = levels[i];
    const sub = rel.slice(base.length) + (isDir ? '/' : '');
    let r;
    try {
      r = ig.test(sub);
    } catch {
      return false; // names the ignore package rejects (e.g. "...") cannot match a rule
    }
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}


// ---------------------------------------------------------------------------------------------------------------
// Git

/** Environment for git: no inherited GIT_DIR-style overrides (e.g. when run from a hook), English messages. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANGUAGE: '', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
  for (const k of [
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
    'GIT_ALTERNATE_OBJECT_DIRECTORIES',
    'GIT_COMMON_DIR',
    'GIT_NAMESPACE',
    'GIT_PREFIX',
    'GIT_CEILING_DIRECTORIES',
  ]) {
    delete env[k];
  }
  return env;
}

/** Config that keeps the output in the shape we parse, whatever the user's settings. */
const GIT_CONFIG = [
  '-c', 'core.fsmonitor=false',
  '-c', 'log.showSignature=false',
  '-c', 'log.showRoot=true',
  '-c', 'log.follow=false',
  '-c', 'i18n.logOutputEncoding=UTF-8',
  '-c', 'diff.relative=false',
];

interface GitResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started (ENOENT: not installed). */
  spawnError?: string;
}

/** Blob ids of the tracked files, by path relative to `dir` (`git ls-files -s -z`: "mode oid stage\tpath"). */
async function gitBlobIds(dir: string): Promise<Map<string, string>> {
  const chunks: Buffer[] = [];
  const r = await runGit(dir, ['ls-files', '-s', '-z'], (c) => chunks.push(c));
  const out = new Map<string, string>();
  if (r.code !== 0) return out;
  for (const e of Buffer.concat(chunks).toString('utf8').split('\0')) {
    const tab = e.indexOf('\t');
    if (tab < 0) continue;
    const [mode, oid, stage] = e.slice(0, tab).split(' ');
    if (mode && mode !== '160000' && oid && stage === '0') out.set(e.slice(tab + 1), oid);
  }
  return out;
}

/** Runs git and streams stdout to `onData` (or collects it when no handler is given). */
function runGit(cwd: string, args: string[], onData?: (chunk: Buffer) => void, opts: { toFile?: boolean } = {}): Promise<GitResult> {
  // toFile: git writes to a private temporary file instead of a pipe, so it never waits for this process to read
  // (the rules keep the event loop busy while a long git log runs); the output is handed over when git exits. When
  // that fails (no writable temporary folder, a full disk), git runs again with a pipe.
  const out = opts.toFile ? tempOutput() : null;
  return new Promise<GitResult>((resolvePromise) => {
    const child = spawn('git', [...GIT_CONFIG, ...args], { cwd, env: gitEnv(), stdio: ['ignore', out ? out.fd : 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    let spawnError: string | undefined;
    const take = (c: Buffer): void => void (onData ? onData(c) : chunks.push(c));
    child.stdout?.on('data', take);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      if (stderr.length < 16384) stderr += s;
    });
    child.on('error', (e) => {
      spawnError = errCode(e) ?? String(e);
    });
    child.on('close', (code) => {
      if (out) {
        let data: Buffer | null = null;
        try {
          if (code === 0 && !spawnError) data = readFileSync(out.file);
        } catch {
          data = null;
        } finally {
          out.release();
        }
        if (data === null && !spawnError) return void resolvePromise(runGit(cwd, args, onData));
        if (data) take(data);
      }
      resolvePromise({ code, stdout: Buffer.concat(chunks), stderr, spawnError });
    });
  });
}

/** Temporary files git is writing to; removed when the process exits, even on Ctrl-C. */
const liveTemps = new Set<string>();
let tempCleanup = false;

/** A private temporary file for git's output (created exclusively, mode 0600), or null when none can be made. */
function tempOutput(): { fd: number; file: string; release(): void } | null {
  const file = join(tmpdir(), `mlpa-git-${process.pid}-${randomBytes(8).toString('hex')}`);
  let fd: number;
  try {
    fd = openSync(file, 'wx+', 0o600);
  } catch {
    return null;
  }
  liveTemps.add(file);
  if (!tempCleanup) {
    tempCleanup = true;
    const cleanup = (): void => {
      for (const f of liveTemps) rmSync(f, { force: true });
    };
    process.once('exit', cleanup);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        cleanup();
        // Then die of the signal as without this handler, unless the program handles it itself.
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      });
    }
  }
  return {
    fd,
    file,
    release() {
      closeSync(fd);
      rmSync(file, { force: true });
      liveTemps.delete(file);
    },
  };
}

type GitInfo =
  | { kind: 'repo'; prefix: string; shallow: boolean; head: string | null; indexFile: string }
  | { kind: 'plain' }
  | { kind: 'no-git' };

/**
 * One rev-parse for everything: inside a work tree?, subdirectory prefix, shallow?, where the index file is, HEAD
 * (fails when there are no commits).
 */
async function gitInfo(dir: string): Promise<GitInfo> {
  const r = await runGit(dir, ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--is-shallow-repository', '--git-path', 'index', 'HEAD^{commit}', '--']);
  if (r.spawnError) return { kind: 'no-git' };
  if (r.code !== 0 && /dubious ownership/i.test(r.stderr)) {
    throw new SourceError(
      `git refuses to read ${dir}: it is owned by another user`,
      `Run: git config --global --add safe.directory '${dir}'`,
    );
  }
  const lines = r.stdout.toString('utf8').split('\n');
  // Not a repository, or inside a .git directory / bare repository.
  if (lines[0] !== 'true') return { kind: 'plain' };
  // In a repository without commits rev-parse stops at HEAD with "bad revision".
  const head = r.code === 0 && /^[0-9a-f]{40,64}$/.test(lines[4] ?? '') ? lines[4] : null;
  return { kind: 'repo', prefix: lines[1] ?? '', shallow: lines[2] === 'true', indexFile: resolve(dir, lines[3] ?? '.git/index'), head };
}

/** origin's URL as a browsable https URL, without credentials; undefined when absent or local. */
async function gitOriginUrl(dir: string): Promise<string | undefined> {
  const r = await runGit(dir, ['config', '--get', 'remote.origin.url']);
  if (r.code !== 0) return undefined;
  return publicUrl(r.stdout.toString('utf8').trim());
}

export function publicUrl(raw: string): string | undefined {
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(raw);
  if (/^(https?|ssh|git):\/\//i.test(raw)) {
    try {
      const u = new URL(raw);
      host = u.host;
      path = u.pathname;
    } catch {
      return undefined;
    }
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  } else {
    return undefined;
  }
  path = path.replace(/^\/+/, '').replace(/\.git\/?$/, '').replace(/\/+$/, '');
  if (!host || !path || !host.includes('.')) return undefined;
  return `https://${host.replace(/:\d+$/, '')}/${path}`;
}

/**
 * A tracked file. Its size is the one git recorded in its index at its last look (the staged version: a file changed
 * or deleted since keeps it), kept modulo 4 GiB by git (exactSizes corrects files that large). Where git recorded
 * none (0, as it does for "racily clean" entries, or no index could be read), lstat gives it the first time a rule
 * asks; a file missing from the work tree then has size 0.
 */
class LocalFile implements FileEntry {
  #size: number;
  /** The repo directory with a trailing separator (a private field: the entry compares as { path, size }). */
  readonly #base: string;
  constructor(
    readonly path: string,
    base: string,
    size = 0,
  ) {
    this.#base = base;
    this.#size = size > 0 ? size : -1;
  }
  get size(): number {
    if (this.#size < 0) {
      const p = sep === '/' ? this.path : this.path.split('/').join(sep);
      let s: Stats | undefined;
      try {
        s = lstatSync(this.#base + p, { throwIfNoEntry: false });
      } catch {
        s = undefined; // ENOTDIR: a parent was replaced by a file
      }
      this.#size = s && !s.isDirectory() ? s.size : 0;
    }
    return this.#size;
  }
  /** Takes the size from the disk (lstat), whatever the index said. */
  recheck(): void {
    this.#size = -1;
    void this.size;
  }
  toJSON(): { path: string; size: number } {
    return { path: this.path, size: this.size };
  }
}

interface ListedEntry {
  path: string;
  size: number;
  submodule: boolean;
}

/** Parses `git ls-files -z -s` (no sizes: each is looked up when a rule asks). */
function parseStageListing(b: Buffer): ListedEntry[] {
  const entries = b.toString('utf8').split('\0');
  entries.pop(); // after the last NUL
  return entries.flatMap((e) => {
    // "<mode> <object> <stage>\t<path>"
    const tab = e.indexOf('\t');
    return tab < 0 ? [] : [{ path: e.slice(tab + 1), size: 0, submodule: e.startsWith('160000 ') }];
  });
}

const SURROGATES = /[\uD800-\uDFFF]/;

/**
 * Tracked files of the work tree under `dir` (paths relative to it), as `git ls-files` lists them, with the size
 * git recorded in its index, so no file is touched on disk. Submodules are left out; an unmerged path is listed once.
 * Read from the index file directly when possible (src/sources/git-index.ts; a 100,000-file listing streamed through
 * a pipe costs more than reading the whole file), else from `git ls-files -s`.
 */
async function gitFiles(dir: string, info: Extract<GitInfo, { kind: 'repo' }>): Promise<FileEntry[]> {
  const base = dir.endsWith(sep) ? dir : dir + sep;
  let files: FileEntry[] = [];
  let sorted = true;
  let prev = '';
  let prevPlain = true;
  const add = (path: string, size: number, submodule: boolean): void => {
    if (submodule || path === prev) return; // a submodule; the other stages of an unmerged path
    if (sorted) {
      // Without UTF-16 surrogates on either side, JavaScript's own string order is git's: one native comparison.
      const plain = !SURROGATES.test(path);
      if (plain && prevPlain ? prev > path : comparePaths(prev, path) > 0) sorted = false;
      prevPlain = plain;
    }
    prev = path;
    files.push(new LocalFile(path, base, size));
  };
  let index: Buffer | null = null;
  // Without a commit the object-id length is unknown; such a repository is small: git lists it.
  if (info.head) {
    try {
      index = readFileSync(info.indexFile);
    } catch {
      index = null;
    }
  }
  const prefix = info.prefix;
  const fromIndex =
    index !== null &&
    scanGitIndex(
      index,
      (path, size, submodule) => {
        if (!prefix) add(path, size, submodule);
        else if (path.startsWith(prefix)) add(path.slice(prefix.length), size, submodule);
      },
      info.head!.length === 64 ? 32 : 20,
    );
  if (!fromIndex) {
    files = [];
    sorted = true;
    prev = '';
    prevPlain = true;
    const r = await runGit(dir, ['ls-files', '-z', '-s']);
    if (r.code !== 0) {
      throw new SourceError(`git ls-files failed in ${dir}: ${r.stderr.trim()}`, 'Check that the repository is not corrupt (git fsck).');
    }
    for (const e of parseStageListing(r.stdout)) add(e.path, e.size, e.submodule);
  }
  if (!sorted) files.sort((a, b) => comparePaths(a.path, b.path));
  return files;
}

/** The folders right under `root` that are git repositories (have a .git), sorted. */
function reposInside(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, '.git')))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** 4 GiB - 1 KiB, in KiB: from here on git's index may hold a wrapped size. */
const HUGE_KIB = 4 * 1024 * 1024 - 1;

/**
 * The files of 4 GiB or more under `root` (paths relative to it), which git's index records modulo 4 GiB: one `find`
 * (every file's size, read in C by a process on another core, while the audit goes on). Null where find cannot
 * answer (Windows, not installed). It walks untracked folders too (a virtualenv); handing find the tracked paths
 * instead (through xargs) was tried and measured slower on the 100,000-file bench: a lookup per path costs more than
 * a walk.
 */
function hugeFiles(root: string, minKiB: number): Promise<string[] | null> {
  if (process.platform === 'win32') return Promise.resolve(null);
  return new Promise((done) => {
    // -size +Nk: more than N KiB (rounded up); a few bytes short of 4 GiB only cost an lstat.
    const child = spawn('find', [root, '-name', '.git', '-prune', '-o', '-type', 'f', '-size', `+${Math.max(0, Math.floor(minKiB) - 1)}k`, '-print0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Lowest priority: git log, which the audit waits for sooner, keeps the other core.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 19);
    } catch {
      // not allowed here: it runs at normal priority
    }
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => done(null));
    child.on('close', (code, signal) => {
      if (signal) return done(null);
      // A non-zero exit (an unreadable folder) still lists what it found; the rest keeps git's sizes.
      const base = root.endsWith('/') ? root : root + '/';
      const out = Buffer.concat(chunks).toString('utf8').split('\0').filter((p) => p.startsWith(base));
      done(code === 0 || out.length ? out.map((p) => p.slice(base.length)) : code === 1 ? [] : null);
    });
  });
}

/** Corrects the sizes git keeps modulo 4 GiB: lstat of the files `find` named, or of every file when it could not run. */
function exactSizes(files: FileEntry[], huge: string[] | null): void {
  if (huge === null) {
    for (const f of files) if (f instanceof LocalFile) f.recheck();
    return;
  }
  for (const p of huge) {
    const i = lowerBoundPath(files, p);
    const f = files[i];
    if (f?.path === p && f instanceof LocalFile) f.recheck();
  }
}

/**
 * Splits a byte stream on NUL and hands each token to `onToken` as (bytes, start, end), without allocating a Buffer
 * per token; the bytes are only valid during the call.
 */
class NulSplitter {
  private pending: Buffer | null = null;
  constructor(private readonly onToken: (b: Buffer, start: number, end: number) => void) {}
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const i = chunk.indexOf(0, start);
      if (i < 0) break;
      if (this.pending) {
        const tok = Buffer.concat([this.pending, chunk.subarray(start, i)]);
        this.pending = null;
        this.onToken(tok, 0, tok.length);
      } else {
        this.onToken(chunk, start, i);
      }
      start = i + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending = this.pending ? Buffer.concat([this.pending, rest]) : Buffer.from(rest);
    }
  }
  end(): void {
    if (this.pending && this.pending.length) this.onToken(this.pending, 0, this.pending.length);
    this.pending = null;
  }
}

/**
 * Streams `git log` of `head` into commits. Each commit header starts with a random marker, so no file name can pass
 * for a header. The newest `limit` commits come from `git log --name-only` (file count per commit); when the history
 * turns out longer, a second, cheap `git log --skip=limit` without file names reads the rest concurrently.
 */
async function gitHistory(
  dir: string,
  head: string,
  o: { subdir: boolean; shallow: boolean; limit: number; oldestCounted: number },
): Promise<Commit[]> {
  const nonce = randomBytes(8).toString('hex');
  const marker = Buffer.from(`\x1e${nonce}\x1f`, 'latin1');
  const format = `--format=%x1e${nonce}%x1f%H%x1f%P%x1f%aI%x1f%an%x1f%ae%x1f%s`;
  const base = ['log', '-z', '--no-color', '--no-renames', '--no-show-signature', format];
  // In a subdirectory: its history only, counting the files changed inside it.
  const tail = o.subdir ? [head, '--', '.'] : [head, '--'];
  const limit = Math.floor(o.limit);
  const limited = Number.isFinite(limit) && limit >= 0;

  const run = async (args: string[], withNames: boolean): Promise<Commit[]> => {
    const commits: Commit[] = [];
    let cur: Commit | null = null;
    let count = 0;
    let names: string[] = [];
    let root = false;
    const finish = () => {
      if (!cur) return;
      // Merges list no files by default; the oldest visible commit of a shallow clone shows its whole tree as added.
      cur.filesChanged = !withNames || cur.merge || (o.shallow && root) ? null : count;
      if (withNames && cur.filesChanged !== null) cur.paths = names;
      commits.push(cur);
      cur = null;
    };
    const isHeader = (b: Buffer, start: number, end: number): boolean => {
      if (end - start < marker.length) return false;
      for (let k = 0; k < marker.length; k++) if (b[start + k] !== marker[k]) return false;
      return true;
    };
    const splitter = new NulSplitter((b, start, end) => {
      if (isHeader(b, start, end)) {
        finish();
        const f = b.toString('utf8', start + marker.length, end).split('\x1f');
        const parents = f[1] ? f[1].split(' ').filter(Boolean) : [];
        cur = {
          sha: f[0] ?? '',
          authorName: f[3] ?? '',
          authorEmail: f[4] ?? '',
          date: f[2] ?? '',
          subject: f.slice(5).join('\x1f'),
          filesChanged: null,
          merge: parents.length > 1,
        };
        root = parents.length === 0;
        count = 0;
        names = [];
      } else if (end > start) {
        count++;
        if (names.length < COMMIT_PATHS_KEPT) names.push(b.toString('utf8', start, end).replace(/^\n/, ''));
      }
    });
    const r = await runGit(dir, args, (chunk) => splitter.push(chunk), { toFile: true });
    splitter.end();
    finish();
    if (r.code !== 0) {
      throw new SourceError(
        `git log failed in ${dir}: ${r.stderr.trim() || r.spawnError || 'unknown error'}`,
        'Check that the repository is not corrupt (git fsck).',
      );
    }
    return commits;
  };

  if (!limited) return run([...base, '--name-only', ...tail], true);

  // The older part starts at once, in parallel: on a long history it is the longest read; on a short one it lists
  // nothing, at the cost of one quick git run.
  const rest = run([...base, `--skip=${limit}`, ...tail], false);
  rest.catch(() => {}); // awaited below; never an unhandled rejection if the first reader fails
  if (limit === 0) return rest;
  const newest = await run([...base, '--name-only', `--max-count=${limit}`, ...tail], true);
  const older = await rest;
  if (newest.length < limit) return newest; // complete already: the older part is empty
  // The oldest commits are where a one-shot upload usually sits: count their files too (one more `git log` over a
  // few named commits, --no-walk), so padding a dump with hundreds of small commits cannot hide it.
  const oldest = o.oldestCounted > 0 ? older.filter((c) => !c.merge).slice(-o.oldestCounted) : [];
  if (oldest.length && !o.shallow) {
    const counted = await run([...base, '--name-only', '--no-walk=unsorted', ...oldest.map((c) => c.sha), '--', ...(o.subdir ? ['.'] : [])], true);
    const bySha = new Map(counted.map((c) => [c.sha, c.filesChanged]));
    for (const c of oldest) c.filesChanged = bySha.get(c.sha) ?? null;
  }
  return newest.concat(older);
}


function errCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}

