/**
 * attack14: a hostile review of what session 14 changed in the judgement (issue #11: "No cheap gaming", "Evidence must
 * be substance", "History is not generous"): `heldOutOnly` (in-sample.ts), `notInLoopWith` (loop-context.ts),
 * `tracked` (committed-data.ts), `distinctRows` (repeated-rows.ts), `skipStrings`, scoped UI vetoes, digits collapsed
 * in repeated subjects. Each open hole is an `it.fails(...)`: the expectation the engine should meet, failing today, so
 * the suite stays green; when a fix lands the `it.fails` itself fails and must become a plain `it` (attack15 closed
 * all seven). The plain `it`s are holes closed on this branch (numbers before → after) and honest shapes measured to
 * be treated fairly.
 *
 * Measured on the weak repo of gaming-attack.ts (one notebook, a one-line README, one upload commit: 37.5 F, data +
 * training detected) and variants of it:
 *
 *   trick / shape                                                         before         after this branch
 *   in-sample accuracy + an unused `train_test_split(X, y)` line           37.5 → 45.4   39.5 (no evaluation; +2 is preprocessing's split)
 *   in-sample accuracy + `cols = "a,b".split(",")` or `cv = 5`             37.5 → 45.4   37.5
 *   honest split by slices / iloc / a year mask of one table               45.4 → 37.5   45.4 (evaluation kept)
 *   honest train and test metrics, names reused after the fit (X, y = test…) evaluation lost   kept
 *   honest categorical survey, 3,000 answers, ~160 distinct rows           37.5 → 29.7   37.5 (data kept)
 *   1,000 copies of 10 records + 120 distinct rows appended                29.7 → 37.5   29.7 (a stand-in still)
 *   30 commits "feat: update notebook (step one … )", counter in words     44.2 → 50.3   44.2 (one message with a counter)
 *   honest cleaning script with `c.replace('"""', '')` (skipStrings)       39.6 → 31.7   39.6 (preprocessing kept)
 *   40,000 distinct `open("q/zN.bin")` lines over 5,000 data files          63.6 s        1.7 s (committed-data.test.ts)
 *   a gradient step at the top of a cell beside an empty epoch loop      29.7 → 37.5   33.6 (the empty loop's own +3.9 left)
 *   holes left open here, all closed in attack15 (each test says how; what is left is in attack15.test.ts): a committed
 *   junk file opened (+7.8, an image +9.1); an empty epoch loop (+3.9, older); a dummy `.train()` above a Streamlit
 *   import (+7.9); `for run in range(n_runs): pass` (+3.0); 300 distinct rows appended to 1,000 copies (+7.8); a
 *   counter in letters "(step a)" (+6.1); an honest DQN's greedy episodes summed in the function it trains with (the
 *   sum not counted).
 *
 * Hostile input (timed with a benchmark script, never asserted): 1 MB of `"""` lines 0.8 s, on one line 0.14 s; 1 MB of
 * `open(` 0.10 s; 50,000 distinct `open("d/aN")` lines 2.6 s; a 1 MB table of one repeated row 0.05 s; 32,000 distinct
 * `total_reward +=` lines in a loop that learns 2.2 s (10,000: 1.1 s, linear), in 100 nested loops 1.2 s; 1 MB of
 * fit/predict lines 1.1 s. Only the committed-data match was super-linear (fixed here).
 */
import { describe, expect, it } from 'vitest';
import { audit, detected, rule, DATA_ONLY, NO_DATA } from './attack-audit.js';
import { nb, weakRepo } from './gaming-attack.js';
import { DQN_SHARED_EPISODE, copiedRows, inSample, qLearning, surveyAnswers, thirtyDays, weakNotebook, weakWith, type Repo } from './attack14-repos.js';
import { worked } from './attack12-repos.js';



describe('attack14: in-sample scores (heldOutOnly)', () => {
  // A split anywhere in the file excused an in-sample score, and `\w*split\w*(` matched a string's `.split(",")`, `cv=`
  // matched `cv = 5`: each added evaluation "detected", 37.5 → 45.4 (+7.9). Fixed: a split is seen where it is used
  // (other names, or other subscripts of a name); only cross-validation or a fit that holds data out excuses the file.
  it('an unused train_test_split, a string split or `cv = 5` does not make an in-sample accuracy an evaluation (measured +7.9 each)', async () => {
    const base = await audit(inSample());
    expect(detected(base)).not.toContain('evaluation');
    for (const extra of ['X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n', 'cols = "a,b".split(",")\n', 'cv = 5\n']) {
      const r = await audit(inSample(extra));
      expect(detected(r), extra).not.toContain('evaluation');
      expect(r.score - base.score, extra).toBeLessThan(3);
      expect(rule(r, 'stage-evaluation').evidence.map((e) => e.detail).join('\n'), extra).toMatch(/a training score/);
    }
  });

  // Honest: a split written as slices or a mask of one table. The fit and the prediction took the same base name, so
  // the held-out metric was a "training score": evaluation 1 → 0, 45.4 → 37.5 (−7.9). Fixed: the parts are compared.
  it('a split written as slices, iloc or a date mask of one table keeps its evaluation (measured −7.9)', async () => {
    const head = 'import pandas as pd\nfrom sklearn.ensemble import RandomForestRegressor\nfrom sklearn.metrics import mean_absolute_error\n';
    const load = "df = pd.read_csv('sales.csv')\nX = df[['price', 'promo', 'week']]\ny = df['sales']\ncols = ['price', 'promo']\n";
    for (const fit of [
      'model.fit(X[:800], y[:800])\npred = model.predict(X[800:])\nprint(mean_absolute_error(y[800:], pred))\n',
      'model.fit(X.iloc[:-52], y.iloc[:-52])\npred = model.predict(X.iloc[-52:])\nprint(mean_absolute_error(y.iloc[-52:], pred))\n',
      "model.fit(df[df.year < 2020][cols], df[df.year < 2020]['sales'])\npred = model.predict(df[df.year >= 2020][cols])\nprint(mean_absolute_error(df[df.year >= 2020]['sales'], pred))\n",
    ]) {
      const r = await audit(weakNotebook([head, load, `model = RandomForestRegressor()\n${fit}`]));
      expect(detected(r), fit).toContain('evaluation');
    }
  });

  // Honest: the training rows' metric, then the test rows' under the same names (`X, y = test…` after the fit). On
  // main the reused name was "the data it fits on" and the test metric a training score (evaluation lost; this test
  // failed there). Fixed: a fitted name assigned again after the fit (not a plain copy) is not the fitted data.
  it('a metric on the training rows and one on the test rows reusing the names keep their evaluation', async () => {
    const r = await audit(
      weakNotebook([
        'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score\n',
        "train = pd.read_csv('train.csv')\ntest = pd.read_csv('test.csv')\nX, y = train.drop(columns=['y']), train['y']\n",
        "model = LogisticRegression()\nmodel.fit(X, y)\nprint('train', accuracy_score(y, model.predict(X)))\nX, y = test.drop(columns=['y']), test['y']\nprint('test', accuracy_score(y, model.predict(X)))\n",
      ]),
    );
    expect(rule(r, 'stage-evaluation').score).toBe(1);
  });
});

describe('attack14: tables of repeated rows (distinctRows)', () => {
  // Honest: categorical answers repeat by nature (five questions of two or three answers: at most 162 combinations).
  // 3,000 answers, ~160 distinct (5 %): "a stand-in for data", data 1 → 0, 37.5 → 29.7 (−7.8). Fixed: rows that are
  // combinations of a few values per column (no column tells the rows apart) are not copies.
  it('a categorical survey of 3,000 answers keeps its data stage (measured −7.8)', async () => {
    const [base, r] = await Promise.all([audit(weakRepo()), audit(weakWith({ 'churn.csv': surveyAnswers() }))]);
    expect(rule(r, 'stage-data').score).toBe(1);
    expect(r.score).toBe(base.score);
  });

  // 1,000 copies of 10 records are a stand-in (29.7, no data); 120 distinct rows appended lifted the distinct share
  // over 10 % and bought the data stage back: 29.7 → 37.5 (+7.8). Fixed: the 10 most common rows holding ≥ 80 % of
  // the rows are copies too.
  it('a few distinct rows appended to 1,000 copies of 10 records do not make them data (measured +7.8)', async () => {
    const r = await audit(weakWith({ 'churn.csv': copiedRows(1000, 10, 120) }));
    expect(rule(r, 'stage-data').score).toBe(0);
    expect(rule(r, 'stage-data').evidence.map((e) => e.detail).join('\n')).toMatch(/only 130 distinct/);
  });

  // Any share is a threshold. 300 distinct rows appended (the 10 copied rows now 77 % of the table) passed again:
  // 29.7 → 37.5 (+7.8). Fixed (attack15): more than half the rows copies of rows repeated ≥ 10 times each are copies
  // (a binary table balanced by oversampling is exactly half copies and stays data). What is left: attack15.test.ts.
  it('300 distinct rows appended to 1,000 copies of 10 records do not make them data (measured +7.8)', async () => {
    const r = await audit(weakWith({ 'churn.csv': copiedRows(1000, 10, 300) }));
    expect(rule(r, 'stage-data').score).toBe(0);
  });
});

describe('attack14: committed data opened by path (tracked)', () => {
  // Open: `open()` of any committed file under a folder of ≥ 1 KB counts as data (weight 2, need 2), whatever it holds:
  // 1.2 KB of "x" in data/blob.bin opened and never used buys the data stage, 29.7 → 37.5 (+7.8); an image opened "rb"
  // under images/ 29.7 → 38.8 (+9.1). Substance would be: the file's content looks like records (lines of fields, or a
  // binary of a known data format) and what was read is used.
  it('one open() of a committed junk file does not buy the data stage (measured +7.8, an image +9.1)', async () => {
    const base = await audit(weakNotebook(NO_DATA));
    const junk = await audit(weakNotebook([NO_DATA[0]!, `raw = open("data/blob.bin").read()\n${NO_DATA[1]!}`], { 'data/blob.bin': 'x'.repeat(1200) }));
    const logo = await audit(weakNotebook([NO_DATA[0]!, `logo = open("images/logo.png", "rb").read()\n${NO_DATA[1]!}`], { 'images/logo.png': 'x'.repeat(1200) }));
    expect(detected(base)).toEqual(['training']);
    expect(detected(junk)).not.toContain('data');
    expect(detected(logo)).not.toContain('data');
  });
});

describe('attack14: training from scratch and loops that learn', () => {
  // The NumPy gradient step needed an epoch loop in the same file, not around it: `w -= lr * grad` at the top of a
  // cell beside an empty `for epoch in range(epochs): pass` detected training, 29.7 → 37.5 (+7.8); an
  // `np.linalg.solve` beside an empty `n_iter` loop +3.9. Fixed (`repeated`, loop-context.ts runsRepeatedly): the step
  // counts only inside a loop or a function body. Left: the empty epoch loop itself (+3.9, below).
  it('a gradient-step line taken once beside an empty epoch loop is not training (measured +7.8 → +3.9)', async () => {
    const cell = 'w = 0.0\nlr = 0.1\ngrad = 1.0\nepochs = 3\nfor epoch in range(epochs):\n    pass\nw -= lr * grad\nA = np.eye(2)\nx = np.linalg.solve(A, np.ones(2))\n';
    const [base, r] = await Promise.all([audit(weakNotebook(DATA_ONLY)), audit(weakNotebook([...DATA_ONLY, cell]))]);
    expect(detected(base)).toEqual(['data']);
    expect(rule(r, 'stage-training').score).toBeLessThan(1);
    expect(r.score - base.score).toBeLessThan(5);
  });

  // Older than session 14: an epoch loop alone was worth half the training stage, "detected", whatever its body:
  // `for epoch in range(3): pass` 29.7 → 33.6 (+3.9). Fixed (attack15, `workingBody`): the loop's body must call
  // something other than print / range or update a value in place.
  it('an empty epoch loop detects no training (measured +3.9)', async () => {
    const r = await audit(weakNotebook([...DATA_ONLY, 'epochs = 3\nfor epoch in range(epochs):\n    pass\n']));
    expect(detected(r)).not.toContain('training');
  });

  // The returns summed in a Q-learning training loop are vetoed (a training return), unless the file repeats
  // independent runs (`for run in range(n_runs)`), checked anywhere in the file: an empty such loop lifted the veto,
  // evaluation 0.5 → 0.88, 38.5 → 41.5 (+3.0). Checking that the runs loop encloses the sum would lose the honest
  // shape that calls a run function from it. Fixed (attack15): the runs loop must have a body that does some work
  // (`workingBody`, and the same for the `unless` line).
  it('an empty `for run in range(n_runs)` line does not make training returns an evaluation (measured +3.0)', async () => {
    const [base, r] = await Promise.all([audit(qLearning()), audit(qLearning('n_runs = 1\nfor run in range(n_runs):\n    pass\n'))]);
    expect(rule(r, 'stage-evaluation').score).toBe(rule(base, 'stage-evaluation').score);
  });

  it('an `epsilon = 0` line does not make training returns an evaluation (fair: no change, 38.5)', async () => {
    const [base, r] = await Promise.all([audit(qLearning()), audit(qLearning('epsilon = 0\n'))]);
    expect(r.score).toBe(base.score);
  });

  // Honest: a DQN whose episodes run in one function, learning only under `if train:`; the 100 greedy episodes call
  // it with `train=False`. The `total_reward +=` was in a loop whose body learns, so it was "a training return" and
  // not counted (evaluation 0.5, from the np.mean alone). Fixed (attack15, loop-context.ts bodyLine): a learning call
  // under `if <flag>:` where the file passes `<flag>=False` to a call is not a loop that learns there.
  it('greedy evaluation episodes run by the function the agent trains with count their returns', async () => {
    const r = await audit(worked('cand/dqn', { 'README.md': '# DQN on CartPole\n', 'train.py': DQN_SHARED_EPISODE }));
    const ev = rule(r, 'stage-evaluation');
    expect(ev.evidence.map((e) => e.detail).join('\n')).not.toMatch(/a training return/);
    expect(ev.score).toBeGreaterThan(0.5);
  });
});

describe('attack14: Streamlit / Gradio vetoes scoped to lines (scope: after, scopeWhen)', () => {
  // An app file with anything "trained" above its UI import was taken for a Colab export, and what it opened above
  // the import was data: a dummy `m.train()` (a class whose train does nothing) above `import streamlit` made the
  // app's `open("pics/cat.jpg", "rb")` a committed dataset, 34.6 → 42.5 (+7.9, data detected). Fixed (attack15): a
  // picture named on its own is a sample, not a dataset (`holdsData`), and a `.train()` of a method the file defines
  // above does not scope the veto (`scopeWhen.notDefinedAbove`): a text file of sample reviews the app opens stays the
  // app's too.
  it('a dummy `.train()` above a Streamlit import does not make the app\'s opened image or text data (measured +7.9)', async () => {
    const reviews = Array.from({ length: 30 }, (_, i) => `review ${i}: the service was quick and the food was warm`).join('\n');
    const app = (above: string, asset: string): Repo =>
      weakWith({
        'Churn.ipynb': nb(['from sklearn.linear_model import LogisticRegression\n', 'X = [[1], [2]]\ny = [0, 1]\nmodel = LogisticRegression()\nmodel.fit(X, y)\n']),
        'pics/cat.jpg': 'x'.repeat(2000),
        'samples/reviews.txt': reviews,
        'classes.json': '["a"]',
        'app.py': `${above}import json\nlabels = json.load(open("classes.json"))\nimg = open("${asset}", "rb").read()\nimport streamlit as st\nst.image(img)\nst.write(labels)\n`,
      });
    const dummy = 'class M:\n    def train(self):\n        pass\nm = M()\nm.train()\n';
    for (const asset of ['pics/cat.jpg', 'samples/reviews.txt']) {
      const [base, r] = await Promise.all([audit(app('', asset)), audit(app(dummy, asset))]);
      expect(detected(base), asset).not.toContain('data');
      expect(detected(r), asset).not.toContain('data');
    }
  });
});

describe('attack14: counters in commit subjects', () => {
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
  const roman = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx', 'xxi', 'xxii', 'xxiii', 'xxiv', 'xxv', 'xxvi', 'xxvii', 'xxviii', 'xxix', 'xxx'];

  // Digits were collapsed ("step 1" … "step 30" one message: 44.2, message quality 0); the same counter in words or
  // Roman numerals rated 100 % informative: 44.2 → 50.3 (+6.1). Fixed: number words and numerals are a counter too.
  it('a counter written in words or Roman numerals is one message, like digits (measured +6.1)', async () => {
    const digits = await audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`));
    expect(rule(digits, 'history-message-quality').score).toBe(0);
    for (const subject of [(i: number) => `feat: update notebook (step ${words[i % 20]}${i >= 20 ? '-two' : ''})`, (i: number) => `feat: update notebook (part ${roman[i]})`]) {
      const r = await audit(thirtyDays(subject));
      expect(rule(r, 'history-message-quality').score).toBe(0);
      expect(r.score).toBe(digits.score);
    }
  });

  // A letter is a counter too ("(step a)" … "(step z)"), 44.2 → 50.3 (+6.1). Collapsing single letters would merge
  // honest subjects that name a variant ("Add feature A"). Fixed (attack15): five subjects or more that differ in one
  // word of one or two letters only, through three values or more, are one subject with a counter.
  it('a counter written in letters is one message (measured +6.1)', async () => {
    const r = await audit(thirtyDays((i) => `feat: update notebook (step ${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'a' : ''})`));
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });

  it('30 days of "update 1" … "update 30" weigh as "update notebook" × 30, no more and no less (fair: 44.2 both)', async () => {
    const [numbered, same] = await Promise.all([audit(thirtyDays((i) => `update ${i + 1}`)), audit(thirtyDays(() => 'update notebook'))]);
    expect(numbered.score).toBe(same.score);
    expect(rule(numbered, 'history-commit-count').score).toBeGreaterThan(0);
  });
});

describe('attack14: triple-quoted text (skipStrings)', () => {
  // Honest: a triple quote inside an ordinary one-line string flipped the scanner and the rest of the file was taken
  // for text: preprocessing 1 → 0, 39.6 → 31.7 (−7.9). Fixed (multiline-strings.ts): one-line strings are skipped whole.
  it('a cleaning script that strips `"""` from its column names keeps its preprocessing (measured −7.9)', async () => {
    const prep = (head: string): Repo =>
      weakWith({
        'prep.py': `from sklearn.preprocessing import StandardScaler\nfrom sklearn.impute import SimpleImputer\nimport pandas as pd\n\ndef prepare(df):\n    ${head}\n    X = SimpleImputer(strategy="median").fit_transform(df)\n    X = StandardScaler().fit_transform(X)\n    return X\n\nif __name__ == "__main__":\n    prepare(pd.read_csv("churn.csv"))\n`,
        'Churn.ipynb': nb(['import prep\n', 'import pandas as pd\nX = prep.prepare(pd.read_csv("churn.csv"))\n']),
      });
    const [plain, quoted] = await Promise.all([audit(prep('"""Scale the features."""')), audit(prep(`df.columns = [c.replace('"""', '') for c in df.columns]`))]);
    expect(rule(plain, 'stage-preprocessing').score).toBe(1);
    expect(rule(quoted, 'stage-preprocessing').score).toBe(1);
  });
});
