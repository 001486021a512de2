/**
 * In-sample scoring: a Python file (or notebook) that fits a model on some data and then scores it on that same data,
 * with nothing held out. Its metrics are training scores, not an evaluation (`model.fit(X, y)` then
 * `mean_absolute_error(y, model.predict(X))`).
 *
 * The file is in-sample when:
 * - it fits a supervised model on names (`.fit(X, y)`: the first argument's name, `df` in `.fit(df[cols], df[t])`), and
 * - it predicts or scores (`.predict(`, `.predict_proba(`, `.score(`, `.evaluate(`) only on those names or on plain
 *   copies of them (`X_test = X`, `X_eval = X.copy()`), at least once, and
 * - it has no cross-validation call and no fit that holds data out itself (`cross_val_score(`, `validation_split=`,
 *   `validation_data=`, `eval_set=`, `cv=` as an argument).
 * A split (`train_test_split(`, `kf.split(X)`) is seen where it is used: its parts are other names or other subscripts
 * of a name. A split anywhere in the file used to excuse it, and so did a string's `.split(",")` or a variable named
 * `cv`: an unused `train_test_split(X, y)` line let an in-sample accuracy count (issue #11, attack14: +7.9).
 * A prediction on any other name (`X_test`, `new_rows`), on a fitted name assigned again after the fit (`X, y =
 * test[cols], test[t]`), or with a cross-validation in the file, and it is not in-sample: the
 * common honest shapes (`fit(X_train…)` / `predict(X_test)`, cross-validation, an evaluation script that loads a saved
 * model and never fits) all stay evaluation. So does a split written as slices or a mask of one table
 * (`fit(X[:800], y[:800])` / `predict(X[800:])`, `X.iloc[-52:]`, `df[df.year >= 2020][cols]`): a prediction on a
 * different part of a fitted name is held out; on the same part (`fit(df[cols], …)` / `predict(df[cols])`) or on a
 * part of a name fitted whole, it is in-sample.
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
const FIT = /\.fit\s*\(\s*([A-Za-z_]\w*)((?:\.\w+|\[\[?[^\]\n]{0,80}\]\]?){0,4})\s*,\s*(?![A-Za-z_]\w*\s*=(?!=))[A-Za-z_(]/g;
/**
 * A survival model fitted on a table with its duration (and event) columns named (lifelines: `cph.fit(df,
 * duration_col="T", event_col="E")`, `cph.fit(df, "T", "E")`): the durations are its labels, so this is a supervised fit
 * of `df`, scored in-sample when its risks are predicted on `df` again.
 */
const SURVIVAL_FIT = /\.fit\s*\(\s*([A-Za-z_]\w*)((?:\.\w+|\[\[?[^\]\n]{0,80}\]\]?){0,4})\s*,\s*(?:duration_col\s*=|[rRbBuU]?['"])/g;
const SCORED =
  /\.(?:predict|predict_proba|predict_log_proba|decision_function|score|evaluate|predict_partial_hazard|predict_log_partial_hazard|predict_survival_function|predict_cumulative_hazard|predict_median|predict_expectation|predict_hazard|predict_percentile)\s*\(\s*([A-Za-z_]\w*)((?:\.\w+|\[\[?[^\]\n]{0,80}\]\]?){0,4})/g;
/** The part of a name an argument takes, as a key: its subscripts, spacing and plain accessors (`.values`, `.iloc`) aside. */
function partOf(access: string | undefined): string {
  return (access ?? '').replace(/\s+/g, '').replace(/\.(?:values|iloc|loc|to_numpy|T)\b/g, '').replace(/"/g, "'");
}
/** A copy of a name under another one: `X_test = X`, `X_eval = X.copy()`, `X_test, y_test = X, y`. */
const COPY = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*([A-Za-z_]\w*(?:\.copy\(\s*\))?(?:\s*,\s*[A-Za-z_]\w*(?:\.copy\(\s*\))?)*)\s*$/;
const HELD_OUT = /\bcross_val\w{0,30}\s*\(|\bk_fold_cross_validation\s*\(|\bvalidation_(?:split|data)\s*=|[(,]\s*cv\s*=|\beval_set\s*=/;
const MAX_NAMES = 64;
/** The names a line assigns (`X = …`, `X, y = …`), not a comparison or a keyword argument. */
const ASSIGN = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*){0,8})\s*=(?!=)/;

export interface InSample {
  /** The line that scores the model on the data it was fitted on. */
  at: ScanLine;
  /** The name fitted on and scored on. */
  name: string;
}

/** Whether the file scores its model only on the data it fitted it on, with nothing held out (see above). */
export function inSampleScoring(lines: readonly ScanLine[]): InSample | null {
  /** Each name fitted on, and the parts of it fitted (`''`: the whole name). */
  const fitted = new Map<string, Set<string>>();
  const copies: Array<[string[], string[]]> = [];
  const scored: Array<{ name: string; part: string; at: ScanLine }> = [];
  /**
   * Fitted names assigned again after their fit (`X, y = test[cols], test[t]` after `model.fit(X, y)`): a name reused
   * for the held-out rows. Scoring such a name is not in-sample.
   */
  const fitSeen = new Set<string>();
  const reassigned = new Set<string>();
  for (const l of lines) {
    if (HELD_OUT.test(l.text)) return null;
    // Not a plain copy (`X = X.copy()`, `X_test = X`): the same rows under a name.
    const a = COPY.test(l.text) ? null : ASSIGN.exec(l.text);
    if (a) for (const n of a[1]!.split(',')) if (fitSeen.has(n.trim())) reassigned.add(n.trim());
    for (const m of [...l.text.matchAll(FIT), ...l.text.matchAll(SURVIVAL_FIT)]) {
      const parts = fitted.get(m[1]!) ?? new Set<string>();
      if (parts.size < MAX_NAMES) parts.add(partOf(m[2]));
      if (fitted.size < MAX_NAMES) fitted.set(m[1]!, parts);
      fitSeen.add(m[1]!);
    }
    for (const m of l.text.matchAll(SCORED)) if (scored.length < MAX_NAMES) scored.push({ name: m[1]!, part: partOf(m[2]), at: l });
    if (reassigned.size && scored.some((x) => reassigned.has(x.name))) return null;
    const c = COPY.exec(l.text);
    if (c && copies.length < MAX_NAMES) copies.push([c[1]!.split(',').map((s) => s.trim()), c[2]!.split(',').map((s) => s.trim().replace(/\.copy\(\s*\)$/, ''))]);
  }
  if (!fitted.size || !scored.length) return null;
  // Copies of a fitted name are the fitted data under another name (followed once: a copy of a copy is rare).
  for (const [to, from] of copies) {
    if (to.length !== from.length) continue;
    to.forEach((t, i) => {
      const parts = fitted.get(from[i]!);
      if (parts && fitted.size < MAX_NAMES) fitted.set(t, parts);
    });
  }
  // Scored on what was fitted: the same part of a fitted name, or any part of a name fitted whole.
  const inSample = (s: { name: string; part: string }): boolean => {
    const parts = fitted.get(s.name);
    return !!parts && (parts.has('') || parts.has(s.part));
  };
  if (!scored.every(inSample)) return null;
  const first = scored[0]!;
  return { at: first.at, name: first.name };
}
