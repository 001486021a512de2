import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGitRepo, writeTree, type FixtureCommit } from '../../src/fixtures/git-repo.js';
import { HEAD_BYTES, MAX_TEXT_BYTES, sizeCapFor } from '../../src/sources/decode.js';
import { SourceError, localSnapshot, publicUrl } from '../../src/sources/local.js';
import { runGit } from '../../src/sources/local-git.js';
import { comparePaths } from '../../src/sources/path-order.js';
import type { RepoSnapshot } from '../../src/types.js';
import { tmpDir } from '../helpers/tmp.js';

const ADA = { name: 'Ada Candidate', email: 'ada@example.com' };
const BOB = { name: 'Bøb Ünïcode', email: 'bob@example.org' };

/** Runs git in `dir` with a fixed identity and dates, away from the user's global config. */
function git(dir: string, args: string[], date = '2025-04-01T12:00:00Z'): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
      GIT_AUTHOR_NAME: ADA.name,
      GIT_AUTHOR_EMAIL: ADA.email,
      GIT_COMMITTER_NAME: ADA.name,
      GIT_COMMITTER_EMAIL: ADA.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function commitAll(dir: string, message: string, date?: string): void {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message], date);
}

function noteKinds(s: RepoSnapshot, path: string): string[] {
  return s.notes.filter((n) => n.path === path).map((n) => n.kind);
}

const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Training\n', 'Fits the model.'] },
    { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [{ output_type: 'stream', text: ['big output'] }], source: ['import torch\n', 'model.fit(x)'] },
    { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: 'evaluate(model)' },
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});

const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';

describe('localSnapshot: bad input', () => {
  it('rejects a missing path with a hint', async () => {
    const missing = join(tmpDir(), 'nope');
    const err = await localSnapshot(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe(`path does not exist: ${missing}`);
    expect((err as SourceError).hint).toMatch(/\w/);
    expect((err as SourceError).hint).not.toMatch(/owner\/name/);
  });

  it('a folder of projects (not a repository itself) is read as one project, with a note on how to audit each', async () => {
    const root = tmpDir();
    for (const name of ['churn', 'vision']) buildGitRepo(join(root, name), [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'train.py': '1\n' } }]);
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'todo.md'), 'x\n');
    const s = await localSnapshot(root);
    expect(s.commit).toBeNull();
    expect(s.notes).toContainEqual({
      kind: 'info',
      message: `this folder is not a git repository, but 2 folders in it are (churn, vision): audited as one project; to audit each on its own: ml-portfolio-audit ${join(root, 'churn')} ${join(root, 'vision')}`,
    });
    // A repository's own subfolders are not "projects inside": no such note there.
    const one = await localSnapshot(join(root, 'churn'));
    expect(one.notes.filter((n) => n.message.includes('folders in it'))).toEqual([]);
  });

  it('a missing relative path shaped like a name ("a/b/c") says how a GitHub repository is written', async () => {
    const err = await localSnapshot('no-such-owner-xyz/repo/extra').catch((e: unknown) => e);
    expect((err as SourceError).message).toBe('path does not exist: no-such-owner-xyz/repo/extra');
    expect((err as SourceError).hint).toMatch(/a GitHub repository is written owner\/name .* https:\/\/github\.com\/owner\/name/);
  });

  it('rejects a file instead of a directory', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'train.py'), 'print(1)\n');
    const err = await localSnapshot(join(dir, 'train.py')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/not a directory/);
    expect((err as SourceError).hint).toMatch(/directory/);
  });

  it('resolves relative paths against the working directory and keeps the path as given for the id ("." by its folder name)', async () => {
    const dir = tmpDir();
    writeTree(dir, { 'a.py': 'x = 1\n' });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const s = await localSnapshot('.');
      expect(s.id).toBe(basename(dir));
      expect((await localSnapshot('./')).id).toBe(basename(dir));
      expect(s.files.map((f) => f.path)).toEqual(['a.py']);
    } finally {
      process.chdir(cwd);
    }
    expect((await localSnapshot(dir, { id: 'me/project' })).id).toBe('me/project');
  });
});

/** File entries as plain objects (local entries compute their size lazily, through a getter). */
const plain = (files: Array<{ path: string; size: number }>) => files.map((f) => ({ path: f.path, size: f.size }));

describe('localSnapshot: git work tree', () => {
  it('lists tracked files only, sorted, honouring .gitignore, with sizes', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      {
        date: '2025-03-01T10:00:00Z',
        message: 'Initial commit',
        files: {
          '.gitignore': '*.log\nbuild/\n',
          'README.md': '# Project\n',
          'src/train.py': 'print("train")\n',
          'B.txt': 'upper\n',
          'debug.log': 'ignored by .gitignore, never added\n',
          'build/out.bin': 'ignored dir\n',
        },
      },
    ]);
    // Untracked files (ignored or not) are not part of what GitHub shows.
    writeTree(dir, { 'notes.txt': 'untracked\n', 'run.log': 'ignored\n' });
    const s = await localSnapshot(dir);
    expect(plain(s.files)).toEqual([
      { path: '.gitignore', size: 13 },
      { path: 'B.txt', size: 6 },
      { path: 'README.md', size: 10 },
      { path: 'src/train.py', size: 15 },
    ]);
    expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(s.metadata).toEqual({});
  });

  it('gives blob ids as git has them, all or only those asked for', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'a.py': '1\n', 'b.py': '2\n', 'c/same.py': '1\n' } }]);
    const s = await localSnapshot(dir);
    const git = (p: string) => execFileSync('git', ['rev-parse', `HEAD:${p}`], { cwd: dir, encoding: 'utf8' }).trim();
    const all = await s.blobIds!();
    expect(Object.fromEntries(all)).toEqual({ 'a.py': git('a.py'), 'b.py': git('b.py'), 'c/same.py': git('a.py') });
    // Only the files whose id is in the filter (two paths share one id); an id nobody has matches nothing.
    expect(Object.fromEntries(await s.blobIds!(new Set([git('a.py'), 'f'.repeat(40)])))).toEqual({ 'a.py': git('a.py'), 'c/same.py': git('a.py') });
    expect((await s.blobIds!(new Set())).size).toBe(0);
  });

  it('lists a tracked file deleted from the work tree (still tracked) and reads nothing from it', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'a.py': '1\n', 'b.py': '2\n' } }]);
    rmSync(join(dir, 'b.py'));
    const s = await localSnapshot(dir);
    expect(s.files.map((f) => f.path)).toEqual(['a.py', 'b.py']);
    expect(await s.read('b.py')).toBeNull();
    expect(s.notes).toContainEqual({ path: 'b.py', kind: 'unreadable', message: 'skipped: cannot read (ENOENT)' });
  });

  it('a tracked file missing from the work tree is absent (its size unknown), a present empty file is not', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'a.py': '1\n', 'data/corpus.tar.gz': 'x', 'empty.csv': '' } }]);
    rmSync(join(dir, 'data/corpus.tar.gz'));
    // git's index keeps sizes it recorded; drop them so the source looks on disk (as for a clone whose blob is missing).
    execFileSync('git', ['update-index', '--force-remove', 'data/corpus.tar.gz'], { cwd: dir });
    execFileSync('git', ['update-index', '--add', '--cacheinfo', `100644,${execFileSync('git', ['rev-parse', 'HEAD:data/corpus.tar.gz'], { cwd: dir, encoding: 'utf8' }).trim()},data/corpus.tar.gz`], { cwd: dir });
    const s = await localSnapshot(dir);
    const byPath = new Map(s.files.map((f) => [f.path, f]));
    expect(byPath.get('data/corpus.tar.gz')!.size).toBe(0);
    expect(byPath.get('data/corpus.tar.gz')!.absent).toBe(true);
    expect(byPath.get('empty.csv')!.size).toBe(0);
    expect(byPath.get('empty.csv')!.absent).toBe(false);
    expect(byPath.get('a.py')!.absent).toBeFalsy();
  });

  /** A repo whose weights.bin git's index records as 6 bytes while the disk holds 5 MiB. */
  function grownSinceIndexed(): string {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'weights.bin': 'small\n', 'a.py': '1\n' } }]);
    // Recorded small in the index (an old mtime keeps git from treating the entry as racily clean), then grown.
    utimesSync(join(dir, 'weights.bin'), new Date('2020-01-01'), new Date('2020-01-01'));
    git(dir, ['update-index', '--really-refresh']);
    truncateSync(join(dir, 'weights.bin'), 5 * 1024 * 1024);
    return dir;
  }

  it('takes the size of very large files from the disk, since git keeps index sizes modulo 4 GiB', async () => {
    const dir = grownSinceIndexed();
    const stale = await localSnapshot(dir);
    expect(stale.files.find((f) => f.path === 'weights.bin')?.size).toBe(6);
    // The same check that finds files of 4 GiB or more, lowered to 1 MiB: the disk's size wins, deferred or not,
    // found by an lstat of each tracked file (a small repository) or by find (findFromFiles 0).
    for (const findFromFiles of [undefined, 0]) {
      const exact = await localSnapshot(dir, { exactFromKiB: 1024, findFromFiles });
      expect(exact.files.find((f) => f.path === 'weights.bin')?.size).toBe(5 * 1024 * 1024);
      const early = await localSnapshot(dir, { exactFromKiB: 1024, deferred: true, findFromFiles });
      expect(early.sizesReady).toBeInstanceOf(Promise);
      await early.sizesReady;
      expect(early.files.find((f) => f.path === 'weights.bin')?.size).toBe(5 * 1024 * 1024);
      expect(early.files.find((f) => f.path === 'a.py')?.size).toBe(2);
    }
  });

  it('where find cannot run (not installed; Windows has none), measures every tracked file on disk instead', async () => {
    const dir = grownSinceIndexed();
    // A PATH with git and nothing else: spawning find fails (ENOENT).
    const bin = tmpDir();
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      expect(() => execFileSync('find', ['--version'], { stdio: 'ignore' })).toThrow();
      for (const deferred of [false, true]) {
        const s = await localSnapshot(dir, { exactFromKiB: 1024, deferred, findFromFiles: 0 });
        await s.sizesReady;
        expect(s.files.find((f) => f.path === 'weights.bin')?.size).toBe(5 * 1024 * 1024);
        expect(s.files.find((f) => f.path === 'a.py')?.size).toBe(2);
        expect(s.history.commits).toHaveLength(1);
      }
    } finally {
      process.env.PATH = path;
    }
  });

  it('measures on disk only tracked files, whatever their names, and a deleted one costs the others nothing', async () => {
    const dir = tmpDir();
    const names = ['-rf.bin', 'with space.bin', 'new\nline.bin', 'gone.bin', 'ok.py'];
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: Object.fromEntries(names.map((n) => [n, 'small\n'])) }]);
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    mkdirSync(join(dir, 'ignored'));
    for (const n of names) utimesSync(join(dir, n), new Date('2020-01-01'), new Date('2020-01-01'));
    git(dir, ['update-index', '--really-refresh']);
    for (const n of names.slice(0, 3)) truncateSync(join(dir, n), 2 * 1024 * 1024);
    writeFileSync(join(dir, 'ignored', 'big.bin'), ''); // never tracked: not listed, not measured
    truncateSync(join(dir, 'ignored', 'big.bin'), 2 * 1024 * 1024);
    rmSync(join(dir, 'gone.bin'));
    for (const findFromFiles of [undefined, 0]) {
      const s = await localSnapshot(dir, { exactFromKiB: 1024, findFromFiles });
      const sizes = Object.fromEntries(s.files.map((f) => [f.path, f.size]));
      expect(sizes).toEqual({ '-rf.bin': 2 * 1024 * 1024, 'with space.bin': 2 * 1024 * 1024, 'new\nline.bin': 2 * 1024 * 1024, 'gone.bin': 6, 'ok.py': 6 });
    }
  });

  it('the lstat of each tracked file names what find names: regular files only, over the size', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'big.bin': 'x\n', 'edge.bin': 'x\n', 'd/link.bin': 'x\n', 'ok.py': '1\n' } }]);
    for (const n of ['big.bin', 'edge.bin']) utimesSync(join(dir, n), new Date('2020-01-01'), new Date('2020-01-01'));
    git(dir, ['update-index', '--really-refresh']);
    truncateSync(join(dir, 'big.bin'), 1023 * 1024 + 1); // just over find's "+1023k"
    truncateSync(join(dir, 'edge.bin'), 1023 * 1024); // exactly 1023 KiB: not over it
    rmSync(join(dir, 'd/link.bin'));
    symlinkSync(join(dir, 'big.bin'), join(dir, 'd/link.bin')); // a link to a large file: find's -type f skips it
    const sizes = async (findFromFiles: number | undefined) =>
      Object.fromEntries((await localSnapshot(dir, { exactFromKiB: 1024, findFromFiles })).files.map((f) => [f.path, f.size]));
    const byFind = await sizes(0);
    expect(byFind).toEqual({ 'big.bin': 1023 * 1024 + 1, 'd/link.bin': 2, 'edge.bin': 2, 'ok.py': 2 });
    expect(await sizes(undefined)).toEqual(byFind);
  });

  it('a size rule waits for the exact sizes of a deferred snapshot', async () => {
    const { auditSnapshot } = await import('../../src/audit.js');
    const { loadRules } = await import('../../src/rules/load.js');
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'weights.bin': 'small\n', 'a.py': '1\n' } }]);
    utimesSync(join(dir, 'weights.bin'), new Date('2020-01-01'), new Date('2020-01-01'));
    git(dir, ['update-index', '--really-refresh']);
    truncateSync(join(dir, 'weights.bin'), 60 * 1024 * 1024); // sparse: no disk used
    const rules = loadRules();
    const snapshot = await localSnapshot(dir, { exactFromKiB: 1024, deferred: true });
    const report = await auditSnapshot(snapshot, { rules, now: new Date('2026-01-01') });
    const rule = report.rules.find((r) => r.id === 'no-large-files')!;
    expect(rule.score).toBe(0);
    expect(rule.evidence[0]).toMatchObject({ path: 'weights.bin', detail: expect.stringContaining('60.0 MB') });
    expect(report.rules.map((r) => r.id)).toEqual(rules.rules.map((r) => r.id)); // the rules' order is kept
  });

  it('reads the history through a pipe when no temporary file can be made', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Add loader', files: { 'a.py': '1\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Add model', files: { 'b.py': '2\n' } },
    ]);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'no-such-folder');
    try {
      const s = await localSnapshot(dir);
      expect(s.history.commits.map((c) => c.subject)).toEqual(['Add model', 'Add loader']);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('counts the files a commit changed in dependency trees, beyond the paths it keeps', async () => {
    const dir = tmpDir();
    const deps = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`web/node_modules/p${i}/index.js`, `module.exports = ${i};\n`]));
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Add loader', files: { 'a.py': '1\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Add the web front end', files: { ...deps, 'web/app.js': 'run()\n' } },
    ]);
    const s = await localSnapshot(dir);
    const [web, loader] = s.history.commits;
    expect(web).toMatchObject({ subject: 'Add the web front end', filesChanged: 26, vendoredChanged: 25 });
    expect(web!.paths!.length).toBe(20); // the paths kept are capped; the count is not
    expect(loader!.vendoredChanged).toBeUndefined();
  });

  it("git's output file has no name while it is read: nothing is left in the temporary folder, whatever ends the process", async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Add loader', files: { 'a.py': '1\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Add model', files: { 'b.py': '2\n' } },
    ]);
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const seen: string[][] = [];
      const r = await runGit(dir, ['log', '--format=%s'], () => void seen.push(readdirSync(tmp)), { toFile: true });
      expect(r.code).toBe(0);
      expect(seen.length).toBeGreaterThan(0); // read back from the file, while git's output was still open
      expect(seen.flat()).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('with deferred, hands over the files first and the same history once historyReady resolves', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Add loader', files: { 'a.py': '1\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Add model', files: { 'b.py': '2\n' } },
    ]);
    const full = await localSnapshot(dir);
    const early = await localSnapshot(dir, { deferred: true });
    expect(full.historyReady).toBeUndefined();
    expect(early.historyReady).toBeInstanceOf(Promise);
    expect(early.files.map((f) => f.path)).toEqual(['a.py', 'b.py']);
    await early.historyReady;
    expect(early.history).toEqual(full.history);
    expect(early.history.commits.map((c) => c.subject)).toEqual(['Add model', 'Add loader']);
  });

  it('leaves submodules out, takes sizes from the index and stats files the index has no size for', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add', files: { 'a.py': '12345\n', 'empty.py': '' } }]);
    const sub = tmpDir();
    buildGitRepo(sub, [{ date: '2025-03-01T10:00:00Z', message: 'Sub', files: { 'x.py': 'x\n' } }]);
    git(dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/sub']);
    // An old mtime, recorded in the index, so git never treats the entry as "racily clean" (size 0 in the index).
    utimesSync(join(dir, 'a.py'), new Date('2020-01-01'), new Date('2020-01-01'));
    git(dir, ['update-index', '--really-refresh']);
    // Grown after that: the index still says 6 bytes, and that is the size reported (no stat needed; `git ls-files
    // --debug` shows the same).
    writeFileSync(join(dir, 'a.py'), '123456789\n');
    const s = await localSnapshot(dir);
    expect(plain(s.files)).toEqual([
      { path: '.gitmodules', size: expect.any(Number) },
      { path: 'a.py', size: 6 },
      { path: 'empty.py', size: 0 },
    ]);
  });

  it('parses commits: author, date, subject, files changed, merges', async () => {
    const dir = tmpDir();
    const commits: FixtureCommit[] = [
      { date: '2025-03-01T10:00:00Z', message: 'Initial commit', files: { 'a.py': '1\n', 'b.py': '2\n', 'c.py': '3\n' } },
      { date: '2025-03-02T11:30:00+02:00', message: 'Rework loader\n\nLonger body text.', author: BOB, files: { 'a.py': '10\n', 'b.py': null, 'd/e.py': 'e\n' } },
    ];
    const head = buildGitRepo(dir, commits);
    // A real merge: a side branch and a change on main, merged with --no-ff.
    git(dir, ['checkout', '-q', '-b', 'feature']);
    writeFileSync(join(dir, 'feature.py'), 'f\n');
    commitAll(dir, 'Add feature', '2025-03-03T09:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    writeFileSync(join(dir, 'c.py'), '30\n');
    commitAll(dir, 'Tune c', '2025-03-04T09:00:00Z');
    git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge branch feature', 'feature'], '2025-03-05T09:00:00Z');
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'Empty commit'], '2025-03-06T09:00:00Z');
    const headNow = git(dir, ['rev-parse', 'HEAD']).trim();

    const s = await localSnapshot(dir);
    expect(s.commit).toBe(headNow);
    const h = s.history;
    expect(h.shallow).toBe(false);
    expect(h.truncated).toBe(false);
    expect(h.totalCount).toBe(6);
    expect(h.commits.map((c) => c.subject)).toEqual([
      'Empty commit',
      'Merge branch feature',
      'Tune c',
      'Add feature',
      'Rework loader',
      'Initial commit',
    ]);
    const by = Object.fromEntries(h.commits.map((c) => [c.subject, c]));
    expect(by['Empty commit']).toMatchObject({ sha: headNow, filesChanged: 0, merge: false });
    expect(by['Merge branch feature']).toMatchObject({ merge: true, filesChanged: null });
    expect(by['Tune c']).toMatchObject({ filesChanged: 1, merge: false });
    expect(by['Rework loader']).toMatchObject({
      sha: head,
      authorName: BOB.name,
      authorEmail: BOB.email,
      date: '2025-03-02T11:30:00+02:00',
      filesChanged: 3, // modified, deleted, added
      merge: false,
    });
    expect(by['Initial commit']).toMatchObject({ authorName: ADA.name, authorEmail: ADA.email, filesChanged: 3 });
    expect(Date.parse(by['Initial commit']!.date)).toBe(Date.parse('2025-03-01T10:00:00Z'));
    for (const c of h.commits) expect(c.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('counts the lines of the commits of one or two files as GitHub does: added + deleted against the first parent, binary 0; merges, larger and cut-off commits unknown', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Initial commit', files: { 'a.py': '1\n2\n3\n', 'logo.png': new Uint8Array([0x89, 0x50, 0, 1, 2]), 'no-eol.py': 'x = 1' } },
      // a.py: one line changed (1 deleted + 1 added) and one added; logo.png rewritten (binary: 0).
      { date: '2025-03-02T10:00:00Z', message: 'Tune a', files: { 'a.py': '1\n20\n3\n4\n', 'logo.png': new Uint8Array([0x89, 0x50, 0, 9]) } },
      { date: '2025-03-02T11:00:00Z', message: 'Add a tab', files: { 'tab\tname.py': 'y\n' } },
      { date: '2025-03-02T12:00:00Z', message: 'Three files', files: { 'b.py': 'b\n', 'c.py': 'c\n', 'd.py': 'd\n' } },
      { date: '2025-03-03T10:00:00Z', message: 'Drop a', files: { 'a.py': null } },
    ]);
    git(dir, ['checkout', '-q', '-b', 'side']);
    writeFileSync(join(dir, 'side.py'), 's\n');
    commitAll(dir, 'Side', '2025-03-04T09:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], '2025-03-05T09:00:00Z');
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'Nothing'], '2025-03-06T09:00:00Z');
    const lines = async (o: Parameters<typeof localSnapshot>[1] = {}) =>
      Object.fromEntries((await localSnapshot(dir, o)).history.commits.map((c) => [c.subject, [c.filesChanged, c.linesChanged]]));
    expect(await lines()).toEqual({
      Nothing: [0, 0],
      'Merge side': [null, null],
      Side: [1, 1],
      'Drop a': [1, 4],
      'Three files': [3, null], // substance by its file count: not diffed
      'Add a tab': [1, 1],
      'Tune a': [2, 3],
      'Initial commit': [3, null],
    });
    // Past the newest-N window, lines are counted where files are: the newest commits and the oldest counted.
    const window = await lines({ filesChangedLimit: 3, oldestCounted: 2 });
    expect(window).toEqual({
      Nothing: [0, 0],
      'Merge side': [null, null],
      Side: [1, 1],
      'Drop a': [null, null],
      'Three files': [null, null],
      'Add a tab': [null, null],
      'Tune a': [2, 3],
      'Initial commit': [3, null],
    });
    // A shallow clone's cut-off commit shows its whole tree as added: neither count is known.
    const dst = join(tmpDir(), 'clone');
    git(dir, ['clone', '-q', '--no-local', '--depth', '2', `file://${dir}`, dst]);
    const shallow = (await localSnapshot(dst)).history.commits;
    expect(shallow.map((c) => [c.subject, c.filesChanged, c.linesChanged])).toEqual([
      ['Nothing', 0, 0],
      ['Merge side', null, null],
    ]);
  });

  it('parses subjects with tabs, pipes, unicode and control characters, and odd file names', async () => {
    const dir = tmpDir();
    const subject = 'fix:\ttabs | pipes — ünïcødé 🚀 \x1f unit sep \x1e record sep';
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Initial commit', files: { 'a.py': '1\n' } },
      {
        date: '2025-03-02T10:00:00Z',
        message: subject,
        files: { 'new\nline.py': 'x\n', '\x1efake\x1fheader': 'y\n', 'tab\tname|pipe.md': 'z\n', 'ünï/cødé.py': 'u\n' },
      },
      { date: '2025-03-03T10:00:00Z', message: 'After | that', files: { 'a.py': '2\n' } },
    ]);
    const s = await localSnapshot(dir);
    expect(s.history.commits.map((c) => c.subject)).toEqual(['After | that', subject, 'Initial commit']);
    expect(s.history.commits.map((c) => c.filesChanged)).toEqual([1, 4, 1]);
    expect(s.files.map((f) => f.path)).toEqual(['\x1efake\x1fheader', 'a.py', 'new\nline.py', 'tab\tname|pipe.md', 'ünï/cødé.py']);
    expect((await s.read('new\nline.py'))?.text).toBe('x\n');
  });

  it('computes filesChanged for the newest commits only when told to, keeping the whole history in order', async () => {
    const dir = tmpDir();
    const commits: FixtureCommit[] = Array.from({ length: 7 }, (_, i) => ({
      date: `2025-03-0${i + 1}T10:00:00Z`,
      message: `Commit ${i + 1}`,
      files: { [`f${i}.py`]: `${i}\n` },
    }));
    buildGitRepo(dir, commits);
    const full = await localSnapshot(dir);
    const s = await localSnapshot(dir, { filesChangedLimit: 3, oldestCounted: 0 });
    expect(s.history.commits.map((c) => c.sha)).toEqual(full.history.commits.map((c) => c.sha));
    expect(s.history.commits.map((c) => c.filesChanged)).toEqual([1, 1, 1, null, null, null, null]);
    // The oldest commits are counted too (a one-shot upload padded with many later commits stays visible).
    const ends = await localSnapshot(dir, { filesChangedLimit: 3, oldestCounted: 2 });
    expect(ends.history.commits.map((c) => c.filesChanged)).toEqual([1, 1, 1, null, null, 1, 1]);
    expect(s.history.totalCount).toBe(7);
    const exact = await localSnapshot(dir, { filesChangedLimit: 7 });
    expect(exact.history.commits.map((c) => c.filesChanged)).toEqual(Array(7).fill(1));
    // Exactly as long as the limit, and one commit longer: the second read is made (or not) only after the first.
    const seven = await localSnapshot(dir, { filesChangedLimit: 7, oldestCounted: 2 });
    expect(seven.history.commits.map((c) => c.filesChanged)).toEqual(Array(7).fill(1));
    const six = await localSnapshot(dir, { filesChangedLimit: 6, oldestCounted: 0 });
    expect(six.history.commits.map((c) => c.filesChanged)).toEqual([1, 1, 1, 1, 1, 1, null]);
    const none = await localSnapshot(dir, { filesChangedLimit: 0 });
    expect(none.history.commits.map((c) => c.filesChanged)).toEqual(Array(7).fill(null));
    expect(none.history.commits.map((c) => c.subject)).toEqual(full.history.commits.map((c) => c.subject));
  });

  it('reads a history with merges longer than its first-parent chain in full, however the limit falls', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Start', files: { 'a.py': '0\n' } }]);
    git(dir, ['checkout', '-q', '-b', 'side']);
    for (let i = 1; i <= 4; i++) {
      writeFileSync(join(dir, `s${i}.py`), `${i}\n`);
      commitAll(dir, `Side ${i}`, `2025-03-0${i + 1}T10:00:00Z`);
    }
    git(dir, ['checkout', '-q', '-']);
    writeFileSync(join(dir, 'm.py'), 'm\n');
    commitAll(dir, 'Main', '2025-03-07T10:00:00Z');
    git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], '2025-03-08T10:00:00Z');
    // First-parent chain: Merge, Main, Start (3 commits); the history: 7.
    const full = await localSnapshot(dir);
    expect(full.history.commits).toHaveLength(7);
    for (const limit of [2, 3, 4, 6, 7]) {
      const s = await localSnapshot(dir, { filesChangedLimit: limit, oldestCounted: 0 });
      expect(s.history.commits.map((c) => c.sha)).toEqual(full.history.commits.map((c) => c.sha));
      expect(s.history.commits.map((c) => c.filesChanged)).toEqual(full.history.commits.map((c, i) => (i < limit ? c.filesChanged : null)));
      expect(s.history.totalCount).toBe(7);
    }
  });

  it('works on a repository with no commits yet: the files on disk, then the files added; the history is known to be empty', async () => {
    const dir = tmpDir();
    git(dir, ['init', '-q', '-b', 'main']);
    let s = await localSnapshot(dir);
    expect(s.files).toEqual([]);
    writeFileSync(join(dir, 'untracked.py'), 'x\n');
    writeFileSync(join(dir, '.gitignore'), 'secret.env\n');
    writeFileSync(join(dir, 'secret.env'), 'KEY=1\n');
    s = await localSnapshot(dir);
    expect(s.commit).toBeNull();
    expect(s.history).toEqual({ commits: [], shallow: false, truncated: false, totalCount: 0, unborn: true });
    // Nothing added yet: the work tree as a plain directory would be read (.gitignore applied).
    expect(plain(s.files).map((f) => f.path)).toEqual(['.gitignore', 'untracked.py']);
    expect(s.notes).toContainEqual({ kind: 'info', message: 'nothing is tracked yet: the files on disk were audited; git add and git commit them' });
    git(dir, ['add', 'untracked.py']);
    s = await localSnapshot(dir, { deferred: true });
    await s.historyReady;
    expect(s.commit).toBeNull();
    expect(plain(s.files)).toEqual([{ path: 'untracked.py', size: 2 }]);
    expect(s.history).toEqual({ commits: [], shallow: false, truncated: false, totalCount: 0, unborn: true });
  });

  it('detects a shallow clone and says how to fix it', async () => {
    const src = tmpDir();
    buildGitRepo(
      src,
      Array.from({ length: 6 }, (_, i) => ({ date: `2025-03-0${i + 1}T10:00:00Z`, message: `Step ${i + 1}`, files: { [`s${i}.py`]: `${i}\n` } })),
    );
    const dst = join(tmpDir(), 'clone');
    git(src, ['clone', '-q', '--depth', '3', `file://${src}`, dst]);
    const s = await localSnapshot(dst);
    expect(s.history.shallow).toBe(true);
    expect(s.history.totalCount).toBeNull();
    expect(s.history.commits.map((c) => c.subject)).toEqual(['Step 6', 'Step 5', 'Step 4']);
    // The cut-off commit shows its whole tree as added: its count would mislead.
    expect(s.history.commits.map((c) => c.filesChanged)).toEqual([1, 1, null]);
    expect(s.notes).toContainEqual({ kind: 'shallow', message: 'history is shallow: 3 commits visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow' });
    expect(s.files).toHaveLength(6);
  });

  it('audits a subdirectory of a repository on its own', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Root files', files: { 'top.py': '1\n', 'proj/a.py': 'a\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Outside only', files: { 'top.py': '2\n' } },
      { date: '2025-03-03T10:00:00Z', message: 'Inside', files: { 'proj/b/c.py': 'c\n', 'top.py': '3\n' } },
    ]);
    const s = await localSnapshot(join(dir, 'proj'));
    expect(s.files.map((f) => f.path)).toEqual(['a.py', 'b/c.py']);
    expect(s.history.commits.map((c) => [c.subject, c.filesChanged])).toEqual([
      ['Inside', 1],
      ['Root files', 1],
    ]);
    expect((await s.read('b/c.py'))?.text).toBe('c\n');
    const limited = await localSnapshot(join(dir, 'proj'), { filesChangedLimit: 1, oldestCounted: 0 });
    expect(limited.history.commits.map((c) => [c.subject, c.filesChanged])).toEqual([
      ['Inside', 1],
      ['Root files', null],
    ]);
    const oldest = await localSnapshot(join(dir, 'proj'), { filesChangedLimit: 1 });
    expect(oldest.history.commits.map((c) => [c.subject, c.filesChanged])).toEqual([
      ['Inside', 1],
      ['Root files', 1],
    ]);
  });

  it('treats a directory with nothing tracked inside an enclosing repository as a plain directory', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Dotfiles', files: { '.bashrc': 'x\n' } }]);
    writeTree(dir, { 'newproj/train.py': 'fit()\n', 'newproj/.gitignore': 'out/\n', 'newproj/out/model.pt': 'w' });
    const s = await localSnapshot(join(dir, 'newproj'));
    expect(s.files.map((f) => f.path)).toEqual(['.gitignore', 'train.py']);
    expect(s.commit).toBeNull();
    expect(s.history.commits).toEqual([]);
    expect(s.notes.map((n) => n.kind)).toContain('info');
  });

  it('ignores GIT_DIR and friends inherited from the environment', async () => {
    const a = tmpDir();
    const b = tmpDir();
    buildGitRepo(a, [{ date: '2025-03-01T10:00:00Z', message: 'Repo A', files: { 'a.py': '1\n' } }]);
    buildGitRepo(b, [{ date: '2025-03-01T10:00:00Z', message: 'Repo B', files: { 'b.py': '1\n' } }]);
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(b, '.git');
    try {
      const s = await localSnapshot(a);
      expect(s.files.map((f) => f.path)).toEqual(['a.py']);
      expect(s.history.commits.map((c) => c.subject)).toEqual(['Repo A']);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('falls back to walking the directory when git is not installed', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Init', files: { 'a.py': '1\n', '.gitignore': 'out/\n' } }]);
    writeTree(dir, { 'untracked.py': '2\n', 'out/x.bin': 'x' });
    const saved = process.env.PATH;
    process.env.PATH = join(dir, 'no-bin-here');
    let s: RepoSnapshot;
    try {
      s = await localSnapshot(dir);
    } finally {
      process.env.PATH = saved;
    }
    expect(s.files.map((f) => f.path)).toEqual(['.gitignore', 'a.py', 'untracked.py']);
    expect(s.commit).toBeNull();
    expect(s.notes).toContainEqual({ kind: 'info', message: 'git is not installed: files listed from disk, history unavailable' });
  });

  it('puts the origin URL, without credentials, in metadata', async () => {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Init', files: { 'a.py': '1\n' } }]);
    git(dir, ['remote', 'add', 'origin', 'https://user:ghp_secret@github.com/ada/mnist-cnn.git']);
    const s = await localSnapshot(dir);
    expect(s.metadata).toEqual({ url: 'https://github.com/ada/mnist-cnn' });
  });
});

describe('localSnapshot: reading files', () => {
  async function repoWith(files: Record<string, string | Uint8Array>): Promise<{ dir: string; s: RepoSnapshot }> {
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Add files', files }]);
    return { dir, s: await localSnapshot(dir) };
  }

  it('reads a notebook as cells, code cells as text', async () => {
    const { s } = await repoWith({ 'nb/train.ipynb': NOTEBOOK });
    const f = await s.read('nb/train.ipynb');
    expect(f?.cells).toEqual([
      { index: 1, type: 'markdown', source: '# Training\nFits the model.' },
      { index: 2, type: 'code', source: 'import torch\nmodel.fit(x)' },
      { index: 3, type: 'code', source: 'evaluate(model)' },
    ]);
    expect(f?.text).toBe('import torch\nmodel.fit(x)\nevaluate(model)');
    expect(s.notes).toEqual([]);
  });

  it('skips binary files, LFS pointers and non-UTF-8 text with notes', async () => {
    const { s } = await repoWith({
      'model.pt': new Uint8Array([0x80, 0x02, 0x00, 0x01, 0x00, 0xff]),
      'data/big.csv': LFS_POINTER,
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), // "café" in Latin-1
      'ok.py': 'print("ok")\n',
    });
    expect(await s.read('model.pt')).toBeNull();
    expect(await s.read('data/big.csv')).toBeNull();
    expect(await s.read('latin1.txt')).toBeNull();
    expect(await s.read('ok.py')).toEqual({ path: 'ok.py', text: 'print("ok")\n' });
    expect(noteKinds(s, 'model.pt')).toEqual(['binary']);
    expect(noteKinds(s, 'data/big.csv')).toEqual(['lfs-pointer']);
    expect(noteKinds(s, 'latin1.txt')).toEqual(['not-utf8']);
    expect(noteKinds(s, 'ok.py')).toEqual([]);
  });

  it('caches results, including null, without repeating notes', async () => {
    const { dir, s } = await repoWith({ 'a.py': 'one\n', 'bin.dat': new Uint8Array([0, 1, 2]) });
    const first = await s.read('a.py');
    writeFileSync(join(dir, 'a.py'), 'changed\n');
    expect(await s.read('a.py')).toBe(first);
    expect(await s.read('bin.dat')).toBeNull();
    expect(await s.read('bin.dat')).toBeNull();
    expect(noteKinds(s, 'bin.dat')).toEqual(['binary']);
  });

  it('returns null without a note for paths that are not in the file list', async () => {
    const { s } = await repoWith({ 'a.py': '1\n', 'sub/b.py': '2\n' });
    for (const p of ['missing.py', '../a.py', 'sub/../a.py', './a.py', '/etc/passwd', 'sub', '']) {
      expect(await s.read(p)).toBeNull();
    }
    expect(s.notes).toEqual([]);
  });

  it('follows symlinks inside the repository and skips those leading out of it', async () => {
    const outside = tmpDir();
    writeFileSync(join(outside, 'secret.txt'), 'do not read\n');
    mkdirSync(join(outside, 'inner'));
    writeFileSync(join(outside, 'inner', 'x.py'), 'outside x\n');
    const dir = tmpDir();
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Init', files: { 'src/real.py': 'real\n', 'inner/x.py': 'inside x\n' } }]);
    symlinkSync('src/real.py', join(dir, 'link-in.py'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link-out.txt'));
    symlinkSync('../../../../../../../../../../../../etc/hostname', join(dir, 'link-up.txt'));
    symlinkSync('does-not-exist.py', join(dir, 'dangling.py'));
    commitAll(dir, 'Add links');
    // After the commit, a tracked directory is swapped for a link leaving the repo.
    rmSync(join(dir, 'inner'), { recursive: true });
    symlinkSync(join(outside, 'inner'), join(dir, 'inner'));

    const s = await localSnapshot(dir);
    expect(s.files.map((f) => f.path)).toEqual(['dangling.py', 'inner/x.py', 'link-in.py', 'link-out.txt', 'link-up.txt', 'src/real.py']);
    expect(await s.read('link-in.py')).toEqual({ path: 'link-in.py', text: 'real\n' });
    for (const p of ['link-out.txt', 'link-up.txt', 'dangling.py', 'inner/x.py']) {
      expect(await s.read(p)).toBeNull();
      expect(noteKinds(s, p)).toEqual(['symlink-outside']);
    }
    expect(JSON.stringify(s.notes)).not.toContain(outside); // no local paths leak into notes
  });

  it('gives the first bytes of a listed file inside the repository (head), binary too, and none past the text cap', async () => {
    const outside = tmpDir();
    writeFileSync(join(outside, 'secret.bin'), new Uint8Array([1, 0, 2]));
    const dir = tmpDir();
    const big = new Uint8Array(HEAD_BYTES + 10).fill(7);
    buildGitRepo(dir, [{ date: '2025-03-01T10:00:00Z', message: 'Init', files: { 'data/x.bin': new Uint8Array([0x93, 0x4e, 0, 1]), 'data/big.bin': big } }]);
    writeFileSync(join(dir, 'data/huge.bin'), new Uint8Array(MAX_TEXT_BYTES + 1));
    symlinkSync(join(outside, 'secret.bin'), join(dir, 'data/out.bin'));
    commitAll(dir, 'Add more');
    const s = await localSnapshot(dir);
    expect(await s.head!('data/x.bin')).toEqual(new Uint8Array([0x93, 0x4e, 0, 1]));
    expect((await s.head!('data/big.bin'))?.length).toBe(HEAD_BYTES);
    for (const p of ['data/huge.bin', 'data/out.bin', 'data/missing.bin', '../x.bin']) expect(await s.head!(p)).toBeNull();
    expect(s.notes).toEqual([]);
  });

  it('skips files over the size cap without reading them', async () => {
    const dir = tmpDir();
    writeTree(dir, { 'small.py': 'x\n', 'nb.ipynb': NOTEBOOK });
    // A sparse 3 GB file: reading it whole would fail (or exhaust memory); stat alone must reject it.
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    writeFileSync(join(dir, 'just-over.txt'), 'a'.repeat(MAX_TEXT_BYTES + 1));
    // Notebooks have a larger cap: 2 MB of outputs is fine.
    const bigNb = JSON.parse(NOTEBOOK) as { cells: Array<{ outputs?: unknown[] }> };
    bigNb.cells[1]!.outputs = [{ output_type: 'display_data', data: { 'image/png': 'A'.repeat(2 * 1024 * 1024) } }];
    writeFileSync(join(dir, 'big.ipynb'), JSON.stringify(bigNb));
    const s = await localSnapshot(dir);
    expect(s.files.find((f) => f.path === 'huge.csv')?.size).toBe(3 * 1024 ** 3);
    expect(await s.read('huge.csv')).toBeNull();
    expect(await s.read('just-over.txt')).toBeNull();
    expect(noteKinds(s, 'huge.csv')).toEqual(['too-large']);
    expect(noteKinds(s, 'just-over.txt')).toEqual(['too-large']);
    expect((await s.read('big.ipynb'))?.cells).toHaveLength(3);
  });

  it('reads a notebook over its cap as a stream (its code cells), and notes one it cannot read that way as too large', async () => {
    const dir = tmpDir();
    const big = JSON.parse(NOTEBOOK) as { cells: Array<{ outputs?: unknown[] }> };
    big.cells[1]!.outputs = [{ output_type: 'display_data', data: { 'image/png': 'A'.repeat(sizeCapFor('x.ipynb') + 1024) } }];
    writeTree(dir, { 'big.ipynb': JSON.stringify(big), 'broken.ipynb': JSON.stringify(big).slice(0, -2) });
    const s = await localSnapshot(dir);
    expect((await s.read('big.ipynb'))?.cells).toHaveLength(3);
    expect(await s.read('broken.ipynb')).toBeNull();
    expect(s.notes.map((n) => [n.path, n.kind])).toEqual([['broken.ipynb', 'too-large']]);
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('notes unreadable files', async () => {
    const dir = tmpDir();
    writeTree(dir, { 'locked.py': 'x\n' });
    chmodSync(join(dir, 'locked.py'), 0o000);
    const s = await localSnapshot(dir);
    expect(await s.read('locked.py')).toBeNull();
    expect(noteKinds(s, 'locked.py')).toEqual(['unreadable']);
    chmodSync(join(dir, 'locked.py'), 0o644);
  });

  it('notes files that turned into something unreadable after listing', async () => {
    const dir = tmpDir();
    writeTree(dir, { 'was-file.py': 'x\n', 'gone.py': 'y\n' });
    const s = await localSnapshot(dir);
    rmSync(join(dir, 'was-file.py'));
    mkdirSync(join(dir, 'was-file.py'));
    rmSync(join(dir, 'gone.py'));
    expect(await s.read('was-file.py')).toBeNull();
    expect(await s.read('gone.py')).toBeNull();
    expect(noteKinds(s, 'was-file.py')).toEqual(['unreadable']);
    expect(noteKinds(s, 'gone.py')).toEqual(['unreadable']);
  });
});

describe('localSnapshot: plain directory', () => {
  it('walks the tree, applying root and nested .gitignore files, skipping .git', async () => {
    const dir = tmpDir();
    writeTree(dir, {
      '.gitignore': '*.log\n/data/\n__pycache__/\n',
      'train.py': 'fit()\n',
      'run.log': 'ignored\n',
      'data/raw.csv': 'ignored dir at the root\n',
      'src/data/schema.py': 'not ignored: /data/ is anchored\n',
      'src/__pycache__/m.pyc': 'ignored dir anywhere',
      'sub/.gitignore': 'secret.txt\n!keep.log\n/only-here.md\n',
      'sub/secret.txt': 'ignored by the nested file\n',
      'sub/deeper/secret.txt': 'nested rules apply below their dir\n',
      'sub/keep.log': 're-included by the nested file\n',
      'sub/other.log': 'still ignored by the root file\n',
      'sub/only-here.md': 'anchored to sub/\n',
      'sub/deeper/only-here.md': 'not matched by the anchored rule\n',
      'other/secret.txt': 'the nested rule does not apply here\n',
      '.git': 'not a gitdir\n', // a stray .git file makes this no repository; it must not be listed
    });
    const s = await localSnapshot(dir);
    expect(s.files.map((f) => f.path)).toEqual([
      '.gitignore',
      'other/secret.txt',
      'src/data/schema.py',
      'sub/.gitignore',
      'sub/deeper/only-here.md',
      'sub/keep.log',
      'train.py',
    ]);
    expect(s.files.find((f) => f.path === 'train.py')?.size).toBe(6);
    expect(s.commit).toBeNull();
    expect(s.history).toEqual({ commits: [], shallow: false, truncated: false, totalCount: 0 });
    expect((await s.read('src/data/schema.py'))?.text).toBe('not ignored: /data/ is anchored\n');
    expect(await s.read('run.log')).toBeNull();
  });

  it('lists symlinks and follows those that stay inside', async () => {
    const dir = tmpDir();
    const outside = tmpDir();
    writeFileSync(join(outside, 'x.txt'), 'outside\n');
    writeTree(dir, { 'a/real.md': 'hello\n' });
    symlinkSync('a/real.md', join(dir, 'in.md'));
    symlinkSync(join(outside, 'x.txt'), join(dir, 'out.txt'));
    symlinkSync(outside, join(dir, 'outdir')); // a link to a directory is one entry, like git stores it
    const s = await localSnapshot(dir);
    expect(s.files.map((f) => f.path)).toEqual(['a/real.md', 'in.md', 'out.txt', 'outdir']);
    expect((await s.read('in.md'))?.text).toBe('hello\n');
    expect(await s.read('out.txt')).toBeNull();
    expect(await s.read('outdir')).toBeNull();
    expect(noteKinds(s, 'out.txt')).toEqual(['symlink-outside']);
  });
});

describe('helpers', () => {
  it('publicUrl turns remotes into browsable URLs without credentials', () => {
    expect(publicUrl('git@github.com:ada/proj.git')).toBe('https://github.com/ada/proj');
    expect(publicUrl('https://x-access-token:abc@github.com/ada/proj.git')).toBe('https://github.com/ada/proj');
    expect(publicUrl('ssh://git@gitlab.com:2222/group/sub/proj.git')).toBe('https://gitlab.com/group/sub/proj');
    expect(publicUrl('/srv/git/proj.git')).toBeUndefined();
    expect(publicUrl('file:///srv/git/proj.git')).toBeUndefined();
  });

  it('comparePaths orders by UTF-8 bytes', () => {
    const paths = ['b', 'a/b', 'a', '\u{1F600}.py', '\uFF21.py', 'A', 'a.b'];
    const bytes = [...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...paths].sort(comparePaths)).toEqual(bytes);
  });
});

describe('a one-shot upload padded with many later commits', () => {
  it('is still seen by the one-shot rule: the oldest commits are counted beyond the newest-N window', async () => {
    const { loadRules } = await import('../../src/rules/load.js');
    const { createProbeContext } = await import('../../src/probes/context.js');
    const { PROBES } = await import('../../src/probes/index.js');
    const dir = tmpDir();
    const upload: Record<string, string> = {};
    for (let i = 0; i < 40; i++) upload[`src/module_${i}.py`] = `def f():\n    return ${i}\n`;
    const commits: FixtureCommit[] = [{ date: '2025-01-01T10:00:00Z', message: 'Add files via upload', files: upload }];
    // 24 quick commits over two days: not the sustained work that would outweigh an upload.
    for (let i = 0; i < 24; i++) commits.push({ date: `2025-01-0${2 + (i % 2)}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:00:00Z`, message: `Tweak ${i}`, files: { 'notes.md': `${i}\n` } });
    buildGitRepo(dir, commits);
    const rule = loadRules().rules.find((r) => r.id === 'history-one-shot')!;
    const score = async (oldestCounted: number) => {
      // A window of 5 stands in for the default 300, so 24 padding commits stand in for hundreds.
      const s = await localSnapshot(dir, { filesChangedLimit: 5, oldestCounted });
      return (await PROBES[rule.probe].run(rule.params, createProbeContext(s, new Date('2025-02-01')))).score;
    };
    expect(await score(0)).toBeGreaterThanOrEqual(0.5); // without counting the oldest commits the dump is invisible
    expect(await score(50)).toBeLessThan(0.5);
  });
});

describe('localSnapshot: a history that cannot be read', () => {
  /** A repo whose oldest commit object is gone: HEAD and the index read fine, `git log` fails walking back. */
  function brokenHistory(): string {
    const dir = tmpDir();
    buildGitRepo(dir, [
      { date: '2025-03-01T10:00:00Z', message: 'Add loader', files: { 'a.py': '1\n' } },
      { date: '2025-03-02T10:00:00Z', message: 'Add model', files: { 'b.py': '2\n' } },
    ]);
    const first = git(dir, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    rmSync(join(dir, '.git', 'objects', first.slice(0, 2), first.slice(2)));
    return dir;
  }

  it('fails the snapshot, or its historyReady when the history is deferred, naming git log', async () => {
    const dir = brokenHistory();
    await expect(localSnapshot(dir)).rejects.toThrow(/git log failed/);
    const early = await localSnapshot(dir, { deferred: true });
    expect(early.files.map((f) => f.path)).toEqual(['a.py', 'b.py']);
    await expect(early.historyReady).rejects.toThrow(/git log failed/);
  });

  it('costs only that repo its result in a run of several', async () => {
    const { auditTargets } = await import('../../src/run.js');
    const good = tmpDir();
    buildGitRepo(good, [{ date: '2025-03-01T10:00:00Z', message: 'Add train.py', files: { 'train.py': 'model.fit(X, y)\n' } }]);
    const report = await auditTargets({ targets: [brokenHistory(), good], now: new Date('2026-01-01') });
    expect(report.repos.map((r) => r.status)).toEqual(['error', 'ok']);
    expect(report.repos[0].reason).toMatch(/git log failed/);
  });
});
