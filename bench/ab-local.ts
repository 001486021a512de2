/**
 * A/B of CLI bundles on the large bench repos: runs interleaved (floor, A, B, floor, A, B, ...) so a burst of other
 * work on the machine does not favour one side; prints each side's range of audit time (`--timings`), its ratio to
 * the best floor of the same repo, CPU time of the Node process and peak RSS.
 *
 * `npx tsx bench/ab-local.ts --cli A,B [--runs N] [--shapes mixed,python-ml]` (the repos must exist: run
 * `npx tsx bench/local.ts` once). Prints JSON.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RepoShape } from './gen-large-repo.js';
import { fullAuditInChild } from './local.js';

const args = process.argv.slice(2);
const val = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const clis = (val('--cli') ?? 'dist/cli/index.js').split(',').map((c) => resolve(c));
const runs = Number(val('--runs') ?? 5);
const shapes = (val('--shapes') ?? 'mixed,python-ml').split(',') as RepoShape[];
const dirOf = (shape: RepoShape): string =>
  join(tmpdir(), shape === 'mixed' ? 'mlpa-bench-large-v2-100000-20000' : `mlpa-bench-large-${shape}-v2-100000-20000`);

const floor = (dir: string): number => {
  const t0 = performance.now();
  spawnSync('git', ['ls-files', '-z'], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  const t1 = performance.now();
  spawnSync('git', ['log', '--format=%H%x00%an%x00%ae%x00%aI%x00%P%x00%s'], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  return t1 - t0 + (performance.now() - t1);
};

const out: Record<string, unknown> = {};
for (const shape of shapes) {
  const dir = dirOf(shape);
  if (!existsSync(join(dir, '.git', 'mlpa-bench-complete'))) throw new Error(`${dir}: not generated (run bench/local.ts first)`);
  const floors: number[] = [];
  const by = new Map<string, Array<{ auditMs: number; cpuMs: number; peakRssMb: number }>>(clis.map((c) => [c, []]));
  for (let r = 0; r < runs; r++) {
    floors.push(floor(dir));
    for (const cli of clis) {
      const f = await fullAuditInChild(dir, cli);
      by.get(cli)!.push({ auditMs: f.auditMs, cpuMs: f.cpuMs, peakRssMb: f.peakRssMb });
      process.stderr.write(`${shape} ${cli.split('/').slice(-3).join('/')}: audit ${f.auditMs} ms, CPU ${f.cpuMs} ms, ${f.peakRssMb} MB\n`);
    }
  }
  const best = Math.min(...floors);
  const range = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  out[shape] = {
    floorMs: { best: Math.round(best), runs: floors.map(Math.round) },
    sides: clis.map((cli) => {
      const rs = by.get(cli)!;
      const audits = rs.map((x) => x.auditMs);
      return {
        cli,
        auditMs: range(audits),
        ratio: `${(Math.min(...audits) / best).toFixed(1)}–${(Math.max(...audits) / best).toFixed(1)}`,
        cpuMs: range(rs.map((x) => x.cpuMs)),
        peakRssMb: range(rs.map((x) => x.peakRssMb)),
      };
    }),
  };
}
console.log(JSON.stringify(out, null, 2));
