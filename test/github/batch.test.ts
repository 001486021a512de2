import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { auditTargets as auditRemote, type ProgressEvent as BatchProgress } from '../../src/run.js';
import { createGithubClient, listUserRepos, type GithubClient } from '../../src/sources/github.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';
import { tmpDir } from '../helpers/tmp.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const files = (i: number) => ({
  'README.md': `# Project ${i}\n\nPredicts things.\n`,
  'requirements.txt': 'scikit-learn==1.5.0\n',
  'src/train.py': `from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression(C=${i})\n`,
});

let server: FakeGitHub;
let store: FakeRepos;
let baseUrl: string;

beforeEach(async () => {
  server = new FakeGitHub();
  store = new FakeRepos();
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries).toEqual([]);
});

describe('auditRemote', () => {
  it('audits repos concurrently (bounded), reports progress with requests spent and rate-limit budget left', async () => {
    for (let i = 0; i < 12; i++) store.add(fakeRepoFromFiles('ada', `p${i}`, files(i)));
    ({ baseUrl } = await startFakeGithub(server, store));
    server.latencyMs = 30;
    store.budget = { core: 4000, graphql: 4000, reset: Math.floor(Date.now() / 1000) + 3600 };
    let inflight = 0;
    let maxInflight = 0;
    const client = createGithubClient({
      token: 't',
      baseUrl,
      fetch: async (input, init) => {
        maxInflight = Math.max(maxInflight, ++inflight);
        try {
          return await fetch(input, init);
        } finally {
          inflight--;
        }
      },
    });
    const events: BatchProgress[] = [];
    const report = await auditRemote({
      targets: Array.from({ length: 12 }, (_, i) => `ada/p${i}`),
      client,
      now: NOW,
      concurrency: 4,
      onProgress: (e) => events.push(e),
    });
    expect(report.repos.map((r) => r.repo)).toEqual(Array.from({ length: 12 }, (_, i) => `ada/p${i}`)); // input order
    expect(report.repos.every((r) => r.status === 'ok')).toBe(true);
    expect(maxInflight).toBeGreaterThanOrEqual(3);
    expect(maxInflight).toBeLessThanOrEqual(4);
    expect(server.requests.length).toBe(36); // 3 per repo
    expect(client.audit.requests).toBe(36);
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(events.every((e) => e.total === 12 && e.failed === 0 && e.status === 'ok' && typeof e.score === 'number')).toBe(true);
    const last = events.at(-1)!;
    expect(last.requests).toBe(36);
    expect(last.rateLimit).toMatchObject({ resource: 'graphql', remaining: 4000 - 24 });
    for (let i = 1; i < events.length; i++) expect(events[i].requests).toBeGreaterThanOrEqual(events[i - 1].requests);
  });

  it('mixes local paths and remote repos in one report', async () => {
    store.add(fakeRepoFromFiles('ada', 'remote-one', files(1)));
    ({ baseUrl } = await startFakeGithub(server, store));
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-01-01T00:00:00Z', message: 'init', files: files(2) }]);
    const events: BatchProgress[] = [];
    const report = await auditRemote({
      targets: [local, 'ada/remote-one', 'no/such-repo', './no-such-dir'],
      client: createGithubClient({ token: 't', baseUrl }),
      now: NOW,
      onProgress: (e) => events.push(e),
    });
    expect(report.repos.map((r) => [r.repo, r.status])).toEqual([
      [local, 'ok'],
      ['ada/remote-one', 'ok'],
      ['no/such-repo', 'error'],
      ['./no-such-dir', 'error'],
    ]);
    expect(report.repos[3].reason).toMatch(/path does not exist/);
    expect(events.at(-1)).toMatchObject({ done: 4, failed: 2 });
    expect(report.portfolio.audited).toBe(2);
  });

  it('remote targets without a client are errors with the fix; local ones still run', async () => {
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-01-01T00:00:00Z', message: 'init', files: files(2) }]);
    const report = await auditRemote({ targets: ['ada/x', local], now: NOW });
    expect(report.repos.map((r) => [r.repo, r.status])).toEqual([
      ['ada/x', 'error'],
      [local, 'ok'],
    ]);
    expect(report.repos[0].reason).toMatch(/pass --token or set GITHUB_TOKEN/);
  });

});

describe('listUserRepos', () => {
  let client: GithubClient;
  beforeEach(async () => {
    const add = (name: string, pushedAt: string, meta = {}) => store.add(fakeRepoFromFiles('ada', name, files(1), { pushedAt, ...meta }));
    add('newest', '2025-12-01T00:00:00Z');
    add('older', '2025-06-01T00:00:00Z', { isArchived: true });
    add('blank', '2025-07-01T00:00:00Z');
    store.repos.at(-1)!.commits = [];
    add('private-one', '2025-11-01T00:00:00Z', { isPrivate: true });
    add('their-fork', '2025-10-01T00:00:00Z', { isFork: true, parent: 'bigcorp/framework' });
    store.add(fakeRepoFromFiles('bob', 'other', files(1)));
    ({ baseUrl } = await startFakeGithub(server, store));
    client = createGithubClient({ token: 't', baseUrl });
  });

  it('lists owned public repos (newest push first), forks separately, archived and empty flagged, in one request', async () => {
    const u = await listUserRepos(client, 'ada');
    expect(u).toEqual({
      user: 'ada',
      owned: ['ada/newest', 'ada/blank', 'ada/older'],
      forks: [{ repo: 'ada/their-fork', parent: 'bigcorp/framework' }],
      archived: ['ada/older'],
      empty: ['ada/blank'],
      totalOwned: 3,
      truncated: false,
    });
    expect(server.requests.length).toBe(1);
  });

  it('maxRepos cuts the list and says so; pages beyond 100 repos', async () => {
    expect(await listUserRepos(client, '@ada', { maxRepos: 2 })).toMatchObject({ owned: ['ada/newest', 'ada/blank'], truncated: true, totalOwned: 3 });
    for (let i = 0; i < 130; i++) store.add(fakeRepoFromFiles('carol', `r${String(i).padStart(3, '0')}`, files(i), { pushedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }));
    const before = server.requests.length;
    const c = await listUserRepos(client, 'carol', { maxRepos: 120 });
    expect(c.owned).toHaveLength(120);
    expect(c.owned[0]).toBe('carol/r129');
    expect(c).toMatchObject({ totalOwned: 130, truncated: true });
    expect(server.requests.length - before).toBe(2);
  });

  it('unknown or invalid users are clear errors', async () => {
    await expect(listUserRepos(client, 'nobody-here')).rejects.toThrow(/user "nobody-here": not found/);
    await expect(listUserRepos(client, 'bad user')).rejects.toThrow(/invalid user "bad user"/);
  });
});
