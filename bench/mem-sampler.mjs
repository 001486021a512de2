// Per-thread memory of a run, for finding where the memory goes (bench/README.md, "third session"). Preload it in
// the process to watch: `node --import ./bench/mem-sampler.mjs dist/cli/index.js ...`; Node runs it in every worker
// thread too. Every 50 ms each thread samples process.memoryUsage() (rss is the whole process; heapUsed, heapTotal
// and external are this thread's isolate) and V8's heap spaces; each thread writes its peaks, what it held when the
// process's RSS peaked, and a coarse series to $MEMSAMPLE_DIR (default: the temp dir) as mem-<pid>-<thread>.json.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { setInterval } from 'node:timers';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.MEMSAMPLE_DIR ?? tmpdir();
const keys = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'];
const peak = Object.fromEntries(keys.map((k) => [k, 0]));
const spaces = {};
const series = [];
let atPeakRss = null;
const t0 = Date.now();
const mb = (n) => Math.round(n / 1048576);

function sample() {
  const m = process.memoryUsage();
  for (const k of keys) peak[k] = Math.max(peak[k], m[k]);
  if (m.rss >= peak.rss) atPeakRss = { ms: Date.now() - t0, ...Object.fromEntries(keys.map((k) => [k, mb(m[k])])) };
  for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = Math.max(spaces[s.space_name] ?? 0, s.space_size);
  if (series.length < 4000) series.push([Date.now() - t0, ...keys.map((k) => mb(m[k]))]);
}

function write() {
  const out = {
    main: isMainThread,
    peakMb: Object.fromEntries(keys.map((k) => [k, mb(peak[k])])),
    atPeakRss,
    spacesMb: Object.fromEntries(Object.entries(spaces).map(([k, v]) => [k, mb(v)])),
    series: { columns: ['ms', ...keys], rows: series.filter((_, i) => i % 5 === 0) },
  };
  writeFileSync(join(dir, `mem-${process.pid}-${threadId}.json`), JSON.stringify(out));
}

setInterval(sample, 50).unref();
// Workers are ended without an exit event in their thread: write every second.
setInterval(write, 1000).unref();
process.on('exit', () => {
  sample();
  write();
});
