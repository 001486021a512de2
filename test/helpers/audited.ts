import { isAudited, type AuditedRepoReport, type RepoReport } from '../../src/report/types.js';

/**
 * The entry, which the test expects to have been audited (status ok or partial): its score, grade and rules. Throws,
 * naming the status and the reason, when the repo was not audited (or there is no entry).
 */
export function audited(r: RepoReport | undefined): AuditedRepoReport {
  if (!r) throw new Error('expected an audited repo, got no entry');
  if (!isAudited(r)) throw new Error(`expected ${r.repo} to be audited, got ${r.status}: ${r.reason}`);
  return r;
}
