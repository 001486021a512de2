import type { FixtureCommit } from '../../../src/fixtures/git-repo.js';
import type { RepoSpec, RuleCase } from '../case.js';

/** One commit holding the given files (a small project written for the test). */
function repo(files: Record<string, string | Uint8Array>): RepoSpec {
  const commits: FixtureCommit[] = [{ date: '2025-10-01T10:00:00Z', message: 'Add project', files }];
  return { commits };
}

/** A minimal nbformat-4 notebook. */
function notebook(cells: Array<['code' | 'markdown', string]>): string {
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: cells.map(([t, src]) => ({
        cell_type: t,
        metadata: {},
        source: src,
        ...(t === 'code' ? { outputs: [], execution_count: null } : {}),
      })),
    },
    null,
    1,
  );
}

/**
 * The trap: a Flask app whose "model" is trained on random numbers. Training and deployment exist; data collection,
 * cleaning and evaluation do not. Comments and Markdown that name the missing steps must not count.
 */
const RANDOM_APP = {
  'README.md':
    '# Loan approval API\n\nWe load the data with `pd.read_csv("loans.csv")`, clean it with `df.dropna()` and report `accuracy_score`.\n\n```python\ndf = pd.read_csv("loans.csv")\nprint(accuracy_score(y_test, pred))\n```\n',
  'train.py': [
    'import numpy as np',
    'import joblib',
    'from sklearn.linear_model import LogisticRegression',
    '',
    '# TODO: df = pd.read_csv("data/loans.csv") and df.dropna()',
    '# later: print(accuracy_score(y_test, model.predict(X_test)))',
    'rng = np.random.default_rng(0)',
    'X = np.random.rand(500, 4)',
    'y = (X[:, 0] > 0.5).astype(int)',
    'model = LogisticRegression()',
    'model.fit(X, y)',
    'joblib.dump(model, "model.joblib")',
    '',
  ].join('\n'),
  'app.py': [
    'from flask import Flask, request, jsonify',
    'import joblib',
    'import numpy as np',
    '',
    'app = Flask(__name__)',
    'model = joblib.load("model.joblib")',
    '',
    '@app.route("/predict", methods=["POST"])',
    'def predict():',
    '    features = np.array(request.get_json()["features"]).reshape(1, -1)',
    '    return jsonify({"approved": int(model.predict(features)[0])})',
    '',
  ].join('\n'),
  'requirements.txt': 'flask==3.0.3\nscikit-learn==1.5.1\nnumpy==1.26.4\njoblib==1.4.2\n',
};

/** A notebook-first churn project with every stage up to evaluation. */
const CHURN_NOTEBOOK = notebook([
  ['markdown', '# Telco churn\nWe predict which customers cancel.'],
  ['code', 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("data/raw/telco_churn.csv")\ndf.head()'],
  ['code', 'df = df.drop_duplicates()\ndf["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")\ndf = df.dropna()'],
  [
    'code',
    'from sklearn.compose import ColumnTransformer\nfrom sklearn.preprocessing import OneHotEncoder, StandardScaler\npre = ColumnTransformer([("num", StandardScaler(), num_cols), ("cat", OneHotEncoder(handle_unknown="ignore"), cat_cols)])',
  ],
  [
    'code',
    'from sklearn.ensemble import RandomForestClassifier\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)\nclf = RandomForestClassifier(n_estimators=300, random_state=42)\nclf.fit(X_train, y_train)',
  ],
  ['code', 'from sklearn.metrics import classification_report, roc_auc_score\nprint(classification_report(y_test, clf.predict(X_test)))\nprint(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))'],
]);

export const cases: RuleCase[] = [
  {
    rule: 'stage-data',
    pass: repo({
      'notebooks/01_churn.ipynb': CHURN_NOTEBOOK,
      'src/data/download.py': 'import kagglehub\n\npath = kagglehub.dataset_download("blastchar/telco-customer-churn")\nprint(path)\n',
    }),
    // the model trains on np.random numbers: no data collection, whatever the README and comments say
    fail: repo(RANDOM_APP),
  },
  {
    rule: 'stage-preprocessing',
    pass: repo({
      'src/features/build_features.py': [
        'import pandas as pd',
        'from sklearn.impute import SimpleImputer',
        'from sklearn.preprocessing import OneHotEncoder, StandardScaler',
        'from sklearn.compose import ColumnTransformer',
        '',
        'def build_preprocessor(num_cols, cat_cols):',
        '    num = SimpleImputer(strategy="median")',
        '    return ColumnTransformer([("num", num, num_cols), ("cat", OneHotEncoder(), cat_cols)])',
        '',
        'def clean(df: pd.DataFrame) -> pd.DataFrame:',
        '    return df.drop_duplicates().dropna(subset=["target"])',
        '',
      ].join('\n'),
    }),
    fail: repo(RANDOM_APP),
  },
  {
    rule: 'stage-training',
    pass: repo({
      'src/train.py': [
        'import torch',
        'from torch import nn',
        '',
        'def train_one_epoch(model, loader, optimizer, loss_fn):',
        '    model.train()',
        '    for xb, yb in loader:',
        '        optimizer.zero_grad()',
        '        loss = loss_fn(model(xb), yb)',
        '        loss.backward()',
        '        optimizer.step()',
        '',
        'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)',
        'for epoch in range(20):',
        '    train_one_epoch(model, train_loader, optimizer, nn.CrossEntropyLoss())',
        '',
      ].join('\n'),
    }),
    // a scaler's .fit is preprocessing, and a pretrained model used for inference is not training
    fail: repo({
      'app.py': [
        'import streamlit as st',
        'from transformers import pipeline',
        'from sklearn.preprocessing import StandardScaler',
        '',
        'scaler = StandardScaler()',
        'scaler.fit(X_train)',
        'X_scaled = scaler.transform(X_train)',
        'clf = pipeline("sentiment-analysis")',
        'text = st.text_area("Review")',
        'st.write(clf(text))',
        '# model.fit(X_train, y_train) was done in Colab',
        '',
      ].join('\n'),
    }),
  },
  {
    rule: 'stage-evaluation',
    pass: repo({ 'notebooks/01_churn.ipynb': CHURN_NOTEBOOK }),
    fail: repo(RANDOM_APP),
  },
  {
    rule: 'stage-deployment',
    pass: repo({
      'app/main.py': [
        'from fastapi import FastAPI',
        'from pydantic import BaseModel',
        'import joblib',
        '',
        'app = FastAPI(title="churn")',
        'model = joblib.load("models/churn.joblib")',
        '',
        'class Customer(BaseModel):',
        '    tenure: int',
        '    monthly_charges: float',
        '',
        '@app.post("/predict")',
        'def predict(c: Customer):',
        '    return {"churn": float(model.predict_proba([[c.tenure, c.monthly_charges]])[0, 1])}',
        '',
      ].join('\n'),
      Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
    }),
    // a notebook-only project whose README links a demo: a link is not deployment code or config
    fail: repo({
      'README.md': '# Churn\n\nLive demo: https://churn-demo.streamlit.app — deployed with Docker and FastAPI.\n',
      'notebooks/01_churn.ipynb': CHURN_NOTEBOOK,
      '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/python:3.11\n',
    }),
  },
];
