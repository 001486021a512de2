import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerFor } from '../../src/action/comment.js';
import type { Report } from '../../src/report/types.js';
import { injectedWeakRepo, pullRequestRepo } from '../helpers/action/pull-request-repo.js';
import { pullRequestEvent, pushEvent } from '../helpers/fake-github/events.js';
import { FakeAuth, installIdentityRoutes } from '../helpers/fake-github/identity.js';
import { FakeArtifactService } from '../helpers/fake-github/artifacts.js';
import { FakeIssues } from '../helpers/fake-github/issues.js';
import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { actionYml, dispatchContext, ROOT, runAction, unpackAction, type ActionRun, type RunnerContext } from '../helpers/fake-github/runner.js';
import { SAMPLE_PORTFOLIO_STATUSES, addSamplePortfolio } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { liveReferences } from '../helpers/render.js';
import { audited } from '../helpers/audited.js';

/**
 * End to end, the way the runner runs the Action: the built dist/index.js, unpacked like the runner unpacks it, in a
 * fresh `node` process (MLPA_ACTION_NODE: node24 on CI, as action.yml says), with the runner's environment and files
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the event payload), against a real HTTP server on 127.0.0.1 that answers like
 * GitHub. What only a real process proves: the bundle finds its rules, runs its audit worker and exits with the right
 * code, and the real @actions/core writes the commands, masks and files the runner reads. The Action's behaviour in
 * every case is tested in process (pull-request.test.ts, portfolio.test.ts, project-config.test.ts, …).
 */

const OWNER = 'ada';
const REPO = 'churn-radar';
const TOKEN = 'ghs_WorkflowToken0123456789abcdefABCDEF';
const MARKER = markerFor('.');

const gh = new FakeGitHub();
const auth = new FakeAuth({ [TOKEN]: { kind: 'installation', slug: 'github-actions' } });
installIdentityRoutes(gh, auth);
const issues = new FakeIssues(gh, auth);
const store = new FakeRepos();
addSamplePortfolio(store);
const artifacts = new FakeArtifactService();

let actionDir = '';
let apiUrl = '';
let full = '';
let baseSha = '';
let headSha = '';

beforeAll(async () => {
  actionDir = unpackAction(); // fails with "run npm run package" when dist/ is missing
  ({ baseUrl: apiUrl } = await startFakeGithub(gh, store));
  await artifacts.start();
  ({ full, baseSha, headSha } = pullRequestRepo());
});

afterAll(async () => {
  await gh.stop();
  await artifacts.stop();
  expect(store.rejectedQueries).toEqual([]);
});

const explain = (run: ActionRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

describe('the bundled action, run as the runner runs it', () => {
  it('action.yml: node24, dist/index.js, the documented inputs and outputs', () => {
    const y = actionYml();
    expect(y.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(y.inputs)).toEqual([
      'path', 'github-token', 'comment', 'fail-under', 'config', 'repo-config', 'compare-base', 'top-fixes', 'report-file',
      'badge-file', 'sarif-file', 'html-artifact', 'html-artifact-retention-days', 'repos', 'user', 'max-repos', 'shard', 'merge', 'api-url',
    ]);
    expect(y.inputs['github-token'].default).toBe('${{ github.token }}');
    expect(y.inputs.path.default).toBe('.');
    expect(y.inputs.comment.default).toBe('auto');
    expect(y.inputs['html-artifact'].default).toBe('ml-portfolio-audit-report');
    expect(Object.keys(y.outputs)).toEqual([
      'score', 'grade', 'report-path', 'badge-path', 'html-path', 'html-artifact-id', 'html-artifact-url', 'sarif-path', 'comment-url', 'base-score',
    ]);
    // README tables are generated from the same file by the lead; the unpacked copy is the file the runner reads.
    expect(readFileSync(join(actionDir, 'action.yml'), 'utf8')).toBe(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  });

  it('a pull request: exit 0; the comment, GITHUB_OUTPUT, the job summary and the report files; the token only masked', async () => {
    const ctx: RunnerContext = {
      workspace: full,
      eventName: 'pull_request',
      payload: pullRequestEvent({ owner: OWNER, repo: REPO, number: 7, baseSha, headSha }),
      repository: `${OWNER}/${REPO}`,
      sha: headSha,
      apiUrl,
      token: TOKEN,
    };
    const run = await runAction(actionDir, ctx);
    expect(run.code, explain(run)).toBe(0);
    const comments = issues.list(OWNER, REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0].user?.login).toBe('github-actions[bot]');
    expect(comments[0].body?.startsWith(MARKER)).toBe(true);
    expect(comments[0].body).toMatch(/\*\*score [\d.]+ → [\d.]+ \(\+[\d.]+\)\*\*/);

    // GITHUB_OUTPUT in the runner's heredoc format, each output set.
    const out = run.outputs;
    expect(Object.keys(out).sort()).toEqual([
      'badge-path', 'base-score', 'comment-url', 'grade', 'html-artifact-id', 'html-artifact-url', 'html-path', 'report-path', 'sarif-path', 'score',
    ]);
    expect(out['comment-url']).toBe(comments[0].html_url);
    expect(Number(out.score)).toBeGreaterThan(Number(out['base-score']));
    const report = JSON.parse(readFileSync(out['report-path'], 'utf8')) as Report;
    expect(report.repos[0]).toMatchObject({ repo: `${OWNER}/${REPO}`, commit: headSha, score: Number(out.score), grade: out.grade });
    // The rules were found next to the bundle, wherever the runner unpacked it: every rule ran.
    expect(audited(report.repos[0]).rules.length).toBeGreaterThan(30);
    expect(out['badge-path']).toBe(join(dirname(out['report-path']), 'badge.svg'));
    expect(readFileSync(out['html-path'], 'utf8')).toContain(`${out.score}/100`);

    expect(run.summary).toContain(`> 💬 Posted [the comment on pull request #7](${out['comment-url']}).`);
    expect(run.stdout).toContain(`Pull request #7: score ${out['base-score']} → ${out.score}`);
    // The token appears once, in the add-mask command the runner swallows.
    expect(`${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
    expect(run.summary).not.toContain(TOKEN);
  });

  it('fail-under: exit 1 with one error naming the rules; text from the repo never becomes a workflow command', async () => {
    const { dir: weak, sha } = injectedWeakRepo();
    const run = await runAction(
      actionDir,
      { workspace: weak, eventName: 'push', payload: pushEvent({ owner: OWNER, repo: 'house-prices', before: '0'.repeat(40), after: sha }), repository: `${OWNER}/house-prices`, sha, apiUrl, token: TOKEN },
      { 'fail-under': '99' },
    );
    expect(run.code, explain(run)).toBe(1);
    const errors = run.commands.filter((c) => c.name === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${OWNER}/house-prices scores ${run.outputs.score}, below input "fail-under" = 99.`);
    expect(errors[0]).toContain('Fix these first (the comment and the report say how):');
    expect(run.stdout).not.toMatch(/^::error file=x::/m);
    expect(run.stdout).not.toContain('::error::injected');
    expect(run.summary).toContain('octocat');
    expect(run.summary).not.toContain('@octocat');
    expect(run.summary).not.toContain('<script>');
    expect(liveReferences(run.summary)).toEqual([]);
  });

  it('a github-token with a line break: exit 1 naming the input; each line is masked and appears nowhere else', async () => {
    const first = 'ghs_e2eFIRSTline0123';
    const second = 'e2eSECONDline4567';
    const run = await runAction(actionDir, {
      workspace: full,
      eventName: 'push',
      payload: pushEvent({ owner: OWNER, repo: REPO, before: baseSha, after: headSha }),
      repository: `${OWNER}/${REPO}`,
      sha: headSha,
      apiUrl,
      token: `${first}\n${second}`,
    });
    expect(run.code, explain(run)).toBe(1);
    expect(run.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([expect.stringMatching(/^ml-portfolio-audit: invalid input: Input "github-token": the token contains a line break/)]);
    const out = `${run.stdout}\n${run.stderr}`.split('\n');
    for (const piece of [first, second]) {
      expect(out.filter((l) => l.includes(piece))).toEqual(expect.arrayContaining([`::add-mask::${piece}`]));
      expect(out.filter((l) => l.includes(piece) && !l.startsWith('::add-mask::'))).toEqual([]);
    }
  });

  it("portfolio mode: the bundle audits a user's repositories through the API (REST, GraphQL, its audit worker) and uploads the HTML report (its @actions/artifact chunk)", async () => {
    const ctx = { ...dispatchContext(apiUrl, 'ghp_PersonalToken0123456789abcdefABCDEF01', { user: 'ada' }), env: artifacts.env('run-dist', 'job-1') };
    const run = await runAction(actionDir, ctx, { user: 'ada' });
    expect(run.code, explain(run)).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    expect(report.repos.map((r) => [r.repo, r.status])).toEqual(SAMPLE_PORTFOLIO_STATUSES);
    expect(run.outputs.score).toBe(String(report.portfolio.score));
    expect(run.stdout).toContain('::group::Auditing the repositories of ada');
    expect(run.summary).toContain('**Portfolio:');
    const uploaded = artifacts.listed('run-dist');
    expect(uploaded.map((a) => a.name)).toEqual(['ml-portfolio-audit-report']);
    expect(run.outputs['html-artifact-id']).toBe(String(uploaded[0].id));
  });
});
