/**
 * Which test files cannot share a worker process with the others (vitest.config.ts: the 'shared' project runs with
 * `isolate: false`). test/release/test-projects.test.ts checks every test file against this list. The in-process
 * Action tests share workers too: @actions/core is the same fake in every file (test/setup-action-core.ts).
 */

/**
 * A fresh process per file: the file holds the engine to CPU-time budgets measured on the whole process (test/hostile:
 * linear-time patterns, 1 MB audits), or changes the process itself and cannot change it back. In a worker that had
 * run the other files first, the linear-patterns check ran for minutes instead of ~25 s (regex matching measured 4-10x
 * slower there; cause not found, see bench/README.md "Test suite"), so those budgets are measured in a process of their
 * own. The watchdog's budgets (test/hostile/watchdog.test.ts) are wall-clock limits of an audit thread, far above what
 * the audits need: that file shares a worker (a fresh process cost it ~1.5 s of CPU to start and import the engine).
 * A file that changes the working directory and changes it back in a `finally` shares a worker too
 * (test/sources/local.test.ts: a fresh process for its one `process.chdir` cost ~2 s of CPU); test/setup-file.ts fails
 * a file that leaves it changed.
 */
export const ISOLATED = [
  'test/hostile/hostile-audit.test.ts',
  'test/hostile/linear-patterns.test.ts',
];
