/**
 * One target of a run, from its input to its outcome: not started when the run has stopped (src/run-stop.ts), an
 * entry of its own for an input that is neither a folder nor a repository, else the audit of a local folder
 * (src/run-local.ts) or of a GitHub repository (src/run-remote.ts). Never throws: every fault is the target's entry.
 */
import { describeError } from './errors.js';
import { errorReport } from './report/build.js';
import type { RepoReport } from './report/types.js';
import { auditLocal } from './run-local.js';
import { auditRemote, type RemoteContext } from './run-remote.js';
import { formatTarget, type ResolvedTarget } from './sources/github-target.js';

/** A target's report, or the input it turned out to repeat (a repository already audited under another name). */
export type Outcome = { report: RepoReport } | { duplicateOf: string; input: string };

/** How a target is named in its entry and its progress line. */
export function displayName(t: ResolvedTarget): string {
  return t.kind === 'remote' ? formatTarget(t.target) : t.input;
}

export async function auditTarget(ctx: RemoteContext, t: ResolvedTarget): Promise<Outcome> {
  const halt = ctx.stop.reasonFor(t);
  if (halt) return { report: errorReport(displayName(t), halt.reason, halt.status) };
  if (t.kind === 'invalid') return { report: errorReport(t.input, describeError(t.error)) };
  if (t.kind === 'remote') return auditRemote(ctx, t);
  try {
    return { report: await auditLocal(ctx, t.path) };
  } catch (e) {
    return { report: errorReport(t.input, describeError(e)) };
  }
}
