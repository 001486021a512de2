/**
 * Reports of the previous schema version read as the current one, so that shards written before an upgrade still
 * merge. schemaVersion 1 gave a repo that could not be audited ('skipped', 'error') placeholders: score 0, grade F,
 * empty categories, stages, rules and next actions, `files` 0, and its message twice (`reason` and `error`). Version 2
 * keeps what is true of such a repo: its name, address, commit, status, reason, notes and host metadata.
 */
import { SCHEMA_VERSION, type NotAuditedRepoReport, type Report } from './types.js';

/** The schema versions this tool reads: the current one and the one before it. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, SCHEMA_VERSION];

interface V1RepoEntry {
  repo: string;
  url?: string;
  commit: string | null;
  status: string;
  reason?: string;
  error?: string;
  notes?: NotAuditedRepoReport['notes'];
  metadata?: NotAuditedRepoReport['metadata'];
}

/** A v1 entry of a repo not audited, without its placeholders. */
function notAuditedOf(r: V1RepoEntry, status: NotAuditedRepoReport['status']): NotAuditedRepoReport {
  return {
    repo: r.repo,
    ...(r.url !== undefined ? { url: r.url } : {}),
    commit: r.commit,
    status,
    reason: r.reason ?? r.error ?? (status === 'error' ? 'could not be audited' : 'not audited'),
    notes: r.notes ?? [],
    ...(r.metadata !== undefined ? { metadata: r.metadata } : {}),
  };
}

/**
 * The report as the current version: a v1 report's not-audited entries lose their placeholders (audited entries are
 * unchanged: v2 changed nothing else). Any other version is returned as it is, for the caller to refuse. Does not
 * validate: parse first, validate the result against the current schema.
 */
export function upgradeReport<T extends { schemaVersion?: unknown; repos?: unknown }>(r: T): T | Report {
  if (r.schemaVersion !== 1 || !Array.isArray(r.repos)) return r;
  const repos = (r.repos as V1RepoEntry[]).map((e) =>
    e && typeof e === 'object' && (e.status === 'skipped' || e.status === 'error') ? notAuditedOf(e, e.status) : e,
  );
  return { ...r, schemaVersion: SCHEMA_VERSION, repos } as unknown as Report;
}
