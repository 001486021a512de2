import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SampleRepos } from '../../src/demo/samples.js';
import { sampleRepos } from '../helpers/shared.js';
import { buildGitRepo, writeTree } from '../../src/fixtures/git-repo.js';
import type { Report } from '../../src/report/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';
import { reportValidator } from '../helpers/report-schema.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

const validateReport = reportValidator();

let dir: string;
let repos: SampleRepos;
beforeAll(() => {
  dir = tmpDir('mlpa-cli-');
  repos = sampleRepos();
});

describe('CLI', () => {
  it('prints help and version with exit 0', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-under');
    expect(help.stdout).toContain('Exit codes');
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('every option in --help is documented in the README', async () => {
    const help = (await cli(['--help'])).stdout + (await cli(['merge', '--help'])).stdout;
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const options = [...new Set([...help.matchAll(/--[a-z][a-z-]+/g)].map((m) => m[0]))].filter((o) => o !== '--help' && o !== '--version');
    expect(options.length).toBeGreaterThan(10);
    for (const o of options) expect(new RegExp(`${o}(?![a-z-])`).test(readme), `README documents ${o}`).toBe(true);
  });

  it('--timings adds one JSON line on stderr with where the time went, and changes nothing else', async () => {
    const plain = await cli([repos.strong, '--format', 'json', '--quiet', '--now', '2026-01-01']);
    const timed = await cli([repos.strong, '--format', 'json', '--quiet', '--now', '2026-01-01', '--timings']);
    expect(timed.code).toBe(plain.code);
    expect(timed.stdout).toBe(plain.stdout);
    const line = timed.stderr.trim().split('\n').find((l) => l.startsWith('timings: '));
    const { phasesMs, ...t } = JSON.parse(line!.slice('timings: '.length)) as Record<string, number> & { phasesMs: Record<string, number> };
    expect(Object.keys(t)).toEqual(['startupMs', 'auditMs', 'outputMs', 'cpuMs', 'peakRssMb']);
    expect(t.cpuMs).toBeGreaterThan(0);
    for (const v of [...Object.values(t), ...Object.values(phasesMs)]) expect(Number.isInteger(v) && v >= 0).toBe(true);
    expect(t.auditMs).toBeGreaterThan(0);
    expect(t.peakRssMb).toBeGreaterThan(10);
    // One local repo: the phases happen one after another, within the audit.
    expect(Object.keys(phasesMs)).toEqual(expect.arrayContaining(['loading the rules', 'listing the files', 'rules on files', 'rules on history', 'skills', 'building the report']));
    const sum = Object.values(phasesMs).reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(t.auditMs + Object.keys(phasesMs).length); // rounding
  });

  it('rejects a bad option value with exit 2 and names the allowed values', async () => {
    const r = await cli(['--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are text, markdown, json/);
    const f = await cli(['--fail-under', 'abc']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('expected a number from 0 to 100');
  });

  it('writes JSON that validates against the published schema', async () => {
    const r = await cli([repos.strong, repos.notebook, '--format', 'json', '--now', '2025-12-01']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.repos.map((x) => x.repo)).toEqual([repos.strong, repos.notebook]);
    expect(r.stderr).toContain('[2/2]');
  });

  it('keeps auditing the other repos when one path is missing or a file, and exits 2', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    const r = await cli([join(dir, 'nope'), file, repos.notebook, '--format', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.repos.map((x) => x.status)).toEqual(['error', 'error', 'ok']);
    expect(report.repos[0].reason).toMatch(/does not exist/);
    expect(report.repos[1].reason).toMatch(/not a directory/);
    expect(audited(report.repos[2]).score).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/nope: .*does not exist/);
  });

  it('audits an empty repo and a repo without README without failing', async () => {
    const empty = join(dir, 'empty');
    buildGitRepo(empty, []);
    const noReadme = join(dir, 'no-readme');
    buildGitRepo(noReadme, [{ date: '2025-01-01T00:00:00Z', message: 'Add training script', files: { 'train.py': 'model.fit(X, y)\n' } }]);
    const r = await cli([empty, noReadme, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => x.status)).toEqual(['skipped', 'ok']);
    expect(report.repos[0].reason).toMatch(/empty repository/);
    const readmeRule = audited(report.repos[1]).rules.find((x) => x.category === 'readme' && /exists/.test(x.id));
    expect(readmeRule?.score).toBe(0);
  });

  it('a project with nothing committed yet: its files are audited, its empty history counts, and committing never lowers the score', async () => {
    const files = { 'README.md': '# Churn\n\nPredicts churn from billing data.\n', 'train.py': 'import pandas as pd\ndf = pd.read_csv("data.csv")\nmodel.fit(X, y)\n' };
    const onDisk = join(dir, 'not-added');
    buildGitRepo(onDisk, []);
    writeTree(onDisk, files);
    const added = join(dir, 'added');
    buildGitRepo(added, []);
    writeTree(added, files);
    spawnSync('git', ['add', '-A'], { cwd: added });
    const committed = join(dir, 'committed');
    buildGitRepo(committed, [{ date: '2025-01-01T00:00:00Z', message: 'Add training script', files }]);
    const r = await cli([onDisk, added, committed, '--format', 'json', '--now', '2025-02-01']);
    expect(r.code, r.stderr).toBe(0);
    const [a, b, c] = (JSON.parse(r.stdout) as Report).repos.map(audited);
    for (const x of [a, b]) {
      expect(x.status).toBe('ok');
      expect(x.files).toBe(2);
      const history = x.rules.filter((y) => y.category === 'history');
      expect(history.every((y) => y.measurable && y.score === 0)).toBe(true);
      expect(history[0].note).toMatch(/nothing is committed yet: commit the work/);
      expect(x.score).toBeLessThanOrEqual(c.score);
    }
    expect(a.notes).toContainEqual({ kind: 'info', message: 'nothing is tracked yet: the files on disk were audited; git add and git commit them' });
  });

  it("a repo's own config: the report says what it changed, and which exclude glob left out nothing", async () => {
    const tuned = join(dir, 'tuned');
    buildGitRepo(tuned, [
      {
        date: '2025-01-01T00:00:00Z',
        message: 'Add training script and vendored helper',
        files: {
          'train.py': 'model.fit(X, y)\n',
          'vendor/helper.py': 'x = 1\n',
          '.ml-portfolio-audit.yml': 'rules:\n  history-recency:\n    enabled: false\nexclude: ["vendor", "vendor/**"]\n',
        },
      },
    ]);
    const r = await cli([tuned, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = audited((JSON.parse(r.stdout) as Report).repos[0]);
    // The standard audit keeps every rule; the configured score lists what the config changed.
    expect(report.rules.some((x) => x.id === 'history-recency')).toBe(true);
    const cfg = join(tuned, '.ml-portfolio-audit.yml');
    expect(report.configured).toMatchObject({
      source: cfg,
      by: 'repo',
      changes: [
        { change: 'disabled', rule: 'history-recency' },
        { change: 'exclude', glob: 'vendor', files: 0 },
        { change: 'exclude', glob: 'vendor/**', files: 1 },
      ],
      summary: '1 rule turned off; 2 exclude globs (1 file left out)',
    });
    expect(report.notes).toContainEqual({ kind: 'info', message: expect.stringMatching(/exclude "vendor" leaves out no file \(a folder is written "vendor\/\*\*"/) });
    expect(report.notes.filter((n) => n.message.includes('"vendor/**" leaves out'))).toEqual([]);
    // The text report shows them.
    const text = await cli([tuned]);
    expect(text.stdout).toContain("under the repo's own .ml-portfolio-audit.yml");
    expect(text.stdout).toContain('configured: 1 rule turned off; 2 exclude globs (1 file left out): history-recency turned off');
    expect(text.stdout).toContain('note: config');
  });

  it("a repo whose own config has a brace bomb in exclude is an input error naming the file and glob; the other repo is audited", async () => {
    const bomb = join(dir, 'brace-bomb');
    const line = `exclude: ["${'{a,b}'.repeat(24)}/**"]\n`;
    buildGitRepo(bomb, [{ date: '2025-01-01T00:00:00Z', message: 'Add training script', files: { 'train.py': 'model.fit(X, y)\n', '.ml-portfolio-audit.yml': line } }]);
    const t = performance.now();
    const r = await cli([bomb, repos.notebook, '--format', 'json']);
    expect(performance.now() - t).toBeLessThan(30_000);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos).toHaveLength(2);
    expect(report.repos[0].reason).toMatch(/\.ml-portfolio-audit\.yml: exclude\.0: "\{a,b\}\{a,b\}.*" has braces that expand to more than 1000 globs/);
    expect(report.repos.map((x) => x.status)).toEqual(['error', 'ok']);
    expect(audited(report.repos[1]).rules.length).toBeGreaterThan(0);
  });

  it('exits 1 below --fail-under and names the repo', async () => {
    const r = await cli([repos.tutorial, '--fail-under', '60', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scores [\d.]+, below --fail-under 60/);
  });

  it("honours fail-under from --config or the repo's own config when --fail-under is not given", async () => {
    const own = join(dir, 'strict-config');
    buildGitRepo(own, [{ date: '2025-01-01T00:00:00Z', message: 'Add training script', files: { 'train.py': 'model.fit(X, y)\n', '.ml-portfolio-audit.yml': 'fail-under: 90\n' } }]);
    const r = await cli([own, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/below fail-under in .*\.ml-portfolio-audit\.yml 90/);
    const cfg = join(dir, 'lenient.yml');
    writeFileSync(cfg, 'fail-under: 1\n');
    expect((await cli([own, '--quiet', '--config', cfg])).code).toBe(0);
    expect((await cli([own, '--quiet', '--fail-under', '0'])).code).toBe(0);
  });

  it('reports a broken --config as an input error naming the field', async () => {
    const cfg = join(dir, 'bad-config.yml');
    writeFileSync(cfg, 'rules:\n  no-such-rule: {weight: 3}\n');
    const r = await cli([repos.notebook, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.no-such-rule: no such rule');
  });

  // A script that trains on data it defines (a call on names never defined is not training evidence).
  const TRAIN_SCRIPT = 'import pandas as pd\ndf = pd.read_csv("data.csv")\nX, y = df.drop(columns="y"), df.y\nmodel.fit(X, y)\n';
  it("a repo's own exclude globs change its configured score only: excluded files still count in the standard one", async () => {
    const own = join(dir, 'own-config');
    buildGitRepo(own, [
      { date: '2025-01-01T00:00:00Z', message: 'Add training script', files: { 'train.py': TRAIN_SCRIPT, '.ml-portfolio-audit.yml': 'exclude: ["train.py"]\n' } },
    ]);
    const r = await cli([own, '--format', 'json']);
    const rep = audited((JSON.parse(r.stdout) as Report).repos[0]);
    expect(rep.stages.training.detected).toBe(true);
    expect(rep.configured?.changes).toEqual([{ change: 'exclude', glob: 'train.py', files: 1 }]);
    expect(rep.configured!.score).toBeLessThan(rep.score);
    // --no-repo-config: not applied at all.
    const off = audited((JSON.parse((await cli([own, '--format', 'json', '--no-repo-config'])).stdout) as Report).repos[0]);
    expect(off.configured).toBeUndefined();
    expect(off.score).toBe(rep.score);
    expect(off.config?.ignored?.reason).toMatch(/turned off/);
  });

  it('writes the report to --output', async () => {
    const out = join(dir, 'report.md');
    const r = await cli([repos.strong, '--format', 'markdown', '--output', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('## ML portfolio audit');
  });

  it('--output into a folder that does not exist yet makes it; one that cannot be written loses nothing', async () => {
    const nested = join(dir, 'reports', 'today', 'report.json');
    const r = await cli([repos.notebook, '--format', 'json', '--output', nested]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(nested, 'utf8')) as Report).repos).toHaveLength(1);
    // A file where a folder should be: the error says so, and the report comes out on stdout instead.
    writeFileSync(join(dir, 'a-file'), 'x');
    const blocked = join(dir, 'a-file', 'x.json');
    const bad = await cli([repos.notebook, '--format', 'json', '--output', blocked]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot write .*x\.json \((ENOTDIR|EEXIST)\); the report follows on stdout/);
    expect((JSON.parse(bad.stdout) as Report).repos[0].repo).toBe(repos.notebook);
  });

  it('runs as the bundled binary (dist/cli/index.js)', () => {
    const bin = join(import.meta.dirname, '../../dist/cli/index.js');
    expect(existsSync(bin), 'dist/cli/index.js is missing: run `npm run package` first').toBe(true);
    const r = spawnSync(process.execPath, [bin, repos.notebook, '--format', 'json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Report).repos[0].repo).toBe(repos.notebook);
  });
});
