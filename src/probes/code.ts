/**
 * `code` probe: regex patterns searched in code (Python scripts, notebook code cells, R, R Markdown chunks, Julia),
 * plus optional files that count by their presence (a Dockerfile, a Procfile). Each distinct pattern or path that
 * matches adds its weight once; the score is matched weight / `need` (capped at 1), or its complement when the
 * rule expects the patterns to be absent (credentials, tutorial datasets).
 *
 * Comments never count; code shown in Markdown never counts (prose files give no lines in code mode, notebooks
 * give code cells only), unless the Markdown file is a notebook (Jupytext, MyST): then its executable fences are its
 * code cells, read after every code file. `text: true` matches every line as written (for secrets in any text file).
 */
import type { Evidence, FileEntry, ProbeResult } from '../types.js';
import { globMatcher } from './context.js';
import { selectFiles, selectIndices } from './glob-gate.js';
import { orderIndices } from './file-order.js';
import { REGEX_FLAGS } from './schema-parts.js';
import {
  anyOf,
  compileRegex,
  DEFAULT_CODE_EXCLUDE,
  DEFAULT_CODE_GLOBS,
  TEST_DIR_GLOBS,
  TEST_NAMED_GLOBS,
  looksLikeTestCode,
  orderForReading,
  readingKey,
  snippet,
} from './code-scan.js';
import { isProsePath, scanLines, type ScanLine } from '../facts/code-lines.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import { measured } from '../types.js';
import { factsOf, reachOf, REACH_GLOBS, type Reach } from './code-reach.js';
import { freeInputs } from './call-inputs.js';
import { unboundAlias } from './unbound-alias.js';
import { localModuleNames, missingLocalPackage } from './missing-local-package.js';
import { isMarkdownPath } from '../facts/literate-markdown.js';
import { COPIED_GLOBS } from '../facts/vendored.js';
import { placeholderDataFolders } from './placeholder-data.js';
import { ultralyticsRunAt } from './run-artefacts.js';

const Globs = (description?: string, minItems?: number) =>
  Type.Array(Type.String({ minLength: 1 }), { ...(minItems ? { minItems } : {}), ...(description ? { description } : {}) });
const Flags = Type.Optional(Type.String({ pattern: REGEX_FLAGS.pattern }));

const CodePatternSchema = Type.Object(
  {
    regex: Type.String({ minLength: 1 }),
    detail: Type.String({ minLength: 1 }),
    flags: Flags,
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Weak evidence: does not count in a file where a `negative` pattern also matches. */
    weak: Type.Optional(Type.Boolean()),
    /** Only search files matching these globs (e.g. R-only syntax). */
    files: Type.Optional(Globs(undefined, 1)),
    /**
     * The app framework the sign is of (`python-web`, `streamlit`, `express`…). Signs of different frameworks do not
     * add up: the total counts the best framework's signs, plus every sign without a framework (a FastAPI stub and an
     * Express stub are two shells, not one app; a sign that the app runs the model has no framework and always adds).
     */
    framework: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** A name for this sign, so that a `paths` entry can count only beside it (`with`). */
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** Count the weight up to this many times, once per distinct matched text (e.g. several preprocessing functions). Default 1. */
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    /**
     * Reads whatever files a folder holds (a dataset class, image reads, a folder walk): does not count when the
     * repo's data folders hold only placeholders (`.gitkeep`) and it tracks no data file (placeholder-data.ts).
     */
    anyFolder: Type.Optional(Type.Boolean()),
    /**
     * Counts only in a file that also has, for each entry, a code line matching it (a route "runs the model" only
     * where the file loads a model or imports an LLM client; a correct-answer counter only beside a comparison).
     */
    sameFile: Type.Optional(
      Type.Array(Type.Object({ regex: Type.String({ minLength: 1 }), detail: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 4,
      }),
    ),
  },
  { additionalProperties: false },
);
type CodePattern = Static<typeof CodePatternSchema>;

const CodePathSchema = Type.Object(
  {
    glob: Type.String({ minLength: 1 }),
    detail: Type.String({ minLength: 1 }),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** The file must contain a line matching this regex (checked in text mode, comments included). */
    contains: Type.Optional(Type.String({ minLength: 1 })),
    flags: Flags,
    /** Smallest size in bytes for the file to count (default 1: empty files never count). */
    minBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Globs this entry ignores (e.g. a Dockerfile under .devcontainer/ is not a deployment). */
    exclude: Type.Optional(Globs()),
    /**
     * The file is a framework's record of a training run, checked with the files beside it (run-artefacts.ts):
     * `ultralytics` = a per-epoch `results.csv` next to the run's `args.yaml`.
     */
    run: Type.Optional(Type.Literal('ultralytics')),
    /**
     * The `id` of a pattern that must also count for this file to count: half of a sign made of two files (a YOLO
     * data config's `val:` split counts only beside the Ultralytics training call that validates on it).
     */
    with: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** The code probe's params: one declaration gives the JSON Schema the loader validates, the TypeScript type and the defaults. */
const paramsSchema = Type.Object(
  {
    files: Type.Optional(Globs('Globs of files to search (default: Python, notebooks, R, Julia).', 1)),
    exclude: Type.Optional(Globs('Globs never searched (default: virtualenvs, site-packages, node_modules, notebook checkpoints).')),
    skipTests: Type.Boolean({
      default: false,
      description: 'Also leave out test code: tests/, test/, conftest.py, and test_*.py / *_test.py files written as tests (pytest / unittest).',
    }),
    skipCopied: Type.Boolean({
      default: false,
      description: "Also leave out code copied in from elsewhere: vendor/, third_party/ and a web framework's collected static files (staticfiles/, static/admin/).",
    }),
    patterns: Type.Optional(Type.Array(CodePatternSchema)),
    paths: Type.Optional(Type.Array(CodePathSchema)),
    negative: Type.Optional(
      Type.Array(
        Type.Object(
          {
            regex: Type.String({ minLength: 1 }),
            detail: Type.String({ minLength: 1 }),
            flags: Flags,
            /** The marker yields in a file that also has a code line matching this (a mock that is only the fallback of a real model load). */
            unless: Type.Optional(Type.Object({ regex: Type.String({ minLength: 1 }), flags: Flags }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /**
     * Notebooks: when a code cell without a `negative` marker has a line matching this regex (a training call), the
     * markers discount weak evidence in their own cell only, not in the whole notebook (a notebook that fine-tunes a
     * model and ends in a Gradio demo keeps its training-time tokenisation).
     */
    negativePerCellWhen: Type.Optional(
      Type.String({ minLength: 1, description: 'Notebooks: a line (a training call) that, in a cell without a negative marker, limits the markers to their own cells.' }),
    ),
    /** What the `negative` matches mean, for the evidence and the note (default: they are not a data source). */
    negativeMeans: Type.Optional(
      Type.Object(
        { label: Type.String({ minLength: 1 }), note: Type.String({ minLength: 1 }) },
        { additionalProperties: false, description: 'Wording for negative matches: the evidence label and the note when only discounted weak evidence was found.' },
      ),
    ),
    expect: Type.Union([Type.Literal('present'), Type.Literal('absent')], { default: 'present' }),
    need: Type.Number({ exclusiveMinimum: 0, default: 1 }),
    text: Type.Boolean({ default: false, description: 'Match every line as written (comments and prose included) instead of code only.' }),
    prefer: Type.Optional(Globs('Globs of files to read first when the budget is tight.')),
    maxFiles: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }),
    redact: Type.Boolean({ default: false, description: 'Hide matched text in evidence (secrets).' }),
    /**
     * Count only code that is reached (code-reach.ts): not a Python file that nothing runs or imports, not a top-level
     * function that nothing calls.
     */
    reachedOnly: Type.Optional(
      Type.Boolean({
        description:
          'Count only reached code: not a Python file nothing runs or imports (no notebook, __main__ script, script with top-level calls or command names it), not a top-level function nothing calls, not code behind a constant test (after an always-taken early return, inside `if False:`).',
      }),
    ),
    /** Python: a matched call whose inputs are only names the file never binds (`accuracy_score(a, b)` alone) does not count. */
    /**
     * Python: a `*.py` file that calls through a conventional module alias it never binds (`pd.` with no pandas import),
     * or imports a conventional local package the repo does not have (`from utils.x import` with no `utils/`), cannot
     * run; its matches do not count.
     */
    runnable: Type.Optional(
      Type.Boolean({
        description:
          'Python: a *.py file that calls through a conventional module alias it never imports or binds (`pd.DataFrame(` with no `import pandas as pd`) raises a NameError when run, and one whose top-level import names a conventional local package the repository does not have (`from utils.model_loader import …` with no `utils/` folder or `utils.py`) raises a ModuleNotFoundError before it runs; none of their matches count.',
      }),
    ),
    realInputs: Type.Optional(
      Type.Boolean({
        description:
          'Python: a matched call whose inputs are only names the file never binds (assigned, imported, parameters, loop targets, other notebook cells) does not count.',
      }),
    ),
  },
  { additionalProperties: false, anyOf: [{ required: ['patterns'] }, { required: ['paths'] }] },
);

export type CodeParams = Static<typeof paramsSchema>;
/** The params as a rule file may write them: the fields with a default may be left out (`runWithDefaults`). */
export type CodeRuleParams = Partial<CodeParams>;

interface Compiled {
  re: RegExp;
  spec: CodePattern;
  weight: number;
  applies: (path: string) => boolean;
  /** `sameFile`: lines the same file must also have, each. */
  also: Array<{ re: RegExp; detail: string }>;
}

interface Hit {
  /** index of the pattern (patterns first, then paths offset by patterns.length) */
  key: number;
  weight: number;
  ev: Evidence;
  /** normalised matched text, for `repeat` */
  text: string;
}

const DEFAULT_MAX_FILES = 200;
/** A reading-plan mark: Markdown, read after every code file, counted as code only when it is a notebook. */
const LATE = 2;
/** Files where `realInputs` is judged (and Markdown notebooks). */
const PYTHON = /\.(?:py|ipynb)$/i;
const MAX_EVIDENCE = 5;
/** How many candidate files of one `paths` entry are opened to look for `contains`. */
const MAX_PATH_READS = 8;

function fmt(match: string, detail: string, redact: boolean): string {
  return `\`${snippet(match, redact)}\` — ${detail}`;
}

async function runCode(params: CodeParams, ctx: ProbeContext): Promise<ProbeResult> {
  const expect = params.expect ?? 'present';
  const need = params.need ?? 1;
  const mode = params.text ? 'text' : 'code';
  const redact = params.redact ?? false;
  const maxFiles = params.maxFiles ?? DEFAULT_MAX_FILES;

  const compiled: Compiled[] = [];
  for (const spec of params.patterns ?? []) {
    const re = compileRegex(spec.regex, spec.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    const also: Compiled['also'] = [];
    for (const a of spec.sameFile ?? []) {
      const ar = compileRegex(a.regex, a.flags);
      if (typeof ar === 'string') return { outcome: 'fail', score: 0, evidence: [], note: ar };
      also.push({ re: ar, detail: a.detail });
    }
    compiled.push({
      re,
      spec,
      weight: spec.weight ?? 1,
      applies: spec.files ? globMatcher(spec.files, { nocase: true }) : () => true,
      also,
    });
  }
  const negatives: Array<{ re: RegExp; detail: string; unless: RegExp | null }> = [];
  for (const n of params.negative ?? []) {
    const re = compileRegex(n.regex, n.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    const unless = n.unless ? compileRegex(n.unless.regex, n.unless.flags) : null;
    if (typeof unless === 'string') return { outcome: 'fail', score: 0, evidence: [], note: unless };
    negatives.push({ re, detail: n.detail, unless });
  }

  let perCellWhen: RegExp | null = null;
  if (params.negativePerCellWhen) {
    const re = compileRegex(params.negativePerCellWhen);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    perCellWhen = re;
  }
  const maybe = anyOf(compiled.map((c) => c.re));
  const hits: Hit[] = [];
  const discarded: Evidence[] = [];
  const negativeEv: Evidence[] = [];
  /** Data folders that are empty placeholders, when the repo tracks no data (only for rules with `anyFolder` patterns). */
  const placeholders = compiled.some((c) => c.spec.anyFolder) ? placeholderDataFolders(ctx.files) : [];
  const placeholderNote = placeholders.length
    ? `the data folders hold only a placeholder (${placeholders.map((d) => `${d}/`).join(', ')}) and the repo tracks no data file`
    : '';

  // 1. Files that count by presence (cheap path checks first; contents only when `contains` is set).
  // Test folders are left out unread; a file only named like a test (test_agent.py) is read, and left out when it is
  // written as a test (pytest / unittest): an RL `test_agent.py` that runs the trained policy is the project's evaluation.
  const baseExclude = [...(params.exclude ?? DEFAULT_CODE_EXCLUDE), ...(params.skipTests ? TEST_DIR_GLOBS : []), ...(params.skipCopied ? COPIED_GLOBS : [])];
  const isTestNamed = params.skipTests ? globMatcher(TEST_NAMED_GLOBS, { nocase: true }) : () => false;
  const pathSpecs = params.paths ?? [];
  const reach: Reach | null = params.reachedOnly ? await reachOf(ctx) : null;
  /** Matches left out because nothing runs their code, or because their call runs on names that do not exist. */
  const unreached: Evidence[] = [];
  /** Folder and module names the repository holds (for `runnable`: an import of a local package it lacks). */
  let localNames: ReadonlySet<string> | undefined;
  const noInputs: Evidence[] = [];
  /** Files named like a framework's run record that are not one (`run` paths): a hand-written table, a stub. */
  const rejectedRuns: Evidence[] = [];
  for (let i = 0; i < pathSpecs.length; i++) {
    const spec = pathSpecs[i]!;
    const minBytes = spec.minBytes ?? 1;
    const exclude = [...baseExclude, ...(params.skipTests ? TEST_NAMED_GLOBS : []), ...(spec.exclude ?? [])];
    const cands = orderForReading(
      selectFiles(ctx.files, [spec.glob], { exclude, nocase: true }).filter((f) => f.size >= minBytes && (!reach || reach.reached(f.path))),
    );
    if (!cands.length) continue;
    const key = compiled.length + i;
    const weight = spec.weight ?? 1;
    if (spec.run) {
      for (const f of cands.slice(0, MAX_PATH_READS)) {
        const run = await ultralyticsRunAt(ctx, f);
        if (run.ok) {
          hits.push({ key, weight, text: '', ev: { path: f.path, detail: `${spec.detail} (${run.why})` } });
          break;
        }
        if (rejectedRuns.length < MAX_EVIDENCE) rejectedRuns.push({ path: f.path, detail: `not counted (${run.why}): ${spec.detail}` });
      }
      continue;
    }
    if (!spec.contains) {
      for (const f of cands.slice(0, expect === 'absent' ? MAX_EVIDENCE : 1)) hits.push({ key, weight, text: '', ev: { path: f.path, detail: spec.detail } });
      continue;
    }
    const re = compileRegex(spec.contains, spec.flags);
    if (typeof re === 'string') return { outcome: 'fail', score: 0, evidence: [], note: re };
    let found = 0;
    for (const f of cands.slice(0, MAX_PATH_READS)) {
      const file = await ctx.read(f.path);
      if (!file) continue;
      for (const l of scanLines(file, 'text')) {
        const mm = re.exec(l.text);
        if (!mm) continue;
        // A check as loose as "any non-blank character" matches one letter: show the line then.
        const shown = mm[0].trim().length < 4 ? l.text.trim() : mm[0];
        hits.push({ key, weight, text: '', ev: { path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: fmt(shown, spec.detail, redact) } });
        found++;
        break;
      }
      if (found && expect === 'present') break;
      if (found >= MAX_EVIDENCE) break;
    }
  }

  // 2. Patterns in code files, within a deterministic read budget.
  let candidates: FileEntry[] = [];
  let skippedForBudget = 0;
  if (compiled.length) {
    const plan = readingPlan(ctx.files, params.files ?? DEFAULT_CODE_GLOBS, baseExclude, mode, params.prefer ?? [], maxFiles);
    candidates = plan.read;
    skippedForBudget = plan.skipped;
  }
  const repeatOf = (key: number): number => (key < compiled.length ? (compiled[key]!.spec.repeat ?? 1) : 1);
  const frameworkOf = (key: number): string | null => (key < compiled.length ? (compiled[key]!.spec.framework ?? null) : null);
  /** A `paths` entry whose partner pattern (`with`) has not counted: its hits wait (and are dropped at the end). */
  const waiting = (key: number): boolean => {
    if (key < compiled.length) return false;
    const partner = pathSpecs[key - compiled.length]?.with;
    return partner !== undefined && !hits.some((h) => h.key < compiled.length && compiled[h.key]!.spec.id === partner);
  };
  const weightOf = (): number => {
    const texts = new Map<number, Set<string>>();
    const wOf = new Map<number, number>();
    for (const h of hits) {
      if (waiting(h.key)) continue;
      const set = texts.get(h.key) ?? new Set<string>();
      set.add(h.text);
      texts.set(h.key, set);
      wOf.set(h.key, h.weight);
    }
    let w = 0;
    const byFramework = new Map<string, number>();
    for (const [k, set] of texts) {
      const kw = wOf.get(k)! * Math.min(repeatOf(k), set.size);
      const fw = frameworkOf(k);
      if (fw === null) w += kw;
      else byFramework.set(fw, (byFramework.get(fw) ?? 0) + kw);
    }
    // Signs of different app frameworks do not add up: the best framework's count.
    return w + Math.max(0, ...byFramework.values());
  };
  /** The frameworks whose signs were found, when more than one: only the best counts (for the note). */
  const frameworksFound = (): string[] => [...new Set(hits.map((h) => frameworkOf(h.key)).filter((f): f is string => f !== null))].sort();

  let filesRead = 0;
  /** Code files the snapshot could not give (binary, too large, an LFS pointer, missing from the work tree): not "read". */
  let unreadable = 0;
  const unreadPaths: string[] = [];
  for (const f of candidates) {
    // With empty placeholder data folders, read on until something other than folder reading counts (see below).
    if (expect === 'present' && weightOf() >= need && hits.length >= MAX_EVIDENCE && (!placeholderNote || hits.some((h) => !compiled[h.key]?.spec.anyFolder))) break;
    if (reach && !reach.reached(f.path)) {
      if (unreached.length < MAX_EVIDENCE) unreached.push({ path: f.path, detail: `not counted: nothing runs or imports ${f.path}` });
      continue;
    }
    const file = await ctx.read(f.path);
    if (!file) {
      if (!isMarkdownPath(f.path)) {
        unreadable++;
        if (unreadPaths.length < MAX_EVIDENCE) unreadPaths.push(f.path);
      }
      continue;
    }
    // Markdown is a code file only when it is a notebook (it has cells).
    if (!isMarkdownPath(f.path) || file.cells) filesRead++;
    const lines = scanLines(file, mode);
    if (isTestNamed(f.path) && looksLikeTestCode(lines)) continue;
    const applicable = compiled.map((c, k) => ({ c, k })).filter(({ c }) => c.applies(f.path));
    if (!applicable.length) continue;
    const facts = params.realInputs && (PYTHON.test(f.path) || (file.cells && isMarkdownPath(f.path))) ? factsOf(file) : null;
    if (params.runnable && /\.py$/i.test(f.path)) {
      const broken = unboundAlias(lines, factsOf(file));
      if (broken) {
        if (unreached.length < MAX_EVIDENCE)
          unreached.push({ path: f.path, line: broken.line, detail: `not counted: ${f.path} calls \`${broken.name}.\` without importing or defining \`${broken.name}\` (a NameError when it runs)` });
        continue;
      }
      localNames ??= localModuleNames(ctx.files);
      const missing = missingLocalPackage(lines, localNames);
      if (missing) {
        if (unreached.length < MAX_EVIDENCE)
          unreached.push({
            path: f.path,
            line: missing.line,
            detail: `not counted: ${f.path} imports the project's own \`${missing.name}\` package, which the repository does not have (no \`${missing.name}/\` folder or \`${missing.name}.py\`: a ModuleNotFoundError before it runs)`,
          });
        continue;
      }
    }
    let deadNoted = false;
    let guardNoted = false;
    const fileHits: Array<Hit & { weak: boolean }> = [];
    const perKey = new Map<number, Set<string>>();
    let negativeHere: Evidence | null = null;
    /** Notebooks: the first negative marker of each cell, and the cells with a `negativePerCellWhen` line. */
    const negativeCells = new Map<number, Evidence>();
    const whenCells = new Set<number>();
    /** `sameFile` lines found in this file (by regex), and negative markers that yield here (`unless`). */
    const alsoFound = new Set<RegExp>();
    const alsoWanted = applicable.flatMap(({ c }) => c.also.map((a) => a.re));
    const unlessWanted = negatives.flatMap((n) => (n.unless ? [n.unless] : []));
    const unlessFound = new Set<RegExp>();
    /** The marker of each negative pattern, for `unless` (it yields when the file has the line). */
    const markerOf = new Map<Evidence, RegExp | null>();
    /** The first marker of each distinct `unless` line: one of them may not yield where another does. */
    const firstByUnless = new Map<RegExp, Evidence>();
    // Where a line is, for evidence: made for the lines that give some (most lines give none).
    const locOf = (l: ScanLine) => ({ path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}) });
    /**
     * The text of the line before when it changed nothing (no negative marker, no `negativePerCellWhen`, `sameFile` or
     * `unless` line, no pattern could match): the same text again changes nothing either (every test here is a
     * non-global regex, so its answer depends on the text alone), and a run of equal lines (a hostile file of 500,000
     * `[`) costs one string comparison a line instead of every regex.
     */
    let inertText: string | null = null;
    for (const l of lines) {
      if (l.text === inertText) continue;
      inertText = null;
      // The negative patterns ran on this text and none matched (or there are none).
      let noMarker = negatives.length === 0;
      if (!negativeHere || markerOf.get(negativeHere) || (l.cell !== undefined && !negativeCells.has(l.cell))) {
        noMarker = true;
        for (const n of negatives) {
          const mm = n.re.exec(l.text);
          if (mm) {
            noMarker = false;
            const ev = { ...locOf(l), detail: fmt(mm[0], n.detail, false) };
            markerOf.set(ev, n.unless);
            if (n.unless && !firstByUnless.has(n.unless)) firstByUnless.set(n.unless, ev);
            if (!negativeHere || (markerOf.get(negativeHere) && !n.unless)) negativeHere = ev;
            if (l.cell !== undefined && !negativeCells.has(l.cell)) negativeCells.set(l.cell, ev);
            break;
          }
        }
      }
      let changed = !noMarker;
      if (perCellWhen && l.cell !== undefined && perCellWhen.test(l.text)) {
        whenCells.add(l.cell);
        changed = true;
      }
      for (const re of alsoWanted) {
        if (!alsoFound.has(re) && re.test(l.text)) {
          alsoFound.add(re);
          changed = true;
        }
      }
      for (const re of unlessWanted) {
        if (!unlessFound.has(re) && re.test(l.text)) {
          unlessFound.add(re);
          changed = true;
        }
      }
      if (!maybe(l.text)) {
        if (!changed) inertText = l.text;
        continue;
      }
      const dead = reach ? reach.deadAt(f.path, l.line, l.cell) : null;
      const guarded = reach && !dead ? reach.guardedAt(f.path, l.line, l.cell) : null;
      for (const { c, k } of applicable) {
        const seen = perKey.get(k) ?? new Set<string>();
        if (seen.size >= (expect === 'absent' ? MAX_EVIDENCE : (c.spec.repeat ?? 1))) continue;
        const mm = c.re.exec(l.text);
        if (!mm) continue;
        if (dead) {
          if (!deadNoted && unreached.length < MAX_EVIDENCE) unreached.push({ ...locOf(l), detail: `not counted: \`${dead.name}()\` is never called — ${fmt(mm[0], c.spec.detail, redact)}` });
          deadNoted = true;
          continue;
        }
        if (guarded) {
          if (!guardNoted && unreached.length < MAX_EVIDENCE) unreached.push({ ...locOf(l), detail: `not counted: ${guarded} — ${fmt(mm[0], c.spec.detail, redact)}` });
          guardNoted = true;
          continue;
        }
        const free = facts ? freeInputs(l.text, mm.index, mm.index + mm[0].length, facts) : null;
        if (free) {
          if (noInputs.length < MAX_EVIDENCE) noInputs.push({ ...locOf(l), detail: `not counted: ${free.map((n) => `\`${n}\``).join(', ')} never defined in this file — ${fmt(mm[0], c.spec.detail, redact)}` });
          continue;
        }
        const text = mm[0].replace(/\s+/g, ' ').trim();
        if (seen.has(text)) continue;
        seen.add(text);
        perKey.set(k, seen);
        fileHits.push({ key: k, weight: c.weight, text, weak: c.spec.weak ?? false, ev: { ...locOf(l), detail: fmt(mm[0], c.spec.detail, redact) } });
      }
    }
    // A marker yields in a file that also has its `unless` line (a mock that is only the fallback of a real load).
    const yields = (m: Evidence | null | undefined): boolean => {
      const u = m ? markerOf.get(m) : null;
      return !!u && unlessFound.has(u);
    };
    // negativeHere holds a marker with `unless` only when the file has no marker without one.
    if (yields(negativeHere)) negativeHere = [...firstByUnless.values()].find((m) => !yields(m)) ?? null;
    for (const [cell, m] of [...negativeCells]) if (yields(m)) negativeCells.delete(cell);
    if (negativeHere && negativeEv.length < MAX_EVIDENCE) negativeEv.push(negativeHere);
    // A notebook that trains outside its app cells: a marker discounts weak evidence in its own cell only.
    const perCell = [...whenCells].some((c) => !negativeCells.has(c));
    for (const h of fileHits) {
      const missing = compiled[h.key]!.also.find((a) => !alsoFound.has(a.re));
      if (missing) {
        discarded.push({ ...h.ev, detail: `not counted (nothing in the file ${missing.detail}): ${h.ev.detail}` });
        continue;
      }
      const marker = perCell && h.ev.cell !== undefined ? negativeCells.get(h.ev.cell) : negativeHere;
      if (h.weak && marker) {
        discarded.push({ ...h.ev, detail: `not counted (same ${perCell ? 'cell' : 'file'} as ${marker.detail.replace(/^`[^`]*` — /, '')}): ${h.ev.detail}` });
        continue;
      }
      hits.push({ key: h.key, weight: h.weight, text: h.text, ev: h.ev });
    }
  }

  // Half of a two-file sign whose other half (the `with` pattern) never counted: not counted.
  const unpaired: Evidence[] = [];
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i]!;
    if (!waiting(h.key)) continue;
    hits.splice(i, 1);
    const partner = pathSpecs[h.key - compiled.length]!.with!;
    const what = compiled.find((c) => c.spec.id === partner)?.spec.detail ?? partner;
    if (!unpaired.length) unpaired.push({ ...h.ev, detail: `not counted (nothing ${what.replace(/,.*$/, '')}): ${h.ev.detail}` });
  }
  // Code that reads whatever a folder holds, in a repo whose data folders are empty placeholders: when nothing else
  // (a download, a named file, a dataset loader) says where the data comes from, there is no data to read.
  if (placeholderNote && hits.length && hits.every((h) => compiled[h.key]?.spec.anyFolder)) {
    for (const h of hits.splice(0)) discarded.push({ ...h.ev, detail: `not counted (${placeholderNote}): ${h.ev.detail}` });
  }
  const weight = weightOf();
  const ratio = Math.min(1, weight / need);
  const score = expect === 'present' ? ratio : 1 - ratio;

  // Evidence: the strongest distinct matches first, one per pattern, in a stable order.
  const byKey = new Map<number, Hit[]>();
  for (const h of hits) {
    const arr = byKey.get(h.key) ?? [];
    arr.push(h);
    byKey.set(h.key, arr);
  }
  const keys = [...byKey.keys()].sort((a, b) => byKey.get(b)![0]!.weight - byKey.get(a)![0]!.weight || a - b);
  const evidence: Evidence[] = [];
  for (let round = 0; evidence.length < MAX_EVIDENCE && round < MAX_EVIDENCE; round++) {
    let added = false;
    for (const k of keys) {
      const h = byKey.get(k)![round];
      if (h && evidence.length < MAX_EVIDENCE) {
        evidence.push(expect === 'absent' ? { ...h.ev, problem: true } : h.ev);
        added = true;
      }
    }
    if (!added || expect === 'present') break;
  }

  const notes: string[] = [];
  if (expect === 'present' && weight === 0) {
    if (placeholderNote && discarded.length && !negativeEv.length) {
      notes.push(`only code that reads whatever a folder holds was found, and ${placeholderNote}: no dataset is in the repo, and nothing downloads or names one`);
      evidence.push(...discarded.slice(0, 2));
    } else if (discarded.length || negativeEv.length) {
      const means = params.negativeMeans ?? { label: 'not a data source', note: 'only weak evidence next to synthetic or user-supplied data was found' };
      notes.push(means.note);
      evidence.push(...negativeEv.slice(0, 2).map((e) => ({ ...e, detail: `${means.label}: ${e.detail}` })), ...discarded.slice(0, 2));
    } else {
      const unread = unreadable ? `; ${unreadable} could not be read (see the source notes)` : '';
      notes.push(`nothing matched in ${filesRead} code file${filesRead === 1 ? '' : 's'} read${unread}`);
    }
  } else if (expect === 'present' && score < 1) {
    notes.push('weak evidence only');
  }
  const frameworks = frameworksFound();
  if (expect === 'present' && score < 1 && frameworks.length > 1) notes.push(`signs of ${frameworks.length} app frameworks (${frameworks.join(', ')}): only the best one's count, shells in several frameworks are not one app`);
  if (expect === 'present' && score < 1 && (unreached.length || noInputs.length)) {
    const parts: string[] = [];
    if (unreached.length) parts.push('matches in code that never runs (a file nothing runs or imports, a function nothing calls, code after an early return that always runs or under an `if` that never does, a file that calls a module it never imports)');
    if (noInputs.length) parts.push('calls on names never defined in their file');
    notes.push(`not counted: ${parts.join('; ')}`);
    if (weight === 0) evidence.push(...[...unreached, ...noInputs].slice(0, 2));
  }
  if (expect === 'present' && score < 1 && unpaired.length) {
    notes.push(`not counted without its other half: ${unpaired[0]!.path}`);
    evidence.push(...unpaired);
  }
  if (expect === 'present' && score < 1 && rejectedRuns.length) {
    notes.push(`not counted as a training run's record: ${rejectedRuns[0]!.path}`);
    evidence.push(...rejectedRuns.slice(0, 1));
  }
  if (skippedForBudget > 0 && score < 1 && expect === 'present') notes.push(`read budget of ${maxFiles} files reached; ${skippedForBudget} more not read`);
  if (skippedForBudget > 0 && expect === 'absent') notes.push(`read budget of ${maxFiles} files reached; ${skippedForBudget} more not checked`);
  // Code files that could not be read may hold what the rule looks for: when the files read do not settle it, it is
  // not measured (never a fail with advice to add what may be there), counted as what the files read earn.
  if (expect === 'present' && score < 1 && unreadable > 0) return notMeasuredForUnread(ctx, score, evidence, unreadPaths, unreadable, filesRead);
  return measured({ score, evidence: evidence.slice(0, MAX_EVIDENCE), ...(notes.length ? { note: notes.join('; ') } : {}) });
}

/** Why the snapshot could not give a file, from its notes ("skipped: 61234567 bytes is over the 26214400-byte cap"). */
function whyUnread(ctx: ProbeContext, path: string): string {
  const n = ctx.snapshot.notes.findLast((x) => x.path === path);
  return n ? n.message.replace(/^skipped: /, '') : 'the source did not give it';
}

/**
 * The result of a rule whose files read do not settle it while some code files could not be read: not measurable,
 * counted as what the files read earn (`score`, the floor), the unread files named with why, and no advice (the stage
 * may be there).
 */
function notMeasuredForUnread(ctx: ProbeContext, score: number, found: Evidence[], paths: string[], unreadable: number, filesRead: number): ProbeResult {
  const why = paths.map((p) => ({ path: p, detail: `could not be read: ${whyUnread(ctx, p)}` }));
  const files = (n: number): string => `${n} code file${n === 1 ? '' : 's'}`;
  const pct = `${Math.round(score * 100)}%`;
  const read = filesRead
    ? `, and the ${files(filesRead)} read ${filesRead === 1 ? 'does' : 'do'} not settle it${score > 0 ? ` (${filesRead === 1 ? 'it earns' : 'they earn'} ${pct})` : ''}`
    : '';
  const note =
    `not measured: ${files(unreadable)} could not be read (${paths.join(', ')}${unreadable > paths.length ? ', …' : ''})${read}; ` +
    `it counts as ${pct} until ${unreadable === 1 ? 'that file' : 'those files'} can be read`;
  return { outcome: 'not-measurable', score, evidence: [...found.slice(0, MAX_EVIDENCE - Math.min(why.length, 2)), ...why].slice(0, MAX_EVIDENCE), note, unread: paths };
}

/** Every file of a list in reading order (typical ML names first, then shallow paths, then by path), and each file's rank in it. */
interface ReadingOrder {
  order: Int32Array;
  rank: Int32Array;
}

const readingOrders = new WeakMap<object, ReadingOrder>();
/** Per file list and (globs, exclude, mode): which files a rule may read (1, or LATE: Markdown that may be a notebook) and how many code files (1). */
const bases = new WeakMap<object, Map<string, { member: Uint8Array; total: number }>>();

/** What code mode makes of each file of a list by its path (proseKindOf): 0 not yet known. */
const PROSE_UNKNOWN = 0;
const NOT_PROSE = 1;
const PROSE = 2;
const PROSE_MARKDOWN = 3;
const proseKinds = new WeakMap<object, Uint8Array>();

/**
 * Whether code mode reads file i of `files` (NOT_PROSE), skips it as prose (PROSE), or reads it last as Markdown that
 * may be a notebook (PROSE_MARKDOWN); decided once per file and list: each rule's reading plan asked it again of the
 * ~94,000 code files of the python-ml bench repo.
 */
function proseKindOf(files: FileEntry[], kinds: Uint8Array, i: number): number {
  let k = kinds[i]!;
  if (k === PROSE_UNKNOWN) {
    const path = files[i]!.path;
    k = !isProsePath(path) || /\.(rmd|qmd)$/i.test(path) ? NOT_PROSE : isMarkdownPath(path) ? PROSE_MARKDOWN : PROSE;
    kinds[i] = k;
  }
  return k;
}

function readingOrderOf(files: FileEntry[]): ReadingOrder {
  let ro = readingOrders.get(files);
  if (!ro) {
    const all = new Int32Array(files.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const order = orderIndices(all, (i) => files[i].path, (i) => readingKey(files[i].path));
    const rank = new Int32Array(files.length);
    for (let r = 0; r < order.length; r++) rank[order[r]] = r;
    readingOrders.set(files, (ro = { order, rank }));
  }
  return ro;
}

/**
 * The first `maxFiles` code files a rule reads, in reading order (files matching the `prefer` globs first, in the
 * globs' order, then the others), and how many files it may read in all. The order of every file is computed once
 * per file list; a rule's files are a membership mark over it (most rules share one), and the walk stops at the
 * budget, so only the files within it are ever materialised.
 */
function readingPlan(
  files: FileEntry[],
  globs: string[],
  exclude: string[],
  mode: string,
  prefer: string[],
  maxFiles: number,
): { read: FileEntry[]; skipped: number } {
  let byKey = bases.get(files);
  if (!byKey) bases.set(files, (byKey = new Map()));
  const baseKey = JSON.stringify([globs, exclude, mode]);
  let base = byKey.get(baseKey);
  if (!base) {
    const member = new Uint8Array(files.length);
    let total = 0;
    let kinds = proseKinds.get(files);
    if (!kinds) proseKinds.set(files, (kinds = new Uint8Array(files.length)));
    for (const i of selectIndices(files, globs, { exclude })) {
      // Code mode reads no prose (Markdown, text), except R Markdown and Quarto, whose chunks are code, and Markdown
      // that may be a notebook (Jupytext, MyST): that is read last, after every code file within the budget, and
      // only its executable fences count (code-scan.ts).
      if (mode === 'code') {
        const kind = proseKindOf(files, kinds, i);
        if (kind !== NOT_PROSE) {
          if (kind === PROSE_MARKDOWN) member[i] = LATE;
          continue;
        }
      }
      member[i] = 1;
      total++;
    }
    byKey.set(baseKey, (base = { member, total }));
  }
  const { member, total } = base;
  const { order, rank } = readingOrderOf(files);
  const taken = new Uint8Array(files.length);
  const out: number[] = [];
  for (const g of prefer) {
    if (out.length >= maxFiles) break;
    const ranks: number[] = [];
    for (const i of selectIndices(files, [g], { nocase: true })) if (member[i] === 1 && !taken[i]) ranks.push(rank[i]);
    for (const r of Int32Array.from(ranks).sort()) {
      if (out.length >= maxFiles) break;
      taken[order[r]] = 1;
      out.push(order[r]);
    }
  }
  for (let r = 0; r < order.length && out.length < maxFiles; r++) {
    const i = order[r];
    if (member[i] === 1 && !taken[i]) out.push(i);
  }
  const skipped = total - out.length;
  for (let r = 0; r < order.length && out.length < maxFiles; r++) if (member[order[r]] === LATE) out.push(order[r]);
  return { read: out.map((i) => files[i]), skipped };
}

export const codeProbe = defineProbe({
  name: 'code',
  description:
    'Searches code (Python scripts, notebook code cells, R, Julia; comments and Markdown excluded) for regex patterns and checks files that count by presence; score = matched weight / need.',
  paramsSchema,
  async run(params, ctx) {
    return await runCode(params, ctx);
  },
  reads(params) {
    const globs = params.patterns?.length ? [...(params.files ?? DEFAULT_CODE_GLOBS)] : [];
    for (const p of params.paths ?? []) if (p.contains || p.run) globs.push(p.glob);
    if (params.paths?.some((p) => p.run === 'ultralytics')) globs.push('**/args.yaml');
    if (params.reachedOnly) globs.push(...REACH_GLOBS);
    return globs;
  },
});
