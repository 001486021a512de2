/**
 * Hostile and broken servers, against the loopback GitHub: partial GraphQL answers (errors next to data), bodies
 * that never end, invalid JSON, redirect loops, servers that never answer, file lists without end. Each repo gets an
 * honest status and a plain reason; the other repos keep their results. Attack inputs are generated here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditTargets } from '../../src/run.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { commentBody } from '../../src/action/body.js';
import { createGithubClient, githubSnapshot, type GithubClient, type GithubClientOptions } from '../../src/sources/github.js';
import { FakeGitHub, type FakeRequest, type FakeResponse } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';
import { audited } from '../helpers/audited.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const README = '# Churn\n\nPredicts churn from usage data.\n\n## Usage\n\n```bash\npython train.py\n```\n\n## Results\n\nAUC 0.91 on the test set.\n';
const FILES = { 'README.md': README, 'train.py': 'import sklearn\nmodel.fit(X, y)\n', 'evaluate.py': 'from sklearn.metrics import roc_auc_score\n' };

let server: FakeGitHub;
let store: FakeRepos;
let baseUrl: string;

const commits = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ message: `Step ${n - i}: improve the model`, date: new Date(Date.UTC(2025, 0, 1) + (n - i) * 86_400_000).toISOString() }));
const repo = (name: string, files: Record<string, string> = FILES, n = 42) => store.add(fakeRepoFromFiles('ada', name, files, { commits: commits(n) }));
const start = async () => ({ baseUrl } = await startFakeGithub(server, store));
const client = (o: GithubClientOptions = {}): GithubClient => createGithubClient({ token: 't', baseUrl, retryBaseMs: 1, retryAfterUnitMs: 1, ...o });
const run = (targets: string[], c: GithubClient = client(), extra: Partial<Parameters<typeof auditTargets>[0]> = {}) =>
  auditTargets({ targets, client: c, now: NOW, concurrency: 1, ...extra });
const statusOf = (r: Awaited<ReturnType<typeof run>>) => r.repos.map((x) => [x.repo, x.status, x.reason ?? '']);

const gql = (req: FakeRequest) => req.body as { query?: string; variables?: { name?: string } };
const forRepo = (name: string, op: RegExp) => (req: FakeRequest) => op.test(String(gql(req).query)) && gql(req).variables?.name === name;

/** The normal answer with `errors` added and the fields they name set to null, as GitHub does on a failed part. */
function nulling(paths: Array<Array<string | number>>): (res: FakeResponse) => FakeResponse {
  return (res) => {
    const body = structuredClone(res.body) as { data: Record<string, unknown>; errors?: unknown[] };
    for (const p of paths) {
      let o = body.data as Record<string | number, unknown>;
      for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[p.at(-1)!] = null;
    }
    body.errors = paths.map((path) => ({ path, message: `Something failed resolving ${path.join('.')}` }));
    return { ...res, body };
  };
}

beforeEach(() => {
  server = new FakeGitHub();
  store = new FakeRepos();
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries, 'GraphQL queries GitHub would reject').toEqual([]);
});

describe('partial GraphQL answers (errors next to data)', () => {
  it('history nodes not returned: partial "commit history not returned", history rules not scored, never "no commits"', async () => {
    repo('churn');
    repo('fine');
    await start();
    store.faults.push({ api: 'graphql', match: forRepo('churn', /AuditRepo/), transform: nulling([['repository', 'defaultBranchRef', 'target', 'history', 'nodes']]) });
    const r = await run(['ada/churn', 'ada/fine']);
    const [churn, fine] = r.repos.map(audited);
    expect(statusOf(r)).toEqual([
      ['ada/churn', 'partial', expect.stringContaining('commit history not returned by GitHub')],
      ['ada/fine', 'ok', ''],
    ]);
    const history = churn.rules.filter((x) => x.id.startsWith('history-'));
    expect(history.length).toBeGreaterThan(0);
    for (const x of history) expect(x).toMatchObject({ measurable: false, score: null });
    expect(JSON.stringify(churn)).not.toContain('has no commits');
    // Unknown is left out of the score, not counted as zero: the partial repo does not score below the full one.
    expect(churn.score).toBeGreaterThanOrEqual(fine.score - 15);
    // Every renderer says the score is not final.
    expect(renderText(r)).toContain('ada/churn');
    expect(renderText(r)).toMatch(/\[partial: not final\]\n {2}partial: {4}commit history not returned by GitHub[^]*the score is not final/);
    expect(renderMarkdown(r)).toMatch(/<code>ada\/churn<\/code> — \d+(\.\d)?\/100 \([A-F]\) — partial, not final/);
    expect(renderMarkdown(r)).toContain('**Partial result, the score is not final:** commit history not returned by GitHub');
    expect(renderMarkdown(r)).toMatch(/\| <code>ada\/churn<\/code> \| \d+(\.\d)? \(partial\) \|/);
    const body = commentBody({ report: r, repo: churn, base: { kind: 'none' }, topFixes: 3 }).text;
    expect(body).toMatch(/partial, not final/);
    expect(body).toContain('Partial result, the score is not final: commit history not returned by GitHub');
  });

  it('default branch target not returned: files read by branch name, partial, history unknown', async () => {
    repo('churn');
    await start();
    store.faults.push({ api: 'graphql', match: forRepo('churn', /AuditRepo/), transform: nulling([['repository', 'defaultBranchRef', 'target']]) });
    const snap = await githubSnapshot(client(), 'ada/churn');
    expect(snap.source.status).toBe('partial');
    expect(snap.source.reasons).toEqual([expect.stringMatching(/^commit history not returned by GitHub/)]);
    expect(snap.files.map((f) => f.path)).toEqual(['evaluate.py', 'README.md', 'train.py'].sort((a, b) => (a < b ? -1 : 1)));
    expect(snap.history).toMatchObject({ commits: [], unavailable: 'commit history not returned by GitHub' });
    expect(server.requests.some((q) => q.path === '/repos/ada/churn/git/trees/main')).toBe(true);
  });

  it('some commits not returned (null nodes): partial with the count, the others kept', async () => {
    repo('churn');
    await start();
    store.faults.push({
      api: 'graphql',
      match: forRepo('churn', /AuditRepo/),
      transform: nulling([0, 1, 2].map((i) => ['repository', 'defaultBranchRef', 'target', 'history', 'nodes', i])),
    });
    const snap = await githubSnapshot(client(), 'ada/churn');
    expect(snap.history.commits).toHaveLength(39);
    expect(snap.source).toMatchObject({ status: 'partial', reasons: ['3 of 42 commits not returned by GitHub'] });
  });

  it('file contents not returned (null blobs, missing text): partial "N file contents not returned", the README not scored as absent', async () => {
    repo('churn');
    repo('fine');
    await start();
    // Every blob of the contents query comes back null with an error.
    store.faults.push({
      api: 'graphql',
      match: forRepo('churn', /AuditBlobs/),
      transform: (res, req) => nulling([...String(gql(req).query).matchAll(/ (b\d+): object/g)].map((m) => ['repository', m[1]]))(res),
    });
    const r = await run(['ada/churn', 'ada/fine']);
    const [churn, fine] = r.repos.map(audited);
    expect(churn.status).toBe('partial');
    // What the API did not return is not measured, never counted as absent: a rule whose code was among it says so.
    expect(churn.reason).toMatch(
      /^3 file contents not returned; rule reproducibility not measured: code that may hold it could not be read \(evaluate\.py: the API did not return the content of this file; train\.py: the API did not return the content of this file\); it counts as 0 until measured, so [\d.]+ is a floor: with those files read the score can at most become [\d.]+$/,
    );
    expect(churn.notes).toContainEqual(expect.objectContaining({ path: 'README.md', kind: 'not-returned' }));
    for (const id of ['readme-exists', 'readme-usage']) expect(churn.rules.find((x) => x.id === id)).toMatchObject({ measurable: false });
    expect(fine.status).toBe('ok');
    expect(fine.rules.find((x) => x.id === 'readme-exists')).toMatchObject({ measurable: true, score: 1 });
  });

  it('one blob text not returned (error on its `text`): only that file is missing', async () => {
    repo('churn');
    await start();
    store.faults.push({ api: 'graphql', match: forRepo('churn', /AuditBlobs/), transform: nulling([['repository', 'b0', 'text']]) });
    const snap = await githubSnapshot(client(), 'ada/churn');
    await snap.prefetch!(snap.files.map((f) => f.path));
    const texts = await Promise.all(snap.files.map((f) => snap.read(f.path)));
    expect(texts.filter((x) => x === null)).toHaveLength(1);
    expect(snap.source).toMatchObject({ status: 'partial', reasons: ['1 file content not returned'] });
    expect(server.count('GET', '/repos/ada/churn/git/blobs')).toBe(0); // not "fetched again" as if it were not UTF-8
  });
});

describe('a misbehaving API server', () => {
  it('an endless body is aborted past the cap: "response larger than 1 MB", not retried, memory bounded, the others keep their results', async () => {
    repo('huge');
    repo('fine');
    await start();
    store.faults.push({
      api: 'rest',
      match: /\/ada\/huge\/git\/trees\//,
      response: { status: 200, stream: { prefix: '{"sha":"x","tree":[', chunk: `${JSON.stringify({ path: 'a'.repeat(200), mode: '100644', type: 'blob', sha: '0'.repeat(40), size: 1 })},`.repeat(256) } },
    });
    const r = await run(['ada/huge', 'ada/fine'], client({ maxResponseBytes: 1024 * 1024 }));
    expect(statusOf(r)).toEqual([
      ['ada/huge', 'error', expect.stringMatching(/^response larger than 1 MB from the GitHub API at http:\/\/127\.0\.0\.1:\d+\/repos\/ada\/huge\/git\/trees\/[0-9a-f]+ \(/)],
      ['ada/fine', 'ok', ''],
    ]);
    expect(server.count('GET', '/repos/ada/huge/git/trees')).toBe(1);
    // The client stopped reading: the server saw it go away after a few MB at most (socket buffers), not forever.
    await new Promise((res) => setTimeout(res, 50));
    expect(server.streamsAbandoned).toBe(1);
    expect(server.streamedBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    repo('big');
    await start();
    store.faults.push({ api: 'rest', match: /\/ada\/big\/git\/trees\//, response: { status: 200, raw: 'x'.repeat(4096), headers: { 'content-length': '4096' } } });
    const r = await run(['ada/big'], client({ maxResponseBytes: 1000 }));
    expect(statusOf(r)).toEqual([['ada/big', 'error', expect.stringMatching(/^response larger than 1 KB from the GitHub API at /)]]);
  });

  it('the default cap is 64 MB: a declared Content-Length one byte over it is refused before reading, by a client with no cap set', async () => {
    repo('big');
    repo('fine');
    await start();
    // Only the header is over the cap: the client must refuse on the header alone, never wait for 64 MB.
    store.faults.push({ api: 'rest', match: /\/ada\/big\/git\/trees\//, response: { status: 200, raw: '{}', headers: { 'content-length': String(64 * 1024 * 1024 + 1) } } });
    const r = await run(['ada/big', 'ada/fine'], client());
    expect(statusOf(r)).toEqual([
      ['ada/big', 'error', expect.stringMatching(/^response larger than 64 MB from the GitHub API at /)],
      ['ada/fine', 'ok', ''],
    ]);
  });

  it('invalid JSON (REST and GraphQL): "the GitHub API at <url> answered with invalid JSON", not an internal TypeError, not retried', async () => {
    repo('rest');
    repo('graph');
    repo('fine');
    await start();
    store.faults.push({ api: 'rest', match: /\/ada\/rest\/git\/trees\//, response: { status: 200, raw: '{"sha": "abc", "tree": [{"path": "READ' } });
    store.faults.push({ api: 'graphql', match: forRepo('graph', /AuditRepo/), response: { status: 200, raw: '<html>oops</html>' } });
    const r = await run(['ada/rest', 'ada/graph', 'ada/fine']);
    expect(statusOf(r)).toEqual([
      ['ada/rest', 'error', expect.stringMatching(/^the GitHub API at http:\/\/127\.0\.0\.1:\d+\/repos\/ada\/rest\/git\/trees\/[0-9a-f]+ answered with invalid JSON \(/)],
      ['ada/graph', 'error', expect.stringMatching(/^the GitHub API at http:\/\/127\.0\.0\.1:\d+\/graphql answered with invalid JSON \(/)],
      ['ada/fine', 'ok', ''],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/TypeError|Cannot read properties/);
    expect(server.count('GET', '/repos/ada/rest/git/trees')).toBe(1);
  });

  it('valid JSON of the wrong shape: said plainly (a GraphQL answer that is not an object, a file list without entries)', async () => {
    repo('graph');
    repo('rest');
    await start();
    store.faults.push({ api: 'graphql', match: forRepo('graph', /AuditRepo/), response: { status: 200, raw: 'null' } });
    store.faults.push({ api: 'rest', match: /\/ada\/rest\/git\/trees\//, response: { status: 200, body: { sha: 'x', tree: 'nope' } } });
    const r = await run(['ada/graph', 'ada/rest']);
    expect(statusOf(r)).toEqual([
      ['ada/graph', 'error', expect.stringMatching(/^the GitHub API at http:\/\/127\.0\.0\.1:\d+\/graphql answered with something that is not a GraphQL answer/)],
      ['ada/rest', 'error', expect.stringMatching(/^the GitHub API at http:\/\/127\.0\.0\.1:\d+\/repos\/ada\/rest\/git\/trees\/\w+ answered a file list without entries/)],
    ]);
  });

  it('a redirect loop (REST and GraphQL): "redirect loop at <url>", not "not found or no access"', async () => {
    repo('rest');
    repo('graph');
    repo('fine');
    await start();
    store.faults.push({
      api: 'rest',
      match: /\/ada\/rest\/git\/trees\//,
      response: (req) => ({ status: 301, body: { message: 'Moved Permanently' }, headers: { location: `${baseUrl}/repos/ada/rest-moved/git/trees/${req.params.sha}` } }),
    });
    store.faults.push({
      api: 'rest',
      match: /\/ada\/rest-moved\/git\/trees\//,
      response: (req) => ({ status: 302, body: { message: 'Found' }, headers: { location: `${baseUrl}/repos/ada/rest/git/trees/${req.params.sha}?recursive=1` } }),
    });
    store.faults.push({ api: 'graphql', match: forRepo('graph', /AuditRepo/), response: { status: 307, body: {}, headers: { location: '/graphql' } } });
    const r = await run(['ada/rest', 'ada/graph', 'ada/fine']);
    expect(statusOf(r)).toEqual([
      ['ada/rest', 'error', expect.stringMatching(/^redirect loop at http:\/\/127\.0\.0\.1:\d+\/repos\/ada\/rest-moved\/git\/trees\/\w+ \(back to http:\/\/127\.0\.0\.1:\d+\/repos\/ada\/rest\/git\/trees\/\w+\)/)],
      ['ada/graph', 'error', expect.stringMatching(/^redirect loop at http:\/\/127\.0\.0\.1:\d+\/graphql/)],
      ['ada/fine', 'ok', ''],
    ]);
    expect(JSON.stringify(r.repos.slice(0, 2))).not.toContain('not found');
  });

  it('a server that never answers: the repo deadline ends it ("no result within N s"), the others keep their results', async () => {
    for (const n of ['r1', 'hung', 'r3']) repo(n);
    await start();
    store.faults.push({ api: 'rest', match: /\/ada\/hung\//, delayMs: 10_000 });
    // The per-request timeout (30 s by default) alone would leave the repo hanging; its deadline does not.
    // 3 s: room for the others' audits (their rules run in a worker thread, started from the sources under test).
    const r = await run(['ada/r1', 'ada/hung', 'ada/r3'], client(), { repoTimeoutMs: 3000 });
    expect(statusOf(r)).toEqual([
      ['ada/r1', 'ok', ''],
      ['ada/hung', 'error', expect.stringMatching(/^no result within 3 s for this repository \(per-repo time limit\) \(Retry later, or raise --repo-timeout\.\)/)],
      ['ada/r3', 'ok', ''],
    ]);
  });

  it('a repo deadline is on by default', async () => {
    repo('r1');
    await start();
    const snap = await githubSnapshot(client(), 'ada/r1');
    expect(snap.source.status).toBe('ok');
    const { DEFAULT_REPO_TIMEOUT_MS } = await import('../../src/sources/github.js');
    expect(DEFAULT_REPO_TIMEOUT_MS).toBeGreaterThan(0);
    expect(DEFAULT_REPO_TIMEOUT_MS).toBeLessThanOrEqual(300_000);
  });

  it('a file list longer than the cap is cut there: partial with the reason, like GitHub\'s own truncated list', async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/m${String(i).padStart(2, '0')}.py`, `x = ${i}\n`]));
    repo('many', { 'README.md': README, ...files });
    await start();
    const snap = await githubSnapshot(client(), 'ada/many', { maxTreeEntries: 10 });
    expect(snap.files.length).toBeLessThanOrEqual(10);
    expect(snap.source).toMatchObject({ status: 'partial', reasons: ['file list cut at 10 entries (the API listed 32)'] });
    expect(snap.notes).toContainEqual({ kind: 'truncated', message: 'file list cut at 10 entries (the API listed 32): files beyond it are not audited' });
  });
});
