import { describe, expect, it } from 'vitest';
import { projectKindOf } from '../../src/probes/project-kind.js';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { buildReport } from '../../src/report/build.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const kindOf = (files: Record<string, string>) => projectKindOf(createProbeContext(memorySnapshot({ files }), NOW));
const audit = (files: Record<string, string>) => auditSnapshot(memorySnapshot({ id: 'me/repo', files }), { rules: loadRules(), now: NOW, skills: false });

/** A room-booking web app: FastAPI, a MySQL connection, SQL strings, Docker. No model anywhere. */
const WEB_APP: Record<string, string> = {
  'README.md': '# Rooms\n\nBook study rooms.\n',
  'requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\nmysql-connector-python==8.3.0\npython-dotenv==1.0.1\n',
  'src/app.py':
    'import mysql.connector\nfrom fastapi import FastAPI\napp = FastAPI()\n' +
    'def db():\n    return mysql.connector.connect(host="db", user="u")\n' +
    '@app.get("/slots")\ndef slots():\n    cur = db().cursor()\n    cur.execute("SELECT id, start, end FROM slot")\n    return cur.fetchall()\n',
  'Dockerfile': 'FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\nCMD ["uvicorn", "src.app:app", "--host", "0.0.0.0"]\n',
  'web/main.js': 'const r = await fetch("/slots");\ndocument.body.textContent = JSON.stringify(await r.json());\n',
};

describe('project kind: ML or not', () => {
  it('a web app with a database and no ML library is not ML', async () => {
    const k = await kindOf(WEB_APP);
    expect(k.kind).toBe('not-ml');
    expect(k.note).toBe('no machine-learning code or dependency found: this does not look like an ML project');
    expect([...k.languages].sort()).toEqual(['JavaScript', 'Python']);
  });

  it('the same app with an ML library declared and imported is ML', async () => {
    const k = await kindOf({ ...WEB_APP, 'requirements.txt': WEB_APP['requirements.txt'] + 'scikit-learn==1.5.0\n', 'src/model.py': 'from sklearn.linear_model import LogisticRegression\n' });
    expect(k.kind).toBe('ml');
    expect(k.evidence.map((e) => e.detail)).toContain('`scikit-learn` — ML library in the dependencies');
  });

  it('an ML import in a comment, a string or a README fence does not make it ML', async () => {
    const k = await kindOf({
      ...WEB_APP,
      'src/util.py': '# import torch\nNOTE = "import tensorflow as tf"\n',
      'README.md': '# Rooms\n\n```python\nimport torch\nmodel.fit(X, y)\n```\n',
      'docs/ideas.md': '```python\nfrom sklearn.ensemble import RandomForestClassifier\n```\n',
    });
    expect(k.kind).toBe('not-ml');
  });

  it('NumPy/pandas code or a notebook without a model library is unclear: the stage rules run as usual', async () => {
    expect((await kindOf({ 'analysis.py': 'import pandas as pd\ndf = pd.read_csv("data/x.csv")\n' })).kind).toBe('unclear');
    expect((await kindOf({ 'scratch_nn.py': 'def sigmoid(z):\n    return 1 / (1 + exp(-z))\nloss.backward()\n' })).kind).toBe('unclear');
    expect((await kindOf({ 'README.md': '# Notes\n' })).kind).toBe('unclear'); // no code at all
  });

  it('ML libraries of other ecosystems: TensorFlow.js from a CDN, DJL in a pom, DL4J imports, R and Julia packages', async () => {
    expect((await kindOf({ 'src/worker.js': "import 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js';\n" })).kind).toBe('ml');
    expect((await kindOf({ 'package.json': '{"dependencies": {"@tensorflow/tfjs-node": "^4.0.0"}}', 'index.js': 'console.log(1)\n' })).kind).toBe('ml');
    const pom = '<project><dependencies><dependency><groupId>ai.djl</groupId><artifactId>api</artifactId></dependency></dependencies></project>';
    expect((await kindOf({ 'pom.xml': pom, 'src/main/java/A.java': 'class A {}\n' })).kind).toBe('ml');
    expect((await kindOf({ 'src/main/java/Train.java': 'import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;\nclass Train {}\n' })).kind).toBe('ml');
    expect((await kindOf({ 'model.R': 'library(tidymodels)\n' })).kind).toBe('ml');
    expect((await kindOf({ 'train.jl': 'using Flux, MLDatasets\n' })).kind).toBe('ml');
  });

  it('ML in a language the stage rules do not read is unknown-language, named', async () => {
    const k = await kindOf({ 'train.m': 'layers = [imageInputLayer([28 28 1])];\nnet = trainNetwork(XTrain, YTrain, layers, options);\n', 'README.md': '# Digits\n' });
    expect(k).toMatchObject({ kind: 'unknown-language', language: 'MATLAB', note: 'pipeline not measurable: MATLAB is not analysed' });
    const cpp = await kindOf({ 'src/main.cpp': '#include <torch/torch.h>\nint main() {}\n', 'CMakeLists.txt': 'find_package(Torch REQUIRED)\n' });
    expect(cpp).toMatchObject({ kind: 'unknown-language', language: 'C++' });
    expect((await kindOf({ 'main.go': 'package main\nfunc main() {}\n', 'util.go': 'package main\n' })).kind).toBe('unknown-language');
  });

  it('reinforcement learning is a family of its own', async () => {
    expect((await kindOf({ 'agent.py': 'import gymnasium as gym\nenv = gym.make("CartPole-v1")\n' })).families).toEqual(['rl']);
    expect((await kindOf({ 'clf.py': 'from sklearn.svm import SVC\n' })).families).toEqual([]);
  });
});

describe('audit: a repo that is not ML', () => {
  it('pipeline stages are not applicable: 0 points, one plain note, no "load a dataset" advice', async () => {
    const r = await audit(WEB_APP);
    expect(r.project).toMatchObject({ kind: 'not-ml' });
    const stages = r.rules.filter((x) => x.stage);
    expect(stages).toHaveLength(5);
    for (const x of stages) {
      expect(x).toMatchObject({ applicable: false, measurable: true, outcome: 'not-applicable', score: 0, points: 0 });
      expect(x.note).toBe('not applicable: no machine-learning code or dependency found: this does not look like an ML project');
      expect(x.remediation).not.toMatch(/read_csv|load_dataset|train_test_split/);
    }
    expect(r.categories.pipeline.score).toBe(0);
    expect(Object.values(r.stages).every((s) => s.status === 'not-applicable' && !s.detected)).toBe(true);
    // One pipeline entry in the fixes, not five, and none telling a web app to load a dataset.
    const pipelineFixes = r.nextActions.filter((a) => a.rule.startsWith('stage-'));
    expect(pipelineFixes).toHaveLength(1);
    expect(r.nextActions.map((a) => a.text).join(' ')).not.toMatch(/pd\.read_csv|kaggle datasets download/);
    const report = buildReport([r], NOW);
    expect(renderMarkdown(report)).toContain('Not an ML project: no machine-learning code or dependency found');
    expect(renderMarkdown(report)).toContain('➖ Data');
    expect(renderText(report)).toContain('project:    Not an ML project');
  });

  it('an ML repo is scored as before (no status on the stages)', async () => {
    const r = await audit({ 'requirements.txt': 'scikit-learn==1.5.0\npandas==2.2.0\n', 'train.py': 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/churn.csv")\nclf = LogisticRegression().fit(X_train, y_train)\n' });
    expect(r.project?.kind).toBe('ml');
    expect(r.stages.data).toMatchObject({ detected: true });
    expect(r.stages.data.status).toBeUndefined();
    expect(r.rules.find((x) => x.id === 'stage-data')!.applicable).toBeUndefined();
  });

  it('ML code in MATLAB: the pipeline is not measurable (left out of the score, not 0 with Python advice)', async () => {
    const r = await audit({ 'README.md': '# Digits\n', 'train.m': 'net = trainNetwork(XTrain, YTrain, layers, options);\nYPred = classify(net, XTest);\n' });
    for (const x of r.rules.filter((y) => y.stage)) expect(x).toMatchObject({ measurable: false, outcome: 'not-measurable', score: null, note: 'pipeline not measurable: MATLAB is not analysed' });
    expect(r.categories.pipeline.weight).toBe(0);
    expect(r.nextActions.some((a) => a.rule.startsWith('stage-'))).toBe(false);
    expect(Object.values(r.stages).every((s) => s.status === 'not-measurable')).toBe(true);
  });

  it('an RL agent is told about evaluation episodes, never to hold out a test set with train_test_split', async () => {
    const r = await audit({ 'requirements.txt': 'gymnasium==0.29.1\ntorch==2.3.0\n', 'agent.py': 'import gymnasium as gym\nimport torch\nenv = gym.make("CartPole-v1")\n' });
    expect(r.project?.families).toEqual(['rl']);
    const ev = r.rules.find((x) => x.id === 'stage-evaluation')!;
    expect(ev.remediation).toContain('evaluation episodes');
    expect(ev.remediation).not.toContain('train_test_split');
    const fix = r.nextActions.find((a) => a.rule === 'stage-evaluation');
    expect(fix?.text ?? '').not.toContain('train_test_split');
    // A tabular project keeps the tabular advice.
    const tab = await audit({ 'requirements.txt': 'scikit-learn==1.5.0\n', 'train.py': 'from sklearn.svm import SVC\n' });
    expect(tab.rules.find((x) => x.id === 'stage-evaluation')!.remediation).toContain('train_test_split');
  });
});
