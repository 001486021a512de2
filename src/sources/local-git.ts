/**
 * Local source: running git (a clean environment, fixed output config, output through a private temporary file),
 * and the one-shot questions asked of it: what the folder is, its origin URL, the blob ids of the tracked files.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { blobIdsFromIndex, type IndexLocation } from './git-index.js';
import { errCode, SourceError } from './source-error.js';

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

/**
 * Blob ids of the tracked files, by path relative to `dir`: read from git's index file when `index` is given and it
 * can be read (git-index.ts), else `git ls-files -s -z` ("mode oid stage\tpath").
 */
export async function gitBlobIds(dir: string, only?: ReadonlySet<string>, index?: IndexLocation): Promise<Map<string, string>> {
  const fromIndex = index ? blobIdsFromIndex(index, only) : null;
  if (fromIndex) return fromIndex;
  const chunks: Buffer[] = [];
  const r = await runGit(dir, ['ls-files', '-s', '-z'], (c) => chunks.push(c));
  const out = new Map<string, string>();
  if (r.code !== 0) return out;
  for (const e of Buffer.concat(chunks).toString('utf8').split('\0')) {
    const tab = e.indexOf('\t');
    if (tab < 0) continue;
    const [mode, oid, stage] = e.slice(0, tab).split(' ');
    if (mode && mode !== '160000' && oid && stage === '0' && (!only || only.has(oid))) out.set(e.slice(tab + 1), oid);
  }
  return out;
}

/**
 * Runs git and streams stdout to `onData` (or collects it when no handler is given). With `toFile`, each chunk given
 * to `onData` is valid during the call only (its buffer is reused for the next).
 */
export function runGit(cwd: string, args: string[], onData?: (chunk: Buffer) => void, opts: { toFile?: boolean; noLazyFetch?: boolean } = {}): Promise<GitResult> {
  // toFile: git writes to a private temporary file instead of a pipe, so it never waits for this process to read
  // (the rules keep the event loop busy while a long git log runs); the output is handed over when git exits. When
  // that fails (no writable temporary folder, a full disk), git runs again with a pipe.
  const out = opts.toFile ? tempOutput() : null;
  return new Promise<GitResult>((resolvePromise) => {
    // noLazyFetch: a partial clone must not fetch the blobs a read needs from its remote (git >= 2.44 honours it).
    const env = opts.noLazyFetch ? { ...gitEnv(), GIT_NO_LAZY_FETCH: '1' } : gitEnv();
    const child = spawn('git', [...GIT_CONFIG, ...args], { cwd, env, stdio: ['ignore', out ? out.fd : 'pipe', 'pipe'] });
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
        let handed = 0;
        let failed: unknown = null;
        try {
          if (code === 0 && !spawnError) handed = readInChunks(out.fd, onData ? (c) => onData(c) : (c) => chunks.push(Buffer.from(c)));
        } catch (e) {
          failed = e;
        } finally {
          out.release();
        }
        if (failed !== null && !spawnError) {
          // Nothing handed over yet: git runs again with a pipe. Else part of the output was taken: an error.
          if (handed === 0) return void resolvePromise(runGit(cwd, args, onData));
          return void resolvePromise({ code: null, stdout: Buffer.alloc(0), stderr: `cannot read git's output (${errCode(failed) ?? String(failed)})` });
        }
      }
      resolvePromise({ code, stdout: Buffer.concat(chunks), stderr, spawnError });
    });
  });
}

const tempPrefix = (): string => `mlpa-git-${process.pid}-`;

let allCleanup = false;

/**
 * For a process whose worker threads run git (local audits in the audit pool): removes every temporary file of this
 * process's git runs when it exits, even on Ctrl-C, its workers' included. A worker terminated while git was writing
 * (an audit stopped past its budget) runs no exit handler, and a worker gets no signals. Main thread only.
 */
export function removeGitTempsAtExit(): void {
  if (allCleanup || !isMainThread) return;
  allCleanup = true;
  const dir = tmpdir();
  const prefix = tempPrefix();
  const cleanup = (): void => {
    try {
      for (const f of readdirSync(dir)) if (f.startsWith(prefix)) rmSync(join(dir, f), { force: true });
    } catch {
      // the temporary folder cannot be listed: nothing of ours can be in it
    }
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

/** 1 MiB: git's output file is read in pieces of this size, not whole (a long `git log` is megabytes). */
const READ_CHUNK = 1 << 20;

/**
 * Hands the file open at `fd` to `take` from its start in pieces, through one buffer that is reused (each piece is
 * valid during the call only). Returns how many bytes were handed over.
 */
function readInChunks(fd: number, take: (chunk: Buffer) => void): number {
  const buf = Buffer.allocUnsafe(READ_CHUNK);
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, READ_CHUNK, pos);
    if (n <= 0) return pos;
    take(buf.subarray(0, n));
    pos += n;
  }
}

/** Temporary files git is writing to; removed when the process exits, even on Ctrl-C. */
const liveTemps = new Set<string>();

let tempCleanup = false;

/**
 * A private temporary file for git's output (created exclusively, mode 0600), or null when none can be made. Its name
 * is removed as soon as it is open (POSIX): git writes through the inherited descriptor and this process reads it back,
 * so nothing is left in the temporary folder whatever ends the process — a worker terminated mid-run, a second Ctrl-C
 * racing a worker that starts git, a SIGKILL. Where an open file cannot be unlinked (Windows), the name stays until
 * `release` and the exit handlers remove it.
 */
function tempOutput(): { fd: number; file: string; release(): void } | null {
  const file = join(tmpdir(), `${tempPrefix()}${randomBytes(8).toString('hex')}`);
  let fd: number;
  try {
    fd = openSync(file, 'wx+', 0o600);
  } catch {
    return null;
  }
  try {
    unlinkSync(file);
    return { fd, file, release: () => closeSync(fd) };
  } catch {
    // kept by name: removed on release or at exit
  }
  liveTemps.add(file);
  if (!tempCleanup) {
    tempCleanup = true;
    const cleanup = (): void => {
      for (const f of liveTemps) rmSync(f, { force: true });
    };
    process.once('exit', cleanup);
    // A worker thread gets no signals (the main thread's handler, see removeGitTempsAtExit, removes its files).
    if (isMainThread) for (const sig of ['SIGINT', 'SIGTERM'] as const) {
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

export type GitInfo =
  | {
      kind: 'repo';
      prefix: string;
      shallow: boolean;
      head: string | null;
      indexFile: string;
      /** With `longerThan` asked: true when HEAD has that many first-parent ancestors (so more commits than that). */
      longer?: boolean;
    }
  | { kind: 'plain' }
  | { kind: 'no-git' };

/**
 * One rev-parse for everything: inside a work tree?, subdirectory prefix, shallow?, where the index file is, HEAD
 * (fails when there are no commits) and, with `longerThan` (N), HEAD~N: whether the history has more than N commits
 * (a yes is certain; a no is not: a history with merges can be longer than its first-parent chain). rev-parse prints
 * its answers in order and stops at the first revision it cannot resolve, so the lines before it are there.
 */
export async function gitInfo(dir: string, longerThan?: number): Promise<GitInfo> {
  const probe = longerThan !== undefined && Number.isSafeInteger(longerThan) && longerThan > 0 ? [`HEAD~${longerThan}^{commit}`] : [];
  const r = await runGit(dir, ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--is-shallow-repository', '--git-path', 'index', 'HEAD^{commit}', ...probe, '--']);
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
  // In a repository without commits rev-parse stops at HEAD with "bad revision"; with a shorter history, at HEAD~N
  // (HEAD is printed before it).
  const hex = /^[0-9a-f]{40,64}$/;
  const head = (r.code === 0 || probe.length) && hex.test(lines[4] ?? '') ? lines[4] : null;
  const longer = probe.length ? { longer: head !== null && r.code === 0 && hex.test(lines[5] ?? '') } : {};
  return { kind: 'repo', prefix: lines[1] ?? '', shallow: lines[2] === 'true', indexFile: resolve(dir, lines[3] ?? '.git/index'), head, ...longer };
}

/** origin's URL as a browsable https URL, without credentials; undefined when absent or local. */
export async function gitOriginUrl(dir: string): Promise<string | undefined> {
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
