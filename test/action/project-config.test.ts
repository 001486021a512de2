import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notebookProjectCommits } from '../../src/demo/samples.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import type { Report } from '../../src/report/types.js';
import { pullRequestEvent } from '../helpers/fake-github/events.js';
import { FakeAuth, installIdentityRoutes } from '../helpers/fake-github/identity.js';
import { FakeIssues } from '../helpers/fake-github/issues.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';
import { dispatchContext, type ActionRun, type RunnerContext } from '../helpers/fake-github/runner.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { addSamplePortfolio, projectFiles } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';



/**
 * The Action's `run()` in process (test/helpers/action/in-process.ts) on a pull request whose project carries its own
 * .ml-portfolio-audit.yml turning off every failing rule, and in portfolio mode.
 */

const OWNER = 'ada';
const REPO = 'house-prices';
const TOKEN = 'ghs_WorkflowToken0123456789abcdefABCDEF';
const CONFIG = '.ml-portfolio-audit.yml';

const gh = new FakeGitHub();
const auth = new FakeAuth({ [TOKEN]: { kind: 'installation', slug: 'github-actions' } });
installIdentityRoutes(gh, auth);
const issues = new FakeIssues(gh, auth);
const store = new FakeRepos();
let apiUrl = '';
let ws = '';
let sha = '';

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

beforeAll(async () => {
  addSamplePortfolio(store);
  ({ baseUrl: apiUrl } = await startFakeGithub(gh, store));
  ws = join(tmpDir('mlpa-e2e-cfg-'), 'ws');
  buildGitRepo(ws, [...notebookProjectCommits(), { date: '2025-06-12T10:00:00Z', message: 'Add audit config', files: { [CONFIG]: '# nothing yet\n' } }]);
  sha = git(ws, 'rev-parse', 'HEAD');
});

afterAll(() => gh.stop());

function pr(number: number): RunnerContext {
  return {
    workspace: ws,
    eventName: 'pull_request',
    payload: pullRequestEvent({ owner: OWNER, repo: REPO, number, baseSha: sha, headSha: sha }),
    repository: `${OWNER}/${REPO}`,
    sha,
    apiUrl,
    token: TOKEN,
  };
}

const explain = (run: ActionRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
const reportOf = (run: ActionRun): Report => JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;

describe("the action and the audited project's own config", () => {
  let standard = 0;
  let failing: string[] = [];

  it("a project's own config turning off its failing rules: the score, outputs and gate stay standard; the comment shows both", async () => {
    const plain = await runInProcess(pr(21), { 'compare-base': 'false' });
    expect(plain.code, explain(plain)).toBe(0);
    const before = audited(reportOf(plain).repos[0]);
    standard = before.score;
    failing = before.rules.filter((x) => x.score !== null && x.score < 1).map((x) => x.id);
    expect(standard).toBeLessThan(70);

    writeFileSync(join(ws, CONFIG), `fail-under: 0\nrules:\n${failing.map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const run = await runInProcess(pr(21), { 'compare-base': 'false', 'fail-under': '70' });
    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs.score).toBe(String(standard));
    expect(run.outputs.grade).toBe(before.grade);
    const errors = run.commands.filter((c) => c.name === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${OWNER}/${REPO} scores ${standard}, below input "fail-under" = 70.`);
    const head = audited(reportOf(run).repos[0]);
    expect(head.score).toBe(standard);
    expect(head.configured).toMatchObject({ score: 100, grade: 'A', by: 'repo' });
    expect(head.config?.failUnder).toEqual({ value: 70, from: 'input "fail-under"', gates: 'standard' });

    const body = issues.list(OWNER, REPO, 21)[0]?.body ?? '';
    expect(body).toMatch(new RegExp(`## ML portfolio audit — ${standard}/100 \\([A-F]\\) standard · 100/100 \\(A\\) under the repo's own`));
    expect(body).toContain(`under the repo's own <code>.ml-portfolio-audit.yml</code>** — ${failing.length} rules turned off`);
    expect(body).toContain('`fail-under` 70 gates the standard score.');
    expect(run.summary).toContain(`${failing.length} rules turned off`);
    expect(run.summary).toContain('is the standard score');
  });

  it("without a fail-under input the project's own fail-under: 0 lowers nothing; the workflow's config input is honoured", async () => {
    // Own file alone: no bar (it cannot lower one; it sets 0).
    expect((await runInProcess(pr(22), { 'compare-base': 'false' })).code).toBe(0);
    // The workflow's own config: its fail-under applies to the standard score when it changes no rule…
    writeFileSync(join(ws, 'audit-strict.yml'), 'fail-under: 70\n');
    const strict = await runInProcess(pr(22), { 'compare-base': 'false', config: 'audit-strict.yml' });
    expect(strict.code, explain(strict)).toBe(1);
    expect(strict.commands.find((c) => c.name === 'error')?.message).toMatch(new RegExp(`scores ${standard}, below fail-under in .*audit-strict\\.yml = 70\\.`));
    // …and to the score under it when it turns rules off (the workflow owner's decision).
    writeFileSync(join(ws, 'audit-tuned.yml'), `fail-under: 70\nrules:\n${failing.map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const tuned = await runInProcess(pr(22), { 'compare-base': 'false', config: 'audit-tuned.yml' });
    expect(tuned.code, explain(tuned)).toBe(0);
    expect(tuned.outputs.score).toBe(String(standard));
    expect(audited(reportOf(tuned).repos[0]).config?.failUnder).toMatchObject({ value: 70, gates: 'configured' });
  });

  it("portfolio mode: a repository's own config is not applied unless repo-config: true, and never to the portfolio score", async () => {
    const off = 'rules:\n  history-recency: { enabled: false }\n  readme-usage: { enabled: false }\n  readme-results: { enabled: false }\n';
    Object.assign(store.find('ada', 'churn')!.repo, fakeRepoFromFiles('ada', 'churn', { ...projectFiles(1), [CONFIG]: off }, { pushedAt: '2025-12-01T00:00:00Z' }));
    const ctx: RunnerContext = dispatchContext(apiUrl, TOKEN, { user: 'ada' }, 'mlpa-dispatch-cfg-');
    const dflt = await runInProcess(ctx, { repos: 'ada/churn\nada/vision' });
    expect(dflt.code, explain(dflt)).toBe(0);
    const a = reportOf(dflt);
    expect(a.config).toEqual({ repoConfig: 'local' });
    expect(audited(a.repos[0]).configured).toBeUndefined();
    expect(audited(a.repos[0]).config?.ignored?.file).toBe(`ada/churn:${CONFIG}`);

    const opted = await runInProcess(ctx, { repos: 'ada/churn\nada/vision', 'repo-config': 'true' });
    expect(opted.code, explain(opted)).toBe(0);
    const b = reportOf(opted);
    expect(b.config?.repoConfig).toBe('always');
    expect(audited(b.repos[0]).configured).toMatchObject({ by: 'repo', source: `ada/churn:${CONFIG}` });
    expect(audited(b.repos[0]).configured!.score).toBeGreaterThan(audited(b.repos[0]).score);
    expect(b.repos.map((r) => audited(r).score)).toEqual(a.repos.map((r) => audited(r).score));
    expect(b.portfolio.score).toBe(a.portfolio.score);
    expect(opted.outputs.score).toBe(dflt.outputs.score);
    expect(opted.summary).toContain("under the repo's own config");

    const bad = await runInProcess(ctx, { repos: 'ada/churn', 'repo-config': 'maybe' });
    expect(bad.code).toBe(1);
    expect(bad.commands.find((c) => c.name === 'error')?.message).toBe('ml-portfolio-audit: invalid input: Input "repo-config": expected auto, true or false, got "maybe"');
  });
});
