import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedAuditPool, type PoolAudit } from '../../src/audit-pool.js';
import { FETCHED_AHEAD, auditTargets } from '../../src/run.js';
import { createGithubClient } from '../../src/sources/github.js';
import { FakeGitHub, type FakeRequest } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const files = (i: number) => ({
  'README.md': `# Project ${i}\n\nPredicts house prices.\n`,
  'requirements.txt': 'scikit-learn==1.5.0\npandas\n',
  'src/train.py': `import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data.csv")\nmodel = LogisticRegression(C=${i}).fit(df[["a"]], df["y"])\n`,
  'src/evaluate.py': 'from sklearn.metrics import accuracy_score\nprint(accuracy_score([1], [1]))\n',
  'tests/test_train.py': 'def test_ok():\n    assert True\n',
});

let server: FakeGitHub;
let store: FakeRepos;
// One worker: the process's pool of that size (the one GitHub runs use), started once for every file that audits
// GitHub repositories in this test worker instead of a thread of its own (~0.3 s of CPU).
const pool = sharedAuditPool(1);

beforeEach(() => {
  server = new FakeGitHub();
  store = new FakeRepos();
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries).toEqual([]);
});

/** The repository a contents request is for (a GraphQL blobs query or a REST blob), else null. */
function contentsRepo(r: FakeRequest): string | null {
  const body = r.body as { query?: string; variables?: { name?: string } } | undefined;
  if (r.method === 'POST' && body?.query?.includes('query AuditBlobs')) return body.variables?.name ?? null;
  return /^\/repos\/[^/]+\/([^/]+)\/git\/blobs\//.exec(r.path)?.[1] ?? null;
}

describe('fetching ahead (one worker, GitHub repositories)', () => {
  it("fetches a repo's contents before the worker takes it, for at most the workers + FETCHED_AHEAD repos at once; reports as without it", async () => {
    // Twice the most that may be held (one worker + FETCHED_AHEAD): fetching every repo ahead shows with any n above it.
    const n = 2 * (1 + FETCHED_AHEAD);
    for (let i = 0; i < n; i++) store.add(fakeRepoFromFiles('ada', `p${i}`, files(i)));
    const { baseUrl } = await startFakeGithub(server, store);
    server.latencyMs = 20;
    const client = createGithubClient({ token: 't', baseUrl });
    // Repos whose contents were asked for and whose audit has not ended, checked at every contents request.
    const holding = new Set<string>();
    let mostHolding = 0;
    const seen = new Set<FakeRequest>();
    const noteRequests = (): void => {
      for (const r of server.requests) {
        if (seen.has(r)) continue;
        seen.add(r);
        const repo = contentsRepo(r);
        if (repo === null) continue;
        holding.add(repo);
        mostHolding = Math.max(mostHolding, holding.size);
      }
    };
    const audited: Array<{ repo: string; plan: number; contentsDuringAudit: number }> = [];
    const report = await auditTargets({
      targets: Array.from({ length: n }, (_, i) => `ada/p${i}`),
      client,
      now: NOW,
      pool: {
        size: pool.size,
        warm: () => pool.warm(),
        audit: async (a: PoolAudit) => {
          noteRequests();
          const name = a.snapshot.id.split('/')[1];
          const before = server.requests.length;
          try {
            return await pool.audit(a);
          } finally {
            const during = server.requests.slice(before).filter((r) => contentsRepo(r) === name).length;
            audited.push({ repo: name, plan: a.plan?.length ?? 0, contentsDuringAudit: during });
            noteRequests();
            holding.delete(name);
          }
        },
      },
    });
    expect(report.repos.map((r) => r.status)).toEqual(Array(n).fill('ok'));
    expect(audited).toHaveLength(n);
    for (const a of audited) {
      // The plan came with the job (the worker does not make it again) and every file of it was there already.
      expect(a.plan).toBeGreaterThanOrEqual(5);
      expect(a.contentsDuringAudit).toBe(0);
    }
    expect(mostHolding).toBeGreaterThan(1); // contents fetched while another repo was audited
    expect(mostHolding).toBeLessThanOrEqual(pool.size + FETCHED_AHEAD);

    // fetchAhead 0: the contents are fetched when the worker asks for them, during each audit; the same report.
    const asked: number[] = [];
    const without = await auditTargets({
      targets: Array.from({ length: n }, (_, i) => `ada/p${i}`),
      client,
      now: NOW,
      fetchAhead: 0,
      pool: {
        size: pool.size,
        warm: () => pool.warm(),
        audit: async (a: PoolAudit) => {
          const name = a.snapshot.id.split('/')[1];
          const before = server.requests.length;
          expect(a.plan).toBeUndefined();
          try {
            return await pool.audit(a);
          } finally {
            asked.push(server.requests.slice(before).filter((r) => contentsRepo(r) === name).length);
          }
        },
      },
    });
    expect(asked).toHaveLength(n);
    expect(asked.every((k) => k >= 1)).toBe(true);
    const { generatedAt: _a, ...withAhead } = report;
    const { generatedAt: _b, ...withoutAhead } = without;
    expect(JSON.stringify(withAhead)).toBe(JSON.stringify(withoutAhead));
  });
});
