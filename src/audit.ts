import { createProbeContext, fileMatcher, globMatcher } from './probes/context.js';
import { PROBES, readsHistory } from './probes/index.js';
import type { ProbeContext, ProbeRegistry } from './probes/types.js';
import type { Rule, RuleSet } from './rules/load.js';
import type { AuditedRepoReport, RuleResult } from './report/types.js';
import { advisedOnly, fixFirstOf, type FixInput } from './fix-first.js';
import { gradeFor, nextActionsOf, pointsOf, scoreOf, stagesOf } from './score.js';
import { STAGES, type ProbeResult, type RepoSnapshot, type SourceNote } from './types.js';
import { extractSkills, skillReads } from './skills.js';
import { projectKindOf, projectKindReads, type ProjectKind } from './probes/project-kind.js';
import { stageAfterProbe, stageBeforeProbe } from './stage-by-kind.js';
import { remediationFor } from './project-language.js';
import type { PhaseTimer } from './timings.js';
import { commitActivity } from './activity.js';

export interface AuditOptions {
  rules: RuleSet;
  /** The probes the rules name (default: the built-in PROBES; the rules were loaded against the same registry). */
  probes?: ProbeRegistry;
  /** Globs of paths to leave out (from the config file). */
  exclude?: string[];
  /** "Now" for recency rules. Default: the time of the call. */
  now?: Date;
  /** Receives the time spent per phase ("rules on files", "waiting for the source", "rules on history", "skills"). */
  timer?: PhaseTimer;
  /** Extract the portfolio skills (default true; a second pass under a config does not need them). */
  skills?: boolean;
  /**
   * Decide the stage rules by the project kind (not ML: not applicable; ML in a language not read: not measurable).
   * Default true; a rule's own examples (src/rules/examples.ts) judge the rule alone.
   */
  projectKind?: boolean;
  /**
   * The files to prefetch, when the caller made the plan already (contentsPlan of this snapshot's files, these rules,
   * no excludes: the run makes it to fetch a repo's contents before a worker takes it). Default: made here.
   */
  plan?: string[];
  /** Called with each rule's result as it is known (the watchdog keeps them, to report what ran if the audit is stopped). */
  onRule?: (index: number, result: RuleRun) => void;
  /** Called once the rules have run, before the skills (the audit worker collects a large repository's garbage there). */
  afterRules?: () => void;
  /** Called after each rule (the audit worker collects a large repository's garbage there when it has grown much). */
  betweenRules?: () => void;
}

/**
 * A rule's result as the audit carries it to the report: the report's fields, plus why each file it could not read was
 * not read (the source's words, for the repo's reason). `assembleReport` leaves `unreadWhy` out of the report.
 */
export interface RuleRun extends RuleResult {
  unreadWhy?: Array<{ path: string; why: string }>;
}

/** At most this many files are fetched up front for a remote source; probes also keep their own read budgets. */
export const PREFETCH_LIMIT = 300;

/** The files the rules will read, bounded and deterministic: shallow paths first, then by path. */
function plannedReads(snapshot: Pick<RepoSnapshot, 'files'>, rules: Rule[], limit = PREFETCH_LIMIT, probes: ProbeRegistry = PROBES): string[] {
  const globs = new Set<string>();
  for (const r of rules) for (const g of probes[r.probe]?.reads?.(r.params) ?? []) globs.add(g);
  if (globs.size === 0) return [];
  const m = globMatcher([...globs]);
  const depth = (p: string): number => p.split('/').length;
  return snapshot.files
    .filter((f) => m(f.path))
    .map((f) => f.path)
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
}

/**
 * Every file an audit asks a remote source for up front (its prefetch): the rules' planned reads, the skills' and the
 * project kind's (each bounded). Also what the run fetches for a repo before a worker takes it (src/run-remote.ts):
 * the same function on the same file list, so the worker's own prefetch then finds every file already there.
 */
function contentsPlan(
  ctx: Pick<ProbeContext, 'files' | 'match'>,
  rules: RuleSet,
  opts: Pick<AuditOptions, 'skills' | 'probes'> = {},
): string[] {
  const planned = plannedReads({ files: ctx.files }, rules.rules, PREFETCH_LIMIT, opts.probes ?? PROBES);
  const skillFiles = opts.skills === false ? [] : skillReads(ctx);
  return [...new Set([...planned, ...skillFiles, ...projectKindReads(ctx)])];
}

/** The files an audit of `files` prefetches (contentsPlan), outside an audit: the standard audit's (no excludes). */
export function contentsPlanOf(files: RepoSnapshot['files'], rules: RuleSet): string[] {
  return contentsPlan({ files, match: fileMatcher(files) }, rules);
}

async function runProbe(rule: Rule, ctx: ReturnType<typeof createProbeContext>, probes: ProbeRegistry): Promise<ProbeResult> {
  const probe = probes[rule.probe];
  try {
    const r = await probe.run(rule.params, ctx);
    return { ...r, score: Math.max(0, Math.min(1, Number.isFinite(r.score) ? r.score : 0)) };
  } catch (e) {
    return { outcome: 'error', score: 0, evidence: [], note: `probe "${rule.probe}" failed: ${(e as Error).message}` };
  }
}

/** Runs every rule on one snapshot and scores it. Never throws for a bad repo: problems become notes and statuses. */
export async function auditSnapshot(snapshot: RepoSnapshot, opts: AuditOptions): Promise<AuditedRepoReport> {
  const now = opts.now ?? new Date();
  const timer = opts.timer;
  let tk = performance.now();
  const ctx = createProbeContext(snapshot, now, opts.exclude ?? []);
  const rules = opts.rules.rules;
  const probes = opts.probes ?? PROBES;
  if (snapshot.prefetch) {
    const plan = opts.plan ?? contentsPlan(ctx, opts.rules, opts); // the rules' reads, skills and project kind (bounded)
    const tp = performance.now();
    await snapshot.prefetch(plan);
    const waited = performance.now() - tp;
    timer?.add('waiting for the source', waited);
    tk += waited;
  }
  // Is this an ML project at all, and is its code in a language the stage rules read? Once per snapshot.
  const kind = opts.projectKind === false ? undefined : await projectKindOf(ctx);
  timer?.add("the project's kind", performance.now() - tk);
  const results: RuleRun[] = new Array(rules.length);
  // Rules that use a part of the snapshot the source completes later (a long history, exact sizes of huge files) run
  // after the others, each once its part is in; the results keep the rules' order.
  const pending = { history: snapshot.historyReady, sizes: snapshot.sizesReady };
  const waitsFor = (rule: Rule): Array<Promise<void>> =>
    (probes[rule.probe]?.needs?.(rule.params) ?? []).flatMap((k) => (pending[k] ? [pending[k]] : []));
  // Rules that read other rules' results (probe `readsRules`) run last, after those.
  const readsRules = (rule: Rule): boolean => (probes[rule.probe]?.readsRules?.(rule.params)?.length ?? 0) > 0;
  const rank = (rule: Rule): number => (readsRules(rule) ? 2 : waitsFor(rule).length > 0 ? 1 : 0);
  const order = [...rules.keys()].sort((a, b) => rank(rules[a]) - rank(rules[b]));
  const done = new Map<string, ProbeResult>();
  ctx.ruleResult = (id: string) => done.get(id);
  const yielding = pending.history !== undefined || pending.sizes !== undefined;
  for (const i of order) {
    const rule = rules[i];
    const waits = waitsFor(rule);
    if (waits.length) {
      const t0 = performance.now();
      await Promise.all(waits);
      timer?.add('waiting for the source', performance.now() - t0);
    }
    // Let the event loop take in what the source still reads (file reads are synchronous and never yield).
    else if (yielding) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      timer?.add('the source between rules', performance.now() - t0);
    }
    const t1 = performance.now();
    const r = (kind && stageBeforeProbe(rule, kind)) || stageAfterProbe(rule, kind, await runProbe(rule, ctx, probes));
    done.set(rule.id, r);
    timer?.add(readsHistory(rule.probe, rule.params, probes) ? 'rules on history' : 'rules on files', performance.now() - t1);
    const measurable = r.outcome !== 'not-measurable' && r.outcome !== 'error' && !r.leftOut;
    results[i] = {
      id: rule.id,
      title: rule.title,
      category: rule.category,
      ...(rule.stage ? { stage: rule.stage } : {}),
      score: measurable ? Math.round(r.score * 1000) / 1000 : null,
      weight: rule.weight,
      measurable,
      outcome: r.outcome,
      ...(r.note ? { note: r.note } : {}),
      evidence: r.evidence.slice(0, 8),
      ...(r.outcome === 'not-applicable' ? { applicable: false as const } : {}),
      ...(r.outcome === 'not-measurable' && r.unread?.length ? { unread: { paths: r.unread.slice(0, 5).map((u) => u.path), countedAs: Math.round(r.score * 1000) / 1000 } } : {}),
      remediation: r.remediation ?? remediationFor(rule, kind),
      ...(rule.flags?.length ? { flags: rule.flags } : {}),
      points: 0,
      maxPoints: 0,
      ...(r.outcome === 'not-measurable' && r.unread?.length ? { unreadWhy: r.unread.slice(0, 5) } : {}),
    };
    opts.onRule?.(i, results[i]);
    opts.betweenRules?.();
  }
  if (snapshot.historyReady) {
    // The skills and the summary below use the history too.
    const t0 = performance.now();
    await snapshot.historyReady;
    timer?.add('waiting for the source', performance.now() - t0);
  }
  opts.afterRules?.();
  // Portfolio report: skills with evidence. Never fails the audit.
  const t2 = performance.now();
  const skills = opts.skills === false ? undefined : await extractSkills(ctx).catch(() => undefined);
  timer?.add('skills', performance.now() - t2);
  const t3 = performance.now();
  const report = assembleReport(snapshot, rules, results, ctx.files.length, skills, kind);
  timer?.add('scoring', performance.now() - t3);
  return report;
}

/**
 * What the score is computed from, for the standard audit and a configured score alike. History rules not measured
 * because the history is missing (shallow clone, export, host did not return it) count as 0 until measured: a missing
 * history must never score higher than a measured one. A repo that is not ML: the stage rules are one finding, listed
 * once (as a gate of the pipeline category).
 */
export function scoreInputs(history: RepoSnapshot['history'], rules: Rule[], results: Array<Pick<RuleResult, 'score' | 'unread'>>, notMl: boolean): FixInput[] {
  const historyMissing = history.shallow || !!history.unavailable || (!history.commits.length && !history.unborn);
  const firstStage = notMl ? rules.findIndex((r) => r.stage) : -1;
  return results.map((r, i) => ({
    rule: i === firstStage ? { ...rules[i], gate: true, fix: 'not-ml' as const } : rules[i],
    score: r.score,
    ...(historyMissing && r.score === null && readsHistory(rules[i].probe, rules[i].params) ? { bounded: true } : {}),
    // Code files that could not be read: counted as what the files read earn, never more, until they can be read.
    ...(r.score === null && r.unread ? { bounded: true, floor: r.unread.countedAs } : {}),
  }));
}

/**
 * Why a repo whose rules could not read some code files is partial: which rules, which files, what they count as, and
 * what the score can at most become once those files are read (each of those rules passing fully). Null when none.
 */
export function unreadReason(results: RuleRun[], items: FixInput[]): string | null {
  const hit = results.map((r, i) => ({ r, i })).filter(({ r }) => r.score === null && r.unread);
  if (!hit.length) return null;
  const now = scoreOf(items).score;
  const atMost = scoreOf(items.map((it, i) => (hit.some((h) => h.i === i) ? { rule: it.rule, score: 1 } : it))).score;
  const paths = [...new Set(hit.flatMap(({ r }) => r.unread!.paths))];
  /** Each path with why it could not be read, as the rules carry it ("Git LFS pointer …"). */
  const whyOf = (p: string): string => {
    const why = hit.flatMap(({ r }) => r.unreadWhy ?? []).find((u) => u.path === p)?.why;
    return why ? `${p}: ${why}` : p;
  };
  const files = paths.slice(0, 3).map(whyOf).join('; ') + (paths.length > 3 ? `; and ${paths.length - 3} more` : '');
  const n = hit.length;
  const zero = hit.every(({ r }) => r.unread!.countedAs === 0);
  const stages = STAGES.filter((st) => hit.some(({ r }) => r.stage === st));
  const others = hit.filter(({ r }) => !r.stage).map(({ r }) => r.id);
  const what = [
    ...(stages.length ? [`pipeline stage${stages.length === 1 ? '' : 's'} ${stages.join(', ')}`] : []),
    ...(others.length ? [`rule${others.length === 1 ? '' : 's'} ${others.join(', ')}`] : []),
  ].join(' and ');
  return (
    `${what} not measured: code that may hold ${n === 1 ? 'it' : 'them'} could not be read (${files}); ` +
    `${n === 1 ? 'it counts' : 'they count'} as ${zero ? '0' : 'what the files read earn'} until measured, so ${num1(now)} is a floor: ` +
    `with ${paths.length === 1 ? 'that file' : 'those files'} read the score can at most become ${num1(atMost)}`
  );
}

const num1 = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * A repo's report from its rules' results: points, score, grade, stages, fixes, history summary. Also makes the
 * report of an audit stopped part way (the rules that did not run are not measured, and the report says why).
 */
export function assembleReport(
  snapshot: RepoSnapshot,
  rules: Rule[],
  results: RuleRun[],
  files: number,
  skills?: AuditedRepoReport['skills'],
  kind?: ProjectKind,
): AuditedRepoReport {
  const h0 = snapshot.history;
  const items = scoreInputs(snapshot.history, rules, results, kind?.kind === 'not-ml');
  const points = pointsOf(items);
  for (const r of results) Object.assign(r, points.get(r.id));
  const scored = scoreOf(items);
  const texts = new Map(results.map((r) => [r.id, r.remediation]));
  const fixFirst = fixFirstOf(items, texts);
  /** The source's notes, with what was not measured and what the score can at most become. */
  const withHistoryNote = (all: SourceNote[]): SourceNote[] => {
    const historyBounded = items.filter((it, i) => it.bounded && it.score === null && !results[i]!.unread);
    if (!historyBounded.length) return all;
    // With the full history: the history rules passing fully (rules not measured for unread files stay at their floor).
    const atMost = scoreOf(items.map((it) => (historyBounded.includes(it) ? { rule: it.rule, score: 1 } : it))).score;
    const notes = [...all];
    const why = h0.shallow ? `history is shallow (${h0.commits.length} commit${h0.commits.length === 1 ? '' : 's'} visible)` : h0.unavailable ? h0.unavailable : 'no commit history';
    const message = `history not measured: ${why}; its rules count as 0, and with the full history the score can at most become ${atMost}`;
    const i = notes.findIndex((n) => n.kind === 'shallow');
    if (i >= 0) notes[i] = { ...notes[i]!, message: `${notes[i]!.message} — ${message}` };
    else notes.unshift({ kind: h0.shallow ? 'shallow' : 'info', message });
    return notes;
  };
  const failedProbes = results.filter((r) => r.outcome === 'error');
  const unread = unreadReason(results, items);
  const reasons = [...failedProbes.map((r) => `${r.id}: ${r.note}`), ...(unread ? [unread] : [])];
  const h = snapshot.history;
  const { fork, parent, archived } = snapshot.metadata;
  const metadata = { ...(fork !== undefined ? { fork } : {}), ...(parent ? { parent } : {}), ...(archived !== undefined ? { archived } : {}) };
  return {
    repo: snapshot.id,
    commit: snapshot.commit,
    status: reasons.length ? 'partial' : 'ok',
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
    score: scored.score,
    grade: gradeFor(scored.score),
    categories: scored.categories,
    stages: stagesOf(results),
    ...(kind ? { project: { kind: kind.kind, languages: kind.languages, ...(kind.families.length ? { families: kind.families } : {}), note: kind.note } } : {}),
    rules: results.map(withoutWhy),
    nextActions: advisedOnly(nextActionsOf(items, texts), fixFirst),
    fixFirst,
    ...(scored.cappedBy ? { cappedBy: scored.cappedBy } : {}),
    files,
    history: {
      commits: h.commits.length,
      shallow: h.shallow,
      truncated: h.truncated,
      totalCount: h.totalCount,
      firstCommit: h.commits.length ? h.commits[h.commits.length - 1].date : null,
      lastCommit: h.commits.length ? h.commits[0].date : null,
      ...activityOf(h.commits),
    },
    notes: withHistoryNote(snapshot.notes),
    ...(skills ? { skills } : {}),
    ...(Object.keys(metadata).length ? { metadata } : {}),
  };
}

/** A rule's result as the report shows it: without the audit's own `unreadWhy` (the same object when it has none). */
function withoutWhy(r: RuleRun): RuleResult {
  if (!r.unreadWhy) return r;
  const { unreadWhy: _, ...rest } = r;
  return rest;
}

/** The history summary's commits per week or month (omitted when no commit date is visible). */
function activityOf(commits: RepoSnapshot['history']['commits']): { activity?: ReturnType<typeof commitActivity> } {
  const activity = commitActivity(commits.map((c) => c.date));
  return activity ? { activity } : {};
}
