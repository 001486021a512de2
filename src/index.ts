import { isAuditWorker, serveAudits } from './audit-worker.js';

// The bundle is also the audit watchdog's worker (see audit-pool.ts). The worker runs only the engine: the Action's
// modules (@actions/*, the GitHub client, the report renderers) are evaluated in the main thread alone. "eager": the
// bundler keeps them in this file (no separate chunk to ship) and runs them only when imported.
if (isAuditWorker()) serveAudits();
else {
  const { run } = await import(/* webpackMode: "eager" */ './action/run.js');
  await run();
}
