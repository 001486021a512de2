/**
 * Helpers shared by the `code` probe (and usable by others): which files count as code and a deterministic order in
 * which to spend a bounded read budget. The lines a pattern may match (comments dropped, notebook code cells only,
 * R Markdown chunks only) are a fact: src/facts/code-lines.ts.
 */
import type { FileEntry } from '../types.js';
import type { ScanLine } from '../facts/code-lines.js';
import { VENDORED_GLOBS } from '../facts/vendored.js';
import { globMatcher } from './context.js';
import { selectFiles } from './glob-gate.js';
import { depthOf, sortByKeyThenPath } from './file-order.js';

/** Code files the `code` probe reads by default: Python scripts and notebooks, R, Julia. */
export const DEFAULT_CODE_GLOBS = ['**/*.py', '**/*.ipynb', '**/*.R', '**/*.r', '**/*.Rmd', '**/*.rmd', '**/*.qmd', '**/*.jl'];

/** The code probes' default exclusion: the vendored trees (src/facts/vendored.ts). */
export const DEFAULT_CODE_EXCLUDE: string[] = [...VENDORED_GLOBS];

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
