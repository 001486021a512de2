/**
 * Helpers shared by the `code` probe (and usable by others): which files count as code, how to turn a file into the
 * lines a pattern may match (comments dropped, notebook code cells only, R Markdown chunks only), and a deterministic
 * order in which to spend a bounded read budget.
 */
import type { FileEntry, TextFile } from '../types.js';
import { globMatcher } from './context.js';
import { selectFiles } from './glob-gate.js';
import { depthOf, sortByKeyThenPath } from './file-order.js';

/** Code files the `code` probe reads by default: Python scripts and notebooks, R, Julia. */
export const DEFAULT_CODE_GLOBS = ['**/*.py', '**/*.ipynb', '**/*.R', '**/*.r', '**/*.Rmd', '**/*.rmd', '**/*.qmd', '**/*.jl'];

/** Never code the candidate wrote: virtual environments, vendored packages, notebook checkpoints, caches. */
export const DEFAULT_CODE_EXCLUDE = [
  '**/node_modules/**',
  '**/site-packages/**',
  '**/dist-packages/**',
  '**/.ipynb_checkpoints/**',
  '**/__pycache__/**',
  '**/venv/**',
  '**/.venv/**',
  '**/virtualenv/**',
  '**/.tox/**',
  '**/.nox/**',
  '**/*env*/lib/python*/**',
  '**/.git/**',
  '**/*.min.js',
  '**/*.bundle.js',
  '**/bower_components/**',
  '**/*.d.ts',
];

/**
 * The stage rules' files: the default code plus the languages whose common ML libraries they recognise —
 * JavaScript/TypeScript (TensorFlow.js, ONNX Runtime Web) and the JVM (DJL, DL4J, Weka, Smile, Spark MLlib).
 */

/** Test code: its fixtures fit toy models and drive browsers, which is not the project's pipeline (`skipTests`). */
export const TEST_CODE_GLOBS = ['**/tests/**', '**/test/**', '**/test_*.py', '**/*_test.py', '**/conftest.py'];
/** Test folders and conftest: always test code. */
export const TEST_DIR_GLOBS = ['**/tests/**', '**/test/**', '**/conftest.py'];
/** Files named like tests: test code only when they are written as tests (pytest / unittest), not scripts that test an agent. */
export const TEST_NAMED_GLOBS = ['**/test_*.py', '**/*_test.py'];

const TEST_FRAMEWORK = /^\s*(?:import|from)\s+(?:pytest|unittest)\b/;
const TEST_FUNCTION = /^\s*(?:async\s+)?def\s+test\w*\s*\(/;
const ASSERT = /^\s*assert\b/;

/** Whether a file named like a test is written as one: it imports pytest/unittest, or defines a test function and asserts. */
export function looksLikeTestCode(lines: readonly ScanLine[]): boolean {
  let fn = false;
  let asserts = false;
  for (const l of lines) {
    if (TEST_FRAMEWORK.test(l.text)) return true;
    if (!fn && TEST_FUNCTION.test(l.text)) fn = true;
    if (!asserts && ASSERT.test(l.text)) asserts = true;
    if (fn && asserts) return true;
  }
  return false;
}

/** One line a pattern may match. `line` is 1-based; in notebooks it counts within the cell. */
interface ScanLine {
  text: string;
  line: number;
  cell?: number;
}

type CommentStyle = 'hash' | 'slash' | 'none';

const HASH_EXT = /\.(py|pyw|pyi|r|jl|sh|bash|zsh|ya?ml|toml|cfg|ini|conf|mk|ps1|pl|rb)$/i;
const SLASH_EXT = /\.(js|mjs|cjs|jsx|ts|tsx|java|scala|kt|kts|go|rs|c|cc|cpp|h|hpp|cs|swift|dart)$/i;
const HASH_NAMES = /(^|\/)(Dockerfile[^/]*|Makefile|makefile|GNUmakefile|Procfile|Pipfile|Snakefile|\.env[^/]*)$/;
/** Prose formats: code that only sits in Markdown fences or prose never counts as code (a Markdown notebook has cells: decode.ts). */
const PROSE_EXT = /\.(md|markdown|mdown|rst|txt|adoc|html?|tex|org)$/i;
const CHUNKED_EXT = /\.(rmd|qmd)$/i;

export function isProsePath(path: string): boolean {
  return PROSE_EXT.test(path);
}

function commentStyle(path: string): CommentStyle {
  if (HASH_EXT.test(path) || HASH_NAMES.test(path) || /\.ipynb$/i.test(path) || CHUNKED_EXT.test(path)) return 'hash';
  if (SLASH_EXT.test(path)) return 'slash';
  return 'hash';
}

/**
 * Drops comments from code lines, keeping line count. Quote-aware: a `#` inside a string is not a comment; Python
 * triple-quoted strings spanning lines are followed so a quote inside a docstring does not confuse the scanner.
 * Julia `#= … =#` block comments are dropped too.
 */
export function stripComments(lines: string[], style: CommentStyle, julia = false): string[] {
  if (style === 'none') return lines;
  const out: string[] = [];
  let triple: string | null = null; // open triple-quote delimiter carried across lines
  let block = false; // inside a Julia #= =# block or a /* */ block
  for (const raw of lines) {
    let res = '';
    let i = 0;
    let quote: string | null = null;
    const n = raw.length;
    while (i < n) {
      const ch = raw[i]!;
      if (block) {
        const end = style === 'slash' ? raw.indexOf('*/', i) : raw.indexOf('=#', i);
        if (end < 0) {
          i = n;
          break;
        }
        block = false;
        i = end + 2;
        continue;
      }
      if (triple) {
        const end = raw.indexOf(triple, i);
        if (end < 0) {
          res += raw.slice(i);
          i = n;
          break;
        }
        res += raw.slice(i, end + 3);
        i = end + 3;
        triple = null;
        continue;
      }
      if (quote) {
        res += ch;
        if (ch === '\\' && i + 1 < n) {
          res += raw[i + 1];
          i += 2;
          continue;
        }
        if (ch === quote) quote = null;
        i++;
        continue;
      }
      if (style === 'hash') {
        if (julia && ch === '#' && raw[i + 1] === '=') {
          block = true;
          i += 2;
          continue;
        }
        if (ch === '#') break;
        if ((ch === '"' || ch === "'") && raw.startsWith(ch.repeat(3), i)) {
          triple = ch.repeat(3);
          res += triple;
          i += 3;
          continue;
        }
      } else {
        if (ch === '/' && raw[i + 1] === '/') break;
        if (ch === '/' && raw[i + 1] === '*') {
          block = true;
          i += 2;
          continue;
        }
        if (ch === '`') {
          quote = '`';
          res += ch;
          i++;
          continue;
        }
      }
      if (ch === '"' || ch === "'") quote = ch;
      res += ch;
      i++;
    }
    out.push(res);
  }
  return out;
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

const splitLines = (s: string): string[] => s.split(/\r\n|\r|\n/);

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
 *   never counts, unless the file is a Markdown notebook (Jupytext, MyST: it has cells, read like a notebook's).
 * - `text` mode: every line as written, comments included (for secrets and phrases); notebooks give all cells.
 */
export function scanLines(file: TextFile, mode: 'code' | 'text'): readonly ScanLine[] {
  // Memoised per file and mode: a dozen rules scan the same files.
  let byMode = scanned.get(file);
  if (!byMode) scanned.set(file, (byMode = {}));
  return (byMode[mode] ??= scan(file, mode));
}

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
      lines.forEach((text, i) => {
        if (text.trim()) out.push({ text: bounded(text), line: i + 1, cell: cell.index });
      });
    }
    return out;
  }
  if (mode === 'code' && isProsePath(path)) return [];
  let raw = splitLines(file.text);
  if (mode === 'code' && CHUNKED_EXT.test(path)) raw = chunkLines(raw);
  const lines = mode === 'code' ? stripComments(raw, style, julia) : raw;
  const out: ScanLine[] = [];
  lines.forEach((text, i) => {
    if (text.trim()) out.push({ text: bounded(text), line: i + 1 });
  });
  return out;
}

/** Typical names of files that hold ML pipeline code: read first when the budget is tight. */
const TYPICAL = /(^|\/)(src|app|api|scripts?|notebooks?|models?|pipelines?|training|serving)\/|(train|model|pipeline|data|preprocess|feature|evaluat|predict|app|main|serve|api|inference|notebook|analysis)[^/]*$/i;

/**
 * Orders candidate files for a bounded read budget, deterministically: files matching `prefer` globs first (in the
 * order of the globs), then files with typical ML names, then shallow paths before deep ones, then by path.
 */
export function orderForReading(files: readonly FileEntry[], prefer: string[] = []): FileEntry[] {
  return preferFirst(baseReadingOrder(files), prefer);
}

/** The reading-order key of a path: typical ML names first, then shallow paths (then, outside the key, by path). */
export function readingKey(path: string): number {
  return (TYPICAL.test(path) ? 0 : 1_000_000) + (OTHER_LANGUAGE.test(path) ? 500_000 : 0) + depthOf(path);
}

/** JavaScript and JVM files are read after Python, R and Julia within each group: a web front end does not use up the budget. */
const OTHER_LANGUAGE = /\.(js|mjs|cjs|jsx|ts|tsx|java|scala|kt)$/i;

/** Typical ML names first, then shallow paths, then by path (the order without `prefer`). */
function baseReadingOrder(files: readonly FileEntry[]): FileEntry[] {
  return sortByKeyThenPath(files, (f) => readingKey(f.path));
}

/**
 * A stable partition of an already ordered list: files matching the first `prefer` glob, then the second, …, then
 * the rest. With `universe` (the list `ordered` was selected from), matches come from the indexed, memoised
 * selectFiles instead of testing every file against every glob.
 */
function preferFirst(ordered: FileEntry[], prefer: string[], universe?: FileEntry[]): FileEntry[] {
  if (!prefer.length) return ordered;
  const buckets: FileEntry[][] = prefer.map(() => []);
  const rest: FileEntry[] = [];
  if (universe) {
    // Which prefer glob (the first that matches) each file falls under, from the indexed selection.
    const first = new Map<FileEntry, number>();
    prefer.forEach((g, i) => {
      for (const f of selectFiles(universe, [g], { nocase: true })) if (!first.has(f)) first.set(f, i);
    });
    for (const f of ordered) {
      const i = first.get(f);
      (i === undefined ? rest : buckets[i]).push(f);
    }
  } else {
    const pm = prefer.map((g) => globMatcher([g], { nocase: true }));
    for (const f of ordered) {
      const i = pm.findIndex((m) => m(f.path));
      (i < 0 ? rest : buckets[i]).push(f);
    }
  }
  return buckets.flat().concat(rest);
}

/**
 * A quick "could any of these match?" test: the regexes joined into one alternation per set of flags, so a line that
 * matches none costs one regex run instead of one per pattern. A necessary condition only; the caller still runs
 * the pattern it needs. Regexes with back-references are tested one by one (joining would renumber their groups).
 */
export function anyOf(regexes: RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const re of regexes) {
    if (/\\[1-9]|\\k</.test(re.source)) alone.push(re);
    else byFlags.set(re.flags, [...(byFlags.get(re.flags) ?? []), re.source]);
  }
  const tests: RegExp[] = [...alone];
  for (const [flags, sources] of byFlags) {
    try {
      tests.push(new RegExp(sources.map((x) => `(?:${x})`).join('|'), flags));
    } catch {
      tests.push(...regexes.filter((r) => r.flags === flags)); // e.g. duplicate group names: one by one
    }
  }
  return (text) => {
    for (const re of tests) if (re.test(text)) return true;
    return false;
  };
}

/** Compiles a rule's regex; returns an error message instead of throwing. */
export function compileRegex(source: string, flags = ''): RegExp | string {
  try {
    return new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch (e) {
    return `invalid regex /${source}/${flags}: ${(e as Error).message}`;
  }
}

/** Shortens a matched snippet for evidence; `redact` hides all but a short prefix (secrets). */
export function snippet(s: string, redact = false, max = 60): string {
  const t = s.trim().replace(/\s+/g, ' ');
  if (redact) return t.length <= 4 ? '****' : `${t.slice(0, 4)}…(redacted)`;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
