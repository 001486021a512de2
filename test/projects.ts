/**
 * Which test files cannot share a worker process with the others (vitest.config.ts: the 'shared' project runs with
 * `isolate: false`). test/release/test-projects.test.ts checks every test file against these lists.
 */

/** The Action's `run()` in process: each replaces @actions/core with the same fake (`vi.mock`), so they share a worker only with each other. */
export const ACTION_IN_PROCESS = [
  'test/action/artifact-upload.test.ts',
  'test/action/html-report.test.ts',
  'test/action/portfolio-mode.test.ts',
  'test/action/project-config.test.ts',
  'test/action/pull-request.test.ts',
];

/** A fresh process per file: the file changes the process itself (process.chdir). */
export const ISOLATED = ['test/sources/local.test.ts'];
