#!/usr/bin/env node
import { isAuditWorker, serveAudits } from './audit-worker.js';
import { main, quietOnClosedPipe } from './cli/main.js';

// The bundle is also the audit watchdog's worker (see audit-pool.ts).
if (isAuditWorker()) serveAudits();
else {
  quietOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
