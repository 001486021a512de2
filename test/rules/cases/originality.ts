import type { FixtureCommit } from '../../../src/fixtures/git-repo.js';
import type { RepoSpec, RuleCase } from '../case.js';

function repo(files: Record<string, string | Uint8Array>, extra: Partial<RepoSpec> = {}): RepoSpec {
  const commits: FixtureCommit[] = [{ date: '2025-10-01T10:00:00Z', message: 'Add project', files }];
  return { commits, ...extra };
}

/** A minimal nbformat-4 notebook with code cells. */
function notebook(...code: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: code.map((source) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source })),
  });
}

/** An own project: scraped rental listings, its own pipeline. */
const OWN_PROJECT = {
  'README.md':
    '# Rent Radar\n\nPredicts fair monthly rent for Lyon apartments from 12,000 listings I scraped in 2025.\n\n## Results\n\nMAE 84 EUR on a held-out month.\n',
  'src/data/scrape.py': 'import requests\nfrom bs4 import BeautifulSoup\n\nhtml = requests.get(URL, timeout=10).text\nsoup = BeautifulSoup(html, "html.parser")\n',
  'src/train.py': 'import pandas as pd\nfrom sklearn.ensemble import HistGradientBoostingRegressor\n\ndf = pd.read_parquet("data/listings.parquet")\nmodel = HistGradientBoostingRegressor().fit(X_train, y_train)\n',
  'notebooks/01_eda.ipynb': notebook('import pandas as pd\ndf = pd.read_parquet("data/listings.parquet")\ndf.describe()'),
  'tests/test_data.py': 'from sklearn.datasets import load_iris\n\ndef test_pipeline_runs_on_a_small_dataset():\n    X, y = load_iris(return_X_y=True)\n',
};

/**
 * Three deployment configs of GokuMohandas/Made-With-ML (MIT License, Copyright (c) 2023 Made With ML), byte for
 * byte: the fingerprint catalogue (rules/fingerprints.json) knows their blob ids.
 */
const MADE_WITH_ML: Record<string, string> = {
  "deploy/cluster_env.yaml": "base_image: anyscale/ray:2.7.0optimized-py310-cu118\nenv_vars: {}\ndebian_packages:\n  - curl\n\npython:\n  pip_packages: []\n  conda_packages: []\n\npost_build_cmds:\n  - python3 -m pip install --upgrade pip setuptools wheel\n  - python3 -m pip install -r https://raw.githubusercontent.com/GokuMohandas/Made-With-ML/main/requirements.txt\n",
  "deploy/jobs/workloads.yaml": "name: workloads\nproject_id: prj_wn6el5cu9dqwktk6t4cv54x8zh\ncluster_env: madewithml-cluster-env\ncompute_config: madewithml-cluster-compute\nruntime_env:\n  working_dir: .\n  upload_path: s3://madewithml/GokuMohandas/jobs  # <--- CHANGE USERNAME (case-sensitive)\n  env_vars:\n    GITHUB_USERNAME: GokuMohandas  # <--- CHANGE USERNAME (case-sensitive)\nentrypoint: bash deploy/jobs/workloads.sh\nmax_retries: 0\n",
  "deploy/cluster_compute.yaml": "cloud: education-us-west-2\nregion: us-west-2\nhead_node_type:\n  name: head_node_type\n  instance_type: g5.4xlarge\nworker_node_types:\n- name: gpu_worker\n  instance_type: g5.4xlarge\n  min_workers: 1\n  max_workers: 1\n  use_spot: False\naws:\n  BlockDeviceMappings:\n  - DeviceName: \"/dev/sda1\"\n    Ebs:\n      VolumeSize: 500\n      DeleteOnTermination: true\n  TagSpecifications:\n  - ResourceType: instance\n    Tags:\n      - Key: as-feature-multi-zone\n        Value: \"true\"\n"
};

export const cases: RuleCase[] = [
  {
    rule: 'not-a-known-copy',
    pass: repo(OWN_PROJECT),
    fail: repo({ ...OWN_PROJECT, ...MADE_WITH_ML }),
  },
  {
    rule: 'not-a-fork',
    pass: repo(OWN_PROJECT, { metadata: { fork: false } }),
    fail: repo(OWN_PROJECT, { metadata: { fork: true, parent: 'someone/rent-radar' } }),
  },
  {
    rule: 'no-course-folders',
    // "lab" inside a word, "experiments/", "examples/", "labels/" and "gitlab" are not course markers
    pass: repo({
      ...OWN_PROJECT,
      'experiments/exp_01_baseline.py': 'print("baseline")\n',
      'examples/predict_example.py': 'print("example")\n',
      'src/labels/label_map.py': 'LABELS = {}\n',
      'deploy/gitlab/notes.md': '# notes\n',
      'docs/weekly_report.md': '# report\n',
    }),
    fail: repo({
      'Week 1/Logistic Regression.ipynb': notebook('import numpy as np'),
      'Week 2/Neural Network.ipynb': notebook('import numpy as np'),
      'homework/hw3/solution.py': 'print(1)\n',
      'README.md': '# ML\n',
    }),
  },
  {
    rule: 'no-course-readme',
    pass: repo(OWN_PROJECT),
    fail: repo({
      'README.md':
        '# Machine Learning\n\nThis repository contains my solutions to the programming assignments of the Machine Learning course.\n\nCompleted as part of the Deep Learning Specialization.\n',
      'ex1/train.py': 'print(1)\n',
    }),
  },
  {
    rule: 'no-course-mentions',
    pass: repo(OWN_PROJECT),
    fail: repo({
      'README.md': '# Digit recognizer\n\nI built this after taking Andrew Ng\'s Machine Learning course on Coursera.\n',
      'train.py': 'print(1)\n',
    }),
  },
  {
    rule: 'no-toy-dataset',
    // load_iris in a test is fine: the project's own data is scraped
    pass: repo(OWN_PROJECT),
    fail: repo({
      'titanic.ipynb': notebook(
        'import pandas as pd\ntrain = pd.read_csv("titanic/train.csv")\ntrain["Survived"].mean()',
        'from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)',
      ),
    }),
  },
  {
    rule: 'no-tutorial-template',
    pass: repo(OWN_PROJECT),
    fail: repo({
      'C1_W2/Logistic_Regression.ipynb': notebook(
        '# GRADED FUNCTION: sigmoid\ndef sigmoid(z):\n    ### START CODE HERE ### (≈ 1 line of code)\n    s = 1 / (1 + np.exp(-z))\n    ### END CODE HERE ###\n    return s',
        'from public_tests import *\nsigmoid_test(sigmoid)',
      ),
    }),
  },
  {
    rule: 'not-an-exercise-collection',
    pass: repo({
      ...OWN_PROJECT,
      'pipelines/01_ingest/run.py': 'print(1)\n',
      'pipelines/02_features/run.py': 'print(2)\n',
      'pipelines/03_train/run.py': 'print(3)\n',
    }),
    fail: repo({
      '01-linear-regression/main.py': 'print(1)\n',
      '02-logistic-regression/main.py': 'print(2)\n',
      '03-decision-trees/main.py': 'print(3)\n',
      '04-svm/main.py': 'print(4)\n',
      '05-kmeans/main.py': 'print(5)\n',
      '06-pca/main.py': 'print(6)\n',
      '07-neural-nets/main.ipynb': notebook('print(7)'),
    }),
  },
];
