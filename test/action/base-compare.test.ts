import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditBaseCommit, checkoutBase, compareReports, FETCH_DEPTH_FIX, ruleState, scoreLine, signed } from '../../src/action/base-compare.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { strongProjectCommits } from '../../src/demo/samples.js';
import { repoReport, rule } from '../helpers/fake-github/sample-report.js';
import { tmpDir } from '../helpers/tmp.js';

const tmp = () => tmpDir('mlpa-base-');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

function twoCommitRepo(dir: string): { base: string; head: string } {
  const head = buildGitRepo(dir, [
    { date: '2025-01-01T10:00:00Z', message: 'base', files: { 'app/README.md': 'base readme\n' } },
    { date: '2025-01-02T10:00:00Z', message: 'head', files: { 'app/README.md': 'head readme\n', 'app/new.py': 'x = 1\n' } },
  ]);
  return { base: git(dir, 'rev-parse', 'HEAD~1'), head };
}

describe('score change', () => {
  it('"score 62 → 71 (+9)", signs and rule states', () => {
    expect(scoreLine({ base: { score: 62, grade: 'C', commit: null }, head: { score: 71, grade: 'B', commit: null }, delta: 9 })).toBe('score 62 → 71 (+9)');
    expect(signed(-3.5)).toBe('-3.5');
    expect(signed(0)).toBe('±0');
    expect(ruleState(rule('a', 1))).toBe('pass');
    expect(ruleState(rule('a', 0.99))).toBe('pass');
    expect(ruleState(rule('a', 0.5))).toBe('partial');
    expect(ruleState(rule('a', 0.49))).toBe('fail');
    expect(ruleState(rule('a', null))).toBe('not measurable');
    expect(ruleState(undefined)).toBe('absent');
  });

  it('lists rules that newly pass or fail, other moves and stage changes', () => {
    // `same` keeps its result; only its points move (another rule changed the total weight): not a change.
    const base = repoReport('r', 62, [rule('a', 0), rule('b', 1), rule('c', 0.6), rule('gone', 1), rule('same', 1, { points: 3.1 })], { detected: ['data', 'deployment'] });
    const head = repoReport('r', 71.5, [rule('a', 1), rule('b', 0.1), rule('c', 0.7), rule('new', 0), rule('same', 1, { points: 3 })], { detected: ['data', 'training'] });
    const c = compareReports(base, head);
    expect(c.delta).toBe(9.5);
    expect(c.newlyPassing.map((x) => x.id)).toEqual(['a']);
    expect(c.newlyFailing.map((x) => [x.id, x.from])).toEqual([['b', 'pass'], ['new', 'absent']]);
    expect(c.otherChanges.map((x) => [x.id, x.from, x.to])).toEqual([['gone', 'pass', 'absent'], ['c', 'partial', 'partial']]);
    expect(c.stagesGained).toEqual(['training']);
    expect(c.stagesLost).toEqual(['deployment']);
  });
});

describe('base checkout from the git objects', () => {
  it('checks the base sha out in a worktree (same sub-folder) and removes it afterwards', async () => {
    const root = tmp();
    const repo = join(root, 'repo');
    const { base } = twoCommitRepo(repo);
    const co = await checkoutBase(join(repo, 'app'), base, join(root, 'tmp'));
    if (!co.ok) throw new Error(co.reason);
    expect(readFileSync(join(co.dir, 'README.md'), 'utf8')).toBe('base readme\n');
    expect(existsSync(join(co.dir, 'new.py'))).toBe(false);
    expect(git(co.dir, 'rev-parse', 'HEAD')).toBe(base);
    await co.cleanup();
    expect(existsSync(co.dir)).toBe(false);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('a shallow clone (fetch-depth: 1) lacks the base objects: says so, with the fetch-depth: 0 fix', async () => {
    const root = tmp();
    const { base } = twoCommitRepo(join(root, 'repo'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${join(root, 'repo')}`, join(root, 'shallow')]);
    const co = await checkoutBase(join(root, 'shallow'), base, join(root, 'tmp'));
    expect(co).toEqual({
      ok: false,
      reason: `the base commit ${base.slice(0, 7)} is not in this checkout (it is a shallow clone: actions/checkout fetches only one commit by default)`,
      fix: FETCH_DEPTH_FIX,
    });
  });

  it('not a git checkout, a bad sha, a project new in the PR', async () => {
    const root = tmp();
    expect(await checkoutBase(root, 'a'.repeat(40), join(root, 'tmp'))).toMatchObject({ ok: false, reason: 'the audited path is not a git checkout' });
    expect(await checkoutBase(root, 'main; rm -rf /', join(root, 'tmp'))).toMatchObject({ ok: false, reason: expect.stringContaining('is not a commit sha') });
    const repo = join(root, 'repo');
    const { base } = twoCommitRepo(repo);
    buildGitRepo(repo, [{ date: '2025-01-03T10:00:00Z', message: 'new project', files: { 'cv/README.md': '# cv\n' } }]);
    const co = await checkoutBase(join(repo, 'cv'), base, join(root, 'tmp'));
    expect(co).toMatchObject({ ok: false, reason: expect.stringContaining('does not exist in the base commit') });
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('audits the base commit with the real rules and names it like the head', async () => {
    const root = tmp();
    const repo = join(root, 'repo');
    const commits = strongProjectCommits();
    buildGitRepo(repo, commits);
    const base = git(repo, 'rev-parse', `HEAD~${commits.length - 4}`);
    const b = await auditBaseCommit({ projectDir: repo, baseSha: base, tempRoot: join(root, 'tmp'), id: 'ada/churn', now: new Date('2025-12-01T00:00:00Z') });
    if (!b.ok) throw new Error(b.reason);
    expect(b.report.repo).toBe('ada/churn');
    expect(b.report.commit).toBe(base);
    expect(b.report.history?.commits).toBe(4);
  });
});
