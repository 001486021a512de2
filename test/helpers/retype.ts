/**
 * Generates the retype of a project, for measuring the `fingerprints` probe's retype detection (never used by the
 * audit itself): the files of a source, with its own names renamed, comments and docstrings removed, the code
 * reformatted (indentation, spacing, quotes), notebooks turned into scripts, files moved to new folders and, with
 * `edits`, statements added and removed here and there — what an unattributed retype of a tutorial looks like.
 *
 * Text transformations line by line, written independently of the tokeniser under test (so the test is not the
 * normaliser checking itself). Deterministic for the same input.
 */
import { parseNotebook } from '../../src/facts/notebooks.js';

export interface RetypeOptions {
  /** Every `edits`-th code line gets a new statement before it, and every (2·edits)-th is dropped; 0 = none. */
  edits?: number;
  /** Prefix for moved files (default `app/`). */
  root?: string;
}

const PY_WORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self cls print len range list dict str int float super object'.split(
    ' ',
  ),
);

/** Names the project defines itself: functions, classes, assigned variables, parameters. */
function definedNames(texts: string[]): string[] {
  const names = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/\b(?:def|class)\s+([A-Za-z_]\w*)/g)) names.add(m[1]!);
    for (const m of t.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*(?:,[ \t]*[A-Za-z_]\w*[ \t]*)*=[^=]/gm)) names.add(m[1]!);
    for (const m of t.matchAll(/\bself\.([A-Za-z_]\w*)[ \t]*=[^=]/g)) names.add(m[1]!);
    for (const m of t.matchAll(/\bdef\s+\w+\s*\(([^)]*)\)/g))
      for (const p of m[1]!.split(',')) {
        const name = /^\s*\**([A-Za-z_]\w*)/.exec(p)?.[1];
        if (name) names.add(name);
      }
    for (const m of t.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) names.add(m[1]!);
  }
  return [...names].filter((n) => !PY_WORDS.has(n) && !n.startsWith('__') && n.length > 1).sort();
}

function stripComments(line: string): string | null {
  const t = line.trimStart();
  if (t.startsWith('#')) return null;
  const hash = line.indexOf(' #');
  if (hash >= 0 && !/["']/.test(line.slice(0, hash))) return line.slice(0, hash).trimEnd();
  return line;
}

function reformat(line: string): string {
  const indent = /^ */.exec(line)![0].length;
  let body = line.slice(indent);
  // Quotes swapped where the line has only one kind; spacing after commas and around simple assignments changed.
  if (!body.includes('"') && !body.includes('\\')) body = body.replace(/'/g, '"');
  body = body.replace(/,(?=\S)/g, ', ').replace(/(\w) ?= ?(?=[\w(["'])/g, '$1 = ');
  return ' '.repeat(Math.floor(indent / 4) * 2 + (indent % 4)) + body;
}

function removeDocstrings(text: string): string {
  // An indented docstring becomes `pass` (the body must not be empty); a module's is removed.
  return text.replace(/^([ \t]*)(?:"""[\s\S]*?"""|'''[\s\S]*?''')[ \t]*$/gm, (_, indent: string) => (indent ? `${indent}pass` : ''));
}

/** Code of a notebook's code cells, as a script (magics dropped). */
function notebookToScript(text: string): string {
  const cells = parseNotebook(text) ?? [];
  return cells
    .filter((c) => c.type === 'code')
    .map((c) => c.source.split('\n').filter((l) => !/^\s*[%!]/.test(l)).join('\n'))
    .join('\n\n');
}

/** The retype of `files` (path → text): new paths, transformed code. Non-code files are left out. */
export function retypeProject(files: Record<string, string>, opts: RetypeOptions = {}): Record<string, string> {
  const root = opts.root ?? 'app/';
  const code: Array<[string, string]> = [];
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (/\.ipynb$/i.test(path)) code.push([path.replace(/\.ipynb$/i, '.py'), notebookToScript(text)]);
    else if (/\.py$/i.test(path)) code.push([path, text]);
  }
  const names = definedNames(code.map(([, t]) => t));
  const renamed = new Map(names.map((n, i) => [n, `${n.length % 2 ? 'val' : 'item'}_${i.toString(36)}`]));
  const word = /\b[A-Za-z_]\w*\b/g;
  const out: Record<string, string> = {};
  code.forEach(([path, text], fileIndex) => {
    const lines: string[] = [];
    let n = 0;
    for (const raw of removeDocstrings(text).split('\n')) {
      const stripped = stripComments(raw);
      if (stripped === null || (!stripped.trim() && lines.length && !lines[lines.length - 1]!.trim())) continue;
      let line = reformat(stripped.replace(word, (w) => renamed.get(w) ?? w));
      if (line.trim()) {
        n++;
        if (opts.edits && n % (2 * opts.edits) === 0 && !/[:([{,\\]\s*$/.test(line) && !/^\s*(?:else|elif|except|finally)\b/.test(line)) continue;
        if (opts.edits && n % opts.edits === 0) {
          const indent = /^ */.exec(line)![0];
          if (!/^\s*(?:else|elif|except|finally|\)|\]|\})/.test(line)) lines.push(`${indent}print("step ${n}")`);
        }
      }
      line = line.trimEnd();
      lines.push(line);
    }
    const parts = path.split('/');
    const base = parts.pop()!.replace(/\s+/g, '_').toLowerCase();
    const moved = `${root}${parts.length ? `m${fileIndex}_` : ''}${base}`;
    out[moved] = lines.join('\n') + '\n';
  });
  return out;
}
