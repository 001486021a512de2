/**
 * `ml-spread` probe: is the project's ML work one short script or notebook? It reads the results of the stage rules
 * (data, preprocessing, training, evaluation) this audit ran before it: when every detected stage's evidence is in the
 * same file — or in one file and files too short to spread it (`minFileLines`: a download script, a one-function
 * module) — and those files have fewer than `maxLines` code lines in all (comments, blank lines and notebook prose not
 * counted), the ML is "a notebook or a few scripts" — what a hiring manager files as a weak project, whatever the
 * Dockerfile, README or app around it. Only a penalty: ML work spread over several files, or one long file, is left
 * out of the score (not-applicable), so a repo earns nothing here it could game by adding files; a repo with no stage
 * detected (the pipeline category says so already) or a stage not measured (code that could not be read) is left out
 * too.
 */
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import type { ProbeResult } from '../types.js';
import { measured } from '../types.js';
import { scanLines } from '../facts/code-lines.js';

/** A stage rule scoring at least this is a detected stage (as src/score.ts counts stages). */
const DETECTED_AT = 0.5;

const paramsSchema = Type.Object(
  {
    /** The stage rules whose evidence shows where the ML work is (ids). */
    rules: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, default: ['stage-data', 'stage-preprocessing', 'stage-training', 'stage-evaluation'] }),
    /** One file with at least this many code lines is substantial ML work, not a short script. */
    maxLines: Type.Integer({ minimum: 1, default: 200 }),
    /**
     * A file of the ML stages' evidence with fewer code lines than this does not spread the work: a three-line
     * download script or a one-function `data.py` beside the notebook is the same short script split (attack22).
     * The rule then measures the files together: it fails when no more than one file reaches this floor and all of
     * them together have fewer than `maxLines` code lines.
     */
    minFileLines: Type.Integer({ minimum: 1, default: 10 }),
  },
  { additionalProperties: false },
);

export type MlSpreadParams = Static<typeof paramsSchema>;

/** An ML library imported: an own module that imports one of these is ML code (a model class, a training helper). */
const ML_LIBRARY = /^\s*(?:import|from)\s+(?:torch|tensorflow|keras|sklearn|xgboost|lightgbm|catboost|transformers|jax|flax|statsmodels)\b/;
/** `from pkg.mod import A, B as C` / `import pkg.mod as m`: an import that may name an own module. */
const FROM_IMPORT = /^\s*from\s+(\.{0,3}[A-Za-z_][\w.]{0,200})\s+import\s+\(?([\w\s,]{1,500})\)?\s*$/;
const PLAIN_IMPORT = /^\s*import\s+([A-Za-z_][\w.]{0,200})(?:\s+as\s+(\w{1,100}))?\s*$/;
/** Own modules looked at per file, and in all. */
const MAX_OWN_IMPORTS = 8;
const MAX_OWN_ALL = 16;

/**
 * The repository's own modules a stage file imports and uses (a name it imports appears in another line of the file)
 * that import an ML library themselves: a notebook that trains the model class of its `src/model.py` has that module as
 * ML work too (attack22), though no stage rule cites it. A module imported and never used, or one with no ML library
 * (a logger, constants), adds nothing.
 */
function ownMlImports(path: string, code: readonly string[], exists: (p: string) => boolean): string[] {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const out: string[] = [];
  let checks = 0;
  let wordCounts: Map<string, number> | undefined;
  for (let i = 0; i < code.length && out.length < MAX_OWN_IMPORTS && checks < 2 * MAX_OWN_IMPORTS; i++) {
    const line = code[i]!;
    let mod: string | undefined;
    let names: string[] = [];
    const f = FROM_IMPORT.exec(line);
    if (f) {
      mod = f[1];
      // `A as B` binds B: the last word of each comma-separated part.
      names = f[2]!.split(',').map((n) => n.split(/\s/).filter(Boolean).pop() ?? '').filter((n) => /^\w{1,100}$/.test(n));
    } else {
      const m = PLAIN_IMPORT.exec(line);
      if (m) {
        mod = m[1];
        names = [m[2] ?? m[1]!.split('.')[0]!];
      }
    }
    if (!mod || !names.length) continue;
    const rel = mod.replace(/^\.+/, '').split('.').join('/');
    if (!rel) continue;
    const found = [`${rel}.py`, `${rel}/__init__.py`, `${dir}${rel}.py`, `${dir}${rel}/__init__.py`].find(exists);
    if (!found || found === path || out.includes(found)) continue;
    checks++;
    // Used: the name stands in another line than its import (one count of the file's words, not a scan per name).
    const words = (wordCounts ??= countWords(code));
    const here = countWords([line]);
    if (names.some((n) => (words.get(n) ?? 0) > (here.get(n) ?? 0))) out.push(found);
  }
  return out;
}

/** How often each identifier-like word stands in these lines. */
function countWords(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) for (const m of l.matchAll(/[A-Za-z_]\w*/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

const leftOut = (note: string): ProbeResult => ({ outcome: 'not-applicable', leftOut: true, score: 1, evidence: [], note });

/** Evidence of a stage that counts: it names a file, and is not marked as a problem or as not counted. */
const counts = (e: { path?: string; detail: string; problem?: true }): e is { path: string; detail: string } =>
  !!e.path && !e.problem && !/^not counted/i.test(e.detail);

async function run(params: MlSpreadParams, ctx: ProbeContext): Promise<ProbeResult> {
  const results = params.rules.map((id) => ({ id, r: ctx.ruleResult?.(id) }));
  if (results.every(({ r }) => !r)) return leftOut('the stage rules were not run');
  if (results.some(({ r }) => r?.outcome === 'error')) return leftOut('a stage rule failed: where the ML work is cannot be told');
  // Code that could not be read (an LFS pointer, a file over the cap) must never beat the same code measured: when the
  // files read would fail the rule, an unread stage leaves it not measured at what the files read earn (0), not left
  // out. A stage not measured for its language (no file unread) leaves the rule out: nothing here could be read.
  const unread = results.flatMap(({ r }) => (r?.outcome === 'not-measurable' ? (r.unread ?? []) : []));
  if (!unread.length && results.some(({ r }) => r?.outcome === 'not-measurable')) return leftOut('a stage was not measured in this language');
  // Only while code is unread: the files read would fail the rule, what was not read may spread the work.
  const unsettled = (note: string): ProbeResult => ({ outcome: 'not-measurable', score: 0, evidence: [], note: `${note}; code that could not be read may hold more`, unread });
  const detected = results.filter(({ r }) => r && r.outcome !== 'not-applicable' && r.outcome !== 'not-measurable' && r.score >= DETECTED_AT);
  if (!detected.length) return unread.length ? unsettled('no ML stage detected in the code read') : leftOut('no ML stage detected');
  const files = new Set<string>();
  for (const { r } of detected) for (const e of r?.evidence ?? []) if (counts(e)) files.add(e.path);
  if (!files.size) return leftOut('no stage evidence names a file');
  const sized: { path: string; lines: number }[] = [];
  const all = new Set(ctx.files.map((f) => f.path));
  const queue = [...files].sort();
  const seen = new Set(queue);
  for (let k = 0; k < queue.length; k++) {
    const path = queue[k]!;
    const file = await ctx.read(path);
    if (!file) {
      if (files.has(path)) return leftOut(`${path} could not be read`);
      continue;
    }
    const code = scanLines(file, 'code').filter((l) => l.text.trim() !== '');
    const own = !files.has(path);
    // An imported own module counts only when it is ML code itself (it imports an ML library).
    if (own && !code.some((l) => ML_LIBRARY.test(l.text))) continue;
    sized.push({ path, lines: code.length });
    if (sized.filter((f) => f.lines >= params.minFileLines).length > 1) return leftOut(`the ML stages' code is in several files of ${params.minFileLines} code lines or more`);
    if (!own && /\.(?:py|ipynb)$/i.test(path)) {
      for (const m of ownMlImports(path, code.map((l) => l.text), (p) => all.has(p))) {
        if (seen.size >= files.size + MAX_OWN_ALL) break;
        if (!seen.has(m)) {
          seen.add(m);
          queue.push(m);
        }
      }
    }
  }
  sized.sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path));
  const lines = sized.reduce((n, f) => n + f.lines, 0);
  const stages = detected.map(({ id }) => id.replace(/^stage-/, '')).join(', ');
  if (lines >= params.maxLines) return leftOut(`the ML work (${stages}) is ${sized.length > 1 ? `${sized.length} files` : 'one file'} of ${lines} code lines`);
  const [main, ...rest] = sized;
  const path = main!.path;
  const named = rest.slice(0, 5).map((f) => `${f.path}, ${f.lines}`).join('; ') + (rest.length > 5 ? `; ${rest.length - 5} more` : '');
  const beside = rest.length ? ` (beside it, each under ${params.minFileLines} code lines: ${named})` : '';
  const problem = (what: string) => [{ path, detail: `${what} is this one file of ${main!.lines} code lines${beside}`, problem: true as const }];
  if (unread.length) return { ...unsettled(`the ML work read is one short file: ${path}, ${lines} code lines in all`), evidence: problem('all the ML work read') };
  return measured({
    score: 0,
    evidence: problem(`all the ML work (${stages}, under ${params.maxLines} code lines in all)`),
    note: `the ML work is one short file: ${path}, ${lines} code lines in all${rest.length ? ` with ${rest.length} smaller file${rest.length > 1 ? 's' : ''}` : ''}`,
  });
}

export const mlSpreadProbe = defineProbe({
  name: 'ml-spread',
  description: 'Whether the ML stages\' code is all in one short file (a penalty only; reads the stage rules\' results).',
  paramsSchema,
  run,
  readsRules: (params: MlSpreadParams) => params.rules,
});
