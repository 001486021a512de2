import { portfolioOf } from '../portfolio.js';
import { CATEGORIES, STAGES } from '../types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { Report, RepoReport, RunConfig } from './types.js';

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

export function buildReport(repos: RepoReport[], now: Date, config?: RunConfig): Report {
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    portfolio: portfolioOf(repos),
    repos,
    ...(config ? { config } : {}),
  };
}
