import type { FixtureCommit } from '../../../src/fixtures/git-repo.js';
import type { RuleCase, RepoSpec } from '../case.js';

/** One commit holding a README and some project files. */
function repo(readme: string | Uint8Array | null, files: Record<string, string | Uint8Array> = {}): RepoSpec {
  const all: Record<string, string | Uint8Array> = { 'src/train.py': 'import pandas as pd\n', ...files };
  if (readme !== null) all['README.md'] = readme;
  const commits: FixtureCommit[] = [{ date: '2025-11-01T10:00:00Z', message: 'Add churn project', files: all }];
  return { commits };
}

const prose = (n: number): string =>
  Array.from({ length: n }, (_, i) => ['customers', 'contract', 'tenure', 'model', 'retention', 'calls', 'billing', 'risk'][i % 8]).join(' ');

const TITLE_ONLY = '# churn\n';

const RESULTS_TABLE = '# Churn\n\n## Results\n\n| model | F1 | ROC-AUC |\n| --- | --- | --- |\n| logistic regression | 0.58 | 0.84 |\n| XGBoost | 0.64 | 0.89 |\n';

/** A PNG of a realistic size (a chart is kilobytes; anything under 100 bytes is not an image). */
const PNG = new Uint8Array(1500).fill(0x89, 0, 1);

export const cases: RuleCase[] = [
  {
    rule: 'readme-exists',
    pass: repo('# Churn Radar\n\nPredicts which telecom customers will cancel.\n'),
    // A README saved as Latin-1 is unreadable: score 0 with a note, like a missing one.
    fail: repo(new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a])),
  },
  {
    rule: 'readme-title-summary',
    pass: repo(
      '# Churn Radar\n\n[![CI](https://img.shields.io/badge/ci-passing-green)](https://github.com)\n\nChurn Radar predicts which telecom customers are about to cancel, so the retention team can call them first.\n',
    ),
    fail: repo(null),
  },
  {
    rule: 'readme-problem',
    pass: repo(`# Churn Radar\n\n## Business problem\n\nThe retention team calls customers at random; losing a customer costs five times more than keeping one. ${prose(10)}\n`),
    fail: repo(`${TITLE_ONLY}\n## Installation\n\n\`\`\`bash\npip install -r requirements.txt\n\`\`\`\n`, { 'requirements.txt': 'pandas\n' }),
  },
  {
    rule: 'readme-setup',
    pass: repo('# Churn\n\n## Installation\n\n```bash\ngit clone https://github.com/ada/churn.git\ncd churn\npip install -r requirements.txt\n```\n', {
      'requirements.txt': 'pandas\n',
    }),
    fail: repo(`# Churn\n\n${prose(40)}\n`),
  },
  {
    rule: 'readme-usage',
    pass: repo('# Churn\n\n## Usage\n\n```bash\npython src/train.py\nstreamlit run app.py\n```\n', { 'app.py': 'import streamlit\n' }),
    fail: repo(`# Churn\n\n${prose(40)}\n`),
  },
  {
    rule: 'readme-dataset',
    pass: repo(
      '# Churn\n\n## Dataset\n\n[Telco Customer Churn](https://www.kaggle.com/datasets/blastchar/telco-customer-churn) from Kaggle: 7,043 customers and 21 columns.\n',
    ),
    fail: repo(`# Churn\n\n${prose(40)}\n`),
  },
  {
    rule: 'readme-results',
    pass: repo(RESULTS_TABLE, { 'src/evaluate.py': 'y_pred = model.predict(X_test)\nprint(f1_score(y_test, y_pred), roc_auc_score(y_test, y_pred))\n' }),
    // The gaming trick: an invented results table with nothing behind it but `print(accuracy_score(a, b))`.
    fail: repo(RESULTS_TABLE, { 'eval.py': 'print(accuracy_score(a, b))\n' }),
  },
  {
    rule: 'readme-demo-link',
    pass: repo('# Churn\n\n**Live demo:** [churn-radar.streamlit.app](https://churn-radar.streamlit.app)\n', {
      'app.py': 'import streamlit as st\ntenure = st.number_input("tenure")\nst.write(model.predict([[tenure]]))\n',
    }),
    // The gaming trick: a Spaces link with no app in the repo is an unsupported claim.
    fail: repo('# Churn\n\nTry it live: [Hugging Face Space](https://huggingface.co/spaces/ada/churn-demo)\n'),
  },
  {
    rule: 'readme-visuals',
    pass: repo('# Churn\n\n![The app predicting churn](docs/app.png)\n', { 'docs/app.png': PNG }),
    // The gaming trick: a 1-byte "chart" next to a badge is not a visual.
    fail: repo('# Churn\n\n[![CI](https://img.shields.io/badge/ci-passing-green)](https://github.com)\n\n![chart](chart.png)\n', { 'chart.png': new Uint8Array([0x89]) }),
  },
  {
    rule: 'readme-length',
    pass: repo(`# Churn\n\n${prose(200)}\n\n## Approach\n\n${prose(200)}\n`),
    fail: repo(TITLE_ONLY),
  },
  {
    rule: 'readme-links',
    pass: repo(
      '# Churn\n\nSee [the EDA notebook](notebooks/01%20eda.ipynb).\n\n```bash\npip install -r requirements.txt\npython src/train.py\n```\n\n![app](docs/app.png)\n',
      { 'notebooks/01 eda.ipynb': '{"cells": [], "nbformat": 4}', 'requirements.txt': 'pandas\n', 'docs/app.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]) },
    ),
    // The README describes a project that is not in the repo.
    fail: repo(
      '# Churn\n\n```\n├── app.py\n└── models/\n    └── predict.py\n```\n\n```bash\npip install -r requirements.txt\nmake train\n```\n\nSee [the report](docs/report.md).\n',
    ),
  },
];
