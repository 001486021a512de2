#!/usr/bin/env node
import { isAuditWorker, serveAudits } from './audit-worker.js';

// The bundle is also the audit watchdog's worker (see audit-pool.ts). The worker runs only the engine: the CLI's
// modules (arguments, the GitHub client, the report renderers: ~40 % of the bundle) are evaluated in the main thread
// alone. "eager": the bundler keeps them in this file (no separate chunk to ship) and runs them only when imported.
if (isAuditWorker()) serveAudits();
else {
  const { main, quietOnClosedPipe } = await import(/* webpackMode: "eager" */ './cli/main.js');
  quietOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
