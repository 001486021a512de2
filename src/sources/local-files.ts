/**
 * Local source: the tracked files of a work tree with their sizes (from git's index, lazily from the disk where git
 * has none, exactly for files of 4 GiB or more), and lookups in that sorted list.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { setPriority } from 'node:os';
import { join, sep } from 'node:path';
import type { FileEntry } from '../types.js';
import { scanGitIndex } from './git-index.js';
import { runGit, type GitInfo } from './local-git.js';
import { comparePaths, lowerBoundPath } from './path-order.js';
import { SourceError } from './source-error.js';

/**
 * A tracked file. Its size is the one git recorded in its index at its last look (the staged version: a file changed
 * or deleted since keeps it), kept modulo 4 GiB by git (exactSizes corrects files that large). Where git recorded
 * none (0, as it does for "racily clean" entries, or no index could be read), lstat gives it the first time a rule
 * asks; a file missing from the work tree then has size 0.
 */
class LocalFile implements FileEntry {
  #size: number;
  #absent = false;
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
      this.#absent = !s;
    }
    return this.#size;
  }
  /** Missing from the work tree (looked up with the size, only when git recorded none). */
  get absent(): boolean {
    void this.size;
    return this.#absent;
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
export async function gitFiles(dir: string, info: Extract<GitInfo, { kind: 'repo' }>): Promise<FileEntry[]> {
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
export function reposInside(root: string): string[] {
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
export const HUGE_KIB = 4 * 1024 * 1024 - 1;

/**
 * The files of 4 GiB or more under `root` (paths relative to it), which git's index records modulo 4 GiB: one `find`
 * (every file's size, read in C by a process on another core, while the audit goes on). Null where find cannot
 * answer (Windows, not installed). It walks untracked folders too (a virtualenv); handing find the tracked paths
 * instead (through xargs) was tried and measured slower on the 100,000-file bench: a lookup per path costs more than
 * a walk.
 */
export function hugeFiles(root: string, minKiB: number): Promise<string[] | null> {
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

/**
 * Up to this many tracked files, the files of 4 GiB or more are found with an lstat of each tracked file in this
 * process (hugeListed: ~1 µs a file) instead of a `find` process (a fork and exec, and a walk of untracked folders too).
 */
export const FIND_FROM_FILES = 4096;

/**
 * What hugeFiles' `find` names among the tracked files, with an lstat of each: the regular files (not links) of more
 * than minKiB - 1 KiB (find's `-size +Nk` rounds up to whole KiB: more than N KiB is more than N * 1024 bytes). Null on
 * Windows, where hugeFiles gives null too (every file is then measured).
 */
export function hugeListed(files: readonly FileEntry[], root: string, minKiB: number): string[] | null {
  if (process.platform === 'win32') return null;
  const base = root.endsWith(sep) ? root : root + sep;
  const over = Math.max(0, Math.floor(minKiB) - 1) * 1024;
  const out: string[] = [];
  for (const f of files) {
    let s: Stats | undefined;
    try {
      s = lstatSync(base + f.path, { throwIfNoEntry: false });
    } catch {
      continue; // ENOTDIR: a parent was replaced by a file
    }
    if (s?.isFile() && s.size > over) out.push(f.path);
  }
  return out;
}

/** Corrects the sizes git keeps modulo 4 GiB: lstat of the files `find` named, or of every file when it could not run. */
export function exactSizes(files: FileEntry[], huge: string[] | null): void {
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

/** Whether `path` is in `files` (sorted by comparePaths): a binary search, no set of 100,000 paths to build. */
export function listed(files: FileEntry[], path: string): boolean {
  const i = lowerBoundPath(files, path);
  return i < files.length && files[i].path === path;
}
