/**
 * Parses git's index file (the staging area: every tracked path with its mode and the size git last recorded) the way
 * `git ls-files -s` does, without running git: on a 100,000-file repo that is one 10 MB read instead of a listing
 * streamed through a pipe, and it gives sizes without an lstat per file.
 *
 * Format: gitformat-index(5), versions 2, 3 and 4 (v4 compresses each path against the previous one). Anything this
 * reader does not handle returns false and the caller asks git instead: a split index (the "link" extension keeps
 * entries in another file), a sparse index (directory entries), an unknown version, a truncated or odd file.
 */

import { readFileSync, statSync } from 'node:fs';

const SIGNATURE = 0x44495243; // "DIRC"
const EXTENDED = 0x4000;
const GITLINK = 0o160000;

/**
 * Parses an index file, handing each entry to `onEntry` (no object per entry: a repo can have 100,000); `oidAt` is
 * where the entry's object id starts in `b` (`hashBytes` long). `hashBytes` is the object-id length: 20 (SHA-1) or 32
 * (SHA-256 repositories). With `wants`, an entry it declines (given where its object id is) is parsed but neither
 * decoded nor handed over: its path costs no string. Returns false for what it does not handle (see above); entries
 * handed over before that must then be dropped.
 */
export function scanGitIndex(
  b: Buffer,
  onEntry: (path: string, size: number, submodule: boolean, stage: number, oidAt: number) => void,
  hashBytes = 20,
  wants?: (oidAt: number) => boolean,
): boolean {
  if (b.length < 12 + hashBytes || b.readUInt32BE(0) !== SIGNATURE) return false;
  const version = b.readUInt32BE(4);
  if (version < 2 || version > 4) return false;
  const count = b.readUInt32BE(8);
  const end = b.length - hashBytes; // the trailing checksum
  let pos = 12;
  let prev: Buffer = Buffer.alloc(0);
  const fixed = 40 + hashBytes; // stat fields (40 bytes) and the object id, then 2 bytes of flags
  for (let n = 0; n < count; n++) {
    if (pos + fixed + 2 > end) return false;
    const entry = pos;
    const mode = b.readUInt32BE(pos + 24);
    const size = b.readUInt32BE(pos + 36);
    const flags = b.readUInt16BE(pos + fixed);
    let name = pos + fixed + 2;
    if (flags & EXTENDED) {
      if (version < 3) return false;
      name += 2;
    }
    const wanted = wants === undefined || wants(entry + 40);
    let path = '';
    if (version === 4) {
      // A varint: how many bytes to drop from the end of the previous path; then the rest, NUL-terminated.
      let strip = b[name] & 0x7f;
      let i = name;
      while (b[i] & 0x80) {
        i++;
        if (i >= end) return false;
        strip = ((strip + 1) << 7) | (b[i] & 0x7f);
      }
      i++;
      const nul = b.indexOf(0, i);
      if (nul < 0 || nul >= end || strip > prev.length) return false;
      const full = Buffer.concat([prev.subarray(0, prev.length - strip), b.subarray(i, nul)]);
      if (wanted) path = full.toString('utf8');
      prev = full;
      pos = nul + 1;
    } else {
      const len = flags & 0xfff;
      const nul = len < 0xfff ? name + len : b.indexOf(0, name);
      if (nul < 0 || nul >= end || b[nul] !== 0) return false;
      if (wanted) path = b.toString('utf8', name, nul);
      // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
      pos += (nul - pos + 8) & ~7;
    }
    if ((mode & 0o170000) === 0o040000) return false; // a sparse-index directory entry
    if (wanted) onEntry(path, size, (mode & 0o170000) === GITLINK, (flags >> 12) & 3, entry + 40);
  }
  // Extensions: a split index keeps its entries elsewhere; a sparse index lists directories. Both: ask git.
  while (pos + 8 <= end) {
    const sig = b.toString('latin1', pos, pos + 4);
    if (sig === 'link' || sig === 'sdir') return false;
    pos += 8 + b.readUInt32BE(pos + 4);
  }
  return pos === end;
}

/**
 * The index file last read, while it is still in memory: once scanned it is garbage, but a 10 MB buffer that lived
 * through the scan is freed only by a full collection, so a second read before then (two rules ask for blob ids: the
 * empty files' and the copies') held a second 10 MB (bench/README.md, mem13). A read of the same file, unchanged
 * (same inode, size, change and modification times), while the last buffer is still alive, is that buffer.
 */
let lastRead: { file: string; stamp: string; buffer: WeakRef<Buffer> } | null = null;

function readIndexFile(file: string): Buffer {
  const st = statSync(file, { bigint: true });
  const stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  const kept = lastRead && lastRead.file === file && lastRead.stamp === stamp ? lastRead.buffer.deref() : undefined;
  if (kept) return kept;
  const b = readFileSync(file);
  lastRead = { file, stamp, buffer: new WeakRef(b) };
  return b;
}

/** Where the index is and how to read it: see GitInfo in local-git.ts. */
export interface IndexLocation {
  file: string;
  /** The folder audited, relative to the work tree's top ('' or ending in '/'): only its files, relative to it. */
  prefix: string;
  hashBytes: number;
}

/**
 * Blob ids by path as `git ls-files -s` in the folder gives them (stage 0, no submodules), from the index file: no
 * git process, and no 10 MB listing turned into a string and 100,000 lines on a 100,000-file repo. With `only`, the
 * files whose id is in it. Null when the file cannot be read or is one scanGitIndex declines (the caller asks git).
 */
export function blobIdsFromIndex(at: IndexLocation, only?: ReadonlySet<string>): Map<string, string> | null {
  let b: Buffer;
  try {
    b = readIndexFile(at.file);
  } catch {
    return null;
  }
  const { prefix, hashBytes } = at;
  const out = new Map<string, string>();
  // With a filter, an entry whose id cannot be in it (its first 4 bytes are no filter id's) is skipped before its id
  // or path is made a string: on a 100,000-file repository, 200,000 strings fewer for a catalogue of a few thousand.
  let heads: Set<number> | null = null;
  if (only) {
    heads = new Set();
    for (const id of only) if (/^[0-9a-f]{8}/.test(id)) heads.add(parseInt(id.slice(0, 8), 16));
  }
  const ok = scanGitIndex(
    b,
    (path, _size, submodule, stage, oidAt) => {
      if (submodule || stage !== 0 || (prefix && !path.startsWith(prefix))) return;
      const oid = b.toString('hex', oidAt, oidAt + hashBytes);
      if (!only || only.has(oid)) out.set(prefix ? path.slice(prefix.length) : path, oid);
    },
    hashBytes,
    heads ? (oidAt) => heads.has(b.readUInt32BE(oidAt)) : undefined,
  );
  return ok ? out : null;
}
