/**
 * attack20: the tricks a candidate would try on this session's merged changes (issue #11, "No cheap gaming"): err18's
 * stage-training gate (a model constructor or a `train*` function counts only where something learns) and the rest.
 * Each open hole is an `it.fails(...)`: the expectation the engine should meet, failing today. Plain `it`s are tricks
 * measured to fail (or closed on this branch).
 *
 *   trick on a change                                                            measured
 *   closed (plain \`it\`): a notebook-only repo's unfitted classifier and logging \`train_model\` (the reach not judged
 *   without a Python file, the gate was lenient) +7.8; a \`compute_profit(\` helper as the "fit" +7.8; a scatter's
 *   \`c=y, alpha=0.4\` as a learning-rate update, a \`grades\` column as a gradient, each +3.9 (the train function).
 *   measured to fail: a "# model.fit(X, y)" comment; a missing own module imported in a \`try:\`.
 *   closed by gate20: an own function named \`fit_report(\` that fits nothing +7.8 (an own fit-named function is what its
 *   body does); a missing own module imported at the top +7.8 (held against the file when its folder is listed in full).
 *   open (it.fails below): a settings dict's \`cfg.update(\` as a learning step +3.9; precision/recall in Node over counts
 *   filtered from arrays typed into the file +4.0.
 *
 * Run with ATTACK20_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, DATA_ONLY, detected } from './attack-audit.js';
import { nb } from './gaming-attack.js';
import { weakWith } from './attack11-repos.js';

const LOG = process.env.ATTACK20_LOG === '1';

/** A notebook that reads its CSV and builds a classifier in a `train_model` that never fits it, with `extra` cells. */
const unfitted = (extra: string[] = [], py = true) =>
  weakWith({
    ...(py ? { 'src/clean.py': 'import pandas as pd\n\ndef clean(df):\n    return df.dropna()\n' } : {}),
    'Churn.ipynb': nb([
      'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n',
      "df = pd.read_csv('churn.csv')\nX = df.drop(columns=['churn'])\ny = df['churn']\n",
      'def train_model(X, y):\n    clf = LogisticRegression(max_iter=500)\n    print("trained", clf)\n    return clf\nmodel = train_model(X, y)\n',
      ...extra,
    ]),
  });

describe('attack20: the learning gate of stage-training (sameFile, orImported)', () => {
  it('a model built and never fitted trains nothing (the base of the tricks below)', async () => {
    const r = await audit(unfitted());
    if (LOG) console.log('unfitted', r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  // A notebook-only repo: no Python file, so the reach is not judged, and the gate was lenient (as for a repo too large
  // to trace): the unfitted classifier and the train function counted, training detected.
  it('a notebook-only repo whose model is built and never fitted trains nothing', async () => {
    const [none, r] = await Promise.all([audit(weakWith({ 'Churn.ipynb': nb(["import pandas as pd\ndf = pd.read_csv('churn.csv')\ndf.head()\n"]) })), audit(unfitted([], false))]);
    if (LOG) console.log('notebook only', none.score, r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  const tricks: Array<[string, string]> = [
    ['a helper named for a profit (`compute_profit(`) called', 'def compute_profit(d):\n    return (d["charges"] * 0.2).sum()\nprint(compute_profit(df))\n'],
    ['a "# model.fit(X, y)" comment', '# model.fit(X, y)\nprint(model)\n'],
    ['a scatter plot with a transparency (`c=…, alpha=0.4`)', 'import matplotlib.pyplot as plt\nplt.scatter(df["tenure"], df["charges"], c=y, alpha=0.4)\n'],
    ['a column of grades (`grades = …`)', 'grades = df["tenure"] // 12\nprint(grades.value_counts())\n'],
  ];
  for (const [what, cell] of tricks) {
    it(`${what} beside it is no learning step`, async () => {
      const r = await audit(unfitted([cell]));
      if (LOG) console.log(what, r.score, detected(r));
      expect(detected(r)).not.toContain('training');
    });
  }
});

describe('attack20: the learning gate, left open', () => {
  // An own module the reach cannot resolve may do anything, so nothing is held against the file that imports it
  // (`from src.trainer import fit_all` with no src/trainer.py). Measured to fail: the import in a `try:` (only top-level
  // imports are looked at). Open: the same import at the top of the file opens the gate for its unfitted classifier and
  // logging `train_model`: 32.4 → 40.2 (+7.8). The script would stop at its first line, but an honest repository whose
  // module is missing from the snapshot (an LFS pointer, a .gitignore'd `src/settings.py`) reads the same; what would
  // close it: a missing module under a folder the clone lists in full held against the file — closed by gate20 (lenient
  // still when the listing is truncated, a .gitignore ignores the module, or its folder is not listed).
  const stepFile = (imp: string) =>
    weakWith({
      'Churn.ipynb': nb(DATA_ONLY),
      'src/clean.py': 'def clean(df):\n    return df.dropna()\n',
      'steps/model_step.py': `import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n${imp}\ndef train_model(X, y):\n    clf = LogisticRegression(max_iter=500)\n    print("trained", clf)\n    return clf\n\nif __name__ == "__main__":\n    df = pd.read_csv("churn.csv")\n    train_model(df.drop(columns=["churn"]), df["churn"])\n`,
    });
  it('an own import that is not there, in a try, does not open the gate', async () => {
    const [base, r] = await Promise.all([audit(stepFile('')), audit(stepFile('try:\n    from src.trainer import fit_all\nexcept ImportError:\n    fit_all = None\n'))]);
    if (LOG) console.log('missing own import in a try', base.score, r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  // A file of thousands of own imports over a large listing: each import was tested against every listed path (2,000
  // imports over 8,000 files: a CLI audit 2.9 → 4.7 s, measured by hand, not asserted here). The listing is now indexed
  // once and a file's first 64 own imports are looked up; this pins the verdict that must not change with it: the
  // missing module behind 2,000 present ones (folders) makes nothing lenient.
  it('a missing own import behind thousands of present ones does not open the gate either', async () => {
    const present: Record<string, string> = {};
    const imports: string[] = [];
    for (let i = 0; i < 2000; i++) {
      present[`src/m${i}/notes.md`] = `part ${i}\n`;
      imports.push(`from src.m${i} import X${i}`);
    }
    const repo = stepFile(`${imports.join('\n')}\nfrom src.trainer import fit_all\n`);
    Object.assign(repo.files, present);
    repo.commits[0]!.paths = Object.keys(repo.files);
    repo.commits[0]!.filesChanged = repo.commits[0]!.paths.length;
    const r = await audit(repo);
    if (LOG) console.log('2,000 own imports, then a missing one', r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  it('an own import that is not there, at the top, does not open the gate', async () => {
    const r = await audit(stepFile('from src.trainer import fit_all\n'));
    if (LOG) console.log('missing own import', r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  // Open: `.update(` is a learning step (optax's `optimizer.update(grads, state)`, River's and online learners'
  // `model.update(x, y)`, a Bayesian posterior's) and a settings dict's `cfg.update({...})` is the same call: beside an
  // unfitted classifier and a `train_model` that only logs it, the train function counts again, 29.7 → 33.6 (+3.9; the
  // constructor stays out, it needs a fit). The receiver's name does not tell a dict from a learner; what would close it
  // is knowing `cfg` was bound to a dict literal — not tried.
  // Open: a function of the candidate's own named for a fit (`def fit_report(d): print(d.describe())`, called) is a fit:
  // the gate must let an own `fit_and_tune(` that fits in turn count, and does not look inside it. 29.7 → 37.5 (+7.8).
  // Closed by gate20: an own fit-named function's calls and def do not count; its body's lines speak for themselves.
  it('an own function named for a fit that fits nothing does not open the gate', async () => {
    const r = await audit(unfitted(['def fit_report(d):\n    print(d.describe())\nfit_report(df)\n']));
    if (LOG) console.log('fit_report', r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
  it.fails('a settings dict updated (`cfg.update(`) beside it is no learning step', async () => {
    const r = await audit(unfitted(['cfg = {"seed": 1}\ncfg.update({"run": "a"})\nprint(cfg)\n']));
    if (LOG) console.log('cfg.update', r.score, detected(r));
    expect(detected(r)).not.toContain('training');
  });
});

/** A Node anomaly detector: a CSV streamed through csv-parser, an isolation forest fitted, `metrics` appended. */
const nodeForest = (metrics: string) =>
  weakWith({
    'package.json': JSON.stringify({ name: 'fraud', dependencies: { 'isolation-forest': '^0.0.9', 'csv-parser': '^3.0.0' } }),
    'index.js': `const fs = require('fs');\nconst csv = require('csv-parser');\nconst { IsolationForest } = require('isolation-forest');\nconst rows = [];\nfs.createReadStream('data/transactions.csv').pipe(csv()).on('data', (r) => rows.push(r)).on('end', () => {\n  const X = rows.map((r) => [Number(r.amount), Number(r.hour)]);\n  const forest = new IsolationForest();\n  forest.fit(X);\n  const scores = forest.scores();\n  const yPred = scores.map((s) => (s > 0.6 ? 1 : 0));\n  const yTrue = rows.map((r) => Number(r.fraud));\n${metrics}});\n`,
  });

describe('attack20: precision and recall over filtered counts (stage-evaluation, JavaScript)', () => {
  // Open: the counts may be filtered from arrays typed into the file (`const typed = [1, 1, 0, 1]`): the evaluation stage
  // counts, 37.5 → 41.5 (+4.0). The Python tallies (`tp += 1` in a loop) take the same on faith; what would close both is
  // the filtered array traced to a model's output (here `yPred` from `forest.scores()`) — not tried. Requiring a second
  // array indexed in the callback (`yTrue[i]`) would stop this spelling only, and punish `rows.filter((r) => r.pred === 1 && r.label === 1)`.
  it.fails('counts filtered from arrays typed into the file are no evaluation', async () => {
    const [base, r] = await Promise.all([
      audit(nodeForest('  console.log(yPred.length);\n')),
      audit(nodeForest('  const typed = [1, 1, 0, 1];\n  const tp = typed.filter((v) => v === 1).length;\n  const fp = typed.filter((v) => v === 0).length;\n  const fn = typed.filter((v, i) => i > 2 && v === 1).length;\n  console.log(tp / (tp + fp), tp / (tp + fn));\n')),
    ]);
    if (LOG) console.log('typed counts', base.score, detected(base), r.score, detected(r));
    expect(detected(r)).not.toContain('evaluation');
  });
});
