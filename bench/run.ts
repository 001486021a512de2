/**
 * `npm run bench`: every benchmark in one run, results printed as a table and written to bench/out/results.json.
 * Record the numbers in bench/README.md. Speed and memory are measured here, never asserted in tests.
 *   --quick   smaller large repo (20,000 files, 4,000 commits) and no one-at-a-time GitHub baseline
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchGithub } from './github.js';
import { benchLocal } from './local.js';

const quick = process.argv.includes('--quick');
const started = Date.now();
const log = (l: string): void => void process.stderr.write(`${l}\n`);

log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()[0].toFixed(2)}`);
const local = await benchLocal({ log, ...(quick ? { files: 20_000, commits: 4_000 } : {}) });
const github = (await benchGithub({ log, skipBaseline: quick })) as Record<string, unknown>;

const out = { date: new Date().toISOString(), node: process.version, quick, local, github, totalSeconds: (Date.now() - started) / 1000 };
mkdirSync(join(import.meta.dirname, 'out'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'out', 'results.json'), JSON.stringify(out, null, 2));

const L = local.large;
const f = L.fullAudit;
const rows: Array<[string, string, string]> = [
  ['floor: git ls-files + git log', `${L.floor.totalMs.toFixed(0)} ms`, ''],
  ['local source (snapshot) vs floor', `${L.audit.bestMs.toFixed(0)} ms, ${L.ratio.toFixed(2)}×`, `≤ 2× ${L.goals.ratioMet ? 'met' : 'NOT met'}`],
  ['local source peak RSS', `${L.audit.peakRssMb.toFixed(0)} MB`, `≤ 200 MB ${L.goals.rssMet ? 'met' : 'NOT met'}`],
  ...('skipped' in f
    ? [['whole audit', f.skipped, ''] as [string, string, string]]
    : [
        ['whole audit (all rules, after start-up) vs floor', `${f.auditMs} ms, ${f.ratio.toFixed(1)}×`, `≤ 2× ${f.ratio <= 2 ? 'met' : 'NOT met'}`] as [string, string, string],
        ['whole CLI process vs floor', `${f.processMs.toFixed(0)} ms, ${f.processRatio.toFixed(1)}× (start-up ${f.startupMs} ms)`, ''] as [string, string, string],
        ['whole audit peak RSS', `${f.peakRssMb} MB`, `≤ 200 MB ${f.peakRssMb <= 200 ? 'met' : 'NOT met'}`] as [string, string, string],
        [
          'CPU time: whole CLI run (Node with its JIT/GC threads + git) vs the floor\'s git',
          f.cpu.totalMs === null || L.floor.cpuMs === null
            ? `Node ${f.cpu.nodeMs} ms (no /proc: git not measured)`
            : `${f.cpu.totalMs.toFixed(0)} ms (Node ${f.cpu.nodeMs} ms) vs ${L.floor.cpuMs.toFixed(0)} ms, on ${local.cpus} cores`,
          '',
        ] as [string, string, string],
      ]),
  ['typical repo (300 files, 200 commits), CLI', 'skipped' in local.typical ? local.typical.skipped : `${local.typical.cliMs.toFixed(0)} ms`, '< 1 s'],
];
console.log(`\n| measure (${L.files} files, ${L.commits} commits) | result | target |\n| --- | --- | --- |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nGitHub source:\n${JSON.stringify(github, null, 2)}`);
console.log(`\nresults: bench/out/results.json (${out.totalSeconds.toFixed(0)} s)`);
