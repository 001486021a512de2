/**
 * The "no cheap gaming" attack: a weak repository (one notebook, a one-line README, one commit) and the cheap tricks
 * that were each worth 8–17 points on it. Shared by test/engine/gaming.test.ts.
 */
import { LINES_COUNTED_FILES, type Commit } from '../../src/types.js';
import type { MemoryRepo } from '../../src/sources/memory.js';

export const NOW = new Date('2026-01-15T12:00:00Z');
const DAY = 86_400_000;

/** A notebook of code cells (no outputs). */
export function nb(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((c) => ({ cell_type: 'code', source: c.split(/(?<=\n)/), metadata: {}, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

let seq = 0;
/**
 * A commit changing `paths`; `lines` is what it changed (added + deleted), given as the sources give it: for a commit
 * of fewer than LINES_COUNTED_FILES files only (unknown, null, when not given).
 */
export function commit(date: Date, subject: string, paths: string[], author = 'Cand Idate', lines: number | null = null): Commit {
  seq++;
  const sha = (seq.toString(16).padStart(8, '0') + 'abcdef0123456789abcdef0123456789').slice(0, 40);
  const linesChanged = paths.length < LINES_COUNTED_FILES ? lines : null;
  return { sha, authorName: author, authorEmail: 'cand@example.com', date: date.toISOString(), subject, filesChanged: paths.length, linesChanged, paths, merge: false };
}

/** The weak repo: a notebook exploring a CSV and fitting one model, a one-line README, one upload commit. */
export function weakRepo(): MemoryRepo & { commits: Commit[] } {
  return {
    id: 'cand/churn',
    commit: 'f'.repeat(40),
    files: {
      'README.md': '# churn\n',
      'Churn.ipynb': nb([
        'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n',
        "df = pd.read_csv('churn.csv')\ndf.head()\n",
        "X = df.drop(columns=['churn'])\ny = df['churn']\nmodel = LogisticRegression()\nmodel.fit(X, y)\n",
      ]),
    },
    commits: [commit(new Date(NOW.getTime() - 20 * DAY), 'Add files via upload', ['README.md', 'Churn.ipynb'])],
  };
}

export type Trick = (r: MemoryRepo & { commits: Commit[] }) => void;

const busyCommits = (r: MemoryRepo & { commits: Commit[] }, n: number, days: number, file: string): void => {
  const lines: string[] = [];
  const start = NOW.getTime() - days * DAY;
  for (let i = 0; i < n; i++) {
    lines.push(`note ${i}`);
    r.commits.unshift(commit(new Date(start + (i * days * DAY) / n), `Update ${file} with progress notes for step ${i}`, [file], undefined, 1));
  }
  r.files[file] = lines.join('\n') + '\n';
};

export const TRICKS: Record<string, Trick> = {
  'deploy config stubs (fly.toml, render.yaml, Procfile)': (r) => {
    r.files['fly.toml'] = 'app = "x"\n';
    r.files['render.yaml'] = 'a: b\n';
    r.files['Procfile'] = 'web: true\n';
  },
  'workflow holding only "# docker push"': (r) => {
    r.files['.github/workflows/deploy.yml'] = '# docker push\n';
  },
  'README line "sdk: gradio"': (r) => {
    r.files['README.md'] = String(r.files['README.md']) + 'sdk: gradio\n';
  },
  'eval.py of one print(accuracy_score(a, b))': (r) => {
    r.files['eval.py'] = 'print(accuracy_score(a, b))\n';
  },
  'keyword-stuffed README (results table, Kaggle/Spaces links, 1-byte chart.png)': (r) => {
    r.files['README.md'] = [
      '# Customer Churn Prediction',
      '',
      'Predicting customer churn for a telecom company to reduce revenue loss, using machine learning.',
      '',
      '## Problem',
      'Customers leave; the business wants to know who will churn next month so retention can act early.',
      '',
      '## Dataset',
      'The [Telco churn dataset](https://www.kaggle.com/datasets/blastchar/telco-customer-churn) from Kaggle, 7,043 rows and 21 columns.',
      '',
      '## Installation',
      '```bash',
      'pip install -r requirements.txt',
      '```',
      '',
      '## Usage',
      '```bash',
      'python train.py --config config.yaml',
      '```',
      '',
      '## Results',
      '| Model | Accuracy | F1 | ROC-AUC |',
      '| --- | --- | --- | --- |',
      '| Logistic Regression | 0.81 | 0.62 | 0.85 |',
      '| XGBoost | 0.87 | 0.71 | 0.91 |',
      '',
      '![Results chart](chart.png)',
      '',
      '## Demo',
      'Try it live: [Hugging Face Space](https://huggingface.co/spaces/cand/churn-demo)',
      '',
      '## Project structure',
      'Data loading, preprocessing, feature engineering, model training, evaluation and deployment.',
      '',
    ].join('\n');
    r.files['chart.png'] = new Uint8Array([0x89]);
  },
  '40 busy-work commits over 90 days on a notes file': (r) => busyCommits(r, 40, 90, 'notes.md'),
  'LICENSE stub, no-op CI, assert True test': (r) => {
    r.files['LICENSE'] = 'MIT License\n\nCopyright (c) 2025 Cand\n';
    r.files['.github/workflows/ci.yml'] = 'name: ci\non: [push]\njobs:\n  noop:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n';
    r.files['tests/test_ok.py'] = 'def test_ok():\n    assert True\n';
  },
  'dead file of pipeline keywords': (r) => {
    r.files['keywords.py'] = [
      '# pipeline',
      'def _unused():',
      "    df = pd.read_csv('data.csv')",
      '    X = StandardScaler().fit_transform(X)',
      '    X_train, X_test, y_train, y_test = train_test_split(X, y)',
      '    model.fit(X_train, y_train)',
      '    print(accuracy_score(y_test, model.predict(X_test)))',
      '    app = FastAPI()',
      '',
    ].join('\n');
  },
  'two-line FastAPI app + FROM/EXPOSE Dockerfile': (r) => {
    r.files['app.py'] = 'from fastapi import FastAPI\napp = FastAPI()\n';
    r.files['Dockerfile'] = 'FROM python:3.11\nEXPOSE 8000\n';
  },
  // A shell of a demo (set 16): input widgets in front of a mock scorer and random batch predictions, and an empty
  // service folder (0-byte app.py and Dockerfile).
  'Streamlit demo scoring with a mock model + empty service files': (r) => {
    r.files['streamlit_demo/app.py'] = [
      'import streamlit as st',
      'import numpy as np',
      'amount = st.number_input("amount")',
      'merchant = st.selectbox("merchant", ["a", "b"])',
      'prob = mock_fraud_model(amount, merchant)',
      'st.metric("fraud probability", prob)',
      'batch = st.file_uploader("batch")',
      'scores = np.random.uniform(0.1, 0.9, 10)',
      '',
    ].join('\n');
    r.files['demo_service/app.py'] = '';
    r.files['demo_service/Dockerfile'] = '';
  },
};

export function build(tricks: string[]): MemoryRepo & { commits: Commit[] } {
  seq = 0;
  const r = weakRepo();
  const upload = r.commits[0]!;
  for (const t of tricks) TRICKS[t]!(r);
  // The tricks' files arrive with the upload (the history trick adds its own commits for its notes file).
  upload.paths = Object.keys(r.files).filter((f) => f !== 'notes.md');
  upload.filesChanged = upload.paths.length;
  return r;
}

const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 209715200\n';

/**
 * Making code unreadable, so the rules cannot see that it is weak: each must gain nothing over the same repo measured
 * (test/engine/gaming.test.ts). The notebook's code itself hidden, or a code file added that could import anything.
 */
export const UNREADABLE: Record<string, Trick> = {
  'the notebook committed as a Git LFS pointer': (r) => {
    r.files['Churn.ipynb'] = LFS_POINTER;
  },
  'the notebook as bytes that are not text': (r) => {
    r.files['Churn.ipynb'] = Uint8Array.from({ length: 4096 }, (_, i) => (i % 7 === 0 ? 0 : (i * 31) & 0xff));
  },
  'a main.py over the size cap that may import anything': (r) => {
    r.files['main.py'] = `import keywords\nW = [${'0.5, '.repeat(400_000)}]\n`;
  },
  'a main.py committed as a Git LFS pointer': (r) => {
    r.files['main.py'] = LFS_POINTER;
  },
};

/** The weak repo with these tricks (TRICKS), then these code files made unreadable (UNREADABLE); all in the upload. */
export function buildUnreadable(tricks: string[], unreadable: string[]): MemoryRepo & { commits: Commit[] } {
  const r = build(tricks);
  for (const u of unreadable) UNREADABLE[u]!(r);
  const upload = r.commits[r.commits.length - 1]!;
  upload.paths = Object.keys(r.files).filter((f) => f !== 'notes.md');
  upload.filesChanged = upload.paths.length;
  return r;
}
