import { run } from './action/run.js';
import { isAuditWorker, serveAudits } from './audit-worker.js';

// The bundle is also the audit watchdog's worker (see audit-pool.ts).
if (isAuditWorker()) serveAudits();
else await run();
