import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { removeTmpDirs } from './helpers/tmp.js';

// Runs before every test file, also when files share a worker (vitest.config.ts `isolate: false`, where
// test/helpers/tmp.ts is imported once per worker): the temp folders a file created are removed after its tests.
afterAll(removeTmpDirs);

// A file may change the working directory only in a try whose finally changes it back (test/release/test-projects.test.ts
// checks the text); here the next files of the worker are protected whatever the text: a file that left the process
// elsewhere fails, and the directory is put back.
const cwd = process.cwd();
afterAll(() => {
  const now = process.cwd();
  if (now === cwd) return;
  process.chdir(cwd);
  throw new Error(`this test file left the working directory at ${now}: change it back in a finally`);
});

// MLPA_FILE_CPU_OUT=<file>: the CPU each test file cost, for bench/test-files.mjs (read there, never asserted). Files of
// one worker run one after the other, so the difference of the worker's own CPU (its threads: the audit pool) plus
// the CPU of the child processes it waited for (git, node, Chromium; /proc/self/stat cutime + cstime), from here (before
// the test file is imported) to after its last hook, is that file's. A fresh process's start (project `isolated`)
// and vitest's main process are not in it.
const cpuOut = process.env.MLPA_FILE_CPU_OUT;
if (cpuOut) {
  const children = (): number => {
    try {
      const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[13]) + Number(f[14])) * 10; // ms, at the kernel's 100 Hz tick
    } catch {
      return 0;
    }
  };
  const self0 = process.cpuUsage();
  const kids0 = children();
  const t0 = performance.now();
  // Registered after removeTmpDirs, so (hooks run as a stack) it runs before it: the removal is not counted.
  afterAll(() => {
    const self = process.cpuUsage(self0);
    const line = {
      file: expect.getState().testPath ?? '',
      pid: process.pid,
      selfMs: Math.round((self.user + self.system) / 1000),
      childrenMs: children() - kids0,
      wallMs: Math.round(performance.now() - t0),
    };
    appendFileSync(cpuOut, `${JSON.stringify(line)}\n`);
  });
}

// MLPA_TEST_CPU_OUT=<file>: the same, test by test (its hooks of `beforeEach`/`afterEach` level included, `beforeAll`
// not), to find which test of a file costs the CPU. For reading, never asserted.
const testCpuOut = process.env.MLPA_TEST_CPU_OUT;
if (testCpuOut) {
  const children = (): number => {
    try {
      const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[13]) + Number(f[14])) * 10;
    } catch {
      return 0;
    }
  };
  let start = { self: process.cpuUsage(), kids: 0, t: 0 };
  beforeEach(() => {
    start = { self: process.cpuUsage(), kids: children(), t: performance.now() };
  });
  afterEach((ctx) => {
    const self = process.cpuUsage(start.self);
    const line = {
      file: expect.getState().testPath ?? '',
      test: ctx.task.name,
      selfMs: Math.round((self.user + self.system) / 1000),
      childrenMs: children() - start.kids,
      wallMs: Math.round(performance.now() - start.t),
    };
    appendFileSync(testCpuOut, `${JSON.stringify(line)}\n`);
  });
}
