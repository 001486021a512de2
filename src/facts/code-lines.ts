/**
 * Code lines with comments stripped, as rules' patterns and the skill matrix see them: one comment stripper
 * (`stripComments`, quote-aware, for hash-, slash- and percent-commented (MATLAB) languages) and the lines of a file a pattern may match
 * (`scanLines`: comments dropped, notebook code cells only, R Markdown / Quarto chunks only, prose files never),
 * memoised per file so the many rules reading one file strip it once.
 */
import type { TextFile } from '../types.js';

/** One line a pattern may match. `line` is 1-based; in notebooks it counts within the cell. */
export interface ScanLine {
  text: string;
  line: number;
  cell?: number;
}

export type CommentStyle = 'hash' | 'slash' | 'percent' | 'none';

const HASH_EXT = /\.(py|pyw|pyi|r|jl|sh|bash|zsh|ya?ml|toml|cfg|ini|conf|mk|ps1|pl|rb)$/i;
const SLASH_EXT = /\.(js|mjs|cjs|jsx|ts|tsx|java|scala|kt|kts|go|rs|c|cc|cpp|h|hpp|cs|swift|dart)$/i;
const HASH_NAMES = /(^|\/)(Dockerfile[^/]*|Makefile|makefile|GNUmakefile|Procfile|Pipfile|Snakefile|\.env[^/]*)$/;
/** Prose formats: code that only sits in Markdown fences or prose never counts as code (a Markdown notebook has cells: literate-markdown.ts). */
const PROSE_EXT = /\.(md|markdown|mdown|rst|txt|adoc|html?|tex|org)$/i;
const CHUNKED_EXT = /\.(rmd|qmd)$/i;
/** MATLAB / Octave: `%` and `%{ … %}` comments (an Objective-C `.m` file is told apart by `isObjectiveC`). */
const PERCENT_EXT = /\.m$/i;
/**
 * Objective-C shares MATLAB's `.m`: its preprocessor and `@` directives (`#import`, `@interface`, `@implementation`)
 * are not MATLAB (where `#` and `@interface` are syntax errors), so a `.m` file with one of them near the top is Objective-C.
 */
const OBJC_LINE = /^\s*(?:#\s*(?:import|include|define|pragma)\b|@(?:interface|implementation|protocol|import)\b)/;
const OBJC_HEAD_LINES = 200;

/** Whether a `.m` file's text is Objective-C rather than MATLAB (see OBJC_LINE; only the head is read). */
function isObjectiveC(text: string): boolean {
  let start = 0;
  for (let n = 0; n < OBJC_HEAD_LINES && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (OBJC_LINE.test(text.slice(start, Math.min(end, start + MAX_SCAN_LINE)))) return true;
    start = end + 1;
  }
  return false;
}

export function isProsePath(path: string): boolean {
  return PROSE_EXT.test(path);
}

function commentStyle(path: string): CommentStyle {
  if (PERCENT_EXT.test(path)) return 'percent';
  if (HASH_EXT.test(path) || HASH_NAMES.test(path) || /\.ipynb$/i.test(path) || CHUNKED_EXT.test(path)) return 'hash';
  if (SLASH_EXT.test(path)) return 'slash';
  return 'hash';
}

/**
 * The one comment stripper. Drops comments from code lines, keeping line count. Quote-aware: a `#` inside a string is
 * not a comment; Python triple-quoted strings spanning lines are followed (an escaped quote does not close them) so a
 * quote inside a docstring does not confuse the scanner. Julia `#= … =#` and C-style block comments are dropped too.
 * With `docstrings: 'blank'` (hash style), a triple-quoted string that is a statement of its own — a docstring, or a
 * block commented out with quotes — is blanked as well (its characters become spaces, its prefix letter stays), unless
 * it continues an expression (the previous code line ends in `( [ { , = +` or a backslash). Other strings are kept: a
 * model name or an `s3://` URL in a string is real usage.
 */
export function stripComments(lines: string[], style: CommentStyle, julia = false, opts: { docstrings?: 'keep' | 'blank' } = {}): string[] {
  if (style === 'none') return lines;
  if (style === 'percent') return stripMatlab(lines);
  const hash = style === 'hash';
  const blankDocstrings = opts.docstrings === 'blank' && hash;
  const out: string[] = [];
  let triple: string | null = null; // open triple-quote delimiter carried across lines
  let blanking = false; // the open triple-quoted string is a docstring being blanked
  let block = false; // inside a Julia #= =# block or a /* */ block
  let prevCode = ''; // the last non-blank output line, trimmed (kept only when docstrings are blanked)
  for (const raw of lines) {
    // The output line is the raw line with pieces cut out (comments) or blanked (docstrings): what is kept is copied
    // a run at a time (raw.slice(from, i)), not a character at a time; a line with nothing to cut is `raw` itself.
    let res = '';
    let from = 0; // start of the run of raw characters kept but not yet copied into res
    let i = 0;
    let quote = 0; // char code of the open quote, 0 when none
    const n = raw.length;
    while (i < n) {
      if (block) {
        const end = hash ? raw.indexOf('=#', i) : raw.indexOf('*/', i);
        if (end < 0) {
          i = from = n;
          break;
        }
        block = false;
        i = from = end + 2;
        continue;
      }
      if (triple) {
        const end = closingTriple(raw, triple, i);
        const to = end < 0 ? n : end + 3;
        if (blanking) {
          res += raw.slice(from, i) + ' '.repeat(to - i);
          from = to;
        }
        i = to;
        if (end >= 0) {
          triple = null;
          blanking = false;
        }
        continue;
      }
      const ch = raw.charCodeAt(i);
      if (quote) {
        if (ch === BACKSLASH && i + 1 < n) {
          i += 2;
          continue;
        }
        if (ch === quote) quote = 0;
        i++;
        continue;
      }
      if (hash) {
        if (ch === HASH) {
          if (julia && raw.charCodeAt(i + 1) === EQUALS) {
            res += raw.slice(from, i);
            block = true;
            i = from = i + 2;
            continue;
          }
          break;
        }
        if ((ch === DQUOTE || ch === SQUOTE) && raw.charCodeAt(i + 1) === ch && raw.charCodeAt(i + 2) === ch) {
          triple = ch === DQUOTE ? '"""' : "'''";
          if (blankDocstrings) {
            res += raw.slice(from, i);
            from = i;
            blanking = res.length <= 64 && STRING_PREFIX_ONLY.test(res) && !CONTINUES.test(prevCode);
            if (blanking) {
              res += '   ';
              from = i + 3;
            }
          }
          i += 3;
          continue;
        }
      } else {
        if (ch === SLASH) {
          const next = raw.charCodeAt(i + 1);
          if (next === SLASH) break;
          if (next === STAR) {
            res += raw.slice(from, i);
            block = true;
            i = from = i + 2;
            continue;
          }
        }
        if (ch === BACKTICK) {
          quote = ch;
          i++;
          continue;
        }
      }
      if (ch === DQUOTE || ch === SQUOTE) quote = ch;
      i++;
    }
    // Stopped at a comment (i < n) or at the end of the line: the run up to there is kept.
    res += raw.slice(from, i);
    out.push(res);
    if (blankDocstrings) {
      const t = res.trim();
      if (t) prevCode = t;
    }
  }
  return out;
}

const HASH = 0x23;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const SLASH = 0x2f;
const STAR = 0x2a;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;

/**
 * MATLAB / Octave comments: `%` (and `#` in Octave) to the end of the line, `...` continuation (the rest of its line is a
 * comment), and block comments between lines holding only `%{` and `%}` (nested blocks too). Strings are `"…"` and
 * `'…'` (a doubled quote inside is the quote itself); a `'` right after a name, a closing bracket, a dot or another
 * quote is the transpose operator, not a string. Unlike the other styles, a string's characters are blanked (spaces,
 * the quotes kept): MATLAB has no imports, its ML vocabulary is bare function names (`predict(`, `train(`, `loss(`),
 * and a message, a plot title or a `disp` names them as often as code calls them; no stage pattern needs a string.
 */
function stripMatlab(lines: string[]): string[] {
  const out: string[] = [];
  let depth = 0; // nesting of %{ … %} blocks
  for (const raw of lines) {
    const t = raw.trim();
    if (t === '%{' || t === '#{') {
      depth++;
      out.push('');
      continue;
    }
    if (depth > 0) {
      if (t === '%}' || t === '#}') depth--;
      out.push('');
      continue;
    }
    let res = '';
    let quote: string | null = null;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
      const ch = raw[i]!;
      if (quote) {
        if (ch === quote) {
          if (raw[i + 1] === quote) {
            res += '  ';
            i++;
            continue;
          }
          quote = null;
          res += ch;
          continue;
        }
        res += ' ';
        continue;
      }
      if (ch === '%' || ch === '#') break;
      if (ch === '.' && raw.startsWith('...', i)) break;
      if (ch === '"' || (ch === "'" && !TRANSPOSE_AFTER.test(raw[i - 1] ?? ''))) {
        quote = ch;
        res += ch;
        continue;
      }
      res += ch;
    }
    out.push(res);
  }
  return out;
}

/** A `'` right after one of these is MATLAB's transpose operator (`x'`, `A(:,1)'`, `s.data'`, `x''`), not a string. */
const TRANSPOSE_AFTER = /^[\w)\]}.']$/;

/** Before a docstring on its line: only indentation and a string prefix. */
const STRING_PREFIX_ONLY = /^\s*[rRbBuUfF]{0,2}$/;
/** A code line that the next line continues (so a string starting the next line is a value, not a docstring). */
const CONTINUES = /[([{,=+\\]$/;

/** Where the triple quote that closes an open triple-quoted string is on this line (-1: not here); `\"""` does not close. */
function closingTriple(raw: string, triple: string, from: number): number {
  for (let k = raw.indexOf(triple, from); k >= 0; k = raw.indexOf(triple, k + 1)) {
    let backslashes = 0;
    while (k - 1 - backslashes >= from && raw[k - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return k;
  }
  return -1;
}

/**
 * Python source with comments and docstrings (string statements on their own line) blanked out: the skill matrix's
 * reading of a script or a notebook cell. Line numbers are kept (lines split on `\n` only); other string literals are
 * kept.
 */
export function stripPython(src: string): string {
  return stripComments(src.split('\n'), 'hash', false, { docstrings: 'blank' }).join('\n');
}

/** Keeps only lines inside executable chunks of an R Markdown / Quarto file (```{r}, ```{python}, ```{julia}); others become blank. */
function chunkLines(lines: string[]): string[] {
  const out: string[] = [];
  let inChunk = false;
  for (const l of lines) {
    if (!inChunk && /^\s*```+\s*\{\s*(r|python|julia)\b/i.test(l)) {
      inChunk = true;
      out.push('');
      continue;
    }
    if (inChunk && /^\s*```+\s*$/.test(l)) {
      inChunk = false;
      out.push('');
      continue;
    }
    out.push(inChunk ? l : '');
  }
  return out;
}

/** Lines split on CRLF, CR or LF; a text with no CR (nearly all) is split on LF by the native string split. */
const splitLines = (s: string): string[] => (s.includes('\r') ? s.split(/\r\n|\r|\n/) : s.split('\n'));

/**
 * Patterns see at most this much of a line. No code a person writes needs more; longer lines are data blobs
 * (base64, minified bundles, embedded arrays) or an attack, and would only make every pattern's work grow with them.
 */
export const MAX_SCAN_LINE = 2_000;
const bounded = (text: string): string => (text.length > MAX_SCAN_LINE ? text.slice(0, MAX_SCAN_LINE) : text);

/**
 * The lines of a file as a pattern sees them.
 * - `code` mode: comments dropped; notebooks give code cells only (each line with its cell index); R Markdown and
 *   Quarto give their code chunks only; prose files (Markdown, text) give nothing, so code shown in a Markdown fence
 *   never counts, unless the file is a Markdown notebook (Jupytext, MyST: it has cells, read like a notebook's);
 *   MATLAB `.m` files drop `%` comments and blank their strings, and an Objective-C `.m` file gives nothing.
 * - `text` mode: every line as written, comments included (for secrets and phrases); notebooks give all cells.
 */
export function scanLines(file: TextFile, mode: 'code' | 'text'): readonly ScanLine[] {
  // Memoised per file and mode: a dozen rules scan the same files.
  let byMode = scanned.get(file);
  if (!byMode) scanned.set(file, (byMode = {}));
  return (byMode[mode] ??= scan(file, mode));
}

/** A line with something other than white space: `\s` is the set `trim()` removes, so this is `text.trim() !== ''` without a copy. */
const NON_BLANK = /\S/;

const scanned = new WeakMap<TextFile, { code?: ScanLine[]; text?: ScanLine[] }>();

function scan(file: TextFile, mode: 'code' | 'text'): ScanLine[] {
  const path = file.path;
  const style = commentStyle(path);
  const julia = /\.jl$/i.test(path);
  if (file.cells) {
    const out: ScanLine[] = [];
    for (const cell of file.cells) {
      if (mode === 'code' && cell.type !== 'code') continue;
      const raw = splitLines(cell.source);
      // Cells starting with a %%cell magic for another language (%%sql, %%bash) keep their text; comments use '#'.
      const lines = mode === 'code' ? stripComments(raw, 'hash') : raw;
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        if (NON_BLANK.test(text)) out.push({ text: bounded(text), line: i + 1, cell: cell.index });
      }
    }
    return out;
  }
  if (mode === 'code' && isProsePath(path)) return [];
  // An Objective-C `.m` file is no MATLAB, and no rule reads Objective-C: it gives no code lines.
  if (mode === 'code' && style === 'percent' && isObjectiveC(file.text)) return [];
  let raw = splitLines(file.text);
  if (mode === 'code' && CHUNKED_EXT.test(path)) raw = chunkLines(raw);
  const lines = mode === 'code' ? stripComments(raw, style, julia) : raw;
  const out: ScanLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (NON_BLANK.test(text)) out.push({ text: bounded(text), line: i + 1 });
  }
  return out;
}

