/**
 * attack22: the tricks a candidate would try on session 20's merged changes (issue #11, "No cheap gaming"), and the
 * honest repositories those changes might punish: ml-code-substance (err20b), not-a-known-copy's minShared 32 (lead),
 * err20a's stage fixes (evaluate.load, desktop GUIs, hand-written tokenisers, own binning).
 *
 *
 *   trick or honest case                                                        measured (before → after this branch)
 *   closed: a script split into a one-function data.py and the rest; a notebook plus a 2-line download script; a
 *   metrics module imported and never called (47.4 → 45.4 each, −2.0: ml-code-substance counted files, so any second
 *   file escaped it; now a file under 10 code lines does not spread the work); a metric computed on a list typed into
 *   the call (43.5 → 35.9: evaluation no longer detected).
 *   honest, fixed: a notebook training the model class of its own src/model.py (35.9 → 37.5: no stage rule cites the
 *   module, so it was "one short file"); an original keeping one public helper module retyped whole, 32 of 100
 *   fingerprints (not-a-known-copy 0 and capped at 45 → 1: one file's match needs 40, as before minShared 32).
 *   measured to hold: a second file of dead training code; an uncalled or unimported tokeniser or binning function;
 *   a Streamlit app opening a tkinter file dialog, a Gradio app beside a Tk client (deployment kept); an own module
 *   imported and unused, or with no ML library (a logger); a walkthrough retyped over three files (35 of 88) and a
 *   core file retyped still count as copies.
 *   judged right: one short training script beside an API, tests and CI is penalised (set 39's kcezario, good,
 *   85.5 → 82.1, above every weak repo of its set).
 *   open (it.fails below): a download script padded to 10 code lines (+2.0); a scaling helper called with its result
 *   thrown away (+5.6, preprocessing); a metric computed on constants bound to names first (+7.6, evaluation).
 *
 * Run with ATTACK22_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, detected, rule } from './attack-audit.js';
import { weakWithOnly } from './attack11-repos.js';
import { nb } from './gaming-attack.js';
import { retypeScore } from '../../src/probes/fingerprints.js';

const LOG = process.env.ATTACK22_LOG === '1';

const only = weakWithOnly;
const measure = async (what: string, files: Record<string, string>) => {
  const r = await audit(only(files));
  const s = rule(r, 'ml-code-substance');
  if (LOG) console.log(what, r.score, detected(r), s?.outcome, s?.score, s?.note);
  return r;
};
const penalised = (r: Awaited<ReturnType<typeof audit>>) => rule(r, 'ml-code-substance').outcome === 'pass' || rule(r, 'ml-code-substance').score === 0 && rule(r, 'ml-code-substance').outcome !== 'not-applicable';

const IMPORTS = 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import accuracy_score\n';
const LOAD = 'df = pd.read_csv("data/churn.csv")\n';
const REST = 'X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["churn"]), df["churn"], test_size=0.2)\nmodel = RandomForestClassifier().fit(X_train, y_train)\nprint(accuracy_score(y_test, model.predict(X_test)))\n';
const SCRIPT = IMPORTS + LOAD + REST;

describe('attack22: ml-code-substance (all the ML in one short file)', () => {
  it('base: one short script is penalised', async () => {
    const r = await measure('one script', { 'train.py': SCRIPT });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: the script split into a one-function data.py and the rest', async () => {
    const r = await measure('split data.py', {
      'src/data.py': 'import pandas as pd\ndef load():\n    return pd.read_csv("data/churn.csv")\n',
      'src/train.py': IMPORTS + 'from src.data import load\ndf = load()\n' + REST,
    });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: a notebook plus a 3-line download script', async () => {
    const r = await measure('notebook + download.py', {
      'download.py': 'import urllib.request\nurllib.request.urlretrieve("https://example.org/churn.csv", "data/churn.csv")\n',
      'model.ipynb': nb([IMPORTS, LOAD, REST]),
    });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: a metrics module imported, its function never called', async () => {
    const r = await measure('imported unused metrics', {
      'src/metrics.py': 'from sklearn.metrics import f1_score, classification_report\ndef report(y_true, y_pred):\n    print(classification_report(y_true, y_pred))\n    return f1_score(y_true, y_pred)\n',
      'src/train.py': IMPORTS + 'from src.metrics import report\n' + LOAD + REST,
    });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: a copied preprocessing function in a second module, called, its result unused', async () => {
    const r = await measure('copied helper, result unused', {
      'src/prep.py': 'from sklearn.preprocessing import StandardScaler\ndef scale(X):\n    return StandardScaler().fit_transform(X)\n',
      'src/train.py': IMPORTS + 'from src.prep import scale\n' + LOAD + '_ = scale(df.drop(columns=["churn"]))\n' + REST,
    });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: a second file of real-looking dead code (a train function nothing calls)', async () => {
    const r = await measure('dead second file', {
      'train.py': SCRIPT,
      'legacy/old_model.py': 'import torch\nimport torch.nn as nn\nfrom sklearn.metrics import f1_score\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 2)\n    def forward(self, x):\n        return self.fc(x)\ndef train(loader):\n    model = Net()\n    opt = torch.optim.Adam(model.parameters())\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x), y)\n        opt.zero_grad()\n        loss.backward()\n        opt.step()\n    return model\n',
    });
    expect(penalised(r)).toBe(true);
  });
});

const TOKENISER = 'def build_vocab(texts):\n    vocab = {"<pad>": 0, "<unk>": 1}\n    for t in texts:\n        for w in t.lower().split():\n            vocab.setdefault(w, len(vocab))\n    return vocab\n\ndef encode(text, vocab, max_len=50):\n    ids = [vocab.get(w, 1) for w in text.lower().split()][:max_len]\n    return ids + [0] * (max_len - len(ids))\n';
const TORCH_FIT = 'import torch\nimport pandas as pd\ndf = pd.read_csv("data/reviews.csv")\nX = torch.tensor(df[["f1", "f2"]].values, dtype=torch.float32)\ny = torch.tensor(df["label"].values)\nmodel = torch.nn.Linear(2, 2)\nopt = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    loss = torch.nn.functional.cross_entropy(model(X), y)\n    opt.zero_grad()\n    loss.backward()\n    opt.step()\n';

const NET = 'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, n_in=2, hidden=64, n_out=2):\n        super().__init__()\n        self.body = nn.Sequential(\n            nn.Linear(n_in, hidden),\n            nn.ReLU(),\n            nn.Dropout(0.2),\n            nn.Linear(hidden, hidden),\n            nn.ReLU(),\n            nn.Linear(hidden, n_out),\n        )\n\n    def forward(self, x):\n        return self.body(x)\n';

describe('attack22: ml-code-substance on honest shapes', () => {
  // Fixed: the notebook trains the model class of its own src/model.py, which no stage rule cites: it was one short
  // file (35.9); an own module the stage file imports and uses, with an ML library in it, is ML work too (37.5).
  it('honest: a notebook that trains a model class defined in its own module is not one short file', async () => {
    const r = await measure('notebook + src/model.py', {
      'src/model.py': NET,
      'train.ipynb': nb(['import torch\nimport pandas as pd\nfrom src.model import Net\n', 'df = pd.read_csv("data/reviews.csv")\nX = torch.tensor(df[["f1", "f2"]].values, dtype=torch.float32)\ny = torch.tensor(df["label"].values)\n', 'model = Net()\nopt = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    loss = torch.nn.functional.cross_entropy(model(X), y)\n    opt.zero_grad()\n    loss.backward()\n    opt.step()\n']),
    });
    expect(penalised(r)).toBe(false);
  });
  it('gaming: an own ML module imported and never used does not spread the work', async () => {
    const r = await measure('unused own model module', {
      'src/model.py': NET,
      'train.py': 'from src.model import Net\n' + SCRIPT + 'print(df.shape)\nprint(df.describe())\n',
    });
    expect(penalised(r)).toBe(true);
  });
  it('gaming: an own module used but with no ML library in it (a logger) does not spread the work', async () => {
    const r = await measure('own logger module', {
      'src/log.py': 'import logging\nimport os\nimport sys\n\ndef get_logger(name):\n    log = logging.getLogger(name)\n    log.setLevel(os.environ.get("LOG_LEVEL", "INFO"))\n    h = logging.StreamHandler(sys.stdout)\n    h.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))\n    log.addHandler(h)\n    log.propagate = False\n    return log\n',
      'train.py': 'from src.log import get_logger\nlog = get_logger(__name__)\n' + SCRIPT,
    });
    expect(penalised(r)).toBe(true);
  });
  // Judged right (set 39's kcezario/ml-property-pricing-api, good, the only open good repo whose ML is a script rather
  // than a notebook: 85.5 → 82.1, still above every weak repo of its set, and no longer above two strong ones): an
  // API, tests and CI around one short training script keep their own credit (deployment, engineering rules); the ML
  // itself is one short script, which is what this rule reads.
  it('honest, penalised by design: one short training script beside a served API, tests and CI', async () => {
    const r = await measure('train.py + FastAPI + tests + CI', {
      'scripts/train.py': IMPORTS + 'import joblib\n' + LOAD + REST + 'joblib.dump(model, "models/model.joblib")\n',
      'app/main.py': 'import joblib\nfrom fastapi import FastAPI\napp = FastAPI()\nmodel = joblib.load("models/model.joblib")\n@app.post("/predict")\ndef predict(x: list[float]):\n    return {"churn": int(model.predict([x])[0])}\n',
      'tests/test_api.py': 'from fastapi.testclient import TestClient\nfrom app.main import app\ndef test_predict():\n    assert TestClient(app).post("/predict", json=[1.0, 2.0]).status_code == 200\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt && pytest\n',
      Dockerfile: 'FROM python:3.11-slim\nCOPY . .\nCMD ["uvicorn", "app.main:app"]\n',
    });
    expect(penalised(r)).toBe(true);
    expect(detected(r)).toContain('deployment');
  });
});

describe('attack22: err20a stage shapes', () => {
  it('base: a training script with no preprocessing', async () => {
    const r = await measure('torch fit', { 'train.py': TORCH_FIT });
    expect(detected(r)).not.toContain('preprocessing');
  });
  it('gaming: a tokeniser-shaped function nothing calls is no preprocessing', async () => {
    const r = await measure('uncalled tokeniser', { 'train.py': TOKENISER + TORCH_FIT });
    expect(detected(r)).not.toContain('preprocessing');
  });
  it('gaming: a tokeniser in a file nothing imports is no preprocessing', async () => {
    const r = await measure('tokeniser dead file', { 'train.py': TORCH_FIT, 'utils/text.py': TOKENISER });
    expect(detected(r)).not.toContain('preprocessing');
  });
  it('honest: a hand-written tokeniser applied to the texts is preprocessing', async () => {
    const r = await measure('tokeniser used', { 'train.py': TOKENISER + TORCH_FIT.replace('X = torch.tensor(df[["f1", "f2"]].values, dtype=torch.float32)', 'vocab = build_vocab(df["text"])\nX = torch.tensor([encode(t, vocab) for t in df["text"]], dtype=torch.float32)') });
    expect(detected(r)).toContain('preprocessing');
  });
  it('gaming: a binning function of a continuous state in a file nothing imports is no preprocessing', async () => {
    const r = await measure('binning dead file', {
      'train.py': TORCH_FIT,
      'utils/discretise.py': 'import numpy as np\nBINS = [np.linspace(-2.4, 2.4, 10), np.linspace(-3, 3, 10)]\ndef discretize(state):\n    return tuple(int(np.digitize(s, b)) for s, b in zip(state, BINS))\n',
    });
    expect(detected(r)).not.toContain('preprocessing');
  });
  it('gaming: a binning function defined and never called is no preprocessing', async () => {
    const r = await measure('binning uncalled', {
      'train.py': 'import numpy as np\nBINS = [np.linspace(-2.4, 2.4, 10), np.linspace(-3, 3, 10)]\ndef discretize(state):\n    return tuple(int(np.digitize(s, b)) for s, b in zip(state, BINS))\n' + TORCH_FIT,
    });
    expect(detected(r)).not.toContain('preprocessing');
  });
  it('gaming: a Hugging Face metric loaded and computed on constants is no evaluation', async () => {
    const r = await measure('metric on constants', {
      'train.py': TORCH_FIT + 'import evaluate\nacc = evaluate.load("accuracy")\nprint(acc.compute(predictions=[1, 0, 1], references=[1, 1, 1]))\n',
    });
    expect(detected(r)).not.toContain('evaluation');
  });
  it('honest: a Streamlit app that opens a tkinter file dialog is still a served app', async () => {
    const r = await measure('streamlit + tkinter dialog', {
      'train.py': TORCH_FIT + 'torch.save(model.state_dict(), "model.pt")\n',
      'app.py': 'import streamlit as st\nimport tkinter as tk\nfrom tkinter import filedialog\nimport torch\nimport pandas as pd\nmodel = torch.nn.Linear(2, 2)\nmodel.load_state_dict(torch.load("model.pt"))\nif st.button("Pick a file"):\n    root = tk.Tk()\n    root.withdraw()\n    path = filedialog.askopenfilename()\n    df = pd.read_csv(path)\n    st.write(model(torch.tensor(df[["f1", "f2"]].values, dtype=torch.float32)).argmax(1).tolist())\n',
    });
    expect(detected(r)).toContain('deployment');
  });
  it('honest: a Gradio app beside a tkinter desktop client is still a served app', async () => {
    const r = await measure('gradio + separate tk client', {
      'train.py': TORCH_FIT + 'torch.save(model.state_dict(), "model.pt")\n',
      'app.py': 'import gradio as gr\nimport torch\nmodel = torch.nn.Linear(2, 2)\nmodel.load_state_dict(torch.load("model.pt"))\ndef predict(a, b):\n    return int(model(torch.tensor([[a, b]], dtype=torch.float32)).argmax())\ngr.Interface(fn=predict, inputs=["number", "number"], outputs="label").launch()\n',
      'desktop.py': 'import tkinter as tk\nimport torch\nmodel = torch.nn.Linear(2, 2)\nmodel.load_state_dict(torch.load("model.pt"))\nroot = tk.Tk()\ntk.Button(root, text="Predict", command=lambda: print(model(torch.zeros(1, 2)))).pack()\nroot.mainloop()\n',
    });
    expect(detected(r)).toContain('deployment');
  });
});

describe('attack22: not-a-known-copy minShared 32 (one notebook\'s worth)', () => {
  const pair = (path: string, shared: number, of: number) => ({ path, theirs: 'utils/helpers.py', file: 0, shared, of });
  it('honest: an original that keeps one public helper file retyped whole (32 of 100 fingerprints) is no copy', () => {
    // 68 fingerprints of its own code in four files, and a template's helper module retyped whole (32 of its 32). At
    // minShared 40 no single file could count (1); at 32 it was a copy at 32 % — score 0, capped at 45.
    const m = { source: 0, matched: 32, total: 100, share: 0.32, pairs: [pair('src/utils.py', 32, 32)] };
    expect(retypeScore(m, 0.3, 0.15, 32, 3, false)).toBe(1);
    // A few scattered common lines beside the helper do not make it a copy either (34 of 100).
    expect(retypeScore({ ...m, matched: 34, share: 0.34 }, 0.3, 0.15, 32, 3, false)).toBe(1);
  });
  it('gaming: the same 35 fingerprints spread over three retyped files of a walkthrough still count (35 of 88)', () => {
    const m = { source: 0, matched: 35, total: 88, share: 35 / 88, pairs: [pair('scrape.py', 15, 32), pair('main.py', 14, 32), pair('predict.py', 12, 32)] };
    expect(retypeScore(m, 0.3, 0.15, 32, 3, false)).toBe(0);
  });
  it('gaming: one tutorial file retyped as the repository\'s main code still counts (core retyped)', () => {
    const m = { source: 0, matched: 32, total: 60, share: 32 / 60, pairs: [pair('train.py', 32, 32)] };
    expect(retypeScore(m, 0.3, 0.15, 32, 3, true)).toBe(0);
  });
  it('one helper plus more than one file can hold elsewhere (40 of 100) counts as before', () => {
    const m = { source: 0, matched: 40, total: 100, share: 0.4, pairs: [pair('src/utils.py', 32, 32)] };
    expect(retypeScore(m, 0.3, 0.15, 32, 3, false)).toBe(0);
  });
});

describe('attack22: what is left open', () => {
  // Open: the per-file floor is a count of lines; a download script padded to 10 code lines (a retry loop, logging)
  // spreads the work again: 45.4 → 47.4 (+2.0, the rule's whole weight). Raising the floor to 15–20 catches two good
  // open repos (a 5-line YOLO train.py beside a 12-line notebook) and lowers set 28; what would close it is a floor of
  // work, not of lines (a file whose only stage evidence is one read or one download).
  it.fails('gaming: a notebook plus a download script padded to 10 code lines', async () => {
    const r = await measure('notebook + padded download.py', {
      'download.py': 'import logging\nimport time\nimport urllib.request\nURL = "https://example.org/churn.csv"\nOUT = "data/churn.csv"\nlogging.basicConfig(level=logging.INFO)\nfor attempt in range(3):\n    try:\n        urllib.request.urlretrieve(URL, OUT)\n        break\n    except OSError:\n        time.sleep(2)\nlogging.info("saved %s", OUT)\n',
      'model.ipynb': nb([IMPORTS, LOAD + 'print(df.shape)\nprint(df.head())\nprint(df.describe())\n', REST]),
    });
    expect(penalised(r)).toBe(true);
  });
  // Open: a preprocessing call whose result is thrown away (`_ = scale(X)`) is a preprocessing step: 45.4 → 51.0 (+5.6;
  // the ml-code-substance part of the trick, +2.0, is closed). Whether a result reaches the fit is dataflow the stage
  // rules do not follow across assignments.
  it.fails('gaming: a copied scaling helper called and its result unused is no preprocessing', async () => {
    const r = await measure('copied helper, result unused (preprocessing)', {
      'src/prep.py': 'from sklearn.preprocessing import StandardScaler\ndef scale(X):\n    return StandardScaler().fit_transform(X)\n',
      'src/train.py': IMPORTS + 'from src.prep import scale\n' + LOAD + '_ = scale(df.drop(columns=["churn"]))\n' + REST,
    });
    expect(detected(r)).not.toContain('preprocessing');
  });
  // Open: constants bound to a name first (`preds = [1, 0, 1]`) and the metric computed on the names: the typed-in
  // list is closed, the named one is the same dataflow question as above: measured below.
  it.fails('gaming: a Hugging Face metric computed on lists bound to names first is no evaluation', async () => {
    const r = await measure('metric on named constants', {
      'train.py': TORCH_FIT + 'import evaluate\nacc = evaluate.load("accuracy")\npreds = [1, 0, 1]\nrefs = [1, 1, 1]\nprint(acc.compute(predictions=preds, references=refs))\n',
    });
    expect(detected(r)).not.toContain('evaluation');
  });
});
