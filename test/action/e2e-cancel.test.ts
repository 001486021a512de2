import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';

import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { dispatchContext, runAction, unpackAction, type RunnerContext } from '../helpers/fake-github/runner.js';
import { addSamplePortfolio } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';


/**
 * A cancelled workflow run: the runner sends SIGINT (then SIGTERM, then kills the step). The Action stops the audit
 * and still writes the summary and the report of what finished; the repo under way is reported, not lost. The bundle
 * in its own process, as the runner runs it: the signal is real.
 */
const gh = new FakeGitHub();
const store = new FakeRepos();
let ctx: RunnerContext;

beforeAll(async () => {
  addSamplePortfolio(store);
  // One repository's API answers hang: it is still being fetched when the run is cancelled.
  store.faults.push({ api: 'rest', match: /\/ada\/nlp\//, delayMs: 60_000 });
  const { baseUrl } = await startFakeGithub(gh, store);
  ctx = dispatchContext(baseUrl, 'ghp_PersonalToken0123456789abcdefABCDEF01', { repos: 'ada/churn\nada/nlp' }, 'mlpa-cancel-');
});

afterAll(async () => {
  await gh.stop();
});

describe('a cancelled run (SIGINT from the runner)', () => {
  it('stops, and writes the summary and the report with what finished; the repo under way is marked', async () => {
    const run = await runAction(unpackAction(), ctx, { repos: 'ada/churn\nada/nlp' }, { when: '[1/2] ada/churn', signal: 'SIGINT' });
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    expect(report.repos.map((r) => [r.repo, r.status])).toEqual([
      ['ada/churn', 'ok'],
      ['ada/nlp', 'skipped'],
    ]);
    expect(report.repos[1].reason).toMatch(/interrupted/);
    expect(run.summary).toContain('ada/churn');
  }, 60_000);
});
