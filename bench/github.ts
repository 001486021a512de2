/**
 * Benchmark of the GitHub source: 100 repositories served by the loopback GitHub (test/helpers/fake-github: real
 * HTTP on 127.0.0.1, GraphQL validated against GitHub's schema) with 50 ms latency per request, audited with the
 * shipped rules.
 *
 * - requests per repo (goal <= 3): counted by the server (every HTTP request, retries included);
 * - wall time for the 100 repos (goal <= 10 s), with the default concurrency, side by side with a one-at-a-time
 *   baseline (concurrency 1: same requests, one repo after the other);
 * - for scale, how many requests a per-file approach would need (repo + commits + tree + one contents request per
 *   file the rules read), computed from the files actually fetched, not run.
 *
 * The server runs in a child process (same Node and loader flags) so its CPU is not counted as the tool's.
 *
 * Standalone: `npx tsx bench/github.ts [--repos N] [--latency MS] [--concurrency N]` (prints the result as JSON).
 */
import { portfolioProject } from './portfolio-repos.js';
import { rng } from './rng.js';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { auditTargets as auditRemote, DEFAULT_CONCURRENCY } from '../src/run.js';
import { createGithubClient } from '../src/sources/github.js';
import { githubSchema } from '../test/helpers/fake-github/graphql.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub, type MemoryCommit } from '../test/helpers/fake-github/repos.js';
import { FakeGitHub } from '../test/helpers/fake-github/server.js';

export interface BenchGithubOptions {
  repos?: number;
  latencyMs?: number;
  concurrency?: number;
  /** Skip the one-at-a-time baseline (it takes repos × 3 × latency at least). */
  skipBaseline?: boolean;
  log?: (line: string) => void;
}


const notebook = (code: string[]): string =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Exploration\n'] },
      ...code.map((c) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: c.split(/(?<=\n)/) })),
    ],
  });

/** A synthetic ML project (text written here): 8–70 files, 5–60 commits, shapes from notebook-only to end-to-end. */
export function syntheticProject(i: number): { files: Record<string, string>; commits: MemoryCommit[] } {
  const r = rng(1000 + i);
  const files: Record<string, string> = {};
  const full = r() < 0.5;
  files['README.md'] =
    `# Project ${i}: ${full ? 'predicting customer churn' : 'house price notebook'}\n\n` +
    'This project predicts an outcome from tabular data.\n\n' +
    (full ? '## Dataset\n\nPublic data, downloaded by `scripts/download.py`.\n\n## Setup\n\n```bash\npip install -r requirements.txt\n```\n\n## Results\n\n| Model | F1 |\n| --- | --- |\n| Baseline | 0.61 |\n| Tuned | 0.68 |\n' : '');
  files['requirements.txt'] = 'pandas==2.2.2\nscikit-learn==1.5.0\n' + (r() < 0.3 ? 'torch==2.3.0\n' : '');
  files['notebooks/eda.ipynb'] = notebook(['import pandas as pd\ndf = pd.read_csv("data/train.csv")\n', 'df.describe()\n']);
  const modules = full ? 3 + Math.floor(r() * 25) : Math.floor(r() * 4);
  for (let m = 0; m < modules; m++) {
    files[`src/project${i}/module_${m}.py`] =
      `"""Module ${m}."""\nimport numpy as np\nfrom sklearn.model_selection import train_test_split\n\n\ndef step_${m}(x):\n    return np.asarray(x) * ${m + 1}\n`;
  }
  if (full) {
    files['src/train.py'] = 'from sklearn.ensemble import GradientBoostingClassifier\nmodel = GradientBoostingClassifier()\nmodel.fit(X_train, y_train)\n';
    files['src/evaluate.py'] = 'from sklearn.metrics import f1_score, roc_auc_score\nprint(f1_score(y_test, model.predict(X_test)))\n';
    files['src/api.py'] = 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/predict")\ndef predict(x: dict):\n    return {"p": 0.5}\n';
    files['Dockerfile'] = 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n';
    files['.github/workflows/ci.yml'] = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n';
    const tests = Math.floor(r() * 10);
    for (let t = 0; t < tests; t++) files[`tests/test_${t}.py`] = `def test_${t}():\n    assert ${t} == ${t}\n`;
    files['LICENSE'] = 'MIT License\n\nCopyright (c) 2025 Ada Candidate\n';
  }
  const csvRows = 20 + Math.floor(r() * 200);
  files['data/sample.csv'] = 'a,b,label\n' + Array.from({ length: csvRows }, (_, k) => `${k},${k * 2},${k % 2}`).join('\n') + '\n';
  const n = 5 + Math.floor(r() * 55);
  const t0 = Date.UTC(2025, 2, 1);
  const commits: MemoryCommit[] = Array.from({ length: n }, (_, k) => ({
    message: k === n - 1 ? 'Initial commit' : `Improve step ${n - 1 - k} of the pipeline`,
    date: new Date(t0 + (n - 1 - k) * 86_400_000 * (1 + Math.floor(r() * 3))).toISOString().replace('.000Z', '+00:00'),
    changedFiles: 1 + Math.floor(r() * 4),
  }));
  return { files, commits };
}

interface RunStats {
  concurrency: number;
  wallMs: number;
  ok: number;
  requests: number;
  requestsPerRepo: number;
  graphqlPerRepo: number;
  restPerRepo: number;
  maxRequestsOneRepo: number;
}

export interface ServerStats {
  requests: Array<{ path: string; repo: string; blobs: number }>;
  rejected: number;
}

const OWNER = 'bench';
/** What the loopback GitHub serves: the small synthetic projects, or repos shaped like real portfolios (portfolio-repos.ts). */
export type ServedKind = 'synthetic' | 'portfolio';
export const repoName = (i: number, kind: ServedKind = 'synthetic'): string =>
  `${kind === 'portfolio' ? 'portfolio' : 'project'}-${String(i).padStart(3, '0')}`;
export const repoTarget = (i: number, kind: ServedKind = 'synthetic'): string => `${OWNER}/${repoName(i, kind)}`;

/**
 * The loopback GitHub for the benchmark, in its own process so its CPU (GraphQL validation and execution) is not
 * counted as the tool's. Prints {"url": ...} on stdout, serves until stdin closes.
 * GET /_bench/stats gives the requests seen since the last POST /_bench/reset.
 */
async function serve(n: number, latencyMs: number, kind: ServedKind): Promise<void> {
  const store = new FakeRepos();
  for (let i = 0; i < n; i++) {
    const p = kind === 'portfolio' ? portfolioProject(i) : syntheticProject(i);
    store.add(fakeRepoFromFiles(OWNER, repoName(i, kind), p.files, { commits: p.commits }));
  }
  githubSchema();
  const server = new FakeGitHub();
  let seen = 0;
  server.route('GET', '/_bench/stats', () => {
    const requests = server.requests.slice(seen).filter((r) => !r.path.startsWith('/_bench/')).map((r) => {
      const body = r.body as { query?: string; variables?: { owner?: string; name?: string } } | undefined;
      const graphql = r.path === '/graphql';
      return {
        path: r.path,
        repo: graphql ? `${body?.variables?.owner}/${body?.variables?.name}` : r.path.split('/').slice(2, 4).join('/'),
        blobs: graphql ? (String(body?.query ?? '').match(/object\(oid:/g) ?? []).length : 0,
      };
    });
    const stats: ServerStats = { requests, rejected: store.rejectedQueries.length };
    return { status: 200, body: stats };
  });
  server.route('POST', '/_bench/reset', () => {
    seen = server.requests.length;
    return { status: 204 };
  });
  const { baseUrl } = await startFakeGithub(server, store);
  server.latencyMs = latencyMs;
  process.stdout.write(JSON.stringify({ url: baseUrl }) + '\n');
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.on('close', resolve).on('end', resolve));
  await server.stop();
}

/** Starts the loopback GitHub in a child process serving `n` repos of `kind`; `stop` ends it. */
export async function startServer(n: number, latencyMs: number, kind: ServedKind = 'synthetic'): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', String(n), String(latencyMs), kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { url, stop: () => child.stdin!.end() };
}

export async function benchGithub(opts: BenchGithubOptions = {}): Promise<object> {
  const n = opts.repos ?? 100;
  const latencyMs = opts.latencyMs ?? 50;
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const log = opts.log ?? (() => {});
  const now = new Date('2026-01-15T00:00:00Z');
  const fileCounts: number[] = [];
  const commitCounts: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = syntheticProject(i);
    fileCounts.push(Object.keys(p.files).length);
    commitCounts.push(p.commits.length);
  }
  const targets = Array.from({ length: n }, (_, i) => `${OWNER}/${repoName(i)}`);
  const server = await startServer(n, latencyMs);
  const round2 = (x: number) => Math.round(x * 100) / 100;

  const runOnce = async (c: number): Promise<RunStats & { blobs: number }> => {
    await fetch(`${server.url}/_bench/reset`, { method: 'POST' });
    const client = createGithubClient({ token: 'bench', baseUrl: server.url });
    const t0 = performance.now();
    const report = await auditRemote({ targets, client, now, concurrency: c });
    const wallMs = Math.round(performance.now() - t0);
    const stats = (await (await fetch(`${server.url}/_bench/stats`)).json()) as ServerStats;
    if (stats.rejected) throw new Error(`the fake GitHub rejected ${stats.rejected} GraphQL queries`);
    const perRepo = new Map<string, number>();
    for (const r of stats.requests) perRepo.set(r.repo, (perRepo.get(r.repo) ?? 0) + 1);
    const graphql = stats.requests.filter((r) => r.path === '/graphql').length;
    const requests = stats.requests.length;
    return {
      concurrency: c,
      wallMs,
      ok: report.repos.filter((r) => r.status === 'ok').length,
      requests,
      requestsPerRepo: round2(requests / n),
      graphqlPerRepo: round2(graphql / n),
      restPerRepo: round2((requests - graphql) / n),
      maxRequestsOneRepo: Math.max(...perRepo.values()),
      blobs: stats.requests.reduce((s, r) => s + r.blobs, 0),
    };
  };

  try {
    // Warm-up (module loading, JIT, rules): one repo, not timed.
    await auditRemote({ targets: targets.slice(0, 1), client: createGithubClient({ token: 'bench', baseUrl: server.url }), now });
    log(`github: ${n} repos, ${latencyMs} ms latency, concurrency ${concurrency}...`);
    const { blobs, ...concurrent } = await runOnce(concurrency);
    log(`github: concurrent ${concurrent.wallMs} ms, ${concurrent.requestsPerRepo} requests/repo`);
    let baseline: RunStats | null = null;
    if (!opts.skipBaseline) {
      log('github: one-at-a-time baseline...');
      const { blobs: _b, ...b } = await runOnce(1);
      baseline = b;
      log(`github: baseline ${b.wallMs} ms`);
    }
    const stats = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs), mean: Math.round((10 * xs.reduce((s, x) => s + x, 0)) / xs.length) / 10 });
    return {
      repos: n,
      latencyMs,
      filesPerRepo: stats(fileCounts),
      commitsPerRepo: stats(commitCounts),
      filesReadPerRepo: Math.round((10 * blobs) / n) / 10,
      concurrent,
      baseline,
      speedup: baseline ? Math.round((10 * baseline.wallMs) / concurrent.wallMs) / 10 : null,
      /** Repo + commits + tree + one contents request per file read: what fetching file by file would cost. */
      perFileApproachRequestsPerRepo: Math.round(10 * (3 + blobs / n)) / 10,
      goals: {
        requestsPerRepoMax: 3,
        wallMsMax: 10_000,
        requestsMet: concurrent.requestsPerRepo <= 3,
        wallMet: concurrent.wallMs <= 10_000,
      },
    };
  } finally {
    server.stop();
  }
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--serve') {
  await serve(Number(process.argv[3]), Number(process.argv[4]), (process.argv[5] as ServedKind | undefined) ?? 'synthetic');
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchGithub({
    repos: arg('repos'),
    latencyMs: arg('latency'),
    concurrency: arg('concurrency'),
    log: (l) => process.stderr.write(l + '\n'),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
