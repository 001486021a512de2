import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { tmpDir } from '../helpers/tmp.js';

/** script/release, run against a generated repository (never this one) with a bare repository as its remote. */

const SCRIPT = join(import.meta.dirname, '..', '..', 'script', 'release');
const NO_BUILD = 'true'; // dist/ is committed as is in the generated repo: the "fresh build" changes nothing

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } }).trim();
}

function release(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('bash', [SCRIPT, ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // no terminal: the version must come as an argument
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, RELEASE_BUILD_COMMAND: NO_BUILD, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let repo: string;
let remote: string;
beforeEach(() => {
  const root = tmpDir('mlpa-release-');
  repo = join(root, 'action');
  remote = join(root, 'remote.git');
  buildGitRepo(repo, [
    { date: '2025-03-01T10:00:00Z', message: 'First release', files: { 'package.json': '{ "name": "x", "version": "0.1.0" }\n', 'dist/index.js': 'v1\n' } },
  ]);
  git(repo, ['tag', '-a', 'v0.1.0', '-m', 'v0.1.0']);
  git(repo, ['tag', '-a', 'v0', '-m', 'v0.1.0']);
  buildGitRepo(repo, [
    { date: '2025-04-01T10:00:00Z', message: 'Bump to 0.2.0', files: { 'package.json': '{ "name": "x", "version": "0.2.0" }\n', 'dist/index.js': 'v2\n' } },
  ]);
  execFileSync('git', ['init', '-q', '--bare', remote]);
  git(repo, ['remote', 'add', 'origin', remote]);
});

describe('script/release', () => {
  it('--dry-run: checks everything, prints the tag and push commands, tags nothing', () => {
    const r = release(repo, ['--dry-run', 'v0.2.0']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('latest release: v0.1.0');
    expect(r.out).toContain('+ git tag -a v0.2.0 -m v0.2.0');
    expect(r.out).toContain('+ git tag -fa v0 -m v0.2.0 v0.2.0^{commit}');
    expect(r.out).toContain('+ git push origin refs/tags/v0.2.0');
    expect(r.out).toContain('+ git push --force origin refs/tags/v0');
    expect(git(repo, ['tag', '--list']).split('\n').sort()).toEqual(['v0', 'v0.1.0']);
    expect(git(remote, ['tag', '--list'])).toBe('');
  });

  it('refuses a version that is malformed, not greater than the latest, or not the one package.json says', () => {
    for (const [v, msg] of [
      ['0.2.0', /not a version of the form vX\.Y\.Z/],
      ['v0.2', /not a version of the form vX\.Y\.Z/],
      ['v0.1.0', /not greater than the latest release v0\.1\.0/],
      ['v0.0.9', /not greater than the latest release v0\.1\.0/],
      ['v1.0.0', /package\.json says 0\.2\.0, not 1\.0\.0/],
    ] as const) {
      const r = release(repo, ['--dry-run', v]);
      expect(r.code, v).toBe(1);
      expect(r.err, v).toMatch(msg);
    }
    const none = release(repo, ['--dry-run']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/give the new version/);
  });

  it('compares versions as numbers (v0.10.0 > v0.9.0)', () => {
    git(repo, ['tag', '-a', 'v0.9.0', '-m', 'v0.9.0', 'HEAD~1']);
    writeFileSync(join(repo, 'package.json'), '{ "name": "x", "version": "0.10.0" }\n');
    git(repo, ['commit', '-qam', 'Bump to 0.10.0']);
    const r = release(repo, ['--dry-run', 'v0.10.0']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('latest release: v0.9.0');
  });

  it('refuses a stale dist/ and uncommitted changes', () => {
    const stale = release(repo, ['--dry-run', 'v0.2.0'], { RELEASE_BUILD_COMMAND: 'echo rebuilt > dist/index.js' });
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/dist\/ differs from a fresh build/);
    git(repo, ['checkout', '--', 'dist']);
    writeFileSync(join(repo, 'package.json'), '{ "name": "x", "version": "0.2.0", "edited": true }\n');
    const dirty = release(repo, ['--dry-run', 'v0.2.0']);
    expect(dirty.code).toBe(1);
    expect(dirty.err).toMatch(/uncommitted changes/);
  });

  it('for real: tags vX.Y.Z, moves vX to it and pushes both', () => {
    const r = release(repo, ['v0.2.0']);
    expect(r.code, r.err).toBe(0);
    const head = git(repo, ['rev-parse', 'HEAD']);
    expect(git(remote, ['rev-parse', 'v0.2.0^{commit}'])).toBe(head);
    expect(git(remote, ['rev-parse', 'v0^{commit}'])).toBe(head);
    expect(git(remote, ['cat-file', '-t', 'v0'])).toBe('tag'); // annotated, as the Marketplace shows them
  });
});
