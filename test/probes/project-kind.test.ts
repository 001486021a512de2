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

  // held-out-20-err20c: tabular Q-learning in pure Python (no NumPy, no library) was "not ML" and lost every stage.
  const QLEARN = ['import random', 'Q = {}', 'def move(s, a):', '    return s', 'def learn(episodes, alpha=0.1, gamma=0.9):', '    for e in range(episodes):',
    '        s = (0, 0)', '        for t in range(50):', '            a = random.choice("udlr")', '            s2 = move(s, a)', '            r = 1 if s2 == (2, 2) else 0',
    '            Q[s][a] = Q[s][a] + alpha * (r + gamma * max(Q[s2].values()) - Q[s][a])', '            s = s2',
    ...Array.from({ length: 20 }, (_, i) => `print("episode summary line ${i}")`), 'learn(100)'].join('\n') + '\n';
  it('reinforcement learning written by hand in pure Python (a Q-table updated from a learning rate) is not called not-ML', async () => {
    const k = await kindOf({ ...WEB_APP, 'qlearn.py': QLEARN });
    expect(k.kind).toBe('unclear');
    expect(k.evidence.map((e) => e.detail)).toContain('a Q-table updated from a learning rate — reinforcement learning written without a library');
  });
  it('a pure-Python loop over epochs updating a weight from a learning rate is hand-written training, not not-ML', async () => {
    const gd = ['def train(xs, ys, lr=0.01):', '    w = 0.0', '    for epoch in range(100):', '        for x, y in zip(xs, ys):', '            grad = (w * x - y) * x',
      '            w -= lr * grad', '    return w', ...Array.from({ length: 25 }, (_, i) => `# note ${i}\nX${i} = ${i}`), 'print(train([1, 2], [2, 4]))'].join('\n') + '\n';
    expect((await kindOf({ ...WEB_APP, 'fit.py': gd })).kind).toBe('unclear');
  });
  it('near miss and gaming: a Q-update line in a short file, in a string, or in a test is still not ML', async () => {
    expect((await kindOf({ ...WEB_APP, 'q.py': 'Q[s][a] = Q[s][a] + alpha * r\n' })).kind, 'short').toBe('not-ml');
    const inString = QLEARN.replace('            Q[s][a] = Q[s][a] + alpha', '            print("Q[s][a] = Q[s][a] + alpha") #');
    expect((await kindOf({ ...WEB_APP, 'qlearn.py': inString })).kind, 'string').toBe('not-ml');
    expect((await kindOf({ ...WEB_APP, 'tests/test_q.py': QLEARN })).kind, 'test').toBe('not-ml');
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

  it('npm isolation-forest packages and more ml.js packages are ML libraries (held-out-18: a Node anomaly detector)', async () => {
    const pkg = '{"dependencies": {"csv-parser": "^3.1.0", "isolation-forest-visualization": "^1.0.7"}}';
    expect((await kindOf({ 'package.json': pkg, 'index.js': 'console.log(1)\n' })).kind).toBe('ml');
    expect((await kindOf({ 'models/if.js': "const { IsolationForest } = require('isolation-forest');\n" })).kind).toBe('ml');
    expect((await kindOf({ 'cluster.js': "const DBSCAN = require('ml-dbscan');\n" })).kind).toBe('ml');
    // Near miss: a forest of another kind (a tree-view widget) and a CSV parser alone are no ML library.
    const web = '{"dependencies": {"react-forest-tree": "^1.0.0", "csv-parser": "^3.1.0"}}';
    expect((await kindOf({ 'package.json': web, 'index.js': 'console.log(1)\n' })).kind).not.toBe('ml');
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

  it('MATLAB ML is read in its toolboxes\u2019 terms: an ML project, its ML language MATLAB', async () => {
    const k = await kindOf({ 'train.m': 'layers = [imageInputLayer([28 28 1])];\nnet = trainNetwork(XTrain, YTrain, layers, options);\n', 'README.md': '# Digits\n' });
    expect(k).toMatchObject({ kind: 'ml', mlLanguages: ['MATLAB'] });
    // Toolbox calls only in comments and strings are no ML; MATLAB code without them is measured (unclear), not skipped.
    const named = await kindOf({ 'main.m': "% Mdl = fitcsvm(X, Y);\ndisp('next: trainNetwork(imds, layers, opts)')\nx = 1;\n" });
    expect(named.kind).toBe('unclear');
    // An Objective-C .m file calling C functions named like MATLAB's is not MATLAB ML.
    const objc = await kindOf({ 'Trainer.m': '#import "Trainer.h"\n@implementation Trainer\n- (void)go { Mdl = fitcknn(a, b); }\n@end\n', 'Trainer.h': '@interface Trainer\n@end\n' });
    expect(objc.kind).not.toBe('ml');
  });

  it('MATLAB live scripts (.mlx, zip archives) are not read: not measurable, unless readable .m code shows the ML', async () => {
    const zip = 'PK\u0003\u0004' + 'x'.repeat(200);
    expect(await kindOf({ 'GenreRecognition.mlx': zip, 'README.md': '# Genres\n' })).toMatchObject({
      kind: 'unknown-language',
      language: 'MATLAB',
      note: 'pipeline not measurable: MATLAB live scripts (.mlx) are not analysed',
    });
    expect((await kindOf({ 'GenreRecognition.mlx': zip, 'knn.m': 'Mdl = fitcknn(X, Y);\n' })).kind).toBe('ml');
    // A Python project with a live script beside it is judged on its Python.
    expect((await kindOf({ 'demo.mlx': zip, 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' })).kind).toBe('not-ml');
  });

  it('ML in a language the stage rules do not read is unknown-language, named', async () => {
    const cpp = await kindOf({ 'src/main.cpp': '#include <torch/torch.h>\nint main() {}\n', 'CMakeLists.txt': 'find_package(Torch REQUIRED)\n' });
    expect(cpp).toMatchObject({ kind: 'unknown-language', language: 'C++' });
    // Go with an ML import is ML in Go; the same Go with none, every file read and a README that names no ML, is a
    // Go program that is not ML.
    expect(await kindOf({ 'main.go': 'package main\nimport (\n\tG "gorgonia.org/gorgonia"\n)\nfunc main() { G.NewGraph() }\n', 'util.go': 'package main\n' })).toMatchObject({ kind: 'unknown-language', language: 'Go' });
    expect((await kindOf({ 'main.go': 'package main\nfunc main() {}\n', 'util.go': 'package main\n' })).kind).toBe('not-ml');
  });

  it('an application calling a hosted LLM from a small part of its code, no model anywhere, is not ML; near misses stay ML', async () => {
    const app: Record<string, string> = { 'requirements.txt': 'fastapi==0.115.0\npandas==2.2.0\nopenai==1.50.0\n' };
    for (let i = 0; i < 11; i++) app[`app/routes_${i}.py`] = `from fastapi import APIRouter\nimport pandas as pd\nrouter = APIRouter()\nrows = pd.read_csv("films_${i}.csv").fillna("")\n`;
    app['scripts/write_reviews.py'] = 'from openai import OpenAI\nclient = OpenAI()\nreply = client.chat.completions.create(model="m", messages=[])\n';
    const k = await kindOf(app);
    expect(k.kind).toBe('not-ml');
    expect(k.note).toMatch(/calls a hosted LLM API from a small part of its code/);
    expect(k.evidence.map((e) => e.detail).join(' ')).toMatch(/called from 1 of 12 code files/);
    // Its stage rules say so, with the advice for an app that calls an LLM (not "declare the ML library").
    const data = (await audit(app)).rules.find((x) => x.id === 'stage-data')!;
    expect(data.outcome).toBe('not-applicable');
    expect(data.remediation).toMatch(/^The only machine learning here is a call to a hosted LLM API/);
    // The LLM is the project: a chatbot of three files.
    expect((await kindOf({ 'bot.py': app['scripts/write_reviews.py']!, 'db.py': 'import sqlite3\n', 'web.py': 'from flask import Flask\n' })).kind).toBe('ml');
    // A model fitted somewhere, a notebook, or another ML library: ML.
    expect((await kindOf({ ...app, 'app/rank.py': 'import pandas as pd\nknn.fit(X)\n' })).kind).toBe('ml');
    expect((await kindOf({ ...app, 'explore.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: 'import pandas as pd\n' }] }) })).kind).toBe('ml');
    expect((await kindOf({ ...app, 'app/embed.py': 'from sentence_transformers import SentenceTransformer\n' })).kind).toBe('ml');
    // The client in three of twelve files is more than a small part.
    const wide = { ...app, 'app/routes_0.py': app['scripts/write_reviews.py']!, 'app/routes_1.py': app['scripts/write_reviews.py']! };
    expect((await kindOf(wide)).kind).toBe('ml');
  });

  it('a Next.js site whose one chat route calls a hosted model through the Vercel AI SDK is not ML; a site built around it is', async () => {
    const site: Record<string, string> = { 'package.json': '{"dependencies": {"next": "16.0.0", "ai": "^6.0.0", "@ai-sdk/openai": "^3.0.0", "openai": "^6.0.0"}}\n' };
    for (let i = 0; i < 11; i++) site[`src/components/Section${i}.tsx`] = `import React from 'react';\nexport default function Section${i}() { return <section>${i}</section>; }\n`;
    const route = "import { openai } from '@ai-sdk/openai';\nimport { streamText } from 'ai';\nexport async function POST(req: Request) {\n  const { messages } = await req.json();\n  return streamText({ model: openai('gpt-4o-mini'), messages }).toTextStreamResponse();\n}\n";
    site['src/app/api/chat/route.ts'] = route;
    const k = await kindOf(site);
    expect(k.kind).toBe('not-ml');
    expect(k.note).toMatch(/calls a hosted LLM API from a small part of its code/);
    // Near miss: the same SDK in four of twelve files (a chat product): the LLM is the project.
    const product = { ...site, 'src/app/api/a/route.ts': route, 'src/app/api/b/route.ts': route, 'src/app/api/c/route.ts': route };
    expect((await kindOf(product)).kind).toBe('ml');
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
    // The fix-first list says it plainly too: one "not an ML project" group with one entry, never "complete the pipeline".
    const groups = r.fixFirst?.groups ?? [];
    expect(groups.some((g) => g.fix === 'pipeline')).toBe(false);
    const notMl = groups.find((g) => g.fix === 'not-ml')!;
    expect(notMl.title).toBe('Not an ML project: add a model, or keep it out of the ML projects you show');
    expect(notMl.rules).toHaveLength(1);
    expect(notMl.rules[0]!.text).toMatch(/^No machine-learning library/);
    expect(JSON.stringify(groups)).not.toMatch(/load a real public or collected dataset|pd\.read_csv/);
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

  it('ML code in MATLAB: the stages are measured in its toolboxes\u2019 terms and advised in MATLAB, never pandas', async () => {
    const r = await audit({ 'README.md': '# Digits\n', 'train.m': 'net = trainNetwork(XTrain, YTrain, layers, options);\nYPred = classify(net, XTest);\n' });
    const stage = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(stage('stage-training')).toMatchObject({ measurable: true, score: 1 });
    expect(stage('stage-evaluation')).toMatchObject({ measurable: true, score: 0.5 });
    expect(stage('stage-data')).toMatchObject({ measurable: true, score: 0 });
    expect(stage('stage-data').remediation).toMatch(/audioDatastore|readtable/);
    expect(stage('stage-data').remediation).not.toMatch(/pd\.read_csv|pandas/);
    expect(r.categories.pipeline.weight).toBeGreaterThan(0);
  });

  it('C++ ML: the pipeline is not measurable (left out of the score, not 0 with Python advice)', async () => {
    const r = await audit({ 'README.md': '# Digits\n', 'src/main.cpp': '#include <torch/torch.h>\nint main() {}\n', 'CMakeLists.txt': 'find_package(Torch REQUIRED)\n' });
    for (const x of r.rules.filter((y) => y.stage)) expect(x).toMatchObject({ measurable: false, outcome: 'not-measurable', score: null, note: 'pipeline not measurable: C++ is not analysed' });
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

describe('project kind: other languages said plainly', () => {
  const HMM_JAVA = {
    'src/speech/HiddenMarkov.java':
      'package speech;\npublic class HiddenMarkov {\n  private final int n;\n  private final int m;\n  private double[][] a;\n  private double[][] b;\n  private double[] pi;\n  public HiddenMarkov(int n, int m) {\n    this.n = n;\n    this.m = m;\n    a = new double[n][n];\n    b = new double[n][m];\n    pi = new double[n];\n  }\n  public void train(int[][] seqs) {\n    for (int it = 0; it < 20; it++) reestimate(seqs);\n  }\n  double[][] forward(int[] o) {\n    double[][] f = new double[o.length][n];\n    for (int i = 0; i < n; i++) f[0][i] = pi[i] * b[i][o[0]];\n    for (int t = 1; t < o.length; t++) {\n      for (int j = 0; j < n; j++) {\n        double s = 0;\n        for (int i = 0; i < n; i++) s += f[t - 1][i] * a[i][j];\n        f[t][j] = s * b[j][o[t]];\n      }\n    }\n    return f;\n  }\n  private void reestimate(int[][] seqs) {\n    for (int[] o : seqs) forward(o);\n  }\n}\n',
    'src/ui/App.java': 'package ui;\nimport javax.swing.JFrame;\npublic class App extends JFrame {}\n',
  };

  it('ML written by hand in Java (a model class and a train method, no library) is not measurable, the language named', async () => {
    const k = await kindOf(HMM_JAVA);
    expect(k).toMatchObject({ kind: 'unknown-language', language: 'Java', note: 'pipeline not measurable: Java ML written without a library is not analysed' });
    expect(k.evidence.map((e) => e.detail)).toContain('`HiddenMarkov` — a model class written without an ML library');
  });

  it('ML written by hand in PHP (a classifier class in a web app) is not measurable, even past the read budget of copied front-end libraries', async () => {
    const files: Record<string, string> = {
      'application/helpers/naivebayes_helper.php':
        '<?php\nclass NaiveBayes\n{\n    private $counts = [];\n    private $totals = [];\n    private $vocab = [];\n    public function prior($docs) { return count($docs); }\n    public function learn($docs)\n    {\n        foreach ($docs as $doc) {\n            $label = $doc["label"];\n            $this->totals[$label] = ($this->totals[$label] ?? 0) + 1;\n            foreach (explode(" ", $doc["text"]) as $w) {\n                $this->vocab[$w] = true;\n                $this->counts[$label][$w] = ($this->counts[$label][$w] ?? 0) + 1;\n            }\n        }\n    }\n    public function score($text, $label)\n    {\n        $p = log($this->totals[$label]);\n        $n = array_sum($this->counts[$label]);\n        foreach (explode(" ", $text) as $w) {\n            $c = $this->counts[$label][$w] ?? 0;\n            $p += log(($c + 1) / ($n + count($this->vocab)));\n        }\n        return $p;\n    }\n    public function confusionMatrix($session)\n    {\n        return [];\n    }\n}\n',
      'application/controllers/Home.php': '<?php\nclass Home extends CI_Controller {}\n',
    };
    // 400 copied front-end library files, named like app code, fill the read budget before the PHP helper.
    for (let i = 0; i < 400; i++) files[`assets/lib${i}/src/app.js`] = `export function app${i}() { return ${i}; }\n`;
    const k = await kindOf(files);
    expect(k).toMatchObject({ kind: 'unknown-language', language: 'PHP', note: 'pipeline not measurable: PHP ML written without a library is not analysed' });
    // Near miss: the same PHP app without a model class (a helper of dates and money) is not measurable ML.
    delete files['application/helpers/naivebayes_helper.php'];
    files['application/helpers/check_helper.php'] = '<?php\nfunction rupiah($n) { return number_format($n); }\n';
    expect((await kindOf(files)).note).not.toContain('ML written without a library');
    // Near miss: a four-line class named for a model with a train method that does nothing is a name, not a model.
    files['application/helpers/naivebayes_helper.php'] = '<?php\nclass NaiveBayes {\n  function train($x) { return 1; }\n}\n';
    expect((await kindOf(files)).note).not.toContain('ML written without a library');
  });

  it('near misses stay not ML: a model class without training, a train method in a class that is no model', async () => {
    expect((await kindOf({ 'src/HiddenMarkov.java': 'public class HiddenMarkov {\n  public double[] viterbi(int[] o) { return null; }\n}\n' })).kind).toBe('not-ml');
    expect((await kindOf({ 'src/Railway.java': 'public class Railway {\n  public void train(String stop) {}\n}\n' })).kind).toBe('not-ml');
    // Tests do not count: a test fixture named for a model is not the project's ML.
    expect((await kindOf({ 'src/test/java/KMeansTest.java': 'public class KMeansTest {\n  public void fit() {}\n}\n', 'src/main/java/A.java': 'class A {}\n' })).kind).toBe('not-ml');
  });

  it('a Flutter app with an on-device model (ML Kit / TFLite in pubspec.yaml, a .tflite asset) is Dart, not measurable', async () => {
    const flutter = {
      'pubspec.yaml': 'name: fish\ndependencies:\n  flutter:\n    sdk: flutter\n  google_mlkit_image_labeling: ^0.12.0\nflutter:\n  assets:\n    - assets/ml/fish.tflite\n',
      'assets/ml/fish.tflite': 'TFL3',
      'lib/main.dart': 'import "package:flutter/material.dart";\nvoid main() => runApp(const App());\n',
      'lib/screens/id.dart': 'final labeler = ImageLabeler(options: opts);\n',
    };
    const k = await kindOf(flutter);
    expect(k).toMatchObject({ kind: 'unknown-language', language: 'Dart', note: 'pipeline not measurable: Dart is not analysed' });
    expect(k.evidence.map((e) => e.detail)).toContain('`google_mlkit_image_labeling` — ML library in the dependencies');
    // The same on-device model imported in the Dart code, with no manifest entry: ML in Dart, not measurable.
    expect(await kindOf({ 'lib/main.dart': "import 'package:tflite_flutter/tflite_flutter.dart';\nvoid main() {}\n", 'lib/a.dart': 'class A {}\n' })).toMatchObject({ kind: 'unknown-language', language: 'Dart' });
    // Near miss: a Flutter to-do app with no ML package, no ML import, no model and a README that names no ML is an
    // app, not ML the rules cannot read (session 12: such apps were "not measurable" and scored without a pipeline).
    const TODO = { 'README.md': '# Todo\n\nA Flutter to-do list with reminders and dark mode.\n', 'pubspec.yaml': 'name: todo\ndependencies:\n  flutter:\n    sdk: flutter\n  provider: ^6.0.0\n', 'lib/main.dart': "import 'package:flutter/material.dart';\nvoid main() {}\n", 'lib/a.dart': '\n' };
    const plain = await kindOf(TODO);
    expect(plain).toMatchObject({ kind: 'not-ml', note: 'no machine-learning code or dependency found: this does not look like an ML project' });
    expect(plain.evidence.map((e) => e.detail)).toContain('2 Dart code files read: no ML library imported or declared, no model file, no model class or training routine; the README names no ML');
    // Its README saying it is ML is a claim (session 13: one README sentence was worth +20 to any app, attack12): with
    // nothing in the code behind it — no ML package, import or model file — the app stays not ML, and the evidence says
    // the README's ML has no code behind it, in English or in another language.
    for (const readme of ['# Leaf\n\nClassifies plant leaves with a neural network on the phone.\n', '# 葉っぱ\n\n機械学習で葉の病気を判定するアプリ。\n', '# 잎\n\n딥러닝으로 잎의 병을 찾는 앱.\n']) {
      const claimed = await kindOf({ ...TODO, 'README.md': readme });
      expect(claimed.kind).toBe('not-ml');
      expect(claimed.evidence.map((e) => e.detail).join(' ')).toContain('the README names ML, but no code here shows it');
    }
    // Near miss: the same README beside a training routine written in Dart (a network from scratch) is ML the rules
    // cannot read: not measurable.
    const steps = Array.from({ length: 30 }, (_, i) => `    w[${i % 4}] -= lr * g[${i % 4}];`).join('\n');
    const fromScratch = { ...TODO, 'README.md': '# Leaf\n\nClassifies plant leaves with a neural network on the phone.\n', 'lib/net.dart': `class Net {\n  List<double> w = [0, 0, 0, 0];\n  void train(List<double> g, double lr) {\n${steps}\n  }\n}\n` };
    expect((await kindOf(fromScratch)).kind).toBe('unknown-language');
    // A model file next to Python code is still a Python ML project.
    expect((await kindOf({ 'model.onnx': 'x', 'serve.py': 'print(1)\n' })).kind).toBe('ml');
  });

  it('an application in a language the rules do not read is not ML when its code, manifests and README show none', async () => {
    // A Rails site: Ruby files, a Gemfile of web gems, a README (in Japanese) about ramen shops.
    const RAILS: Record<string, string> = {
      'README.md': '# ラーメン\n\n好きなラーメン店を記録して共有するサイトです。EC2 にデプロイ。\n',
      'Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'devise'\ngem 'pg'\n",
      'app/models/shop.rb': 'class Shop < ApplicationRecord\n  has_many :reviews\nend\n',
      'app/controllers/shops_controller.rb': 'class ShopsController < ApplicationController\n  def index\n    @shops = Shop.all\n  end\nend\n',
      'app/javascript/application.js': 'import "@hotwired/turbo-rails"\n',
    };
    expect((await kindOf(RAILS)).kind).toBe('not-ml');
    // Near misses, each ML in Ruby (not measurable): an ML gem in the Gemfile, an ML require in the code.
    expect(await kindOf({ ...RAILS, 'Gemfile': `${RAILS['Gemfile']}gem 'ruby-openai'\n` })).toMatchObject({ kind: 'unknown-language', language: 'Ruby' });
    expect(await kindOf({ ...RAILS, 'lib/rank.rb': "require 'rumale'\nclass Rank\nend\n" })).toMatchObject({ kind: 'unknown-language', language: 'Ruby' });
    // A C# app with ML.NET in its project file; a Swift app importing Core ML; a Rust crate using linfa.
    expect(await kindOf({ 'App.csproj': '<Project><ItemGroup><PackageReference Include="Microsoft.ML" Version="3.0.1" /></ItemGroup></Project>', 'Program.cs': 'class P { static void Main() {} }\n' })).toMatchObject({ kind: 'unknown-language', language: 'C#' });
    expect(await kindOf({ 'App/Classifier.swift': 'import CoreML\nstruct Classifier {}\n' })).toMatchObject({ kind: 'unknown-language', language: 'Swift' });
    expect(await kindOf({ 'Cargo.toml': '[dependencies]\nlinfa = "0.7"\n', 'src/main.rs': 'fn main() {}\n' })).toMatchObject({ kind: 'unknown-language', language: 'Rust' });
    expect((await kindOf({ 'Cargo.toml': '[dependencies]\nclap = "4"\n', 'src/main.rs': 'fn main() {}\n' })).kind).toBe('not-ml');
  });

  // hist14: a training method named as its author likes (`fn step`, `func (m *Model) Update`): the loop over epochs
  // and the weight updated from a learning rate, in one file of 30+ code lines, are the training routine beside a
  // README that names ML. Neither alone is (a loop over pages with `w -= lr`-looking text is not enough without both).
  it('a model trained from scratch in Go under a method not named train is not measurable, not "not ML"', async () => {
    const pad = Array.from({ length: 30 }, (_, i) => `\tx${i} := float64(${i}) * 0.5\n\t_ = x${i}`).join('\n');
    const readme = '# Iris classifier\n\nA logistic regression classifier written from scratch in Go, trained by gradient descent.\n';
    const code = (loop: string, update: string) =>
      `package main\n\nimport "fmt"\n\ntype Model struct{ w []float64 }\n\nfunc (m *Model) Update(x [][]float64, y []float64, lr float64) {\n${pad}\n\tfor i := range m.w {\n\t\tgrad := 0.0\n\t\t${update}\n\t}\n}\n\nfunc main() {\n\tm := &Model{w: make([]float64, 4)}\n\t${loop} {\n\t\tm.Update(nil, nil, 0.1)\n\t}\n\tfmt.Println(m.w)\n}\n`;
    const files = (c: string) => ({ 'README.md': readme, 'main.go': c, 'go.mod': 'module iris\n\ngo 1.22\n' });
    expect(await kindOf(files(code('for epoch := 0; epoch < 100; epoch++', 'm.w[i] -= lr * grad')))).toMatchObject({ kind: 'unknown-language', language: 'Go' });
    expect((await kindOf(files(code('for page := 0; page < 100; page++', 'm.w[i] -= lr * grad')))).kind).toBe('not-ml');
    expect((await kindOf(files(code('for epoch := 0; epoch < 100; epoch++', 'm.w[i] = grad')))).kind).toBe('not-ml');
  });

  it('a network written from scratch in Rust or C++ (a model struct or class and a train method) stays not measurable', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `    let w${i} = self.weights[${i % 4}] * 0.5;`).join('\n');
    const rust = `pub struct NeuralNetwork {\n    weights: Vec<f64>,\n}\nimpl NeuralNetwork {\n    pub fn train(&mut self, x: &[f64]) {\n${body}\n    }\n}\n`;
    expect(await kindOf({ 'src/nn.rs': rust, 'src/main.rs': 'fn main() {}\n' })).toMatchObject({ kind: 'unknown-language', language: 'Rust', note: 'pipeline not measurable: Rust ML written without a library is not analysed' });
    const cpp = `class Perceptron {\npublic:\n  void train(const std::vector<double>& x) {\n${body.replace(/let /g, 'double ').replace(/self\./g, '')}\n  }\n};\n`;
    expect(await kindOf({ 'src/perceptron.cpp': cpp, 'src/main.cpp': 'int main() {}\n' })).toMatchObject({ kind: 'unknown-language', language: 'C++' });
    // Past the read budget the decision is made on the files read, those named like ML code first (session 13: 300
    // padding files made any app "not measurable", +20): 301 Dart files with nothing ML in them are not ML…
    const many: Record<string, string> = {};
    for (let i = 0; i < 301; i++) many[`lib/w${i}.dart`] = `class W${i} {}\n`;
    const past = await kindOf(many);
    expect(past.kind).toBe('not-ml');
    expect(past.evidence.map((e) => e.detail).join(' ')).toContain('300 of 301 code files read (ML-named files first)');
    // …and the model code that comes last by path, named like ML code, is read first: ML in Dart, not measurable.
    expect((await kindOf({ ...many, 'lib/zz/model/classifier.dart': "import 'package:tflite_flutter/tflite_flutter.dart';\nclass C {}\n" })).kind).toBe('unknown-language');
  });

  // Pillow pinned for Django's ImageField is no data science (held-out set 25: a Django portfolio was "unclear", so
  // its jQuery and Procfile counted as stages); NumPy beside it still is.
  it('a Django site with pillow in its requirements is not ML; with numpy it is unclear', async () => {
    const site = {
      'requirements.txt': 'django==4.2.7\npillow==10.1.0\ngunicorn==21.2.0\n',
      'manage.py': "import os\nimport sys\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n",
      'blog/models.py': 'from django.db import models\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n    cover = models.ImageField(upload_to="covers/")\n',
      'blog/views.py': 'from django.shortcuts import render\nfrom .models import Post\n\ndef index(request):\n    return render(request, "index.html", {"posts": Post.objects.all()})\n',
    };
    expect((await kindOf(site)).kind).toBe('not-ml');
    expect((await kindOf({ ...site, 'requirements.txt': 'django==4.2.7\npillow==10.1.0\nnumpy==1.26.0\n' })).kind).toBe('unclear');
  });

  it('the audit of a Flutter to-do app scores its pipeline 0 as not applicable, with no Python advice', async () => {
    const r = await audit({ 'README.md': '# Todo\n\nA Flutter to-do list.\n', 'pubspec.yaml': 'name: todo\ndependencies:\n  flutter:\n    sdk: flutter\n', 'lib/main.dart': "import 'package:flutter/material.dart';\nvoid main() {}\n" });
    expect(r.project?.kind).toBe('not-ml');
    expect(r.categories.pipeline.weight).toBeGreaterThan(0);
    expect(r.categories.pipeline.score).toBe(0);
    expect(r.rules.filter((x) => x.stage).every((x) => x.outcome === 'not-applicable')).toBe(true);
    // One "not an ML project" entry among the fixes, no Python advice.
    expect(r.nextActions.filter((a) => a.rule.startsWith('stage-'))).toHaveLength(1);
    expect(r.nextActions.map((a) => a.text).join(' ')).not.toMatch(/pd\.read_csv|train_test_split|FastAPI/);
  });

  it('the audit of a Java HMM leaves the pipeline out of the score and gives no stage advice', async () => {
    const r = await audit({ 'README.md': '# Speech\n\nIsolated-word recognition with MFCC and HMMs.\n', ...HMM_JAVA });
    for (const x of r.rules.filter((y) => y.stage)) expect(x).toMatchObject({ measurable: false, outcome: 'not-measurable', score: null });
    expect(r.categories.pipeline.weight).toBe(0);
    expect(r.nextActions.some((a) => a.rule.startsWith('stage-'))).toBe(false);
    expect(renderMarkdown(buildReport([r], NOW))).toContain('Pipeline not measurable: Java ML written without a library is not analysed');
  });
});

describe('project kind: an LLM app built on pretrained models', () => {
  const RAG = {
    'requirements.txt': 'openai==1.40.0\nqdrant-client==1.10.0\nsentence-transformers==3.0.0\nfastapi==0.110.0\n',
    'rag/ingest.py':
      'from pathlib import Path\nfrom sentence_transformers import SentenceTransformer\nimport json\n' +
      'def load_docs(root):\n    return [p.read_text() for p in Path(root).glob("*.md")]\n' +
      'def chunk(text, size=800):\n    return [text[i:i + size] for i in range(0, len(text), size)]\n' +
      'enc = SentenceTransformer("BAAI/bge-m3")\nvecs = enc.encode([c for d in load_docs("data/laws") for c in chunk(d)])\n',
    'rag/answer.py': 'from openai import OpenAI\nclient = OpenAI()\ndef answer(q, ctx):\n    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": ctx + q}])\n',
  };

  it('is the llm-app family; its training stage does not apply and is left out of the score', async () => {
    expect((await kindOf(RAG)).families).toEqual(['llm-app']);
    const r = await audit(RAG);
    const t = r.rules.find((x) => x.id === 'stage-training')!;
    expect(t).toMatchObject({ outcome: 'not-applicable', applicable: false, measurable: false, score: null, points: 0, maxPoints: 0 });
    expect(t.note).toContain('LLM app built on pretrained models');
    expect(r.stages.training).toMatchObject({ detected: false, status: 'not-applicable' });
    expect(r.nextActions.some((a) => a.rule === 'stage-training')).toBe(false);
    const md = renderMarkdown(buildReport([r], NOW));
    expect(md).toContain('➖ Training');
    expect(md).toContain('LLM app built on pretrained models: nothing is trained, so the training stage does not apply and is left out of the score.');
    expect(renderText(buildReport([r], NOW))).toContain('LLM app built on pretrained models');
  });

  it('near miss: declaring an LLM library without importing it is not an LLM app; a fine-tuning LLM project keeps its training', async () => {
    expect((await kindOf({ 'requirements.txt': 'openai==1.40.0\nscikit-learn==1.5.0\n', 'train.py': 'from sklearn.svm import SVC\n' })).families).toEqual([]);
    const ft = await audit({
      ...RAG,
      'finetune.py': 'from transformers import Trainer, TrainingArguments\nfrom openai import OpenAI\nfrom datasets import load_dataset\nds = load_dataset("csv", data_files="data/qa.csv")\ntrainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds["train"])\ntrainer.train()\n',
    });
    const t = ft.rules.find((x) => x.id === 'stage-training')!;
    expect(t.measurable).toBe(true);
    expect(t.score).toBeGreaterThanOrEqual(0.5);
  });
});

describe('stage advice in the project’s own ML language', () => {
  it('a TensorFlow.js project is advised in JavaScript terms, never pandas, scikit-learn or FastAPI', async () => {
    const r = await audit({
      'package.json': '{"dependencies": {"@tensorflow/tfjs-node": "^4.0.0"}}',
      'src/train.js':
        "import * as tf from '@tensorflow/tfjs-node';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [3] }));\n" +
        "model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });\nawait model.fit(xs, ys, { epochs: 20 });\n",
    });
    expect(r.project?.kind).toBe('ml');
    const open = r.rules.filter((x) => x.stage && (x.score ?? 0) < 1);
    expect(open.length).toBeGreaterThan(0);
    for (const x of open) {
      expect(x.remediation, x.id).not.toMatch(/pd\.|read_csv|train_test_split|FastAPI|scikit-learn|sklearn/);
      expect(x.remediation, x.id).toMatch(/JavaScript|TensorFlow\.js|browser|Node/);
    }
    expect(r.rules.find((x) => x.id === 'stage-evaluation')!.remediation).toContain('model.evaluate(xsTest, ysTest)');
  });

  it('a Julia project is read in Julia terms and advised in Julia, never pandas or scikit-learn', async () => {
    const r = await audit({
      'a2/example_knn.jl':
        'using JLD, Statistics, Flux\nX = load("data/cities.jld", "X")\ny = load("data/cities.jld", "y")\n' +
        'model = knn(X, y, 3)\nyhat = model.predict(X)\ntrainError = mean(yhat .!= y)\n',
    });
    expect(r.project?.kind).toBe('ml');
    const stage = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(stage('stage-data').score).toBe(1);
    // Only the training error: no held-out evaluation, and the advice says how in Julia.
    expect(stage('stage-evaluation').score).toBe(0);
    expect(stage('stage-evaluation').remediation).toMatch(/partition|splitobs/);
    for (const x of r.rules.filter((y) => y.stage && (y.score ?? 0) < 1)) {
      expect(x.remediation, x.id).not.toMatch(/pd\.|read_csv|train_test_split|FastAPI|scikit-learn|sklearn|ColumnTransformer/);
    }
  });

  it('a Spark MLlib project in Scala gets Spark terms for its stages', async () => {
    const r = await audit({
      'src/main/scala/Regression.scala':
        'import org.apache.spark.mllib.regression.LinearRegressionWithSGD\nobject Regression {\n  def main(args: Array[String]) {\n' +
        '    val sc = new SparkContext(conf)\n    val points = sc.textFile("src/main/resources/houses.txt").map(parse)\n' +
        '    val model = LinearRegressionWithSGD.train(points, 100)\n  }\n}\n',
    });
    const stage = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(stage('stage-data').score).toBe(1);
    expect(stage('stage-evaluation').remediation).toMatch(/randomSplit/);
    expect(stage('stage-evaluation').remediation).not.toMatch(/train_test_split/);
    expect(stage('stage-preprocessing').remediation).toMatch(/VectorAssembler/);
  });

  it('a Weka project gets JVM terms; a Python project keeps the rules’ own advice', async () => {
    const weka = await audit({ 'src/main/java/Churn.java': 'import weka.classifiers.trees.J48;\npublic class Churn {\n  void run() throws Exception { J48 tree = new J48(); tree.buildClassifier(train); }\n}\n' });
    expect(weka.rules.find((x) => x.id === 'stage-deployment')!.remediation).toContain('Spring Boot');
    const py = await audit({ 'requirements.txt': 'scikit-learn==1.5.0\n', 'train.py': 'from sklearn.svm import SVC\n' });
    expect(py.rules.find((x) => x.id === 'stage-evaluation')!.remediation).toContain('train_test_split');
  });
});
