import { defineConfig } from 'vitest/config';

/**
 * Test files that need a fresh process of their own: they replace a module for the whole file (`vi.mock`, the fake
 * @actions/core of test/helpers/action/core.ts) or change the process itself (the working directory). Every other test
 * file shares its worker with the files before it (`isolate: false`): the worker starts and the sources are imported
 * once per worker instead of once per file, which was about 1 s of CPU for each of the ~80 files. A file in the shared
 * project must leave the process as it found it (restore process.env, timers and spies; remove its temp folders with
 * test/helpers/tmp.ts tmpDir(), which test/setup-file.ts cleans after each file).
 */
const ACTION_IN_PROCESS = [
  'test/action/artifact-upload.test.ts',
  'test/action/html-report.test.ts',
  'test/action/portfolio-mode.test.ts',
  'test/action/project-config.test.ts',
  'test/action/pull-request.test.ts',
];
const ISOLATED = ['test/sources/local.test.ts'];

const common = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  setupFiles: ['test/setup-file.ts'],
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    // A private TMPDIR for the run (removed at the end; the run fails if a test file leaves anything in it) and the
    // shared read-only fixtures: see test/global-setup.ts. It runs once, in the root project, for both projects.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { test: { ...common, name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ACTION_IN_PROCESS, ...ISOLATED], isolate: false } },
      { test: { ...common, name: 'action', include: ACTION_IN_PROCESS, isolate: false } },
      { test: { ...common, name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
