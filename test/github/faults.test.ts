/**
 * Every fault of the list, against the loopback GitHub: each gives the repo a status (ok, partial, skipped,
 * error) with a reason, and never costs the other repos their results.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditTargets as auditRemote } from '../../src/run.js';
import { MAX_TEXT_BYTES } from '../../src/sources/decode.js';
import {
  createGithubClient,
  githubSnapshot,
  type GithubClient,
  type GithubClientOptions,
  type RateLimitEvent,
} from '../../src/sources/github.js';
import { FakeGitHub, type FakeRequest } from '../helpers/fake-github/server.js';
import {
  FakeRepos,
  fakeRepoFromFiles,
  graphqlRateLimited,
  graphqlTimeout,
  primaryRateLimited,
  secondaryRateLimited,
  serverError,
  startFakeGithub,
} from '../helpers/fake-github/repos.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const README = '# Sentiment\n\nClassifies reviews.\n\n## Usage\n\n```bash\npython train.py\n```\n';

let server: FakeGitHub;
let store: FakeRepos;
let baseUrl: string;
let events: RateLimitEvent[];

const repo = (name: string, files: Record<string, string | Uint8Array> = { 'README.md': README, 'train.py': 'model.fit(X, y)\n' }, meta = {}) =>
  store.add(fakeRepoFromFiles('ada', name, files, meta));

async function start(opts: { enterprise?: boolean; historyTimeoutAbove?: number } = {}) {
  ({ baseUrl } = await startFakeGithub(server, store, opts));
}

function client(o: GithubClientOptions = {}): GithubClient {
  return createGithubClient({ token: 't', baseUrl, retryBaseMs: 1, retryAfterUnitMs: 1, onRateLimit: (e) => events.push(e), ...o });
}

const run = (targets: string[], c: GithubClient = client(), extra: Partial<Parameters<typeof auditRemote>[0]> = {}) =>
  auditRemote({ targets, client: c, now: NOW, concurrency: 1, ...extra });

const statusOf = (r: Awaited<ReturnType<typeof run>>) => r.repos.map((x) => [x.repo, x.status, x.reason ?? '']);

beforeEach(() => {
  server = new FakeGitHub();
  store = new FakeRepos();
  events = [];
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries, 'GraphQL queries GitHub would reject').toEqual([]);
});

describe('bad input', () => {
  it('invalid name: error with what is expected, other repos audited', async () => {
    repo('good');
    await start();
    const r = await run(['ada/good', 'bad owner/x', 'ada/na me', 'https://github.com/ada']);
    expect(statusOf(r)).toEqual([
      ['ada/good', 'ok', ''],
      ['bad owner/x', 'error', expect.stringMatching(/invalid repository "bad owner\/x": owner "bad owner" is not a GitHub account name.*Expected owner\/name/)],
      ['ada/na me', 'error', expect.stringMatching(/"na me" is not a repository name/)],
      ['https://github.com/ada', 'error', expect.stringMatching(/does not name a repository/)],
    ]);
    expect(server.requests.length).toBe(3); // nothing was asked about the invalid names
    await expect(githubSnapshot(client(), 'a/b/c')).rejects.toThrow(/exactly one "\/"/);
  });

  it('a URL on another host than the API in use: error naming the --api-url to use', async () => {
    repo('good');
    await start();
    const r = await run(['https://ghe.example.com/ada/good', 'ada/good']);
    expect(statusOf(r)).toEqual([
      ['https://ghe.example.com/ada/good', 'error', expect.stringContaining('the repository is on ghe.example.com, but the GitHub API in use is http://127.0.0.1')],
      ['ada/good', 'ok', ''],
    ]);
    expect(r.repos[0].reason).toContain('Pass --api-url https://ghe.example.com/api/v3');
  });

  it('an API nobody answers at: "cannot reach" and where (not a server error), after the bounded retries', async () => {
    repo('good');
    await start();
    // A port nobody listens on: a server that just stopped.
    const closed = new FakeGitHub();
    const url = await closed.start();
    await closed.stop();
    const r = await run(['ada/good'], client({ baseUrl: url, retries: 1 }));
    expect(statusOf(r)).toEqual([
      ['ada/good', 'error', `cannot reach the GitHub API at ${new URL(url).origin} (ECONNREFUSED) (Check the network connection, and --api-url or GITHUB_API_URL if set (GitHub.com: https://api.github.com).)`],
    ]);
  });

  it('not found or no access (GitHub answers 404 for private repos the token cannot see)', async () => {
    repo('secret', undefined, { hidden: true });
    repo('good');
    await start();
    const r = await run(['ada/secret', 'ada/missing', 'ada/good']);
    expect(statusOf(r)).toEqual([
      ['ada/secret', 'error', expect.stringMatching(/^not found or no access \(GitHub answers "not found" for private repositories the token cannot see/)],
      ['ada/missing', 'error', expect.stringMatching(/^not found or no access/)],
      ['ada/good', 'ok', ''],
    ]);
    // REST answers 404 for the same reason.
    await expect(client().rest.git.getTree({ owner: 'ada', repo: 'secret', tree_sha: 'x' })).rejects.toMatchObject({ status: 404 });
  });

  it('no token or a rejected token: remote repos fail with the fix, local ones are still audited', async () => {
    repo('a');
    repo('b');
    await start();
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-01-01T00:00:00Z', message: 'init', files: { 'README.md': '# x\n' } }]);
    const r = await run(['ada/a', local, 'ada/b'], client({ token: undefined }));
    expect(statusOf(r)).toEqual([
      ['ada/a', 'error', expect.stringMatching(/a valid token is required.*--token or set GITHUB_TOKEN/)],
      [local, 'ok', ''],
      ['ada/b', 'error', expect.stringMatching(/a valid token is required/)],
    ]);
    expect(server.count('POST', '/graphql')).toBe(1); // stopped asking after the first 401
  });
});

describe('repository states', () => {
  it('empty repository: skipped (GraphQL isEmpty, and REST 409 "Git Repository is empty.")', async () => {
    store.add(fakeRepoFromFiles('ada', 'empty', {}));
    repo('racy');
    await start();
    store.faults.push({ api: 'rest', match: /\/ada\/racy\/git\/trees\//, response: { status: 409, body: { message: 'Git Repository is empty.' } } });
    const r = await run(['ada/empty', 'ada/racy']);
    expect(statusOf(r)).toEqual([
      ['ada/empty', 'skipped', 'empty repository: no commits'],
      ['ada/racy', 'skipped', 'empty repository: no commits'],
    ]);
    expect(server.count('GET', '/repos/ada/empty')).toBe(0); // isEmpty: no tree request
  });

  it('archived: audited, marked archived', async () => {
    repo('old', undefined, { isArchived: true });
    await start();
    const r = await run(['ada/old']);
    expect(r.repos[0]).toMatchObject({ status: 'ok', metadata: { archived: true } });
    expect(r.repos[0].notes).toContainEqual({ kind: 'info', message: 'archived on GitHub (read-only)' });
    expect(r.portfolio.flags).toContainEqual(expect.objectContaining({ repo: 'ada/old', kind: 'archived' }));
  });

  it('fork given explicitly: audited and marked as a fork of its parent', async () => {
    repo('upstream-model', undefined, {});
    store.repos[0].owner = 'bigcorp';
    repo('forked', undefined, { isFork: true, parent: 'bigcorp/upstream-model' });
    await start();
    const r = await run(['ada/forked']);
    expect(r.repos[0]).toMatchObject({ status: 'ok', metadata: { fork: true, parent: 'bigcorp/upstream-model' } });
    expect(audited(r.repos[0]).rules.find((x) => x.id === 'not-a-fork')).toMatchObject({ measurable: true, score: 0 });
    expect(r.portfolio.flags).toContainEqual(expect.objectContaining({ repo: 'ada/forked', kind: 'fork', detail: 'fork of bigcorp/upstream-model' }));
  });

  it('a part of the metadata GitHub refuses (parent of a fork the token cannot see): audited without it, noted', async () => {
    repo('secret-upstream', undefined, { hidden: true });
    store.repos[0].owner = 'bigcorp';
    repo('forked', undefined, { isFork: true, parent: 'bigcorp/secret-upstream' });
    await start();
    const r = await run(['ada/forked']);
    expect(r.repos[0]).toMatchObject({ status: 'ok', metadata: { fork: true } });
    expect(r.repos[0].metadata?.parent).toBeUndefined();
    expect(r.repos[0].notes).toContainEqual({ kind: 'info', message: 'GitHub left parts of the metadata out: Resource not accessible: bigcorp/secret-upstream' });
  });

  it('renamed: GraphQL resolves the old name, the report uses the canonical one, inputs naming it twice are merged', async () => {
    repo('sentiment-v2', undefined, { oldNames: ['ada/sentiment'] });
    await start();
    const snap = await githubSnapshot(client(), 'ada/sentiment');
    expect(snap.id).toBe('ada/sentiment-v2');
    expect(snap.source.renamedFrom).toBe('ada/sentiment');
    expect(snap.notes).toContainEqual({ kind: 'info', message: 'renamed: asked for ada/sentiment, GitHub answers with ada/sentiment-v2' });
    // REST answers 301 for the old name; the client follows it to /repositories/:id/...
    const c = client();
    const tree = await c.rest.git.getTree({ owner: 'ada', repo: 'sentiment', tree_sha: [...store.repos[0].trees.keys()][0], recursive: '1' });
    expect(tree.data.tree.map((e) => e.path)).toEqual(['README.md', 'train.py']);
    expect(server.requests.some((r) => /^\/repositories\/\d+\/git\/trees\//.test(r.path))).toBe(true);

    const r = await run(['ada/sentiment', 'ada/sentiment-v2', 'https://github.com/ADA/Sentiment-v2']);
    expect(statusOf(r)).toEqual([['ada/sentiment-v2', 'ok', '']]);
    expect(r.repos[0].notes.filter((n) => n.message.startsWith('also given as')).map((n) => n.message)).toEqual([
      'also given as "ada/sentiment-v2": audited once',
      'also given as "https://github.com/ADA/Sentiment-v2": audited once',
    ]);
  });

  it('truncated tree (huge repo): partial, with the reason', async () => {
    repo('huge', undefined, { truncated: true });
    await start();
    const r = await run(['ada/huge']);
    expect(r.repos[0]).toMatchObject({ status: 'partial', reason: 'file list truncated by GitHub at 2 files (huge repository)' });
    expect(r.repos[0].notes).toContainEqual(expect.objectContaining({ kind: 'truncated' }));
  });

  it('README missing or binary: audited, README rules fail, the binary README is noted', async () => {
    repo('noreadme', { 'train.py': 'model.fit(X, y)\n' });
    repo('binreadme', { 'README.md': new Uint8Array([0x23, 0x20, 0, 0, 1]), 'train.py': 'x\n' });
    await start();
    const r = await run(['ada/noreadme', 'ada/binreadme']);
    for (const x of r.repos.map(audited)) {
      expect(x.status).toBe('ok');
      expect(x.rules.find((y) => y.id === 'readme-exists')?.score).toBe(0);
    }
    expect(r.repos[1].notes).toContainEqual({ path: 'README.md', kind: 'binary', message: 'skipped: binary file' });
  });

  it('files over the contents size limit and Git LFS pointers: skipped with a note, never downloaded', async () => {
    repo('media', {
      'README.md': README,
      'train.py': 'import torch\n',
      'data/train.csv': 'a,b\n'.repeat(MAX_TEXT_BYTES / 2),
      'models/best.pt': 'version https://git-lfs.github.com/spec/v1\noid sha256:' + '0'.repeat(64) + '\nsize 123456789\n',
    });
    await start();
    const c = client();
    const snap = await githubSnapshot(c, 'ada/media');
    await snap.prefetch!(snap.files.map((f) => f.path));
    expect(await snap.read('data/train.csv')).toBeNull();
    expect(await snap.read('models/best.pt')).toBeNull();
    expect(snap.notes.map((n) => [n.path, n.kind, n.message])).toEqual([
      ['data/train.csv', 'too-large', `skipped: ${2 * MAX_TEXT_BYTES} bytes is over the ${MAX_TEXT_BYTES}-byte cap`],
      ['models/best.pt', 'lfs-pointer', 'skipped: Git LFS pointer (content is stored outside the repo)'],
    ]);
    const q = String((server.requests.at(-1)!.body as { query: string }).query);
    expect(q.match(/object\(oid:/g)).toHaveLength(3); // README, train.py, the pointer; not the big CSV
  });
});

describe('rate limits', () => {
  it.each([403, 429] as const)('primary (REST %s, x-ratelimit-remaining: 0): stops new work, keeps results, reports the reset time, does not sleep or retry', async (status) => {
    for (const n of ['r1', 'r2', 'r3']) repo(n);
    await start();
    const reset = Math.floor(Date.now() / 1000) + 3600;
    store.faults.push({ api: 'rest', match: /\/ada\/r2\/git\/trees\//, response: primaryRateLimited(reset, 'core', status) });
    const t0 = Date.now();
    const r = await run(['ada/r1', 'ada/r2', 'ada/r3']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const why = `rate limit exhausted until ${new Date(reset * 1000).toISOString()}`;
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'ok', ''],
      ['ada/r2', 'skipped', expect.stringContaining(why)],
      ['ada/r3', 'skipped', why],
    ]);
    expect(server.count('POST', '/graphql')).toBe(3); // r1: 2, r2: 1; nothing for r3
    expect(server.count('GET', '/repos/ada/r2/git/trees')).toBe(1); // not retried
    expect(events).toEqual([expect.objectContaining({ kind: 'primary', willRetry: false })]);
    expect(r.portfolio.audited).toBe(1);
  });

  it('primary, budget spent on a successful answer: the next repos are skipped before any request', async () => {
    for (const n of ['r1', 'r2', 'r3']) repo(n);
    await start();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    store.budget = { core: 1, graphql: 100, reset };
    const r = await run(['ada/r1', 'ada/r2', 'ada/r3']);
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'ok', ''],
      ['ada/r2', 'skipped', `rate limit exhausted until ${new Date(reset * 1000).toISOString()}`],
      ['ada/r3', 'skipped', `rate limit exhausted until ${new Date(reset * 1000).toISOString()}`],
    ]);
    expect(server.requests.length).toBe(3);
  });

  it.each([false, true])('GraphQL RATE_LIMITED inside a 200 (enterprise: %s): skipped with the reset time', async (enterprise) => {
    for (const n of ['r1', 'r2', 'r3']) repo(n);
    await start({ enterprise });
    const reset = Math.floor(Date.now() / 1000) + 600;
    store.faults.push({ api: 'graphql', match: (req) => /AuditBlobs/.test(String((req.body as { query: string }).query)) && (req.body as { variables: { name: string } }).variables.name === 'r2', response: graphqlRateLimited(reset) });
    const r = await run(['ada/r1', 'ada/r2', 'ada/r3']);
    const why = `rate limit exhausted until ${new Date(reset * 1000).toISOString()}`;
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'ok', ''],
      ['ada/r2', 'skipped', expect.stringContaining(why)],
      ['ada/r3', 'skipped', why],
    ]);
  });

  it.each([403, 429] as const)('secondary (%s + retry-after): waits as asked and retries once, REST and GraphQL', async (status) => {
    repo('r1');
    await start();
    store.faults.push({ api: 'rest', times: 1, response: secondaryRateLimited(3, status) });
    store.faults.push({ api: 'graphql', times: 1, response: secondaryRateLimited(2, status) });
    const r = await run(['ada/r1']);
    expect(statusOf(r)).toEqual([['ada/r1', 'ok', '']]);
    expect(events.map((e) => [e.kind, e.retryAfterSec, e.willRetry])).toEqual([
      ['secondary', 2, true],
      ['secondary', 3, true],
    ]);
    expect(server.requests.length).toBe(5);
  });

  it('secondary with a retry-after longer than allowed: that repo skipped, the others go on', async () => {
    repo('r1');
    repo('r2');
    await start();
    store.faults.push({ api: 'rest', match: /\/ada\/r1\//, response: secondaryRateLimited(3600) });
    const r = await run(['ada/r1', 'ada/r2'], client({ maxSecondaryWaitSec: 60 }));
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'skipped', expect.stringContaining('secondary rate limit: GitHub asked to wait 3600 s')],
      ['ada/r2', 'ok', ''],
    ]);
  });
});

describe('timeouts and server errors', () => {
  it('GraphQL timeout on a big history: retried with smaller pages, still 100 commits', async () => {
    const commits = Array.from({ length: 150 }, (_, i) => ({ message: `c${149 - i}`, date: new Date(Date.UTC(2025, 0, 1) + (149 - i) * 3600_000).toISOString() }));
    repo('big', undefined, { commits });
    await start({ historyTimeoutAbove: 40 });
    const snap = await githubSnapshot(client(), 'ada/big');
    expect(snap.history.commits).toHaveLength(100);
    expect(snap.history.commits[99].subject).toBe('c50');
    expect(snap.source.status).toBe('ok');
    const firsts = server.requests.filter((r) => r.path === '/graphql').map((r) => (r.body as { variables: { first: number } }).variables.first);
    expect(firsts).toEqual([100, 50, 25, 25, 25, 25]);
  });

  it('GraphQL timeout on the contents query: split in halves', async () => {
    repo('r', { 'README.md': README, 'a.py': 'a\n', 'b.py': 'b\n', 'c.py': 'c\n' });
    await start();
    store.faults.push({ api: 'graphql', times: 1, match: /AuditBlobs/, response: graphqlTimeout() });
    const snap = await githubSnapshot(client(), 'ada/r');
    await snap.prefetch!(['a.py', 'b.py', 'c.py']);
    expect((await snap.read('c.py'))?.text).toBe('c\n');
    const sizes = server.requests
      .filter((r) => /AuditBlobs/.test(String((r.body as { query?: string } | undefined)?.query)))
      .map((r) => String((r.body as { query: string }).query).match(/object\(oid:/g)!.length);
    expect(sizes).toEqual([4, 2, 2]);
  });

  it('5xx: bounded retries; a repo that keeps failing gets an error, the others do not', async () => {
    repo('flaky');
    repo('broken');
    repo('fine');
    await start();
    store.faults.push({ api: 'rest', times: 2, match: /\/ada\/flaky\//, response: serverError(502) });
    store.faults.push({ api: 'rest', match: /\/ada\/broken\//, response: serverError(500) });
    store.faults.push({ api: 'graphql', times: 2, match: (req) => (req.body as { variables: { name: string } }).variables.name === 'fine', response: serverError(503) });
    // A 502 on a query that cannot be made smaller (one blob) is retried like any 5xx.
    repo('tiny', { 'README.md': README });
    const tinyBlobs = (req: FakeRequest) => {
      const b = req.body as { query?: string; variables?: { name?: string } } | undefined;
      return /AuditBlobs/.test(String(b?.query)) && b?.variables?.name === 'tiny';
    };
    store.faults.push({ api: 'graphql', times: 1, match: tinyBlobs, response: serverError(502) });
    const r = await run(['ada/flaky', 'ada/broken', 'ada/fine', 'ada/tiny'], client({ retries: 3 }));
    expect(statusOf(r)).toEqual([
      ['ada/flaky', 'ok', ''],
      ['ada/broken', 'error', expect.stringMatching(/^GitHub server error 500 after retries/)],
      ['ada/fine', 'ok', ''],
      ['ada/tiny', 'ok', ''],
    ]);
    expect(server.count('GET', '/repos/ada/flaky/git/trees')).toBe(3);
    expect(server.requests.filter(tinyBlobs).map((q) => String((q.body as { query: string }).query).match(/object\(oid:/g)!.length)).toEqual([1, 1]);
    expect(server.count('GET', '/repos/ada/broken/git/trees')).toBe(4); // 1 + 3 retries
  });

  it('per-request timeout: a hung request is aborted and retried; one that always hangs fails in bounded time', async () => {
    repo('slow');
    repo('hung');
    await start();
    store.faults.push({ api: 'rest', times: 1, match: /\/ada\/slow\//, delayMs: 2000 });
    store.faults.push({ api: 'rest', match: /\/ada\/hung\//, delayMs: 5000 });
    const t0 = Date.now();
    const r = await run(['ada/slow', 'ada/hung'], client({ requestTimeoutMs: 200, retries: 2 }));
    expect(statusOf(r)).toEqual([
      ['ada/slow', 'ok', ''],
      ['ada/hung', 'error', expect.stringMatching(/^no answer within 0.2 s from the GitHub API at http:\/\/127.0.0.1:\d+\/repos\/ada\/hung\/git\/trees\//)],
    ]);
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(server.count('GET', '/repos/ada/hung/git/trees')).toBe(3);
  });

  it('overall time budget: the repo in flight and the rest are skipped with the reason, finished results kept', async () => {
    for (const n of ['r1', 'r2', 'r3']) repo(n);
    await start();
    const c = client();
    await githubSnapshot(c, 'ada/r1'); // warm up (schema, JIT) so the budget below measures the repos
    store.faults.push({ api: 'rest', match: /\/ada\/r2\//, delayMs: 3000 });
    const t0 = Date.now();
    const r = await run(['ada/r1', 'ada/r2', 'ada/r3'], c, { timeBudgetMs: 1200 });
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'ok', ''],
      ['ada/r2', 'skipped', expect.stringContaining('time budget of 1.2s exhausted while this repo was being audited')],
      ['ada/r3', 'skipped', 'time budget of 1.2s exhausted before this repo was audited'],
    ]);
  });
});
