/**
 * Measures ml-portfolio-audit against a hand-labelled calibration set.
 *
 *   npx tsx docs/calibration/measure.ts <labels.json> <reports-dir> [--json]
 *
 * labels.json: an array of {repo: "owner/name", sha, tier: strong|good|weak|tutorial|non-ml,
 *   stages: {data, preprocessing, training, evaluation, deployment}, readme?: 1-5, history?: 1-5, kind?}
 *   (the machine-readable block at the end of a labels file, see /work/shared/LABELLING.md).
 * reports-dir: the JSON reports of `ml-portfolio-audit <clone> --format json`, one per repo. A report is matched to a
 *   label by the audited commit (repos[].commit === sha), else by the file name `owner+name.json`.
 *
 * Prints markdown: per-repo results, stage agreement (per stage and overall; a non-ML repo counts with every stage
 * false), Spearman between tier rank (strong 4, good 3, weak 2, tutorial 1; non-ml excluded and listed apart) and
 * score with average ranks for ties, tier means, every weak/tutorial repo at or above a strong one, tutorials above
 * the weak-tier mean, and (secondary) Spearman of the README/history labels against the category scores.
 * With --json, prints the same numbers as JSON instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const STAGES = ['data', 'preprocessing', 'training', 'evaluation', 'deployment'] as const;
type Stage = (typeof STAGES)[number];
const TIER_RANK: Record<string, number> = { strong: 4, good: 3, weak: 2, tutorial: 1 };
const TIERS = ['strong', 'good', 'weak', 'tutorial'];

interface Label {
  repo: string;
  sha: string;
  tier: string;
  kind?: string;
  stages: Record<Stage, boolean>;
  readme?: number;
  history?: number;
}

interface RepoReport {
  repo: string;
  commit?: string;
  status: string;
  reason?: string;
  score: number;
  grade: string;
  categories: Record<string, { score: number; weight: number }>;
  stages: Record<Stage, { detected: boolean; evidence: unknown[]; status?: string }>;
}

interface Row {
  label: Label;
  report: RepoReport;
  file: string;
}

function usage(): never {
  console.error('usage: tsx docs/calibration/measure.ts <labels.json> <reports-dir> [--json]');
  process.exit(2);
}

/** Ranks 1..n, ties get the average of the ranks they span. */
export function averageRanks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho as the Pearson correlation of average ranks (correct with ties). */
export function spearman(a: number[], b: number[]): number {
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? NaN : num / Math.sqrt(da * db);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / b).toFixed(1)} %`;
const LETTER: Record<Stage, string> = { data: 'D', preprocessing: 'P', training: 'T', evaluation: 'E', deployment: 'Y' };
const stageString = (s: Record<Stage, boolean>) => STAGES.map((k) => (s[k] ? LETTER[k] : '·')).join('');

function loadRows(labelsPath: string, dir: string): Row[] {
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Label[];
  const reports: { file: string; repo: RepoReport }[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const repo of (doc.repos ?? []) as RepoReport[]) reports.push({ file: f, repo });
  }
  const rows: Row[] = [];
  for (const label of labels) {
    const byFile = `${label.repo.replace('/', '+')}.json`;
    const hit =
      reports.find((r) => r.repo.commit && label.sha && r.repo.commit === label.sha) ??
      reports.find((r) => r.file === byFile);
    if (!hit) {
      console.error(`no report for ${label.repo} (${label.sha}) in ${dir}`);
      process.exitCode = 1;
      continue;
    }
    if (hit.repo.status !== 'ok') console.error(`warning: ${label.repo} report status ${hit.repo.status}`);
    // A repo that was not audited (skipped, error) has no score (report schemaVersion 2): it cannot be measured.
    if (hit.repo.status !== 'ok' && hit.repo.status !== 'partial') {
      console.error(`${label.repo} was not audited: ${hit.repo.reason ?? 'no reason given'}`);
      process.exitCode = 1;
      continue;
    }
    rows.push({ label, report: hit.repo, file: hit.file });
  }
  return rows;
}

function detected(r: Row): Record<Stage, boolean> {
  return Object.fromEntries(STAGES.map((k) => [k, Boolean(r.report.stages?.[k]?.detected)])) as Record<Stage, boolean>;
}

/** Stages the tool reports as not measured (code it could not read or a language it does not analyse) and not detected. */
function unmeasured(r: Row): Record<Stage, boolean> {
  return Object.fromEntries(
    STAGES.map((k) => [k, !r.report.stages?.[k]?.detected && r.report.stages?.[k]?.status === 'not-measurable']),
  ) as Record<Stage, boolean>;
}

function labelled(r: Row): Record<Stage, boolean> {
  // A non-ML repo counts with every stage false, whatever the labels block says.
  if (r.label.tier === 'non-ml') return Object.fromEntries(STAGES.map((k) => [k, false])) as Record<Stage, boolean>;
  return Object.fromEntries(STAGES.map((k) => [k, Boolean(r.label.stages?.[k])])) as Record<Stage, boolean>;
}

export function measure(rows: Row[]) {
  const perStage = Object.fromEntries(
    STAGES.map((k) => [k, { agree: 0, n: 0, toolOnly: [] as string[], labelOnly: [] as string[], notMeasured: [] as string[] }]),
  );
  for (const r of rows) {
    const d = detected(r);
    const l = labelled(r);
    const u = unmeasured(r);
    for (const k of STAGES) {
      perStage[k].n++;
      if (u[k]) perStage[k].notMeasured.push(r.label.repo);
      if (d[k] === l[k]) perStage[k].agree++;
      else if (d[k]) perStage[k].toolOnly.push(r.label.repo);
      else perStage[k].labelOnly.push(r.label.repo);
    }
  }
  const agree = STAGES.reduce((s, k) => s + perStage[k].agree, 0);
  const total = STAGES.reduce((s, k) => s + perStage[k].n, 0);
  // The strict count (above) takes a stage the tool reports as not measured for "not detected"; `measured` leaves
  // those stages out of both counts, so a stage the tool declined to judge is neither a hit nor a miss.
  const notMeasured = STAGES.reduce((s, k) => s + perStage[k].notMeasured.length, 0);
  const notMeasuredAgree = rows.reduce((s, r) => {
    const l = labelled(r);
    const u = unmeasured(r);
    return s + STAGES.filter((k) => u[k] && !l[k]).length;
  }, 0);
  const measured = { agree: agree - notMeasuredAgree, total: total - notMeasured, notMeasured };

  const ml = rows.filter((r) => r.label.tier in TIER_RANK);
  const nonMl = rows.filter((r) => !(r.label.tier in TIER_RANK));
  const rho = spearman(ml.map((r) => TIER_RANK[r.label.tier]), ml.map((r) => r.report.score));
  const tierMeans = Object.fromEntries(
    TIERS.map((t) => {
      const xs = ml.filter((r) => r.label.tier === t).map((r) => r.report.score);
      return [t, { n: xs.length, mean: mean(xs), min: Math.min(...xs), max: Math.max(...xs) }];
    }),
  );
  const strong = ml.filter((r) => r.label.tier === 'strong');
  const violations: { repo: string; tier: string; score: number; strong: string; strongScore: number }[] = [];
  for (const r of ml.filter((r) => r.label.tier === 'weak' || r.label.tier === 'tutorial'))
    for (const s of strong)
      if (r.report.score >= s.report.score)
        violations.push({ repo: r.label.repo, tier: r.label.tier, score: r.report.score, strong: s.label.repo, strongScore: s.report.score });
  // Adjacent-tier inversions (a lower tier scoring at or above a higher one), for the disagreement list.
  const inversions: { low: string; lowTier: string; lowScore: number; high: string; highTier: string; highScore: number }[] = [];
  for (const a of ml)
    for (const b of ml)
      if (TIER_RANK[a.label.tier] < TIER_RANK[b.label.tier] && a.report.score >= b.report.score)
        inversions.push({ low: a.label.repo, lowTier: a.label.tier, lowScore: a.report.score, high: b.label.repo, highTier: b.label.tier, highScore: b.report.score });
  const weakMean = tierMeans.weak.mean;
  const tutorialsAboveWeakMean = ml
    .filter((r) => r.label.tier === 'tutorial' && r.report.score > weakMean)
    .map((r) => ({ repo: r.label.repo, score: r.report.score }));

  const withReadme = ml.filter((r) => typeof r.label.readme === 'number' && r.report.categories?.readme);
  const withHistory = ml.filter((r) => typeof r.label.history === 'number' && r.report.categories?.history);
  const readmeRho = spearman(withReadme.map((r) => r.label.readme!), withReadme.map((r) => r.report.categories.readme.score));
  const historyRho = spearman(withHistory.map((r) => r.label.history!), withHistory.map((r) => r.report.categories.history.score));

  return {
    stages: { agree, total, perStage, measured },
    spearman: rho,
    n: ml.length,
    tierMeans,
    violations,
    inversions,
    tutorialsAboveWeakMean,
    nonMl: nonMl.map((r) => ({ repo: r.label.repo, score: r.report.score, grade: r.report.grade, stages: stageString(detected(r)) })),
    secondary: { readmeSpearman: readmeRho, historySpearman: historyRho },
  };
}

function main() {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const [labelsPath, dir] = args.filter((a) => a !== '--json');
  if (!labelsPath || !dir) usage();
  const rows = loadRows(labelsPath, dir);
  const m = measure(rows);
  if (asJson) {
    console.log(JSON.stringify(m, null, 2));
    return;
  }
  const cats = ['pipeline', 'readme', 'history', 'engineering', 'originality'];
  const out: string[] = [];
  out.push(`### Results (${rows.length} repos; stages D P T E Y = data, preprocessing, training, evaluation, deployment)`, '');
  out.push(`| repo | tier | score | grade | stages (tool) | stages (label) | ${cats.join(' | ')} |`);
  out.push(`|---|---|---:|---|---|---|${cats.map(() => '---:').join('|')}|`);
  for (const r of [...rows].sort((a, b) => (TIER_RANK[b.label.tier] ?? 0) - (TIER_RANK[a.label.tier] ?? 0) || b.report.score - a.report.score)) {
    const d = detected(r);
    const l = labelled(r);
    const u = unmeasured(r);
    const ds = STAGES.map((k) => (d[k] ? LETTER[k] : u[k] ? '?' : '·') + (d[k] !== l[k] ? '*' : '')).join('');
    out.push(
      `| ${r.label.repo} | ${r.label.tier} | ${f1(r.report.score)} | ${r.report.grade} | ${ds} | ${stageString(l)} | ${cats
        .map((c) => f1(r.report.categories?.[c]?.score ?? NaN))
        .join(' | ')} |`,
    );
  }
  out.push('', '`*` = the tool disagrees with the label on that stage; `?` = the tool reports the stage as not measured.', '');
  out.push('### Stage agreement', '');
  out.push('| stage | agree | tool true, label false | tool false, label true |', '|---|---|---|---|');
  for (const k of STAGES) {
    const s = m.stages.perStage[k];
    out.push(`| ${k} | ${pct(s.agree, s.n)} | ${s.toolOnly.join(', ') || '–'} | ${s.labelOnly.join(', ') || '–'} |`);
  }
  out.push(`| **overall** | **${pct(m.stages.agree, m.stages.total)}** | | |`, '');
  if (m.stages.measured.notMeasured)
    out.push(
      `Stages the tool reports as not measured: ${m.stages.measured.notMeasured} (counted above as "not detected"). On the stages it measured: ${pct(m.stages.measured.agree, m.stages.measured.total)}.`,
      '',
    );
  out.push('### Tiers', '');
  out.push(`Spearman (tier rank vs score, ${m.n} ML repos, average ranks for ties): **${f3(m.spearman)}**`, '');
  out.push('| tier | n | mean | min | max |', '|---|---:|---:|---:|---:|');
  for (const t of TIERS) {
    const s = m.tierMeans[t];
    out.push(`| ${t} | ${s.n} | ${f1(s.mean)} | ${s.n ? f1(s.min) : 'n/a'} | ${s.n ? f1(s.max) : 'n/a'} |`);
  }
  for (const r of m.nonMl) out.push(`| non-ml: ${r.repo} | 1 | ${f1(r.score)} (${r.grade}, stages ${r.stages}) | | |`);
  out.push('');
  out.push(`Weak or tutorial repos at or above a strong one: ${m.violations.length ? '' : 'none'}`);
  for (const v of m.violations) out.push(`- ${v.repo} (${v.tier}, ${f1(v.score)}) ≥ ${v.strong} (strong, ${f1(v.strongScore)})`);
  out.push('', `Tutorials above the weak-tier mean (${f1(m.tierMeans.weak.mean)}): ${m.tutorialsAboveWeakMean.map((t) => `${t.repo} (${f1(t.score)})`).join(', ') || 'none'}`, '');
  out.push(`All tier inversions (a lower tier at or above a higher one): ${m.inversions.length ? '' : 'none'}`);
  for (const v of m.inversions) out.push(`- ${v.low} (${v.lowTier}, ${f1(v.lowScore)}) ≥ ${v.high} (${v.highTier}, ${f1(v.highScore)})`);
  out.push('', `Secondary: Spearman README label vs readme category ${f3(m.secondary.readmeSpearman)}; history label vs history category ${f3(m.secondary.historySpearman)}.`);
  console.log(out.join('\n'));
}

if (basename(process.argv[1] ?? '') === 'measure.ts') main();
