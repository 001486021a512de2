import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient, githubSnapshot, type GithubClient } from '../../src/sources/github.js';
import { MAX_TEXT_BYTES } from '../../src/sources/decode.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';

const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';
const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Training\n'] },
    { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['import torch\n', 'model.fit(x, y)\n'] },
  ],
});

let server: FakeGitHub;
let store: FakeRepos;
let client: GithubClient;

async function start(opts: { enterprise?: boolean } = {}) {
  const { baseUrl } = await startFakeGithub(server, store, opts);
  client = createGithubClient({ token: 't0ken', baseUrl, retryBaseMs: 1, retryAfterUnitMs: 1 });
}

beforeEach(() => {
  server = new FakeGitHub();
  store = new FakeRepos();
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries, 'GraphQL queries GitHub would reject').toEqual([]);
});

describe('githubSnapshot', () => {
  it('gives the RepoSnapshot of a repo in 3 requests: metadata+history, tree, contents', async () => {
    store.add(
      fakeRepoFromFiles(
        'ada',
        'churn',
        {
          'README.md': '# Churn\n\nPredicts churn.\n',
          'src/train.py': 'import sklearn\n',
          'notebooks/explore.ipynb': NOTEBOOK,
          'models/model.bin': new Uint8Array([0, 1, 2, 3, 0, 5]),
          'data/big.csv': 'x'.repeat(MAX_TEXT_BYTES + 10),
          'weights.pt': LFS,
        },
        {
          description: 'Churn model',
          topics: ['machine-learning', 'churn'],
          stars: 7,
          primaryLanguage: 'Python',
          commits: [
            { message: 'Add training\n\nwith a long body', date: '2025-03-02T10:00:00+02:00', changedFiles: 2 },
            { message: 'Merge branch x', date: '2025-03-01T10:00:00+00:00', changedFiles: 5, merge: true },
            { message: 'Initial commit', date: '2025-02-01T09:30:00-05:00', author: { name: 'Bo', email: 'bo@example.com' }, changedFiles: 3 },
          ],
        },
      ),
    );
    await start();
    const snap = await githubSnapshot(client, 'ada/churn');
    expect(snap.id).toBe('ada/churn');
    expect(snap.files.map((f) => f.path)).toEqual([
      'README.md',
      'data/big.csv',
      'models/model.bin',
      'notebooks/explore.ipynb',
      'src/train.py',
      'weights.pt',
    ]);
    expect(snap.files.find((f) => f.path === 'src/train.py')!.size).toBe(15);
    expect(snap.metadata).toMatchObject({
      fork: false,
      archived: false,
      description: 'Churn model',
      topics: ['machine-learning', 'churn'],
      stars: 7,
      primaryLanguage: 'Python',
      defaultBranch: 'main',
      url: 'https://github.com/ada/churn',
    });
    expect(snap.history).toMatchObject({ shallow: false, truncated: false, totalCount: 3 });
    expect(snap.history.commits.map((c) => [c.subject, c.date, c.filesChanged, c.merge, c.authorName])).toEqual([
      ['Add training', '2025-03-02T10:00:00+02:00', 2, false, 'Ada Candidate'],
      ['Merge branch x', '2025-03-01T10:00:00+00:00', null, true, 'Ada Candidate'],
      ['Initial commit', '2025-02-01T09:30:00-05:00', 3, false, 'Bo'],
    ]);
    const before = server.requests.length;
    expect(before).toBe(2); // GraphQL metadata+history, REST tree

    await snap.prefetch!(snap.files.map((f) => f.path));
    expect(server.requests.length).toBe(3); // one GraphQL query for every planned blob
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /graphql',
      expect.stringMatching(/^GET \/repos\/ada\/churn\/git\/trees\/[0-9a-f]{40}$/),
      'POST /graphql',
    ]);
    expect(server.requests[1].query.get('recursive')).toBe('1');

    expect((await snap.read('src/train.py'))?.text).toBe('import sklearn\n');
    const nb = await snap.read('notebooks/explore.ipynb');
    expect(nb?.text).toBe('import torch\nmodel.fit(x, y)\n');
    expect(nb?.cells?.map((c) => c.type)).toEqual(['markdown', 'code']);
    expect(await snap.read('models/model.bin')).toBeNull();
    expect(await snap.read('data/big.csv')).toBeNull();
    expect(await snap.read('weights.pt')).toBeNull();
    expect(await snap.read('no/such/file')).toBeNull();
    expect(snap.notes.map((n) => [n.path, n.kind])).toEqual([
      ['models/model.bin', 'binary'],
      ['data/big.csv', 'too-large'],
      ['weights.pt', 'lfs-pointer'],
    ]);
    // The file over the cap was never downloaded, and reads after the prefetch cost nothing.
    expect(server.requests.length).toBe(3);
    const blobQuery = String((server.requests[2].body as { query: string }).query);
    expect(blobQuery.match(/object\(oid:/g)).toHaveLength(5);
    expect(snap.source).toMatchObject({ status: 'ok', canonical: 'ada/churn', requests: 3 });
  });

  it('always fetches the README with the planned files, and batches unplanned reads', async () => {
    store.add(fakeRepoFromFiles('ada', 'r', { 'Readme.md': '# R\n', 'a.py': 'a = 1\n', 'b.py': 'b = 2\n', 'c.py': 'c = 3\n' }));
    await start();
    const snap = await githubSnapshot(client, 'ada/r');
    await snap.prefetch!(['a.py']);
    expect(server.requests.length).toBe(3);
    expect((await snap.read('Readme.md'))?.text).toBe('# R\n');
    expect(server.requests.length).toBe(3);
    // Reads the plan did not foresee, issued together, cost one more query.
    const [b, c] = await Promise.all([snap.read('b.py'), snap.read('c.py')]);
    expect([b?.text, c?.text]).toEqual(['b = 2\n', 'c = 3\n']);
    expect(server.requests.length).toBe(4);
  });

  it('fetches the exact bytes over REST when GraphQL truncates a text or cannot give it as UTF-8', async () => {
    const big = 'y'.repeat(2000) + '\n';
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in Latin-1: not UTF-8
    store.blobTextLimit = 1000;
    store.add(fakeRepoFromFiles('ada', 'big', { 'README.md': '# Big\n', 'train.py': big, 'notes.txt': latin1 }));
    await start();
    const snap = await githubSnapshot(client, 'ada/big');
    await snap.prefetch!(['train.py', 'notes.txt']);
    expect((await snap.read('train.py'))?.text).toBe(big);
    expect(await snap.read('notes.txt')).toBeNull();
    expect(snap.notes).toEqual([{ path: 'notes.txt', kind: 'not-utf8', message: 'skipped: not valid UTF-8 text' }]);
    expect(server.count('GET', '/repos/ada/big/git/blobs/')).toBe(2);
  });

  it('asks for a truncated file as raw bytes, and reads the JSON blob from a server that ignores the media type', async () => {
    const cells = [{ cell_type: 'code', metadata: {}, execution_count: 1, outputs: [{ output_type: 'display_data', data: { 'image/png': 'iVBOR'.repeat(400) }, metadata: {} }], source: ['import torch\n'] }];
    const nb = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]); // not UTF-8: GraphQL gives no text
    store.blobTextLimit = 1000;
    store.add(fakeRepoFromFiles('ada', 'nb', { 'README.md': '# NB\n', 'train.ipynb': nb, 'notes.txt': latin1 }));
    await start();
    for (const ignore of [false, true]) {
      store.ignoreRawMediaType = ignore;
      const snap = await githubSnapshot(client, 'ada/nb');
      await snap.prefetch!(['train.ipynb', 'notes.txt']);
      const read = await snap.read('train.ipynb');
      expect(read?.text).toBe('import torch\n');
      expect(read?.cells).toEqual([{ index: 1, type: 'code', source: 'import torch\n' }]);
      expect(await snap.read('notes.txt')).toBeNull();
      expect(snap.notes).toEqual([{ path: 'notes.txt', kind: 'not-utf8', message: 'skipped: not valid UTF-8 text' }]);
      const rest = server.requests.filter((r) => r.path.startsWith('/repos/ada/nb/git/blobs/'));
      expect(rest.map((r) => r.headers.accept)).toEqual(['application/vnd.github.raw+json', 'application/vnd.github.raw+json']);
      server.requests.length = 0;
    }
  });

  it('fetches a notebook GraphQL would truncate over REST at once, and keeps its cells, not its megabytes', async () => {
    const png = 'iVBOR' + 'QUJD'.repeat(40_000); // 160 KB of base64 per image
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: ['# Plots\n'] },
      ...[1, 2, 3, 4].map((i) => ({ cell_type: 'code', metadata: {}, execution_count: i, outputs: [{ output_type: 'display_data', data: { 'image/png': png }, metadata: {} }], source: [`plt.plot(h[${i}])\n`, 'plt.show()'] })),
    ];
    const nb = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
    expect(nb.length).toBeGreaterThan(600_000);
    const lenient = nb.replace('"plt.show()"]', '"plt.show()",]'); // a trailing comma: read by the text path
    store.add(
      fakeRepoFromFiles(
        'ada',
        'plots',
        { 'README.md': '# P\n', 'plots.ipynb': nb, 'copy/plots.ipynb': nb, 'hand.ipynb': lenient, 'small.ipynb': NOTEBOOK, 'plots.json': 'plots.ipynb' },
        { modes: { 'plots.json': '120000' } },
      ),
    );
    await start();
    const snap = await githubSnapshot(client, 'ada/plots');
    server.requests.length = 0;
    await snap.prefetch!(['plots.ipynb', 'copy/plots.ipynb', 'hand.ipynb', 'small.ipynb']);
    // One GraphQL query for the README and the small notebook; one REST request per large blob (the copy is the same blob).
    expect(server.count('POST', '/graphql')).toBe(1);
    expect(JSON.stringify(server.requests.find((r) => r.path === '/graphql')?.body)).not.toMatch(/b2:/);
    expect(server.count('GET', '/repos/ada/plots/git/blobs/')).toBe(2);
    const want = cells.map((c, i) => ({ index: i + 1, type: c.cell_type, source: c.source.join('') }));
    const read = await snap.read('plots.ipynb');
    expect(read?.cells).toEqual(want);
    expect(read?.text).toBe(want.slice(1).map((c) => c.source).join('\n'));
    expect((await snap.read('copy/plots.ipynb'))?.cells).toEqual(want);
    expect((await snap.read('hand.ipynb'))?.cells).toEqual(want);
    expect((await snap.read('small.ipynb'))?.cells).toHaveLength(2);
    expect(snap.notes).toEqual([{ path: 'hand.ipynb', kind: 'info', message: 'hand.ipynb: read leniently: its JSON has a trailing comma, so Jupyter and GitHub will not open it' }]);
    expect(server.count('GET', '/repos/ada/plots/git/blobs/')).toBe(2);
    // A link not named .ipynb reads the notebook as its name says (JSON text, under the 1 MB text cap): its bytes are
    // fetched again, since only the cells were kept.
    const viaLink = await snap.read('plots.json');
    expect(viaLink?.text).toBe(nb);
    expect(viaLink?.cells).toBeUndefined();
    expect(server.count('GET', '/repos/ada/plots/git/blobs/')).toBe(3);
  });

  it('lets go of a large file once read, and fetches it again for a link read later', async () => {
    const big = 'z = 1\n'.repeat(20_000); // 120 KB
    store.add(fakeRepoFromFiles('ada', 'drop', { 'README.md': '# D\n', 'big.py': big, 'LINK.py': 'big.py' }, { modes: { 'LINK.py': '120000' } }));
    await start();
    const snap = await githubSnapshot(client, 'ada/drop');
    await snap.prefetch!(['big.py']);
    expect((await snap.read('big.py'))?.text).toBe(big);
    const before = server.requests.length;
    await snap.prefetch!(['big.py']); // read already: not fetched again
    expect(server.requests.length).toBe(before);
    expect((await snap.read('LINK.py'))?.text).toBe(big);
    expect(server.requests.length).toBe(before + 2); // the link, then its target again
    // The file and a link to it read at once: both get the text, whichever is decoded first (this order does not
    // force the case where the link's read waits on bytes the file's read then lets go; decode re-fetches them then).
    const again = await githubSnapshot(client, 'ada/drop');
    await again.prefetch!(['LINK.py']); // the link and its target
    const [viaFile, viaLink] = await Promise.all([again.read('big.py'), again.read('LINK.py')]);
    expect([viaFile?.text, viaLink?.text]).toEqual([big, big]);
    expect(snap.notes).toEqual([]);
    expect(again.notes).toEqual([]);
  });

  it('follows symbolic links inside the repo and refuses links leaving it', async () => {
    store.add(
      fakeRepoFromFiles(
        'ada',
        'links',
        { 'README.md': '# L\n', 'docs/guide.md': 'guide text\n', 'GUIDE.md': 'docs/guide.md', 'escape.md': '../../etc/passwd' },
        { modes: { 'GUIDE.md': '120000', 'escape.md': '120000' } },
      ),
    );
    await start();
    const snap = await githubSnapshot(client, 'ada/links');
    await snap.prefetch!(['GUIDE.md', 'escape.md']);
    expect(await snap.read('GUIDE.md')).toEqual({ path: 'GUIDE.md', text: 'guide text\n' });
    expect(await snap.read('escape.md')).toBeNull();
    expect(snap.notes.map((n) => [n.path, n.kind])).toEqual([['escape.md', 'symlink-outside']]);
  });

  it('audits a ref: branch, tag (annotated, peeled) or sha', async () => {
    const repo = store.add(
      fakeRepoFromFiles('ada', 'tags', { 'README.md': '# T\n' }, {
        commits: [
          { message: 'third', date: '2025-03-03T00:00:00Z' },
          { message: 'second', date: '2025-03-02T00:00:00Z' },
          { message: 'first', date: '2025-03-01T00:00:00Z' },
        ],
      }),
    );
    repo.refs = { dev: repo.commits[1].oid };
    repo.tags = { 'v1.0': { oid: 'a'.repeat(40), commit: repo.commits[2].oid } };
    await start();
    const dev = await githubSnapshot(client, 'ada/tags@dev');
    expect(dev.id).toBe('ada/tags@dev');
    expect(dev.commit).toBe(repo.commits[1].oid);
    expect(dev.history.commits.map((c) => c.subject)).toEqual(['second', 'first']);
    const tag = await githubSnapshot(client, 'https://github.com/ada/tags/tree/v1.0');
    expect(tag.commit).toBe(repo.commits[2].oid);
    const sha = await githubSnapshot(client, `ada/tags@${repo.commits[1].oid}`);
    expect(sha.commit).toBe(repo.commits[1].oid);
    await expect(githubSnapshot(client, 'ada/tags@nope')).rejects.toThrow(/ref "nope" not found/);
  });

  it('reads at most historyLimit commits and says the history is a window', async () => {
    const commits = Array.from({ length: 250 }, (_, i) => ({ message: `c${249 - i}`, date: new Date(Date.UTC(2025, 0, 1) + (249 - i) * 3600_000).toISOString() }));
    store.add(fakeRepoFromFiles('ada', 'long', { 'README.md': '# L\n' }, { commits }));
    await start();
    const snap = await githubSnapshot(client, 'ada/long');
    expect(snap.history.commits).toHaveLength(100);
    expect(snap.history).toMatchObject({ truncated: true, totalCount: 250 });
    expect(snap.notes.map((n) => n.message)).toContain('history: the newest 100 of 250 commits were read');
    expect(server.count('POST', '/graphql')).toBe(1);
    const more = await githubSnapshot(client, 'ada/long', { historyLimit: 180 });
    expect(more.history.commits.map((c) => c.subject).slice(98, 102)).toEqual(['c151', 'c150', 'c149', 'c148']);
    expect(more.history.commits).toHaveLength(180);
  });

  it('works with GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql', async () => {
    store.add(fakeRepoFromFiles('corp', 'model', { 'README.md': '# M\n', 'train.py': 'fit()\n' }));
    await start({ enterprise: true });
    const snap = await githubSnapshot(client, 'corp/model');
    await snap.prefetch!(['train.py']);
    expect((await snap.read('train.py'))?.text).toBe('fit()\n');
    expect(server.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{40}/, 'SHA')}`)).toEqual([
      'POST /api/graphql',
      'GET /api/v3/repos/corp/model/git/trees/SHA',
      'POST /api/graphql',
    ]);
  });
});
