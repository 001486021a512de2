#!/usr/bin/env node
/**
 * Measures the test suite file by file: each test file runs alone (`vitest run <file>`) in a fresh, empty TMPDIR.
 * For each file it reports the wall time of the whole vitest process (start-up, import, hooks, tests), the processes
 * started (every successful execve, counted with `strace -f` when strace is installed; vitest's own start-up is
 * counted in a run with no test file and subtracted), and what the file left in its TMPDIR (entries and bytes).
 *
 *   node bench/test-files.mjs [--suite] [test files…]   (default: every test/**\/*.test.ts)
 *   --suite   also (or, with no files, only) the whole suite in one run, with the same TMPDIR and process counts
 *
 * Writes bench/out/test-files.json, with vitest's diagnostic of each file (bench/vitest-diagnostics.mjs: harness set-up,
 * import and test time) and the 40 slowest tests of each run. Timings are for reading, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, lstatSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(import.meta.dirname, '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);
const suite = args.includes('--suite');
let files = args.filter((a) => !a.startsWith('--'));
const haveStrace = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;

function listTests(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTests(p));
    else if (e.name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}
if (!files.length && !suite) files = listTests(join(root, 'test'));

function du(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  let n = 0;
  for (const e of readdirSync(p)) {
    try {
      n += du(join(p, e));
    } catch {
      /* vanished */
    }
  }
  return n;
}

/** CPU seconds (user + system) of the finished child processes this process waited for (Linux /proc), else null. */
function childCpu() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime (fields 16, 17) at the kernel's 100 Hz tick
  } catch {
    return null;
  }
}

/** One vitest run in a fresh TMPDIR: wall ms, CPU s, execs by program, leftovers, vitest's own test/pass/fail counts. */
function measure(testArgs) {
  const tmp = mkdtempSync(join(tmpdir(), 'mlpa-suite-bench-'));
  const work = join(tmp, 'TMP');
  mkdirSync(work);
  const trace = join(tmp, 'execve.log');
  const json = join(tmp, 'vitest.json');
  const diag = join(tmp, 'diagnostics.json');
  const fileCpu = join(tmp, 'file-cpu.jsonl');
  const reporter = join(root, 'bench', 'vitest-diagnostics.mjs');
  const cmd = [process.execPath, vitest, 'run', ...testArgs, '--reporter=json', `--outputFile=${json}`, `--reporter=${reporter}`];
  const argv = haveStrace ? ['strace', '-f', '--seccomp-bpf', '-qq', '-e', 'trace=execve', '-e', 'signal=none', '-o', trace, ...cmd] : cmd;
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: root,
    env: { ...process.env, TMPDIR: work, NO_COLOR: '1', FORCE_TTY: 'false', MLPA_DIAG_OUT: diag, MLPA_FILE_CPU_OUT: fileCpu },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const cpu1 = childCpu();
  const cpuS = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  const execs = {};
  let execTotal = 0;
  if (haveStrace && existsSync(trace)) {
    for (const line of readFileSync(trace, 'utf8').split('\n')) {
      const m = /^\d+\s+execve\("([^"]*)".*\) = 0$/.exec(line);
      if (!m) continue;
      const prog = basename(m[1]);
      execs[prog] = (execs[prog] ?? 0) + 1;
      execTotal++;
    }
  }
  const left = readdirSync(work);
  const leftBytes = left.reduce((n, e) => n + du(join(work, e)), 0);
  let tests = { total: 0, passed: 0, failed: 0, skipped: 0 };
  let perFile = [];
  let slowest = [];
  if (existsSync(json)) {
    const j = JSON.parse(readFileSync(json, 'utf8'));
    tests = { total: j.numTotalTests, passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
    perFile = j.testResults.map((f) => ({
      file: relative(root, f.name),
      ms: f.endTime - f.startTime,
      testsMs: f.assertionResults.reduce((n, a) => n + (a.duration ?? 0), 0),
    }));
    // The slowest tests (wall time, hooks not included): where a file's time goes.
    slowest = j.testResults
      .flatMap((f) => f.assertionResults.map((a) => ({ file: relative(root, f.name), test: a.fullName ?? a.title, ms: Math.round(a.duration ?? 0) })))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 40);
  }
  // vitest's own per-file diagnostic: harness set-up, import (collect) and test time, by project (shared or isolated).
  const diagnostics = existsSync(diag) ? JSON.parse(readFileSync(diag, 'utf8')) : [];
  // The CPU of each test file in its test worker (test/setup-file.ts: the worker's threads + the children it waited for).
  const cpuByFile = existsSync(fileCpu)
    ? readFileSync(fileCpu, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
        .map((c) => ({ ...c, file: relative(root, c.file), cpuMs: c.selfMs + c.childrenMs }))
        .sort((a, b) => b.cpuMs - a.cpuMs)
    : [];
  rmSync(tmp, { recursive: true, force: true });
  return { ms, cpuS, cpuByFile, diagnostics, status: r.status, execTotal, execs, left: left.length, leftNames: left.slice(0, 20), leftBytes, tests, perFile, slowest, stderrTail: r.status ? r.stderr.slice(-2000) : '' };
}

const log = (l) => process.stderr.write(`${l}\n`);
log(`machine: ${cpus().length} CPUs, Node ${process.version}, load ${loadavg()[0].toFixed(2)}, strace ${haveStrace ? 'yes' : 'no'}`);
const baseline = measure(['--passWithNoTests', 'test/__nothing__']);
log(`vitest with no test file: ${baseline.ms.toFixed(0)} ms, ${baseline.execTotal} execs`);
const results = [];
for (const f of files) {
  const m = measure([f]);
  const execs = Math.max(0, m.execTotal - baseline.execTotal);
  const top = Object.entries(m.execs).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([p, n]) => `${p} ${n}`).join(', ');
  log(`${f}: ${(m.ms / 1000).toFixed(1)} s (CPU ${m.cpuS?.toFixed(1)} s), ${execs} processes (${top}), left ${m.left} entries ${(m.leftBytes / 1e6).toFixed(1)} MB, tests ${m.tests.passed}/${m.tests.total}${m.status ? ` EXIT ${m.status}` : ''}`);
  results.push({ file: f, ...m, execs: undefined, execsByProgram: m.execs, processes: execs });
}
let whole;
if (suite) {
  whole = measure([]);
  log(`whole suite: ${(whole.ms / 1000).toFixed(1)} s (CPU ${whole.cpuS?.toFixed(1)} s, load ${loadavg()[0].toFixed(1)}), ${whole.execTotal} processes, left ${whole.left} entries ${(whole.leftBytes / 1e6).toFixed(1)} MB, tests ${whole.tests.passed}/${whole.tests.total} failed ${whole.tests.failed}`);
  for (const f of whole.diagnostics) for (const t of f.failed ?? []) log(`FAILED ${f.file} > ${t.name}\n${t.error}`);
  log('slowest tests (wall ms):');
  for (const t of whole.slowest.slice(0, 15)) log(`  ${String(t.ms).padStart(6)}  ${t.file} > ${t.test}`);
  const inFiles = whole.cpuByFile.reduce((n, c) => n + c.cpuMs, 0);
  log(`CPU by test file (its worker's threads + the processes it started; ${(inFiles / 1000).toFixed(1)} s in all, the rest is vitest, forks' start-up, global setup):`);
  for (const c of whole.cpuByFile.slice(0, 30)) log(`  ${(c.cpuMs / 1000).toFixed(1).padStart(6)} s  (self ${(c.selfMs / 1000).toFixed(1)}, children ${(c.childrenMs / 1000).toFixed(1)})  ${c.file}`);
}
const out = { date: new Date().toISOString(), cpus: cpus().length, node: process.version, load: loadavg(), baseline, files: results, suite: whole };
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(join(root, 'bench', 'out', 'test-files.json'), JSON.stringify(out, null, 2));
if (results.length) {
  const sum = results.reduce((a, r) => ({ ms: a.ms + r.ms, cpu: a.cpu + (r.cpuS ?? 0), p: a.p + r.processes, left: a.left + r.left, bytes: a.bytes + r.leftBytes }), { ms: 0, cpu: 0, p: 0, left: 0, bytes: 0 });
  log(`files alone: ${(sum.ms / 1000).toFixed(0)} s summed (CPU ${sum.cpu.toFixed(0)} s), ${sum.p} processes, left ${sum.left} entries ${(sum.bytes / 1e6).toFixed(0)} MB`);
}
