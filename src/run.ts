/**
 * The engine's front door, for the CLI and the Action: local paths and GitHub repositories in one report, several
 * repositories at once (bounded), with an overall time budget, per-repo statuses for every fault, and progress events
 * carrying the requests spent and the rate-limit budget left. One failed repo never costs the others their results.
 *
 * Stops starting new work (remaining repos become 'skipped' with the reason, finished results are kept) when the
 * primary rate limit is spent ("rate limit exhausted until <reset>"), when the time budget runs out, or when the
 * token is rejected (remaining remote repos become 'error').
 *
 * This module schedules: it loads the rules and the run's configs once, runs the targets (local folders and GitHub
 * repositories each within their own concurrency), and builds the report in input order. The rest is in modules of
 * their own: one target's audit (run-target.ts: run-local.ts, run-remote.ts, and run-repo.ts for what both share),
 * when the run stops (run-stop.ts), the progress events (run-progress.ts), the configs (run-config.ts) and inputs
 * naming a repository already audited (run-aliases.ts).
 */
import pLimit from 'p-limit';
import { DEFAULT_AUDIT_TIMEOUT_MS, DEFAULT_POOL_SIZE, sharedAuditPool, type AuditPool } from './audit-pool.js';
import { buildReport } from './report/build.js';
import type { FailUnder, Report, RepoReport } from './report/types.js';
import { loadRules } from './rules/load.js';
import { noteAliases, type Alias } from './run-aliases.js';
import { runConfigs } from './run-config.js';
import { RunProgress, type ProgressEvent } from './run-progress.js';
import { apiOf, type RemoteContext } from './run-remote.js';
import { RunStop } from './run-stop.js';
import { auditTarget, displayName, type Outcome } from './run-target.js';
import type { GithubClient } from './sources/github-client.js';
import type { GithubSnapshotOptions } from './sources/github.js';
import { resolveTargets, type ResolvedTarget } from './sources/github-target.js';
import type { PhaseTimer } from './timings.js';

export type { ProgressEvent } from './run-progress.js';
export { INTERRUPTED_REASON } from './run-stop.js';

export interface RunOptions {
  /** Local paths, owner/name[@ref] and GitHub URLs, mixed. Duplicates (same repo or directory) are audited once. */
  targets: string[];
  /** The GitHub client (createGithubClient); needed when a target is remote. */
  client?: GithubClient;
  rulesDir?: string;
  /** The caller's config file: it makes each repo's configured score (never the standard one). */
  configFile?: string;
  /**
   * Whether a repository's own .ml-portfolio-audit.yml makes its configured score: undefined = for local folders
   * only (the user's own checkout), true = also for repositories read through the API, false = never.
   */
  repoConfig?: boolean;
  /** The caller's threshold (--fail-under, the Action input); recorded in the report with where it came from. */
  failUnder?: FailUnder;
  now?: Date;
  /** Remote repositories audited at once. Default 16 (their time is mostly network latency). */
  concurrency?: number;
  /** Local repositories audited at once (CPU and disk bound, large ones use memory). Default 2. */
  localConcurrency?: number;
  /** Overall time budget; when spent, in-flight requests are aborted and the rest is skipped. Default: none. */
  timeBudgetMs?: number;
  /**
   * Each remote repo's own deadline (its requests and content reads); past it that repo is an error ("no result
   * within N s"), the others go on. Default 120 s (DEFAULT_REPO_TIMEOUT_MS); 0: none.
   */
  repoTimeoutMs?: number;
  /**
   * Aborted when the run is interrupted (the CLI on Ctrl-C or SIGTERM): no new repo starts (the rest are 'skipped'
   * with INTERRUPTED_REASON), audits under way are stopped and reported partial with the rules that ran, and fetches
   * under way end as skipped.
   */
  signal?: AbortSignal;
  /** Options of the GitHub source (history window, query sizes, limits). */
  snapshot?: Omit<GithubSnapshotOptions, 'signal'>;
  /**
   * GitHub repositories whose contents are fetched while the workers are busy, so their network waits overlap the
   * rules of the repos being audited (each holds its contents until its audit ends). Default FETCHED_AHEAD (2); 0: a
   * repo's contents are fetched when a worker asks for them.
   */
  fetchAhead?: number;
  /** Where the rules run. Default: the process's shared pool of worker threads. */
  pool?: Pick<AuditPool, 'audit' | 'warm'> & Partial<Pick<AuditPool, 'size'>>;
  onProgress?: (e: ProgressEvent) => void;
  /** Receives the time spent per phase (see PhaseTimer). */
  timer?: PhaseTimer;
}

export const DEFAULT_CONCURRENCY = 16;
const DEFAULT_LOCAL_CONCURRENCY = 2;
/** Audit workers of a run whose targets are all GitHub repositories (see auditTargets). */
const REMOTE_WORKERS = 1;
/**
 * GitHub repositories whose contents are fetched while every worker is busy (RunOptions.fetchAhead): their network
 * waits overlap the rules of the repos being audited. Each holds its contents (text files and the notebooks' cells: a
 * few MB on the portfolio bench) until its audit ends, and its answers are in memory while they arrive. At 64
 * portfolio repos (bench/README.md), 2 brought the wall time from 26-30 s to 10-11 s and 1 to 16-17 s; the peak RSS
 * was 252-296 MB with 2 and 256-299 MB with 1 (228-267 MB without): the same within the runs' noise, near the
 * 300 MB target either way.
 */
export const FETCHED_AHEAD = 2;

/**
 * Audits every target, at most `concurrency` at a time; the report lists them in input order. Throws only for
 * problems that affect every target (broken rules, broken --config).
 */
export async function auditTargets(opts: RunOptions): Promise<Report> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const phases = opts.timer;
  // No default target here: an empty list (an empty shard, a user with only forks) audits nothing, never the cwd.
  const { targets, duplicates } = resolveTargets(opts.targets);
  // Only GitHub repositories: one worker. Their audits wait on the network more than on the rules, and each worker
  // is an isolate with its own copy of the engine (~40 MB at its peak); local audits keep a worker per CPU.
  const pool = opts.pool ?? sharedAuditPool(targets.length && targets.every((t) => t.kind === 'remote') ? REMOTE_WORKERS : undefined);
  // The first worker starts (Node's start-up and the bundle, ~0.2-0.4 s) while this thread loads the rules.
  if (opts.targets.length) pool.warm();
  const t0 = performance.now();
  // Without the rules' examples: an audit never reads them (their tests and docs do).
  const rules = loadRules({ ...(opts.rulesDir !== undefined ? { dir: opts.rulesDir } : {}), examples: false });
  phases?.add('loading the rules', performance.now() - t0);
  const { runConfig, callerThreshold, resolve } = runConfigs(rules, opts);
  const api = apiOf(opts.client);
  const fetchAhead = Math.max(0, Math.floor(opts.fetchAhead ?? FETCHED_AHEAD));
  const stop = new RunStop({ signal: opts.signal, timeBudgetMs: opts.timeBudgetMs, client: opts.client });
  const ctx: RemoteContext = {
    rules,
    now,
    pool,
    timer: phases,
    timeoutMs: opts.repoTimeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS,
    ...(opts.signal ? { signal: opts.signal } : {}),
    resolveConfig: resolve,
    callerThreshold,
    client: opts.client,
    api,
    stop,
    snapshot: opts.snapshot,
    repoTimeoutMs: opts.repoTimeoutMs,
    claimed: new Map(),
    ...(fetchAhead > 0 ? { contentsHeld: pLimit((pool.size ?? DEFAULT_POOL_SIZE) + fetchAhead) } : {}),
  };
  const progress = new RunProgress(targets.length, started, opts.client, opts.onProgress);
  let outcomes: Outcome[];
  try {
    outcomes = await scheduled(targets, opts, async (t) => {
      const o = await auditTarget(ctx, t);
      progress.finished(o, displayName(t));
      return o;
    });
  } finally {
    stop.dispose();
  }
  const repos = entriesOf(targets, outcomes, duplicates);
  const t3 = performance.now();
  const report = buildReport(repos, now, runConfig);
  phases?.add('building the report', performance.now() - t3);
  return report;
}

/** Runs `run` on every target, GitHub repositories and local folders each within their own concurrency; input order. */
function scheduled<T>(targets: ResolvedTarget[], opts: RunOptions, run: (t: ResolvedTarget) => Promise<T>): Promise<T[]> {
  const remoteLimit = pLimit(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const localLimit = pLimit(Math.max(1, Math.min(opts.localConcurrency ?? DEFAULT_LOCAL_CONCURRENCY, opts.concurrency ?? Infinity)));
  return Promise.all(targets.map((t) => (t.kind === 'remote' ? remoteLimit : localLimit)(() => run(t))));
}

/** The report's entries in input order; inputs that turned out to name a repo already audited (renamed repos, other spellings) are noted on it. */
function entriesOf(targets: ResolvedTarget[], outcomes: Outcome[], duplicates: Alias[]): RepoReport[] {
  const byInput = new Map<string, RepoReport>();
  const repos: RepoReport[] = [];
  targets.forEach((t, i) => {
    const o = outcomes[i];
    if ('report' in o) {
      byInput.set(t.input, o.report);
      repos.push(o.report);
    }
  });
  const aliases = [
    ...outcomes.flatMap((o) => ('duplicateOf' in o ? [{ input: o.input, sameAs: o.duplicateOf }] : [])),
    ...duplicates,
  ];
  noteAliases(byInput, aliases);
  return repos;
}
