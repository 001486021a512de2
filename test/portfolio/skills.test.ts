import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { extractSkills, MAX_CODE_FILES, skillReads, usagesOn } from '../../src/skills.js';
import { USAGES } from '../../src/skills-patterns.js';
import type { SkillId, SpecialisationId } from '../../src/skills-catalog.js';
import { SKILL_IDS } from '../../src/skills-catalog.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { commit, notebook, NOW, SHA, skillsOf } from './fixtures.js';

/** One case per skill of the guides' table: the file that shows it and where the evidence must point. */
const SKILL_CASES: Array<[SkillId, Record<string, string>, { path?: string; line?: number; cell?: number }]> = [
  ['python', { 'src/model.py': 'x = 1\n' }, { path: 'src/model.py' }],
  ['sql', { 'queries/churn.sql': '-- monthly churn\nSELECT customer_id, churned FROM customers;\n' }, { path: 'queries/churn.sql', line: 2 }],
  ['sql', { 'etl.py': 'import pandas as pd\n\ndf = pd.read_sql("select id, amount from payments", con)\n' }, { path: 'etl.py', line: 3 }],
  ['sql', { 'etl.py': 'QUERY = """\n  SELECT id, amount\n  FROM payments\n"""\n' }, { path: 'etl.py', line: 2 }],
  ['sql', { 'eda.ipynb': notebook([['code', '%%sql\nselect * from trips limit 5\n']]) }, { path: 'eda.ipynb', cell: 1, line: 1 }],
  ['pandas', { 'a.py': 'import os\nimport pandas as pd\n' }, { path: 'a.py', line: 2 }],
  ['numpy', { 'a.py': 'import numpy as np\n' }, { path: 'a.py', line: 1 }],
  ['matplotlib', { 'plot.py': 'import matplotlib.pyplot as plt\n' }, { path: 'plot.py', line: 1 }],
  ['seaborn', { 'plot.py': 'import seaborn as sns\n' }, { path: 'plot.py', line: 1 }],
  ['tensorflow', { 'train.py': 'from tensorflow import keras\n' }, { path: 'train.py', line: 1 }],
  ['pytorch', { 'train.py': 'import torch\n' }, { path: 'train.py', line: 1 }],
  ['scikit-learn', { 'train.py': 'from sklearn.linear_model import LogisticRegression\n' }, { path: 'train.py', line: 1 }],
  ['cnn', { 'net.py': 'from torch import nn\nconv = nn.Conv2d(3, 16, kernel_size=3)\n' }, { path: 'net.py', line: 2 }],
  ['cnn', { 'net.py': 'from tensorflow.keras import layers\nx = layers.Conv2D(32, 3, activation="relu")(inputs)\n' }, { path: 'net.py', line: 2 }],
  ['cnn', { 'net.py': 'import torchvision\nbackbone = torchvision.models.resnet18(weights="DEFAULT")\n' }, { path: 'net.py', line: 2 }],
  ['rnn', { 'seq.py': 'from tensorflow.keras import layers\nx = layers.LSTM(64)(x)\n' }, { path: 'seq.py', line: 2 }],
  ['rnn', { 'seq.py': 'import torch\nrnn = torch.nn.GRU(8, 16)\n' }, { path: 'seq.py', line: 2 }],
  ['transformers', { 'nlp.py': 'from transformers import AutoModel\n' }, { path: 'nlp.py', line: 1 }],
  ['transformers', { 'nlp.py': 'import torch\nlayer = torch.nn.TransformerEncoderLayer(d_model=64, nhead=4)\n' }, { path: 'nlp.py', line: 2 }],
  ['aws', { 'upload.py': 'import boto3\n' }, { path: 'upload.py', line: 1 }],
  ['aws', { 'infra/main.tf': 'terraform {}\nprovider "aws" {\n  region = "eu-west-1"\n}\n' }, { path: 'infra/main.tf', line: 2 }],
  ['gcp', { 'io.py': 'from google.cloud import storage\n' }, { path: 'io.py', line: 1 }],
  ['gcp', { 'requirements.txt': 'pandas\ngoogle-cloud-bigquery==3.11\n', 'etl.py': 'from google.cloud import bigquery\n' }, { path: 'etl.py', line: 1 }],
  ['azure', { 'io.py': 'from azure.storage.blob import BlobServiceClient\n' }, { path: 'io.py', line: 1 }],
  ['deployment', { 'app.py': 'from fastapi import FastAPI\napp = FastAPI()\n' }, { path: 'app.py', line: 1 }],
  ['deployment', { Dockerfile: 'FROM python:3.12-slim\n' }, { path: 'Dockerfile' }],
  ['monitoring', { 'drift.py': 'from evidently.report import Report\n' }, { path: 'drift.py', line: 1 }],
  ['monitoring', { 'train.py': 'import mlflow\nmlflow.log_metric("auc", 0.9)\n' }, { path: 'train.py', line: 1 }],
];

describe('extractSkills: each skill of the guides table, with evidence', () => {
  it.each(SKILL_CASES.map(([id, files, at], i) => [`${id} #${i}`, id, files, at] as const))('%s', async (_n, id, files, at) => {
    const s = await skillsOf(files);
    expect(s.skills[id], JSON.stringify(s.skills)).toBeDefined();
    expect(s.skills[id]![0]).toMatchObject(at);
    expect(s.skills[id]![0].detail.length).toBeGreaterThan(0);
  });

  it('covers every skill of the table', () => {
    const covered = new Set([...SKILL_CASES.map(([id]) => id), 'git']);
    expect(SKILL_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('Git: every repo with history counts, with the repo as evidence; a plain folder does not', async () => {
    const withGit = await skillsOf({ 'a.py': 'x = 1\n' });
    expect(withGit.skills.git).toEqual([{ detail: 'Git repository (1 commit)' }]);
    const plain = await skillsOf({ 'a.py': 'x = 1\n' }, { commit: null, commits: [] });
    expect(plain.skills.git).toBeUndefined();
  });

  it('reads notebook code cells with cell and line, and ignores markdown cells', async () => {
    const s = await skillsOf({
      'analysis.ipynb': notebook([
        ['markdown', '# Notes\nimport torch\nWe could use an LSTM( here.\n'],
        ['code', 'import pandas as pd\nimport seaborn as sns\n'],
        ['code', '!pip install -q xgboost tensorflow==2.15\n'],
        ['code', 'import tensorflow as tf\n'],
      ]),
    });
    expect(s.skills.seaborn?.[0]).toMatchObject({ path: 'analysis.ipynb', cell: 2, line: 2, detail: 'import seaborn as sns' });
    expect(s.skills.tensorflow?.[0]).toMatchObject({ path: 'analysis.ipynb', cell: 4, line: 1 });
    expect(s.skills.pytorch).toBeUndefined();
    expect(s.skills.rnn).toBeUndefined();
  });

  it('no false positive from words in the README, comments, docstrings or pyproject keywords', async () => {
    const s = await skillsOf({
      'README.md':
        '# Everything\n\nBuilt with PyTorch, TensorFlow, scikit-learn, pandas, NumPy, Seaborn and SQL on AWS, GCP and Azure.\n' +
        'Uses CNNs, LSTM(), GRU, Transformers and BERT; deployed with FastAPI and Docker, monitored with Prometheus.\n' +
        'Computer vision, NLP with nltk, reinforcement learning with gym, time series with ARIMA.\n\n```python\nimport torch\n```\n',
      'main.py':
        '"""Module docstring: import torch, boto3, LSTM(8), SELECT a FROM b, nltk, gymnasium."""\n' +
        '# import tensorflow as tf\n' +
        '# model = nn.Conv2d(3, 8, 3)  # TODO\n' +
        'def run():\n' +
        '    """Train with sklearn.ensemble.RandomForestClassifier() and ARIMA()."""\n' +
        '    return 1  # import seaborn\n',
      'pyproject.toml': '[project]\nname = "x"\nkeywords = ["pytorch", "tensorflow", "aws"]\ndependencies = []\n',
    });
    expect(Object.keys(s.skills).sort()).toEqual(['git', 'python']);
    expect(s.specialisations).toEqual({});
  });

  it('hides credentials that sit on an evidence line', async () => {
    const s = await skillsOf({
      'io.py': 'import boto3\ns3 = boto3.client("s3", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")\ndf = pd.read_sql("select id from t", "postgresql://ada:hunter2@db.example.com/x")\n',
      'requirements.txt': 'torch @ git+https://ada:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/ada/torch\n',
      'train.py': 'import torch\n',
    });
    const all = JSON.stringify(s);
    expect(all).not.toMatch(/wJalrXUtnFEMI|AKIAIOSFODNN7EXAMPLE|hunter2|ghp_abcdefghij/);
    expect(s.skills.sql?.[0].detail).toContain('postgresql://…@db.example.com');
    expect(s.skills.pytorch?.find((e) => e.path === 'requirements.txt')).toMatchObject({ line: 1, detail: 'dependency: torch @ git+https://…@github.com/ada/torch' });
  });

  it('ignores vendored trees (virtualenvs, node_modules)', async () => {
    const s = await skillsOf({ 'app.py': 'x = 1\n', '.venv/lib/python3.11/site-packages/torch/__init__.py': 'import torch\n', 'node_modules/x/y.py': 'import boto3\n' });
    expect(s.skills.pytorch).toBeUndefined();
    expect(s.skills.aws).toBeUndefined();
  });
});

const SPEC_CASES: Array<[SpecialisationId, Record<string, string>, string]> = [
  ['computer-vision', { 'cv.py': 'import torchvision\nfrom torchvision import transforms\n' }, 'cv.py'],
  ['computer-vision', { 'cv.py': 'import cv2\nimg = cv2.imread("x.jpg")\n' }, 'cv.py'],
  ['nlp', { 'text.py': 'import nltk\nnltk.download("punkt")\n' }, 'text.py'],
  ['nlp', { 'text.py': 'from sklearn.feature_extraction.text import TfidfVectorizer\nv = TfidfVectorizer()\n' }, 'text.py'],
  ['reinforcement-learning', { 'agent.py': 'import gymnasium as gym\nenv = gym.make("CartPole-v1")\n' }, 'agent.py'],
  ['reinforcement-learning', { 'agent.py': 'from stable_baselines3 import PPO\nmodel = PPO("MlpPolicy", env)\n' }, 'agent.py'],
  ['time-series', { 'ts.py': 'from statsmodels.tsa.arima.model import ARIMA\nm = ARIMA(y, order=(1, 1, 1))\n' }, 'ts.py'],
  ['time-series', { 'ts.py': 'from prophet import Prophet\n' }, 'ts.py'],
];

describe('extractSkills: specialisations', () => {
  it.each(SPEC_CASES.map(([id, files, path], i) => [`${id} #${i}`, id, files, path] as const))('%s', async (_n, id, files, path) => {
    const s = await skillsOf(files);
    expect(s.specialisations[id], JSON.stringify(s.specialisations)).toBeDefined();
    expect(s.specialisations[id]![0]).toMatchObject({ path, line: expect.any(Number) });
  });

  it('a single hint is not enough; two different hints are', async () => {
    const pilOnly = await skillsOf({ 'a.py': 'from PIL import Image\n' });
    expect(pilOnly.specialisations['computer-vision']).toBeUndefined();
    const pilAndConv = await skillsOf({ 'a.py': 'from PIL import Image\nfrom torch import nn\nc = nn.Conv2d(3, 8, 3)\n' });
    expect(pilAndConv.specialisations['computer-vision']).toHaveLength(2);

    const resampleOnly = await skillsOf({ 'a.py': 'import pandas as pd\ndaily = df.resample("D").sum()\n' });
    expect(resampleOnly.specialisations['time-series']).toBeUndefined();
    const resampleRolling = await skillsOf({ 'a.py': 'daily = df.resample("D").sum()\nma = daily.rolling(7).mean()\n' });
    expect(resampleRolling.specialisations['time-series']).toBeDefined();
  });

  it('a dependency alone is only a hint (pip freeze lists everything)', async () => {
    const s = await skillsOf({ 'requirements.txt': 'nltk==3.8\n' });
    expect(s.specialisations.nlp).toBeUndefined();
  });
});

/** A `pip freeze` of a data-science environment: 28 pinned lines, frameworks and their transitive packages. */
const FREEZE = [
  'absl-py==2.1.0', 'certifi==2024.2.2', 'charset-normalizer==3.3.2', 'fastapi==0.110.0', 'filelock==3.13.1', 'grpcio==1.62.1',
  'huggingface-hub==0.21.4', 'idna==3.6', 'joblib==1.3.2', 'mlflow==2.11.1', 'nltk==3.8.1', 'numpy==1.26.4', 'packaging==24.0',
  'pandas==2.2.1', 'protobuf==4.25.3', 'python-dateutil==2.9.0', 'pytz==2024.1', 'requests==2.31.0', 'scikit-learn==1.4.1',
  'six==1.16.0', 'tensorflow==2.16.1', 'threadpoolctl==3.4.0', 'torch==2.2.1', 'tqdm==4.66.2', 'transformers==4.38.2',
  'typing-extensions==4.10.0', 'urllib3==2.2.1', 'uvicorn==0.29.0',
].join('\n') + '\n';

describe('extractSkills: a skill is shown by use, not by a declared dependency', () => {
  it('a pip freeze with only pandas imported shows pandas, not every framework the environment held', async () => {
    expect(FREEZE.trim().split('\n')).toHaveLength(28);
    const s = await skillsOf({ 'requirements.txt': FREEZE, 'analysis.py': 'import pandas as pd\ndf = pd.read_csv("sales.csv")\n' });
    expect(Object.keys(s.skills).sort()).toEqual(['git', 'pandas', 'python']);
    expect(s.specialisations).toEqual({});
    // The manifest line is more evidence of a skill the code shows.
    expect(s.skills.pandas?.map((e) => e.path)).toEqual(['analysis.py', 'requirements.txt']);
  });

  it('keeps what the code imports, submodules included, and adds the manifest line as evidence', async () => {
    const s = await skillsOf({
      'requirements.txt': FREEZE,
      'train.py': 'import torch\nfrom sklearn.model_selection import train_test_split\nfrom transformers import AutoModel\n',
    });
    expect(s.skills.pytorch?.map((e) => e.path)).toEqual(['train.py', 'requirements.txt']);
    expect(s.skills['scikit-learn']?.map((e) => e.path)).toEqual(['train.py', 'requirements.txt']);
    expect(s.skills.transformers).toBeDefined();
    expect(s.skills.tensorflow).toBeUndefined();
    expect(s.skills.deployment).toBeUndefined();
    expect(s.skills.monitoring).toBeUndefined();
  });

  it('a hand-written manifest naming a framework nothing imports shows nothing (listing tensorflow is not using it)', async () => {
    const s = await skillsOf({ 'requirements.txt': 'pandas\ntensorflow\nboto3\nmlflow\nfastapi\n', 'main.py': 'import pandas as pd\n' });
    expect(Object.keys(s.skills).sort()).toEqual(['git', 'pandas', 'python']);
    const py = await skillsOf({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["torch>=2", "spacy"]\n', 'x/__init__.py': 'VERSION = 1\n' });
    expect(py.skills.pytorch).toBeUndefined();
    expect(py.specialisations).toEqual({});
  });

  it('a notebook `!pip install` is a declaration too: shown only with an import', async () => {
    const installOnly = await skillsOf({ 'a.ipynb': notebook([['code', '!pip install tensorflow boto3\n'], ['code', 'import numpy as np\n']]) });
    expect(installOnly.skills.tensorflow).toBeUndefined();
    expect(installOnly.skills.aws).toBeUndefined();
    const used = await skillsOf({ 'a.ipynb': notebook([['code', '!pip install boto3\n'], ['code', 'import boto3.session\n']]) });
    expect(used.skills.aws?.[0]).toMatchObject({ cell: 2, line: 1 });
  });

  it('an import of a module that only shares a prefix is not use (google.protobuf is not google-cloud)', async () => {
    const s = await skillsOf({ 'requirements.txt': 'google-cloud-storage==2.14\n', 'a.py': 'from google.protobuf import json_format\nimport torchvision_extra\n' });
    expect(s.skills.gcp).toBeUndefined();
  });

  it('when the budget leaves code unread, a hand-written manifest still counts; a freeze does not', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_CODE_FILES; i++) files[`src/m${String(i).padStart(3, '0')}.py`] = 'x = 1\n';
    const hand = await skillsOf({ ...files, 'requirements.txt': 'tensorflow==2.16\npandas\n' });
    expect(hand.skills.tensorflow?.[0]).toMatchObject({ path: 'requirements.txt', line: 1 });
    const frozen = await skillsOf({ ...files, 'requirements.txt': FREEZE });
    expect(frozen.skills.tensorflow).toBeUndefined();
    expect(frozen.skills.pandas).toBeUndefined();
  });

  it('reads the imports of a script with Windows line endings (so a used package is not taken for an unused one)', async () => {
    const s = await skillsOf({ 'requirements.txt': 'pandas==2.2\r\ntorch==2.2\r\n', 'src/train.py': '# train\r\nimport pandas as pd\r\nimport torch, numpy as np\r\n' });
    expect(s.skills.pandas?.[0]).toMatchObject({ path: 'src/train.py', line: 2 });
    expect(s.skills.pytorch?.[0]).toMatchObject({ path: 'src/train.py', line: 3 });
    expect(s.skills.numpy?.[0]).toMatchObject({ path: 'src/train.py', line: 3 });
  });

  it('R, Julia and JVM manifests still count: this scanner reads only Python code', async () => {
    const s = await skillsOf({ DESCRIPTION: 'Package: churn\nVersion: 0.1\nImports: keras, dplyr\n', 'R/model.R': 'library(keras)\n' });
    expect(s.skills.tensorflow?.[0]).toMatchObject({ path: 'DESCRIPTION' });
  });
});

describe('extractSkills: project types', () => {
  it('from model classes and metrics in code', async () => {
    const s = await skillsOf({
      'train.py':
        'from sklearn.ensemble import RandomForestClassifier\nfrom sklearn.cluster import KMeans\nclf = RandomForestClassifier()\nkm = KMeans(n_clusters=4)\n',
    });
    expect(s.projectTypes.classification?.[0]).toMatchObject({ path: 'train.py', line: 3 });
    expect(s.projectTypes.clustering).toBeDefined();
    expect(s.projectTypes.regression).toBeUndefined();
  });

  it('from the README opening (not from a late "future work" section)', async () => {
    const s = await skillsOf({
      'README.md':
        '# Credit card fraud detection\n\nA model that flags fraudulent transactions.\n\n## Data\n\nKaggle.\n\n## Usage\n\nRun it.\n\n## Results\n\nGood.\n\n## Future work\n\nTry a recommender system.\n',
    });
    expect(s.projectTypes['fraud-detection']?.[0]).toMatchObject({ path: 'README.md', line: 1 });
    expect(s.projectTypes.recommendation).toBeUndefined();
    expect(Object.keys(s.skills)).toEqual(['git']);
  });

  it('derives image classification from computer vision + a classifier', async () => {
    const s = await skillsOf({
      'mnist.py': 'from tensorflow import keras\n(x, y), _ = keras.datasets.mnist.load_data()\nmodel.compile(loss="sparse_categorical_crossentropy")\n',
    });
    expect(s.specialisations['computer-vision']).toBeDefined();
    expect(s.projectTypes['image-classification']).toBeDefined();
  });
});

describe('extractSkills: bounded, deterministic reads', () => {
  it('reads at most the budget of a huge repo, the same files every time, shallowest first', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`pkg/sub${i % 7}/mod_${String(i).padStart(3, '0')}.py`] = 'import numpy as np\n';
    files['deep/a/b/c/d/torch_stuff.py'] = 'import torch\n';
    files['train.py'] = 'import pandas as pd\n';
    const snap = memorySnapshot({ id: 'big/repo', commit: SHA, commits: [commit(1)], files });
    const reads: string[] = [];
    const read = snap.read.bind(snap);
    snap.read = async (p) => {
      reads.push(p);
      return read(p);
    };
    const ctx = createProbeContext(snap, NOW);
    const a = await extractSkills(ctx);
    expect(reads.length).toBeLessThanOrEqual(MAX_CODE_FILES);
    expect(reads[0]).toBe('train.py');
    expect(a.scanned).toEqual({ files: MAX_CODE_FILES, candidates: 402, truncated: true });
    expect(a.skills.pandas?.[0].path).toBe('train.py');
    expect(a.skills.pytorch).toBeUndefined(); // beyond the budget: not read
    expect(reads).toEqual(skillReads(ctx).slice(0, reads.length));
    const b = await extractSkills(createProbeContext(memorySnapshot({ id: 'big/repo', commit: SHA, commits: [commit(1)], files }), NOW));
    expect(b).toEqual(a);
  });
});

/** Usages whose words alone do not make a match (joined words, URLs, arguments). */
const USAGE_LINES = [
  'model = BertModel.from_pretrained("bert-base-uncased")',
  'df = pd.read_csv("s3://churn-bucket/telco.csv")',
  'BLOB = "gs://churn-bucket/telco.csv"',
  'path = "abfss://data@acct.dfs.core.windows.net/telco"',
  'tok = Tokenizer(num_words=5000)',
  '(x, y), _ = keras.datasets.imdb.load_data()',
  'emb = Embedding(1000, 64)',
  'daily = df.resample("D").sum()',
];

describe('usagesOn: the usages a line matches, screened by two alternations', () => {
  it('gives what testing every usage gives, in the same order, on code that matches them and code that does not', () => {
    // Lines of every usage's own words in code shapes (call, attribute, string, mixed case), the skill cases above,
    // the rule files (their examples: code that matches and near misses), and runs of what hostile files repeat.
    const lines = new Set<string>(['', '[', '#', '1. ', 'model_', '0.', 'é中', ...USAGE_LINES, ...SKILL_CASES.flatMap(([, files]) => Object.values(files).flatMap((t) => t.split('\n')))]);
    for (const u of USAGES) {
      for (const w of new Set(u.re.source.match(/[A-Za-z_][A-Za-z0-9_]+/g) ?? [])) {
        for (const shape of [`x = ${w}(3)`, `m = nn.${w}(1)`, `y = layers.${w}`, `q = "${w} from t"`, `s = '${w}'`, `z.${w}(`, `${w.toUpperCase()}(`, `${w.toLowerCase()}_v2`]) lines.add(shape);
      }
    }
    for (const dir of ['rules']) {
      for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (f.isFile() && /\.(?:ts|yml)$/.test(f.name)) for (const l of readFileSync(join(f.parentPath, f.name), 'utf8').split('\n')) lines.add(l);
      }
    }
    let matched = 0;
    const differ: string[] = [];
    for (const line of lines) {
      const each = USAGES.filter((u) => u.re.test(line));
      const screened = usagesOn(line);
      matched += each.length ? 1 : 0;
      if (screened.length !== each.length || screened.some((u, i) => u !== each[i])) differ.push(line);
    }
    expect(differ).toEqual([]);
    // The comparison is not vacuous: lines match usages, and every usage matches some line.
    expect(matched).toBeGreaterThan(500);
    expect(USAGES.filter((u) => ![...lines].some((l) => u.re.test(l))).map((u) => u.label)).toEqual([]);
  });
});
