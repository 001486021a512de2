/**
 * Benchmark of the local source against the floor git itself sets.
 *
 * - Two large repos of the same size (100,000 files, 20,000 commits; generated once with git fast-import and cached
 *   under os.tmpdir()): `mixed` (Python, notebooks, Markdown, CSV) and `python-ml` (80 % small Python modules with
 *   ML imports, which the code rules read), see gen-large-repo.ts. For each, side by side:
 *   floor = wall time of `git ls-files -z` + wall time of `git log --format=...` (each best of 3, output piped and
 *   counted); audit = `localSnapshot(dir)` (best of 3), run in a separate Node process so its peak RSS
 *   (`process.resourceUsage().maxRSS`) is its own; the whole audit through the bundled CLI. Goals (issue #10): whole
 *   audit <= 3x the floor, peak RSS <= 200 MB.
 * - Typical repo (300 files, 200 commits): wall time of the whole CLI process, start to end. The command is a
 *   parameter; skipped when its entry file (default dist/cli/index.js) does not exist.
 *
 * Standalone: `npx tsx bench/local.ts [--runs N] [--files N] [--commits N] [--shapes mixed,python-ml] [--cli FILE]
 * [--regenerate]` (prints the result as JSON).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildGitRepo, spreadDates, type FixtureCommit } from '../src/fixtures/git-repo.js';
import { generateLargeRepo, SHAPES, type RepoShape } from './gen-large-repo.js';

export interface BenchLocalOptions {
  /** Large repo size; defaults 100,000 files and 20,000 commits. */
  files?: number;
  commits?: number;
  /** The large repos measured, side by side; default both shapes. */
  shapes?: RepoShape[];
  /** Where generated repos are cached; default os.tmpdir(). */
  cacheDir?: string;
  /** Regenerate even when a cached copy exists. */
  regenerate?: boolean;
  /** Runs for best-of; default 3. */
  runs?: number;
  /**
   * CLI command for the typical-repo run; `{dir}` is replaced by the repo path. Default
   * `node dist/cli/index.js {dir} --format json`. The run is skipped when `cliEntry` does not exist.
   */
  cliCommand?: string[];
  /** File whose absence skips the CLI run; default dist/cli/index.js (relative to the project root). */
  cliEntry?: string;
  log?: (line: string) => void;
}

export interface LargeResult {
  shape: RepoShape;
  files: number;
  commits: number;
  generatedMs: number | null;
  /** cpuMs: CPU time of the two git commands (null without /proc). */
  floor: { lsFilesMs: number; gitLogMs: number; totalMs: number; lsFilesBytes: number; gitLogBytes: number; cpuMs: number | null };
  audit: {
    /** localSnapshot + walking its file list and history, in-process, best of `runs`. */
    bestMs: number;
    runsMs: number[];
    /** Whole child process (Node start, tsx, snapshot x runs). */
    processMs: number;
    /** Peak RSS of the child over all runs (Node + tsx loader + snapshots). */
    peakRssMb: number;
    /** Peak RSS after the first run only, and before any (Node + tsx alone). */
    firstRunPeakRssMb: number;
    startRssMb: number;
    filesListed: number;
    commitsRead: number;
    commitsWithFilesChanged: number;
  };
  /** The local source against the floor. */
  ratio: number;
  /** Issue #10: the whole audit within 3x the floor and 200 MB. */
  goals: { ratioMax: number; rssMaxMb: number; ratioMet: boolean; rssMet: boolean };
  /**
   * The whole audit through the bundled CLI (`--timings`), best of `runs` fresh processes; skipped without
   * dist/cli/index.js. auditMs: everything after start-up (rules, listing, history, every probe, skills, report);
   * processMs: the whole process as the shell sees it. Ratios are against the floor.
   */
  fullAudit:
    | { skipped: string }
    | {
        auditMs: number;
        startupMs: number;
        outputMs: number;
        ratio: number;
        processMs: number;
        processRatio: number;
        peakRssMb: number;
        /** The best run's phases (`--timings`). */
        phasesMs: Record<string, number>;
        /**
         * CPU time of the best run: the Node process (all its threads: the main one, JIT compilers, GC helpers) and
         * all of it with the git processes it started (null without /proc). With `cpus` cores, wall time cannot go
         * below totalMs / cpus.
         */
        cpu: { nodeMs: number; totalMs: number | null };
        runs: FullRun[];
      };
}

export interface BenchLocalResult {
  /** One entry per shape, in the order measured. */
  large: LargeResult[];
  /** 1-minute load average before and after (other work on the machine skews the timings). */
  loadAverage: { before: number; after: number };
  cpus: number;
  typical: { skipped: string } | { files: number; commits: number; cliMs: number; exitCode: number | null; command: string[] };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GEN_VERSION = 2;

interface RunResult {
  code: number | null;
  ms: number;
  /** CPU time of the command and the processes it waited for (Linux; null where /proc/self/stat is missing). */
  cpuMs: number | null;
  bytes: number;
  stdout: string;
  stderr: string;
}

/** Clock ticks per second of the times in /proc (usually 100). */
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU time (user + system) of this process's children that have ended, with the descendants they waited for
 * (cutime + cstime of /proc/self/stat), in ms at the clock-tick resolution (10 ms); null without /proc.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3, "state"
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Runs a command; stdout is counted (and kept only when `keep`), like piping it to /dev/null. */
function run(cmd: string, args: string[], opts: { cwd?: string; keep?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const cpu0 = childrenCpuMs();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      if (opts.keep) out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      const cpu1 = childrenCpuMs();
      const cpuMs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
      res({ code, ms: performance.now() - t0, cpuMs, bytes, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

async function bestOf(n: number, f: () => Promise<RunResult>): Promise<RunResult> {
  let best: RunResult | null = null;
  for (let i = 0; i < n; i++) {
    const r = await f();
    if (r.code !== 0) throw new Error(`command failed (${r.code}): ${r.stderr.trim()}`);
    if (!best || r.ms < best.ms) best = r;
  }
  return best!;
}

/** Generates a large repo once; a marker file written last says the cached copy is complete. */
async function ensureLargeRepo(o: BenchLocalOptions, shape: RepoShape, files: number, commits: number): Promise<{ dir: string; ms: number | null }> {
  // The mixed repo keeps the name it had before there were shapes, so a cached copy is reused.
  const name = shape === 'mixed' ? `mlpa-bench-large-v${GEN_VERSION}-${files}-${commits}` : `mlpa-bench-large-${shape}-v${GEN_VERSION}-${files}-${commits}`;
  const dir = join(o.cacheDir ?? tmpdir(), name);
  const marker = join(dir, '.git', 'mlpa-bench-complete');
  if (!o.regenerate && existsSync(marker)) return { dir, ms: null };
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  await generateLargeRepo(dir, { files, commits, shape });
  writeFileSync(marker, new Date().toISOString());
  return { dir, ms: performance.now() - t0 };
}

/** The child: runs localSnapshot `runs` times, touches every file entry and commit, prints JSON. */
const CHILD_SCRIPT = `
import { localSnapshot } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/sources/local.ts')).href)};
const [dir, runsArg] = process.argv.slice(-2);
const runs = Number(runsArg);
const times = [];
const startRssKb = process.resourceUsage().maxRSS;
let firstRunRssKb = 0;
let s;
let sink = 0;
for (let i = 0; i < runs; i++) {
  s = null;
  const t0 = performance.now();
  s = await localSnapshot(dir);
  for (const f of s.files) sink += f.size + f.path.length;
  for (const c of s.history.commits) sink += (c.filesChanged ?? 0) + c.subject.length;
  times.push(performance.now() - t0);
  if (i === 0) firstRunRssKb = process.resourceUsage().maxRSS;
}
process.stdout.write(JSON.stringify({
  times,
  sink,
  files: s.files.length,
  commits: s.history.commits.length,
  withFilesChanged: s.history.commits.filter((c) => c.filesChanged !== null).length,
  maxRssKb: process.resourceUsage().maxRSS,
  startRssKb,
  firstRunRssKb,
}));
`;

async function auditInChild(dir: string, runs: number) {
  const script = join(tmpdir(), `mlpa-bench-child-${process.pid}.mts`);
  writeFileSync(script, CHILD_SCRIPT);
  try {
    const r = await run(process.execPath, ['--import', 'tsx', script, dir, String(runs)], { cwd: ROOT, keep: true });
    if (r.code !== 0) throw new Error(`benchmark child failed (${r.code}): ${r.stderr.trim()}`);
    const j = JSON.parse(r.stdout) as {
      times: number[];
      files: number;
      commits: number;
      withFilesChanged: number;
      maxRssKb: number;
      startRssKb: number;
      firstRunRssKb: number;
    };
    return { ...j, processMs: r.ms };
  } finally {
    rmSync(script, { force: true });
  }
}

interface FullRun {
  processMs: number;
  /** CPU time of the whole run: Node (all its threads) and the git processes it started. */
  processCpuMs: number | null;
  startupMs: number;
  auditMs: number;
  outputMs: number;
  /** CPU time of the Node process alone (`--timings`). */
  cpuMs: number;
  peakRssMb: number;
  phasesMs: Record<string, number>;
}

/**
 * The whole audit as a user runs it: the bundled CLI in its own process, with `--timings`, which reports on stderr
 * the time from the start of the process to the audit (Node start-up, loading the bundle, parsing argv), the audit
 * itself (rules loaded and checked, the repo listed, read and scored, the report built), the output, and peak RSS.
 */
export async function fullAuditInChild(
  dir: string,
  cli: string,
): Promise<FullRun> {
  const r = await run(process.execPath, [cli, dir, '--format', 'json', '--output', '/dev/null', '--quiet', '--now', '2026-01-01', '--timings'], { cwd: ROOT });
  const line = r.stderr.split('\n').find((l) => l.startsWith('timings: '));
  if (r.code !== 0 || !line) throw new Error(`full audit failed (${r.code}): ${r.stderr.trim()}`);
  const t = JSON.parse(line.slice('timings: '.length)) as Omit<FullRun, 'processMs' | 'processCpuMs'>;
  return { processMs: r.ms, processCpuMs: r.cpuMs, ...t };
}

/** A typical portfolio repo: 300 files, 200 commits (cached like the large one). */
function ensureTypicalRepo(o: BenchLocalOptions): { dir: string; files: number; commits: number } {
  const dir = join(o.cacheDir ?? tmpdir(), `mlpa-bench-typical-v${GEN_VERSION}`);
  const marker = join(dir, '.git', 'mlpa-bench-complete');
  const files = 300;
  const commits = 200;
  if (o.regenerate || !existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const dates = spreadDates('2024-09-01T10:00:00Z', 120, commits);
    const list: FixtureCommit[] = [];
    const all: Record<string, string> = {};
    for (let i = 0; i < files - 2; i++) {
      const p =
        i % 3 === 0 ? `src/model_${i}.py` : i % 3 === 1 ? `notebooks/nb_${i}.ipynb` : `data/part_${i}.csv`;
      all[p] = p.endsWith('.ipynb')
        ? JSON.stringify({ cells: [{ cell_type: 'code', source: [`print(${i})`] }], nbformat: 4, nbformat_minor: 5 })
        : p.endsWith('.py')
          ? `def f_${i}(x):\n    return x * ${i}\n`
          : `a,b\n${i},${i * 2}\n`;
    }
    const keys = Object.keys(all);
    const per = Math.ceil(keys.length / 20);
    for (let c = 0; c < commits; c++) {
      const changed: Record<string, string> = {};
      if (c < 20) for (const k of keys.slice(c * per, (c + 1) * per)) changed[k] = all[k];
      else changed[keys[(c * 7) % keys.length]] = `${all[keys[(c * 7) % keys.length]]}# rev ${c}\n`;
      if (c === 0) {
        changed['README.md'] = '# Typical project\n\nTrains a classifier.\n\n```bash\npip install -r requirements.txt\n```\n';
        changed['requirements.txt'] = 'numpy==1.26.4\nscikit-learn==1.5.0\n';
      }
      list.push({ date: dates[c], message: c < 20 ? `Add part ${c + 1}` : `Improve step ${c}`, files: changed });
    }
    buildGitRepo(dir, list);
    writeFileSync(marker, new Date().toISOString());
  }
  return { dir, files, commits };
}

export async function benchLocal(opts: BenchLocalOptions = {}): Promise<BenchLocalResult> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const runs = Math.max(1, opts.runs ?? 3);
  const loadBefore = loadavg()[0];
  const entry = resolve(ROOT, opts.cliEntry ?? 'dist/cli/index.js');
  const large: LargeResult[] = [];
  for (const shape of opts.shapes ?? SHAPES) large.push(await benchLarge(opts, shape, entry, log));

  let typical: BenchLocalResult['typical'];
  if (!existsSync(entry)) {
    typical = { skipped: `${entry} does not exist (build the CLI first)` };
    log(`typical repo: skipped, ${typical.skipped}`);
  } else {
    const t = ensureTypicalRepo(opts);
    const command = (opts.cliCommand ?? ['node', entry, '{dir}', '--format', 'json']).map((a) => a.replaceAll('{dir}', t.dir));
    let best: RunResult | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await run(command[0], command.slice(1), { cwd: ROOT });
      if (!best || r.ms < best.ms) best = r;
    }
    typical = { files: t.files, commits: t.commits, cliMs: best!.ms, exitCode: best!.code, command };
    log(`typical repo: CLI ${best!.ms.toFixed(0)} ms (exit ${best!.code})`);
  }

  return {
    large,
    typical,
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    cpus: availableParallelism(),
  };
}

/** One large repo: its floor, the local source and the whole audit, measured side by side. */
async function benchLarge(opts: BenchLocalOptions, shape: RepoShape, entry: string, log: (l: string) => void): Promise<LargeResult> {
  const files = opts.files ?? 100_000;
  const commits = opts.commits ?? 20_000;
  const runs = Math.max(1, opts.runs ?? 3);
  log(`large repo (${shape}): ${files} files, ${commits} commits`);
  const large = await ensureLargeRepo(opts, shape, files, commits);
  log(large.ms === null ? `  cached at ${large.dir}` : `  generated in ${(large.ms / 1000).toFixed(1)} s at ${large.dir}`);

  // Warm the page cache the same way for both sides. The floor is measured before and after the audit (best of
  // each), so a burst of other work on the machine does not favour one side.
  await run('git', ['ls-files', '-z'], { cwd: large.dir });
  await run('git', ['log', '--format=%H'], { cwd: large.dir });
  const floorLsFiles = () => bestOf(runs, () => run('git', ['ls-files', '-z'], { cwd: large.dir }));
  const floorLog = () =>
    bestOf(runs, () => run('git', ['log', '--format=%H%x00%an%x00%ae%x00%aI%x00%P%x00%s'], { cwd: large.dir }));
  const ls1 = await floorLsFiles();
  const log1 = await floorLog();
  const child = await auditInChild(large.dir, runs);
  const ls2 = await floorLsFiles();
  const log2 = await floorLog();
  const lsFiles = ls1.ms <= ls2.ms ? ls1 : ls2;
  const gitLog = log1.ms <= log2.ms ? log1 : log2;
  const floorMs = lsFiles.ms + gitLog.ms;
  log(`  floor: ls-files ${lsFiles.ms.toFixed(0)} ms + log ${gitLog.ms.toFixed(0)} ms = ${floorMs.toFixed(0)} ms`);
  const bestMs = Math.min(...child.times);
  const peakRssMb = child.maxRssKb / 1024;
  const ratio = bestMs / floorMs;
  log(
    `  localSnapshot: best ${bestMs.toFixed(0)} ms (runs ${child.times.map((t) => t.toFixed(0)).join(', ')}), ` +
      `ratio ${ratio.toFixed(2)}, peak RSS ${peakRssMb.toFixed(0)} MB ` +
      `(after the first run ${(child.firstRunRssKb / 1024).toFixed(0)} MB; Node + tsx alone ${(child.startRssKb / 1024).toFixed(0)} MB)`,
  );

  let fullAudit: LargeResult['fullAudit'];
  if (!existsSync(entry)) {
    fullAudit = { skipped: `${entry} does not exist (build the CLI first)` };
  } else {
    const fulls = [];
    for (let i = 0; i < runs; i++) fulls.push(await fullAuditInChild(large.dir, entry));
    const best = fulls.reduce((a, b) => (b.auditMs < a.auditMs ? b : a));
    const bestProcess = Math.min(...fulls.map((f) => f.processMs));
    const peak = Math.max(...fulls.map((f) => f.peakRssMb));
    fullAudit = {
      auditMs: best.auditMs,
      startupMs: best.startupMs,
      outputMs: best.outputMs,
      ratio: best.auditMs / floorMs,
      processMs: bestProcess,
      processRatio: bestProcess / floorMs,
      peakRssMb: peak,
      phasesMs: best.phasesMs,
      cpu: { nodeMs: best.cpuMs, totalMs: best.processCpuMs },
      runs: fulls,
    };
    log(
      `  whole audit (bundled CLI, all rules): audit ${best.auditMs} ms = ${(best.auditMs / floorMs).toFixed(1)}x the floor ` +
        `(runs ${fulls.map((f) => f.auditMs).join(', ')}); process ${bestProcess.toFixed(0)} ms = ${(bestProcess / floorMs).toFixed(1)}x ` +
        `(start-up ${best.startupMs} ms); peak RSS ${peak} MB`,
    );
    log(`    phases of the best run: ${Object.entries(best.phasesMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
    if (best.processCpuMs !== null) {
      log(
        `    CPU of the best run: ${best.processCpuMs.toFixed(0)} ms (Node ${best.cpuMs} ms with its JIT and GC threads, git ` +
          `${(best.processCpuMs - best.cpuMs).toFixed(0)} ms) in ${best.processMs.toFixed(0)} ms on ${availableParallelism()} cores; ` +
          `the floor's git commands: ${lsFiles.cpuMs !== null && gitLog.cpuMs !== null ? (lsFiles.cpuMs + gitLog.cpuMs).toFixed(0) : '?'} ms`,
      );
    }
  }

  return {
    shape,
    files,
    commits,
    generatedMs: large.ms,
    floor: {
      lsFilesMs: lsFiles.ms,
      gitLogMs: gitLog.ms,
      totalMs: floorMs,
      lsFilesBytes: lsFiles.bytes,
      cpuMs: lsFiles.cpuMs !== null && gitLog.cpuMs !== null ? lsFiles.cpuMs + gitLog.cpuMs : null,
      gitLogBytes: gitLog.bytes,
    },
    audit: {
      bestMs,
      runsMs: child.times,
      processMs: child.processMs,
      peakRssMb,
      firstRunPeakRssMb: child.firstRunRssKb / 1024,
      startRssMb: child.startRssKb / 1024,
      filesListed: child.files,
      commitsRead: child.commits,
      commitsWithFilesChanged: child.withFilesChanged,
    },
    ratio,
    goals: {
      ratioMax: 3,
      rssMaxMb: 200,
      ratioMet: 'skipped' in fullAudit ? false : fullAudit.ratio <= 3,
      rssMet: 'skipped' in fullAudit ? false : fullAudit.peakRssMb <= 200,
    },
    fullAudit,
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const num = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const result = await benchLocal({
    runs: num('--runs'),
    files: num('--files'),
    commits: num('--commits'),
    ...(args.includes('--shapes') ? { shapes: args[args.indexOf('--shapes') + 1].split(',') as RepoShape[] } : {}),
    ...(args.includes('--cli') ? { cliEntry: resolve(args[args.indexOf('--cli') + 1]) } : {}),
    regenerate: args.includes('--regenerate'),
  });
  console.log(JSON.stringify(result, null, 2));
}
