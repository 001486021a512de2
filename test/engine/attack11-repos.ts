/**
 * attack11: repos for the attacks on session 11's judgement changes (Ultralytics run records, tabular RL evaluation,
 * caret preProcess, Maven/Gradle manifests, results typed into code, the course-requirements mention) and a decent
 * honest repo for the false positives. Shared by attack11.test.ts.
 */
import type { Commit } from '../../src/types.js';
import type { MemoryRepo } from '../../src/sources/memory.js';
import { NOW, build, commit } from './gaming-attack.js';

export type Repo = MemoryRepo & { commits: Commit[] };
const DAY = 86_400_000;

/** The weak repo (one notebook, a one-line README, one upload) with these files added in the upload. */
export function weakWith(extra: Record<string, string>): Repo {
  const r = build([]);
  Object.assign(r.files, extra);
  r.commits[0]!.paths = Object.keys(r.files);
  r.commits[0]!.filesChanged = r.commits[0]!.paths.length;
  return r;
}

/** The weak repo's README and history with only these files (its notebook removed). */
export function weakWithOnly(files: Record<string, string>): Repo {
  const r = weakWith(files);
  delete r.files['Churn.ipynb'];
  r.commits[0]!.paths = Object.keys(r.files);
  r.commits[0]!.filesChanged = r.commits[0]!.paths.length;
  return r;
}

/** A hand-made Ultralytics "run": 31 settings (5 meaningful, 26 filler keys) and a 3-epoch results.csv of 3 columns. */
export const FORGED_RUN: Record<string, string> = {
  'runs/args.yaml': ['task: detect', 'mode: train', 'model: yolov8n.pt', 'data: d.yaml', 'epochs: 3', ...Array.from({ length: 26 }, (_, i) => `k${i}: 1`)].join('\n') + '\n',
  'runs/results.csv': 'epoch,train/box_loss,metrics/mAP50(B)\n1,1,0.1\n2,1,0.2\n3,1,0.3\n',
};

export const README_RESULTS = [
  '# Telco churn',
  '',
  'Predicting which telecom customers leave next month, so retention can call them first.',
  '',
  '## Setup',
  '```bash',
  'pip install -r requirements.txt',
  'python src/train.py && python src/evaluate.py',
  '```',
  '',
  '## Results',
  'On the held-out 20 % test split (`python src/evaluate.py` writes reports/metrics.json):',
  '',
  '| Model | Accuracy | F1 | ROC-AUC |',
  '| --- | --- | --- | --- |',
  '| Gradient boosting | 0.8134 | 0.6021 | 0.8457 |',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'README.md': README_RESULTS,
  'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.0\njoblib==1.4.2\nstreamlit==1.36.0\n',
  'src/data.py': [
    'import pandas as pd',
    '',
    'def load(path="data/telco.csv"):',
    '    df = pd.read_csv(path)',
    '    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0)',
    '    return df.drop(columns=["customerID"])',
    '',
  ].join('\n'),
  'src/train.py': [
    'import joblib',
    'from sklearn.compose import ColumnTransformer',
    'from sklearn.ensemble import GradientBoostingClassifier',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.pipeline import Pipeline',
    'from sklearn.preprocessing import OneHotEncoder, StandardScaler',
    'from data import load',
    '',
    'df = load()',
    'y = (df.pop("Churn") == "Yes").astype(int)',
    'X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.2, stratify=y, random_state=42)',
    'cat = X_train.select_dtypes("object").columns',
    'num = X_train.select_dtypes("number").columns',
    'pre = ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), cat), ("num", StandardScaler(), num)])',
    'model = Pipeline([("pre", pre), ("clf", GradientBoostingClassifier(random_state=42))])',
    'model.fit(X_train, y_train)',
    'joblib.dump((model, X_test, y_test), "models/model.joblib")',
    '',
  ].join('\n'),
  'src/evaluate.py': [
    'import json',
    'import joblib',
    'from sklearn.metrics import accuracy_score, f1_score, roc_auc_score',
    '',
    'model, X_test, y_test = joblib.load("models/model.joblib")',
    'pred = model.predict(X_test)',
    'metrics = {',
    '    "accuracy": accuracy_score(y_test, pred),',
    '    "f1": f1_score(y_test, pred),',
    '    "roc_auc": roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]),',
    '}',
    'json.dump(metrics, open("reports/metrics.json", "w"), indent=2)',
    'print(metrics)',
    '',
  ].join('\n'),
  'tests/test_data.py': 'from src.data import load\n\ndef test_no_id_column(tmp_path):\n    p = tmp_path / "t.csv"\n    p.write_text("customerID,TotalCharges,Churn\\na,1.5,Yes\\n")\n    assert "customerID" not in load(p).columns\n',
};

/** A decent honest repo: pinned requirements, data / train / evaluate scripts, a test, README with setup and results, 14 commits over 4 weeks. */
export function honestRepo(extra: Record<string, string> = {}): Repo {
  const files: Record<string, string> = { ...FILES, ...extra };
  const paths = Object.keys(files);
  const commits: Commit[] = [];
  const start = NOW.getTime() - 40 * DAY;
  const msgs = [
    'Load the Telco CSV and coerce TotalCharges',
    'Add a stratified train/test split',
    'One-hot encode categoricals, scale numeric columns',
    'Train a gradient boosting pipeline',
    'Evaluate on the test split and write metrics.json',
    'Add a data loading test',
    'Pin requirements',
    'README: setup and results',
    'Drop customerID before training',
    'Fix TotalCharges blanks (fillna 0)',
    'Report ROC-AUC from predicted probabilities',
    'Seed the classifier for repeatable runs',
    'README: describe the test split',
    'Tidy evaluate.py output',
  ];
  msgs.forEach((m, i) => commits.unshift(commit(new Date(start + i * 2 * DAY + i * 3_600_000), m, [paths[i % paths.length]!])));
  commits[0]!.paths = paths; // the last commit touches every file so all exist in history
  commits[0]!.filesChanged = paths.length;
  return { id: 'cand/telco-churn', commit: 'e'.repeat(40), files, commits };
}

/** Files of an honest YOLOv5 training run (runs/train/exp: opt.yaml, hyp.yaml, a 5-epoch results.csv as YOLOv5 pads it). */
export function yolov5Run(): Record<string, string> {
  const opt = [
    'weights: yolov5s.pt', "cfg: ''", 'data: ../cracks.yaml', 'hyp: data/hyps/hyp.scratch-low.yaml', 'epochs: 30', 'batch_size: 16', 'imgsz: 640',
    'rect: false', 'resume: false', 'nosave: false', 'noval: false', 'noautoanchor: false', 'noplots: false', 'evolve: null', "bucket: ''",
    'cache: null', 'image_weights: false', "device: ''", 'multi_scale: false', 'single_cls: false', 'optimizer: SGD', 'sync_bn: false',
    'workers: 8', 'project: runs/train', 'name: exp', 'exist_ok: false', 'quad: false', 'cos_lr: false', 'label_smoothing: 0.0',
    'patience: 100', 'freeze:', '- 0', 'save_period: -1', 'seed: 0', 'local_rank: -1', 'save_dir: runs/train/exp',
  ].join('\n');
  const head = ['epoch', 'train/box_loss', 'train/obj_loss', 'train/cls_loss', 'metrics/precision', 'metrics/recall', 'metrics/mAP_0.5', 'metrics/mAP_0.5:0.95', 'val/box_loss', 'val/obj_loss', 'val/cls_loss', 'x/lr0', 'x/lr1', 'x/lr2'];
  const pad = (s: string | number): string => String(s).padStart(20);
  const rows = [0, 1, 2, 3, 4].map((e) =>
    [e, 0.09 - e * 0.01, 0.031 + e * 0.001, 0.05 - e * 0.005, 0.41 + e * 0.1, 0.35 + e * 0.1, 0.31 + e * 0.1, 0.11 + e * 0.05, 0.08 - e * 0.01, 0.021, 0.04 - e * 0.005, 0.07, 0.003, 0.003].map((v) => pad(Number(v.toFixed(4)))).join(','),
  );
  return {
    'runs/train/exp/opt.yaml': opt + '\n',
    'runs/train/exp/hyp.yaml': 'lr0: 0.01\nlrf: 0.01\nmomentum: 0.937\n',
    'runs/train/exp/results.csv': [head.map(pad).join(','), ...rows].join('\n') + '\n',
  };
}
