/**
 * What the CLI and the Action share for a run over many targets: the target list (given, or a user's repositories),
 * the shard of it this job audits, the GitHub client when a target is remote, and the report with the user's forks
 * listed (not scored as their work).
 */
import { describeError } from './errors.js';
import { errorReport } from './report/build.js';
import type { FailUnder, Report, RepoReport } from './report/types.js';
import { auditTargets, type ProgressEvent } from './run.js';
import { selectShard } from './shard.js';
import { createGithubClient, type GithubClient } from './sources/github-client.js';
import { GithubError, SkipError } from './sources/github-errors.js';
import { resolveTargets } from './sources/github-target.js';
import { listUserRepos } from './sources/github.js';
import { portfolioOf } from './portfolio.js';
import { checkToken, redactDeep, redactor } from './secrets.js';
import type { PhaseTimer } from './timings.js';

interface AuditRunOptions {
  /** Local paths and owner/name[@ref] (or GitHub URLs), mixed. */
  targets: string[];
  /** Also audit this GitHub user's (or organization's) public repositories. */
  user?: string;
  /** At most this many of the user's repositories, most recently pushed first. */
  maxRepos?: number;
  /** "i/n": audit only this shard of the target list (for a GitHub Actions matrix). */
  shard?: string;
  token?: string;
  apiUrl?: string;
  rulesDir?: string;
  /** The caller's config file (see RunOptions). */
  configFile?: string;
  /** Apply repositories' own config files to their configured score (see RunOptions.repoConfig). */
  repoConfig?: boolean;
  /** The caller's threshold, recorded in the report. */
  failUnder?: FailUnder;
  now?: Date;
  concurrency?: number;
  timeBudgetMs?: number;
  /** Each remote repo's own deadline (default 120 s; 0: none). */
  repoTimeoutMs?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Messages for the user (e.g. how many repos the user has); the CLI prints them on stderr, the Action logs them. */
  onInfo?: (message: string) => void;
  /** Receives the time spent per phase (see PhaseTimer). */
  timer?: PhaseTimer;
  /** Aborted when the run is interrupted: no new repo starts (see RunOptions.signal). */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_REPOS = 30;

/** True when a run needs the GitHub API. */
function needsGithub(opts: Pick<AuditRunOptions, 'targets' | 'user'>): boolean {
  return Boolean(opts.user) || resolveTargets(opts.targets).targets.some((t) => t.kind !== 'local');
}

/**
 * Runs the audit. Throws only for input errors that affect the whole run (a bad shard spec, broken rules or config),
 * and for a --user that cannot be listed (no token, an unknown user, no network) when there is nothing else to
 * audit; with other targets, that failure is an entry of its own and they are still audited. Everything about one
 * repository stays in that repository's entry.
 */
export async function runAudit(opts: AuditRunOptions): Promise<Report> {
  // A token with a line break inside would be quoted, up to the line break, by the error of every request.
  const token = checkToken(opts.token, 'the GitHub token');
  // Whatever happens below, no text that leaves here (report, progress, messages, errors) holds the token or a line of it.
  const redact = redactor(opts.token);
  try {
    const report = await runAuditWith({
      ...opts,
      token,
      onProgress: opts.onProgress && ((e) => opts.onProgress!(e.message === undefined ? e : { ...e, message: redact(e.message) })),
      onInfo: opts.onInfo && ((m) => opts.onInfo!(redact(m))),
    });
    return redactDeep(report, redact);
  } catch (e) {
    if (e instanceof Error) {
      for (const k of Object.keys(e) as Array<keyof Error>) if (typeof e[k] === 'string') (e as unknown as Record<string, string>)[k] = redact(e[k] as string);
      e.message = redact(e.message);
    }
    throw e;
  }
}

async function runAuditWith(opts: AuditRunOptions): Promise<Report> {
  let client: GithubClient | undefined;
  if (opts.token && needsGithub(opts)) client = createGithubClient({ token: opts.token, baseUrl: opts.apiUrl });
  let targets = [...opts.targets];
  // (The CLI turns "no targets" into the current folder; here an empty list stays empty.)
  const forks: Array<{ repo: string; parent: string | null }> = [];
  let userFailed: RepoReport | undefined;
  if (opts.user) {
    try {
      if (!client) throw new GithubError(`--user ${opts.user} needs a GitHub token`, 'Pass --token or set GITHUB_TOKEN (any token; no scopes needed for public repositories).');
      const listed = await listUserRepos(client, opts.user, { maxRepos: opts.maxRepos ?? DEFAULT_MAX_REPOS });
      opts.onInfo?.(
        `${listed.user}: ${listed.owned.length} of ${listed.totalOwned} owned public repositories` +
          (listed.truncated ? ` (most recently pushed first; raise max-repos for more)` : '') +
          `, ${listed.forks.length} fork${listed.forks.length === 1 ? '' : 's'} listed, not scored`,
      );
      targets.push(...listed.owned);
      forks.push(...listed.forks);
    } catch (e) {
      if (!targets.length) throw e;
      // The other targets do not depend on this list: they are audited, and the report says what went wrong.
      userFailed = errorReport(`${opts.user} (--user)`, describeError(e), e instanceof SkipError ? 'skipped' : 'error');
    }
  }
  if (opts.shard) {
    const all = targets.length;
    targets = selectShard(targets, opts.shard);
    const mine = new Set(selectShard(forks.map((f) => f.repo), opts.shard));
    forks.splice(0, forks.length, ...forks.filter((f) => mine.has(f.repo)));
    opts.onInfo?.(`shard ${opts.shard}: ${targets.length} of ${all} targets`);
  }
  const report = await auditTargets({
    targets,
    client,
    rulesDir: opts.rulesDir,
    configFile: opts.configFile,
    repoConfig: opts.repoConfig,
    failUnder: opts.failUnder,
    now: opts.now,
    concurrency: opts.concurrency,
    timeBudgetMs: opts.timeBudgetMs,
    repoTimeoutMs: opts.repoTimeoutMs,
    onProgress: opts.onProgress,
    timer: opts.timer,
    signal: opts.signal,
  });
  if (forks.length || userFailed) {
    if (userFailed) report.repos.unshift(userFailed);
    report.repos.push(
      ...forks.map((f) => ({
        ...errorReport(f.repo, `fork${f.parent ? ` of ${f.parent}` : ''}: listed, not scored as the user's own work`, 'skipped'),
        metadata: { fork: true, ...(f.parent ? { parent: f.parent } : {}) },
      })),
    );
    report.portfolio = portfolioOf(report.repos);
  }
  return report;
}
