/**
 * Examples beside each rule (the `examples:` block of a rule file), in the manner of eslint's RuleTester: small
 * repositories, as data, on which the rule must pass or fail. They are the rule's tests (test/rules/examples.test.ts
 * runs every one on an in-memory snapshot, no git) and its documentation (docs/rules/<id>.md, `explain`).
 *
 * Semantics, precisely: an example *passes* when the rule is measurable on it and scores >= 0.5, and *fails* when it is
 * measurable and scores < 0.5 (0.5 is where a pipeline stage counts as detected and where every cap applies). An
 * optional `score` pins the score the audit reports (rounded to 3 decimals) to within 0.005. An example *not
 * measurable* (optional list `notMeasurable`) is one where the rule's outcome is `not-measurable`: the data it needs is
 * missing (code files that could not be read), so it is neither passed nor failed.
 */
import { auditSnapshot } from '../audit.js';
import { PROBES } from '../probes/index.js';
import { memorySnapshot } from '../sources/memory.js';
import type { Commit, Evidence, RepoMetadata, RepoSnapshot } from '../types.js';
import { LINES_COUNTED_FILES } from '../types.js';
import type { Rule, RuleSet } from './load.js';
import { exampleSubject } from './example-subjects.js';

/** Score from which an example counts as passing. */
export const PASS_AT = 0.5;
/** "Now" for examples that do not set one (recency rules). */
const EXAMPLE_NOW = '2026-01-15T00:00:00Z';

export type ExampleFile =
  | string
  | { size: number | string }
  | { latin1: string }
  | { text: string; repeat: number }
  | { draws: string; words: number; zipf?: boolean; follows?: boolean }
  | { notebook: Array<string | { markdown: string }> };

interface ExampleCommit {
  subject: string;
  /** ISO date or date-time (UTC when no zone is given). */
  date: string;
  author?: string;
  email?: string;
  filesChanged?: number | null;
  /** Lines the commit changed (added + deleted); unknown (null) when absent, and for a commit of 3 files or more (as both sources give it). */
  linesChanged?: number | null;
  /** The paths the commit changed (as local git lists them); `filesChanged` defaults to their number. */
  paths?: string[];
  merge?: boolean;
  /** This many commits, `every` days apart; "{n}" in the subject becomes 1, 2, …, "{work}" / "{terse}" a different described subject each (example-subjects.ts). */
  repeat?: number;
  every?: number;
}

export interface RuleExample {
  name: string;
  files?: Record<string, ExampleFile>;
  commits?: ExampleCommit[];
  metadata?: Pick<RepoMetadata, 'fork' | 'parent' | 'archived' | 'description' | 'homepage' | 'topics'>;
  now?: string;
  score?: number;
  /** Params merged over the rule's own for this example (e.g. the fingerprint catalogue of made-up course files). */
  params?: Record<string, unknown>;
}

export interface RuleExamples {
  pass: RuleExample[];
  fail: RuleExample[];
  /**
   * Repositories on which the rule is not measurable: the data it needs is missing (code files that could not be read:
   * an LFS pointer, a binary or over-sized file). Optional.
   */
  notMeasurable?: RuleExample[];
}

export type ExampleKind = keyof RuleExamples;
export const EXAMPLE_KINDS: ExampleKind[] = ['pass', 'fail', 'notMeasurable'];

const DAY_MS = 86_400_000;

function parseDate(d: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T12:00:00Z` : d);
}

/** Problems the schema cannot see: dates that do not parse. */
export function exampleProblems(examples: RuleExamples): string[] {
  const out: string[] = [];
  for (const kind of EXAMPLE_KINDS) {
    (examples[kind] ?? []).forEach((ex, i) => {
      const at = `examples.${kind}.${i}`;
      if (ex.now !== undefined && Number.isNaN(parseDate(ex.now))) out.push(`${at}.now: "${ex.now}" is not a date`);
      ex.commits?.forEach((c, j) => {
        if (Number.isNaN(parseDate(c.date))) out.push(`${at}.commits.${j}.date: "${c.date}" is not a date`);
      });
    });
  }
  return out;
}

function sizeOf(s: number | string): number {
  if (typeof s === 'number') return s;
  const m = /^(\d+(?:\.\d+)?)(B|KB|MB)$/.exec(s)!;
  return Math.round(Number(m[1]) * { B: 1, KB: 1024, MB: 1024 * 1024 }[m[2] as 'B' | 'KB' | 'MB']);
}

/**
 * `words` words drawn from a vocabulary, six a line, by a fixed pseudo-random sequence (the same file each run):
 * each word as likely as any other, or with `zipf` the word of rank r with weight 1/r (as frequent as in a language).
 * With `follows`, one word in two (after the first) is one of three successors of the word before it, the word of rank
 * r followed by those of ranks 7r+1, 7r+2 and 7r+3 (modulo the vocabulary): words in an order, as language has one.
 */
function drawnWords(vocab: string[], words: number, zipf: boolean, follows = false): string {
  const weights = vocab.map((_, r) => (zipf ? 1 / (r + 1) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let s = 11;
  let last = 0;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    let x = ((s >>> 8) / 2 ** 24) * total;
    let k = 0;
    while (k < vocab.length - 1 && x >= weights[k]!) x -= weights[k++]!;
    if (follows && i > 0 && s % 2 === 0) k = (7 * last + 1 + (s >>> 29) % 3) % vocab.length;
    last = k;
    out.push(vocab[k]!, i % 6 === 5 ? '\n' : ' ');
  }
  return out.join('');
}

function fileContent(f: ExampleFile): string | Uint8Array {
  if (typeof f === 'string') return f;
  if ('size' in f) {
    const b = new Uint8Array(sizeOf(f.size));
    // Not all zeros, not text (a zero byte every 128), not one block repeated: a binary blob of that size, its head
    // what a probe reads of a binary file (committed-data.ts `fillerBytes`).
    let s = 7;
    for (let i = 0; i < Math.min(b.length, 64 * 1024); i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      b[i] = i % 128 === 127 ? 0 : (s >>> 16) & 0xff;
    }
    return b;
  }
  if ('latin1' in f) return Uint8Array.from([...f.latin1].map((ch) => ch.charCodeAt(0) & 0xff));
  if ('text' in f) return f.text.repeat(f.repeat);
  if ('draws' in f) return drawnWords(f.draws.split(/\s+/).filter((w) => w), f.words, f.zipf ?? false, f.follows ?? false);
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: f.notebook.map((c) =>
      typeof c === 'string'
        ? { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c }
        : { cell_type: 'markdown', metadata: {}, source: c.markdown },
    ),
  });
}

/** The commits an example lists, expanded (`repeat`) and newest first, as a source gives them. */
export function exampleCommits(list: ExampleCommit[] = []): Commit[] {
  const out: Array<Commit & { t: number }> = [];
  for (const c of list) {
    const t0 = parseDate(c.date);
    const files = c.filesChanged === undefined ? (c.paths ? c.paths.length : 1) : c.filesChanged;
    for (let k = 0; k < (c.repeat ?? 1); k++) {
      const t = t0 + k * (c.every ?? 1) * DAY_MS;
      const author = c.author ?? 'Ada Lovelace';
      out.push({
        t,
        sha: (out.length + 1).toString(16).padStart(40, '0'),
        authorName: author,
        authorEmail: c.email ?? `${author.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`,
        date: new Date(t).toISOString(),
        subject: exampleSubject(c.subject, k),
        filesChanged: files,
        // As both sources give it: counted for a commit of fewer than LINES_COUNTED_FILES files only.
        linesChanged: files === 0 ? 0 : files !== null && files < LINES_COUNTED_FILES ? (c.linesChanged ?? null) : null,
        ...(c.paths ? { paths: c.paths.map((f) => f.replaceAll('{n}', String(k + 1))) } : {}),
        merge: c.merge ?? false,
      });
    }
  }
  return out.sort((a, b) => b.t - a.t).map(({ t: _t, ...c }) => c);
}

/** The in-memory repository an example describes. */
function exampleSnapshot(ex: RuleExample, id = 'example/repo'): RepoSnapshot {
  const files: Record<string, string | Uint8Array> = {};
  for (const [p, f] of Object.entries(ex.files ?? {})) files[p] = fileContent(f);
  return memorySnapshot({ id, files, commits: exampleCommits(ex.commits), metadata: { ...(ex.metadata ?? {}) } });
}

interface ExampleOutcome {
  score: number | null;
  measurable: boolean;
  outcome?: string;
  note?: string;
  evidence: Evidence[];
}

/** Runs one rule (alone, through the auditor) on an example. */
export async function runExample(rule: Rule, set: RuleSet, ex: RuleExample): Promise<ExampleOutcome> {
  const own = ex.params ? { ...rule, params: { ...(rule.params as object), ...ex.params } } : rule;
  // A rule that reads other rules' results (the stage rules) runs with them; its own result is the one checked.
  const read = PROBES[own.probe]?.readsRules?.(own.params as never) ?? [];
  const report = await auditSnapshot(exampleSnapshot(ex), {
    rules: { ...set, rules: [own, ...set.rules.filter((r) => read.includes(r.id) && r.id !== own.id)] },
    now: new Date(ex.now ? parseDate(ex.now) : Date.parse(EXAMPLE_NOW)),
    skills: false,
    // The rule alone: whether the whole repo is an ML project is the engine's question, not the rule's.
    projectKind: false,
  });
  const r = report.rules.find((x) => x.id === own.id) ?? report.rules[0];
  return { score: r.score, measurable: r.measurable, ...(r.outcome ? { outcome: r.outcome } : {}), ...(r.note ? { note: r.note } : {}), evidence: r.evidence };
}

/** Why an outcome does not meet its example (null when it does). */
export function exampleMismatch(kind: ExampleKind, ex: RuleExample, got: ExampleOutcome): string | null {
  if (kind === 'notMeasurable') {
    if (got.measurable || got.score !== null) return `measured: scores ${got.score}, the example expects it not measurable`;
    if (got.outcome !== 'not-measurable') return `outcome ${got.outcome ?? 'unknown'}, the example expects not-measurable`;
    return null;
  }
  // A penalty-only rule left out of the score (not-applicable, unmeasured) has nothing against the repo: a pass.
  if (kind === 'pass' && !got.measurable && got.outcome === 'not-applicable' && ex.score === undefined) return null;
  if (!got.measurable || got.score === null) return `not measurable${got.note ? ` (${got.note})` : ''}`;
  if (kind === 'pass' && got.score < PASS_AT) return `scores ${got.score}, a pass needs >= ${PASS_AT}`;
  if (kind === 'fail' && got.score >= PASS_AT) return `scores ${got.score}, a fail needs < ${PASS_AT}`;
  if (ex.score !== undefined && Math.abs(got.score - ex.score) >= 0.005) return `scores ${got.score}, the example expects ${ex.score}`;
  return null;
}
