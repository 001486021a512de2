/**
 * Local source: reading one tracked file, inside the repository only (symbolic links checked), under the size cap.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SourceNote, TextFile } from '../types.js';
import { bigNotebook, decodeFile, HEAD_BYTES, MAX_TEXT_BYTES, sizeCapFor } from './decode.js';
import { STREAM_CHUNK_BYTES } from '../facts/notebook-stream.js';
import { errCode } from './source-error.js';

/**
 * Reads one file, synchronously on purpose: source files are small, and a few direct system calls cost far less than
 * the promise and thread-pool round trips of their async versions (a rule set reads hundreds of files of a big repo).
 */
export function readLocalFile(root: string, rootReal: string, path: string, notes: SourceNote[]): TextFile | null {
  const note = (kind: SourceNote['kind'], message: string): null => {
    notes.push({ path, kind, message });
    return null;
  };
  try {
    const target = resolveLocal(root, rootReal, path, note);
    if (!target) return null;
    const { real, size } = target;
    const cap = sizeCapFor(path);
    if (size > cap) {
      // A notebook over the cap (a saved run's image outputs): its code cells, read in chunks, outputs stepped over.
      const big = bigNotebook(path, size, () => fileChunks(real), notes);
      if (big !== undefined) return big;
      return note('too-large', `skipped: ${size} bytes is over the ${cap}-byte cap`);
    }
    return decodeFile(path, readCapped(real, cap), notes);
  } catch (e) {
    return note('unreadable', `skipped: cannot read (${errCode(e) ?? 'error'})`);
  }
}

/**
 * The first HEAD_BYTES bytes of one tracked file of at most MAX_TEXT_BYTES (RepoSnapshot.head), checked as
 * readLocalFile checks it (inside the repository, a regular file); null otherwise. Writes no note: `read` does.
 */
export function readLocalHead(root: string, rootReal: string, path: string): Uint8Array | null {
  try {
    const target = resolveLocal(root, rootReal, path, () => null);
    if (!target || target.size > MAX_TEXT_BYTES) return null;
    const fd = openSync(target.real, 'r');
    try {
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, target.size));
      let n = 0;
      while (n < buf.length) {
        const got = readSync(fd, buf, n, buf.length - n, n);
        if (got === 0) break;
        n += got;
      }
      return new Uint8Array(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** A tracked path's real file and size, when it is a regular file inside the repository (links followed); null after a note. */
function resolveLocal(
  root: string,
  rootReal: string,
  path: string,
  note: (kind: SourceNote['kind'], message: string) => null,
): { real: string; size: number } | null {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..') || isAbsolute(path)) return null;
  const abs = join(root, ...segments);
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
  return { real, size: target.size };
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

/** A file's bytes in chunks of STREAM_CHUNK_BYTES, one buffer reused (the stream copies what it keeps). */
function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
    for (let pos = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return;
      pos += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
