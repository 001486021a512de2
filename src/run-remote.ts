/**
 * The fetch-and-audit of one GitHub repository: refused up front without a client or on another host than the API
 * in use; its snapshot read through the API (within the repo's own deadline and the run's budget, the client doing
 * the retries); a repository already audited under another name (a renamed repo) is an alias, not a second audit;
 * its own .ml-portfolio-audit.yml offered to the run's configs; a partial read makes a partial entry. Any failure
 * becomes a not-audited entry ('skipped' or 'error'), and a spent rate limit or a rejected token stops the run's
 * remote work (src/run-stop.ts).
 */
import { contentsPlanOf } from './audit.js';
import { CONFIG_FILE_NAME, parseConfig, type Config } from './config/load.js';
import { describeError } from './errors.js';
import { errorReport } from './report/build.js';
import type { RepoReport } from './report/types.js';
import type { OwnConfig } from './run-config.js';
import { auditSnapshot, type RepoAuditContext } from './run-repo.js';
import type { RunStop } from './run-stop.js';
import type { Outcome } from './run-target.js';
import type { RuleSet } from './rules/load.js';
import type { GithubClient } from './sources/github-client.js';
import { BudgetError, classifyError, GithubError, SkipError } from './sources/github-errors.js';
import { formatTarget, type ResolvedTarget } from './sources/github-target.js';
import { githubSnapshot, type GithubSnapshotOptions, type RemoteSnapshot } from './sources/github.js';

export type RemoteTarget = Extract<ResolvedTarget, { kind: 'remote' }>;

/** What the remote audits of a run share beyond the audit itself. */
export interface RemoteContext extends RepoAuditContext {
  client?: GithubClient;
  /** The API in use and the host its repositories are on (apiOf). */
  api: { base: string; host: string };
  stop: RunStop;
  /** Options of the GitHub source (history window, query sizes, limits). */
  snapshot?: Omit<GithubSnapshotOptions, 'signal'>;
  /** Each remote repo's own deadline (RunOptions.repoTimeoutMs). */
  repoTimeoutMs?: number;
  /** The repositories audited so far (snapshot id, lower case) and the input that named each first. */
  claimed: Map<string, string>;
  /**
   * Bounds the repos that hold their contents at once (fetched ahead, waiting for a worker, or being audited): each
   * repo's contents are fetched inside it, before a worker takes the repo, so the next repos' network waits overlap
   * the current repo's rules. Without it, the contents are fetched when the worker asks for them.
   */
  contentsHeld?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The API `client` reads (github.com: https://api.github.com) and the host its repositories are on ('' without a client). */
export function apiOf(client: GithubClient | undefined): RemoteContext['api'] {
  const base = client?.request.endpoint.DEFAULTS.baseUrl ?? '';
  return { base, host: base ? new URL(base).hostname.replace(/^api\./, '') : '' };
}

/** Fetches and audits `t`; never throws. */
export async function auditRemote(ctx: RemoteContext, t: RemoteTarget): Promise<Outcome> {
  const { client } = ctx;
  if (!client) {
    return { report: errorReport(formatTarget(t.target), 'a GitHub repository is read through the GitHub API, which needs a token: pass --token or set GITHUB_TOKEN (any token; no scopes are needed for public repositories)') };
  }
  if (t.target.host && t.target.host !== ctx.api.host) {
    const err = new GithubError(
      `the repository is on ${t.target.host}, but the GitHub API in use is ${ctx.api.base}`,
      `Pass --api-url https://${t.target.host}/api/v3 (GitHub Enterprise Server), or give owner/name.`,
    );
    return { report: errorReport(t.input, describeError(err)) };
  }
  try {
    return await fetchAndAudit(ctx, client, t);
  } catch (e) {
    return { report: failureEntry(ctx, formatTarget(t.target), e) };
  }
}

async function fetchAndAudit(ctx: RemoteContext, client: GithubClient, t: RemoteTarget): Promise<Outcome> {
  const t2 = performance.now();
  const snapshot = await githubSnapshot(client, t.target, {
    ...ctx.snapshot,
    ...(ctx.repoTimeoutMs !== undefined ? { timeoutMs: ctx.repoTimeoutMs } : {}),
    signal: ctx.stop.signal,
  });
  ctx.timer?.add('fetching from GitHub', performance.now() - t2);
  const key = snapshot.id.toLowerCase();
  const first = ctx.claimed.get(key);
  if (first !== undefined) return { duplicateOf: first, input: t.input };
  ctx.claimed.set(key, t.input);
  const resolved = await ctx.resolveConfig(ownConfig(snapshot, ctx.rules), true);
  const report = ctx.contentsHeld
    ? await ctx.contentsHeld(async () => auditSnapshot(ctx, snapshot, resolved, await fetchAhead(ctx, snapshot)))
    : await auditSnapshot(ctx, snapshot, resolved);
  if (snapshot.metadata.url) report.url = snapshot.metadata.url;
  const src = snapshot.source;
  if (src.status === 'partial') {
    if (report.status === 'ok') report.status = 'partial';
    report.reason = [...src.reasons, ...(report.reason ? [report.reason] : [])].join('; ');
  }
  ctx.stop.noteAudited(t);
  return { report };
}

/**
 * Fetches the files the repo's audit will prefetch before a worker takes the repo, and returns that plan
 * (contentsPlanOf: what the worker would make; it then does not make it again). Its errors are left to the audit: its
 * own prefetch meets the same ones (the source keeps a failed fetch) and the repo ends as it would have without this
 * step. A stopped run fetches nothing more.
 */
async function fetchAhead(ctx: RemoteContext, snapshot: RemoteSnapshot): Promise<string[] | undefined> {
  if (!snapshot.prefetch || snapshot.files.length === 0 || ctx.stop.signal.aborted || ctx.signal?.aborted) return undefined;
  const t0 = performance.now();
  const plan = contentsPlanOf(snapshot.files, ctx.rules);
  try {
    await snapshot.prefetch(plan);
  } catch {
    // met again, and reported, by the audit's own prefetch
  }
  ctx.timer?.add('fetching from GitHub', performance.now() - t0);
  return plan;
}

/** The repository's own config file, read only when the run may apply it. */
function ownConfig(snapshot: RemoteSnapshot, rules: RuleSet): OwnConfig {
  if (!snapshot.files.some((f) => f.path === CONFIG_FILE_NAME)) return null;
  const shownAs = `${snapshot.id}:${CONFIG_FILE_NAME}`;
  return {
    file: shownAs,
    load: async (): Promise<Config> => {
      const text = await snapshot.read(CONFIG_FILE_NAME);
      return text ? parseConfig(text.text, shownAs, rules) : { file: shownAs };
    },
  };
}

/** A failed fetch or audit as the repo's entry; a spent rate limit or a rejected token also stops the remote work. */
function failureEntry(ctx: RemoteContext, name: string, e: unknown): RepoReport {
  const err = classifyError(e);
  ctx.stop.noteFailure(err);
  if (ctx.stop.interrupted) return errorReport(name, 'run interrupted while this repo was being fetched', 'skipped');
  if (err instanceof BudgetError && ctx.stop.budgetText) err.message = `time budget of ${ctx.stop.budgetText} exhausted while this repo was being audited`;
  return errorReport(name, describeError(err), err instanceof SkipError ? 'skipped' : 'error');
}
