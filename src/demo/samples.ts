import { join } from 'node:path';
import { buildGitRepo, spreadDates, type FixtureCommit } from '../fixtures/git-repo.js';

/**
 * Three sample ML repositories the demo (and tests) generate with real git history:
 * a strong end-to-end project, a notebook-only project and a tutorial copied in one commit.
 * All text below was written for this project.
 */

const nb = (cells: Array<['code' | 'markdown', string]>): string =>
  JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } },
      cells: cells.map(([t, src]) =>
        t === 'code'
          ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: src.split(/(?<=\n)/) }
          : { cell_type: 'markdown', metadata: {}, source: src.split(/(?<=\n)/) },
      ),
    },
    null,
    1,
  );

const STRONG_README = `# Churn Radar: predicting telecom customer churn

Churn Radar predicts which subscribers of a telecom operator are likely to cancel in the next month, so that the
retention team can call the right customers first. It covers the whole pipeline: data download, cleaning and feature
engineering, model training with cross-validation, evaluation on a held-out test set, and a FastAPI service in Docker.

![Precision-recall curve](docs/pr_curve.png)

## Problem

Losing a subscriber costs about five times more than keeping one. The operator's retention team can only contact
about 10% of customers each month; the goal is to rank customers by churn risk so that those calls go where they
matter most.

## Dataset

The [IBM Telco Customer Churn dataset](https://www.kaggle.com/datasets/blastchar/telco-customer-churn) (7,043
customers, 21 columns: contract type, tenure, monthly charges, services). \`scripts/download_data.py\` fetches it into
\`data/raw/\` (not committed).

## Setup

\`\`\`bash
git clone https://example.com/ada/churn-radar.git
cd churn-radar
pip install -r requirements.txt
python scripts/download_data.py
\`\`\`

## Usage

\`\`\`bash
python -m churn.train --config configs/train.yaml
python -m churn.evaluate --model models/model.joblib
uvicorn churn.api:app --port 8000
curl -X POST localhost:8000/predict -d @examples/customer.json
\`\`\`

## Results

On the held-out test set (20%, stratified):

| Model | ROC AUC | F1 | Recall@10% |
| --- | ---: | ---: | ---: |
| Logistic regression (baseline) | 0.84 | 0.59 | 0.41 |
| Gradient boosting (tuned) | 0.87 | 0.63 | 0.48 |

The tuned model finds 48% of churners while calling only 10% of customers, against 10% for random calls.

## Demo

A hosted demo runs at https://churn-radar.streamlit.app.

## Project structure

- \`churn/data.py\` loading and cleaning
- \`churn/features.py\` feature engineering
- \`churn/train.py\` training with cross-validation
- \`churn/evaluate.py\` metrics and plots
- \`churn/api.py\` the prediction service

## License

MIT
`;

const files = {
  download: `"""Download the Telco churn dataset into data/raw."""
import pathlib
import requests

URL = "https://raw.githubusercontent.com/example-data/telco/main/WA_Fn-UseC_-Telco-Customer-Churn.csv"


def main() -> None:
    out = pathlib.Path("data/raw/telco.csv")
    out.parent.mkdir(parents=True, exist_ok=True)
    response = requests.get(URL, timeout=60)
    response.raise_for_status()
    out.write_bytes(response.content)


if __name__ == "__main__":
    main()
`,
  data: `"""Load and clean the raw churn data."""
import pandas as pd


def load_raw(path: str = "data/raw/telco.csv") -> pd.DataFrame:
    return pd.read_csv(path)


def clean(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop_duplicates(subset="customerID")
    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
    df = df.dropna(subset=["TotalCharges"])
    df["Churn"] = (df["Churn"] == "Yes").astype(int)
    return df
`,
  features: `"""Feature engineering."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["tenure", "MonthlyCharges", "TotalCharges", "charges_per_month"]
CATEGORICAL = ["Contract", "InternetService", "PaymentMethod"]


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["charges_per_month"] = df["TotalCharges"] / df["tenure"].clip(lower=1)
    return df


def preprocessor() -> ColumnTransformer:
    return ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
`,
  train: `"""Train the churn model."""
import argparse

import joblib
import yaml
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline

from churn.data import clean, load_raw
from churn.features import add_features, preprocessor

SEED = 42


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/train.yaml")
    args = parser.parse_args()
    config = yaml.safe_load(open(args.config))
    df = add_features(clean(load_raw()))
    X, y = df.drop(columns=["Churn", "customerID"]), df["Churn"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
    pipe = Pipeline([("prep", preprocessor()), ("model", GradientBoostingClassifier(random_state=SEED))])
    search = GridSearchCV(pipe, config["grid"], cv=5, scoring="roc_auc")
    search.fit(X_train, y_train)
    joblib.dump(search.best_estimator_, "models/model.joblib")


if __name__ == "__main__":
    main()
`,
  evaluate: `"""Evaluate the trained model on the held-out test set."""
import joblib
from sklearn.metrics import classification_report, f1_score, roc_auc_score


def evaluate(model_path, X_test, y_test) -> dict:
    model = joblib.load(model_path)
    proba = model.predict_proba(X_test)[:, 1]
    pred = (proba >= 0.5).astype(int)
    print(classification_report(y_test, pred))
    return {"roc_auc": roc_auc_score(y_test, proba), "f1": f1_score(y_test, pred)}
`,
  api: `"""Prediction service."""
import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="Churn Radar")
model = joblib.load("models/model.joblib")


class Customer(BaseModel):
    tenure: int
    MonthlyCharges: float
    TotalCharges: float
    Contract: str
    InternetService: str
    PaymentMethod: str


@app.post("/predict")
def predict(customer: Customer) -> dict:
    row = pd.DataFrame([customer.model_dump()])
    row["charges_per_month"] = row["TotalCharges"] / row["tenure"].clip(lower=1)
    return {"churn_probability": float(model.predict_proba(row)[0, 1])}
`,
  test: `from churn.features import add_features
import pandas as pd


def test_charges_per_month_handles_zero_tenure():
    df = pd.DataFrame({"TotalCharges": [100.0], "tenure": [0]})
    assert add_features(df)["charges_per_month"].iloc[0] == 100.0
`,
  dockerfile: `FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY churn churn
COPY models models
CMD ["uvicorn", "churn.api:app", "--host", "0.0.0.0", "--port", "8000"]
`,
  requirements: `pandas==2.2.2
scikit-learn==1.5.1
fastapi==0.111.0
uvicorn==0.30.1
pydantic==2.8.2
joblib==1.4.2
pyyaml==6.0.1
requests==2.32.3
pytest==8.2.2
`,
  ci: `name: tests
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: { python-version: "3.11" }
      - run: pip install -r requirements.txt
      - run: pytest -q
`,
  config: `grid:
  model__n_estimators: [100, 300]
  model__max_depth: [2, 3]
`,
};

/** 36 commits over ten weeks by the candidate, each a meaningful step. */
export function strongProjectCommits(): FixtureCommit[] {
  const steps: Array<[string, Record<string, string>]> = [
    ['Start project: README with problem statement', { 'README.md': '# Churn Radar\n\nPredict telecom churn.\n' }],
    ['Add data download script', { 'scripts/download_data.py': files.download }],
    ['Add .gitignore for data and models', { '.gitignore': 'data/\nmodels/*.joblib\n__pycache__/\n' }],
    ['Load raw data with pandas', { 'churn/__init__.py': '', 'churn/data.py': files.data.split('\n\ndef clean')[0] + '\n' }],
    ['Clean TotalCharges and drop duplicate customers', { 'churn/data.py': files.data }],
    ['Add exploratory notebook', { 'notebooks/01_eda.ipynb': nb([['markdown', '# EDA\n'], ['code', 'import pandas as pd\ndf = pd.read_csv("data/raw/telco.csv")\ndf.describe()\n']]) }],
    ['Engineer charges_per_month feature', { 'churn/features.py': files.features }],
    ['Pin dependencies', { 'requirements.txt': files.requirements }],
    ['Train baseline logistic regression', { 'churn/train.py': files.train.replace('GradientBoostingClassifier', 'LogisticRegression').replace('sklearn.ensemble', 'sklearn.linear_model') }],
    ['Add training config', { 'configs/train.yaml': files.config }],
    ['Switch to gradient boosting with grid search', { 'churn/train.py': files.train }],
    ['Evaluate on held-out test set', { 'churn/evaluate.py': files.evaluate }],
    ['Add unit test for feature engineering', { 'tests/test_features.py': files.test }],
    ['Run tests in CI', { '.github/workflows/tests.yml': files.ci }],
    ['Serve predictions with FastAPI', { 'churn/api.py': files.api }],
    ['Add example request', { 'examples/customer.json': '{"tenure": 5, "MonthlyCharges": 70.5, "TotalCharges": 352.5, "Contract": "Month-to-month", "InternetService": "Fiber optic", "PaymentMethod": "Electronic check"}\n' }],
    ['Containerise the API', { Dockerfile: files.dockerfile }],
    ['Plot precision-recall curve', { 'docs/pr_curve.png': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR' }],
    ['Document setup, usage and results', { 'README.md': STRONG_README }],
    ['Add MIT licence', { LICENSE: 'MIT License\n\nCopyright (c) 2025 Ada Candidate\n\nPermission is hereby granted, free of charge, to any person obtaining a copy...\n' }],
  ];
  const extra: Array<[string, Record<string, string>]> = [];
  for (let i = 0; i < 16; i++) {
    extra.push([
      [`Tune grid: try depth ${i % 4 + 2}`, `Fix typo in README section ${i}`, `Log fold scores during cross-validation (${i})`, `Refactor evaluation helpers, step ${i}`][i % 4],
      { [`notes/experiments/run_${String(i).padStart(2, '0')}.md`]: `# Experiment ${i}\n\nROC AUC ${(0.84 + i * 0.002).toFixed(3)} with depth ${i % 4 + 2}.\n` },
    ]);
  }
  const all = [...steps, ...extra];
  const dates = spreadDates('2025-09-01T09:30:00Z', 70, all.length);
  return all.map(([message, f], i) => ({ date: dates[i], message, files: f }));
}

const NOTEBOOK_README = `# House prices

My notebook for predicting house prices. Open \`house_prices.ipynb\`.
`;

/** A Kaggle-style project: one notebook, a short README, a few commits in two days. */
export function notebookProjectCommits(): FixtureCommit[] {
  const notebook = nb([
    ['markdown', '# House prices\nPredicting sale price.\n'],
    ['code', 'import pandas as pd\nimport numpy as np\nfrom sklearn.ensemble import RandomForestRegressor\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.metrics import mean_absolute_error\n'],
    ['code', 'df = pd.read_csv("train.csv")\ndf = df.fillna(df.median(numeric_only=True))\nX = df.select_dtypes("number").drop(columns=["SalePrice"])\ny = df["SalePrice"]\n'],
    ['code', 'X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=0)\nmodel = RandomForestRegressor(n_estimators=200)\nmodel.fit(X_train, y_train)\n'],
    ['code', 'print(mean_absolute_error(y_val, model.predict(X_val)))\n'],
  ]);
  return [
    { date: '2025-06-10T20:00:00Z', message: 'Initial commit', files: { 'README.md': '# house-prices\n' } },
    { date: '2025-06-10T21:10:00Z', message: 'Add files via upload', files: { 'house_prices.ipynb': notebook } },
    { date: '2025-06-11T19:00:00Z', message: 'Update README.md', files: { 'README.md': NOTEBOOK_README } },
    { date: '2025-06-11T19:05:00Z', message: 'Update house_prices.ipynb', files: { 'house_prices.ipynb': notebook.replace('n_estimators=200', 'n_estimators=300') } },
  ];
}

/** A course copy: week folders, MNIST, everything uploaded in one commit. */
export function tutorialCopyCommits(): FixtureCommit[] {
  const weekFiles: Record<string, string> = {
    'README.md': '# Deep Learning Specialization\n\nMy solutions to the programming assignments of the Coursera Deep Learning Specialization by Andrew Ng.\n',
  };
  const topics = ['logistic_regression', 'shallow_network', 'deep_network', 'regularization', 'optimization', 'cnn_mnist'];
  topics.forEach((t, i) => {
    weekFiles[`week${i + 1}/assignment_${t}.ipynb`] = nb([
      ['markdown', `# Week ${i + 1} programming assignment: ${t.replace('_', ' ')}\n`],
      ['code', 'import numpy as np\nfrom tensorflow import keras\n(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\nx_train = x_train / 255.0\n'],
      ['code', 'model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])\nmodel.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\nmodel.fit(x_train, y_train, epochs=5)\nmodel.evaluate(x_test, y_test)\n'],
    ]);
  });
  weekFiles['week6/app.py'] = 'import streamlit as st\nst.title("MNIST digit classifier")\n';
  return [{ date: '2024-03-02T14:00:00Z', message: 'Add files via upload', files: weekFiles }];
}

export interface SampleRepos {
  strong: string;
  notebook: string;
  tutorial: string;
}

/** Builds the three sample repos under `dir`. */
export function buildSampleRepos(dir: string): SampleRepos {
  const out = { strong: join(dir, 'churn-radar'), notebook: join(dir, 'house-prices'), tutorial: join(dir, 'deep-learning-course') };
  buildGitRepo(out.strong, strongProjectCommits());
  buildGitRepo(out.notebook, notebookProjectCommits());
  buildGitRepo(out.tutorial, tutorialCopyCommits());
  return out;
}
