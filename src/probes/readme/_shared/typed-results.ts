/**
 * Results typed into code: the README's result numbers found as literals bound to a metric's name in the repo's code
 * (`"mae": 589.34`, `accuracy = 0.9312`, `dict(rmse=712.03)`), so what the README reports is what someone wrote into
 * an app or a script ("example metrics" a dashboard shows), not what evaluation code computed. A number agrees with a
 * literal when the literal, rounded as the README writes the number (or as a percentage), is that number, and both
 * name the same metric. One or two agreeing numbers can be chance; several are a table copied from, or into, a
 * hard-coded dictionary.
 */
import type { Evidence } from '../../../types.js';

/**
 * A name bound to a decimal literal: `"mae": 589.34`, `mae=589.34`, `val_acc = 0.91`, and the same typed as a string
 * (`"mae": "589.34"`: quoting a number types it in all the same). Bounded name: linear.
 */
const NAME_LITERAL = /["']?\b([A-Za-z_]\w{0,40})["']?\s*[:=]\s*["']?(-?\d{1,7}\.\d{2,8})(?![\w.])/g;
/**
 * A line that checks results rather than states them: an assertion, a regression gate's expected values, a threshold,
 * a tolerance, a target or baseline to beat. Its literals are what evaluation output is compared with, not a claim.
 */
const GATE_CONTEXT =
  /assert|expect|EXPECT|threshold|THRESHOLD|tolerance|TOLERANCE|(?:min|max|MIN|MAX)_|target|TARGET|baseline|BASELINE|gate|GATE/;
/** A metric as a whole part of a snake_case name (case-folded first). */
const METRIC_KEY =
  /(?:^|_)(?:mae|mse|rmse|rmsle|rmspe|mape|smape|wape|r2|accuracy|acc|f1|precision|recall|auc|roc_auc|pr_auc|ap|map|ndcg|mrr|hit_?rate|bleu|rouge\w{0,4}|meteor|wer|cer|iou|miou|dice|psnr|ssim|logloss|log_loss)(?:_|$)/;

/** Metric families, so a README's AUC is only matched with a literal named for an AUC (checked in this order). */
const FAMILIES: Array<[string, RegExp]> = [
  ['rmspe', /rmspe/],
  ['rmse', /rmse|root[\s_]mean[\s_]squared/],
  ['mse', /(?:^|[^a-z])mse|mean[\s_]squared/],
  ['mae', /mae|mean[\s_]absolute[\s_]error/],
  ['mape', /s?mape|wape|percentage[\s_]error/],
  ['r2', /r2|r²|r\^2|r-squared|r[\s_]squared|coefficient/],
  ['auc', /auc|auroc/],
  ['f1', /f1|f-?score|f-?measure/],
  ['precision', /precision/],
  ['recall', /recall|sensitivity/],
  ['accuracy', /acc/],
  ['map', /(?:^|[^a-z])map(?:[^a-z]|$)|average[\s_]precision/],
  ['ndcg', /ndcg/],
  ['bleu', /bleu/],
  ['rouge', /rouge/],
  ['wer', /wer/],
  ['cer', /cer/],
  ['iou', /iou|jaccard/],
  ['dice', /dice/],
  ['loss', /loss/],
  ['psnr', /psnr/],
  ['ssim', /ssim/],
];

/** The metric family a name belongs to ('' when none). Names are short (a header cell, a key): bounded input. */
export function metricFamily(name: string): string {
  const n = name.toLowerCase().slice(0, 80);
  for (const [family, re] of FAMILIES) if (re.test(n)) return family;
  return '';
}

export interface MetricLiteral {
  family: string;
  value: number;
  text: string;
  path: string;
  line: number;
  cell?: number;
}

/** At most this many literals kept per audit (a results dictionary holds a few dozen). */
export const MAX_LITERALS = 400;

/** A comparison that fails a run: an assertion, a raise, an exit, an approximate or ordered comparison. */
const CHECK = /\bassert|\braise\b|\bsys\.exit\s*\(|\bexit\s*\(|\bapprox\s*\(|\bisclose\s*\(|[<>]=/;

/** Brackets a line opens and does not close (a gate's dictionary spread over several lines). */
function openBrackets(text: string): number {
  let depth = 0;
  for (const ch of text.slice(0, 2000)) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/**
 * The metric literals of a file's code lines, leaving out those of assertions, regression gates and thresholds (the
 * line itself, or the bracketed literal that line opens: `EXPECTED = {` … `}`).
 */
export function metricLiteralsOfLines<L extends { text: string }>(lines: readonly L[]): Array<{ line: L; lit: { family: string; value: number; text: string } }> {
  const out: Array<{ line: L; lit: { family: string; value: number; text: string } }> = [];
  // A gate checks something: naming a dictionary EXPECTED in a file that compares nothing is no gate.
  const checks = lines.some((l) => CHECK.test(l.text));
  let gateDepth = 0;
  for (const l of lines) {
    if (gateDepth > 0) {
      gateDepth = Math.max(0, gateDepth + openBrackets(l.text));
      continue;
    }
    if (checks && GATE_CONTEXT.test(l.text)) {
      gateDepth = Math.max(0, openBrackets(l.text));
      continue;
    }
    for (const lit of metricLiteralsOf(l.text)) out.push({ line: l, lit });
  }
  return out;
}

/** The metric literals of one line of code. */
export function metricLiteralsOf(text: string): Array<{ family: string; value: number; text: string }> {
  if (!/\d\.\d/.test(text)) return [];
  const out: Array<{ family: string; value: number; text: string }> = [];
  for (const m of text.matchAll(NAME_LITERAL)) {
    const name = m[1]!.toLowerCase();
    if (!METRIC_KEY.test(name)) continue;
    const value = Number(m[2]);
    if (Number.isFinite(value)) out.push({ family: metricFamily(name), value, text: m[0].trim() });
  }
  return out;
}

/** A README number as written: its value, its decimals, and whether it is a percentage. */
export interface ReadmeNumber {
  raw: string;
  value: number;
  decimals: number;
  percent: boolean;
  /** Significant digits as written ("0.75": 2, "589": 3, "13.42%": 4). */
  digits: number;
  /** The metric family of its column or its metric name ('' when unknown). */
  family: string;
}

export function parseReadmeNumber(raw: string, metric = ''): ReadmeNumber | null {
  const t = raw.replace(/\s/g, '');
  const percent = t.endsWith('%');
  const digits = t.replace(/[%,]/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(digits)) return null;
  const value = Number(digits);
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  // Too plain to be a result taken from code: 0, 1, 100, small counts ("5-fold", "4 models").
  if (decimals === 0 && value < 50) return null;
  if (value === 100 && decimals === 0) return null;
  const sig = digits.replace('.', '').replace(/^0+/, '').length;
  if (sig < 2) return null;
  return { raw, value, decimals, percent, digits: sig, family: metricFamily(metric) };
}

/** Whether a literal, rounded as the README writes the number (or as a percentage of it), is that number. */
function agrees(n: ReadmeNumber, lit: number): boolean {
  const half = 0.5 * 10 ** -n.decimals + 1e-9;
  if (Math.abs(lit - n.value) <= half) return true;
  return lit > 0 && lit <= 1 && Math.abs(lit * 100 - n.value) <= half && (n.percent || n.value > 1);
}

export interface TypedResults {
  matched: number;
  evidence: Evidence[];
}

/**
 * README numbers that agree with a metric literal in code (each README number counted once). A literal of a metric that
 * the repo's evaluation code computes (`computed`: metric families) is no sign of typed results: the README may quote
 * what that code printed, and the app or a check may repeat it; only metrics no code computes count.
 */
export function typedResults(numbers: ReadmeNumber[], all: readonly MetricLiteral[], computed: ReadonlySet<string> = new Set()): TypedResults {
  const literals = all.filter((l) => !l.family || !computed.has(l.family));
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  let matched = 0;
  for (const n of numbers) {
    const key = `${n.value}/${n.decimals}/${n.percent}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Same metric when both are named; a number under no known metric only with three significant digits or more
    // (two-digit fractions such as 0.75 agree with some literal of a busy notebook by chance).
    const lit = literals.find((l) => agrees(n, l.value) && (n.family ? l.family === n.family : n.digits >= 3));
    if (!lit) continue;
    matched++;
    if (evidence.length < 3) {
      evidence.push({
        path: lit.path,
        line: lit.line,
        ...(lit.cell !== undefined ? { cell: lit.cell } : {}),
        detail: `README's ${n.raw.trim()} is a literal in code: \`${lit.text}\``,
        problem: true,
      });
    }
  }
  return { matched, evidence };
}
