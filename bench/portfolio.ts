/**
 * API mode on real-sized repositories (issue #10): the loopback GitHub (test/helpers/fake-github, in its own process)
 * with 50 ms latency per request serves up to 64 repos shaped like real portfolio projects (bench/portfolio-repos.ts:
 * a few hundred files, notebooks of 1–5 MB with base64 PNG outputs, 50–300 commits). The bundled CLI audits them as a
 * user would (`owner/name` targets, `--api-url` the loopback server), in a fresh process per run, with `--timings`:
 *
 * - peak RSS of the auditing process (main thread and audit workers: one process), for 16 and for 64 repos, to show
 *   whether memory grows with the repo count (goal: ≤ 300 MB whatever the count);
 * - CPU time of the process per repo (all of Node's threads), and the marginal CPU per repo between the two counts
 *   (which leaves out start-up and loading the rules);
 * - wall time, requests per repo (counted by the server).
 *
 * Every run checks that all repos were audited (status ok). Several CLI bundles can be given: runs are interleaved
 * (A, B, A, B...) so a burst of other work on the machine does not favour one side.
 *
 * Standalone: `npx tsx bench/portfolio.ts [--counts 16,64] [--runs N] [--latency MS] [--cli FILE[,FILE...]]`
 * (prints the result as JSON). Default CLI: dist/cli/index.js.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoTarget, startServer, type ServerStats } from './github.js';

export interface BenchPortfolioOptions {
  /** Repo counts to audit, each in one CLI run; default 16 and 64. The server serves the largest. */
  counts?: number[];
  runs?: number;
  latencyMs?: number;
  /** CLI bundles to compare (interleaved); default dist/cli/index.js. */
  clis?: string[];
  log?: (line: string) => void;
}

interface PortfolioRun {
  cli: string;
  repos: number;
  /** The whole CLI process, start to exit. */
  wallMs: number;
  /** From `--timings`. */
  auditMs: number;
  startupMs: number;
  cpuMs: number;
  peakRssMb: number;
  cpuPerRepoMs: number;
  requestsPerRepo: number;
  ok: number;
}

export interface PortfolioSummary {
  cli: string;
  repos: number;
  runs: number;
  peakRssMb: { min: number; max: number };
  cpuPerRepoMs: { min: number; max: number };
  wallMs: { min: number; max: number };
  requestsPerRepo: number;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function auditOnce(cli: string, url: string, repos: number): Promise<Omit<PortfolioRun, 'requestsPerRepo'>> {
  const out = join(tmpdir(), `mlpa-bench-portfolio-${process.pid}.json`);
  const targets = Array.from({ length: repos }, (_, i) => repoTarget(i, 'portfolio'));
  const args = [cli, ...targets, '--api-url', url, '--token', 'bench', '--format', 'json', '--output', out, '--quiet', '--now', '2026-01-15', '--timings'];
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GITHUB_TOKEN: '' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', rej);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const line = stderr.split('\n').find((l) => l.startsWith('timings: '));
      if (!line || (code !== 0 && code !== 1)) return rej(new Error(`portfolio audit failed (${code}): ${stderr.trim().slice(0, 2000)}`));
      const t = JSON.parse(line.slice('timings: '.length)) as { auditMs: number; startupMs: number; cpuMs: number; peakRssMb: number };
      let ok = 0;
      try {
        const report = JSON.parse(readFileSync(out, 'utf8')) as { repos: Array<{ status: string; repo: string; reason?: string; error?: string }> };
        ok = report.repos.filter((r) => r.status === 'ok').length;
        const bad = report.repos.find((r) => r.status !== 'ok');
        if (bad) return rej(new Error(`${bad.repo}: ${bad.status} (${bad.reason ?? bad.error ?? ''})`));
      } finally {
        rmSync(out, { force: true });
      }
      res({ cli, repos, wallMs: Math.round(wallMs), auditMs: t.auditMs, startupMs: t.startupMs, cpuMs: t.cpuMs, peakRssMb: t.peakRssMb, cpuPerRepoMs: Math.round(t.cpuMs / repos), ok });
    });
  });
}

export async function benchPortfolio(opts: BenchPortfolioOptions = {}): Promise<object> {
  const log = opts.log ?? (() => {});
  const counts = opts.counts ?? [16, 64];
  const runs = Math.max(1, opts.runs ?? 3);
  const latencyMs = opts.latencyMs ?? 50;
  const clis = (opts.clis ?? ['dist/cli/index.js']).map((c) => resolve(ROOT, c));
  const missing = clis.find((c) => !existsSync(c));
  if (missing) return { skipped: `${missing} does not exist (build the CLI first)` };
  const loadBefore = loadavg()[0];
  const most = Math.max(...counts);
  log(`portfolio: generating and serving ${most} repos (${latencyMs} ms latency)...`);
  const t0 = performance.now();
  const server = await startServer(most, latencyMs, 'portfolio');
  log(`portfolio: server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const all: PortfolioRun[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      for (const repos of counts) {
        for (const cli of clis) {
          await fetch(`${server.url}/_bench/reset`, { method: 'POST' });
          const one = await auditOnce(cli, server.url, repos);
          const stats = (await (await fetch(`${server.url}/_bench/stats`)).json()) as ServerStats;
          if (stats.rejected) throw new Error(`the fake GitHub rejected ${stats.rejected} GraphQL queries`);
          const run = { ...one, requestsPerRepo: Math.round((100 * stats.requests.length) / repos) / 100 };
          all.push(run);
          log(
            `  ${clis.length > 1 ? `${cli.split('/').slice(-3).join('/')} ` : ''}${repos} repos: wall ${run.wallMs} ms, peak RSS ${run.peakRssMb} MB, ` +
              `CPU ${run.cpuMs} ms (${run.cpuPerRepoMs} ms per repo), ${run.requestsPerRepo} requests per repo`,
          );
        }
      }
    }
  } finally {
    server.stop();
  }
  const range = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const summary: PortfolioSummary[] = [];
  for (const cli of clis) {
    for (const repos of counts) {
      const rs = all.filter((x) => x.cli === cli && x.repos === repos);
      summary.push({
        cli,
        repos,
        runs: rs.length,
        peakRssMb: range(rs.map((x) => x.peakRssMb)),
        cpuPerRepoMs: range(rs.map((x) => x.cpuPerRepoMs)),
        wallMs: range(rs.map((x) => x.wallMs)),
        requestsPerRepo: rs[0].requestsPerRepo,
      });
    }
  }
  // CPU per repo between the smallest and the largest count, run by run: start-up and rules loading cancel out.
  const lo = Math.min(...counts);
  const marginal = clis.map((cli) => {
    const small = all.filter((x) => x.cli === cli && x.repos === lo);
    const large = all.filter((x) => x.cli === cli && x.repos === most);
    const per = large.map((l, k) => Math.round((l.cpuMs - (small[k] ?? small[0]).cpuMs) / (most - lo)));
    return { cli, repos: `${lo}→${most}`, cpuPerRepoMs: lo < most ? range(per) : null };
  });
  return {
    latencyMs,
    counts,
    cpus: availableParallelism(),
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    summary,
    marginal,
    goals: { rssMaxMb: 300 },
    runs: all,
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const val = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const result = await benchPortfolio({
    counts: val('--counts')?.split(',').map(Number),
    runs: val('--runs') ? Number(val('--runs')) : undefined,
    latencyMs: val('--latency') ? Number(val('--latency')) : undefined,
    clis: val('--cli')?.split(','),
    log: (l) => process.stderr.write(l + '\n'),
  });
  console.log(JSON.stringify(result, null, 2));
}
