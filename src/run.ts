/**
 * The engine's front door, for the CLI and the Action: local paths and GitHub repositories in one report, several
 * repositories at once (bounded), with an overall time budget, per-repo statuses for every fault, and progress events
 * carrying the requests spent and the rate-limit budget left. One failed repo never costs the others their results.
 *
 * Stops starting new work (remaining repos become 'skipped' with the reason, finished results are kept) when the
 * primary rate limit is spent ("rate limit exhausted until <reset>"), when the time budget runs out, or when the
 * token is rejected (remaining remote repos become 'error').
 */
import pLimit from 'p-limit';
import { DEFAULT_AUDIT_TIMEOUT_MS, sharedAuditPool, type AuditPool } from './audit-pool.js';
import { CONFIG_FILE_NAME, excludeHints, findRepoConfig, loadConfig, parseConfig, type Config } from './config/load.js';
import { noteAliases } from './run-aliases.js';
import { runConfigs, type ResolvedConfig } from './run-config.js';
import { describeError } from './errors.js';
import { buildReport, errorReport } from './report/build.js';
import { isAudited, type FailUnder, type Report, type RepoConfig, type RepoReport } from './report/types.js';
import { loadRules } from './rules/load.js';
import { lowestRateLimit, type GithubClient, type RateLimitState } from './sources/github-client.js';
import { AuthError, BudgetError, classifyError, GithubError, RateLimitError, SkipError } from './sources/github-errors.js';
import { githubSnapshot, type GithubSnapshotOptions } from './sources/github.js';
import { formatTarget, resolveTargets, type ResolvedTarget } from './sources/github-target.js';
import { localSnapshot } from './sources/local.js';
import { selectFiles } from './probes/glob-gate.js';
import type { RepoSnapshot } from './types.js';
import type { PhaseTimer } from './timings.js';

export interface ProgressEvent {
  repo: string;
  done: number;
  total: number;
  status: RepoReport['status'];
  score?: number;
  message?: string;

  /** Repos finished with status 'error' so far. */
  failed: number;
  /** Repos finished with status 'skipped' so far. */
  skipped: number;
  /** HTTP requests sent to GitHub so far (retries included). */
  requests: number;
  /** The lowest rate-limit budget GitHub reported (null before the first answer or without remote targets). */
  rateLimit: RateLimitState | null;
  elapsedMs: number;
}

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
  /** Where the rules run. Default: the process's shared pool of worker threads. */
  pool?: Pick<AuditPool, 'audit' | 'warm'>;
  onProgress?: (e: ProgressEvent) => void;
  /** Receives the time spent per phase (see PhaseTimer). */
  timer?: PhaseTimer;
}

/** The reason of the repos left out when the run was interrupted (RunOptions.signal). */
export const INTERRUPTED_REASON = 'run interrupted before this repo was audited';

type Outcome = { report: RepoReport } | { duplicateOf: string; input: string };

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_LOCAL_CONCURRENCY = 2;

/**
 * Audits every target, at most `concurrency` at a time; the report lists them in input order. Throws only for
 * problems that affect every target (broken rules, broken --config).
 */
export async function auditTargets(opts: RunOptions): Promise<Report> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const phases = opts.timer;
  const t0 = performance.now();
  const baseRules = loadRules(opts.rulesDir);
  phases?.add('loading the rules', performance.now() - t0);
  const { runConfig, callerThreshold, resolve: resolveConfig } = runConfigs(baseRules, opts);
  // No default target here: an empty list (an empty shard, a user with only forks) audits nothing, never the cwd.
  const { targets, duplicates } = resolveTargets(opts.targets);
  const client = opts.client;
  const apiBase = client?.request.endpoint.DEFAULTS.baseUrl ?? '';
  const apiHost = apiBase ? new URL(apiBase).hostname.replace(/^api\./, '') : '';

  const budget = new AbortController();
  // The interruption also ends requests under way.
  const onInterrupt = (): void => budget.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onInterrupt, { once: true });
  const pool = opts.pool ?? sharedAuditPool();
  if (opts.targets.length) pool.warm();
  const timer =
    opts.timeBudgetMs !== undefined ? setTimeout(() => budget.abort(), Math.max(0, opts.timeBudgetMs)) : undefined;
  timer?.unref?.();
  const budgetText = opts.timeBudgetMs !== undefined ? `${Math.round(opts.timeBudgetMs / 100) / 10}s` : '';

  /** Why new work stops, once it does. */
  let stop: { status: 'skipped' | 'error'; reason: string; remoteOnly: boolean } | null = null;
  const claimed = new Map<string, string>();
  let done = 0;
  let failed = 0;
  let skipped = 0;

  const display = (t: ResolvedTarget): string => (t.kind === 'remote' ? formatTarget(t.target) : t.input);

  const stopReason = (t: ResolvedTarget): { status: 'skipped' | 'error'; reason: string } | null => {
    if (opts.signal?.aborted) return { status: 'skipped', reason: INTERRUPTED_REASON };
    if (budget.signal.aborted) return { status: 'skipped', reason: `time budget of ${budgetText} exhausted before this repo was audited` };
    if (stop && (!stop.remoteOnly || t.kind === 'remote')) return stop;
    if (t.kind === 'remote' && client?.audit.exhausted) {
      const { resetAt } = client.audit.exhausted;
      if (!resetAt || resetAt.getTime() > Date.now()) {
        stop = { status: 'skipped', reason: new RateLimitError(resetAt).message, remoteOnly: true };
        return stop;
      }
    }
    return null;
  };

  const auditLocal = async (path: string): Promise<RepoReport> => {
    // The file list first: the rules on files run while git log is still being read.
    const t1 = performance.now();
    const snapshot = await localSnapshot(path, { deferred: true });
    phases?.add('listing the files', performance.now() - t1);
    const file = findRepoConfig(path);
    const resolved = await resolveConfig(file ? { file, load: async () => loadConfig(file, baseRules) } : null, false);
    return auditOrSkip(snapshot, resolved);
  };

  const auditOrSkip = async (snapshot: RepoSnapshot, resolved: ResolvedConfig): Promise<RepoReport> => {
    if (snapshot.files.length === 0) return errorReport(snapshot.id, 'empty repository: no files to audit', 'skipped');
    // The standard audit: shipped rules, standard weights, every file. No config changes it. The rules run in a
    // worker thread that the watchdog stops past the repo's budget or when the run is interrupted.
    const { applied, ignored } = resolved;
    const report = await pool.audit({
      snapshot,
      rules: baseRules,
      ...(applied ? { applied: { config: applied.config, by: applied.by } } : {}),
      now,
      timer: phases,
      timeoutMs: opts.repoTimeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (applied) {
      const matches = (g: string): boolean => selectFiles(snapshot.files, [g]).length > 0;
      report.notes.push(...excludeHints(applied.config, matches).map((message) => ({ kind: 'info' as const, message })));
    }
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
    return report;
  };

  const auditOne = async (t: ResolvedTarget): Promise<Outcome> => {
    const name = display(t);
    const halt = stopReason(t);
    if (halt) return { report: errorReport(name, halt.reason, halt.status) };
    if (t.kind === 'invalid') return { report: errorReport(t.input, describeError(t.error)) };
    if (t.kind === 'local') {
      try {
        return { report: await auditLocal(t.path) };
      } catch (e) {
        return { report: errorReport(t.input, describeError(e)) };
      }
    }
    if (!client) {
      return { report: errorReport(name, 'a GitHub repository is read through the GitHub API, which needs a token: pass --token or set GITHUB_TOKEN (any token; no scopes are needed for public repositories)') };
    }
    if (t.target.host && t.target.host !== apiHost) {
      return {
        report: errorReport(
          t.input,
          describeError(
            new GithubError(
              `the repository is on ${t.target.host}, but the GitHub API in use is ${apiBase}`,
              `Pass --api-url https://${t.target.host}/api/v3 (GitHub Enterprise Server), or give owner/name.`,
            ),
          ),
        ),
      };
    }
    try {
      const t2 = performance.now();
      const snapshot = await githubSnapshot(client, t.target, {
        ...opts.snapshot,
        ...(opts.repoTimeoutMs !== undefined ? { timeoutMs: opts.repoTimeoutMs } : {}),
        signal: budget.signal,
      });
      phases?.add('fetching from GitHub', performance.now() - t2);
      const key = snapshot.id.toLowerCase();
      const first = claimed.get(key);
      if (first !== undefined) return { duplicateOf: first, input: t.input };
      claimed.set(key, t.input);
      const shownAs = `${snapshot.id}:${CONFIG_FILE_NAME}`;
      const own = snapshot.files.some((f) => f.path === CONFIG_FILE_NAME)
        ? {
            file: shownAs,
            load: async (): Promise<Config> => {
              const text = await snapshot.read(CONFIG_FILE_NAME);
              return text ? parseConfig(text.text, shownAs, baseRules) : { file: shownAs };
            },
          }
        : null;
      const resolved = await resolveConfig(own, true);
      const report = await auditOrSkip(snapshot, resolved);
      if (snapshot.metadata.url) report.url = snapshot.metadata.url;
      const src = snapshot.source;
      if (src.status === 'partial') {
        if (report.status === 'ok') report.status = 'partial';
        report.reason = [...src.reasons, ...(report.reason ? [report.reason] : [])].join('; ');
      }
      if (client.audit.exhausted && !stop) stopReason(t);
      return { report };
    } catch (e) {
      const err = classifyError(e);
      if (err instanceof RateLimitError) stop ??= { status: 'skipped', reason: err.message, remoteOnly: true };
      if (err instanceof AuthError) stop ??= { status: 'error', reason: describeError(err), remoteOnly: true };
      if (opts.signal?.aborted) return { report: errorReport(name, 'run interrupted while this repo was being fetched', 'skipped') };
      if (err instanceof BudgetError && budgetText) err.message = `time budget of ${budgetText} exhausted while this repo was being audited`;
      return { report: errorReport(name, describeError(err), err instanceof SkipError ? 'skipped' : 'error') };
    }
  };

  const remoteLimit = pLimit(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const localLimit = pLimit(Math.max(1, Math.min(opts.localConcurrency ?? DEFAULT_LOCAL_CONCURRENCY, opts.concurrency ?? Infinity)));
  const total = targets.length;
  let outcomes: Outcome[];
  try {
    outcomes = await Promise.all(
      targets.map((t) =>
        (t.kind === 'remote' ? remoteLimit : localLimit)(async () => {
          const o = await auditOne(t);
          done++;
          if ('report' in o) {
            if (o.report.status === 'error') failed++;
            if (o.report.status === 'skipped') skipped++;
          }
          opts.onProgress?.({
            repo: 'report' in o ? o.report.repo : display(t),
            done,
            total,
            status: 'report' in o ? o.report.status : 'skipped',
            ...('report' in o
              ? isAudited(o.report)
                ? { score: o.report.score, ...(o.report.reason ? { message: o.report.reason } : {}) }
                : { message: o.report.reason }
              : { message: `same repository as ${o.duplicateOf}` }),
            failed,
            skipped,
            requests: client?.audit.requests ?? 0,
            rateLimit: client ? lowestRateLimit(client) : null,
            elapsedMs: Date.now() - started,
          });
          return o;
        }),
      ),
    );
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onInterrupt);
  }

  // Inputs that turned out to name a repo already audited (renamed repos, different spellings) are noted on it.
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
  const t3 = performance.now();
  const report = buildReport(repos, now, runConfig);
  phases?.add('building the report', performance.now() - t3);
  return report;
}
