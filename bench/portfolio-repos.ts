/**
 * Repositories shaped like real ML portfolio projects, for the API benchmark (bench/portfolio.ts): a few hundred
 * files (Python modules, tests, configs, data samples, result images), 2–7 notebooks of which one to three weigh 1–5 MB
 * because their outputs hold base64 PNG plots (as notebooks saved after a run do), and 50–300 commits. Everything is
 * generated here, deterministically from the repo's number.
 */
import type { MemoryCommit } from '../test/helpers/fake-github/repos.js';
import { rng } from './rng.js';

export interface PortfolioProject {
  files: Record<string, string | Uint8Array>;
  commits: MemoryCommit[];
  /** Bytes of the notebooks (the big part of the repo). */
  notebookBytes: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The base64 of a PNG signature and IHDR chunk start, as every inline plot begins. */
const PNG_B64_HEAD = 'iVBORw0KGgoAAAANSUhEUgAAA';

/** Noise for the images: one megabyte of base64 characters, made once (xorshift32). */
let noise: string | undefined;
function base64Noise(): string {
  if (noise) return noise;
  const out = new Uint8Array(1 << 20);
  let x = 2463534242;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = B64.charCodeAt(x & 63);
  }
  return (noise = Buffer.from(out).toString('latin1'));
}

/** A base64 string of about `length` characters that reads like an inline PNG plot (its bytes are noise). */
function pngBase64(length: number, seed: number): string {
  const pool = base64Noise();
  const parts = [PNG_B64_HEAD];
  let left = Math.max(4, length - PNG_B64_HEAD.length);
  left -= left % 4;
  let at = (seed * 7919) % pool.length;
  at -= at % 4;
  while (left > 0) {
    const take = Math.min(left, pool.length - at);
    parts.push(pool.slice(at, at + take));
    left -= take;
    at = 0;
  }
  return parts.join('');
}

/** Bytes of a small binary PNG file (a saved figure): the PNG signature, then noise with no text in it. */
function pngFile(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  let x = (seed * 40503 + 1) >>> 0 || 1;
  for (let i = 12; i < bytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 255;
  }
  return out;
}

const CODE_CELLS = [
  'import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns\n',
  'df = pd.read_csv("data/train.csv")\ndf.head()\n',
  'df.describe()\n',
  'sns.histplot(df["target"])\nplt.show()\n',
  'from sklearn.model_selection import train_test_split\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)\n',
  'from sklearn.ensemble import RandomForestClassifier\nmodel = RandomForestClassifier(n_estimators=200, random_state=42)\nmodel.fit(X_train, y_train)\n',
  'from sklearn.metrics import classification_report, confusion_matrix, ConfusionMatrixDisplay\nprint(classification_report(y_test, model.predict(X_test)))\nConfusionMatrixDisplay.from_estimator(model, X_test, y_test)\nplt.show()\n',
  'import torch\nfrom torch import nn\nmodel = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 2))\n',
  'for epoch in range(20):\n    loss = train_one_epoch(model, loader)\n    history.append(loss)\nplt.plot(history)\nplt.show()\n',
];

/**
 * A notebook of about `targetBytes` bytes: code cells from a typical exploration, each plotting cell with an inline
 * PNG output, the images sized so the whole file reaches the target.
 */
function notebook(targetBytes: number, seed: number, title: string): string {
  const r = rng(seed);
  const cells: object[] = [{ cell_type: 'markdown', metadata: {}, source: [`# ${title}\n`, '\n', 'Exploration, training and evaluation.\n'] }];
  const codeCells = 6 + Math.floor(r() * 12);
  const plotting: number[] = [];
  for (let c = 0; c < codeCells; c++) {
    const src = CODE_CELLS[(c + Math.floor(r() * 3)) % CODE_CELLS.length];
    const plots = src.includes('plt.show()');
    const cell: { cell_type: string; execution_count: number; metadata: object; outputs: object[]; source: string[] } = {
      cell_type: 'code',
      execution_count: c + 1,
      metadata: {},
      outputs: [{ output_type: 'stream', name: 'stdout', text: [`step ${c}: done\n`, `rows: ${1000 + c * 37}\n`] }],
      source: src.split(/(?<=\n)/),
    };
    if (plots) plotting.push(cells.length);
    cells.push(cell);
    if (c % 4 === 3) cells.push({ cell_type: 'markdown', metadata: {}, source: [`## Step ${c}\n`, 'What the plot above shows.\n'] });
  }
  if (plotting.length === 0) plotting.push(1);
  const skeleton = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }).length;
  const perImage = Math.max(1024, Math.floor((targetBytes - skeleton) / plotting.length) - 200);
  plotting.forEach((at, k) => {
    (cells[at] as { outputs: object[] }).outputs.push({
      output_type: 'display_data',
      data: { 'image/png': pngBase64(perImage, seed * 31 + k), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] },
      metadata: {},
    });
  });
  return JSON.stringify(
    {
      cells,
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python', version: '3.11.4' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

const MODULES = {
  data: 'import pandas as pd\nfrom torch.utils.data import DataLoader, Dataset\n\n\ndef load(path="data/train.csv"):\n    return pd.read_csv(path)\n',
  features:
    'from sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import OneHotEncoder, StandardScaler\n\n\ndef build(numeric, categorical):\n    return ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(), categorical)])\n',
  train:
    'import random\n\nimport numpy as np\nimport torch\n\nSEED = 42\nrandom.seed(SEED)\nnp.random.seed(SEED)\ntorch.manual_seed(SEED)\n\n\ndef main(cfg):\n    model = build_model(cfg)\n    for epoch in range(cfg.epochs):\n        train_one_epoch(model)\n    torch.save(model.state_dict(), "models/model.pt")\n',
  evaluate:
    'from sklearn.metrics import accuracy_score, f1_score, roc_auc_score\n\n\ndef report(y_true, y_pred, proba):\n    return {"accuracy": accuracy_score(y_true, y_pred), "f1": f1_score(y_true, y_pred), "auc": roc_auc_score(y_true, proba)}\n',
};

/** Project number `i`: 150–449 files, 1–3 notebooks of 1–5 MB plus 1–4 small ones, 50–300 commits. */
export function portfolioProject(i: number): PortfolioProject {
  const r = rng(5000 + i);
  const files: Record<string, string | Uint8Array> = {};
  const target = 150 + Math.floor(r() * 300);
  const topic = ['churn prediction', 'image classification', 'sentiment analysis', 'demand forecasting', 'fraud detection'][i % 5];
  files['README.md'] =
    `# ${topic[0].toUpperCase()}${topic.slice(1)} (project ${i})\n\nAn end-to-end ${topic} project: data, features, training, evaluation and a small demo app.\n\n` +
    '## Setup\n\n```bash\npip install -r requirements.txt\npython -m src.train --config configs/base.yaml\n```\n\n' +
    '## Results\n\n| Model | F1 | AUC |\n| --- | --- | --- |\n| Baseline | 0.61 | 0.70 |\n| Tuned | 0.74 | 0.83 |\n\n![Confusion matrix](images/confusion_matrix.png)\n';
  files['requirements.txt'] = 'numpy==1.26.4\npandas==2.2.2\nscikit-learn==1.5.0\ntorch==2.3.1\nmatplotlib==3.9.0\nseaborn==0.13.2\n';
  files['.gitignore'] = '__pycache__/\n*.pyc\n.venv/\ndata/raw/\nmodels/*.pt\n';
  files['LICENSE'] = 'MIT License\n\nCopyright (c) 2025 Ada Candidate\n';
  if (r() < 0.6) files['Dockerfile'] = 'FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["python", "app.py"]\n';
  if (r() < 0.5) files['.github/workflows/ci.yml'] = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt && pytest\n';
  if (r() < 0.5) files['app.py'] = 'import streamlit as st\n\nst.title("Demo")\nst.write(predict(st.text_input("Input")))\n';

  let notebookBytes = 0;
  const big = 1 + Math.floor(r() * 3);
  for (let k = 0; k < big; k++) {
    const size = Math.round((1 + 4 * r()) * 1024 * 1024);
    const text = notebook(size, i * 100 + k, `${topic}: part ${k + 1}`);
    notebookBytes += text.length;
    files[`notebooks/${String(k + 1).padStart(2, '0')}_${['eda', 'modelling', 'evaluation'][k]}.ipynb`] = text;
  }
  const small = 1 + Math.floor(r() * 4);
  for (let k = 0; k < small; k++) {
    const text = notebook(20_000 + Math.floor(r() * 60_000), i * 100 + 50 + k, `scratch ${k}`);
    notebookBytes += text.length;
    files[`notebooks/scratch/try_${k}.ipynb`] = text;
  }

  const roles = Object.keys(MODULES) as Array<keyof typeof MODULES>;
  const modules = 20 + Math.floor(r() * 60);
  for (let m = 0; m < modules; m++) {
    const role = roles[m % roles.length];
    files[`src/${role}/${role}_${m}.py`] = `"""${role} module ${m}."""\n${MODULES[role]}`;
  }
  const tests = Math.floor(r() * 20);
  for (let t = 0; t < tests; t++) files[`tests/test_${roles[t % roles.length]}_${t}.py`] = `def test_${t}():\n    assert ${t} == ${t}\n`;
  const configs = 2 + Math.floor(r() * 8);
  for (let c = 0; c < configs; c++) files[`configs/${c === 0 ? 'base' : `exp_${c}`}.yaml`] = `seed: 42\nepochs: ${10 + c}\nlr: 0.00${1 + c}\nbatch_size: 64\n`;
  const docs = 1 + Math.floor(r() * 6);
  for (let d = 0; d < docs; d++) files[`docs/notes_${d}.md`] = `# Notes ${d}\n\nWhat was tried and what worked.\n`;
  const images = 5 + Math.floor(r() * 40);
  files['images/confusion_matrix.png'] = pngFile(30_000, i * 1000);
  for (let g = 1; g < images; g++) files[`images/plot_${g}.png`] = pngFile(8_000 + Math.floor(r() * 60_000), i * 1000 + g);
  // Data samples fill the rest up to the target file count.
  let d = 0;
  while (Object.keys(files).length < target) {
    const rows = 20 + Math.floor(r() * 300);
    files[`data/samples/part_${String(d++).padStart(4, '0')}.csv`] =
      'id,feature_a,feature_b,label\n' + Array.from({ length: rows }, (_, k) => `${k},${(k * 0.37) % 7},${(k * 1.91) % 5},${k % 2}`).join('\n') + '\n';
  }

  const n = 50 + Math.floor(r() * 251);
  const t0 = Date.UTC(2024, 0, 8);
  const verbs = ['Add', 'Fix', 'Tune', 'Refactor', 'Document', 'Evaluate', 'Clean up'];
  // Oldest first, a few hours to three days apart; listed newest first, as git log gives them.
  let t = t0;
  const commits: MemoryCommit[] = Array.from({ length: n }, (_, age) => {
    t += Math.round(3_600_000 * (2 + r() * 70));
    return {
      message: age === 0 ? 'Initial commit' : `${verbs[Math.floor(r() * verbs.length)]} ${roles[age % roles.length]} step ${age}`,
      date: new Date(t).toISOString().replace(/\.\d+Z$/, '+00:00'),
      changedFiles: age === 0 ? Math.min(40, target) : 1 + Math.floor(r() * 6),
    };
  }).reverse();
  return { files, commits, notebookBytes };
}
