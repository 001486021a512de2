/**
 * Every pattern that touches repo content runs in time linear in its input. A pattern that backtracks over a run of
 * what it repeats (`#+\s*GRADED` on a line of `#`, `[\w./-]+\.ipynb` on one long word) grows with the square of the
 * run: 64 KB then costs seconds, 1 MB hours, and a blocked event loop honours no signal. Each pattern gets runs of
 * each character class and literal it repeats; a linear pattern takes well under a millisecond per 64 KB here, a
 * quadratic one seconds, so the budget sits far from both.
 */
import { describe, expect, it } from 'vitest';
import { attackUnits, cpuMsSince, rulePatterns, run, sourcePatterns, type FoundRegex } from './patterns.js';

const LENGTH = 64 * 1024;
/** A first pass on short runs: a linear pattern needs a few microseconds for 4 KB, a quadratic one a millisecond or more. */
const PROBE_LENGTH = 4 * 1024;
const PROBE_MS = 0.25;
/** Per run of 64 KB. A linear pattern needs a few ms; a quadratic one seconds. */
const BUDGET_MS = 150;

/** CPU milliseconds of one match (see cpuMsSince: a loaded machine stretches wall time, not the pattern's work). */
const timed = (re: RegExp, input: string): number => {
  const t = process.cpuUsage();
  re.test(input);
  return cpuMsSince(t);
};

/**
 * A second run is the check against a pause that is not the pattern's (a garbage collection): past this many times the
 * budget the first run is no pause, and a second would only repeat seconds of backtracking to the same verdict.
 */
const CONFIRM_UP_TO = 4;

/**
 * The faster of two runs, the second only when the first is not under `below` nor over CONFIRM_UP_TO times it (either
 * way the second could not change the verdict).
 */
const fasterOfTwo = (re: RegExp, input: string, below: number): number => {
  const first = timed(re, input);
  return first < below || first > below * CONFIRM_UP_TO ? first : Math.min(first, timed(re, input));
};

/** The runs of one pattern that exceed the budget (each measured twice, the faster counts: a GC pause is not the pattern). */
function overBudget(p: FoundRegex, o: { first?: boolean; length?: number; budgetMs?: number } = {}): string[] {
  const length = o.length ?? LENGTH;
  const budget = o.budgetMs ?? BUDGET_MS;
  const out: string[] = [];
  for (const unit of attackUnits(p.re)) {
    const probe = run(unit, PROBE_LENGTH);
    let probeMs = fasterOfTwo(p.re, probe, PROBE_MS);
    if (probeMs < PROBE_MS) continue;
    // The short run alone over the whole budget of the long one (measured twice: not a pause) is over budget already:
    // the long run would add seconds of backtracking (the old tutorial-template pattern: 46 ms on 4 KB, 1.6 s on 24 KB)
    // for the same verdict.
    if (probeMs > budget) probeMs = Math.min(probeMs, timed(p.re, probe));
    const [ms, measured] = probeMs > budget ? [probeMs, PROBE_LENGTH] : [fasterOfTwo(p.re, run(unit, length), budget), length];
    if (ms > budget) {
      out.push(`${p.where}: ${ms.toFixed(0)} ms on ${measured / 1024} KB of ${JSON.stringify(unit)} /${p.re.source.slice(0, 80)}/`);
      if (o.first) break;
    }
  }
  return out;
}


/**
 * The patterns this test was written against: each was quadratic on a run of what it repeats (a line of `#`, one long
 * word, a run of spaces) and has been rewritten since. The checker must still flag every one of them.
 */
const QUADRATIC_BEFORE: Array<[string, string, string]> = [
  ["engineering/no-secrets.yml paths[1] (before)", "^\\s*(?:export\\s+)?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)[A-Z0-9_]*\\s*=\\s*['\"]?(?!your|xxx|<|changeme|example|placeholder|\\$\\{)[^\\s'\"#]{12,}", ""],
  ["engineering/no-secrets.yml paths[4] (before)", "^\\s*[A-Za-z0-9_]*(?:key|token|secret|password)[A-Za-z0-9_]*\\s*=\\s*\"[^\"]{6,}\"", "i"],
  ["originality/no-tutorial-template.yml patterns[0] (before)", "#+\\s*GRADED FUNCTION\\b|#+\\s*(?:START|END) CODE HERE\\b|\\bfrom\\s+public_tests\\s+import\\b|\\bfrom\\s+testCases(?:_v\\d+\\w*)?\\s+import\\b|\\bw\\d_unittest\\b", ""],
  ["pipeline/stage-data.yml patterns[2] (before)", "\\b(?:train|val)\\b[^\\n]*?(?:--data[=\\s]+|\\bdata\\s*=\\s*)[rf]?['\"]?[^'\"\\s,)]*\\.ya?ml\\b", ""],
  ["pipeline/stage-data.yml paths[4] (before)", "\\b(?:wget|curl)\\s+.*https?://(?!(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0)\\b)|\\bkaggle\\s+(?:datasets|competitions)\\s+download|\\bgsutil\\s+(?:-m\\s+)?cp|\\baws\\s+s3\\s+(?:cp|sync)", ""],
  ["pipeline/stage-evaluation.yml patterns[5] (before)", "\\b\\w*(?:model|net|clf|classifier|regressor|learner|estimator|trainer|pipe|pipeline|best|automl|predictor|autoencoder|cnn|lstm|rnn)\\w*\\.(?:evaluate|test|validate)\\s*\\(", "i"],
  ["pipeline/stage-training.yml patterns[0] (before)", "\\b(?:\\w+_)?(?:model|clf|classifier|regressor|regr|estimator|learner|pipe|grid|search|tuner|ensemble|stack|voting|forest|xgb|lgbm|lgb|catboost|gbm|gbr|gbc|rfc|rfr|logreg|svm|svc|svr|knn|kmeans|network|autoencoder|vae|cnn|rnn|lstm|gru|dnn|unet|mlp|baseline|best|automl|predictor|detector|regression|tree|booster)\\w*\\.fit\\s*\\(", "i"],
  ["pipeline/stage-training.yml patterns[4] (before)", "(?:Classifier|Regressor|Regression|OLS|ols|Logit|logit|GLM|glm|ARIMA|SARIMAX|Smoothing|Prophet|KMeans|SVC|SVR|NB|Ridge|Lasso|ElasticNet|Forest|Boost\\w*|Tree|NeighborsClassifier|Network|Model)\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*\\.fit\\s*\\(", ""],
  ["pipeline/stage-training.yml patterns[5] (before)", "\\b\\w*(?:trainer|runner)\\w*\\.(?:fit|train)\\s*\\(", "i"],
  ["pipeline/stage-training.yml patterns[8] (before)", "\\b\\w*(?:optimizer|optim|opt)\\w*\\.step\\s*\\(|\\boptax\\.apply_updates\\s*\\(|\\.apply_gradients\\s*\\(", ""],
  ["src/probes/readme-checks.ts (before)", "[\\w./-]+\\.ipynb\\b", "i"],
  ["src/report/markdown.ts (before)", "\\s*\\n\\s*", ""],
  ["src/probes/readme-blocks.ts (before)", "<[^>]+>", ""],
  ["src/probes/manifest-parse.ts (before)", "\\s+#.*$", ""],
];

/** Each list is found once per run of this file (the engine's: ~1 s of TypeScript parsing). */
const once = <T,>(f: () => T): (() => T) => {
  let v: T | undefined;
  return () => (v ??= f());
};
const rulePatternsOnce = once(() => rulePatterns());
const sourcePatternsOnce = once(() => sourcePatterns());

function check(patterns: FoundRegex[]): void {
  expect(patterns.flatMap((p) => overBudget(p))).toEqual([]);
}

describe('linear-time patterns', () => {
  it('finds the patterns it checks', () => {
    expect(rulePatternsOnce().length).toBeGreaterThan(150);
    expect(sourcePatternsOnce().length).toBeGreaterThan(300);
  });

  it('flags every pattern that was quadratic before it was rewritten (the test can fail)', () => {
    // 24 KB and 15 ms keep this test short: the mildest of them needs ~25 ms there, a linear pattern under 1 ms.
    const flagged = (where: string, source: string, flags: string): boolean =>
      overBudget({ where, re: new RegExp(source, flags) }, { first: true, length: 24 * 1024, budgetMs: 15 }).length > 0;
    const missed = QUADRATIC_BEFORE.filter(([where, source, flags]) => !flagged(where, source, flags));
    expect(missed.map(([where]) => where)).toEqual([]);
  }, 120_000);

  it('every rule pattern', () => check(rulePatternsOnce()), 120_000);
  it('every regex in the engine', () => check(sourcePatternsOnce()), 120_000);
});
