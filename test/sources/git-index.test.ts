/**
 * git's index file read directly gives what `git ls-files -s` gives (paths, stages, submodules) for every index
 * version, and declines (null) what it does not handle, so the local source falls back to git.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { blobIdsFromIndex, scanGitIndex } from '../../src/sources/git-index.js';
import { gitBlobIds } from '../../src/sources/local-git.js';
import { localSnapshot } from '../../src/sources/local.js';
import { tmpDir } from '../helpers/tmp.js';

const ENV = { ...process.env, GIT_AUTHOR_DATE: '2025-04-01T12:00:00Z', GIT_COMMITTER_DATE: '2025-04-01T12:00:00Z' };
const git = (dir: string, args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'protocol.file.allow=always', ...args], {
    cwd: dir,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString('utf8');

/** The index file's entries as scanGitIndex hands them over; null when it declines the file (or it is missing). */
function readGitIndex(file: string): Array<{ path: string; size: number; submodule: boolean; stage: number }> | null {
  if (!existsSync(file)) return null;
  const out: Array<{ path: string; size: number; submodule: boolean; stage: number }> = [];
  return scanGitIndex(readFileSync(file), (path, size, submodule, stage) => out.push({ path, size, submodule, stage })) ? out : null;
}

/** `git ls-files -s` as { path, stage, submodule }. */
function lsFiles(dir: string): Array<{ path: string; stage: number; submodule: boolean }> {
  return git(dir, ['ls-files', '-z', '-s'])
    .split('\0')
    .filter(Boolean)
    .map((l) => ({ path: l.slice(l.indexOf('\t') + 1), stage: Number(l.split(' ')[2].split('\t')[0]), submodule: l.startsWith('160000 ') }));
}

function repoWithEverything(): string {
  const dir = tmpDir();
  buildGitRepo(dir, [
    {
      date: '2025-03-01T10:00:00Z',
      message: 'Add',
      files: { 'a.py': '12345\n', 'src/deep/er/model.py': 'x = 1\n', 'é and space.md': '# t\n', 'conflict.txt': 'base\n', 'empty.py': '' },
    },
  ]);
  const sub = tmpDir();
  buildGitRepo(sub, [{ date: '2025-03-01T10:00:00Z', message: 'Sub', files: { 'x.py': 'x\n' } }]);
  git(dir, ['submodule', 'add', '-q', sub, 'vendor/sub']);
  git(dir, ['commit', '-qm', 'Add submodule']);
  // An unmerged path: three stages in the index.
  git(dir, ['checkout', '-qb', 'other']);
  execFileSync('sh', ['-c', 'echo theirs > conflict.txt'], { cwd: dir });
  git(dir, ['commit', '-qam', 'Theirs']);
  git(dir, ['checkout', '-q', 'main']);
  execFileSync('sh', ['-c', 'echo ours > conflict.txt'], { cwd: dir });
  git(dir, ['commit', '-qam', 'Ours']);
  try {
    git(dir, ['merge', '-q', 'other']);
  } catch {
    // the conflict is the point
  }
  // Intent to add: an entry with the extended flags (index version 3).
  execFileSync('sh', ['-c', 'echo new > later.py'], { cwd: dir });
  git(dir, ['add', '-N', 'later.py']);
  return dir;
}

describe('reading git’s index file', () => {
  it('gives the paths, stages and submodules `git ls-files -s` gives, in index versions 2, 3 and 4', () => {
    const dir = repoWithEverything();
    const expected = lsFiles(dir);
    expect(expected.filter((e) => e.stage > 0).length).toBe(3);
    expect(expected.some((e) => e.submodule)).toBe(true);
    for (const version of ['2', '3', '4']) {
      // Version 2 cannot hold the intent-to-add entry's extended flags: git keeps 3 then.
      git(dir, ['update-index', '--index-version', version]);
      const got = readGitIndex(join(dir, '.git', 'index'));
      expect(got, `index version ${version}`).not.toBeNull();
      expect(got!.map(({ path, stage, submodule }) => ({ path, stage, submodule })), `index version ${version}`).toEqual(expected);
      expect(got!.find((e) => e.path === 'a.py')?.size).toBe(6);
    }
  });

  it('gives the blob ids `git ls-files -s` gives (stage 0, no submodules), filtered and for a subdirectory, in index versions 2, 3 and 4', async () => {
    const dir = repoWithEverything();
    const at = { file: join(dir, '.git', 'index'), prefix: '', hashBytes: 20 };
    for (const version of ['2', '3', '4']) {
      git(dir, ['update-index', '--index-version', version]);
      const fromGit = await gitBlobIds(dir); // no index given: git ls-files -s
      expect(fromGit.get('a.py'), `index version ${version}`).toBe(git(dir, ['rev-parse', 'HEAD:a.py']).trim());
      expect(fromGit.has('conflict.txt') || fromGit.has('vendor/sub')).toBe(false);
      expect([...blobIdsFromIndex(at)!], `index version ${version}`).toEqual([...fromGit]);
      // Only the files whose id is in the filter; an id nobody has matches nothing.
      const only = new Set([fromGit.get('a.py')!, fromGit.get('later.py')!, 'f'.repeat(40)]);
      expect([...blobIdsFromIndex(at, only)!]).toEqual([...(await gitBlobIds(dir, only))]);
      // later.py (intent to add) has the empty blob's id, as empty.py does.
      expect([...blobIdsFromIndex(at, only)!.keys()]).toEqual(['a.py', 'empty.py', 'later.py']);
      // Ids that share a real id's first bytes but not the rest, written in capitals, or short, match nothing; the
      // entries the filter skips unread keep the paths after them right (version 4 compresses each against the last).
      const a = fromGit.get('a.py')!;
      const near = new Set([a.slice(0, 8) + (a[8] === '0' ? '1' : '0') + a.slice(9), a.toUpperCase(), a.slice(0, 8), fromGit.get('src/deep/er/model.py')!]);
      expect([...blobIdsFromIndex(at, near)!]).toEqual([...(await gitBlobIds(dir, near))]);
      expect([...blobIdsFromIndex(at, near)!.keys()]).toEqual(['src/deep/er/model.py']);
      // A subdirectory: its files, relative to it, as git lists them there.
      expect([...blobIdsFromIndex({ ...at, prefix: 'src/' })!]).toEqual([...(await gitBlobIds(join(dir, 'src')))]);
      expect([...(await gitBlobIds(join(dir, 'src')))].map(([p]) => p)).toEqual(['deep/er/model.py']);
    }
    git(dir, ['update-index', '--split-index']);
    expect(blobIdsFromIndex(at)).toBeNull();
    expect(blobIdsFromIndex({ ...at, file: join(dir, 'missing') })).toBeNull();
    // Declined: the ids come from git.
    expect([...(await gitBlobIds(dir, undefined, at))]).toEqual([...(await gitBlobIds(dir))]);
  });

  it('reads the index again once it changed between two asks (the last read is reused only while the file is unchanged)', () => {
    const dir = repoWithEverything();
    const at = { file: join(dir, '.git', 'index'), prefix: '', hashBytes: 20 };
    const first = blobIdsFromIndex(at)!;
    expect([...blobIdsFromIndex(at)!]).toEqual([...first]);
    expect(first.has('new.py')).toBe(false);
    execFileSync('sh', ['-c', 'echo "y = 2" > new.py'], { cwd: dir });
    git(dir, ['add', 'new.py']);
    const second = blobIdsFromIndex(at)!;
    expect(second.get('new.py')).toBe(git(dir, ['hash-object', 'new.py']).trim());
    expect([...second].filter(([p]) => p !== 'new.py')).toEqual([...first]);
  });

  it('declines a split index and a file that is not an index, and the local source still lists the files (from git)', async () => {
    const dir = repoWithEverything();
    git(dir, ['update-index', '--split-index']);
    expect(readGitIndex(join(dir, '.git', 'index'))).toBeNull();
    expect(readGitIndex(join(dir, 'a.py'))).toBeNull();
    expect(readGitIndex(join(dir, 'missing'))).toBeNull();
    const s = await localSnapshot(dir);
    expect(s.files.map((f) => f.path)).toEqual([...new Set(lsFiles(dir).filter((e) => !e.submodule).map((e) => e.path))]);
    expect(s.files.find((f) => f.path === 'a.py')?.size).toBe(6); // lstat, since git's listing has no sizes
  });

  it('lists a subdirectory of a work tree relative to it, from the index', async () => {
    const dir = repoWithEverything();
    const s = await localSnapshot(join(dir, 'src'));
    expect(s.files.map((f) => f.path)).toEqual(['deep/er/model.py']);
  });
});
