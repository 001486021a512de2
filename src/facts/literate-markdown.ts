/**
 * Markdown files that are notebooks: Jupytext's Markdown format (front matter with `jupytext:` or `kernelspec:`) and
 * MyST Markdown notebooks (```{code-cell} blocks, as Jupyter Book runs them). Their executable fences are code cells;
 * the rest is prose. Any other Markdown file is prose: code shown in a README fence is an example for the reader,
 * not code the project runs, and never counts.
 *
 * One pass over the lines, bounded by the text (the decoder's size cap): linear whatever the input.
 */
import type { NotebookCell } from '../types.js';

/** Front matter is looked for in this many first lines. */
const FRONT_MATTER_LINES = 200;
/** Languages whose fences are code cells in a Jupytext Markdown notebook (the kernel's language). */
const CODE_LANGUAGES = new Set(['python', 'python3', 'py', 'ipython', 'ipython3', 'r', 'julia']);
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*(\{code-cell\})?[ \t]*([\w+.-]*)/;
const MYST_CELL = /^ {0,3}(`{3,}|~{3,})[ \t]*\{code-cell\}/;
const NOTEBOOK_KEY = /^[ \t]*(?:jupytext|kernelspec)[ \t]*:/;

export function isMarkdownPath(path: string): boolean {
  return /\.(?:md|markdown)$/i.test(path);
}

/**
 * Which notebook a Markdown text declares itself to be: MyST when it has `{code-cell}` blocks (then only those are
 * code), Jupytext when its front matter has `jupytext:` or `kernelspec:` (then its python/R/Julia fences are code),
 * or null: prose.
 */
function notebookFormat(lines: readonly string[]): 'myst' | 'jupytext' | null {
  if (lines.some((l) => MYST_CELL.test(l))) return 'myst';
  if (lines[0]?.trim() === '---') {
    const end = Math.min(lines.length, FRONT_MATTER_LINES);
    for (let i = 1; i < end; i++) {
      const l = lines[i];
      if (l.trim() === '---' || l.trim() === '...') break;
      if (NOTEBOOK_KEY.test(l)) return 'jupytext';
    }
  }
  return null;
}

/**
 * The cells of a Markdown notebook, numbered from 1 like a notebook's (facts/notebooks.ts), or null when the
 * file is not one. A MyST cell's option lines (`:tags: [...]`, or a `---` block) are not code.
 */
export function parseLiterateMarkdown(text: string): NotebookCell[] | null {
  const lines = text.split(/\r\n|\r|\n/);
  const format = notebookFormat(lines);
  if (!format) return null;
  const myst = format === 'myst';
  const cells: NotebookCell[] = [];
  let prose: string[] = [];
  let code: string[] | null = null;
  let fence = '';
  /** Inside a fence that is not a code cell (```bash, ```text): its lines stay prose, a `{code-cell}` inside is not one. */
  let otherFence = '';
  /** A MyST cell's first lines may be options: `:key: value` lines, or a YAML block between `---` lines. */
  let options: 'none' | 'leading' | 'yaml' = 'none';
  const push = (type: NotebookCell['type'], body: string[]): void => {
    if (type === 'markdown' && !body.some((l) => l.trim())) return;
    cells.push({ index: cells.length + 1, type, source: body.join('\n') });
  };
  for (const line of lines) {
    if (code) {
      if (closes(line, fence)) {
        push('code', code);
        code = null;
        continue;
      }
      if (options === 'yaml') {
        if (line.trim() === '---') options = 'leading';
        continue;
      }
      if (options === 'leading') {
        if (code.length === 0 && line.trim() === '---') {
          options = 'yaml';
          continue;
        }
        if (/^[ \t]*:[\w-]+:/.test(line)) continue;
        options = 'none';
      }
      code.push(line);
      continue;
    }
    if (otherFence) {
      if (closes(line, otherFence)) otherFence = '';
      prose.push(line);
      continue;
    }
    const m = FENCE_OPEN.exec(line);
    if (m) {
      const isCell = m[2] !== undefined || (!myst && CODE_LANGUAGES.has(m[3].toLowerCase()));
      if (isCell) {
        push('markdown', prose);
        prose = [];
        code = [];
        fence = m[1];
        options = m[2] !== undefined ? 'leading' : 'none';
        continue;
      }
      otherFence = m[1];
    }
    prose.push(line);
  }
  // An unclosed code cell runs to the end of the file, as in CommonMark.
  if (code) push('code', code);
  else push('markdown', prose);
  return cells;
}

/** A closing fence: the same character, at least as long, nothing else but spaces. */
function closes(line: string, fence: string): boolean {
  const t = line.trim();
  if (t.length < fence.length || line.length - line.trimStart().length > 3) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== fence[0]) return false;
  return true;
}
