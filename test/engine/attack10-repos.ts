/**
 * attack10: tricks against session 10's judgement changes (JS/TS and Android serving, the RAG evaluation harness,
 * work after the upload releasing history-one-shot) and honest shapes they penalise. Shared by attack10.test.ts.
 */
import type { Commit } from '../../src/types.js';
import type { MemoryRepo } from '../../src/sources/memory.js';
import { build, commit } from './gaming-attack.js';

type Repo = MemoryRepo & { commits: Commit[] };
const DAY = 86_400_000;

export const ATTACKS: Record<string, (r: Repo) => void> = {
  'two-line Express server.js (a route returning model.predict of nothing defined)': (r) => {
    r.files['server.js'] = "const app = require('express')()\napp.post('/predict', (q, r) => r.json(model.predict(q.body)))\n";
  },
  'three-line Next.js route.ts (POST returning generateText)': (r) => {
    r.files['app/api/predict/route.ts'] = "export async function POST(req) {\n  return Response.json(await generateText({ prompt: 'hi' }))\n}\n";
  },
  'two-line App.kt (Interpreter(x), interpreter.run(a, b))': (r) => {
    r.files['App.kt'] = 'val interpreter = Interpreter(modelFile)\ninterpreter.run(input, output)\n';
  },
  'four-line eval.py: a counter bumped per line of a file named golden_set.json': (r) => {
    r.files['eval.py'] = "answer_correct = 0\nfor q in open('golden_set.json'):\n    answer_correct += 1\nprint(answer_correct)\n";
  },
  'work after the upload: 12 commits over 2 days each appending a comment line to one of 3 stub .py files': (r) => {
    const t0 = new Date(r.commits[0]!.date).getTime();
    const files = ['train.py', 'app.py', 'utils.py'];
    const lines: Record<string, string[]> = { 'train.py': ['x = 1'], 'app.py': ['y = 1'], 'utils.py': ['z = 1'] };
    // Lines changed as git and GitHub count them: three stubs of one line (3 files: not counted), then one comment line
    // a commit.
    r.commits.unshift(commit(new Date(t0 + DAY), 'Add training, app and utils scripts', files, undefined, 3));
    for (let i = 1; i <= 12; i++) {
      const f = files[i % 3]!;
      lines[f]!.push(`# step ${i}`);
      r.commits.unshift(commit(new Date(t0 + (i <= 6 ? 2 : 3) * DAY + i * 3_600_000), `Refactor ${f}: tune parameter handling for step ${i}`, [f], undefined, 1));
    }
    for (const f of files) r.files[f] = lines[f]!.join('\n') + '\n';
  },
};

/** The weak repo with these attacks and (optionally) the older tricks; every file not added by a later commit arrives with the upload. */
export function buildA(attacks: string[], tricks: string[] = []): Repo {
  const r = build(tricks);
  for (const a of attacks) ATTACKS[a]!(r);
  const upload = r.commits[r.commits.length - 1]!;
  const later = new Set(r.commits.slice(0, -1).flatMap((c) => c.paths ?? []));
  upload.paths = Object.keys(r.files).filter((f) => !later.has(f));
  upload.filesChanged = upload.paths.length;
  return r;
}

const withApp = (app: string): Repo => {
  const r = build([]);
  r.files['app.py'] = app;
  r.commits[0]!.paths = Object.keys(r.files);
  r.commits[0]!.filesChanged = Object.keys(r.files).length;
  return r;
};

const APP = [
  'import joblib',
  'import streamlit as st',
  "model = joblib.load('model.pkl')",
  "tenure = st.number_input('tenure')",
  "charges = st.number_input('monthly charges')",
  "st.metric('churn probability', model.predict_proba([[tenure, charges]])[0][1])",
  '',
].join('\n');

/** Honest shapes: `with` should score no lower, and detect no fewer stages, than `without`. */
export const HONEST: Record<string, { with: Repo; without: Repo }> = {
  'a Streamlit app that falls back to a mock model when its weights are missing': {
    without: withApp(APP),
    with: withApp(
      APP.replace(
        "model = joblib.load('model.pkl')",
        "import os\nif os.path.exists('model.pkl'):\n    model = joblib.load('model.pkl')\nelse:\n    model = MockModel()  # the UI still runs without the 200 MB weights",
      ),
    ),
  },
  'a Streamlit app that shows the model beside a DummyClassifier baseline': {
    without: withApp(APP),
    with: withApp(APP + "from sklearn.dummy import DummyClassifier\nbase = DummyClassifier(strategy='most_frequent')\nst.write('baseline', base)\n"),
  },
};
