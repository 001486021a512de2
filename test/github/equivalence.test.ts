/**
 * The same repository audited from a local clone and through the GitHub API gives the same snapshot, the same
 * findings and the same score. The fake API serves a REAL git repository read with git (ls-tree, cat-file, log),
 * so sizes, blob contents, dates with their offsets and files-changed counts are git's own.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { sampleRepos } from '../helpers/shared.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { loadRules, type RuleSet } from '../../src/rules/load.js';
import { createGithubClient, githubSnapshot, type GithubClient } from '../../src/sources/github.js';
import { localSnapshot } from '../../src/sources/local.js';
import { MAX_TEXT_BYTES } from '../../src/sources/decode.js';
import type { RepoSnapshot } from '../../src/types.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromGit, startFakeGithub } from '../helpers/fake-github/repos.js';
import { tmpDir } from '../helpers/tmp.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const server = new FakeGitHub();
const store = new FakeRepos();
let client: GithubClient;
const dirs: Record<string, string> = {};
let allRules: RuleSet;
/** Fork and archived status are known only to the host: those rules are unmeasurable locally, by design. */
let sameRules: RuleSet;

/** A repo with what tends to differ between sources: binary, LFS pointer, notebook, oversized file, symlink,
 *  a merge commit, author offsets, a multi-line message, a rename (counted as delete + add like git). */
function buildTrickyRepo(dir: string): void {
  const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['from sklearn.model_selection import train_test_split\n', 'model.fit(X_train, y_train)\n'] }] });
  buildGitRepo(dir, [
    {
      date: '2025-05-01T09:00:00+02:00',
      message: 'Start the project\n\nData loader and README.',
      files: {
        'README.md': '# Fraud detection\n\nDetects card fraud with gradient boosting.\n\n## Setup\n\n```bash\npip install -r requirements.txt\n```\n',
        'requirements.txt': 'scikit-learn==1.5.0\npandas==2.2.2\n',
        'src/data.py': 'import pandas as pd\n\ndef load(path):\n    return pd.read_csv(path)\n',
        'assets/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]),
        'models/model.pkl': 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 9999\n',
      },
    },
    {
      date: '2025-05-03T18:30:00-05:00',
      message: 'Add training notebook',
      author: { name: 'Ada Candidate', email: 'ada@example.com' },
      files: { 'notebooks/train.ipynb': nb, 'data/raw.csv': 'a,b\n'.repeat(Math.ceil((MAX_TEXT_BYTES + 100) / 4)) },
    },
    { date: '2025-05-04T08:00:00Z', message: 'Move loader', files: { 'src/data.py': null, 'src/loading.py': 'import pandas as pd\n' } },
    {
      date: '2025-05-05T08:00:00Z',
      message: 'Add evaluation',
      files: {
        'src/evaluate.py': 'from sklearn.metrics import f1_score\nraw = open("data/blob.bin", "rb").read()\n',
        // Binary filler opened as data: judged by its bytes (RepoSnapshot.head), one blob request on GitHub.
        'data/blob.bin': new Uint8Array([...new TextEncoder().encode('x'.repeat(1200)), 0]),
      },
    },
  ]);
  const g = (args: string[], date: string) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'Bo', GIT_AUTHOR_EMAIL: 'bo@example.com', GIT_COMMITTER_NAME: 'Bo', GIT_COMMITTER_EMAIL: 'bo@example.com' },
      stdio: 'pipe',
    });
  g(['checkout', '-q', '-b', 'feature', 'HEAD~1'], '2025-05-06T10:00:00Z');
  execFileSync('ln', ['-s', 'src/loading.py', 'LOADER.py'], { cwd: dir });
  g(['add', '-A'], '2025-05-06T10:00:00Z');
  g(['commit', '-q', '-m', 'Add a loader shortcut'], '2025-05-06T10:00:00+05:30');
  g(['checkout', '-q', 'main'], '2025-05-06T11:00:00Z');
  g(['merge', '-q', '--no-ff', '-m', 'Merge branch feature', 'feature'], '2025-05-07T12:00:00Z');
}

beforeAll(async () => {
  const root = tmpDir('mlpa-gh-eq-');
  const samples = sampleRepos();
  dirs['churn-radar'] = samples.strong;
  dirs['house-prices'] = samples.notebook;
  dirs['deep-learning-course'] = samples.tutorial;
  dirs['fraud'] = join(root, 'fraud');
  buildTrickyRepo(dirs['fraud']);
  for (const [name, dir] of Object.entries(dirs)) store.add(fakeRepoFromGit(dir, 'ada', name));
  const { baseUrl } = await startFakeGithub(server, store);
  client = createGithubClient({ token: 't', baseUrl, retryBaseMs: 1 });
  allRules = loadRules();
  sameRules = { ...allRules, rules: allRules.rules.filter((r) => !r.probe.startsWith('metadata-')) };
});
afterAll(async () => {
  await server.stop();
  expect(store.rejectedQueries).toEqual([]);
});

function findings(r: AuditedRepoReport) {
  return {
    score: r.score,
    grade: r.grade,
    status: r.status,
    cappedBy: r.cappedBy,
    categories: r.categories,
    stages: r.stages,
    rules: r.rules.map((x) => ({ id: x.id, score: x.score, measurable: x.measurable, note: x.note, evidence: x.evidence, points: x.points })),
    nextActions: r.nextActions,
    files: r.files,
    history: r.history,
    notes: r.notes,
    skills: r.skills,
  };
}

const sources = async (name: string): Promise<{ local: RepoSnapshot; remote: RepoSnapshot }> => ({
  local: await localSnapshot(dirs[name], { id: `ada/${name}` }),
  remote: await githubSnapshot(client, `ada/${name}`),
});

describe('local clone and GitHub API give the same audit', () => {
  it.each(['churn-radar', 'house-prices', 'deep-learning-course', 'fraud'])('%s: same snapshot', async (name) => {
    const { local, remote } = await sources(name);
    expect(remote.commit).toBe(local.commit);
    // Sizes: the tree entry's blob size remotely, git's index (or lstat) locally.
    const plain = (s: RepoSnapshot) => s.files.map((f) => ({ path: f.path, size: f.size }));
    expect(plain(remote)).toEqual(plain(local));
    // Changed paths per commit (Commit.paths) come from git only; the API gives the count.
    const noPaths = (h: typeof local.history) => ({ ...h, commits: h.commits.map(({ paths: _paths, ...c }) => c) });
    expect(remote.history).toEqual(noPaths(local.history));
  });

  it.each(['churn-radar', 'house-prices', 'deep-learning-course', 'fraud'])('%s: same findings, evidence and score', async (name) => {
    const { local, remote } = await sources(name);
    const a = await auditSnapshot(local, { rules: sameRules, now: NOW });
    const before = server.requests.length;
    const b = await auditSnapshot(remote, { rules: sameRules, now: NOW });
    expect(findings(b)).toEqual(findings(a));
    expect(b.rules.length).toBeGreaterThan(30);
    // Auditing (prefetch + every probe's reads) cost one GraphQL query: nothing read outside the plan. But the fraud
    // repo opens a committed data file (data/blob.bin): read when a pattern names it (one more query), and, binary,
    // its bytes fetched as a blob (RepoSnapshot.head: one request).
    expect(server.requests.length - before).toBe(name === 'fraud' ? 3 : 1);
  });

  it('the host-only rules (fork, archived) are measured remotely and left out locally', async () => {
    const { local, remote } = await sources('churn-radar');
    const a = await auditSnapshot(local, { rules: allRules, now: NOW });
    const b = await auditSnapshot(remote, { rules: allRules, now: NOW });
    const meta = allRules.rules.filter((r) => r.probe.startsWith('metadata-')).map((r) => r.id);
    expect(meta.length).toBeGreaterThan(0);
    for (const id of meta) {
      expect(a.rules.find((r) => r.id === id)?.measurable).toBe(false);
      expect(b.rules.find((r) => r.id === id)).toMatchObject({ measurable: true, score: 1 });
    }
    const others = (r: AuditedRepoReport) => r.rules.filter((x) => !meta.includes(x.id)).map((x) => [x.id, x.score, x.evidence]);
    expect(others(b)).toEqual(others(a));
  });

  it('the tricky repo really exercises the decoding paths', async () => {
    const { remote } = await sources('fraud');
    await remote.prefetch!(remote.files.map((f) => f.path));
    for (const f of remote.files) await remote.read(f.path);
    expect(remote.notes.map((n) => [n.path, n.kind]).sort()).toEqual([
      ['assets/logo.png', 'binary'],
      ['data/blob.bin', 'binary'],
      ['data/raw.csv', 'too-large'],
      ['models/model.pkl', 'lfs-pointer'],
    ]);
    expect((await remote.read('LOADER.py'))?.text).toBe('import pandas as pd\n');
    // The bytes of a binary file, as the local source gives them (at most HEAD_BYTES); none for a link or a large file.
    const { local } = await sources('fraud');
    expect(await remote.head!('data/blob.bin')).toEqual(await local.head!('data/blob.bin'));
    expect((await remote.head!('data/blob.bin'))?.length).toBe(1201);
    expect(await remote.head!('data/raw.csv')).toBeNull();
    expect(await local.head!('data/raw.csv')).toBeNull();
    expect(remote.history.commits.find((c) => c.merge)?.filesChanged).toBeNull();
    expect(remote.history.commits.find((c) => c.subject === 'Move loader')?.filesChanged).toBe(2);
    expect(remote.history.commits.at(-1)?.date).toBe('2025-05-01T09:00:00+02:00');
  });
});
