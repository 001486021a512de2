/**
 * In-sample scoring: a Python file (or notebook) that fits a model on some data and then scores it on that same data,
 * with nothing held out. Its metrics are training scores, not an evaluation (`model.fit(X, y)` then
 * `mean_absolute_error(y, model.predict(X))`).
 *
 * The file is in-sample when:
 * - it fits a supervised model on names (`.fit(X, y)`: the first argument's name, `df` in `.fit(df[cols], df[t])`), and
 * - it predicts or scores (`.predict(`, `.predict_proba(`, `.score(`, `.evaluate(`) only on those names or on plain
 *   copies of them (`X_test = X`, `X_eval = X.copy()`), at least once, and
 * - it has no split or cross-validation call (`train_test_split(`, `KFold(`, `cross_val_score(`, `.split(`,
 *   `validation_split=`, `cv=`).
 * A prediction on any other name (`X_test`, `new_rows`) or a split anywhere in the file, and it is not in-sample: the
 * common honest shapes (`fit(X_train…)` / `predict(X_test)`, cross-validation, an evaluation script that loads a saved
 * model and never fits) all stay evaluation.
 *
 * Lines are the code probe's (comments dropped); the scan is one pass of anchored, linear patterns per line.
 */
import type { ScanLine } from '../facts/code-lines.js';

/**
 * A supervised fit (features and labels, the labels a second positional argument) and the features' base name: `X` in
 * `.fit(X, y)`, `.fit(X.values, y)`, `.fit(df[["a", "b"]], df["t"])`. An unsupervised fit (`kmeans.fit(X)`,
 * `IsolationForest().fit(X)`) never saw labels: scoring it on the same rows (silhouette, or the anomalies against the
 * true labels) is its evaluation.
 */
const FIT = /\.fit\s*\(\s*([A-Za-z_]\w*)(?:\.\w+|\[\[?[^\]\n]{0,80}\]\]?){0,4}\s*,\s*(?![A-Za-z_]\w*\s*=(?!=))[A-Za-z_(]/g;
const SCORED = /\.(?:predict|predict_proba|predict_log_proba|decision_function|score|evaluate)\s*\(\s*([A-Za-z_]\w*)/g;
/** A copy of a name under another one: `X_test = X`, `X_eval = X.copy()`, `X_test, y_test = X, y`. */
const COPY = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*([A-Za-z_]\w*(?:\.copy\(\s*\))?(?:\s*,\s*[A-Za-z_]\w*(?:\.copy\(\s*\))?)*)\s*$/;
const HELD_OUT =
  /\b\w{0,30}split\w{0,30}\s*\(|\bcross_val\w{0,30}\s*\(|\b(?:Repeated|Stratified|Group)*K?Fold\s*\(|\bLeave\w*Out\s*\(|\bvalidation_(?:split|data)\s*=|\bcv\s*=|\beval_set\s*=|\bTimeSeriesSplit\b/;
const MAX_NAMES = 64;

export interface InSample {
  /** The line that scores the model on the data it was fitted on. */
  at: ScanLine;
  /** The name fitted on and scored on. */
  name: string;
}

/** Whether the file scores its model only on the data it fitted it on, with nothing held out (see above). */
export function inSampleScoring(lines: readonly ScanLine[]): InSample | null {
  const fitted = new Set<string>();
  const copies: Array<[string[], string[]]> = [];
  const scored: Array<{ name: string; at: ScanLine }> = [];
  for (const l of lines) {
    if (HELD_OUT.test(l.text)) return null;
    for (const m of l.text.matchAll(FIT)) if (fitted.size < MAX_NAMES) fitted.add(m[1]!);
    for (const m of l.text.matchAll(SCORED)) if (scored.length < MAX_NAMES) scored.push({ name: m[1]!, at: l });
    const c = COPY.exec(l.text);
    if (c && copies.length < MAX_NAMES) copies.push([c[1]!.split(',').map((s) => s.trim()), c[2]!.split(',').map((s) => s.trim().replace(/\.copy\(\s*\)$/, ''))]);
  }
  if (!fitted.size || !scored.length) return null;
  // Copies of a fitted name are the fitted data under another name (followed once: a copy of a copy is rare).
  for (const [to, from] of copies) {
    if (to.length !== from.length) continue;
    to.forEach((t, i) => {
      if (fitted.has(from[i]!) && fitted.size < MAX_NAMES) fitted.add(t);
    });
  }
  if (scored.some((s) => !fitted.has(s.name))) return null;
  const first = scored[0]!;
  return { at: first.at, name: first.name };
}
