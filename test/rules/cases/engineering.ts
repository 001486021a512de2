import type { FixtureCommit } from '../../../src/fixtures/git-repo.js';
import type { RepoSpec, RuleCase } from '../case.js';

function repo(files: Record<string, string | Uint8Array>): RepoSpec {
  const commits: FixtureCommit[] = [{ date: '2025-10-01T10:00:00Z', message: 'Add project', files }];
  return { commits };
}

const TRAIN = 'import pandas as pd\n\ndf = pd.read_csv("data/churn.csv")\n';
const MB = 1024 * 1024;
/** A made-up key in the OpenAI format, assembled at run time so secret scanners do not flag this file. */
const FAKE_OPENAI_KEY = ['sk', 'proj', '4fJq9XbT2kLmN8pQrS7vW1yZ3aBcDeFgHiJk'].join('-');

/** Filler bytes that are not all zeros (so nothing special-cases them), deterministic. */
function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

export const cases: RuleCase[] = [
  {
    rule: 'dependencies-pinned',
    pass: repo({
      'src/train.py': TRAIN,
      'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.1\nfastapi>=0.110,<1\nuvicorn==0.30.1\nmatplotlib\n',
    }),
    fail: repo({ 'src/train.py': TRAIN, 'requirements.txt': 'pandas\nscikit-learn\nfastapi\nuvicorn\n' }),
  },
  {
    rule: 'tests-present',
    pass: repo({
      'src/features.py': 'def add_ratio(df):\n    return df.assign(ratio=df.a / df.b)\n',
      'tests/test_features.py': 'import pandas as pd\nfrom src.features import add_ratio\n\ndef test_add_ratio_keeps_rows():\n    df = pd.DataFrame({"a": [1, 2], "b": [1, 1]})\n    assert len(add_ratio(df)) == 2\n',
    }),
    // an empty tests package and a file named like a test but without a single test function
    fail: repo({
      'src/features.py': 'def add_ratio(df):\n    return df\n',
      'tests/__init__.py': '',
      'tests/test_placeholder.py': '# tests will come later\nimport pandas as pd\n',
    }),
  },
  {
    rule: 'ci-workflow',
    pass: repo({
      'src/train.py': TRAIN,
      '.github/workflows/ci.yml': 'name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt && pytest\n',
    }),
    // The gaming trick: a workflow that runs nothing but `echo ok`.
    fail: repo({ 'src/train.py': TRAIN, '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  noop:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok  # pytest later\n' }),
  },
  {
    rule: 'license-file',
    pass: repo({
      'src/train.py': TRAIN,
      'License.md':
        'MIT License\n\nCopyright (c) 2025 Ada Candidate\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction...\n',
    }),
    // The gaming trick: a licence stub (a title and a copyright line) grants nothing.
    fail: repo({ 'src/train.py': TRAIN, LICENSE: 'MIT License\n\nCopyright (c) 2025 Cand\n' }),
  },
  {
    rule: 'no-large-files',
    pass: repo({ 'src/train.py': TRAIN, 'data/sample.csv': 'a,b\n1,2\n', 'models/model.bin': bytes(2 * MB) }),
    fail: repo({ 'src/train.py': TRAIN, 'data/raw/dump.bin': bytes(51 * MB) }),
  },
  {
    rule: 'no-committed-artifacts',
    pass: repo({ 'src/train.py': TRAIN, 'data/sample.csv': 'a,b\n1,2\n', 'models/baseline.pkl': bytes(MB), 'assets/demo.gif': bytes(12 * MB) }),
    fail: repo({ 'src/train.py': TRAIN, 'models/model.PKL': bytes(11 * MB) }),
  },
  {
    rule: 'no-secrets',
    pass: repo({
      'src/llm.py': 'import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
      '.env.example': 'OPENAI_API_KEY=\nKAGGLE_KEY=your-kaggle-key-here\n',
      'config.yaml': 'model: gpt-4o-mini\napi_key: ${OPENAI_API_KEY}\npassword: "your_password_here_please"\n',
    }),
    fail: repo({
      'notebooks/explore.ipynb': JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: `import openai\nopenai.api_key = "${FAKE_OPENAI_KEY}"\n` }],
      }),
    }),
  },
  {
    rule: 'reproducibility',
    pass: repo({
      'src/train.py': 'import argparse\nimport numpy as np\n\nnp.random.seed(42)\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n',
      'params.yaml': 'train:\n  n_estimators: 300\n  seed: 42\n',
    }),
    fail: repo({ 'notebooks/model.py': 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier()\n' }),
  },
];
