import type { NotebookCell, SourceNote, TextFile } from '../types.js';
import { parseNotebook } from '../facts/notebooks.js';
import { scanNotebook } from '../facts/notebook-scan.js';
import { MAX_STREAMED_NOTEBOOK_BYTES, NotebookStream, chunksOf } from '../facts/notebook-stream.js';
import { isMarkdownPath, parseLiterateMarkdown } from '../facts/literate-markdown.js';

/** Largest plain text file the probes read. Larger files are skipped with a note. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** Bytes of a file a snapshot's `head` gives (RepoSnapshot.head): what a probe judges a binary file by. */
export const HEAD_BYTES = 64 * 1024;
/** Notebooks carry outputs (images) that we drop; their JSON may be much larger than their code. */
const MAX_NOTEBOOK_BYTES = 25 * 1024 * 1024;

/**
 * Notebooks this large or larger are first read by the scanner (facts/notebook-scan.ts): their cells straight from the
 * bytes, outputs stepped over, no copy of the file as text; what it is not sure of is read as below.
 */
export const SCAN_NOTEBOOKS_FROM = 512 * 1024;

const LFS_HEADER = 'version https://git-lfs.github.com/spec/v1';

export function sizeCapFor(path: string): number {
  return /\.ipynb$/i.test(path) ? MAX_NOTEBOOK_BYTES : MAX_TEXT_BYTES;
}

function isLfsPointer(b: Uint8Array): boolean {
  if (b.byteLength > 1024) return false;
  return new TextDecoder().decode(b.subarray(0, LFS_HEADER.length)) === LFS_HEADER;
}

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.byteLength, 8000);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

/**
 * Turns a file's bytes into what probes read. Binary files, LFS pointers, files over the size cap and files that are
 * not UTF-8 give null and a note; notebooks (and Markdown notebooks: Jupytext, MyST) give their code cells as text
 * plus all cells.
 */
export function decodeFile(path: string, b: Uint8Array, notes: SourceNote[]): TextFile | null {
  if (b.byteLength > sizeCapFor(path)) {
    // A notebook over the cap (a saved run's outputs): its code cells, read as a stream, when it is one.
    const big = bigNotebook(path, b.byteLength, () => chunksOf(b), notes);
    if (big !== undefined) return big;
    notes.push({ path, kind: 'too-large', message: `skipped: ${b.byteLength} bytes is over the ${sizeCapFor(path)}-byte cap` });
    return null;
  }
  if (isLfsPointer(b)) {
    notes.push({ path, kind: 'lfs-pointer', message: 'skipped: Git LFS pointer (content is stored outside the repo)' });
    return null;
  }
  // UTF-16 with a byte-order mark (what Windows PowerShell's `pip freeze > requirements.txt` writes) is text: its
  // zero bytes are not a sign of a binary file.
  const utf16 = b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : null;
  if (!utf16 && looksBinary(b)) {
    notes.push({ path, kind: 'binary', message: 'skipped: binary file' });
    return null;
  }
  const notebook = /\.ipynb$/i.test(path);
  if (notebook && !utf16 && b.byteLength >= SCAN_NOTEBOOKS_FROM) {
    const cells = scanNotebook(b);
    if (cells) return notebookFile(path, cells);
  }
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(b);
  } catch {
    notes.push({ path, kind: 'not-utf8', message: `skipped: not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text` });
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (notebook) {
    const cells = parseNotebook(text, () =>
      notes.push({ path, kind: 'info', message: `${path}: read leniently: its JSON has a trailing comma, so Jupyter and GitHub will not open it` }),
    );
    if (!cells) {
      notes.push({ path, kind: 'unreadable', message: 'skipped: notebook is not valid JSON' });
      return null;
    }
    return notebookFile(path, cells);
  }
  // A Markdown notebook (Jupytext, MyST) reads like a notebook: its executable fences are its code cells. Its text
  // stays the whole Markdown (a README rule reads it as prose).
  const literate = isMarkdownPath(path) ? parseLiterateMarkdown(text) : null;
  if (literate) return { path, text, cells: literate };
  return { path, text };
}

/**
 * A notebook over the size cap, read as a stream of chunks (facts/notebook-stream.ts): its code cells, outputs stepped
 * over, memory bounded by one chunk and the code. Null with a note when it is binary; undefined when it is not a
 * notebook this large can be read as (over MAX_STREAMED_NOTEBOOK_BYTES, or not a notebook the stream is sure of): the
 * caller notes it as too large.
 */
export function bigNotebook(path: string, size: number, chunks: () => Iterable<Uint8Array>, notes: SourceNote[]): TextFile | null | undefined {
  if (!/\.ipynb$/i.test(path) || size > MAX_STREAMED_NOTEBOOK_BYTES) return undefined;
  const s = new NotebookStream();
  let first = true;
  for (const c of chunks()) {
    if (first && looksBinary(c) && !(c[0] === 0xff && c[1] === 0xfe) && !(c[0] === 0xfe && c[1] === 0xff)) {
      notes.push({ path, kind: 'binary', message: 'skipped: binary file' });
      return null;
    }
    first = false;
    s.push(c);
  }
  const cells = s.end();
  return cells ? notebookFile(path, cells) : undefined;
}

/** A notebook as probes read it: its code cells joined as its text, and all its cells. */
export function notebookFile(path: string, cells: NotebookCell[]): TextFile {
  return { path, text: cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n'), cells };
}
