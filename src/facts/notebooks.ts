/**
 * Notebook cells: a notebook's cells are extracted once, when a source decodes the file (`parseNotebook`, called by
 * sources/decode.ts), and kept on the TextFile; the notebooks fact lists the repo's notebooks and gives their code
 * cells.
 */
import type { FileEntry, NotebookCell, TextFile } from '../types.js';

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
 * Reads a Jupyter notebook's cells, once per file (the sources call it when they decode a notebook); outputs are
 * dropped. Cells are numbered from 1 in notebook order, every cell counted (markdown too), as a reader counts them
 * scrolling down the notebook. Returns null when the JSON is not a notebook. A notebook whose only fault is a trailing
 * comma (edited by hand) is read all the same and `onLenient` is called: its code is there for a reader, though
 * Jupyter and GitHub will not open it.
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
  return notebookCells(raw);
}

/** The cells of a notebook from its `cells` list as parsed (each a cell object or anything else). */
export function notebookCells(raw: readonly unknown[]): NotebookCell[] {
  return raw.map((c, i) => {
    const cell = (c ?? {}) as { cell_type?: string; source?: unknown; input?: unknown };
    const type = cell.cell_type === 'markdown' || cell.cell_type === 'raw' ? cell.cell_type : 'code';
    return { index: i + 1, type, source: cellSource(cell.source ?? cell.input) } as NotebookCell;
  });
}


/** The code cells of a notebook as read (numbered as parseNotebook numbers them); [] for a file that is not one. */
export function codeCells(file: TextFile): NotebookCell[] {
  return file.cells ? file.cells.filter((c) => c.type === 'code') : [];
}

/** Whether a path is a Jupyter notebook. */
export function isNotebookPath(path: string): boolean {
  return /\.ipynb$/i.test(path);
}

/** The repo's non-empty notebooks among `files` (vendored trees excluded by the caller). */
export function notebookFiles(files: readonly FileEntry[]): FileEntry[] {
  return files.filter((f) => f.size > 0 && isNotebookPath(f.path));
}
