/**
 * `readme` probe: what a hiring manager reads first. Works on the remark (mdast) tree of the root README; one mode
 * per question (`check`): does it exist, does it say what the project does and why, how to install and run it, where
 * the data comes from, what the results are (with numbers), where the demo is, and whether the files it describes
 * exist.
 */
import type { Evidence, ProbeResult } from '../types.js';
import { Type, type TUnsafe } from '@sinclair/typebox';
import type { Probe, ProbeContext } from './types.js';
import { findReadme } from './readme-doc.js';
import { patternListSchema } from './schema-parts.js';
import { countWords, readmeView, snippet, type ReadmeView } from './readme-blocks.js';
import {
  dataset,
  demoLink,
  length,
  phrases,
  problem,
  results,
  setup,
  titleSummary,
  usage,
  visuals,
  type PhrasePattern,
} from './readme-checks.js';
import { fileRefs, repoIndex, resolveRefs, type FileRef } from './readme-refs.js';
import { repoBacking } from './readme-claims.js';
import { DEFAULT_CODE_GLOBS } from './code-scan.js';

export type ReadmeCheck =
  | 'exists'
  | 'title-summary'
  | 'problem'
  | 'setup'
  | 'usage'
  | 'dataset'
  | 'results'
  | 'demo-link'
  | 'visuals'
  | 'length'
  | 'links'
  | 'phrases';

export interface ReadmeParams {
  check: ReadmeCheck;
  /** title-summary: opening paragraph length band (default 12..250 words). problem: words a motivation section needs (15). */
  minWords?: number;
  maxWords?: number;
  /** length: words giving score 0 (30), full score from `min` (250) to `max` (3000). visuals: images for full score (1). */
  zero?: number;
  min?: number;
  max?: number;
  /** phrases: regexes (JavaScript syntax, case-insensitive unless `flags` says otherwise) searched in the README text and link URLs. */
  patterns?: PhrasePattern[];
  expect?: 'present' | 'absent';
  includeCode?: boolean;
}

const CHECKS: ReadmeCheck[] = ['exists', 'title-summary', 'problem', 'setup', 'usage', 'dataset', 'results', 'demo-link', 'visuals', 'length', 'links', 'phrases'];

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['check'],
  properties: {
    check: { enum: CHECKS },
    minWords: { type: 'integer', minimum: 0 },
    maxWords: { type: 'integer', minimum: 1 },
    zero: { type: 'integer', minimum: 0 },
    min: { type: 'integer', minimum: 0 },
    max: { type: 'integer', minimum: 1 },
    patterns: patternListSchema({}, { minItems: 1 }),
    expect: { enum: ['present', 'absent'] },
    includeCode: { type: 'boolean' },
  },
  allOf: [
    {
      if: { properties: { check: { const: 'phrases' } } },
      then: { required: ['patterns', 'expect'] },
      else: { not: { anyOf: [{ required: ['patterns'] }, { required: ['expect'] }, { required: ['includeCode'] }] } },
    },
  ],
} as const;

/** Why the README could not be read, from the source's notes (binary, not UTF-8, too large, LFS pointer). */
function unreadableReason(ctx: ProbeContext, path: string): string {
  const n = [...ctx.snapshot.notes].reverse().find((x) => x.path === path);
  if (!n) return 'could not be read';
  switch (n.kind) {
    case 'binary':
      return 'is a binary file, not text';
    case 'not-utf8':
      return 'is not UTF-8 text (save it as UTF-8)';
    case 'too-large':
      return 'is too large to read';
    case 'lfs-pointer':
      return 'is a Git LFS pointer, not the text itself';
    default:
      return n.message.replace(/^skipped:\s*/, '');
  }
}

type Loaded = { view: ReadmeView } | { missing: ProbeResult };

async function load(ctx: ProbeContext): Promise<Loaded> {
  const entry = findReadme(ctx.files);
  if (!entry) return { missing: { score: 0, evidence: [], note: 'no README at the repository root (nor in .github/ or docs/)' } };
  let doc;
  try {
    doc = await ctx.readme();
  } catch (e) {
    return { missing: { score: 0, evidence: [{ path: entry.path, detail: 'README could not be parsed' }], note: `README could not be parsed: ${(e as Error).message}` } };
  }
  if (!doc) {
    // The host did not return the text (a partial API answer): not measured, not "no README".
    const gone = [...ctx.snapshot.notes].reverse().find((x) => x.path === entry.path);
    if (gone?.kind === 'not-returned') {
      return { missing: { score: 0, evidence: [], measurable: false, note: `${entry.path} was not returned by the API: not scored` } };
    }
    const why = unreadableReason(ctx, entry.path);
    return { missing: { score: 0, evidence: [{ path: entry.path, detail: `README ${why}` }], note: `${entry.path} ${why}` } };
  }
  return { view: readmeView(doc) };
}

function exists(view: ReadmeView): ProbeResult {
  const words = countWords(view.blocks.map((b) => b.text).join('\n'));
  const evidence: Evidence[] = [{ path: view.doc.path, line: 1, detail: `${view.doc.path}: ${words} words`, ...(words === 0 ? { problem: true as const } : {}) }];
  if (words === 0) return { score: 0.2, evidence, note: 'the README is empty' };
  return { score: 1, evidence };
}

function links(view: ReadmeView, ctx: ProbeContext): ProbeResult {
  // Existence is checked against every file in the tree (a reference to a file the user excluded from scoring still resolves).
  const index = repoIndex(ctx.snapshot.files);
  const refs = resolveRefs(fileRefs(view, index), index);
  // Count each referenced target once.
  const byKey = new Map<string, FileRef>();
  for (const r of refs) {
    const key = r.candidates[0] ?? r.ref;
    const prev = byKey.get(key);
    if (!prev || (!prev.found && r.found)) byKey.set(key, r);
  }
  const unique = [...byKey.values()];
  if (!unique.length)
    return { score: 1, evidence: [], measurable: false, note: 'the README links to no repo files and names none in commands: nothing to check' };
  const ok = unique.filter((r) => r.found !== undefined);
  const bad = unique.filter((r) => r.found === undefined);
  const kindWord: Record<FileRef['kind'], string> = {
    link: 'link',
    image: 'image',
    command: 'command names',
    inline: 'inline code names',
    tree: 'project tree lists',
  };
  const evidence: Evidence[] = [
    ...bad.map((r) => ({
      problem: true as const,
      path: view.doc.path,
      line: r.line,
      detail: /^(www\.)?[\w-]+(\.[\w-]+)*\.(com|org|io|net|ai|dev|app|co|me|edu)(\/|$)/i.test(r.ref)
        ? `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` is missing https:// and points to a repo file that does not exist`
        : `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` — no such file in the repo`,
    })),
    ...ok.slice(0, Math.max(0, 5 - bad.length)).map((r) => ({ path: view.doc.path, line: r.line, detail: `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` → ${r.found || '(root)'}` })),
  ];
  const score = ok.length / unique.length;
  const note = bad.length
    ? `${bad.length} of ${unique.length} files the README refers to do not exist: ${bad.slice(0, 3).map((r) => r.ref).join(', ')}${bad.length > 3 ? ', …' : ''}`
    : `all ${unique.length} file references resolve`;
  return { score, evidence: evidence.slice(0, 5), note };
}

// ---------------------------------------------------------------- claims checked against the repo

/** An unsupported claim scores this: numbers or a link with nothing in the repo behind them are no evidence. */
const UNSUPPORTED = 0;

async function resultsBacked(r: ProbeResult, ctx: ProbeContext): Promise<ProbeResult> {
  if (r.score < 0.5) return r; // no numbers given: nothing claimed to check
  const b = await repoBacking(ctx);
  if (b.evaluation) return { ...r, evidence: [...r.evidence, { ...b.evaluation, detail: `backed by code that ${b.evaluation.detail}` }].slice(0, 5) };
  const note = `unsupported claim: the README reports results, but no code in the repo computes a metric on a model's predictions (${b.filesRead} code file${b.filesRead === 1 ? '' : 's'} read${b.cut ? ', read budget reached' : ''})`;
  return { score: UNSUPPORTED, evidence: [...r.evidence.slice(0, 4), { detail: 'unsupported claim: no evaluation code behind these numbers', problem: true }], note };
}

async function demoBacked(r: ProbeResult, ctx: ProbeContext): Promise<ProbeResult> {
  if (r.score < 0.5) return r; // a notebook link or no link: no app claimed
  const b = await repoBacking(ctx);
  if (b.app) return { ...r, evidence: [...r.evidence, { ...b.app, detail: `the app is in the repo: ${b.app.detail}` }].slice(0, 5) };
  const note = 'unsupported claim: the README links a demo, but the repo holds no app that takes input (an endpoint, an input widget, a Gradio interface)';
  return { score: UNSUPPORTED, evidence: [...r.evidence.slice(0, 4), { detail: 'unsupported claim: no app code behind the demo link', problem: true }], note };
}

/** Setup and usage commands that name files the repo does not have (`pip install -r requirements.txt` with none). */
function commandsBacked(r: ProbeResult, view: ReadmeView, ctx: ProbeContext, what: string): ProbeResult {
  if (r.score === 0) return r;
  const index = repoIndex(ctx.snapshot.files);
  const refs = resolveRefs(fileRefs(view, index), index).filter((x) => x.kind === 'command');
  const lines = new Set(r.evidence.map((e) => e.line).filter((l): l is number => l !== undefined));
  // The commands this rule counted that name a missing file; when the rule shows no line, any such command.
  const missing = refs.filter((x) => x.found === undefined && (!lines.size || lines.has(x.line)));
  const found = refs.filter((x) => x.found !== undefined && (!lines.size || lines.has(x.line)));
  if (!missing.length || found.length) return r;
  const names = [...new Set(missing.map((x) => x.ref))].slice(0, 3);
  return {
    score: Math.min(r.score, 0.5),
    evidence: [...r.evidence.slice(0, 4), { path: view.doc.path, line: missing[0]!.line, detail: `unsupported claim: the ${what} command names ${names.map((n) => `\`${snippet(n, 40)}\``).join(', ')}, not in the repo`, problem: true }],
    note: `the ${what} instructions name files the repo does not have (${names.join(', ')})`,
  };
}

export const readmeProbe: Probe<TUnsafe<ReadmeParams>> = {
  name: 'readme',
  description: 'Reads the root README (remark mdast tree): existence, title and summary, problem, setup, usage, dataset, quantified results, demo link, visuals, length, file references, phrases.',
  paramsSchema: Type.Unsafe<ReadmeParams>(paramsSchema),
  reads(params) {
    const readme = ['[Rr][Ee][Aa][Dd][Mm][Ee]', '[Rr][Ee][Aa][Dd][Mm][Ee].*'];
    // Claims are checked against the code: results need evaluation code, a demo link an app.
    return params?.check === 'results' || params?.check === 'demo-link' ? [...readme, ...DEFAULT_CODE_GLOBS] : readme;
  },
  async run(params, ctx) {
    const loaded = await load(ctx);
    if ('missing' in loaded) {
      if (params.check === 'phrases' && params.expect === 'absent')
        return { score: 1, evidence: loaded.missing.evidence, measurable: false, note: `nothing to search: ${loaded.missing.note}` };
      return loaded.missing;
    }
    const view = loaded.view;
    switch (params.check) {
      case 'exists':
        return exists(view);
      case 'title-summary':
        return titleSummary(view, params);
      case 'problem':
        return problem(view, params);
      case 'setup':
        return commandsBacked(setup(view), view, ctx, 'setup');
      case 'usage':
        return commandsBacked(usage(view), view, ctx, 'usage');
      case 'dataset':
        return dataset(view);
      case 'results':
        return resultsBacked(results(view), ctx);
      case 'demo-link':
        return demoBacked(demoLink(view, ctx.snapshot.metadata.homepage), ctx);
      case 'visuals': {
        const index = repoIndex(ctx.snapshot.files);
        const sizes = new Map(ctx.snapshot.files.map((f) => [f.path, f.size]));
        return visuals(view, params, index.exists, (p) => sizes.get(p));
      }
      case 'length':
        return length(view, params);
      case 'links':
        return links(view, ctx);
      case 'phrases':
        return phrases(view, { patterns: params.patterns ?? [], expect: params.expect ?? 'present', includeCode: params.includeCode });
      default:
        return { score: 0, evidence: [], measurable: false, note: `unknown readme check "${String((params as { check: unknown }).check)}"` };
    }
  },
};
