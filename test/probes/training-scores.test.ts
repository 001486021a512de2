import { describe, expect, it } from 'vitest';
import { inSampleScoring } from '../../src/probes/in-sample.js';
import { learningInLoop, runsRepeatedly } from '../../src/probes/loop-context.js';
import { scanLines } from '../../src/facts/code-lines.js';
import { codeProbe, type CodeRuleParams as CodeParams } from '../../src/probes/code.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const run = (files: Record<string, string>, params: CodeParams) => runWithDefaults(codeProbe, params, createProbeContext(memorySnapshot({ files }), NOW));
const lines = (text: string, path = 'a.py') => scanLines({ path, text }, 'code');

describe('in-sample scoring (in-sample.ts)', () => {
  it('finds a model fitted and scored on the same rows, nothing held out', () => {
    const hit = inSampleScoring(lines('model.fit(X, y)\ny_pred = model.predict(X)\nmae = mean_absolute_error(y, y_pred)\n'));
    expect(hit).toMatchObject({ name: 'X', at: { line: 2 } });
  });

  it('follows a copy of the fitted data under a test name', () => {
    expect(inSampleScoring(lines('X_test, y_test = X, y\nclf.fit(X, y)\nprint(accuracy_score(y_test, clf.predict(X_test)))\n'))?.name).toBe('X_test');
    expect(inSampleScoring(lines('X_eval = X.copy()\nclf.fit(X.values, y)\nclf.score(X_eval, y)\n'))?.name).toBe('X_eval');
    expect(inSampleScoring(lines('m.fit(df[["a", "b"]], df["t"])\nprint(r2_score(df["t"], m.predict(df[["a", "b"]])))\n'))?.name).toBe('df');
  });

  it('leaves the honest shapes alone: another name predicted, a split or CV in the file, nothing fitted', () => {
    expect(inSampleScoring(lines('model.fit(X_train, y_train)\nmodel.predict(X_test)\n'))).toBeNull();
    expect(inSampleScoring(lines('model.fit(X, y)\nmodel.predict(X)\nmodel.predict(new_rows)\n'))).toBeNull();
    expect(inSampleScoring(lines('s = cross_val_score(model, X, y, cv=5)\nmodel.fit(X, y)\nmodel.predict(X)\n'))).toBeNull();
    // A split is seen where it is used: the held-out part under a name reused after the fit, or another slice of a name.
    expect(inSampleScoring(lines('tr, te = train_test_split(df)\nX, y = tr[c], tr["t"]\nmodel.fit(X, y)\nX, y = te[c], te["t"]\nmodel.predict(X)\n'))).toBeNull();
    expect(inSampleScoring(lines('model.fit(X[:800], y[:800])\nprint(accuracy_score(y[800:], model.predict(X[800:])))\n'))).toBeNull();
    expect(inSampleScoring(lines('m.fit(X.iloc[:-52], y.iloc[:-52])\nm.predict(X.iloc[-52:])\n'))).toBeNull();
    expect(inSampleScoring(lines('for tr, te in kf.split(X):\n    m.fit(X[tr], y[tr])\n    m.predict(X[te])\n'))).toBeNull();
    expect(inSampleScoring(lines('model = joblib.load("m.pkl")\nprint(r2_score(y, model.predict(X)))\n'))).toBeNull();
    // Unsupervised: no labels went into the fit, so scoring on the same rows is the evaluation.
    expect(inSampleScoring(lines('km.fit(X)\nlabels = km.predict(X)\nprint(silhouette_score(X, labels))\n'))).toBeNull();
    expect(inSampleScoring(lines('iso.fit(X, sample_weight=w)\nprint(classification_report(y, iso.predict(X)))\n'))).toBeNull();
  });

  // attack14: a split nothing uses, a string's `.split(",")` or a variable named `cv` excused an in-sample score
  // (+7.9 each on the weak repo); a copy of the fitted name, or a part of a name fitted whole, is still the fitted data.
  it('is not excused by an unused split, a string split or a variable named cv', () => {
    expect(inSampleScoring(lines('a, b, c, d = train_test_split(X, y)\nmodel.fit(X, y)\nmodel.predict(X)\n'))?.name).toBe('X');
    expect(inSampleScoring(lines('cols = "a,b".split(",")\ncv = 5\nmodel.fit(X, y)\nmodel.predict(X)\n'))?.name).toBe('X');
    expect(inSampleScoring(lines('model.fit(X, y)\nX = X.copy()\nmodel.predict(X[:100])\n'))?.name).toBe('X');
    expect(inSampleScoring(lines('g = GridSearchCV(m, p, cv=cv)\ng.fit(X, y)\ng.score(X, y)\n'))).toBeNull();
  });

  // Survival models (lifelines): the duration and event columns named in the fit are the labels.
  it('knows a lifelines fit on a table with its duration column, scored on that table or on a held-out one', () => {
    const fit = 'cph.fit(df, duration_col="T", event_col="E")\n';
    expect(inSampleScoring(lines(`${fit}print(concordance_index(df["T"], -cph.predict_partial_hazard(df), df["E"]))\n`))?.name).toBe('df');
    expect(inSampleScoring(lines('aft.fit(df, "T", "E")\nprint(aft.score(df, scoring_method="concordance_index"))\n'))?.name).toBe('df');
    expect(inSampleScoring(lines('cph.fit(train, duration_col="T")\nprint(concordance_index(test["T"], -cph.predict_partial_hazard(test)))\n'))).toBeNull();
    expect(inSampleScoring(lines(`${fit}s = k_fold_cross_validation(cph, df, duration_col="T", event_col="E")\ncph.predict_partial_hazard(df)\n`))).toBeNull();
  });

  it('stays linear on a hostile line', () => {
    expect(inSampleScoring(lines(`x = ${'split'.repeat(20000)}\n`))).toBeNull();
  });
});

describe('the loop a line sits in (loop-context.ts)', () => {
  // attack14: a gradient step at the top of a cell, beside an empty epoch loop, counted as training from scratch.
  it('tells a line that runs once (top level, under an if or with) from one in a loop or a function', () => {
    const l = lines('for e in range(3):\n    pass\nw -= lr * g\nif ok:\n    w -= lr * g\nfor e in range(3):\n    if ok:\n        w -= lr * g\ndef step(self):\n    with ctx:\n        self.W -= self.lr * g\n');
    const at = (n: number) => l.findIndex((x) => x.line === n);
    expect([3, 5, 8, 11].map((n) => runsRepeatedly(l, at(n)))).toEqual([false, false, true, true]);
  });

  const LEARNS = /\.remember\s*\(|\.learn\s*\(|\boptimizer\.step\s*\(/;

  it('finds the learning call in the innermost loop, or in the episode loop around a step loop', () => {
    const inner = lines('for ep in range(9):\n    while not done:\n        agent.remember(s, r)\n        total += r\n');
    expect(learningInLoop(inner, 3, LEARNS)?.line).toBe(3);
    const after = lines('for ep in range(9):\n    while not done:\n        total += r\n    agent.learn()\n');
    expect(learningInLoop(after, 2, LEARNS)?.line).toBe(4);
  });

  it('does not look past a loop that learns nothing: a few greedy episodes every N training episodes stay evaluation', () => {
    const periodic = lines(
      'for ep in range(900):\n    agent.learn()\n    if ep % 50 == 0:\n        for k in range(5):\n            while not done:\n                eval_reward += r\n',
    );
    expect(learningInLoop(periodic, 5, LEARNS)).toBeNull();
  });

  it('stops at a function definition and outside any loop', () => {
    const fn = lines('for ep in range(9):\n    agent.learn()\n    def f():\n        total += 1\n');
    expect(learningInLoop(fn, 3, LEARNS)).toBeNull();
    expect(learningInLoop(lines('total += r\nagent.learn()\n'), 0, LEARNS)).toBeNull();
  });
});

describe('code probe: training scores do not count as evaluation', () => {
  const METRIC: CodeParams = {
    patterns: [{ regex: '\\bmean_absolute_error\\s*\\(', detail: 'a metric', weight: 2, heldOutOnly: true }],
    need: 2,
  };

  it('a metric on the fitted rows is left out, named as a training score', async () => {
    const r = await run({ 'train.py': 'model.fit(X, y)\nprint(mean_absolute_error(y, model.predict(X)))\n' }, METRIC);
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/only scores of the model on its own training data/);
    expect(r.evidence[0]?.detail).toMatch(/not counted \(a training score: the file predicts on `X`/);
  });

  it('the same metric on a held-out part counts', async () => {
    const r = await run({ 'train.py': 'model.fit(X_tr, y_tr)\nprint(mean_absolute_error(y_te, model.predict(X_te)))\n' }, METRIC);
    expect(r.score).toBe(1);
  });

  const SUM: CodeParams = {
    patterns: [
      {
        regex: '\\btotal_reward\\s*\\+=',
        detail: 'sums a return',
        weight: 2,
        notInLoopWith: { regex: '\\.learn\\s*\\(', detail: 'learns', unless: { regex: '^\\s*for\\s+\\w+\\s+in\\s+range\\s*\\(\\s*n_runs\\b' } },
      },
    ],
    need: 2,
  };

  it('a return summed while the agent learns is left out, unless the file repeats independent runs', async () => {
    const loop = 'for ep in range(9):\n    while not done:\n        agent.learn(s)\n        total_reward += r\n';
    expect((await run({ 'rl.py': loop }, SUM)).score).toBe(0);
    expect((await run({ 'rl.py': `for run in range(n_runs):\n${loop.replace(/^/gm, '    ')}` }, SUM)).score).toBe(1);
    expect((await run({ 'rl.py': 'for ep in range(9):\n    while not done:\n        total_reward += r\n' }, SUM)).score).toBe(1);
  });

  it('notSameFile: a sign vetoed by another line of its file, unless a third lifts it', async () => {
    const DEF: CodeParams = {
      patterns: [
        {
          regex: '^\\s*def\\s+evaluate\\s*\\(',
          detail: 'defines an evaluation step',
          weight: 2,
          notSameFile: { regex: '^\\s*print\\(evaluate\\(m, train_loader\\)', detail: 'calls it on the training data', unless: { regex: 'evaluate\\(m, val_loader\\)' } },
        },
      ],
      need: 2,
    };
    const def = 'def evaluate(m, loader):\n    return 1\n';
    expect((await run({ 'a.py': `${def}print(evaluate(m, train_loader))\n` }, DEF)).score).toBe(0);
    expect((await run({ 'a.py': `${def}print(evaluate(m, train_loader))\nprint(evaluate(m, val_loader))\n` }, DEF)).score).toBe(1);
  });
});
