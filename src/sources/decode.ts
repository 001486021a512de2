import type { NotebookCell, SourceNote, TextFile } from '../types.js';

/** Largest plain text file the probes read. Larger files are skipped with a note. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** Notebooks carry outputs (images) that we drop; their JSON may be much larger than their code. */
const MAX_NOTEBOOK_BYTES = 25 * 1024 * 1024;

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

/** Joins a notebook cell's `source` (string or list of lines). */
function cellSource(src: unknown): string {
  if (typeof src === 'string') return src;
  if (Array.isArray(src)) return src.filter((s) => typeof s === 'string').join('');
  return '';
}

/**
 * The JSON text without commas that stand right before a closing `]` or `}` (outside strings): what a hand-edited
 * notebook most often breaks. One pass, linear; null when there was no such comma (nothing to retry).
 */
export function withoutTrailingCommas(text: string): string | null {
  let out = '';
  let from = 0;
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x2c) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === ']' || text[j] === '}') {
        out += text.slice(from, i);
        from = i + 1;
        changed = true;
      }
      i = j - 1;
    }
  }
  return changed ? out + text.slice(from) : null;
}

/**
 * Reads a Jupyter notebook's cells; outputs are dropped. Returns null when the JSON is not a notebook. A notebook whose
 * only fault is a trailing comma (edited by hand) is read all the same, with a note: its code is there for a
 * reader, though Jupyter and GitHub will not open it.
 */
export function parseNotebook(text: string, onLenient?: () => void): NotebookCell[] | null {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch {
    const fixed = withoutTrailingCommas(text);
    if (fixed === null) return null;
    try {
      nb = JSON.parse(fixed);
    } catch {
      return null;
    }
    onLenient?.();
  }
  if (!nb || typeof nb !== 'object') return null;
  const o = nb as { cells?: unknown; worksheets?: Array<{ cells?: unknown }> };
  // nbformat 4 has top-level cells; nbformat 3 has worksheets[].cells with `input`.
  const raw: unknown[] = Array.isArray(o.cells)
    ? o.cells
    : Array.isArray(o.worksheets)
      ? o.worksheets.flatMap((w) => (Array.isArray(w.cells) ? w.cells : []))
      : [];
  if (!Array.isArray(o.cells) && !Array.isArray(o.worksheets)) return null;
  return raw.map((c, index) => {
    const cell = (c ?? {}) as { cell_type?: string; source?: unknown; input?: unknown };
    const type = cell.cell_type === 'markdown' || cell.cell_type === 'raw' ? cell.cell_type : 'code';
    return { index, type, source: cellSource(cell.source ?? cell.input) } as NotebookCell;
  });
}

/**
 * Turns a file's bytes into what probes read. Binary files, LFS pointers, files over the size cap and files that are
 * not UTF-8 give null and a note; notebooks give their code cells as text plus all cells.
 */
export function decodeFile(path: string, b: Uint8Array, notes: SourceNote[]): TextFile | null {
  if (b.byteLength > sizeCapFor(path)) {
    notes.push({ path, kind: 'too-large', message: `skipped: ${b.byteLength} bytes is over the ${sizeCapFor(path)}-byte cap` });
    return null;
  }
  if (isLfsPointer(b)) {
    notes.push({ path, kind: 'lfs-pointer', message: 'skipped: Git LFS pointer (content is stored outside the repo)' });
    return null;
  }
  if (looksBinary(b)) {
    notes.push({ path, kind: 'binary', message: 'skipped: binary file' });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    notes.push({ path, kind: 'not-utf8', message: 'skipped: not valid UTF-8 text' });
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/\.ipynb$/i.test(path)) {
    const cells = parseNotebook(text, () =>
      notes.push({ path, kind: 'info', message: `${path}: read leniently: its JSON has a trailing comma, so Jupyter and GitHub will not open it` }),
    );
    if (!cells) {
      notes.push({ path, kind: 'unreadable', message: 'skipped: notebook is not valid JSON' });
      return null;
    }
    return {
      path,
      text: cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n'),
      cells,
    };
  }
  return { path, text };
}
