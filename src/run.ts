import { auditSnapshot } from './audit.js';
import { applyConfig, findRepoConfig, loadConfig, type Config } from './config/load.js';
import { portfolioOf } from './portfolio.js';
import type { Report, RepoReport } from './report/types.js';
import { loadRules, type RuleSet } from './rules/load.js';
import { CATEGORIES, STAGES, type RepoSnapshot } from './types.js';
import { localSnapshot } from './sources/local.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface ProgressEvent {
  repo: string;
  done: number;
  total: number;
  status: RepoReport['status'];
  score?: number;
  message?: string;
}

export interface RunOptions {
  /** Local paths (and, with the GitHub source, owner/name). Default: ["."]. */
  targets: string[];
  /** Rules directory; default: the rules shipped with the tool. */
  rulesDir?: string;
  /** A config file for every target; when absent each local repo's own .ml-portfolio-audit.yml is used. */
  configFile?: string;
  now?: Date;
  onProgress?: (e: ProgressEvent) => void;
  /** Loads a snapshot for a target that is not a local path; undefined = local paths only. */
  remote?: (target: string) => Promise<RepoSnapshot> | null;
}

/** A report entry for a repo that could not be audited: it keeps its place in the report with the reason. */
export function errorReport(repo: string, message: string, status: RepoReport['status'] = 'error'): RepoReport {
  return {
    repo,
    commit: null,
    status,
    reason: message,
    score: 0,
    grade: 'F',
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, { score: 0, weight: 0 }])) as RepoReport['categories'],
    stages: Object.fromEntries(STAGES.map((s) => [s, { detected: false, evidence: [] }])) as unknown as RepoReport['stages'],
    rules: [],
    nextActions: [],
    files: 0,
    notes: [],
    ...(status === 'error' ? { error: message } : {}),
  };
}

/** Error text with its fix, when the error carries one. */
export function describeError(e: unknown): string {
  const err = e as Error & { hint?: string };
  return err.hint ? `${err.message} (${err.hint})` : (err?.message ?? String(e));
}

export function buildReport(repos: RepoReport[], now: Date): Report {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    portfolio: portfolioOf(repos),
    repos,
  };
}

/**
 * The engine's front door: audits every target, one failure never costing the others their results.
 * Throws only for problems that affect every target (broken rules, broken --config): those are input errors.
 */
export async function auditTargets(opts: RunOptions): Promise<Report> {
  const now = opts.now ?? new Date();
  const baseRules = loadRules(opts.rulesDir);
  const globalConfig: Config | undefined = opts.configFile ? loadConfig(opts.configFile) : undefined;
  const globalRules = applyConfig(baseRules, globalConfig);
  const targets = opts.targets.length ? opts.targets : ['.'];
  const repos: RepoReport[] = [];
  for (const target of targets) {
    let report: RepoReport;
    try {
      const { snapshot, dir } = await loadTarget(target, opts);
      let rules: RuleSet = globalRules;
      let exclude = globalConfig?.exclude ?? [];
      const own = !globalConfig && dir ? findRepoConfig(dir) : null;
      if (own) {
        const cfg = loadConfig(own);
        rules = applyConfig(baseRules, cfg);
        exclude = cfg.exclude ?? [];
      }
      report =
        snapshot.files.length === 0
          ? errorReport(snapshot.id, 'empty repository: no files to audit', 'skipped')
          : await auditSnapshot(snapshot, { rules, exclude, now });
    } catch (e) {
      report = errorReport(target, describeError(e));
    }
    repos.push(report);
    opts.onProgress?.({
      repo: report.repo,
      done: repos.length,
      total: targets.length,
      status: report.status,
      ...(report.status === 'error' ? { message: report.error } : { score: report.score }),
    });
  }
  return buildReport(repos, now);
}

/** A local path when it exists or does not look like owner/name; otherwise the remote source, if there is one. */
async function loadTarget(target: string, opts: RunOptions): Promise<{ snapshot: RepoSnapshot; dir?: string }> {
  const remote = opts.remote?.(target);
  if (remote) return { snapshot: await remote };
  return { snapshot: await localSnapshot(target), dir: target };
}
