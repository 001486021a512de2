/**
 * The audit of one repository's snapshot, wherever it was read: the shipped rules run in the worker pool (the
 * standard score, which no config changes), then the report gets what the configs of the run say about it — the
 * configured score's notes (excludes that match nothing, a config not applied) and the threshold it is gated by.
 */
import type { AuditPool } from './audit-pool.js';
import { CONFIG_FILE_NAME, excludeHints } from './config/load.js';
import { selectFiles } from './probes/glob-gate.js';
import { errorReport } from './report/build.js';
import type { AuditedRepoReport, FailUnder, RepoConfig, RepoReport } from './report/types.js';
import type { RuleSet } from './rules/load.js';
import type { ResolvedConfig, RunConfigs } from './run-config.js';
import type { PhaseTimer } from './timings.js';
import type { RepoSnapshot } from './types.js';

/** What every repository's audit in a run shares. */
export interface RepoAuditContext {
  rules: RuleSet;
  now: Date;
  pool: Pick<AuditPool, 'audit'> & Partial<Pick<AuditPool, 'auditLocal'>>;
  timer?: PhaseTimer;
  /** Each audit's own deadline in the worker. */
  timeoutMs: number;
  /** The run's interruption: audits under way stop and are reported partial. */
  signal?: AbortSignal;
  /** Which config makes a repository's configured score (src/run-config.ts). */
  resolveConfig: RunConfigs['resolve'];
  /** The caller's threshold, if any. */
  callerThreshold?: FailUnder;
}

/** What every audit job of a repo carries besides what to audit: the run's rules, the applied config, time and limits. */
function jobOptions(ctx: RepoAuditContext, resolved: ResolvedConfig) {
  const { applied } = resolved;
  return {
    rules: ctx.rules,
    ...(applied ? { applied: { config: applied.config, by: applied.by } } : {}),
    now: ctx.now,
    timer: ctx.timer,
    timeoutMs: ctx.timeoutMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

/**
 * Audits a snapshot with the configs resolved for it; an empty one is 'skipped'. `plan`: its prefetch plan, when the
 * caller made it (AuditOptions.plan).
 */
export async function auditSnapshot(ctx: RepoAuditContext, snapshot: RepoSnapshot, resolved: ResolvedConfig, plan?: string[]): Promise<RepoReport> {
  if (snapshot.files.length === 0) return errorReport(snapshot.id, 'empty repository: no files to audit', 'skipped');
  // The standard audit: shipped rules, standard weights, every file. No config changes it. The rules run in a
  // worker thread that the watchdog stops past the repo's budget or when the run is interrupted.
  const report = await ctx.pool.audit({ snapshot, ...(plan ? { plan } : {}), ...jobOptions(ctx, resolved) });
  const { applied: a } = resolved;
  const hints = a ? excludeHints(a.config, (g: string): boolean => selectFiles(snapshot.files, [g]).length > 0) : [];
  noteConfig(report, hints, resolved, ctx.callerThreshold);
  return report;
}

/** Audits a local folder that the pool's worker lists and reads itself (see AuditPool.auditLocal). */
export async function auditLocalInWorker(ctx: RepoAuditContext, path: string, resolved: ResolvedConfig): Promise<RepoReport> {
  const out = await ctx.pool.auditLocal!({ path, ...jobOptions(ctx, resolved) });
  if ('empty' in out) return errorReport(out.empty, 'empty repository: no files to audit', 'skipped');
  noteConfig(out.report, out.hints, resolved, ctx.callerThreshold);
  return out.report;
}

/** Adds the config notes (`hints`: its excludes that match no file, see excludeHints) and, when any config or threshold applies, the report's `config`. */
function noteConfig(report: AuditedRepoReport, hints: string[], resolved: ResolvedConfig, callerThreshold?: FailUnder): void {
  const { applied, ignored } = resolved;
  // The config's excludes that match no file.
  report.notes.push(...hints.map((message) => ({ kind: 'info' as const, message })));
  if (ignored) report.notes.push({ kind: 'info', message: `${CONFIG_FILE_NAME} not applied: ${ignored.reason}` });
  // The threshold: the caller's; else the repository's own `fail-under` (it can only set a bar where there was none).
  const own = applied?.by === 'repo' && applied.config['fail-under'] !== undefined ? { value: applied.config['fail-under'], from: `fail-under in ${applied.config.file}` } : undefined;
  const threshold = callerThreshold ?? own;
  const config: RepoConfig = {
    ...(applied ? { file: applied.config.file ?? 'config', by: applied.by } : {}),
    ...(ignored ? { ignored } : {}),
    // The caller's own config is trusted by the caller: its score is the one gated. Anything else gates the standard score.
    ...(threshold ? { failUnder: { ...threshold, gates: applied?.by === 'caller' && report.configured ? ('configured' as const) : ('standard' as const) } } : {}),
  };
  if (Object.keys(config).length) report.config = config;
}
