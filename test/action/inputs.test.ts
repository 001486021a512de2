import { mkdirSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envInputReader, InputError, readInputs } from '../../src/action/inputs.js';
import { tmpDir } from '../helpers/tmp.js';

const ws = tmpDir('mlpa-inputs-');
mkdirSync(join(ws, 'projects', 'cv'), { recursive: true });
writeFileSync(join(ws, 'audit.yml'), 'exclude: []\n');
writeFileSync(join(ws, 'file.txt'), 'x');
const ctx = { workspace: ws, tempDir: join(ws, 'tmp') };

/** Inputs as the runner passes them: INPUT_<NAME> variables. */
const read = (inputs: Record<string, string>) =>
  envInputReader(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])));

const failure = (inputs: Record<string, string>): InputError => {
  try {
    readInputs(read(inputs), ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
};

describe('action inputs', () => {
  it('defaults: the workspace, comment auto, no threshold, base comparison on, report under RUNNER_TEMP', () => {
    const i = readInputs(read({}), ctx);
    expect(i).toEqual({
      path: ws,
      token: '',
      comment: 'auto',
      compareBase: true,
      topFixes: 3,
      reportFile: join(ws, 'tmp', 'ml-portfolio-audit', 'report.json'),
      badgeFile: join(ws, 'tmp', 'ml-portfolio-audit', 'badge.svg'),
      htmlFile: join(ws, 'tmp', 'ml-portfolio-audit', 'report.html'),
      repos: [],
      maxRepos: 30,
    });
  });

  it('badge-file and sarif-file: relative to the workspace; the badge goes next to a custom report by default', () => {
    expect(readInputs(read({ 'report-file': 'out/audit.json' }), ctx)).toMatchObject({ badgeFile: join(ws, 'out', 'badge.svg') });
    const i = readInputs(read({ 'badge-file': 'docs/badge.svg', 'sarif-file': 'ml-audit.sarif' }), ctx);
    expect(i).toMatchObject({ badgeFile: join(ws, 'docs', 'badge.svg'), sarifFile: join(ws, 'ml-audit.sarif') });
  });

  it('the HTML report goes next to the JSON report, never in its place', () => {
    expect(readInputs(read({ 'report-file': 'out/audit.json' }), ctx)).toMatchObject({ htmlFile: join(ws, 'out', 'report.html') });
    expect(readInputs(read({ 'report-file': 'out/report.html' }), ctx)).toMatchObject({ htmlFile: join(ws, 'out', 'ml-portfolio-audit.html') });
  });

  it('html-artifact: the name (empty: no upload), a sub-folder project’s folder appended outside portfolio mode; retention days', () => {
    expect(readInputs(read({}), ctx).htmlArtifact).toBeUndefined();
    expect(readInputs(read({ 'html-artifact': 'ml-portfolio-audit-report' }), ctx).htmlArtifact).toEqual({ name: 'ml-portfolio-audit-report' });
    expect(readInputs(read({ 'html-artifact': 'cv', path: 'projects/cv', 'html-artifact-retention-days': '30' }), ctx).htmlArtifact).toEqual({
      name: 'cv-projects-cv',
      retentionDays: 30,
    });
    // A project outside the workspace: its folder's name only.
    expect(readInputs(read({ 'html-artifact': 'cv', path: join(ws, 'projects') }), { ...ctx, workspace: join(ws, 'projects', 'cv') }).htmlArtifact?.name).toBe('cv-projects');
    // Portfolio and merge mode audit no folder: the name as given.
    expect(readInputs(read({ 'html-artifact': 'cv', path: 'projects/cv', repos: 'ada/a' }), ctx).htmlArtifact).toEqual({ name: 'cv' });
    expect(readInputs(read({ 'html-artifact': '', 'html-artifact-retention-days': '30' }), ctx).htmlArtifact).toBeUndefined();
    expect(failure({ 'html-artifact': 'reports/cv' }).message).toMatch(/^Input "html-artifact": "reports\/cv" contains a slash; an artifact name cannot contain " : < > \| \* \? \\ \/ or a line break/);
    expect(failure({ 'html-artifact': 'a:b' }).input).toBe('html-artifact');
    for (const days of ['0', '401', '7.5', 'week']) {
      expect(failure({ 'html-artifact': 'cv', 'html-artifact-retention-days': days }).message).toMatch(/^Input "html-artifact-retention-days": expected a whole number of days from 1 to 400/);
    }
  });

  it('portfolio inputs: repos list, user, max-repos, shard, merge, api-url — each validated by name', () => {
    const i = readInputs(read({ repos: 'ada/a\n# comment\nada/b, ada/c@v2', user: '@ada', 'max-repos': '12', shard: '2/3', 'api-url': 'https://ghe.example.com/api/v3' }), ctx);
    expect(i).toMatchObject({ repos: ['ada/a', 'ada/b', 'ada/c@v2'], user: 'ada', maxRepos: 12, shard: '2/3', apiUrl: 'https://ghe.example.com/api/v3' });
    expect(() => readInputs(read({ user: 'not a user' }), ctx)).toThrow(/Input "user": .*not a GitHub account name/);
    expect(() => readInputs(read({ user: 'ada', 'max-repos': '0' }), ctx)).toThrow(/Input "max-repos": expected a whole number from 1 to 1000/);
    expect(() => readInputs(read({ repos: 'ada/a', shard: '4/3' }), ctx)).toThrow(/Input "shard": invalid shard "4\/3": i must be from 1 to 3 \(shard i of n/);
    expect(() => readInputs(read({ repos: 'ada/a', shard: 'a/b' }), ctx)).toThrow(/Input "shard": invalid shard "a\/b": expected i\/n \(shard i of n, 1 ≤ i ≤ n, e\.g\. 2\/4\)$/);
    expect(() => readInputs(read({ shard: '1/2' }), ctx)).toThrow(/Input "shard": needs a list to split/);
    expect(() => readInputs(read({ repos: 'ada/a', merge: '*.json' }), ctx)).toThrow(/Input "merge": cannot be combined/);
    expect(() => readInputs(read({ 'api-url': 'ghe.example.com' }), ctx)).toThrow(/Input "api-url": expected a URL/);
  });

  it('repo-config: auto (default) leaves it to the mode; true and false are passed on; anything else names the input', () => {
    expect(readInputs(read({}), ctx).repoConfig).toBeUndefined();
    expect(readInputs(read({ 'repo-config': 'auto' }), ctx).repoConfig).toBeUndefined();
    expect(readInputs(read({ 'repo-config': 'true' }), ctx).repoConfig).toBe(true);
    expect(readInputs(read({ 'repo-config': 'FALSE' }), ctx).repoConfig).toBe(false);
    expect(() => readInputs(read({ 'repo-config': 'yes' }), ctx)).toThrow('Input "repo-config": expected auto, true or false, got "yes"');
  });

  it('reads INPUT_* variables with hyphens kept, trims them and resolves paths against the workspace', () => {
    const i = readInputs(
      read({ path: ' projects/cv ', 'github-token': 'tok', comment: 'always', 'fail-under': '62.5', config: 'audit.yml', 'compare-base': 'false', 'top-fixes': '5', 'report-file': 'out/r.json' }),
      ctx,
    );
    expect(i).toMatchObject({
      path: join(ws, 'projects', 'cv'),
      token: 'tok',
      comment: 'always',
      failUnder: 62.5,
      config: join(ws, 'audit.yml'),
      compareBase: false,
      topFixes: 5,
      reportFile: join(ws, 'out', 'r.json'),
    });
  });

  it('github-token: a line break inside is an input error that does not show the token; the runner already trims a trailing one', () => {
    const token = 'ghs_firstLINEsecret\nsecondLINEsecret';
    let message = '';
    try {
      readInputs(read({ 'github-token': token }), ctx);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Input "github-token": the token contains a line break: a token is a single line/);
    expect(message).not.toMatch(/firstLINE|secondLINE/);
    expect(() => readInputs(read({ 'github-token': 'ghs_a\u0007b' }), ctx)).toThrow(/Input "github-token": the token contains a control character/);
    expect(readInputs(read({ 'github-token': 'ghs_ok' }), ctx).token).toBe('ghs_ok');
  });

  it('fail-under: abc fails naming the input and the allowed values', () => {
    const e = failure({ 'fail-under': 'abc' });
    expect(e.input).toBe('fail-under');
    expect(e.message).toMatch(/^Input "fail-under": expected a number from 0 to 100 .*got "abc"/);
    expect(failure({ 'fail-under': '101' }).input).toBe('fail-under');
    expect(failure({ 'fail-under': '-1' }).input).toBe('fail-under');
  });

  it('comment: an unknown mode fails listing auto, always and never', () => {
    const e = failure({ comment: 'sometimes' });
    expect(e.message).toContain('Input "comment": unknown mode "sometimes"');
    for (const m of ['auto', 'always', 'never']) expect(e.message).toContain(m);
  });

  it('path: a missing folder or a file fails naming the input', () => {
    const e = failure({ path: 'nope' });
    expect(e.message).toMatch(/^Input "path": "nope" does not exist/);
    expect(e.message).toContain('actions/checkout');
    expect(failure({ path: 'file.txt' }).message).toMatch(/^Input "path": "file.txt" is a file/);
  });

  it('config, compare-base and top-fixes are validated too', () => {
    expect(failure({ config: 'missing.yml' }).message).toMatch(/^Input "config": file "missing.yml" does not exist/);
    expect(failure({ 'compare-base': 'yes' }).message).toBe('Input "compare-base": expected true or false, got "yes"');
    expect(failure({ 'top-fixes': '2.5' }).message).toMatch(/^Input "top-fixes": expected a whole number from 0 to 10/);
  });
});
