/**
 * attack21: the tricks a candidate would try on session 19's merged changes (issue #11, "No cheap gaming"), and the
 * honest repositories those changes might punish: stage-data's `syntheticFits`, `seededDatabase`, `dvcMinBytes` and
 * tooling scripts (err19a); stage-preprocessing's new shapes (err19c).
 *
 *   trick or honest case                                                        measured (before → after this branch)
 *   closed: a read of a committed CSV beside a make_classification fit that no fit is handed (30.4 → 38.3, +7.9: the
 *   fitting file "read data", so syntheticFits let everything count); the seeder moved out of a `seed` file
 *   (`scripts/populate_db.py`, `app/db/init_data.py`, `fixtures/generate_sales.py`: +7.9 each, only the seed names
 *   were looked at); the seeded table read with `pd.read_sql` (+7.9: read_sql was no database read).
 *   honest, fixed: a DVC pipeline over a 700 MB archive whose lock also records a 320-byte scores CSV lost its data
 *   (38.3 → 30.4, −7.9); a seeding utility with `sys.path.insert(` would have been a seeder once read_sql counted as a
 *   database read (a list's insert is no database write now).
 *   measured to hold: a table loaded through a package `__init__` plus simulated rows; a prepare → train DVC pipeline
 *   that jitters with Gaussian noise; a seeder that loads a real CSV; a DVC 1.x pointer without a size; a tool
 *   installer in `setup/` (a renamed `.devcontainer`); a char vocabulary in a notebook that trains nothing.
 *   closed: the same read and print in a notebook-only repository (the reach is not judged without a Python file, and
 *   syntheticFits stood aside: +7.9).
 *   measured to hold also: a course's data with its code retyped under new names (still a copy, 0).
 *   open (it.fails below): a data module imported and never called beside the make_classification fit (+7.9); a
 *   one-line Prophet frame (+4.0, by design half a sign).
 *
 * Run with ATTACK21_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, detected } from './attack-audit.js';
import { loadRules } from '../../src/rules/load.js';
import { runExample } from '../../src/rules/examples.js';
import { weakWithOnly } from './attack11-repos.js';
import { nb } from './gaming-attack.js';

const LOG = process.env.ATTACK21_LOG === '1';

const only = weakWithOnly;
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
  // Open: an imported own module with a read that counts blocks syntheticFits (the data may be loaded there and handed
  // over): 30.4 → 38.3 (+7.9). Whether an imported function's result reaches a fit is dataflow across files; an honest
  // `from src.data import load` whose result is fitted reads the same up to the call — not tried.
  it.fails('gaming: a data module imported and never called beside the make_classification fit is no data', async () => {
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
  it('honest: a notebook that fits its table and a make_classification smoke test in one file keeps the data', async () => {
    const r = await measure('smoke test + real fit', {
      'train.ipynb': nb(["import pandas as pd\nfrom sklearn.datasets import make_classification\nXs, ys = make_classification(n_samples=50)\nclf.fit(Xs, ys)\n", "df = pd.read_csv('data/raw/loans.csv')\nX = df.drop(columns='default')\ny = df['default']\n", "clf.fit(X, y)\n"]),
    });
    expect(detected(r)).toContain('data');
  });
  it('gaming: a CSV read and printed, then a make_classification fit, in one notebook is no data', async () => {
    const r = await measure('read + print + synthetic fit, notebook', {
      'train.ipynb': nb(["import pandas as pd\nfrom sklearn.datasets import make_classification\nraw = pd.read_csv('data/credit.csv')\nprint(raw.describe())\n", "X, y = make_classification(n_samples=5000, n_features=4)\nX = pd.DataFrame(X, columns=['income', 'fico', 'loan', 'debt'])\n", "model.fit(X, y)\n"]),
      'data/credit.csv': 'income,fico\n1,2\n',
    });
    expect(detected(r)).not.toContain('data');
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
  // Open by design: `df.rename(columns={"date": "ds", "sales": "y"})` is what every honest Prophet script does to its
  // table, so err19c counts it as half a sign in Prophet files only: 37.5 → 41.5 (+4.0), preprocessing detected.
  it.fails('gaming: a one-line Prophet frame', async () => {
    const base = await measure('prophet base', { 'forecast.py': 'import pandas as pd\nfrom prophet import Prophet\ndf = pd.read_csv("data/sales.csv")\nm = Prophet()\nm.fit(df)\n' });
    const r = await measure('prophet frame', { 'forecast.py': 'import pandas as pd\nfrom prophet import Prophet\ndf = pd.read_csv("data/sales.csv")\ndf = df.rename(columns={"date": "ds", "sales": "y"})\nm = Prophet()\nm.fit(df)\n' });
    if (LOG) console.log(base.score, r.score);
    expect(detected(r)).toEqual(detected(base));
  });
});

describe('attack21: not-a-known-copy dataFiles (a course\'s data without its code)', () => {
  // Before err19c the course's three data files alone were a copy (capped at 45); now data without a code file of the
  // course fails in part (0.5) without the cap, and the code is the retype check's. Measured to hold: the synthetic
  // course's code retyped under new names (functions, arguments, locals renamed, docstrings dropped) beside its data
  // is still found (score 0, capped), not the data-only 0.5.
  it('the course\'s data and its code renamed is still a copy (below the data-only floor)', async () => {
    const set = loadRules();
    const rule = set.rules.find((x) => x.id === 'not-a-known-copy')!;
    const got = await runExample(rule, set, { name: 'retyped course', params: { catalogue: 'fingerprints-examples.json' }, files: FILES } as never);
    if (LOG) console.log('course data + renamed code', got.score, got.evidence.slice(0, 2));
    expect(got.score).toBeLessThan(0.5);
  });
});

const FILES: Record<string, string> = {
  "README.md": "# My ML projects\n",
  "data/servers.csv": "cpu_load,latency_ms,throughput\n0.3591,10.280,620.75\n0.1579,23.756,392.55\n0.1464,22.760,130.00\n0.4469,7.445,172.57\n0.4396,33.940,199.04\n0.2786,26.960,858.17\n0.5617,18.884,881.00\n0.1373,35.046,331.69\n0.2154,9.123,346.79\n0.7529,11.325,565.28\n0.6111,18.034,538.20\n0.1502,7.086,264.77\n",
  "data/servers_val.csv": "cpu_load,latency_ms,throughput,anomaly\n0.6443,19.966,351.32,1\n0.3893,13.695,243.81,0\n0.1655,15.509,496.09,1\n0.6836,15.078,884.14,0\n0.5095,10.774,373.64,1\n0.4374,38.671,162.10,1\n0.3721,17.256,497.34,1\n0.1550,8.276,315.95,0\n0.1485,29.552,617.70,1\n0.3277,18.503,634.92,0\n0.8525,17.441,588.74,1\n0.1472,31.888,203.47,0\n",
  "data/servers_test.csv": "cpu_load,latency_ms\n0.4183,37.089\n0.4972,10.823\n0.4213,14.724\n0.2095,20.068\n0.5402,29.724\n0.8892,28.895\n0.4044,13.076\n0.1664,10.295\n0.6268,5.422\n0.7649,11.382\n0.3255,10.099\n0.5277,26.343\n0.3549,9.392\n0.7874,38.258\n",
  "ml/logreg.py": "import numpy as np\n\ndef logistic(v):\n    return 1.0 / (1.0 + np.exp(-v))\n\ndef loss(w, feats, labels):\n    p = logistic(feats @ w)\n    return -(labels @ np.log(p) + (1 - labels) @ np.log(1 - p)) / len(labels)\n",
  "ml/net.py": "import numpy as np\n\ndef predict(inputs, w_a, bias_a, w_b, bias_b):\n    hidden = np.tanh(inputs @ w_a + bias_a)\n    return 1.0 / (1.0 + np.exp(-(hidden @ w_b + bias_b)))\n",
  "ml/clusters.py": "import numpy as np\n\ndef nearest(points, centers):\n    dist = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(-1)\n    return dist.argmin(1)\n"
};
