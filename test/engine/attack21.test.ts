/**
 * attack21: the tricks a candidate would try on session 19's merged changes (issue #11, "No cheap gaming"), and the
 * honest repositories those changes might punish: stage-data's `syntheticFits`, `seededDatabase`, `dvcMinBytes` and
 * tooling scripts (err19a); stage-preprocessing's new shapes (err19c).
 *
 * Run with ATTACK21_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, detected } from './attack-audit.js';
import { weakWith } from './attack11-repos.js';
import { nb } from './gaming-attack.js';

const LOG = process.env.ATTACK21_LOG === '1';

/** The weak repo's README and history with only these files (its notebook removed). */
const only = (files: Record<string, string>) => {
  const r = weakWith(files);
  delete r.files['Churn.ipynb'];
  r.commits[0]!.paths = Object.keys(r.files);
  r.commits[0]!.filesChanged = r.commits[0]!.paths.length;
  return r;
};
const measure = async (what: string, files: Record<string, string>) => {
  const r = await audit(only(files));
  if (LOG) console.log(what, r.score, detected(r));
  return r;
};

const FIT_SYNTH = 'import pandas as pd\nfrom sklearn.datasets import make_classification\nX, y = make_classification(n_samples=5000, n_features=4, random_state=42)\nX = pd.DataFrame(X, columns=["income", "fico", "loan", "debt"])\nmodel.fit(X, y)\n';
const S3_LOGS = 'import boto3\nimport pandas as pd\ns3 = boto3.client("s3")\ndef recent(key):\n    obj = s3.get_object(Bucket="pred-logs", Key=key)\n    return pd.read_parquet(obj["Body"])\nrecent("2024/01/01.parquet")\n';

describe('attack21: syntheticFits (every model fitted on generated numbers)', () => {
  it('base: make_classification fitted, the service reading its own logs (no data)', async () => {
    const r = await measure('synthetic base', { 'training/train.py': FIT_SYNTH, 'app/monitoring/logs.py': S3_LOGS });
    expect(detected(r)).not.toContain('data');
  });
  it('gaming: a dummy read of a committed CSV beside the make_classification fit is no data', async () => {
    const r = await measure('dummy read in the fitting file', {
      'training/train.py': FIT_SYNTH.replace('model.fit', '_raw = pd.read_csv("data/credit.csv")\nmodel.fit'),
      'data/credit.csv': 'income,fico\n1,2\n',
      'app/monitoring/logs.py': S3_LOGS,
    });
    expect(detected(r)).not.toContain('data');
  });
  it('gaming: a data module imported and never called beside the make_classification fit is no data', async () => {
    const r = await measure('unused data module import', {
      'training/train.py': 'from training.data import load_credit\n' + FIT_SYNTH,
      'training/data.py': 'import pandas as pd\ndef load_credit():\n    return pd.read_csv("data/credit.csv")\n',
      'app/monitoring/logs.py': S3_LOGS,
    });
    expect(detected(r)).not.toContain('data');
  });
  it('honest: a real table loaded through a package __init__, augmented with simulated rows, keeps the data', async () => {
    const r = await measure('data through __init__ + simulated rows', {
      'src/data/__init__.py': 'from .loader import load_loans\n',
      'src/data/loader.py': 'import pandas as pd\ndef load_loans():\n    return pd.read_csv("data/raw/loans.csv")\n',
      'src/train.py': 'import numpy as np\nfrom src.data import load_loans\ndf = load_loans()\nX = df.drop(columns="default").values\ny = df["default"].values\nX_sim = np.random.normal(size=(500, X.shape[1]))\ny_sim = np.random.randint(0, 2, size=500)\nmodel.fit(np.vstack([X, X_sim]), np.concatenate([y, y_sim]))\n',
    });
    expect(detected(r)).toContain('data');
  });
  it('honest: a prepare step writes the table that train.py reads and jitters with Gaussian noise (DVC pipeline) keeps the data', async () => {
    const r = await measure('prepare -> processed csv -> train with noise', {
      'dvc.yaml': 'stages:\n  prepare:\n    cmd: python src/prepare.py\n    deps:\n    - data/raw/housing.csv\n    outs:\n    - data/processed/train.csv\n  train:\n    cmd: python src/train.py\n    deps:\n    - data/processed/train.csv\n',
      'src/prepare.py': 'import pandas as pd\ndf = pd.read_csv("data/raw/housing.csv")\ndf = df.dropna()\ndf.to_csv("data/processed/train.csv", index=False)\n',
      'src/train.py': 'import numpy as np\nimport pandas as pd\ndf = pd.read_csv("data/processed/train.csv")\nX = df.drop(columns="price").values\ny = df["price"].values\nnoise = np.random.normal(0, 0.01, size=X.shape)\nmodel.fit(X + noise, y)\n',
    });
    expect(detected(r)).toContain('data');
  });
});

const SQL_READ = 'import pandas as pd\nfrom sqlalchemy import create_engine\nengine = create_engine(DB_URL)\ndf = pd.read_sql("SELECT store, qty FROM sales_daily", engine)\n';
const SEEDER = 'import random\nrows = [{"store": s, "qty": random.randint(0, 40)} for s in range(20)]\ndb.execute(insert(SalesDaily).values(rows))\n';

describe('attack21: seededDatabase (a database the repo fills with random rows)', () => {
  it('base: a seed.py seeder fills the database the forecast reads (no data)', async () => {
    const r = await measure('seed.py', { 'app/seed.py': SEEDER, 'app/forecast/features.py': SQL_READ });
    expect(detected(r)).not.toContain('data');
  });
  for (const p of ['scripts/populate_db.py', 'app/db/init_data.py', 'app/fixtures/generate_sales.py']) {
    it(`gaming: the seeder moved to ${p} is still made-up rows`, async () => {
      const r = await measure(`seeder at ${p}`, { [p]: SEEDER, 'app/forecast/features.py': SQL_READ });
      expect(detected(r)).not.toContain('data');
    });
  }
  it('honest: a seed.py that loads a real CSV and samples it with random draws keeps the data', async () => {
    const r = await measure('seed.py over a real CSV', {
      'app/seed.py': 'import random\nimport pandas as pd\ndf = pd.read_csv("data/raw/sales_2023.csv")\nrows = df.to_dict("records")\nrandom.shuffle(rows)\nfor row in random.sample(rows, 1000):\n    db.execute(insert(SalesDaily).values(row))\n',
      'app/forecast/features.py': SQL_READ,
    });
    expect(detected(r)).toContain('data');
  });
  it('honest: a seeding utility (random seeds, sys.path.insert) does not make a real database made up', async () => {
    const r = await measure('utils/seed.py', {
      'src/utils/seed.py': 'import sys\nimport numpy as np\nsys.path.insert(0, ".")\ndef seed_everything(seed):\n    np.random.seed(seed)\n    return np.random.default_rng(seed)\n',
      'src/features.py': SQL_READ,
    });
    expect(detected(r)).toContain('data');
  });
});

describe('attack21: dvcMinBytes (a tiny DVC-tracked table)', () => {
  const TRAIN = 'import pandas as pd\ndf = pd.read_csv("data/raw/train.csv")\nmodel.fit(df.iloc[:, :-1], df.iloc[:, -1])\n';
  it('honest: a DVC pointer without a size (DVC 1.x) keeps the data', async () => {
    const r = await measure('dvc 1.x pointer', { 'data/raw/train.csv.dvc': 'outs:\n- md5: 0f3a5c1b\n  path: train.csv\n', 'train.py': TRAIN });
    expect(detected(r)).toContain('data');
  });
  it('honest: a pipeline over a large archive whose lock records only a small CSV of scores keeps the data', async () => {
    const r = await measure('dvc lock: zip + small csv', {
      'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    deps:\n      - data/raw/images.zip\n    outs:\n      - reports/scores.csv\n',
      'dvc.lock': "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    deps:\n    - path: data/raw/images.zip\n      md5: 1a2b\n      size: 734003200\n    - path: requirements.txt\n      md5: 3c4d\n      size: 212\n    outs:\n    - path: reports/scores.csv\n      md5: 5e6f\n      size: 320\n",
      'train.py': 'import zipfile\nzipfile.ZipFile("data/raw/images.zip").extractall("data/images")\nmodel.fit(load_images("data/images"))\n',
    });
    expect(detected(r)).toContain('data');
  });
});

describe('attack21: tooling shell scripts download no data', () => {
  it('gaming: a tool installer in setup/ (a .devcontainer renamed) is no data download', async () => {
    const r = await measure('setup/install.sh', {
      'setup/install.sh': '#!/bin/bash\ncurl -LsSf https://astral.sh/uv/install.sh | sh\nwget https://github.com/cli/cli/releases/download/v2.40.0/gh_2.40.0_linux_amd64.tar.gz\n',
      'model.py': 'import numpy as np\nX = np.array([[1, 2], [3, 4]])\nmodel.fit(X, [0, 1])\n',
    });
    expect(detected(r)).not.toContain('data');
  });
});

describe('attack21: stage-preprocessing shapes (err19c)', () => {
  it('gaming: a char vocabulary typed into a notebook that trains nothing on it', async () => {
    const base = await measure('nb base', { 'Names.ipynb': nb(["words = open('names.txt').read().splitlines()\nprint(len(words))\n"]) });
    const r = await measure('char vocab', { 'Names.ipynb': nb(["words = open('names.txt').read().splitlines()\nchars = sorted(list(set(''.join(words))))\nstoi = {s: i + 1 for i, s in enumerate(chars)}\nstoi['.'] = 0\nfor w in words[:3]:\n    for ch in '.' + w + '.':\n        print(stoi[ch])\n"]) });
    if (LOG) console.log(base.score, r.score);
    expect(detected(r)).toEqual(detected(base));
  });
  it('gaming: a one-line Prophet frame', async () => {
    const base = await measure('prophet base', { 'forecast.py': 'import pandas as pd\nfrom prophet import Prophet\ndf = pd.read_csv("data/sales.csv")\nm = Prophet()\nm.fit(df)\n' });
    const r = await measure('prophet frame', { 'forecast.py': 'import pandas as pd\nfrom prophet import Prophet\ndf = pd.read_csv("data/sales.csv")\ndf = df.rename(columns={"date": "ds", "sales": "y"})\nm = Prophet()\nm.fit(df)\n' });
    if (LOG) console.log(base.score, r.score);
    expect(detected(r)).toEqual(detected(base));
  });
});
