/**
 * A cancelled workflow run: the runner sends SIGINT, then SIGTERM, then kills the step. On the first, the audit stops
 * (no new repo starts; audits under way are stopped and reported partial), so the comment, the summary and the report
 * still say what finished. One AbortSignal per process, aborted by the first signal.
 */
const controller = new AbortController();
let installed = false;

export function cancelSignal(): AbortSignal {
  if (!installed) {
    installed = true;
    const stop = (sig: NodeJS.Signals): void => controller.abort(new Error(`the workflow run was cancelled (${sig})`));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return controller.signal;
}
