import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareReports, FETCH_DEPTH_FIX, mergeBase } from '../../src/action/base-compare.js';
import { commentBody } from '../../src/action/body.js';
import { markerFor } from '../../src/action/comment.js';
import { readEvent } from '../../src/action/event.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { pullRequestEvent } from '../helpers/fake-github/events.js';
import { reportOf, repoReport, rule } from '../helpers/fake-github/sample-report.js';
import { tmpDir } from '../helpers/tmp.js';

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const HEAD = '1234567'.padEnd(40, 'a');
const BASE = '7654321'.padEnd(40, 'b');
const MERGE = 'fedcba9'.padEnd(40, 'c');

describe('the pull request comment names the head commit, not the merge commit', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it("reads pull_request.head.sha from a real pull_request payload, through @actions/github's context", async () => {
    const dir = tmpDir('mlpa-event-');
    const file = join(dir, 'event.json');
    writeFileSync(file, JSON.stringify(pullRequestEvent({ owner: 'ada', repo: 'churn', number: 7, baseSha: BASE, headSha: HEAD, forkOwner: 'mallory' })));
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'ada/churn', GITHUB_SHA: MERGE };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    // The Context class, as @actions/github builds its `context` from the runner's environment.
    const { context } = await import('@actions/github');
    const ev = readEvent(new (context.constructor as new () => typeof context)());
    expect(ev).toMatchObject({ name: 'pull_request', owner: 'ada', repo: 'churn' });
    expect(ev.sha).toBe(MERGE); // what actions/checkout checked out: refs/pull/7/merge
    expect(ev.pr).toEqual({ number: 7, headSha: HEAD, baseSha: BASE, fork: true });
    // No GITHUB_REPOSITORY: the payload's repository.
    vi.stubEnv('GITHUB_REPOSITORY', '');
    expect(readEvent(new (context.constructor as new () => typeof context)())).toMatchObject({ owner: 'ada', repo: 'churn' });
  });

  it('the headline and footer name the head commit when given; else the audited one', () => {
    const r = { ...repoReport('ada/churn', 80, [rule('a', 0)]), commit: MERGE };
    const base = { kind: 'compared' as const, baseSha: BASE, change: compareReports({ ...repoReport('ada/churn', 70, [rule('a', 0)]), commit: BASE }, r) };
    const input = { report: reportOf(r), repo: r, base: { kind: 'none' as const }, topFixes: 3, marker: markerFor('.') };
    const named = commentBody({ ...input, headSha: HEAD }).text;
    expect(named).toContain('at <code>1234567</code>');
    expect(named).not.toContain('fedcba9');
    const footer = commentBody({ ...input, base, headSha: HEAD }).text;
    expect(footer).toContain('base 7654321 → head 1234567');
    expect(commentBody(input).text).toContain('at <code>fedcba9</code>');
  });
});

describe('comment: always on a push compares with the merge base', () => {
  it('is the commit where the branch left the base branch, not the base branch’s tip', async () => {
    const dir = tmpDir('mlpa-mergebase-');
    buildGitRepo(dir, [{ date: '2025-01-01T10:00:00Z', message: 'start', files: { 'README.md': 'start\n' } }]);
    const forkPoint = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', '-b', 'feature');
    buildGitRepo(dir, [{ date: '2025-01-02T10:00:00Z', message: 'feature work', files: { 'train.py': 'x = 1\n' } }]);
    const head = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', 'main');
    buildGitRepo(dir, [{ date: '2025-01-03T10:00:00Z', message: 'main moves on', files: { 'app.py': 'y = 2\n' } }]);
    const baseTip = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', 'feature');
    expect(await mergeBase(dir, baseTip, head)).toEqual({ ok: true, sha: forkPoint });

    // A shallow clone does not hold it: the reason and the fix, never a wrong base.
    const shallow = join(tmpDir('mlpa-shallow-'), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${dir}`, shallow]);
    const r = await mergeBase(shallow, baseTip, head);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ fix: FETCH_DEPTH_FIX });
  });
});
