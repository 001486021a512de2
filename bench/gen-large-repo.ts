/**
 * Generates a large git repository quickly with a single `git fast-import` stream, then checks it out.
 *
 * Layout (defaults: 100,000 files, 20,000 commits), by shape:
 * - `mixed` (the default): README.md and requirements.txt at the root; files spread over ~100-file directories:
 *   src/pkgNNN/*.py (50 %), notebooks/partNNN/*.ipynb (small notebooks, 20 %), docs/secNNN/*.md (15 %),
 *   data/shardNNN/*.csv (15 %).
 * - `python-ml`: four files in five are small Python modules with ML imports in ~100-file folders
 *   mlNNN/{data,features,training,evaluation}/ (loaders with torch and pandas, feature code with scikit-learn
 *   transformers, training loops with seeds and checkpoints, evaluation with metrics); the fifth file follows the
 *   `mixed` layout, so the rest is as in the first repo. The code probes read many of these files.
 * The first commits add files in batches of 500 until every file exists; later commits each modify one to four files
 * (now and then adding a few more). Dates march forward over about three years, spread between five authors with
 * different time zones. The content is synthetic and generated here.
 *
 * Standalone: `npx tsx bench/gen-large-repo.ts <dir> [files] [commits] [mixed|python-ml]`.
 */
import { rng } from './rng.js';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type RepoShape = 'mixed' | 'python-ml';
export const SHAPES: readonly RepoShape[] = ['mixed', 'python-ml'];

export interface GenerateOptions {
  files?: number;
  commits?: number;
  /** What the files are (see above). Default `mixed`. */
  shape?: RepoShape;
}

const AUTHORS = [
  { name: 'Ada Candidate', email: 'ada@example.com', tz: '+0100' },
  { name: 'Grace Coder', email: 'grace@example.org', tz: '-0500' },
  { name: 'Linus Student', email: 'linus@example.net', tz: '+0200' },
  { name: 'Katherine Analyst', email: 'kj@example.com', tz: '+0000' },
  { name: 'Alan Mentor', email: 'alan@example.org', tz: '+0530' },
];

const BATCH = 500;
const PER_DIR = 100;


function pad(n: number, w = 3): string {
  return String(n).padStart(w, '0');
}

/** The path of file number i (0-based) in the `mixed` shape; indices 0 and 1 are README.md and requirements.txt. */
function mixedPathOf(i: number): string {
  if (i === 0) return 'README.md';
  if (i === 1) return 'requirements.txt';
  const k = i - 2;
  const kind = k % 10; // 50% python, 20% notebooks, 15% markdown, 15% csv
  const slot = Math.floor(k / 10);
  const dir = pad(Math.floor(slot / (PER_DIR / 10)) % 1000);
  const n = pad(slot, 6);
  if (kind < 5) return `src/pkg${dir}/module_${n}_${kind}.py`;
  if (kind < 7) return `notebooks/part${dir}/explore_${n}_${kind}.ipynb`;
  if (kind < 9) return kind === 7 ? `docs/sec${dir}/note_${n}.md` : `data/shard${dir}/sample_${n}.csv`;
  return `data/shard${dir}/table_${n}.csv`;
}

const ML_ROLES = ['data', 'features', 'training', 'evaluation'] as const;
const ML_NAMES = { data: 'loader', features: 'features', training: 'train', evaluation: 'evaluate' } as const;

/**
 * The path of file number i in the `python-ml` shape: of every five files after the first two, four are ML modules
 * (a loader, feature code, a training script, an evaluation script, in turn) and the fifth is the `mixed` file of the
 * same rank, so the rest keeps the first repo's layout.
 */
function pythonMlPathOf(i: number): string {
  if (i < 2) return mixedPathOf(i);
  const k = i - 2;
  const group = Math.floor(k / 5);
  const r = k % 5;
  if (r === 4) return mixedPathOf(2 + group);
  const m = group * 4 + r; // the m-th ML module
  const role = ML_ROLES[r];
  const dir = pad(Math.floor(m / PER_DIR) % 1000);
  return `ml${dir}/${role}/${ML_NAMES[role]}_${pad(m, 6)}.py`;
}

/** A small Python module of the `python-ml` shape: real ML imports and the calls the code rules look for. */
function mlModule(path: string, version: number): string {
  const n = Number(/_(\d+)\.py$/.exec(path)?.[1] ?? 0);
  const role = path.split('/')[1];
  const head = `"""${role} step ${n} (revision ${version})."""\n`;
  if (role === 'data') {
    return (
      head +
      'import numpy as np\nimport pandas as pd\nimport torch\nfrom torch.utils.data import DataLoader, Dataset\n\n\n' +
      `class Rows${n}(Dataset):\n    def __init__(self, path="data/shard_${n % 100}.csv"):\n        self.frame = pd.read_csv(path)\n\n` +
      '    def __len__(self):\n        return len(self.frame)\n\n    def __getitem__(self, i):\n' +
      '        row = self.frame.iloc[i]\n        return torch.tensor(row.values[:-1], dtype=torch.float32), int(row.values[-1])\n\n\n' +
      `def loader(batch_size=${16 << (n % 4)}):\n    return DataLoader(Rows${n}(), batch_size=batch_size, shuffle=True, num_workers=${n % 3})\n`
    );
  }
  if (role === 'features') {
    return (
      head +
      'import numpy as np\nimport pandas as pd\nfrom sklearn.compose import ColumnTransformer\nfrom sklearn.pipeline import Pipeline\n' +
      'from sklearn.preprocessing import OneHotEncoder, StandardScaler\n\n\n' +
      `def build_features_${n}(frame: pd.DataFrame) -> np.ndarray:\n` +
      '    numeric = frame.select_dtypes("number").columns\n    categorical = frame.select_dtypes("object").columns\n' +
      '    pre = ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)])\n' +
      '    return Pipeline([("pre", pre)]).fit_transform(frame)\n'
    );
  }
  if (role === 'training') {
    return (
      head +
      'import random\n\nimport numpy as np\nimport torch\nfrom torch import nn\nfrom sklearn.model_selection import train_test_split\n\n' +
      `SEED = ${n % 1000}\nrandom.seed(SEED)\nnp.random.seed(SEED)\ntorch.manual_seed(SEED)\n\n\n` +
      `def train_${n}(X, y, epochs=${5 + (n % 20)}, lr=${(1 + (n % 9)) / 1000}):\n` +
      '    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=SEED)\n' +
      '    model = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 2))\n' +
      '    opt = torch.optim.Adam(model.parameters(), lr=lr)\n    loss_fn = nn.CrossEntropyLoss()\n' +
      '    for epoch in range(epochs):\n        opt.zero_grad()\n        loss = loss_fn(model(torch.as_tensor(X_train)), torch.as_tensor(y_train))\n' +
      '        loss.backward()\n        opt.step()\n' +
      `    torch.save(model.state_dict(), "checkpoints/model_${n}.pt")\n    return model\n`
    );
  }
  return (
    head +
    'import numpy as np\nfrom sklearn.metrics import accuracy_score, classification_report, f1_score, roc_auc_score\n\n\n' +
    `def evaluate_${n}(model, X_test, y_test):\n` +
    '    pred = model.predict(X_test)\n    proba = model.predict_proba(X_test)[:, 1]\n' +
    '    print(classification_report(y_test, pred))\n' +
    '    return {"accuracy": accuracy_score(y_test, pred), "f1": f1_score(y_test, pred), "roc_auc": roc_auc_score(y_test, proba)}\n'
  );
}

function contentOf(path: string, version: number): string {
  if (/^ml\d+\//.test(path)) return mlModule(path, version);
  if (path === 'README.md') {
    return `# Large benchmark project\n\nSynthetic repository for timing the audit (revision ${version}).\n\n## Usage\n\n\`\`\`bash\npip install -r requirements.txt\npython -m src.train\n\`\`\`\n`;
  }
  if (path === 'requirements.txt') return `numpy==1.26.${version % 5}\npandas==2.2.${version % 3}\nscikit-learn==1.5.0\ntorch==2.3.1\n`;
  if (path.endsWith('.py')) {
    return `"""Module ${path} (revision ${version})."""\nimport numpy as np\n\n\ndef step_${version}(x):\n    return np.asarray(x) * ${version + 1}\n\n\ndef evaluate(y_true, y_pred):\n    return float((np.asarray(y_true) == np.asarray(y_pred)).mean())\n`;
  }
  if (path.endsWith('.ipynb')) {
    const nb = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: [`# Exploration ${path}\n`, `Revision ${version}.`] },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          outputs: [],
          source: ['import pandas as pd\n', `df = pd.read_csv("data/sample_${version}.csv")\n`, 'df.describe()'],
        },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    return JSON.stringify(nb, null, 1) + '\n';
  }
  if (path.endsWith('.md')) return `# Notes for ${path}\n\nRevision ${version}: results improved on the validation split.\n`;
  // csv
  let s = 'id,feature_a,feature_b,label\n';
  for (let r = 0; r < 6; r++) s += `${r},${(r * 0.37 + version) % 7},${(r * 1.91) % 5},${(r + version) % 2}\n`;
  return s;
}

/**
 * Writes the fast-import stream to git's stdin, honouring backpressure. Strings are collected into ~1 MB chunks.
 */
class StreamWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }
}

function data(s: string): string {
  return `data ${Buffer.byteLength(s)}\n${s}\n`;
}

export async function generateLargeRepo(dir: string, opts: GenerateOptions = {}): Promise<void> {
  const files = Math.max(2, opts.files ?? 100_000);
  const commits = Math.max(1, opts.commits ?? 20_000);
  const pathOf = (opts.shape ?? 'mixed') === 'python-ml' ? pythonMlPathOf : mixedPathOf;
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`generateLargeRepo: ${dir} is not empty`);
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
  for (const k of Object.keys(env)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|COMMON_DIR)$/.test(k)) delete env[k];
  const git = (args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', AUTHORS[0].name]);
  git(['config', 'user.email', AUTHORS[0].email]);

  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code));
  });
  const w = new StreamWriter(child.stdin);
  const rand = rng(42);
  const versions = new Uint32Array(files);

  const batchCommits = Math.min(commits, Math.ceil(files / BATCH));
  // Dates: from January 2022, forward by a random step (mean: three years / commits); most weekends are skipped.
  let t = Date.parse('2022-01-03T09:00:00Z') / 1000;
  const span = 3 * 365 * 86400;
  const meanStep = span / commits;
  let created = 0;
  for (let c = 0; c < commits; c++) {
    t += Math.max(60, Math.round(meanStep * (0.2 + 1.6 * rand())));
    const weekday = new Date(t * 1000).getUTCDay();
    if ((weekday === 6 || weekday === 0) && rand() < 0.8) t += (weekday === 6 ? 2 : 1) * 86400;
    const a = AUTHORS[c < batchCommits ? 0 : Math.floor(rand() * AUTHORS.length)];
    const who = `${a.name} <${a.email}> ${t} ${a.tz}`;
    const changes: string[] = [];
    let message: string;
    if (c < batchCommits) {
      const end = c === batchCommits - 1 ? files : Math.min(files, created + BATCH);
      for (; created < end; created++) changes.push(`M 100644 inline ${pathOf(created)}\n${data(contentOf(pathOf(created), 0))}`);
      message = c === 0 ? 'Initial project layout' : `Add batch ${c + 1} of experiment files`;
    } else {
      const n = 1 + Math.floor(rand() * 4);
      const touched = new Set<number>();
      for (let k = 0; k < n; k++) touched.add(Math.floor(rand() * files));
      for (const i of touched) {
        versions[i]++;
        changes.push(`M 100644 inline ${pathOf(i)}\n${data(contentOf(pathOf(i), versions[i]))}`);
      }
      const verbs = ['Fix', 'Refactor', 'Tune', 'Update', 'Document', 'Evaluate', 'Clean up'];
      const first = pathOf([...touched][0]);
      message = `${verbs[Math.floor(rand() * verbs.length)]} ${first.split('/').pop()}${rand() < 0.1 ? ' | tweak\tparams ✓' : ''}`;
    }
    await w.write(
      `commit refs/heads/main\nmark :${c + 1}\nauthor ${who}\ncommitter ${who}\n${data(message)}` +
        (c > 0 ? `from :${c}\n` : '') +
        changes.join('') +
        '\n',
    );
  }
  await w.write('done\n');
  await w.flush();
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.trim()}`);
  // Populate the work tree and index (fast-import writes objects only).
  git(['reset', '-q', '--hard', 'main']);
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const [dirArg, filesArg, commitsArg, shapeArg] = process.argv.slice(2);
  if (!dirArg || (shapeArg !== undefined && !SHAPES.includes(shapeArg as RepoShape))) {
    console.error('usage: tsx bench/gen-large-repo.ts <dir> [files] [commits] [mixed|python-ml]');
    process.exit(2);
  }
  const t0 = performance.now();
  await generateLargeRepo(resolve(dirArg), {
    files: filesArg ? Number(filesArg) : undefined,
    commits: commitsArg ? Number(commitsArg) : undefined,
    shape: shapeArg as RepoShape | undefined,
  });
  console.log(`generated ${dirArg} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
