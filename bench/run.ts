/**
 * `npm run bench`: every benchmark in one run, results printed as tables and written to bench/out/results.json.
 * Record the numbers in bench/README.md. Speed and memory are measured here, never asserted in tests.
 *   --quick   smaller large repos (20,000 files, 4,000 commits), no one-at-a-time GitHub baseline, and the portfolio
 *             bench with 4 and 16 repos, one run
 *   --cli F   the CLI bundle to measure (default dist/cli/index.js)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchGithub } from './github.js';
import { benchLocal } from './local.js';
import { benchPortfolio, type PortfolioSummary } from './portfolio.js';

const quick = process.argv.includes('--quick');
const cliArg = process.argv.includes('--cli') ? process.argv[process.argv.indexOf('--cli') + 1] : undefined;
const started = Date.now();
const log = (l: string): void => void process.stderr.write(`${l}\n`);

log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()[0].toFixed(2)}`);
const local = await benchLocal({ log, ...(quick ? { files: 20_000, commits: 4_000 } : {}), ...(cliArg ? { cliEntry: cliArg } : {}) });
const github = (await benchGithub({ log, skipBaseline: quick })) as Record<string, unknown>;
const portfolio = (await benchPortfolio({ log, ...(quick ? { counts: [4, 16], runs: 1 } : {}), ...(cliArg ? { clis: [cliArg] } : {}) })) as {
  summary?: PortfolioSummary[];
  marginal?: Array<{ cpuPerRepoMs: { min: number; max: number } | null }>;
  skipped?: string;
};

const out = { date: new Date().toISOString(), node: process.version, quick, local, github, portfolio, totalSeconds: (Date.now() - started) / 1000 };
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'out', 'results.json'), JSON.stringify(out, null, 2));

const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
console.log(`\n| measure | ${local.large.map((L) => `${L.shape} (${L.files} files, ${L.commits} commits)`).join(' | ')} | target |`);
console.log(`| --- | ${local.large.map(() => '---').join(' | ')} | --- |`);
const row = (name: string, cell: (L: (typeof local.large)[number]) => string, target = ''): void =>
  console.log(`| ${name} | ${local.large.map(cell).join(' | ')} | ${target} |`);
row('floor: git ls-files + git log', (L) => `${L.floor.totalMs.toFixed(0)} ms`);
row('local source (snapshot) vs floor', (L) => `${L.audit.bestMs.toFixed(0)} ms, ${L.ratio.toFixed(2)}× (${L.audit.peakRssMb.toFixed(0)} MB)`);
row(
  'whole audit (all rules, after start-up) vs floor',
  (L) => ('skipped' in L.fullAudit ? L.fullAudit.skipped : `${L.fullAudit.auditMs} ms, ${L.fullAudit.ratio.toFixed(1)}× ${met(L.goals.ratioMet)}`),
  '≤ 3×',
);
row('whole CLI process vs floor', (L) =>
  'skipped' in L.fullAudit ? '' : `${L.fullAudit.processMs.toFixed(0)} ms, ${L.fullAudit.processRatio.toFixed(1)}× (start-up ${L.fullAudit.startupMs} ms)`,
);
row('whole audit peak RSS', (L) => ('skipped' in L.fullAudit ? '' : `${L.fullAudit.peakRssMb} MB ${met(L.goals.rssMet)}`), '≤ 200 MB');
row("CPU: whole CLI run (Node + git) vs the floor's git", (L) =>
  'skipped' in L.fullAudit || L.fullAudit.cpu.totalMs === null || L.floor.cpuMs === null
    ? ''
    : `${L.fullAudit.cpu.totalMs.toFixed(0)} ms (Node ${L.fullAudit.cpu.nodeMs} ms) vs ${L.floor.cpuMs.toFixed(0)} ms`,
);
console.log(`\ntypical repo (300 files, 200 commits), CLI: ${'skipped' in local.typical ? local.typical.skipped : `${local.typical.cliMs.toFixed(0)} ms`}`);
console.log(`\nGitHub source:\n${JSON.stringify(github, null, 2)}`);
if (portfolio.summary) {
  console.log('\n| API portfolio (50 ms latency) | peak RSS | CPU per repo | wall time | requests per repo |\n| --- | --- | --- | --- | --- |');
  for (const s of portfolio.summary) {
    console.log(
      `| ${s.repos} repos | ${s.peakRssMb.min}–${s.peakRssMb.max} MB (≤ 300 MB ${met(s.peakRssMb.max <= 300)}) | ${s.cpuPerRepoMs.min}–${s.cpuPerRepoMs.max} ms | ` +
        `${(s.wallMs.min / 1000).toFixed(1)}–${(s.wallMs.max / 1000).toFixed(1)} s | ${s.requestsPerRepo} |`,
    );
  }
  const m = portfolio.marginal?.[0]?.cpuPerRepoMs;
  if (m) console.log(`marginal CPU per repo between the counts: ${m.min}–${m.max} ms`);
} else console.log(`\nAPI portfolio: ${portfolio.skipped}`);
console.log(`\nresults: bench/out/results.json (${out.totalSeconds.toFixed(0)} s)`);
