import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { ISOLATED } from './test/projects.js';

/**
 * Two projects, so that most test files share a worker process (`isolate: false`): the worker starts, the sources
 * are imported and the audit workers (src/audit-pool.ts; threads that load the engine) are started once per
 * worker instead of once per file — that was about 1 s of CPU for each of the 80 files, more for files that audit.
 * - 'shared': every test file not named below. A file here must leave the process as it found it: restore
 *   process.env, timers, spies and the working directory; create temp folders with test/helpers/tmp.ts tmpDir()
 *   (test/setup-file.ts removes them after each file and fails a file that left the working directory changed); never
 *   vi.mock a module (the module cache is shared with the files before it). @actions/core is the fake of
 *   test/helpers/action/core.ts in every file (test/setup-action-core.ts): it records during an in-process run of the
 *   Action's `run()` and passes every other call to the real module.
 * - 'isolated': a fresh process per file, for a file that holds the engine to CPU-time budgets measured on the
 *   process (test/hostile: linear patterns, 1 MB audits) or changes the process and cannot change it back (a
 *   process.chdir changed back in a `finally` is fine: test/setup-file.ts checks it after every file).
 * The list is in test/projects.ts; test/release/test-projects.test.ts checks that no other file needs it.
 */
const common = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // A private TMPDIR for the run (removed at the end; the run fails if a test file leaves anything in it) and the
    // shared read-only fixtures: see test/global-setup.ts. Set here, in the root project, it runs once for both.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one worker less than the CPUs: one on a 2-CPU CI machine, where the files then run one after
    // the other although many wait on processes, servers and timers much of the time. At least two.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { test: { ...common, name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false, setupFiles: ['test/setup-file.ts', 'test/setup-action-core.ts'] } },
      { test: { ...common, name: 'isolated', include: ISOLATED, isolate: true, setupFiles: ['test/setup-file.ts'] } },
    ],
  },
});
