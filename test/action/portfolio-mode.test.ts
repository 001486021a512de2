import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { selectShard } from '../../src/shard.js';

import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { dispatchContext, type RunnerContext } from '../helpers/fake-github/runner.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { SAMPLE_PORTFOLIO_STATUSES, addSamplePortfolio } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { audited } from '../helpers/audited.js';




/**
 * Portfolio mode: the Action's `run()` in process (test/helpers/action/in-process.ts) on a workflow_dispatch event (a
 * real payload from @octokit/webhooks-examples) audits repositories through a real HTTP server on 127.0.0.1 that answers
 * GitHub's REST and GraphQL calls (every query checked against GitHub's published schema); then shards and a merge
 * job. The bundle's portfolio mode, as the runner runs it: e2e.test.ts.
 */

const TOKEN = 'ghp_PersonalToken0123456789abcdefABCDEF01';

const gh = new FakeGitHub();
const store = new FakeRepos();
let ctx: RunnerContext;

beforeAll(async () => {
  addSamplePortfolio(store);
  const { baseUrl } = await startFakeGithub(gh, store);
  ctx = dispatchContext(baseUrl, TOKEN, { user: 'ada' });
});

afterAll(async () => {
  await gh.stop();
  expect(store.rejectedQueries).toEqual([]);
});

describe('the action in portfolio mode', () => {
  it('audits a user’s repositories: one log line per repo in a group, summary, report, portfolio outputs', async () => {
    const run = await runInProcess(ctx, { user: 'ada' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const start = lines.findIndex((l) => l.startsWith('::group::Auditing the repositories of ada'));
    const end = lines.indexOf('::endgroup::');
    expect(start).toBeGreaterThanOrEqual(0);
    const inGroup = lines.slice(start, end).filter((l) => /^\[\d\/3\] ada\//.test(l));
    expect(inGroup).toHaveLength(3);
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report;
    expect(report.repos.map((r) => [r.repo, r.status])).toEqual(SAMPLE_PORTFOLIO_STATUSES);
    expect(run.outputs.score).toBe(String(report.portfolio.score));
    expect(run.outputs.grade).toBe(report.portfolio.grade);
    expect(run.summary).toContain('**Portfolio:');
    expect(run.summary).toContain('Skills shown');
    expect(`${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
  });

  it('fails the step when no repository could be audited; one failure among others only warns', async () => {
    const none = await runInProcess(ctx, { repos: 'ada/missing-one, ada/missing-two' });
    expect(none.code).toBe(1);
    expect(none.commands.find((c) => c.name === 'error')?.message).toMatch(/No repository could be audited \(2 failed/);
    expect(none.outputs).toMatchObject({ score: '', grade: '' }); // no made-up 0 / F
    const some = await runInProcess(ctx, { repos: 'ada/churn, ada/missing-one' });
    expect(some.code).toBe(0);
    expect(some.commands.filter((c) => c.name === 'warning').map((c) => c.message).join('\n')).toMatch(/ada\/missing-one: not found or no access/);
  });

  it('fails on a bad shard spec with a message naming the input', async () => {
    const run = await runInProcess(ctx, { repos: 'ada/churn', shard: '5/2' });
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.name === 'error')?.message).toMatch(/Input "shard": invalid shard "5\/2": i must be from 1 to 2 \(shard i of n/);
  });

  it('a shard that the hash gives no repository: says so, no made-up 0 / F, fail-under does not fail it', async () => {
    const spec = [1, 2].map((i) => `${i}/2`).find((sp) => selectShard(['ada/churn'], sp).length === 0)!;
    const run = await runInProcess(ctx, { repos: 'ada/churn', shard: spec, 'fail-under': '10' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ score: '', grade: '' });
    expect(run.summary).toContain(`No repository to audit in shard ${spec}`);
  });

  it('fail-under in the config file applies to the portfolio score when the input is empty', async () => {
    writeFileSync(join(ctx.workspace, 'strict.yml'), 'fail-under: 99.9\n');
    const run = await runInProcess(ctx, { repos: 'ada/churn', config: 'strict.yml' });
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.name === 'error')?.message).toMatch(/The portfolio scores [\d.]+, below fail-under in .*strict\.yml = 99\.9/);
    // The input wins over the file.
    expect((await runInProcess(ctx, { repos: 'ada/churn', config: 'strict.yml', 'fail-under': '1' })).code).toBe(0);
  });

  it('shards a list across jobs and a merge job combines their reports', async () => {
    const reports = join(ctx.workspace, 'reports');
    mkdirSync(reports, { recursive: true });
    const list = 'ada/churn\nada/vision, ada/nlp  # three projects';
    for (const i of [1, 2]) {
      const run = await runInProcess(ctx, { repos: list, shard: `${i}/2`, 'report-file': `reports/shard-${i}.json` });
      expect(run.code, run.stdout).toBe(0);
    }
    writeFileSync(join(ctx.workspace, 'reports', 'notes.txt'), 'not a report');
    const merged = await runInProcess(ctx, { merge: 'reports/*.json' });
    expect(merged.code, merged.stdout).toBe(0);
    const report = JSON.parse(readFileSync(merged.outputs['report-path'], 'utf8')) as Report;
    expect(report.repos.map((r) => r.repo).sort()).toEqual(['ada/churn', 'ada/nlp', 'ada/vision']);
    expect(merged.outputs.score).toBe(String(report.portfolio.score));
    const none = await runInProcess(ctx, { merge: 'nowhere/*.json' });
    expect(none.code).toBe(1);
    expect(none.commands.find((c) => c.name === 'error')?.message).toMatch(/Input "merge": no file matches/);
    // A hand-edited shard: refused, naming the file and the field; nothing of it is rendered.
    const edited = JSON.parse(readFileSync(join(reports, 'shard-1.json'), 'utf8')) as Report;
    (audited(edited.repos[0]).rules[0] as unknown as Record<string, unknown>).category = '<img src=x onerror=alert(1)>';
    writeFileSync(join(reports, 'shard-1.json'), JSON.stringify(edited));
    const bad = await runInProcess(ctx, { merge: 'reports/*.json' });
    expect(bad.code).toBe(1);
    expect(bad.commands.find((c) => c.name === 'error')?.message).toMatch(
      /shard-1\.json: not a valid report \(schema\/report\.schema\.json\): repos\.0\.rules\.0\.category: must be one of/,
    );
    expect(bad.summary).not.toContain('<img');
    // A file that is not a report: the step fails with the UserError's message and hint, as the CLI prints it.
    mkdirSync(join(ctx.workspace, 'odd'), { recursive: true });
    writeFileSync(join(ctx.workspace, 'odd', 'x.json'), '{"hello": 1}');
    const odd = await runInProcess(ctx, { merge: 'odd/*.json' });
    expect(odd.code).toBe(1);
    expect(odd.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([
      `ml-portfolio-audit: error: ${join(ctx.workspace, 'odd', 'x.json')}: not a report of this tool (no schemaVersion, tool or repos) ` +
        "(Give the JSON report a shard wrote (the Action's report-path output, or --format json on the command line), unedited; check that the merge glob matches only those files.)",
    ]);
  });
});
