/**
 * attack13: a hostile review of what sessions 12 and 13 changed in the judgement (issue #11: "No cheap gaming",
 * "Advice that is right and fits", "History is not generous"). Each open hole is an `it.fails(...)`: the expectation
 * the engine should meet, failing today, so the suite stays green; when a fix lands the `it.fails` itself fails and
 * must become a plain `it`. The plain `it`s are holes closed on this branch (numbers before → after) and honest shapes
 * measured to be treated fairly.
 *
 * Measured on the weak repo of gaming-attack.ts (one notebook, a one-line README, one upload commit: 37.5 F, data +
 * training detected), or on `worked()` repos of attack12-repos.ts (twelve commits of work over six weeks):
 *
 *   trick / shape                                                        before        after this branch
 *   40 four-line commits "feat: update data.py (step N)" over 90 days     37.5 → 50.3   38.8 (hist14: one message with a counter; data.py dead)
 *     the same commits to a data.py the notebook imports and runs          –              44.2 (message quality 0: the counter)
 *   the same with varied generated subjects ("Refactor plots in data.py") 37.5 → 50.3   38.8 (hist14: commits to code nothing runs are not work)
 *   README project tree of src/ app/ … each holding only a `.gitkeep`     37.5 → 41.4   readme-links fails (the folders are empty)
 *   a later commit of three `.gitkeep` files                              37.5 → 41.6   38.2 (not work; one-shot names the upload)
 *   PyCaret `evaluate_model(best)` under `import *`, nothing else         37.5 → 46.7   no evaluation (needs `setup(`)
 *   fastai `ClassificationInterpretation.from_learner(learn)` alone       37.5 → 46.7   no evaluation (needs a learner made)
 *   Surprise `cross_validate(algo, data, measures=["RMSE"])`, names free   37.5 → 46.7   no evaluation (needs ratings loaded)
 *   PyCaret `compare_models()` with no `setup(` (repo reading its CSV only) 29.7 → 40.5   32.6, no training (stage-training)
 *   fastai `learn.fine_tune(1)` alone, `learn` never made (same repo)     29.7 → 37.5   no training (needs a learner made)
 *   preprocessing calls inside a printed triple-quoted HELP string        37.5 → 45.4   37.5 (hist14: skipStrings, not detected)
 *   README sections as bold lines / "Label:" lines / Chinese / Markdown   41.4 each     (parity: one-word sections +3.9)
 *   retyped trainer + a padding file of one line ×400 (not-a-known-copy)  copy 0 → 1   0 (distinct k-grams, not tokens)
 *   Iris in Go on gobrain, README says so                                 29.8 F not ML 49.1 D not measurable (gobrain listed)
 *   logistic regression from scratch in Rust on ndarray (`fn step`)       29.8 F not ML 49.1 D not measurable (hist14: epoch loop + update)
 *   40 days of real work under "fix"/"wip"/"more"                         44.2 vs 50.3 described (−6.1: a judgement, kept)
 *   "Final project for CS 4641" in the README of own work                 56.5 C, no-course-readme passes (fair)
 *   FastAPI app whose module docstring shows `np.array(rows)`             deployment 1 → 0   1 (docstring lines are text)
 *   RL agent: README advice names Kaggle and an F1 / ROC-AUC table        environment, episodes, mean return (remediationByKind)
 *   RAG app: evaluation advice says "hold out a test set (train_test_split" an evaluation set of questions (remediationByKind)
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { runExample } from '../../src/rules/examples.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW, commit, nb, weakRepo } from './gaming-attack.js';
import { weakWith, type Repo } from './attack11-repos.js';
import { worked } from './attack12-repos.js';
import { GO_GOBRAIN, GO_GOBRAIN_README, Q_LEARNING, RAG_APP, RUST_SPAM, RUST_SPAM_README } from './attack13-repos.js';

const DAY = 86_400_000;
const rules = loadRules();
const audit = (r: Repo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const rule = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!;
const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k).sort();

/** The weak repo whose notebook only reads its CSV (no model: data detected, 29.7 F), with these files in its upload. */
function dataOnlyWith(files: Record<string, string>): Repo {
  const r = weakWith(files);
  r.files['Churn.ipynb'] = nb(['import pandas as pd\n', "df = pd.read_csv('churn.csv')\ndf.head()\n"]);
  return r;
}

/**
 * The weak repo and 40 commits over 90 days, each appending a 4-line function to data.py under `subject(i)`; with
 * `used`, the notebook imports data.py and runs its functions (work on the project), else nothing does (padding).
 */
function padded(subject: (i: number) => string, lines = 4, used = false): Repo {
  const r = weakRepo();
  if (used) r.files['Churn.ipynb'] = nb([
      'import pandas as pd\nimport data\nfrom sklearn.linear_model import LogisticRegression\n',
      "df = data.step_0(pd.read_csv('churn.csv'))\ndf.head()\n",
      "X = df.drop(columns=['churn'])\ny = df['churn']\nmodel = LogisticRegression()\nmodel.fit(X, y)\n",
    ]);
  const body: string[] = [];
  for (let i = 0; i < 40; i++) {
    body.push(`def step_${i}(df):`, `    df['f${i}'] = df['a'] * ${i}`, `    df['g${i}'] = df['b'] + ${i}`, '    return df');
    r.commits.unshift(commit(new Date(NOW.getTime() - (90 - i * 2.2) * DAY), subject(i), ['data.py'], undefined, lines));
  }
  r.files['data.py'] = body.join('\n') + '\n';
  return r;
}

describe('attack13: gaming what sessions 12 and 13 measure', () => {
  it('the weak repo the attacks start from (37.5 F, data + training)', async () => {
    const base = await audit(weakRepo());
    expect(detected(base)).toEqual(['data', 'training']);
    expect(base.score).toBeLessThan(40);
  });

  // hist12 weighs count, days and span by the share of informative messages; a script that writes one subject with a
  // step number passed every message as "says what changed" (repeatedSubjects compared subjects with their digits:
  // 40 distinct). 37.5 → 50.3 (+12.8), history-message-quality 1.0. Fixed (hist14): `normal()` (message-quality.ts)
  // makes every run of digits one mark, so a counter or a date does not make a message new; the rule examples and
  // tests that faked distinct work with "{n}" now use distinct described subjects (src/rules/example-subjects.ts).
  it('40 generated "feat: update data.py (step N)" commits do not rate as described work (measured: message quality 1.0, +12.8)', async () => {
    const [base, r] = await Promise.all([audit(weakRepo()), audit(padded((i) => `feat: update data.py (step ${i})`))]);
    expect(rule(r, 'history-message-quality').score).toBeLessThan(0.5);
    expect(r.score - base.score).toBeLessThan(10);
  });

  // The same padding under subjects a generator varies (verb × topic × file): each distinct, each "informative".
  // 40 four-line commits to one file that nothing imports; the measures saw commits, days and messages, never
  // whether the changed code is part of the project. 37.5 → 50.3 (+12.8). Fixed (hist14, prepared.ts
  // unreachedCommits): a commit whose every file is Python code nothing runs or imports is not work.
  it('40 generated four-line commits to a file nothing imports add less than 10 points, however their subjects vary (measured +12.8)', async () => {
    const verbs = ['Add', 'Refactor', 'Improve', 'Fix', 'Update'];
    const topics = ['feature engineering', 'data cleaning', 'model training', 'evaluation metrics', 'preprocessing pipeline', 'plots', 'config handling', 'logging'];
    const [base, r] = await Promise.all([audit(weakRepo()), audit(padded((i) => `${verbs[i % 5]} ${topics[(i * 3) % 8]} in data.py`))]);
    expect(r.score - base.score).toBeLessThan(10);
  });

  // The same with a line of notes.md or the README changed in each commit: prose beside dead code does not make it work;
  // the same commits to a data.py the notebook imports and runs do count (the honest shape below).
  it('40 commits to a file nothing imports, each with a notes or README line beside it, add less than 10 points', async () => {
    const withProse = (used: boolean): Repo => {
      const r = padded((i) => `Add ${['ratio', 'sum', 'lag', 'bucket'][i % 4]} feature ${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'][i % 10]}`, 4, used);
      r.files['notes.md'] = '# notes\n';
      r.commits.forEach((c, i) => {
        if (c.paths?.[0] !== 'data.py') return;
        c.paths = ['data.py', i % 2 ? 'notes.md' : 'README.md'];
        c.filesChanged = 2;
      });
      return r;
    };
    const [base, dead, live] = await Promise.all([audit(weakRepo()), audit(withProse(false)), audit(withProse(true))]);
    // Measured +3.0, all of it history-one-shot (0 → 1): the dead data.py and notes.md still count as files of the tree,
    // so the notebook's upload is "50% of the 4 files" (open: a file nothing runs diluting the upload's share).
    expect(dead.score - base.score).toBeLessThan(10);
    expect(rule(dead, 'history-commit-count').score).toBe(rule(await audit(weakRepo()), 'history-commit-count').score);
    expect(rule(dead, 'history-commit-count').evidence[0]!.detail).toMatch(/40 commits changing only code nothing runs or imports not counted/);
    expect(live.score - base.score).toBeGreaterThan(5);
  });

  // Fixed (readme-links): a code folder a project tree lists must hold something besides placeholders. Before: the
  // four folders "resolved", readme-links 1.0, 37.5 → 41.4.
  it('a README project tree whose code folders hold only `.gitkeep` does not pass readme-links (measured 1.0, +3.9)', async () => {
    const tree = '# churn\n\n## Project structure\n```\nchurn/\n├── src/\n├── notebooks/\n├── scripts/\n└── app/\n```\n';
    const keeps = Object.fromEntries(['src', 'notebooks', 'scripts', 'app'].map((d) => [`${d}/.gitkeep`, '']));
    const r = await audit(weakWith({ 'README.md': tree, ...keeps }));
    const links = rule(r, 'readme-links');
    expect(links.outcome).toBe('fail');
    expect(links.evidence[0]!.detail).toContain('a folder holding only placeholders');
    // The same tree over folders of code passes.
    const real = await audit(weakWith({ 'README.md': tree, ...Object.fromEntries(['src', 'notebooks', 'scripts', 'app'].map((d) => [`${d}/main.py`, 'print(1)\n'])) }));
    expect(rule(real, 'readme-links').outcome).toBe('pass');
  });

  // Fixed (prepared.ts stubCommits, one-shot.ts): a commit of three empty `.gitkeep` files counted as a commit of work
  // (three files, lines not counted) and outnumbered the two-file notebook upload, so one-shot named it the upload and
  // found the notebook's upload to be "other work": 37.5 → 41.6, one-shot 0 → 0.7. Now 38.2 (its message still rated,
  // as a small commit's: half weight).
  it('a later commit of three `.gitkeep` files is not work, and the notebook is still the upload (measured 37.5 → 41.6)', async () => {
    const r = weakRepo();
    const keeps = ['src/.gitkeep', 'app/.gitkeep', 'tests/.gitkeep'];
    for (const k of keeps) r.files[k] = '';
    r.commits.unshift(commit(new Date(NOW.getTime() - 10 * DAY), 'Set up the project folders', keeps));
    const [base, a] = await Promise.all([audit(weakRepo()), audit(r)]);
    expect(rule(a, 'history-one-shot').score).toBe(0);
    expect(rule(a, 'history-one-shot').evidence[0]!.detail).toContain('Add files via upload');
    expect(rule(a, 'history-commit-count').score).toBe(0);
    expect(rule(a, 'history-active-days').score).toBe(0);
    expect(a.score - base.score).toBeLessThan(1.5);
  });

  // The stage signs session 12–13 added for PyCaret, fastai and Surprise need only the library's import in the file
  // (sameFile), and `realInputs` is skipped under `from … import *` (openNames) or for these patterns: a one-line
  // dead eval.py makes evaluation "detected", +9.2 each. Fixed (session 13, stage-evaluation `sameFile`): PyCaret's `evaluate_model(x)` beside `setup(` and a model made in the file
  // (`create_model(` / `compare_models(` / `tune_model(`); fastai's interpretation beside a learner made in the file;
  // Surprise's `cross_validate(algo, data` with both names bound in the file.
  it.each([
    ['PyCaret `evaluate_model(best)` under `import *`', 'from pycaret.classification import *\nevaluate_model(best)\n'],
    ['fastai `ClassificationInterpretation.from_learner(learn)` alone', 'from fastai.vision.all import *\ninterp = ClassificationInterpretation.from_learner(learn)\n'],
    ['Surprise `cross_validate` on names never bound', 'from surprise.model_selection import cross_validate\ncross_validate(algo, data, measures=["RMSE"], cv=5)\n'],
  ])('%s detects no evaluation (measured: detected, +9.2)', async (_name, code) => {
    const [base, r] = await Promise.all([audit(weakRepo()), audit(weakWith({ 'eval.py': code }))]);
    expect(detected(r)).toEqual(['data', 'training']);
    expect(r.score - base.score).toBeLessThan(3);
  });

  // Fixed (stage-training): PyCaret's `compare_models()` / `create_model("…")` counted as training under
  // `from pycaret.classification import *` with no `setup(` anywhere (PyCaret raises without it); realInputs cannot
  // judge a star import. On a repo that only reads its CSV (29.7 F, data): 40.5 D, training detected (+10.8); now
  // 32.6 (the 0.38 left is stage-evaluation's `compare_models` sign, weight 0.75: tune13's area).
  it('a PyCaret `compare_models()` with no `setup(` detects no training (measured 29.7 → 40.5, training detected)', async () => {
    const [base, r] = await Promise.all([audit(dataOnlyWith({})), audit(dataOnlyWith({ 'train.py': 'from pycaret.classification import *\nbest = compare_models()\n' }))]);
    expect(detected(base)).toEqual(['data']);
    expect(detected(r)).toEqual(['data']);
    expect(r.score - base.score).toBeLessThan(5);
  });

  // fastai's `.fine_tune(` (and `.fit_one_cycle(`) is a training sign of weight 2 with no condition; under
  // `from fastai.vision.all import *` the free-name check cannot tell that `learn` was never made. Same repo: 29.7 →
  // 37.5, training detected (+7.8). Fixed (session 13): fastai's fits count beside a learner made in the file
  // (`vision_learner(`, `Learner(`, `load_learner(`).
  it('a lone fastai `learn.fine_tune(1)` on a learner never made detects no training (measured: detected, +7.8)', async () => {
    const r = await audit(dataOnlyWith({ 'train.py': 'from fastai.vision.all import *\nlearn.fine_tune(1)\n' }));
    expect(detected(r)).toEqual(['data']);
  });

  // Docstrings are blanked for the stage signs, but a triple-quoted string that is a value (a HELP text, a prompt) was
  // read as code line by line: preprocessing calls typed in it were "detected", 37.5 → 45.4. Fixed (hist14): the code
  // probe's `skipStrings` (stage-preprocessing) leaves out the lines inside a Python triple-quoted string; stage-data
  // keeps reading them (SQL in `pd.read_sql("""SELECT … FROM …""")` is a data sign).
  it('preprocessing calls inside a printed triple-quoted HELP string detect no preprocessing (measured: detected, +7.9)', async () => {
    const help = 'import pandas as pd\nHELP = """\nX = StandardScaler().fit_transform(X)\nscaler = MinMaxScaler()\ndf = df.fillna(0)\n"""\nprint(HELP)\n';
    const r = await audit(weakWith({ 'pipeline.py': help }));
    expect(detected(r)).toEqual(['data', 'training']);
  });

  // readme12 reads sections from bold lines, "Label:" lines and headings in more languages. One word under each of
  // five sections earns the same +3.9 in every form: parity, and well under the partial credit of real sections.
  it('one-word README sections earn the same little in every heading form (measured 41.4 each, +3.9)', async () => {
    const md = (lines: string[]): string => lines.join('\n') + '\n';
    const forms = [
      md(['# churn', '', '## Problem', 'Churn.', '', '## Dataset', 'A CSV.', '', '## Installation', 'pip.', '', '## Usage', 'Run it.', '', '## Results', 'Good.']),
      md(['# churn', '', '**Problem**  ', 'Churn.', '', '**Dataset**  ', 'A CSV.', '', '**Installation**  ', 'pip.', '', '**Usage**  ', 'Run it.', '', '**Results**  ', 'Good.']),
      md(['# churn', '', 'Problem:', 'churn.', '', 'Dataset:', 'csv.', '', 'Installation:', 'pip.', '', 'Usage:', 'run.', '', 'Results:', 'good.']),
      md(['# churn', '', '## 问题', '流失。', '', '## 数据集', 'CSV。', '', '## 安装', 'pip。', '', '## 使用方法', '运行。', '', '## 结果', '好。']),
    ];
    const base = await audit(weakRepo());
    const scores = await Promise.all(forms.map(async (readme) => (await audit(weakWith({ 'README.md': readme }))).score));
    for (const s of scores) {
      expect(s).toBe(scores[0]);
      expect(s - base.score).toBeLessThan(5);
    }
  });
});

describe('attack13: the catalogue\'s "retyped whole" measure', () => {
  // Fixed (winnow.ts): "the files retyped whole hold half or more of its code" counted normalised tokens, so one
  // padding file of a line repeated 400 times (or a 300-key settings dict) beside the retyped trainer made it "not the
  // main code": the bar went back to minShared (40) and a copy (score 0) became "no retype" (1). The amount of code is
  // now the file's distinct k-grams: a repeated line counts once.
  const copy = rules.rules.find((r) => r.id === 'not-a-known-copy')!;
  const ex = copy.examples!.fail.find((e) => e.name.startsWith("the largest code file is a template's trainer retyped whole"))!;
  it.each([
    ['400 repeated logging lines', { 'rent/logs.py': `import logging\nlog = logging.getLogger(__name__)\n\ndef trace():\n${Array.from({ length: 400 }, (_, i) => `    log.info("step", ${i})`).join('\n')}\n` }],
    ['a 300-key settings dict', { 'rent/settings.py': `SETTINGS = {\n${Array.from({ length: 300 }, (_, i) => `    "k${i}": ${i},`).join('\n')}\n}\n` }],
  ])('a retyped trainer stays a copy beside %s (measured: score 0 → 1)', async (_name, extra) => {
    expect((await runExample(copy, rules, ex)).score).toBe(0);
    expect((await runExample(copy, rules, { ...ex, files: { ...ex.files, ...extra } })).score).toBe(0);
  });
});

describe('attack13: honest shapes', () => {
  // Fixed (project-kind.ts): gobrain (github.com/goml/gobrain), a Go neural-network library, was in neither Go list;
  // the README's words alone never lift an app out of not-ML and `ff.Train(…)` is a call, not a training routine the
  // fact looks for (a definition). 29.8 F "not an ML project" → 49.1 D, "pipeline not measurable: Go".
  it('Iris on gobrain in Go is an ML project the rules cannot measure, not "not ML" (measured 29.8 F)', async () => {
    const r = await audit(worked('cand/iris', { 'README.md': GO_GOBRAIN_README, ...GO_GOBRAIN }));
    expect(r.project?.kind).toBe('unknown-language');
    expect(r.score).toBeGreaterThan(45);
  });

  // A model written from scratch on a numeric library (Rust ndarray here; Go gonum, C# MathNet.Numerics alike), its
  // training method named `step`/`update`/`gradient_descent` rather than train/fit, and a README that says what it
  // is: "not ML", 29.8 F (the same repo with `fn train(` is 49.1 D, not measurable). Common among "from scratch in
  // Rust/Go" learning repos. Lifting it on README words plus a numeric-library import would reopen attack12's hole
  // (README words were +20 to a Go web site) at the price of one import line. Fixed (hist14, project-kind.ts): a code
  // sign of training under any method name — in one file of 30+ code lines, a loop over epochs and a weight updated
  // from a learning rate — counts as the training routine beside a README that names ML.
  it('logistic regression written from scratch in Rust on ndarray is not called "not ML" (measured 29.8 F, not ML)', async () => {
    const r = await audit(worked('cand/spam', { 'README.md': RUST_SPAM_README, ...RUST_SPAM }));
    expect(r.project?.kind).toBe('unknown-language');
    expect(r.project?.note).toBe('pipeline not measurable: Rust is not analysed');
    // The README's words alone still do not: the same README over a Rust CLI with no training loop is not ML.
    const cli = await audit(worked('cand/spam', { 'README.md': RUST_SPAM_README, 'src/main.rs': RUST_SPAM['src/main.rs']!.replace(/for epoch in 0\.\.200/, 'if true'), 'Cargo.toml': RUST_SPAM['Cargo.toml']! }));
    expect(cli.project?.kind).toBe('not-ml');
  });

  // hist12: a real 40-day history of 40-line commits under "fix", "wip", "more", "update" costs message quality and
  // halves count, days and span: 44.2 vs 50.3 for the same commits described (−6.1). The labellers rate such a
  // history lower (calibration sets 5–22); the cost stays under 10 points.
  it('40 days of real work under terse messages costs less than 10 points against the same work described (measured −6.1)', async () => {
    const terse = ['wip', 'fix', 'update', 'more', 'fix'];
    const described = ['Add churn feature engineering', 'Fix leakage in the tenure split', 'Tune the regularisation C', 'Plot the ROC curve', 'Impute the missing totals'];
    const [a, b] = await Promise.all([audit(padded((i) => terse[i % 5]!, 40, true)), audit(padded((i) => `${described[i % 5]!} (${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'][Math.floor(i / 5)]!})`, 40, true))]);
    expect(rule(a, 'history-message-quality').score).toBe(0);
    expect(b.score - a.score).toBeGreaterThan(0);
    expect(b.score - a.score).toBeLessThan(10);
  });

  it('a README that says "Final project for CS 4641" of the candidate\'s own work is not course material', async () => {
    const readme =
      '# Predicting Loan Default\n\nFinal project for CS 4641 (Machine Learning) at Georgia Tech, Fall 2024. Team of three.\n\n## Problem\nWe predict which loans default from the Lending Club data.\n\n## Results\nOur gradient boosting model reaches 0.74 ROC-AUC on a held-out test set.\n';
    const train =
      'import pandas as pd\nfrom sklearn.ensemble import GradientBoostingClassifier\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.metrics import roc_auc_score\ndf = pd.read_csv("data/loans.csv")\nX = df.drop(columns=["default"])\ny = df["default"]\nX_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)\nm = GradientBoostingClassifier().fit(X_tr, y_tr)\nprint(roc_auc_score(y_te, m.predict_proba(X_te)[:, 1]))\n';
    const r = await audit(worked('cand/loan', { 'README.md': readme, 'train.py': train }));
    expect(rule(r, 'no-course-readme').outcome).toBe('pass');
  });

  // Fixed (unbound-alias.ts): the `runnable` check read lines inside triple-quoted strings, so a module docstring
  // showing `np.array(rows)` made the app "call np without importing it" and voided its deployment stage (1 → 0).
  it('a FastAPI app whose docstring shows `np.array(rows)` keeps its deployment stage (measured 1 → 0)', async () => {
    const app =
      '"""Fraud scoring API.\n\nExample:\n    np.array(rows) is what the client sends\n"""\nfrom fastapi import FastAPI\nimport joblib\nimport pandas as pd\n\napp = FastAPI()\nmodel = joblib.load("model.pkl")\n\n\n@app.post("/predict")\ndef predict(payload: dict):\n    frame = pd.DataFrame([payload])\n    return {"fraud": float(model.predict_proba(frame)[0, 1])}\n';
    const r = await audit(worked('cand/fraud', { 'README.md': '# fraud\n', 'app.py': app, 'model.pkl': 'x' }));
    expect(rule(r, 'stage-deployment').score).toBe(1);
    // Still a NameError outside the string.
    const broken = await audit(worked('cand/fraud', { 'README.md': '# fraud\n', 'app.py': app.replace('import pandas as pd\n', ''), 'model.pkl': 'x' }));
    expect(rule(broken, 'stage-deployment').score).toBe(0);
  });
});

describe('attack13: advice that fits the kind', () => {
  const texts = (r: AuditedRepoReport): string[] => [...r.nextActions.map((a) => a.text), ...(r.fixFirst?.groups ?? []).flatMap((g) => g.rules.map((x) => x.text))];

  // readme-dataset and readme-results have one remediation for every kind: a tabular Q-learning agent is told to
  // name a Kaggle/UCI dataset with rows × columns and to put a `| model | F1 | ROC-AUC |` table in the README
  // (stage-evaluation had `kindRemediation.rl`, a code-probe param; the README rules had no such thing). RL results are episode returns
  // against a random baseline; its "data" is the environment.
  // Fixed (session 13): rules carry `remediationByKind` (rl, llm-app) beside `remediationByLanguage`
  // (src/project-language.ts `remediationFor`): readme-dataset asks an agent for its environment and the experience it
  // learnt from, readme-results for the mean return over evaluation episodes against a random policy. (The commit
  // message advice's example "F1 0.61 → 0.64" is an example of a message, not advice on the project: left out here.)
  it('a Q-learning agent is not told to name a Kaggle dataset or report F1 / ROC-AUC', async () => {
    const r = await audit(worked('cand/rl', { 'README.md': '# FrozenLake Q-learning\n\nTabular Q-learning agent.\n', 'q_learning.py': Q_LEARNING }));
    expect(r.project?.families).toContain('rl');
    const advice = r.nextActions.filter((a) => /^(readme|stage)-/.test(a.rule));
    for (const a of advice) expect(a.text).not.toMatch(/Kaggle|ROC-AUC|\bF1\b|train_test_split/);
    // Every failing README or stage rule's own advice, in or out of the list.
    const failing = r.rules.filter((x) => /^(readme|stage)-/.test(x.id) && x.score !== null && x.score < 1);
    expect(failing.map((x) => x.id)).toEqual(expect.arrayContaining(['readme-dataset', 'readme-results']));
    for (const x of failing) expect(x.remediation).not.toMatch(/Kaggle|ROC-AUC|\bF1\b|train_test_split/);
    expect(failing.find((x) => x.id === 'readme-results')!.remediation).toMatch(/mean return over separate evaluation episodes/);
  });

  // stage-evaluation's remediation for an LLM app (nothing trained; stage-training not applicable) is the tabular one:
  // "Measure the model on data it did not train on … hold out a test set (`train_test_split` …)", worth +8.5 in
  // next actions. The rule already recognises an LLM app's evaluation (an eval set of questions with expected answers,
  // a RAGAS / LLM-as-judge run): it wants advice for `llm-app` saying so. Fixed (session 13): stage-evaluation's
  // `remediationByKind.llm-app` (an evaluation set of questions, retrieval hit rate, an LLM judge, a no-retrieval baseline).
  it('a RAG app is not told to hold out a test set with train_test_split', async () => {
    const r = await audit(
      worked('cand/rag', {
        'README.md': '# Handbook QA\n\nA RAG chatbot over our HR handbook PDFs with LangChain, Chroma and GPT-4o-mini.\n',
        'app.py': RAG_APP,
        'requirements.txt': 'langchain-community==0.2.1\nlangchain-openai==0.1.8\nlangchain-chroma==0.1.1\nstreamlit==1.35.0\n',
      }),
    );
    expect(r.project?.families).toContain('llm-app');
    for (const t of texts(r)) expect(t).not.toMatch(/train_test_split|data it did not train on/);
  });
});
