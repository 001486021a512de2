import type { Category } from '../types.js';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAudited, type AuditedRepoReport, type RuleResult } from '../report/types.js';
import { describeError } from '../errors.js';
import { auditTargets } from '../run.js';
import { STAGES, type Stage } from '../types.js';
import { num } from '../report/numbers.js';

/**
 * A pull request's score change: audit the base commit from the git objects already in the checkout (a detached
 * `git worktree` of the base sha, so its history is real too), then diff scores, rules and stages.
 */

// ---------------------------------------------------------------------------------------------------------------
// Git

interface GitOut {
  code: number;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[]): Promise<GitOut> {
  // No hooks, no LFS downloads (pointers are reported as such by the source), English messages.
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '1' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete env[k];
  const cfg = ['-c', 'core.hooksPath=/dev/null', '-c', 'advice.detachedHead=false', '-c', 'filter.lfs.required=false'];
  return new Promise((resolve) => {
    execFile('git', [...cfg, ...args], { cwd, env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 127) : 0;
      resolve({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
    });
  });
}

export const FETCH_DEPTH_FIX = 'set `fetch-depth: 0` on actions/checkout so the base commit and the full history are fetched';

type BaseCheckout =
  | { ok: true; dir: string; cleanup: () => Promise<void> }
  | { ok: false; reason: string; fix?: string };

/**
 * Checks out `baseSha` next to the work tree containing `projectDir` and returns the same project folder inside it.
 * Fails (never throws) with the reason and the fix when the objects are not there (shallow clone) or git is missing.
 */
export async function checkoutBase(projectDir: string, baseSha: string, tempRoot: string): Promise<BaseCheckout> {
  const short = baseSha.slice(0, 7);
  if (!/^[0-9a-f]{40,64}$/i.test(baseSha)) return { ok: false, reason: `the base commit id ${JSON.stringify(baseSha)} is not a commit sha` };
  const top = await git(projectDir, ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository']);
  if (top.code === 127 && !top.stderr) return { ok: false, reason: 'git is not installed on the runner', fix: 'use a runner image with git' };
  if (top.code !== 0) {
    return { ok: false, reason: 'the audited path is not a git checkout', fix: 'check out the repository with actions/checkout (with `fetch-depth: 0`)' };
  }
  const [toplevel, prefix = '', shallowFlag] = top.stdout.split('\n');
  const has = await git(toplevel, ['cat-file', '-e', `${baseSha}^{commit}`]);
  if (has.code !== 0) {
    const shallow = shallowFlag === 'true';
    return {
      ok: false,
      reason: `the base commit ${short} is not in this checkout${shallow ? ' (it is a shallow clone: actions/checkout fetches only one commit by default)' : ''}`,
      fix: FETCH_DEPTH_FIX,
    };
  }
  mkdirSync(tempRoot, { recursive: true });
  const wt = mkdtempSync(join(tempRoot, `base-${short}-`));
  rmSync(wt, { recursive: true, force: true }); // git worktree add wants to create it
  const add = await git(toplevel, ['worktree', 'add', '--detach', '--force', wt, baseSha]);
  const cleanup = async (): Promise<void> => {
    await git(toplevel, ['worktree', 'remove', '--force', wt]);
    rmSync(wt, { recursive: true, force: true });
    await git(toplevel, ['worktree', 'prune']);
  };
  if (add.code !== 0) {
    await cleanup();
    return { ok: false, reason: `git worktree add of the base commit ${short} failed: ${add.stderr.trim().split('\n').pop() ?? 'unknown error'}` };
  }
  const dir = prefix ? join(wt, prefix) : wt;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    await cleanup();
    return { ok: false, reason: `the audited folder does not exist in the base commit ${short} (the project is new in this pull request)` };
  }
  return { ok: true, dir, cleanup };
}

/**
 * The commit a branch's changes are measured against: the merge base of the pull request's base commit and the
 * audited commit. On a push (`comment: always`), the checkout is the branch itself, not GitHub's merge commit, so the
 * base branch's tip would count the base's newer work as the branch's changes. Fails (never throws) when git cannot
 * tell, e.g. in a shallow clone.
 */
export async function mergeBase(projectDir: string, baseSha: string, headSha: string): Promise<{ ok: true; sha: string } | { ok: false; reason: string; fix?: string }> {
  const sha = /^[0-9a-f]{40,64}$/i;
  if (!sha.test(baseSha) || !sha.test(headSha)) return { ok: false, reason: 'the pull request names no base or head commit' };
  const r = await git(projectDir, ['merge-base', baseSha, headSha]);
  const found = r.stdout.trim();
  if (r.code === 0 && sha.test(found)) return { ok: true, sha: found };
  return {
    ok: false,
    reason: `the merge base of the base commit ${baseSha.slice(0, 7)} and ${headSha.slice(0, 7)} is not in this checkout`,
    fix: FETCH_DEPTH_FIX,
  };
}

type BaseAudit = { ok: true; report: AuditedRepoReport } | { ok: false; reason: string; fix?: string };

/** Audits the base commit the same way as the head (same config file, rules and "now"). Never throws. */
export async function auditBaseCommit(opts: {
  projectDir: string;
  baseSha: string;
  tempRoot: string;
  id: string;
  configFile?: string;
  repoConfig?: boolean;
  rulesDir?: string;
  now: Date;
}): Promise<BaseAudit> {
  const co = await checkoutBase(opts.projectDir, opts.baseSha, opts.tempRoot);
  if (!co.ok) return co;
  try {
    const report = await auditTargets({ targets: [co.dir], configFile: opts.configFile, repoConfig: opts.repoConfig, rulesDir: opts.rulesDir, now: opts.now });
    const r = report.repos[0];
    if (!r || !isAudited(r)) return { ok: false, reason: `the base commit could not be audited: ${r?.reason ?? 'no result'}` };
    return { ok: true, report: { ...r, repo: opts.id } };
  } catch (e) {
    return { ok: false, reason: `the base commit could not be audited: ${describeError(e)}` };
  } finally {
    await co.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Diff

/** A rule passes at 0.99 or more, fails below 0.5; in between it is partial. */
export const PASS_AT = 0.99;
const FAIL_BELOW = 0.5;
/** A rule whose state is unchanged is listed when its score moved at least this much (5 percentage points). */
const MOVED_BY = 0.05;

type RuleState = 'pass' | 'partial' | 'fail' | 'not measurable' | 'absent';

export function ruleState(r: RuleResult | undefined): RuleState {
  if (!r) return 'absent';
  if (!r.measurable || r.score === null) return 'not measurable';
  if (r.score >= PASS_AT) return 'pass';
  if (r.score < FAIL_BELOW) return 'fail';
  return 'partial';
}

export interface RuleChange {
  id: string;
  title: string;
  from: RuleState;
  to: RuleState;
  pointsFrom: number;
  pointsTo: number;
  /** Rule scores 0..1; null when not measurable or absent. */
  scoreFrom: number | null;
  scoreTo: number | null;
  remediation: string;
}

export interface ScoreChange {
  base: { score: number; grade: string; commit: string | null };
  head: { score: number; grade: string; commit: string | null };
  /** head − base, one decimal. */
  delta: number;
  newlyPassing: RuleChange[];
  newlyFailing: RuleChange[];
  /** Other rules whose points moved (partial progress, pass → partial, measurability changes). */
  otherChanges: RuleChange[];
  stagesGained: Stage[];
  stagesLost: Stage[];
  /** Each scored category's score, base and head (one decimal), in the report's order. */
  categories: Array<{ category: string; base: number; head: number }>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function compareReports(base: AuditedRepoReport, head: AuditedRepoReport): ScoreChange {
  const baseRules = new Map(base.rules.map((r) => [r.id, r]));
  const headRules = new Map(head.rules.map((r) => [r.id, r]));
  const ids = [...new Set([...head.rules.map((r) => r.id), ...base.rules.map((r) => r.id)])];
  const newlyPassing: RuleChange[] = [];
  const newlyFailing: RuleChange[] = [];
  const otherChanges: RuleChange[] = [];
  for (const id of ids) {
    const b = baseRules.get(id);
    const h = headRules.get(id);
    const c: RuleChange = {
      id,
      title: (h ?? b)!.title,
      from: ruleState(b),
      to: ruleState(h),
      pointsFrom: b?.points ?? 0,
      pointsTo: h?.points ?? 0,
      scoreFrom: b?.score ?? null,
      scoreTo: h?.score ?? null,
      remediation: (h ?? b)!.remediation,
    };
    if (c.to === 'pass' && c.from !== 'pass') newlyPassing.push(c);
    else if (c.to === 'fail' && c.from !== 'fail') newlyFailing.push(c);
    // Points alone also move when other rules change the total weight; only a change of the rule's own result counts.
    else if (c.from !== c.to || Math.abs((c.scoreTo ?? 0) - (c.scoreFrom ?? 0)) >= MOVED_BY) otherChanges.push(c);
  }
  const byMove = (a: RuleChange, b: RuleChange): number =>
    Math.abs(b.pointsTo - b.pointsFrom) - Math.abs(a.pointsTo - a.pointsFrom) || (a.id < b.id ? -1 : 1);
  newlyPassing.sort(byMove);
  newlyFailing.sort(byMove);
  otherChanges.sort(byMove);
  return {
    base: { score: base.score, grade: base.grade, commit: base.commit },
    head: { score: head.score, grade: head.grade, commit: head.commit },
    delta: round1(head.score - base.score),
    newlyPassing,
    newlyFailing,
    otherChanges,
    stagesGained: STAGES.filter((s) => head.stages[s]?.detected && !base.stages[s]?.detected),
    stagesLost: STAGES.filter((s) => !head.stages[s]?.detected && base.stages[s]?.detected),
    categories: (Object.entries(head.categories) as Array<[Category, { score: number; weight: number }]>)
      .filter(([k, v]) => v.weight > 0 || (base.categories[k]?.weight ?? 0) > 0)
      .map(([category, v]) => ({ category, base: round1(base.categories[category]?.score ?? 0), head: round1(v.score) })),
  };
}


/** "+9", "-3.5", "±0". */
export function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : n < 0 ? `-${num(-n)}` : '±0';
}

/** "score 62 → 71 (+9)". */
export function scoreLine(change: Pick<ScoreChange, 'base' | 'head' | 'delta'>): string {
  return `score ${num(change.base.score)} → ${num(change.head.score)} (${signed(change.delta)})`;
}
