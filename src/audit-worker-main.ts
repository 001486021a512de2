/** The audit worker's entry when running from the TypeScript sources (tsx, tests); the bundle starts itself instead. */
import { serveAudits } from './audit-worker.js';

serveAudits();
