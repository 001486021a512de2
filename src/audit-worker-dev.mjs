// The audit worker started from the TypeScript sources (tsx, tests): TypeScript support for this thread, then the
// worker. The bundle never uses this file: it starts itself as the worker.
import { register } from 'tsx/esm/api';

register();
await import('./audit-worker-main.ts');
