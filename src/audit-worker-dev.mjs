// The audit worker started from the TypeScript sources (tsx, tests): TypeScript support for this thread, then the
// worker. The bundle never uses this file: it starts itself as the worker.
//
// MLPA_AUDIT_WORKER_BUNDLE: the worker's code bundled once (the test run's global setup builds it with esbuild,
// test/helpers/worker-bundle.ts), run instead of the sources through tsx, which loads the whole engine again in
// every thread (about 1 s of CPU each). Only this file reads it: the shipped bundles start themselves.
import { pathToFileURL } from 'node:url';

const bundle = process.env.MLPA_AUDIT_WORKER_BUNDLE;
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./audit-worker-main.ts');
}
