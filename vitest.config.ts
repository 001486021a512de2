import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { ACTION_IN_PROCESS, ISOLATED } from './test/projects.js';

/**
 * Three projects, so that most test files share a worker process (`isolate: false`): the worker starts, the sources
 * are imported and the audit workers (src/audit-pool.ts; threads that load the engine) are started once per
 * worker instead of once per file — that was about 1 s of CPU for each of the 80 files, more for files that audit.
 * - 'shared': every test file not named below. A file here must leave the process as it found it: restore
 *   process.env, timers and spies; create temp folders with test/helpers/tmp.ts tmpDir() (test/setup-file.ts removes
 *   them after each file); never vi.mock a module (the module cache is shared with the files before it).
 * - 'action': the Action's `run()` in process. These files replace @actions/core with the same fake
 *   (test/helpers/action/core.ts, `vi.mock`), so they can share a worker with each other but with no other file.
 * - 'isolated': a fresh process per file, for a file that holds the engine to CPU-time budgets measured on the
 *   process (test/hostile: linear patterns, 1 MB audits) or changes the process and cannot change it back (a
 *   process.chdir changed back in a `finally` is fine: test/setup-file.ts checks it after every file).
 * The lists are in test/projects.ts; test/release/test-projects.test.ts checks that no other file needs them.
 */
const common = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  setupFiles: ['test/setup-file.ts'],
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // A private TMPDIR for the run (removed at the end; the run fails if a test file leaves anything in it) and the
    // shared read-only fixtures: see test/global-setup.ts. Set here, in the root project, it runs once for all three.
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default is one worker less than the CPUs: one on a 2-CPU CI machine, where the files then run one after
    // the other although many wait on processes, servers and timers much of the time. At least two.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { test: { ...common, name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ACTION_IN_PROCESS, ...ISOLATED], isolate: false } },
      { test: { ...common, name: 'action', include: ACTION_IN_PROCESS, isolate: false } },
      { test: { ...common, name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
