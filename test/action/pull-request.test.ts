import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerFor } from '../../src/action/comment.js';
import { liveReferences } from '../helpers/render.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import type { Report } from '../../src/report/types.js';
import { installCommitPulls, pullRequestEvent, pushEvent } from '../helpers/fake-github/events.js';
import { FakeAuth, installIdentityRoutes } from '../helpers/fake-github/identity.js';
import { FakeIssues } from '../helpers/fake-github/issues.js';
import type { ActionRun, RunnerContext } from '../helpers/fake-github/runner.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { git, injectedWeakRepo, pullRequestRepo } from '../helpers/action/pull-request-repo.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';


/**
 * The Action on pull requests and pushes, its `run()` in this process (test/helpers/action/in-process.ts: the runner's
 * environment and inputs, @actions/github's context from real webhook payloads, @actions/core recorded), against a real
 * HTTP server on 127.0.0.1 that answers like GitHub (including 403 on GET /user for the Actions token and on writes
 * for a fork's token), on real git checkouts (a full clone, and a shallow one like actions/checkout's default).
 * The bundle itself, run as the runner runs it, is tested in e2e.test.ts.
 */

const OWNER = 'ada';
const REPO = 'churn-radar';
const WORKFLOW_TOKEN = 'ghs_WorkflowToken0123456789abcdefABCDEF';
const FORK_TOKEN = 'ghs_ReadOnlyForkToken0123456789abcdefAB';
const MARKER = markerFor('.');

const gh = new FakeGitHub();
const auth = new FakeAuth({
  [WORKFLOW_TOKEN]: { kind: 'installation', slug: 'github-actions' },
  [FORK_TOKEN]: { kind: 'installation', slug: 'github-actions', readOnly: true },
});
installIdentityRoutes(gh, auth);
const issues = new FakeIssues(gh, auth);
const openPulls: Array<Record<string, any>> = [];
installCommitPulls(gh, auth, openPulls);

let apiUrl = '';
let origin = '';
let full = '';
let baseSha = '';
let headSha = '';


beforeAll(async () => {
  apiUrl = await gh.start();
  ({ origin, full, baseSha, headSha } = pullRequestRepo());
  openPulls.push(pullRequestEvent({ owner: OWNER, repo: REPO, number: 12, baseSha, headSha }).pull_request);
});

afterAll(() => gh.stop());

function prContext(o: { number: number; token?: string; workspace?: string; fork?: boolean }): RunnerContext {
  return {
    workspace: o.workspace ?? full,
    eventName: 'pull_request',
    payload: pullRequestEvent({ owner: OWNER, repo: REPO, number: o.number, baseSha, headSha, ...(o.fork ? { forkOwner: 'mallory' } : {}) }),
    repository: `${OWNER}/${REPO}`,
    sha: headSha,
    apiUrl,
    token: o.token ?? WORKFLOW_TOKEN,
  };
}

/** The token may appear only in the runner's add-mask command (the runner swallows it), nowhere else. */
function tokenNeverLogged(run: ActionRun, token: string): void {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes(token));
  expect(lines).toEqual([`::add-mask::${token}`]);
  expect(run.summary).not.toContain(token);
}

function explain(run: ActionRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

const apiCalls = (from: number): string[] => gh.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe('the action on pull requests and pushes', () => {
  let firstUrl = '';
  it('first run on a pull request: creates the comment with the score change, writes outputs, summary and report', async () => {
    const from = gh.requests.length;
    const run = await runInProcess(prContext({ number: 7 }));
    expect(run.code, explain(run)).toBe(0);

    // Identity without GET /user: GitHub's 403 for the Actions token, then the GraphQL viewer.
    const calls = apiCalls(from);
    expect(calls.slice(0, 2)).toEqual(['GET /user', 'POST /graphql']);
    expect(calls).toContain(`GET /repos/${OWNER}/${REPO}/issues/7/comments`);
    expect(calls.filter((c) => c.startsWith('POST /repos'))).toEqual([`POST /repos/${OWNER}/${REPO}/issues/7/comments`]);

    const comments = issues.list(OWNER, REPO, 7);
    expect(comments).toHaveLength(1);
    const body = comments[0].body ?? '';
    expect(comments[0].user?.login).toBe('github-actions[bot]');
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toMatch(/## ML portfolio audit — [\d.]+\/100 \([A-F]\)/);
    expect(body).toMatch(/\*\*score [\d.]+ → [\d.]+ \(\+[\d.]+\)\*\*/);
    expect(body).toContain('### What this pull request changed');
    expect(body).toContain('✅ **Now passing');
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).not.toMatch(/@[A-Za-z0-9]/); // e-mail addresses, decorators: no live @mentions

    // Outputs in the runner's heredoc format, each one set.
    expect(Object.keys(run.outputs).sort()).toEqual([
      'badge-path', 'base-score', 'comment-url', 'grade', 'html-artifact-id', 'html-artifact-url', 'html-path', 'report-path', 'sarif-path', 'score',
    ]);
    const out = run.outputs;
    expect(out.grade).toMatch(/^[A-F]$/);
    expect(Number(out.score)).toBeGreaterThan(Number(out['base-score']));
    expect(out['comment-url']).toBe(comments[0].html_url);
    firstUrl = out['comment-url'];
    const report = JSON.parse(readFileSync(out['report-path'], 'utf8')) as Report;
    expect(report.schemaVersion).toBe(2);
    expect(report.repos[0]).toMatchObject({ repo: `${OWNER}/${REPO}`, commit: headSha, score: Number(out.score), grade: out.grade });
    // The badge, next to the report, shows the same score and grade; no SARIF file unless asked for.
    expect(out['badge-path']).toBe(join(dirname(out['report-path']), 'badge.svg'));
    expect(readFileSync(out['badge-path'], 'utf8')).toContain(`aria-label="ML portfolio: ${out.score} · ${out.grade}"`);
    expect(out['sarif-path']).toBe('');
    // The HTML report, next to the JSON report (needs the rebuilt dist/).
    expect(out['html-path']).toBe(join(dirname(out['report-path']), 'report.html'));
    expect(readFileSync(out['html-path'], 'utf8')).toContain(`${out.score}/100`);

    expect(run.summary).toContain('## ML portfolio audit');
    expect(run.summary).toMatch(/score [\d.]+ → [\d.]+/);
    expect(run.summary).not.toContain(MARKER);
    expect(run.summary).toContain(`> 💬 Posted [the comment on pull request #7](${firstUrl}).`);
    expect(run.stdout).toContain(`Pull request #7: score ${out['base-score']} → ${out.score}`);
    tokenNeverLogged(run, WORKFLOW_TOKEN);
  });

  it('second run: updates the same comment in place, no duplicate', async () => {
    const from = gh.requests.length;
    const run = await runInProcess(prContext({ number: 7 }));
    expect(run.code, explain(run)).toBe(0);
    const comments = issues.list(OWNER, REPO, 7);
    expect(comments).toHaveLength(1);
    expect(run.outputs['comment-url']).toBe(firstUrl);
    const calls = apiCalls(from);
    expect(calls).toContain(`PATCH /repos/${OWNER}/${REPO}/issues/comments/${comments[0].id}`);
    expect(calls.filter((c) => c.startsWith('POST /repos'))).toEqual([]);
    expect(run.stdout).toContain(`Updated the pull request comment ${firstUrl}`);
  });

  it("a comment by another user that carries the marker is left alone", async () => {
    const planted = issues.seed(OWNER, REPO, 8, 'mallory', `${MARKER}\n## ML portfolio audit — 100/100 (A)`);
    const from = gh.requests.length;
    const run = await runInProcess(prContext({ number: 8 }));
    expect(run.code, explain(run)).toBe(0);
    const comments = issues.list(OWNER, REPO, 8);
    expect(comments.map((c) => c.user?.login)).toEqual(['mallory', 'github-actions[bot]']);
    expect(comments[0].body).toBe(`${MARKER}\n## ML portfolio audit — 100/100 (A)`);
    expect(apiCalls(from).filter((c) => c.includes(`/comments/${planted.id}`))).toEqual([]);
  });

  it("a fork's pull request (read-only token): 403 on posting, everything goes to the job summary, exit 0", async () => {
    const run = await runInProcess(prContext({ number: 9, token: FORK_TOKEN, fork: true }));
    expect(run.code, explain(run)).toBe(0);
    expect(issues.list(OWNER, REPO, 9)).toEqual([]);
    const warnings = run.commands.filter((c) => c.name === 'warning').map((c) => c.message);
    expect(warnings.some((w) => w.includes('GitHub answered 403 (Resource not accessible by integration)') && w.includes('comes from a fork') && w.includes('job summary'))).toBe(true);
    expect(run.commands.filter((c) => c.name === 'error')).toEqual([]);
    expect(run.outputs['comment-url']).toBe('');
    expect(run.summary).toContain('The pull request comment could not be posted (GitHub answered 403: fork pull requests get a read-only token)');
    expect(run.summary).toMatch(/score [\d.]+ → [\d.]+/);
    expect(run.summary).toContain('Evidence for');
    tokenNeverLogged(run, FORK_TOKEN);
  });

  it('a head that cannot be audited (a broken config): the comment says so instead of keeping an old score; the step fails', async () => {
    const ws = join(tmpDir('mlpa-e2e-broken-'), 'ws');
    execFileSync('git', ['clone', '-q', `file://${origin}`, ws]);
    expect((await runInProcess(prContext({ number: 11, workspace: ws }))).code).toBe(0);
    expect(issues.list(OWNER, REPO, 11)[0]?.body).toContain('ML portfolio audit —');
    writeFileSync(join(ws, '.ml-portfolio-audit.yml'), 'rules:\n  no-such-rule: {weight: 1}\n');
    const run = await runInProcess(prContext({ number: 11, workspace: ws }));
    expect(run.code).toBe(1);
    const comments = issues.list(OWNER, REPO, 11);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('could not audit this pull request');
    expect(comments[0].body).toContain('rules.no-such-rule: no such rule');
  });

  it('a broken `config` input: the comment, the summary and the outputs say the audit failed; no old score stays up', async () => {
    const ws = join(tmpDir('mlpa-e2e-badcfg-'), 'ws');
    execFileSync('git', ['clone', '-q', `file://${origin}`, ws]);
    writeFileSync(join(ws, 'audit.yml'), 'rules:\n  stage-deployment: {weight: 4}\n');
    expect((await runInProcess(prContext({ number: 13, workspace: ws }), { config: 'audit.yml' })).code).toBe(0);
    expect(issues.list(OWNER, REPO, 13)[0]?.body).toMatch(/ML portfolio audit — [\d.]+\/100/);
    writeFileSync(join(ws, 'audit.yml'), 'rules:\n  no-such-rule: {weight: 1}\n');
    const run = await runInProcess(prContext({ number: 13, workspace: ws }), { config: 'audit.yml' });
    expect(run.code).toBe(1);
    const comments = issues.list(OWNER, REPO, 13);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('could not audit this pull request');
    expect(comments[0].body).toContain('rules.no-such-rule: no such rule');
    expect(run.summary).toContain('could not be audited');
    expect(run.outputs).toMatchObject({ score: '', grade: '', 'comment-url': comments[0].html_url });
    expect(existsSync(run.outputs['report-path'])).toBe(true);
    // Said once: the failed step's error, not also a separate error line.
    expect(run.commands.filter((c) => c.name === 'error')).toHaveLength(1);
  });

  it('the `api-url` input is used for the pull request comment too (not only GITHUB_API_URL)', async () => {
    const ctx = { ...prContext({ number: 14 }), apiUrl: 'http://127.0.0.1:9' }; // the runner's URL points nowhere
    const run = await runInProcess(ctx, { 'api-url': apiUrl });
    expect(run.code, explain(run)).toBe(0);
    expect(issues.list(OWNER, REPO, 14)).toHaveLength(1);
    expect(run.outputs['comment-url']).toBe(issues.list(OWNER, REPO, 14)[0].html_url);
  });

  it('a shallow checkout (fetch-depth: 1): the comment says the base commit is missing and how to fix it', async () => {
    const shallow = join(tmpDir('mlpa-e2e-shallow-'), 'ws');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, shallow]);
    const run = await runInProcess(prContext({ number: 10, workspace: shallow }));
    expect(run.code, explain(run)).toBe(0);
    const body = issues.list(OWNER, REPO, 10)[0]?.body ?? '';
    expect(body).toContain(`Not measured: the base commit ${baseSha.slice(0, 7)} is not in this checkout \\(it is a shallow clone`);
    expect(body).toContain('To see the score change, set `fetch-depth: 0` on actions/checkout');
    expect(body).toContain('fetch-depth: 0');
    expect(body).toContain('History rules not measurable');
    expect(run.outputs['base-score']).toBe('');
    expect(run.commands.some((c) => c.name === 'warning' && c.message.startsWith('Score change not measured'))).toBe(true);
  });

  it('README warnings on push: one on each problem line (a broken link, a command in a sentence), none on a working link', async () => {
    const ws = join(tmpDir('mlpa-e2e-annot-'), 'ws');
    const readme = [
      '# Churn Radar',
      '',
      'Predicts which telecom customers are about to cancel, so the retention team can call them first.',
      '',
      'See [the guide](docs/guide.md) and [the notes](docs/notes.md).', // line 5: one working link, one broken
      '',
      '## Installation',
      '',
      'Run: pip install -r requirements.txt', // line 9: a command in a sentence
      '',
    ].join('\n');
    buildGitRepo(ws, [
      { date: '2025-06-10T10:00:00Z', message: 'Start the churn model', files: { 'README.md': readme, 'docs/guide.md': '# Guide\n', 'requirements.txt': 'scikit-learn==1.5.0\n', 'src/train.py': 'model.fit(X, y)\n' } },
    ]);
    const sha = git(ws, 'rev-parse', 'HEAD');
    const run = await runInProcess({
      workspace: ws,
      eventName: 'push',
      payload: pushEvent({ owner: OWNER, repo: 'churn', before: '0'.repeat(40), after: sha }),
      repository: `${OWNER}/churn`,
      sha,
      apiUrl,
      token: WORKFLOW_TOKEN,
    });
    expect(run.code, explain(run)).toBe(0);
    const onReadme = run.commands.filter((c) => c.name === 'warning' && c.props.includes('file=README.md'));
    const at = (line: number) => onReadme.filter((c) => new RegExp(`(^|,)line=${line}(,|$)`).test(c.props)).map((c) => c.message);
    expect(at(5)).toEqual([expect.stringMatching(/^link `docs\/notes\.md` — no such file in the repo — /)]);
    expect(at(9)).toEqual([expect.stringMatching(/^install command as plain text \(put it in a code block\)/)]);
    expect(onReadme.filter((c) => c.message.includes('docs/guide.md'))).toEqual([]);
    // Every warning is on a line the JSON report marks as a problem.
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    const problemLines = new Set(audited(report.repos[0]).rules.flatMap((r) => r.evidence.filter((e) => e.problem && e.path === 'README.md').map((e) => e.line)));
    for (const c of onReadme) expect(problemLines.has(Number(/(?:^|,)line=(\d+)/.exec(c.props)?.[1]))).toBe(true);
  });

  it('an empty workspace is skipped with a warning: no made-up score 0 / grade F in the outputs', async () => {
    const empty = join(tmpDir('mlpa-e2e-empty-'), 'ws');
    buildGitRepo(empty, []);
    const run = await runInProcess({
      workspace: empty,
      eventName: 'push',
      payload: pushEvent({ owner: OWNER, repo: 'empty', before: '0'.repeat(40), after: '1'.repeat(40) }),
      repository: `${OWNER}/empty`,
      sha: '1'.repeat(40),
      apiUrl,
      token: WORKFLOW_TOKEN,
    });
    expect(run.code, explain(run)).toBe(0);
    expect(run.outputs).toMatchObject({ score: '', grade: '' });
    expect(run.commands.some((c) => c.name === 'warning' && /was not audited: empty repository/.test(c.message))).toBe(true);
  });

  it('a github-token with a line break: the step fails naming the input; each line is masked and appears nowhere else', async () => {
    const first = 'ghs_e2eFIRSTline0123';
    const second = 'e2eSECONDline4567';
    const before = gh.requests.length;
    const run = await runInProcess({ ...prContext({ number: 12 }), token: `${first}\n${second}` });
    expect(run.code, explain(run)).toBe(1);
    const errors = run.commands.filter((c) => c.name === 'error').map((c) => c.message);
    expect(errors).toEqual([expect.stringMatching(/^ml-portfolio-audit: invalid input: Input "github-token": the token contains a line break/)]);
    const out = `${run.stdout}\n${run.stderr}`.split('\n');
    for (const piece of [first, second]) {
      expect(out.filter((l) => l.includes(piece))).toEqual(expect.arrayContaining([`::add-mask::${piece}`]));
      expect(out.filter((l) => l.includes(piece) && !l.startsWith('::add-mask::'))).toEqual([]);
      expect(run.summary).not.toContain(piece);
    }
    expect(gh.requests.length - before).toBe(0);
  });

  it('fail-under: a score below it fails the step, naming the rules to fix; outputs are still written', async () => {
    const { dir: weak, sha } = injectedWeakRepo();
    const run = await runInProcess(
      { workspace: weak, eventName: 'push', payload: pushEvent({ owner: OWNER, repo: 'house-prices', before: '0'.repeat(40), after: sha }), repository: `${OWNER}/house-prices`, sha, apiUrl, token: WORKFLOW_TOKEN },
      { 'fail-under': '99' },
    );
    expect(run.code, explain(run)).toBe(1);
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    const errors = run.commands.filter((c) => c.name === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${OWNER}/house-prices scores ${run.outputs.score}, below input "fail-under" = 99.`);
    expect(errors[0]).toContain('Fix these first (the comment and the report say how):');
    // The fix-first groups, best first, each with its exact gain and its rules.
    const top = audited(report.repos[0]).fixFirst!.groups[0];
    expect(errors[0]).toContain(`1. ${top.title}: +${top.gain}`);
    expect(errors[0]).toContain(`${top.rules[0].rule} +${top.rules[0].gain}`);
    expect(run.outputs.grade).toMatch(/^[A-F]$/);
    // Untrusted text from the repo never becomes a workflow command, a mention or HTML.
    expect(run.stdout).not.toMatch(/^::error file=x::/m);
    expect(run.stdout).not.toContain('::error::injected');
    expect(run.summary).toContain('octocat'); // the README line is quoted as evidence…
    expect(run.summary).not.toContain('@octocat'); // …but the mention is not live
    expect(run.summary).not.toContain('<script>');
    // …nor a live issue reference, here or in another repository (each would leave a backlink there).
    expect(liveReferences(run.summary)).toEqual([]);
  });

  it('comment: always on a push to a pull request branch: finds the pull request and comments there', async () => {
    const run = await runInProcess(
      { ...prContext({ number: 0 }), eventName: 'push', payload: pushEvent({ owner: OWNER, repo: REPO, before: baseSha, after: headSha }) },
      { comment: 'always' },
    );
    expect(run.code, explain(run)).toBe(0);
    const body = issues.list(OWNER, REPO, 12)[0]?.body ?? '';
    expect(body).toMatch(/\*\*score [\d.]+ → [\d.]+ \(\+[\d.]+\)\*\*/);
    expect(run.outputs['comment-url']).toBe(issues.list(OWNER, REPO, 12)[0].html_url);
  });

  it('a push event: summary only, no API calls', async () => {
    const from = gh.requests.length;
    const run = await runInProcess({ ...prContext({ number: 0 }), eventName: 'push', payload: pushEvent({ owner: OWNER, repo: REPO, before: baseSha, after: headSha }) });
    expect(run.code, explain(run)).toBe(0);
    expect(apiCalls(from)).toEqual([]);
    expect(run.summary).toContain('## ML portfolio audit');
    expect(run.summary).not.toContain('What this pull request changed');
    expect(run.outputs['comment-url']).toBe('');
    expect(existsSync(run.outputs['report-path'])).toBe(true);
  });

  it.each([
    [{ 'fail-under': 'abc' }, 'Input "fail-under": expected a number from 0 to 100 (or empty to never fail), got "abc"'],
    [{ comment: 'sometimes' }, 'Input "comment": unknown mode "sometimes"; allowed: auto'],
    [{ path: 'no/such/dir' }, 'Input "path": "no/such/dir" does not exist'],
  ])('invalid input %j fails naming the input and the allowed values', async (inputs, message) => {
    const from = gh.requests.length;
    const run = await runInProcess(prContext({ number: 11 }), inputs);
    expect(run.code, explain(run)).toBe(1);
    const errors = run.commands.filter((c) => c.name === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(apiCalls(from)).toEqual([]);
  });
});
