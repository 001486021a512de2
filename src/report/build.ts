import { portfolioOf } from '../portfolio.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { SCHEMA_VERSION, type NotAuditedRepoReport, type Report, type RepoReport, type RunConfig } from './types.js';

/** A report entry for a repo that could not be audited: it keeps its place in the report with the reason. */
export function errorReport(repo: string, message: string, status: NotAuditedRepoReport['status'] = 'error'): NotAuditedRepoReport {
  return { repo, commit: null, status, reason: message, notes: [] };
}

export function buildReport(repos: RepoReport[], now: Date, config?: RunConfig): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    portfolio: portfolioOf(repos),
    repos,
    ...(config ? { config } : {}),
  };
}
