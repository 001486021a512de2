import type { Evidence, ProbeResult } from '../../types.js';
import { lineAt, prose, sectionsMatching, snippet, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev, findIn, sectionLabel } from './_shared/result.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { DEFAULT_CODE_GLOBS } from '../code-scan.js';
import type { ProbeContext } from '../types.js';
import { repoBacking, repoComputedMetrics, repoMetricLiterals } from './_shared/claims.js';
import { parseReadmeNumber, typedResults, type ReadmeNumber, type TypedResults } from './_shared/typed-results.js';
import { REACH_GLOBS } from '../code-reach.js';

const METRIC =
  /\b(accuracy|acc\.|balanced accuracy|f1[- ]?(score|macro|micro|weighted)?|f-?score|f-?measure|rmse|rmsle|mse|mae|mape|smape|r2|r²|r\^2|r-squared|r squared|coefficient of determination|auc|roc[- ]?auc|auroc|pr[- ]?auc|auprc|average precision|precision|recall|sensitivity|specificity|bleu|rouge(-[\dl]+)?|meteor|bertscore|iou|miou|dice|jaccard|perplexity|wer|cer|log[- ]?loss|cross[- ]entropy|loss|error rate|error|top-?[15]( accuracy)?|kappa|cohen'?s kappa|mcc|ndcg(@\d+)?|hit ?rate(@\d+)?|recall@\d+|precision@\d+|map@\d+|fid|psnr|ssim|exact match|leaderboard|score|gini|lift|sharpe( ratio)?|mean absolute error|mean squared error|root mean squared error|win rate|success rate|(?:mean|average|avg\.?|episode|episodic|total|cumulative) (?:reward|return)s?|rewards?|latency|throughput|acur[áa]cia|precis[ãa]o|precisi[óo]n|exactitud|exatid[ãa]o|pr[ée]cision)\b|\bmAP\b|\bMAP\b|\bAP50\b|\bAP\b|(?<![\p{L}\p{N}_])(genauigkeit|pr[äa]zision|trefferquote|fehlerrate|точность|полнота|ошибка|do[ğg]ruluk|kesinlik|akurasi|presisi|đ[ộo] ch[íi]nh x[áa]c|dok[łl]adno[śs][ćc]|precyzja|accuratezza|precisione)(?![\p{L}\p{N}_])|准确率|準確率|精确率|召回率|精度|正解率|適合率|再現率|误差|誤差|정확도|정밀도|재현율|오차/giu;
const NUMBER = /(?<![\w.])(?:\d{1,3}(?:\.\d+)?\s?%|\d*\.\d+(?:e-?\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+)(?![\w%]|\.\d)/g;
const RESULTS_HEADING =
  /(?<![\p{L}\p{N}_])(results?|performance|evaluation|metrics?|benchmarks?|findings|outcomes?|rewards|learning curves?|training curves?|scores?|accuracy|leaderboard|model comparison|comparison|resultados|r[ée]sultats|desempenho|rendimiento|m[ée]tricas|evaluaci[óo]n|avalia(ção|cao)|performances|[ée]valuation|m[ée]triques|ergebnisse|resultate|auswertung|evaluierung|bewertung|leistung|metriken|результаты|результат|метрики|оценка|качество|сравнение моделей|sonu[çc]lar|sonu[çc]|performans|de[ğg]erlendirme|metrikler|hasil|evaluasi|performa|kinerja|k[ếe]t qu[ảa]|đ[áa]nh gi[áa]|hi[ệe]u su[ấa]t|wyniki|ewaluacja|metryki|risultati|valutazione|prestazioni|metriche)(?![\p{L}\p{N}_])|结果|結果|评估|評估|评价|性能|指标|指標|效果|評価|精度|결과|성능|평가|지표/iu;

/** A setting's value ("gamma = 2", "alpha=0.25", "lr: 3e-4"): the number right after it is a hyperparameter, not a result. */
const SETTING_BEFORE =
  /\b(?:gamma|alpha|beta\d?|lambda|lr|learning[ _-]?rate|eta|eps(?:ilon)?|momentum|dropout|weight[ _-]?decay|temperature|top[ _-]?[kp]|batch[ _-]?size|epochs?|n_estimators|max_depth|seed|threshold|margin|smoothing|patience|warm-?up|steps?)\s{0,3}[=:]\s{0,3}$/i;
/** A target, not a result: "our target is an F1 of 0.90", "the goal is an accuracy of at least 0.9". */
const TARGET_WORDS =
  /(?<![\p{L}\p{N}_])(?:targets?|targeted|goals?|aims?|aimed|objectives?|expected|expects?|hope[sd]?|want(?:s|ed)?|should|must|required|requirements?|objetivos?|metas?|objectifs?|cibles?|ziele?|цель|целевой|целевая)(?![\p{L}\p{N}_])|目标|目標|목표/iu;
/** The clause a metric and its number sit in: from the last sentence break before `from` to `to`, at most 80 characters back. */
function clause(text: string, from: number, to: number): string {
  const before = text.slice(Math.max(0, from - 80), from);
  const cut = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('. '), before.lastIndexOf(';'), before.lastIndexOf('!'), before.lastIndexOf('?'));
  return before.slice(cut + 1) + text.slice(from, to);
}

interface Pair {
  line: number;
  detail: string;
  table: boolean;
  /** The result numbers as written (a table's body cells, or the number beside the metric), with their metric. */
  numbers: Array<{ raw: string; metric: string }>;
}

/** Metric names next to numbers (within 40 characters, or a table whose header names a metric). */
function metricPairs(view: ReadmeView, blocks: Block[]): Pair[] {
  const out: Pair[] = [];
  for (const b of blocks) {
    if (b.kind === 'code' || b.kind === 'heading') continue;
    const lines = b.text.split('\n');
    const isTable = b.kind === 'table' || lines.filter((l) => /\|/.test(l)).length >= 3;
    if (isTable) {
      // Header row names metrics, body rows hold numbers.
      const rows = lines.filter((l) => l.includes('|') && !/^[\s|:-]+$/.test(l));
      const header = rows[0] ?? '';
      const metricInHeader = [...header.matchAll(METRIC)].map((m) => m[0]);
      const numericRows = rows.slice(1).filter((r) => [...stripMetricText(r).matchAll(NUMBER)].length > 0);
      if (metricInHeader.length && numericRows.length) {
        const heads = header.split('|');
        const numbers = numericRows.flatMap((r) =>
          r.split('|').flatMap((cell, j) => [...stripMetricText(cell).matchAll(NUMBER)].map((m) => ({ raw: m[0], metric: heads[j] ?? '' }))),
        );
        out.push({ line: b.line, detail: `results table: ${metricInHeader.slice(0, 3).join(', ')} over ${numericRows.length} row(s)`, table: true, numbers });
        continue;
      }
    }
    const text = b.text;
    const metricSpans = [...text.matchAll(METRIC)].map((m) => ({ start: m.index, end: m.index + m[0].length, name: m[0] }));
    if (!metricSpans.length) continue;
    const numbers = [...text.matchAll(NUMBER)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }))
      .filter((n) => !metricSpans.some((s) => n.start < s.end && n.end > s.start) && !SETTING_BEFORE.test(text.slice(Math.max(0, n.start - 24), n.start)));
    for (const s of metricSpans) {
      const near = numbers.find((n) => {
        const plainInt = /^\d+$/.test(n.value) || /^\d{1,3}(,\d{3})+$/.test(n.value);
        // Integers only count right after the metric ("RMSE: 25,400"), not as list numbers or years.
        if (plainInt) return n.start >= s.end && n.start - s.end <= 12 && !/^(19|20)\d\d$/.test(n.value);
        return n.start >= s.end ? n.start - s.end <= 40 : s.start - n.end <= 40;
      });
      if (near && !TARGET_WORDS.test(clause(text, Math.min(s.start, near.start), Math.max(s.end, near.end)))) {
        out.push({ line: lineAt(b, Math.min(s.start, near.start)), detail: `${s.name} ${near.value}`, table: false, numbers: [{ raw: near.value, metric: s.name }] });
        break;
      }
    }
  }
  return out;
}

function stripMetricText(s: string): string {
  return s.replace(METRIC, ' ');
}

function results(view: ReadmeView): { r: ProbeResult; numbers: ReadmeNumber[] } {
  const pairs = metricPairs(view, view.blocks);
  const numbers = pairs.flatMap((p) => p.numbers.map((n) => parseReadmeNumber(n.raw, n.metric))).filter((n): n is ReadmeNumber => n !== null);
  const sections = sectionsMatching(view, RESULTS_HEADING);
  const evidence: Evidence[] = pairs.map((p) => ev(view, p.line, p.detail));
  let score = 0;
  let note: string | undefined;
  const distinctLines = new Set(pairs.map((p) => p.line)).size;
  if (pairs.some((p) => p.table) || distinctLines >= 2) score = 1;
  else if (distinctLines === 1) {
    score = 0.8;
    note = 'one quantified result; a table comparing models or a baseline makes it convincing';
  } else if (sections.length) {
    const s = sections[0]!;
    const figure = sections.some((x) => x.blocks.some((b) => hasImage(b) || (b.node?.type === 'html' && /<img\b/i.test(b.node.value))));
    score = figure ? 0.5 : 0.3;
    evidence.push(ev(view, s.head.line, `${sectionLabel(s)} ${figure ? 'shows figures but' : ''} gives no metric with a number`.replace('  ', ' '), true));
    note = 'results are not quantified: name the metric and give the number';
  } else {
    const mentions = findIn(view, prose(view.blocks), METRIC);
    if (mentions.length) {
      score = 0.15;
      evidence.push(ev(view, mentions[0]!.line, `metric named without a number: "${snippet(mentions[0]!.match, 30)}"`, true));
      note = 'metrics are named but no numbers are given';
    } else note = 'no results: no metric with a number, no Results section';
  }
  return { r: result(score, evidence, note), numbers };
}

function hasImage(b: Block): boolean {
  if (!b.node) return false;
  let found = false;
  const walk = (n: { type: string; children?: unknown[] }): void => {
    if (n.type === 'image' || n.type === 'imageReference') found = true;
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c);
  };
  walk(b.node as never);
  return found;
}

/** An unsupported claim scores this: numbers or a link with nothing in the repo behind them are no evidence. */
const UNSUPPORTED = 0;

/** README result numbers found as metric literals in code, from which on the results count as typed in. */
export const TYPED_NEED = 3;

/** The README's result numbers, with their metrics (a table's cells under its header, a number beside a metric). */
export function readmeResultNumbers(view: ReadmeView): ReadmeNumber[] {
  return results(view).numbers;
}

/**
 * Whether the README's results are typed into the code: TYPED_NEED or more of its numbers agree with literals bound to
 * the same metric's name (typed-results.ts), of metrics no evaluation code in the repo computes (a model card or a
 * regression check repeating what evaluate.py computes is no invented table). Null when they are not (or too few
 * numbers are given to tell).
 */
export async function typedIn(numbers: ReadmeNumber[], ctx: ProbeContext): Promise<TypedResults | null> {
  if (numbers.length < TYPED_NEED) return null;
  const literals = await repoMetricLiterals(ctx);
  if (literals.length === 0) return null;
  const typed = typedResults(numbers, literals, await repoComputedMetrics(ctx));
  return typed.matched >= TYPED_NEED ? typed : null;
}

export const typedNote = (t: TypedResults): string =>
  `unsupported claim: ${t.matched} of the README's result numbers are literals typed into the code (a dictionary of "example" metrics), not outputs of evaluation code`;

async function resultsBacked({ r, numbers }: { r: ProbeResult; numbers: ReadmeNumber[] }, ctx: ProbeContext): Promise<ProbeResult> {
  if (r.score < 0.5) return r; // no numbers given: nothing claimed to check
  const typed = await typedIn(numbers, ctx);
  if (typed) return { outcome: 'fail', score: UNSUPPORTED, evidence: [...r.evidence.slice(0, 2), ...typed.evidence], note: typedNote(typed) };
  const b = await repoBacking(ctx);
  if (b.evaluation) return { ...r, evidence: [...r.evidence, { ...b.evaluation, detail: `backed by code that ${b.evaluation.detail}` }].slice(0, 5) };
  const note = `unsupported claim: the README reports results, but no code in the repo computes a metric on a model's predictions (${b.filesRead} code file${b.filesRead === 1 ? '' : 's'} read${b.cut ? ', read budget reached' : ''})`;
  return { outcome: 'fail', score: UNSUPPORTED, evidence: [...r.evidence.slice(0, 4), { detail: 'unsupported claim: no evaluation code behind these numbers', problem: true }], note };
}


const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeResultsProbe = defineProbe({
  name: 'readme-results',
  description: 'Does the README report quantified results (a metric with a number), backed by evaluation code in the repo?',
  paramsSchema,
  reads: () => [...README_GLOBS, ...DEFAULT_CODE_GLOBS, ...REACH_GLOBS],
  run: (_params, ctx) => onReadme(ctx, (view) => resultsBacked(results(view), ctx)),
});
