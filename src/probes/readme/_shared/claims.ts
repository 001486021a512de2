/**
 * What the repository backs up of the README's claims. A results table is a claim that code evaluated a model; a demo
 * link is a claim that the repo holds an app; a chart is a claim that an image was produced. The README rules keep
 * their points for a well-formed README, but a claim with nothing behind it is reported as unsupported and scores low.
 *
 * Code is read in code mode (comments and Markdown never count), tests left out, within a fixed budget. Each check is
 * per file: a metric computed on something a model predicted, an app that takes input — not keywords scattered
 * across files (`print(accuracy_score(a, b))` computes a metric on nothing).
 */
import type { Evidence } from '../../../types.js';
import { DEFAULT_CODE_EXCLUDE, DEFAULT_CODE_GLOBS, TEST_CODE_GLOBS, orderForReading, snippet } from '../../code-scan.js';
import { scanLines } from '../../../facts/code-lines.js';
import { selectFiles } from '../../glob-gate.js';
import type { ProbeContext } from '../../types.js';
import { MAX_LITERALS, metricFamily, metricLiteralsOfLines, type MetricLiteral } from './typed-results.js';
import { reachOf } from '../../code-reach.js';

/** Files of code read at most to look for the backing of README claims. */
const CLAIM_READ_BUDGET = 80;

const METRIC_CALL =
  /\b(?:accuracy|balanced_accuracy|f1|fbeta|precision|recall|roc_auc|average_precision|r2|explained_variance|matthews_corrcoef|cohen_kappa|jaccard|top_k_accuracy|silhouette)_score\s*\(|\b(?:mean_squared|mean_absolute|mean_absolute_percentage|median_absolute|root_mean_squared|mean_squared_log)_error\s*\(|\b(?:classification_report|confusion_matrix|log_loss|roc_curve|precision_recall_curve|hamming_loss)\s*\(|\bevaluate\.load\s*\(|\btorchmetrics\.|\bcompute_metrics\b|\bcorpus_bleu\s*\(|\bsentence_bleu\s*\(|\brouge_scorer\b/;
/**
 * Metrics written by hand, as most deep-learning and recommender code does: a function named for a metric
 * or assigned (`dice_score(`, `compute_iou(`, `hit_ratio =`), a metric object (torchmetrics' or Keras'
 * `Accuracy(`, `F1Score(`, `MeanIoU(`), accuracy counted from predictions
 * (`(pred == y).sum()`, `correct += …`), a metric on held-out data accumulated (`val_loss =`, `test_acc +=`), or
 * logged (`mlflow.log_metric(`), an agent's return summed over an episode (`episode_return += reward`). Like METRIC_CALL, each counts only beside a model's predictions in the same file.
 */
const HAND_METRIC =
  /\b(?:Multiclass|Binary|Multilabel)?(?:Accuracy|F1Score|AUROC|AveragePrecision|JaccardIndex|Dice|MeanIoU|MeanSquaredError|MeanAbsoluteError|R2Score)\s*\(|\(\s*[\w.]+\s*==\s*[\w.]+\s*\)\s*\.(?:sum|mean|float)\s*\(|\bcorrect\w*\s*\+=|\b(?:val|valid|validation|test|eval)_(?:loss|acc|accuracy|f1|auc|rmse|mae|mse|score|dice|iou|metrics?)\s*(?:\+=|=(?!=))|\bmlflow\.log_metrics?\s*\(|\b(?:episode|episodic|ep|eval|test|cumulative|mean)_?(?:reward|return)s?\s*(?:\+=|=(?!=))/;
/** An identifier called or assigned; its name is then matched against METRIC_NAME (one word at a time: linear). */
const CALLED_OR_SET = /\b([A-Za-z_]\w*)\s*(?:\(|\+?=(?!=))/g;
/** A metric as a whole part of a snake_case name: `dice_score`, `compute_iou`, `hit_ratio`, `val_accuracy`. */
const METRIC_NAME = /(?:^|_)(?:dice|iou|miou|jaccard|ndcg|hit_?ratio|hit_?rate|mrr|bleu|rouge|wer|cer|psnr|ssim|mape|rmse|mae|f1|auc|accuracy)(?:_|$)/;

function handMetric(line: string): boolean {
  if (HAND_METRIC.test(line)) return true;
  for (const m of line.matchAll(CALLED_OR_SET)) if (METRIC_NAME.test(m[1]!)) return true;
  return false;
}
/** A metric computed by the model's own evaluation entry point (no separate prediction needed). */
const SELF_EVAL =
  /\.evaluate\s*\(\s*[A-Za-z_]|\btrainer\.evaluate\s*\(|\bcross_val(?:idate|_score)\s*\(|\bmodel\.score\s*\(\s*[A-Za-z_]|\.score\s*\(\s*X_?(?:test|val|valid)|\bhistory\.history\s*\[\s*['"]val_|\bevaluate_policy\s*\(\s*[A-Za-z_]/;
/** Something a model produced, in the same file as the metric (an agent's action stepped in its environment too). */
const PREDICTIONS = /\.predict(?:_proba)?\s*\(|\by_?(?:pred|hat|score|prob)s?\w*\b|\bpreds?\b|\bpredictions?\b|\bpredicted(?:_\w+)?\b|\boutputs?\s*=\s*model|\blogits\b|\bmodel\s*\(\s*[A-Za-z_]|\.generate\s*\(|\benv\w{0,20}\.step\s*\(\s*(?:agent|policy|model|actor|q_?net|dqn|net)\w{0,20}\s*[.(]/;

/** An app that takes input: an endpoint, an input widget, an interface around a function, a callback. */
const APP_INPUT =
  /^\s*@(?:app|router|api|bp|blueprint|server)\.(?:route|get|post|put|websocket)\s*\(|\bst\.(?:file_uploader|text_input|text_area|number_input|selectbox|multiselect|slider|button|camera_input|chat_input|form|radio)\s*\(|\bgr\.(?:Interface|ChatInterface|TabbedInterface)\s*\(|\.(?:click|submit)\s*\(\s*(?:fn\s*=\s*)?[A-Za-z_]\w*\s*,|@(?:app|dash_app)\.callback\s*\(|\burlpatterns\s*=|\bshinyServer\s*\(|\bshinyApp\s*\(|#\*\s*@(?:get|post)\b|^\s*def\s+(?:lambda_)?handler\s*\(\s*event\b|@bentoml\.|@serve\.deployment|\bLitServer\s*\(/;

/**
 * A shell of an app (as in the stage-deployment rule's `negative`): its "model" is a mock, a stub or random numbers.
 * Its widgets and endpoints back no demo claim.
 */
const SHELL_APP =
  /\b(?:mock|fake|dummy|stub|simulated?)_\w{0,30}?(?:model|predict|classif|scor|infer|detect)\w*\s*\(|\b(?:Mock|Fake|Dummy|Stub)\w{0,30}?(?:Model|Predictor|Classifier|Scorer|Detector)\s*\(|\b(?=\w{0,40}(?:prob|pred|score|risk|confidence))\w+['"]?\]?\s*=\s*(?:np\.)?random\.(?:uniform|rand|random|randint|choice|beta)\s*\(/;

interface Backing {
  /** Where code computes a metric on model output (null: nowhere in the files read). */
  evaluation: Evidence | null;
  /** Where an app takes input (null: nowhere in the files read). */
  app: Evidence | null;
  filesRead: number;
  /** True when the budget cut the search. */
  cut: boolean;
}

const cache = new WeakMap<object, Promise<Backing>>();

/** Reads the repo's code once per audit (shared by the README claim checks). */
export function repoBacking(ctx: ProbeContext): Promise<Backing> {
  let p = cache.get(ctx);
  if (!p) cache.set(ctx, (p = scan(ctx)));
  return p;
}

function claimFiles(ctx: ProbeContext) {
  const files = selectFiles(ctx.files, DEFAULT_CODE_GLOBS, { exclude: [...DEFAULT_CODE_EXCLUDE, ...TEST_CODE_GLOBS] });
  return orderForReading(files, ['**/*eval*', '**/*metric*', '**/*app*', '**/*api*', '**/*serve*', '**/main.py', '**/*streamlit*', '**/*gradio*']);
}

const literalCache = new WeakMap<object, Promise<MetricLiteral[]>>();

/**
 * Metric names bound to decimal literals in the repo's code (`"mae": 589.34`), the same files and budget as
 * repoBacking, read only when a README reports numbers (see typed-results.ts).
 */
export function repoMetricLiterals(ctx: ProbeContext): Promise<MetricLiteral[]> {
  let p = literalCache.get(ctx);
  if (!p) literalCache.set(ctx, (p = scanLiterals(ctx)));
  return p;
}

async function scanLiterals(ctx: ProbeContext): Promise<MetricLiteral[]> {
  const out: MetricLiteral[] = [];
  for (const f of claimFiles(ctx).slice(0, CLAIM_READ_BUDGET)) {
    const file = await ctx.read(f.path);
    if (!file) continue;
    for (const { line: l, lit } of metricLiteralsOfLines(scanLines(file, 'code'))) {
      out.push({ ...lit, path: f.path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}) });
      if (out.length >= MAX_LITERALS) return out;
    }
  }
  return out;
}

/** A word of a metric line that may name a metric (bounded: linear). */
const WORD = /\b[A-Za-z_]\w{0,60}/g;
/** A word naming a metric: a metric as part of a snake_case name, or a scikit-learn `*_score` / `*_error` function. */
const METRIC_WORD =
  /(?:^|_)(?:mae|mse|rmse|rmsle|rmspe|mape|smape|wape|r2|accuracy|acc|f1|precision|recall|auc|roc_auc|ap|ndcg|bleu|rouge\w{0,4}|wer|cer|iou|miou|dice|jaccard|psnr|ssim|logloss|log_loss)(?:_|$)|_(?:score|error)$/;
/** A report naming the metrics it computes. */
const REPORT_FAMILIES: Array<[RegExp, string[]]> = [[/\bclassification_report\s*\(/, ['accuracy', 'precision', 'recall', 'f1']]];

function familiesOf(text: string, into: Set<string>): void {
  for (const [re, fams] of REPORT_FAMILIES) if (re.test(text)) for (const f of fams) into.add(f);
  for (const m of text.slice(0, 2000).matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (!METRIC_WORD.test(w)) continue;
    const family = metricFamily(w);
    if (family) into.add(family);
  }
}

/** Keras' compiled metrics (`metrics=["accuracy", "AUC"]`), which its `model.evaluate(` then computes. */
const KERAS_METRICS = /\bmetrics\s*=\s*\[/;

const computedCache = new WeakMap<object, Promise<Set<string>>>();

/**
 * The metric families the repo's evaluation code computes: those named on the metric lines of a file that computes a
 * metric on a model's predictions (or runs the model's own evaluation), as repoBacking decides, over the same files
 * and budget. A README number that agrees with a literal of such a metric may quote what that code printed.
 */
export function repoComputedMetrics(ctx: ProbeContext): Promise<Set<string>> {
  let p = computedCache.get(ctx);
  if (!p) computedCache.set(ctx, (p = scanComputed(ctx)));
  return p;
}

async function scanComputed(ctx: ProbeContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of claimFiles(ctx).slice(0, CLAIM_READ_BUDGET)) {
    const file = await ctx.read(f.path);
    if (!file) continue;
    const families = new Set<string>();
    let metric = false;
    let predicted = false;
    let selfEval = false;
    for (const l of scanLines(file, 'code')) {
      const self = SELF_EVAL.test(l.text);
      if (self) selfEval = true;
      if (self || METRIC_CALL.test(l.text) || handMetric(l.text)) {
        metric = true;
        familiesOf(l.text, families);
      } else if (KERAS_METRICS.test(l.text)) familiesOf(l.text, families); // what a Keras `model.evaluate(` computes
      if (!predicted && PREDICTIONS.test(l.text)) predicted = true;
    }
    if (selfEval || (metric && predicted)) for (const f of families) out.add(f);
  }
  return out;
}

/**
 * The evaluation that backs results must be code that runs, as the stage rules require (`reachedOnly`): not a file
 * nothing runs or imports, not a function nothing calls, not a line behind a constant test (code-reach.ts). A results
 * table beside a dead `evaluate.py` is as unsupported as one with no evaluation code at all. Apps are judged as before.
 */
async function scan(ctx: ProbeContext): Promise<Backing> {
  const ordered = claimFiles(ctx);
  const out: Backing = { evaluation: null, app: null, filesRead: 0, cut: ordered.length > CLAIM_READ_BUDGET };
  const reach = await reachOf(ctx);
  for (const f of ordered.slice(0, CLAIM_READ_BUDGET)) {
    if (out.evaluation && out.app) break;
    const file = await ctx.read(f.path);
    if (!file) continue;
    out.filesRead++;
    const reached = reach.reached(f.path);
    const runs = (l: { line: number; cell?: number }): boolean => reached && !reach.deadAt(f.path, l.line, l.cell) && !reach.guardedAt(f.path, l.line, l.cell);
    let metric: Evidence | null = null;
    let predicted = false;
    let app: Evidence | null = null;
    /** Where the file scores with a mock or random numbers: anywhere (a script), or the notebook cells that do. */
    let shell = false;
    const shellCells = new Set<number>();
    for (const l of scanLines(file, 'code')) {
      if (!out.evaluation && reached) {
        if (SELF_EVAL.test(l.text)) {
          if (runs(l)) out.evaluation = at(f.path, l, 'evaluates the model');
        } else {
          if (!metric && (METRIC_CALL.test(l.text) || handMetric(l.text)) && runs(l)) metric = at(f.path, l, 'computes a metric');
          if (!predicted && PREDICTIONS.test(l.text)) predicted = true;
          if (metric && predicted) out.evaluation = metric;
        }
      }
      if (!out.app && !app && APP_INPUT.test(l.text)) app = at(f.path, l, 'app takes input');
      if (!out.app && SHELL_APP.test(l.text)) {
        if (l.cell === undefined) shell = true;
        else shellCells.add(l.cell);
      }
    }
    // A notebook's random baseline in another cell does not make its demo cell a shell.
    if (app && !shell && (app.cell === undefined || !shellCells.has(app.cell))) out.app = app;
  }
  return out;
}

function at(path: string, l: { text: string; line: number; cell?: number }, what: string): Evidence {
  return { path, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}), detail: `${what}: ${snippet(l.text)}` };
}
