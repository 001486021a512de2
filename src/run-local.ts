/**
 * The audit of one local folder: its file list first (the rules on files run while git log is still being read),
 * its own .ml-portfolio-audit.yml found beside it, then the audit of the snapshot (src/run-repo.ts).
 */
import { findRepoConfig, loadConfig } from './config/load.js';
import type { RepoReport } from './report/types.js';
import { auditLocalInWorker, auditSnapshot, type RepoAuditContext } from './run-repo.js';
import { localSnapshot } from './sources/local.js';

/** Audits the folder at `path`; throws when it cannot be read (the caller turns that into an error entry). */
export async function auditLocal(ctx: RepoAuditContext, path: string): Promise<RepoReport> {
  // The pool's worker lists and reads the folder itself: the main thread holds none of its files or history.
  if (ctx.pool.auditLocal) {
    const file = findRepoConfig(path);
    const resolved = await ctx.resolveConfig(file ? { file, load: async () => loadConfig(file, ctx.rules) } : null, false);
    return auditLocalInWorker(ctx, path, resolved);
  }
  const t1 = performance.now();
  const snapshot = await localSnapshot(path, { deferred: true });
  ctx.timer?.add('listing the files', performance.now() - t1);
  const file = findRepoConfig(path);
  const resolved = await ctx.resolveConfig(file ? { file, load: async () => loadConfig(file, ctx.rules) } : null, false);
  return auditSnapshot(ctx, snapshot, resolved);
}
