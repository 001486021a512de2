/**
 * `history` probe: is the repository the visible result of real, sustained work? Statistics over the commit history
 * (ctx.snapshot.history): commit count, active days, span, message quality, one-shot dumps, recency and the main
 * author's share. Thresholds are params: `zero` is the value scoring 0, `full` the value scoring 1, linear between.
 *
 * A shallow clone (actions/checkout's default fetch-depth: 1) or a directory without history is "not measurable":
 * the rule is left out of the score instead of being scored as a one-commit history.
 */
import type { Commit, Evidence, ProbeResult } from '../types.js';
import { Type, type TUnsafe } from '@sinclair/typebox';
import type { Probe, ProbeContext } from './types.js';
import { authorGroups, groupMatchesLogin, isBot } from './history-authors.js';
import { classifyMessage, uploadStyle } from './history-messages.js';
import { linearScore } from './history-scale.js';

export type HistoryMetric = 'commit-count' | 'active-days' | 'span' | 'message-quality' | 'one-shot' | 'recency' | 'main-author-share';

export interface HistoryParams {
  metric: HistoryMetric;
  /** Value that scores 1. */
  full?: number;
  /** Value that scores 0. */
  zero?: number;
  /** one-shot: window (hours) in which a run of low-information upload commits counts as one dump (default 48). */
  burstHours?: number;
  /** one-shot: later/earlier work that clears a dump: this many substantive commits (10) ... */
  minOtherCommits?: number;
  /** ... on this many distinct days (5). */
  minOtherDays?: number;
}

const METRICS: HistoryMetric[] = ['commit-count', 'active-days', 'span', 'message-quality', 'one-shot', 'recency', 'main-author-share'];

/** Defaults per metric: [zero, full]. */
export const HISTORY_DEFAULTS: Record<HistoryMetric, { zero: number; full: number; unit: string }> = {
  'commit-count': { zero: 1, full: 30, unit: 'non-merge commits' },
  'active-days': { zero: 1, full: 15, unit: 'days with commits' },
  span: { zero: 1, full: 30, unit: 'days from first to last commit' },
  'message-quality': { zero: 0.2, full: 0.7, unit: 'share of informative messages' },
  'one-shot': { zero: 0.8, full: 0.5, unit: 'share of the tree arriving in one dump' },
  recency: { zero: 1095, full: 180, unit: 'days since the last commit' },
  'main-author-share': { zero: 0.1, full: 0.5, unit: "share of commits by the main author" },
};

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['metric'],
  properties: {
    metric: { enum: METRICS },
    full: { type: 'number', minimum: 0 },
    zero: { type: 'number', minimum: 0 },
    burstHours: { type: 'number', exclusiveMinimum: 0 },
    minOtherCommits: { type: 'integer', minimum: 1 },
    minOtherDays: { type: 'integer', minimum: 1 },
  },
  allOf: [
    {
      if: { properties: { metric: { const: 'one-shot' } } },
      then: {},
      else: { not: { anyOf: [{ required: ['burstHours'] }, { required: ['minOtherCommits'] }, { required: ['minOtherDays'] }] } },
    },
  ],
} as const;

const DAY_MS = 86_400_000;

interface Dated extends Commit {
  t: number;
}

function short(c: Commit): string {
  return c.sha.slice(0, 7);
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function quote(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`;
}

/** "1 commit", "3 commits", "1.5 days". */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

interface Prepared {
  /** Non-merge, non-bot commits, oldest first. */
  human: Commit[];
  /** The same with parseable dates, oldest first. */
  dated: Dated[];
  /** The commits that are work on the project, oldest first: not busy work (see `busyWork`). */
  work: Dated[];
  /** Commits left out of `work`: they changed nothing, or only notes and docs. */
  busy: number;
  merges: number;
  bots: number;
  /** Note to add when the history is a window of the newest commits. */
  windowNote?: string;
}

const prepared = new WeakMap<object, Prepared | ProbeResult>();

/** The history in the shape every metric uses; computed once per snapshot (7 rules share it, histories can be long). */
function prepare(ctx: ProbeContext): Prepared | ProbeResult {
  let p = prepared.get(ctx.snapshot.history);
  if (!p) prepared.set(ctx.snapshot.history, (p = prepareHistory(ctx)));
  return p;
}

function prepareHistory(ctx: ProbeContext): Prepared | ProbeResult {
  const h = ctx.snapshot.history;
  const commits = h.commits ?? [];
  if (h.shallow)
    return {
      score: 0,
      evidence: [],
      measurable: false,
      note: `history is shallow: ${count(commits.length, 'commit')} visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow`,
    };
  // The host did not return the history (a partial API answer): unknown, never "no commits".
  if (h.unavailable && !commits.length) return { score: 0, evidence: [], measurable: false, note: `${h.unavailable}: not scored` };
  // Nothing committed yet: the history is known to be empty, and it shows no work (as one commit shows little).
  if (!commits.length && h.unborn)
    return { score: 0, evidence: [{ detail: 'no commits yet' }], note: 'nothing is committed yet: commit the work (git add, git commit) so its history shows it' };
  if (!commits.length)
    return {
      score: 0,
      evidence: [],
      measurable: false,
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
      dated.push({ sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, date: c.date, subject: c.subject, filesChanged: c.filesChanged, paths: c.paths, merge: c.merge, t });
  });
  dated.sort((a, b) => a.t - b.t || (a.sha < b.sha ? -1 : 1));
  // Sources list newest first; keep a stable oldest-first order for human commits too.
  const humanSorted = human
    .map((c, i) => ({ c, t: times[i] || 0 }))
    .sort((a, b) => a.t - b.t)
    .map((x) => x.c);
  const busyWork = busyWorkOf(dated);
  const work = dated.filter((c) => !busyWork(c));
  const out: Prepared = { human: humanSorted, dated, work, busy: dated.length - work.length, merges: commits.length - nonMerge.length, bots: nonMerge.length - human.length };
  if (h.truncated) out.windowNote = `measured on the newest ${commits.length} of ${h.totalCount ?? 'more'} commits (API window)`;
  return out;
}

/** Files whose edits are not work on the project: notes, docs, logs, licence, ignore lists. */
const NOTES_PATH = /(?:^|\/)(?!readme\b)(?:[^/]*\.(?:md|markdown|txt|rst|log|adoc)|LICEN[CS]E[^/]*|COPYING|\.gitignore|\.gitattributes|notes?|todo|changelog)$/i;

/** A notes file edited by at least this many notes-only commits is a log being padded, not a record of work. */
export const BUSY_REPEATS = 5;

/**
 * Busy work: a commit that changed no file, or (when the source lists the paths: local git) only notes files that
 * notes-only commits edit again and again — forty commits each adding a line to `notes.md` are not forty steps of
 * work. One note per experiment (`notes/run_07.md`) is a record of work and counts; README edits are left to the rules
 * that already weigh them (one-shot ignores README-only commits).
 */
export function busyWorkOf(commits: Commit[]): (c: Commit) => boolean {
  const notesOnly = (c: Commit): boolean => !!c.paths && c.paths.length > 0 && c.paths.length === c.filesChanged && c.paths.every((p) => NOTES_PATH.test(p));
  const edits = new Map<string, number>();
  for (const c of commits) if (notesOnly(c)) for (const p of c.paths!) edits.set(p, (edits.get(p) ?? 0) + 1);
  return (c) => c.filesChanged === 0 || (notesOnly(c) && c.paths!.every((p) => (edits.get(p) ?? 0) >= BUSY_REPEATS));
}

/** A gap between commits counts for at most this many days in the span: one late commit does not stretch it to years. */
export const SPAN_GAP_DAYS = 7;

function withNote(r: ProbeResult, note?: string): ProbeResult {
  if (note) r.note = r.note ? `${r.note}; ${note}` : note;
  return r;
}

function thresholds(metric: HistoryMetric, p: HistoryParams): { zero: number; full: number } {
  const d = HISTORY_DEFAULTS[metric];
  return { zero: p.zero ?? d.zero, full: p.full ?? d.full };
}

function excluded(p: Prepared): string {
  const parts: string[] = [];
  if (p.busy) parts.push(`${p.busy} commit${p.busy === 1 ? '' : 's'} changing nothing or only notes/docs`);
  if (p.merges) parts.push(`${p.merges} merge${p.merges === 1 ? '' : 's'}`);
  if (p.bots) parts.push(`${p.bots} bot commit${p.bots === 1 ? '' : 's'}`);
  return parts.length ? ` (${parts.join(', ')} not counted)` : '';
}

// ---------------------------------------------------------------- metrics

function commitCount(p: Prepared, ctx: ProbeContext, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('commit-count', params);
  const h = ctx.snapshot.history;
  let n = p.human.length - p.busy;
  let note: string | undefined;
  if (h.truncated && h.totalCount && h.totalCount > h.commits.length) {
    // Only a window is visible: estimate from the total, with the window's share of merges, bots and busy work.
    const share = h.commits.length ? n / h.commits.length : 1;
    n = Math.round(h.totalCount * share);
    note = `history truncated to the newest ${h.commits.length} of ${h.totalCount} commits; count estimated from the total`;
  }
  const evidence: Evidence[] = [{ detail: `${count(n, 'commit')}${excluded(p)}` }];
  if (p.dated.length) {
    const first = p.dated[0]!;
    const last = p.dated[p.dated.length - 1]!;
    evidence.push({ detail: `first: ${short(first)} ${day(first.t)} ${quote(first.subject)}` });
    if (last !== first) evidence.push({ detail: `latest: ${short(last)} ${day(last.t)} ${quote(last.subject)}` });
  }
  return withNote({ score: linearScore(n, zero, full), evidence }, note);
}

function activeDays(p: Prepared, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('active-days', params);
  // Days as numbers (UTC day index); only the few shown are formatted.
  const perDay = new Map<number, number>();
  for (const c of p.work) {
    const d = Math.floor(c.t / DAY_MS);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  const n = perDay.size;
  const busiest = [...perDay.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([d, k]): [string, number] => [day(d * DAY_MS), k]);
  const evidence: Evidence[] = [{ detail: `commits on ${n} distinct day${n === 1 ? '' : 's'} (UTC)${excluded(p)}` }];
  if (busiest.length) evidence.push({ detail: `busiest: ${busiest.map(([d, k]) => `${d} (${k})`).join(', ')}` });
  const r: ProbeResult = { score: linearScore(n, zero, full), evidence };
  if (n <= 2 && p.human.length >= 5) r.note = `all ${p.human.length} commits were made on ${n} day${n === 1 ? '' : 's'}`;
  return r;
}

function span(p: Prepared, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('span', params);
  const w = p.work;
  if (!w.length) return { score: 0, evidence: [], note: p.dated.length ? 'no commits that change the project' : 'no dated commits' };
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const calendar = (last.t - first.t) / DAY_MS;
  // Active span: the gaps between commits, each counted up to a week — development, not the calendar between two dates.
  let days = 0;
  for (let i = 1; i < w.length; i++) days += Math.min(SPAN_GAP_DAYS, (w[i]!.t - w[i - 1]!.t) / DAY_MS);
  const evidence: Evidence[] = [{ detail: `${count(Math.round(days * 10) / 10, 'day')} of active development (gaps over ${SPAN_GAP_DAYS} days count as ${SPAN_GAP_DAYS}) from ${day(first.t)} (${short(first)}) to ${day(last.t)} (${short(last)})${excluded(p)}` }];
  const r: ProbeResult = { score: linearScore(days, zero, full), evidence };
  if (calendar - days >= 30) r.note = `${count(Math.round(calendar), 'calendar day')} from first to last commit, but most of it without commits`;
  return r;
}

function messageQuality(p: Prepared, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('message-quality', params);
  const oldest = p.human[0];
  const low = new Map<string, { count: number; reason: string; sha: string }>();
  const good: Commit[] = [];
  let rated = 0;
  // Messages of busy work (a line added to notes.md) say nothing about the project, however they are worded.
  const work = new Set(p.work.map((c) => c.sha));
  for (const c of p.busy ? p.human.filter((x) => work.has(x.sha)) : p.human) {
    const k = classifyMessage(c.subject, c === oldest);
    if (k.kind === 'neutral') continue;
    rated++;
    if (k.kind === 'informative') good.push(c);
    else {
      const key = c.subject.trim() || '(empty)';
      const e = low.get(key);
      if (e) e.count++;
      else low.set(key, { count: 1, reason: k.reason ?? 'low information', sha: short(c) });
    }
  }
  if (!rated) return { score: 0, evidence: [{ detail: `only an initial commit: ${quote(oldest?.subject ?? '')}` }], note: 'no commit messages besides the initial commit' };
  const share = good.length / rated;
  const lowCount = rated - good.length;
  const initial = rated < p.human.length ? ' (the initial commit is not rated)' : '';
  const evidence: Evidence[] = [{ detail: `${good.length} of ${rated === 1 ? '1 message says' : `${rated} messages say`} what changed (${pct(share)}); ${lowCount} say nothing${initial}` }];
  // The three most repeated low-information subjects (ties by subject): one pass, no sort of thousands of subjects.
  const examples: Array<[string, { count: number; reason: string; sha: string }]> = [];
  const before = (a: (typeof examples)[number], b: (typeof examples)[number]): boolean => a[1].count > b[1].count || (a[1].count === b[1].count && a[0] < b[0]);
  for (const entry of low) {
    if (examples.length === 3 && !before(entry, examples[2]!)) continue;
    if (examples.length === 3) examples.pop();
    examples.push(entry);
    for (let k = examples.length - 1; k > 0 && before(examples[k]!, examples[k - 1]!); k--) [examples[k - 1], examples[k]] = [examples[k]!, examples[k - 1]!];
  }
  for (const [subject, e] of examples) evidence.push({ detail: `${quote(subject)}${e.count > 1 ? ` × ${e.count}` : ` (${e.sha})`} — ${e.reason}` });
  if (good.length) evidence.push({ detail: `informative, e.g. ${short(good[good.length - 1]!)} ${quote(good[good.length - 1]!.subject)}` });
  const r: ProbeResult = { score: linearScore(share, zero, full), evidence: evidence.slice(0, 5) };
  if (share < full) r.note = `${pct(1 - share)} of commit messages are low-information (e.g. ${quote(examples[0]?.[0] ?? '')})`;
  return r;
}

/** A README-only change does not show work on the project itself. */
function readmeOnly(c: Commit): boolean {
  if (!/readme/i.test(c.subject)) return false;
  return /^(update|create|edit|add|added|updated|fix|fixed)?\s*readme(\.md)?$/i.test(c.subject.trim().replace(/[.!\s]+$/, '')) || (c.filesChanged === 1 && /\breadme\b/i.test(c.subject));
}

function oneShot(p: Prepared, ctx: ProbeContext, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('one-shot', params);
  const burstMs = (params.burstHours ?? 48) * 3_600_000;
  const minOtherCommits = params.minOtherCommits ?? 10;
  const minOtherDays = params.minOtherDays ?? 5;
  const treeFiles = ctx.files.length;
  if (!treeFiles) return { score: 0, evidence: [], measurable: false, note: 'the tree has no files' };
  if (!p.dated.length) return { score: 0, evidence: [], note: 'no dated commits' };
  const known = p.dated.filter((c) => c.filesChanged !== null);
  // The dump: the largest single commit, plus (for piecemeal web uploads) the low-information commits within
  // `burstHours` of it — "Add files via upload" ×5 over an afternoon is one dump, not five steps of work.
  let dumpCommits: Dated[];
  let dumpFiles: number;
  let basis: string;
  if (known.length) {
    const largest = [...known].sort((a, b) => (b.filesChanged ?? 0) - (a.filesChanged ?? 0) || a.t - b.t)[0]!;
    // Upload-style: GitHub's upload button, web-editor defaults, Colab saves — not ordinary local commits.
    const uploadLike = known.filter((c) => c === largest || uploadStyle(c.subject));
    let best: { from: number; to: number; files: number } = { from: largest.t, to: largest.t, files: largest.filesChanged ?? 0 };
    // Sliding window over the upload-like commits; it must contain the largest commit.
    for (let i = 0, j = 0, sum = 0; i < uploadLike.length; i++) {
      while (j < uploadLike.length && uploadLike[j]!.t - uploadLike[i]!.t <= burstMs) sum += uploadLike[j++]!.filesChanged ?? 0;
      const from = uploadLike[i]!.t;
      const to = uploadLike[j - 1]!.t;
      if (largest.t >= from && largest.t <= to && sum > best.files) best = { from, to, files: sum };
      sum -= uploadLike[i]!.filesChanged ?? 0;
    }
    dumpCommits = uploadLike.filter((c) => c.t >= best.from && c.t <= best.to);
    if (!dumpCommits.includes(largest)) dumpCommits.push(largest);
    dumpFiles = best.files;
    basis = `${dumpCommits.length === 1 ? `commit ${short(largest)} ${quote(largest.subject)}` : `${dumpCommits.length} upload-style commits ${day(best.from)}–${day(best.to)} (largest ${short(largest)} ${quote(largest.subject)})`} changed ${dumpFiles} files`;
  } else {
    // Files per commit unknown: fall back to the busiest day's share of commits.
    const perDay = new Map<string, Dated[]>();
    for (const c of p.dated) {
      const k = day(c.t);
      const list = perDay.get(k);
      if (list) list.push(c);
      else perDay.set(k, [c]);
    }
    dumpCommits = [...perDay.values()].sort((a, b) => b.length - a.length)[0]!;
    dumpFiles = Math.round((dumpCommits.length / p.dated.length) * treeFiles);
    basis = `${dumpCommits.length} of ${count(p.dated.length, 'commit')} on ${day(dumpCommits[0]!.t)} (files per commit unknown)`;
  }
  const dumpShare = Math.min(1, dumpFiles / treeFiles);
  const inDump = new Set(dumpCommits.map((c) => c.sha));
  const other = p.work.filter((c) => !inDump.has(c.sha) && !readmeOnly(c));
  const otherDays = new Set(other.map((c) => Math.floor(c.t / DAY_MS))).size;
  const otherScore = Math.min(1, other.length / minOtherCommits, otherDays / minOtherDays);
  const severity = 1 - linearScore(dumpShare, zero, full);
  const score = 1 - severity * (1 - otherScore);
  const evidence: Evidence[] = [
    { detail: dumpFiles > treeFiles ? `${basis.replace(/ files$/, ' file versions')}, covering ${pct(dumpShare)} of the ${treeFiles} files in the tree` : `${basis} = ${pct(dumpShare)} of the ${treeFiles} files in the tree` },
    { detail: `other work: ${other.length} commit${other.length === 1 ? '' : 's'} on ${otherDays} day${otherDays === 1 ? '' : 's'} (README-only edits, empty commits and notes-only commits not counted)` },
  ];
  let note: string | undefined;
  if (severity > 0 && otherScore < 1)
    note = `most of the project arrived in one go (${pct(dumpShare)} of the files) with little work around it: ${count(other.length, 'other commit')} on ${count(otherDays, 'day')}`;
  return { score, evidence, note };
}

function recency(p: Prepared, ctx: ProbeContext, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('recency', params);
  if (!p.dated.length) return { score: 0, evidence: [], note: 'no dated commits' };
  const last = p.dated[p.dated.length - 1]!;
  const days = Math.max(0, (ctx.now.getTime() - last.t) / DAY_MS);
  const r: ProbeResult = {
    score: linearScore(days, zero, full),
    evidence: [{ detail: `last commit ${day(last.t)} (${short(last)} ${quote(last.subject, 40)}), ${count(Math.floor(days), 'day')} before ${day(ctx.now.getTime())}` }],
  };
  if (days > full) r.note = `no commits for ${count(Math.floor(days), 'day')}`;
  return r;
}

function mainAuthorShare(p: Prepared, ctx: ProbeContext, params: HistoryParams): ProbeResult {
  const { zero, full } = thresholds('main-author-share', params);
  if (!p.human.length) return { score: 0, evidence: [], note: 'no human commits' };
  const groups = authorGroups(p.human);
  const total = p.human.length;
  const main = groups[0]!;
  let note: string | undefined;
  // The repository owner, when recognisable among the authors, is named in the evidence. The score stays on the main
  // author: people often commit under several identities that cannot be merged, and a wrong match would be harsh.
  const owner = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/[\w.-]+$/.exec(ctx.snapshot.id)?.[1];
  const mine = owner ? groups.find((g) => groupMatchesLogin(g, owner)) : undefined;
  if (mine && mine !== main) note = `the repository owner (${owner}) wrote ${mine.commits} of ${total} commits; ${main.label} wrote the most`;
  const share = main.commits / total;
  const shown = mine && !groups.slice(0, 4).includes(mine) ? [...groups.slice(0, 3), mine] : groups.slice(0, 4);
  const evidence: Evidence[] = shown.map((g) => ({ detail: `${g.label}: ${g.commits} of ${total} commits (${pct(g.commits / total)})${g.emails.length > 1 ? `, ${g.emails.length} e-mails merged` : ''}` }));
  if (p.bots) evidence.push({ detail: `${p.bots} bot commit${p.bots === 1 ? '' : 's'} not counted` });
  if (!note && share < full) note = `the main author wrote ${pct(share)} of the commits (${groups.length} authors)`;
  return withNote({ score: linearScore(share, zero, full), evidence: evidence.slice(0, 5) }, note);
}

export const historyProbe: Probe<TUnsafe<HistoryParams>> = {
  name: 'history',
  description: 'Commit-history statistics: commit count, active days, span, message quality, one-shot dumps, recency, main author share.',
  paramsSchema: Type.Unsafe<HistoryParams>(paramsSchema),
  reads() {
    return [];
  },
  needs() {
    return ['history'];
  },
  async run(params, ctx) {
    await ctx.snapshot.historyReady; // a deferred snapshot: the history is in once this resolves
    const prepared = prepare(ctx);
    if (!('human' in prepared)) return { ...prepared, evidence: [...prepared.evidence] };
    const p = prepared;
    if (!p.human.length) return withNote({ score: 0, evidence: [{ detail: `no commits by a person${excluded(p)}` }], note: 'only merge or bot commits' }, p.windowNote);
    let r: ProbeResult;
    switch (params.metric) {
      case 'commit-count':
        return commitCount(p, ctx, params);
      case 'active-days':
        r = activeDays(p, params);
        break;
      case 'span':
        r = span(p, params);
        break;
      case 'message-quality':
        r = messageQuality(p, params);
        break;
      case 'one-shot':
        r = oneShot(p, ctx, params);
        break;
      case 'recency':
        return recency(p, ctx, params);
      case 'main-author-share':
        r = mainAuthorShare(p, ctx, params);
        break;
      default:
        return { score: 0, evidence: [], measurable: false, note: `unknown history metric "${String((params as { metric: unknown }).metric)}"` };
    }
    // With only a window of the newest commits, counts and spans are lower bounds.
    if (p.windowNote && r.score < 1) withNote(r, `${p.windowNote}; older commits not seen`);
    return r;
  },
};
