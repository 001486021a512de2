import { readFileSync } from 'node:fs';

import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';

import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { dispatchContext, type RunnerContext } from '../helpers/fake-github/runner.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { addSamplePortfolio } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';




/**
 * The HTML report from the Action's `run()` in process (test/helpers/action/in-process.ts): portfolio mode on a
 * workflow_dispatch event, repositories read from a real HTTP server on 127.0.0.1 that answers as GitHub does.
 */

const gh = new FakeGitHub();
const store = new FakeRepos();
let ctx: RunnerContext;

beforeAll(async () => {
  addSamplePortfolio(store);
  const { baseUrl } = await startFakeGithub(gh, store);
  ctx = dispatchContext(baseUrl, 'ghp_PersonalToken0123456789abcdefABCDEF01', { user: 'ada' }, 'mlpa-html-action-');
});

afterAll(async () => {
  await gh.stop();
});

describe('the action writes the HTML report', () => {
  it('report.html next to the JSON report, output html-path: portfolio score, each repo, evidence linked at the audited commit', async () => {
    const run = await runInProcess(ctx, { user: 'ada', 'report-file': 'out/audit.json' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = run.outputs;
    expect(out['html-path']).toBe(join(dirname(out['report-path']), 'report.html'));
    const report = JSON.parse(readFileSync(out['report-path'], 'utf8')) as Report;
    const html = readFileSync(out['html-path'], 'utf8');
    expect(html).toContain(`${report.portfolio.score}/100`);
    for (const r of report.repos) expect(html).toContain(`<h2 id="repo-${report.repos.indexOf(r)}-h">${r.repo.split('/')[1]}`);
    const churn = report.repos.find((r) => r.repo === 'ada/churn')!;
    expect(churn.url).toBe('https://github.com/ada/churn');
    expect(html).toContain(`href="https://github.com/ada/churn/blob/${churn.commit}/src/train.py`);
    expect(html).toContain('<strong>Not audited</strong> (skipped)');
  });
});
