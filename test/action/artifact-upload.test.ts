import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { FakeArtifactService } from '../helpers/fake-github/artifacts.js';
import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { dispatchContext, monorepoContext, type ActionRun, type RunnerContext } from '../helpers/fake-github/runner.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { addSamplePortfolio } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { readZip } from '../helpers/zip.js';


/**
 * The Action uploads its HTML report as an artifact of the run by itself. Its `run()` in process
 * (test/helpers/action/in-process.ts) with the variables the runner sets for the artifact service
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL), against a real HTTP server on 127.0.0.1 that speaks that service and
 * its blob storage (the real @actions/artifact client), and a fake GitHub for portfolio mode.
 */

const TOKEN = 'ghp_PersonalToken0123456789abcdefABCDEF01';

const gh = new FakeGitHub();
const store = new FakeRepos();
const artifacts = new FakeArtifactService();
let portfolio: RunnerContext;
let monorepo: RunnerContext;

beforeAll(async () => {
  addSamplePortfolio(store);
  const { baseUrl } = await startFakeGithub(gh, store);
  await artifacts.start();
  portfolio = dispatchContext(baseUrl, TOKEN, { user: 'ada' }, 'mlpa-artifact-action-');
  // A monorepo whose project lives in projects/churn (its own git history).
  monorepo = monorepoContext(baseUrl, TOKEN, 'mlpa-artifact-mono-');
});

afterAll(async () => {
  await gh.stop();
  await artifacts.stop();
});

/** The context of job `jobId` in workflow run `runId`, with the artifact service's variables. */
const job = (ctx: RunnerContext, runId: string, jobId: string): RunnerContext => ({ ...ctx, env: artifacts.env(runId, jobId) });
const explain = (run: ActionRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
const warnings = (run: ActionRun): string[] => run.commands.filter((c) => c.name === 'warning').map((c) => c.message);
const uploadWarnings = (run: ActionRun): string[] => warnings(run).filter((w) => /upload/i.test(w));

/** The one artifact of run `runId`: its name, and the files its zip holds. */
function uploaded(runId: string): { id: number; name: string; files: Map<string, Buffer> } {
  const list = artifacts.listed(runId);
  expect(list).toHaveLength(1);
  return { id: list[0].id, name: list[0].name, files: readZip(list[0].content!) };
}

describe('the action uploads the HTML report as an artifact', () => {
  it('a project in a sub-folder: its folder in the name, the zip holds the report.html written, kept N days; uploaded although fail-under fails the step', async () => {
    const run = await runInProcess(job(monorepo, 'run-mono', 'job-1'), {
      path: 'projects/churn',
      'fail-under': '100',
      'html-artifact-retention-days': '14',
    });
    expect(run.code, explain(run)).toBe(1);
    expect(run.commands.find((c) => c.name === 'error')?.message).toMatch(/scores [\d.]+, below input "fail-under" = 100/);
    expect(uploadWarnings(run)).toEqual([]);
    const a = uploaded('run-mono');
    expect(a.name).toBe('ml-portfolio-audit-report-projects-churn');
    expect([...a.files.keys()]).toEqual(['report.html']);
    const out = run.outputs;
    expect(a.files.get('report.html')!.equals(readFileSync(out['html-path']))).toBe(true);
    expect(a.files.get('report.html')!.toString('utf8')).toContain(`${out.score}/100`);
    expect(out['html-artifact-id']).toBe(String(a.id));
    expect(out['html-artifact-url']).toBe(`https://github.com/ada/monorepo/actions/runs/1/artifacts/${a.id}`);
    const days = (Date.parse(artifacts.listed('run-mono')[0].expiresAt!) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(14);
    // The runtime token is the runner's secret: never printed.
    const runtime = job(monorepo, 'x', 'y').env!.ACTIONS_RUNTIME_TOKEN.split('.')[1];
    expect(run.stdout).not.toContain(runtime);
  });

  it('portfolio mode: one upload of the portfolio page, with every other output set', async () => {
    const run = await runInProcess(job(portfolio, 'run-portfolio', 'job-1'), { user: 'ada', 'report-file': 'out/audit.json' });
    expect(run.code, explain(run)).toBe(0);
    expect(uploadWarnings(run)).toEqual([]);
    const a = uploaded('run-portfolio');
    expect(a.name).toBe('ml-portfolio-audit-report');
    const out = run.outputs;
    const report = JSON.parse(readFileSync(out['report-path'], 'utf8')) as Report;
    const html = a.files.get('report.html')!.toString('utf8');
    expect(html).toBe(readFileSync(out['html-path'], 'utf8'));
    expect(html).toContain(`${report.portfolio.score}/100`);
    expect(out).toMatchObject({ score: String(report.portfolio.score), grade: report.portfolio.grade, 'html-artifact-id': String(a.id) });
    expect(out['badge-path']).not.toBe('');
  });

  it('shards upload nothing (their page is a part); the merge job uploads the whole portfolio once', async () => {
    const from = artifacts.calls.length;
    const list = 'ada/churn, ada/vision, ada/nlp';
    for (const i of [1, 2]) {
      const run = await runInProcess(job(portfolio, 'run-shards', `shard-${i}`), { repos: list, shard: `${i}/2`, 'report-file': `shards/shard-${i}.json` });
      expect(run.code, explain(run)).toBe(0);
      expect(run.stdout).toContain(`Shard ${i}/2: the HTML report is not uploaded as an artifact (the merge job uploads the whole portfolio's)`);
      expect(run.outputs).toMatchObject({ 'html-artifact-id': '', 'html-artifact-url': '' });
      expect(run.outputs['html-path']).not.toBe('');
    }
    expect(artifacts.calls.length).toBe(from);
    const merged = await runInProcess(job(portfolio, 'run-shards', 'merge'), { merge: 'shards/*.json' });
    expect(merged.code, explain(merged)).toBe(0);
    const a = uploaded('run-shards');
    expect(a.name).toBe('ml-portfolio-audit-report');
    const html = a.files.get('report.html')!.toString('utf8');
    expect(html).toBe(readFileSync(merged.outputs['html-path'], 'utf8'));
    for (const repo of ['churn', 'vision', 'nlp']) expect(html).toContain(`href="https://github.com/ada/${repo}/blob/`);
    expect(merged.outputs['html-artifact-id']).toBe(String(a.id));
  });

  it('outside GitHub’s runners (no ACTIONS_RUNTIME_TOKEN): a warning; the step succeeds with every other output', async () => {
    const run = await runInProcess(portfolio, { user: 'ada' });
    expect(run.code, explain(run)).toBe(0);
    expect(uploadWarnings(run)).toEqual([
      expect.stringMatching(/^Did not upload the HTML report as the artifact ml-portfolio-audit-report: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not both set/),
    ]);
    expect(run.outputs).toMatchObject({ 'html-artifact-id': '', 'html-artifact-url': '' });
    for (const o of ['score', 'grade', 'report-path', 'badge-path', 'html-path']) expect(run.outputs[o], o).not.toBe('');
  });

  it('html-artifact empty turns the upload off: no request, no warning', async () => {
    const from = artifacts.calls.length;
    const run = await runInProcess(job(portfolio, 'run-off', 'job-1'), { user: 'ada', 'html-artifact': '' });
    expect(run.code, explain(run)).toBe(0);
    expect(artifacts.calls.length).toBe(from);
    expect(uploadWarnings(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ 'html-artifact-id': '', 'html-artifact-url': '' });
  });
});
