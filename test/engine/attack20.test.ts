/**
 * attack20: the tricks a candidate would try on this session's merged changes (issue #11, "No cheap gaming"): err18's
 * stage-training gate (a model constructor or a `train*` function counts only where something learns) and the rest.
 * Each open hole is an `it.fails(...)`: the expectation the engine should meet, failing today. Plain `it`s are tricks
 * measured to fail (or closed on this branch).
 *
 * Run with ATTACK20_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, detected, rule } from './attack-audit.js';
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
    ['a settings dict updated (`cfg.update(`)', 'cfg = {"seed": 1}\ncfg.update({"run": "a"})\nprint(cfg)\n'],
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
