import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * What `npm pack` ships is what `npx ./ml-portfolio-audit-<v>.tgz` and `npx github:<owner>/ml-portfolio-audit` run:
 * the committed dist/ plus the files package.json's `files` lists. Packs this checkout into a temp folder, unpacks it
 * somewhere unrelated, and runs the packed CLI from an empty folder, so a file missing from `files` (rules/, the
 * bundle) fails here rather than on a user's machine. Uses the committed dist/ as it is; no build.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const noDist = !existsSync(CLI);

function packInto(dest: string): { file: string; files: string[] } {
  // --ignore-scripts: no prepack/prepare hook may rebuild dist/ behind the test's back.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = JSON.parse(out.slice(out.indexOf('[')))[0] as { filename: string; files: Array<{ path: string }> };
  return { file: join(dest, info.filename), files: info.files.map((f) => f.path) };
}

describe('the packed package (npm pack)', () => {
  const title = noDist
    ? 'skipped: dist/cli/index.js is missing in this checkout — run `npm run package` first (CI builds dist/ before `npm test`)'
    : 'holds the bundle, the rules and the schema, and its CLI runs from an empty folder';
  it.skipIf(noDist)(title, { timeout: 120_000 }, () => {
    const work = tmpDir('mlpa-pack-');
    const { file, files } = packInto(work);
    expect(file).toBe(join(work, `${pkg.name}-${pkg.version}.tgz`));
    for (const f of ['package.json', 'README.md', 'LICENSE', 'action.yml', 'dist/index.js', 'dist/cli/index.js', 'dist/worker/index.js', 'rules/sources.yml', 'schema/report.schema.json']) {
      expect(files, `the package holds ${f}`).toContain(f);
    }
    for (const bin of Object.values(pkg.bin as Record<string, string>)) expect(files).toContain(bin.replace(/^\.\//, ''));
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/'))).toBe(false);

    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', file, '-C', unpacked]);
    const cli = join(unpacked, 'package', pkg.bin['ml-portfolio-audit']);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);

    const empty = join(work, 'empty');
    mkdirSync(empty);
    const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: empty, encoding: 'utf8', env: { ...process.env, GITHUB_TOKEN: '' } });

    const v = run(['--version']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);

    const repo = join(work, 'tiny-repo');
    buildGitRepo(repo, [
      { date: '2025-03-01T10:00:00Z', message: 'Add data loading', files: { 'README.md': '# Tiny\n\nPredicts churn.\n', 'load.py': 'import pandas as pd\ndf = pd.read_csv("data.csv")\n' } },
      { date: '2025-03-08T10:00:00Z', message: 'Train a model', files: { 'train.py': 'from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X, y)\n' } },
    ]);
    const audit = run([repo, '--format', 'json', '-q']);
    expect(audit.status, audit.stderr).toBe(0);
    const report = JSON.parse(audit.stdout);
    expect(report.tool).toEqual({ name: pkg.name, version: pkg.version });
    expect(report.repos[0].status).toBe('ok');
    // The shipped rules were found next to the unpacked bundle.
    expect(report.repos[0].rules.length).toBeGreaterThan(20);
  });
});
