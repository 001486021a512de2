/**
 * What every history probe shares: the commit history prepared once per snapshot (human commits, dated, work vs busy
 * work), formatting helpers, and the run wrapper. A shallow clone (actions/checkout's default fetch-depth: 1) or a
 * directory without history is "not measurable": the rule is left out of the score instead of being scored as a
 * one-commit history.
 */
import { Type } from '@sinclair/typebox';
import type { Commit, FileEntry, ProbeResult } from '../../../types.js';
import { LINES_COUNTED_FILES } from '../../../types.js';
import type { ProbeContext } from '../../types.js';
import { isBot } from './authors.js';
import { isPlaceholderFile, isStubFile, mayBeStub, STUB_CODE_LINES } from '../../stub-file.js';
import { fileByPath } from '../../../sources/file-lookup.js';
import { reachOf } from '../../code-reach.js';

export const DAY_MS = 86_400_000;

export interface Dated extends Commit {
  t: number;
}

export function short(c: Commit): string {
  return c.sha.slice(0, 7);
}

export function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function quote(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`;
}

/** "1 commit", "3 commits", "1.5 days". */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export interface Prepared {
  /** Non-merge, non-bot commits, oldest first. */
  human: Commit[];
  /** The same with parseable dates, oldest first. */
  dated: Dated[];
  /** The commits that are work on the project, oldest first: not busy work (see `busyWork`). */
  work: Dated[];
  /** Commits left out of `work`: they changed nothing, fewer than MIN_WORK_LINES lines, or only notes and docs. */
  busy: number;
  /** Of `busy`, those left out only for changing fewer than MIN_WORK_LINES lines, or only stub files (see stubCommits). */
  tiny: number;
  /** Of `tiny`, those whose files are all stubs of at most one code line (a commit of many files, lines not counted). */
  stubs: number;
  /** Those commits (oldest first): their messages are still rated (history-message-quality). */
  small: Dated[];
  /** Of `busy`, those whose every changed file is Python code nothing runs or imports (see unreachedCommits). */
  unreached: number;
  merges: number;
  bots: number;
  /** Note to add when the history is a window of the newest commits. */
  windowNote?: string;
}

const prepared = new WeakMap<object, Promise<Prepared | ProbeResult>>();

/** The history in the shape every metric uses; computed once per snapshot (7 rules share it, histories can be long). */
function prepare(ctx: ProbeContext): Promise<Prepared | ProbeResult> {
  let p = prepared.get(ctx.snapshot.history);
  if (!p) prepared.set(ctx.snapshot.history, (p = prepareHistory(ctx)));
  return p;
}

async function prepareHistory(ctx: ProbeContext): Promise<Prepared | ProbeResult> {
  const h = ctx.snapshot.history;
  const commits = h.commits ?? [];
  if (h.shallow)
    return {
      score: 0,
      evidence: [],
      outcome: 'not-measurable',
      note: `history is shallow: ${count(commits.length, 'commit')} visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow`,
    };
  // The host did not return the history (a partial API answer): unknown, never "no commits".
  if (h.unavailable && !commits.length) return { score: 0, evidence: [], outcome: 'not-measurable', note: `${h.unavailable}: not scored` };
  // Nothing committed yet: the history is known to be empty, and it shows no work (as one commit shows little).
  if (!commits.length && h.unborn)
    return { outcome: 'fail', score: 0, evidence: [{ detail: 'no commits yet' }], note: 'nothing is committed yet: commit the work (git add, git commit) so its history shows it' };
  if (!commits.length)
    return {
      score: 0,
      evidence: [],
      outcome: 'not-measurable',
      note: ctx.snapshot.commit === null ? 'no commit history: this is a plain directory, not a git repository' : 'no commit history: the repository has no commits',
    };
  const nonMerge = commits.filter((c) => !c.merge);
  // Bot checks per distinct identity: a long history has thousands of commits by a handful of people.
  const botIdentity = new Map<string, boolean>();
  const human = nonMerge.filter((c) => {
    const k = `${c.authorName}\0${c.authorEmail}`;
    let bot = botIdentity.get(k);
    if (bot === undefined) botIdentity.set(k, (bot = isBot(c)));
    return !bot;
  });
  const times = human.map((c) => Date.parse(c.date));
  const dated: Dated[] = [];
  human.forEach((c, i) => {
    // A literal, not a spread: spreading 20,000 commits costs more than everything else here.
    const t = times[i];
    if (Number.isFinite(t))
      dated.push({ sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, date: c.date, subject: c.subject, filesChanged: c.filesChanged, linesChanged: c.linesChanged ?? null, paths: c.paths, ...(c.vendoredChanged ? { vendoredChanged: c.vendoredChanged } : {}), merge: c.merge, t });
  });
  dated.sort((a, b) => a.t - b.t || (a.sha < b.sha ? -1 : 1));
  // Sources list newest first; keep a stable oldest-first order for human commits too.
  const humanSorted = human
    .map((c, i) => ({ c, t: times[i] || 0 }))
    .sort((a, b) => a.t - b.t)
    .map((x) => x.c);
  const busyWork = busyWorkOf(dated);
  const notBusy = dated.filter((c) => !busyWork(c));
  const stubs = await stubCommits(notBusy, ctx);
  // Small commits and stubs keep their own reason (their messages are still rated); the rest may change only dead code.
  const dead = await unreachedCommits(notBusy.filter((c) => !tinyChange(c) && !stubs.has(c.sha)), ctx);
  const kept = dead.size ? notBusy.filter((c) => !dead.has(c.sha)) : notBusy;
  const work: Dated[] = [];
  const small: Dated[] = [];
  for (const c of kept) {
    if (tinyChange(c) || stubs.has(c.sha)) small.push(c);
    else work.push(c);
  }
  const out: Prepared = {
    human: humanSorted,
    dated,
    work,
    busy: dated.length - work.length,
    tiny: small.length,
    stubs: stubs.size,
    small,
    unreached: dead.size,
    merges: commits.length - nonMerge.length,
    bots: nonMerge.length - human.length,
  };
  if (h.truncated) out.windowNote = `measured on the newest ${commits.length} of ${h.totalCount ?? 'more'} commits (API window)`;
  return out;
}

/** Files whose edits are not work on the project: notes, docs, logs, licence, ignore lists. */
const NOTES_PATH = /(?:^|\/)(?!readme\b)(?:[^/]*\.(?:md|markdown|txt|rst|log|adoc)|LICEN[CS]E[^/]*|COPYING|\.gitignore|\.gitattributes|notes?|todo|changelog)$/i;

/** A README, in any folder. */
const README_PATH = /(?:^|\/)readme(?:\.[a-z]{1,8})?$/i;

/** A notes file edited by at least this many notes-only commits is a log being padded, not a record of work. */
const BUSY_REPEATS = 5;

/**
 * Busy work: a commit that changed no file, or (when the source lists the paths: local git) only notes files that
 * notes-only commits edit again and again — forty commits each adding a line to `notes.md` are not forty steps of
 * work. One note per experiment (`notes/run_07.md`) is a record of work and counts; README edits are left to the rules
 * that already weigh them (one-shot ignores README-only commits).
 */
function busyWorkOf(commits: Commit[]): (c: Commit) => boolean {
  const notesOnly = (c: Commit): boolean => !!c.paths && c.paths.length > 0 && c.paths.length === c.filesChanged && c.paths.every((p) => NOTES_PATH.test(p));
  const edits = new Map<string, number>();
  for (const c of commits) if (notesOnly(c)) for (const p of c.paths!) edits.set(p, (edits.get(p) ?? 0) + 1);
  return (c) => c.filesChanged === 0 || (notesOnly(c) && c.paths!.every((p) => (edits.get(p) ?? 0) >= BUSY_REPEATS));
}

/**
 * A commit that changed fewer lines than this (text lines added + deleted against its parent, both sources; a binary
 * file counts 0) is not a step of work: appending `# step 7` to a stub is a commit, not work. Chosen on the
 * calibration histories (sets 5–17, the newest 300 commits of each: 6,766 commits): 15 % change 0–2 lines (a typo, a
 * one-line tweak), 18 % 0–3; a commit of one changed line (1 deleted + 1 added = 2) is below it. Unknown counts (null:
 * merges, commits past the source's window) keep counting as before.
 */
export const MIN_WORK_LINES = 3;

/** A commit known to have changed fewer than MIN_WORK_LINES lines. */
function tinyChange(c: Commit): boolean {
  return c.linesChanged !== null && c.linesChanged !== undefined && c.linesChanged < MIN_WORK_LINES;
}

/** At most this many files are read for it over the whole history. */
const STUB_MAX_READS = 60;

/**
 * Commits of LINES_COUNTED_FILES files or more (lines not counted: work by their file count) whose every changed file
 * is, in the tree audited, a source file of at most one code line: three files of `x = 1` are not work by their
 * count (issue #11: the stubs a padded history needs). Only where the source lists the paths (local git; the GitHub
 * API gives the count only, as for notes-only busy work). A path no longer in the tree, a prose, data or config file,
 * or a file that has grown since, keeps the commit counting; an empty file or a `.gitkeep` placeholder is a stub.
 */
async function stubCommits(commits: readonly Dated[], ctx: ProbeContext): Promise<Set<string>> {
  const out = new Set<string>();
  const cands = commits.filter((c) => c.linesChanged == null && c.filesChanged !== null && c.filesChanged >= LINES_COUNTED_FILES && c.paths?.length === c.filesChanged);
  if (!cands.length) return out;
  const byPath = fileByPath<FileEntry>(ctx.files);
  const verdict = new Map<string, Promise<boolean>>();
  const isStub = (path: string): Promise<boolean> => {
    let v = verdict.get(path);
    if (!v) {
      v = verdict.size >= STUB_MAX_READS ? Promise.resolve(false) : isStubFile(ctx, byPath(path));
      verdict.set(path, v);
    }
    return v;
  };
  for (const c of cands) {
    // Cheap checks first: every path in the tree, a small source file, before any read.
    // Empty files and `.gitkeep`-style placeholders are stubs without a read.
    const paths = c.paths!.filter((p) => !isPlaceholderFile(byPath(p)));
    if (!paths.every((p) => mayBeStub(byPath(p)))) continue;
    if ((await Promise.all(paths.map(isStub))).every(Boolean)) out.add(c.sha);
  }
  return out;
}

/**
 * Commits whose every changed file is, in the tree audited, a Python file that nothing runs or imports (code-reach.ts:
 * not a notebook, not a script that does something when run, not named by a command file, not imported by code that
 * runs): forty commits adding a function to a `data.py` nothing imports are not forty steps of work on the project
 * (issue #11: +12.8 to a weak repo, however the subjects vary); a notes file or README edited beside it again and again
 * does not make it work. Only where the source lists the paths (local git), and only when the reach is judged and something in the repo
 * runs (an entry point): a file that could not be read, a path no longer in the tree, or any other file in the commit
 * keeps it counting.
 */
async function unreachedCommits(commits: readonly Dated[], ctx: ProbeContext): Promise<Set<string>> {
  const out = new Set<string>();
  const byPath = fileByPath<FileEntry>(ctx.files);
  // Notes or a README edited again and again beside the dead code (a line added to notes.md in each commit) do not make
  // it work; a document written once (docs/design.md) does, as in busy work.
  const prose = (p: string): boolean => NOTES_PATH.test(p) || README_PATH.test(p);
  const listed = commits.filter((c) => c.filesChanged !== null && c.filesChanged > 0 && c.paths?.length === c.filesChanged && c.paths.some((p) => p.endsWith('.py')));
  const proseEdits = new Map<string, number>();
  for (const c of listed) for (const p of c.paths!) if (prose(p)) proseEdits.set(p, (proseEdits.get(p) ?? 0) + 1);
  const padded = (p: string): boolean => prose(p) && (proseEdits.get(p) ?? 0) >= BUSY_REPEATS;
  const cands = listed.filter((c) => c.paths!.every((p) => padded(p) || (p.endsWith('.py') && byPath(p))));
  if (!cands.length) return out;
  const reach = await reachOf(ctx);
  if (!reach.judged || !reach.entries.length) return out;
  const unread = new Set(reach.unread);
  for (const c of cands) if (c.paths!.every((p) => (p.endsWith('.py') ? !unread.has(p) && !reach.reached(p) : true))) out.add(c.sha);
  return out;
}

/** A gap between commits counts for at most this many days in the span: one late commit does not stretch it to years. */
export const SPAN_GAP_DAYS = 7;

export function withNote(r: ProbeResult, note?: string): ProbeResult {
  if (note) r.note = r.note ? `${r.note}; ${note}` : note;
  return r;
}
export function excluded(p: Prepared): string {
  const parts: string[] = [];
  const busy = p.busy - p.tiny - p.unreached;
  const tiny = p.tiny - p.stubs;
  if (busy) parts.push(`${busy} commit${busy === 1 ? '' : 's'} changing nothing or only notes/docs`);
  if (p.unreached) parts.push(`${p.unreached} commit${p.unreached === 1 ? '' : 's'} changing only code nothing runs or imports`);
  if (tiny) parts.push(`${tiny} commit${tiny === 1 ? '' : 's'} changing fewer than ${MIN_WORK_LINES} lines`);
  if (p.stubs) parts.push(`${p.stubs} commit${p.stubs === 1 ? '' : 's'} of only stub files (at most ${STUB_CODE_LINES} code line each)`);
  if (p.merges) parts.push(`${p.merges} merge${p.merges === 1 ? '' : 's'}`);
  if (p.bots) parts.push(`${p.bots} bot commit${p.bots === 1 ? '' : 's'}`);
  return parts.length ? ` (${parts.join(', ')} not counted)` : '';
}

/**
 * Runs one history metric: waits for a deferred history, prepares it once per snapshot (shared by every history
 * probe), and gives the not-measurable result (shallow, unavailable, no commits) or the "only merges or bots" one
 * without calling `metric`. With `window`, a result below 1 on a window of the newest commits says so.
 */
export async function runMetric(ctx: ProbeContext, metric: (p: Prepared) => ProbeResult | Promise<ProbeResult>, opts: { window: boolean }): Promise<ProbeResult> {
  await ctx.snapshot.historyReady; // a deferred snapshot: the history is in once this resolves
  const prepared = await prepare(ctx);
  if (!('human' in prepared)) return { ...prepared, evidence: [...prepared.evidence] };
  const p = prepared;
  if (!p.human.length) return withNote({ outcome: 'fail', score: 0, evidence: [{ detail: `no commits by a person${excluded(p)}` }], note: 'only merge or bot commits' }, p.windowNote);
  const r = await metric(p);
  // With only a window of the newest commits, counts and spans are lower bounds.
  if (opts.window && p.windowNote && r.score < 1) withNote(r, `${p.windowNote}; older commits not seen`);
  return r;
}

/** Threshold params every history probe takes: `zero` is the value scoring 0, `full` the value scoring 1, linear between. */
export function thresholdParams(d: { zero: number; full: number; unit: string }) {
  return {
    /** Value that scores 1. */
    full: Type.Number({ minimum: 0, default: d.full, description: `${d.unit} that score 1` }),
    /** Value that scores 0. */
    zero: Type.Number({ minimum: 0, default: d.zero, description: `${d.unit} that score 0` }),
  };
}

/** What every history probe reads (no files) and needs (the history, which a source may complete later). */
export const HISTORY_IO = {
  reads: (): string[] => [],
  needs: (): Array<'history' | 'sizes'> => ['history'],
};
