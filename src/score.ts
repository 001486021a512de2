import type { Rule } from './rules/load.js';
import type { Grade, NextAction, RuleResult, StageResult } from './report/types.js';
import { CATEGORIES, STAGES, type Category, type Stage } from './types.js';

/** Grade bands, documented in README.md. */
export function gradeFor(score: number): Grade {
  if (score >= 85) return 'A';
  if (score >= 70) return 'B';
  if (score >= 55) return 'C';
  if (score >= 40) return 'D';
  return 'F';
}

/** A stage counts as detected when one of its pipeline rules scores at least this. */
const STAGE_DETECTED_AT = 0.5;

export interface ScoreInput {
  rule: Pick<Rule, 'id' | 'weight' | 'cap' | 'category' | 'gate'>;
  /** null = not measurable. */
  score: number | null;
  /**
   * Not measured because the data is missing (a shallow clone, an export without history), not because the rule does
   * not apply; or code files that could not be read. Missing data must never beat measured data: the rule counts as 0
   * (or its `floor`) in the score (caps included), and as 1 in `atMost`, the score the repo can at most reach once it is measured. `score` stays null in the report.
   */
  bounded?: boolean;
  /**
   * With `bounded`: what the rule counts as until measured instead of 0 (code files that could not be read: what the
   * files read earn). Never more than the rule would score measured at its worst.
   */
  floor?: number;
}

interface Scored {
  score: number;
  categories: Record<Category, { score: number; weight: number }>;
  cappedBy?: { rule: string; max: number };
  /** When some rules are `bounded` (not measured for missing data): the score with each of them passing fully. */
  atMost?: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The score a cap leaves: `max`, or with a soft cap (`keep`) max plus that share of the points above it. */
export function capped(score: number, cap: { max: number; keep?: number }): number {
  return score <= cap.max ? score : cap.max + (cap.keep ?? 0) * (score - cap.max);
}

/** The highest score a cap allows (its `max` for a hard cap; max + keep × (100 − max) for a soft one). */
export function capCeiling(cap: { max: number; keep?: number }): number {
  return round1(capped(100, cap));
}

/**
 * Repo score: weighted mean of measurable rule scores, 0–100, then caps (a rule with `cap` that scores below
 * `cap.below` limits the repo score: to `cap.max`, or for a soft cap to max plus the share `cap.keep` of the points
 * above it). The cap that leaves the lowest score is reported, with the most the score can be while it holds.
 * Deterministic; rounded to one decimal.
 */
export function scoreOf(items: ScoreInput[]): Scored {
  if (items.some((i) => i.bounded && i.score === null)) {
    const low = scoreOf(items.map((i) => (i.bounded && i.score === null ? { rule: i.rule, score: i.floor ?? 0 } : i)));
    const high = scoreOf(items.map((i) => (i.bounded && i.score === null ? { rule: i.rule, score: 1 } : i)));
    return { ...low, atMost: high.score };
  }
  let sum = 0;
  let total = 0;
  const cat: Record<string, { s: number; w: number }> = {};
  for (const c of CATEGORIES) cat[c] = { s: 0, w: 0 };
  const holding: Array<{ id: string; cap: NonNullable<ScoreInput['rule']['cap']> }> = [];
  for (const { rule, score } of items) {
    if (score === null || rule.weight <= 0) continue;
    sum += rule.weight * score;
    total += rule.weight;
    cat[rule.category].s += rule.weight * score;
    cat[rule.category].w += rule.weight;
    if (rule.cap && score < rule.cap.below) holding.push({ id: rule.id, cap: rule.cap });
  }
  let score = total > 0 ? (100 * sum) / total : 0;
  let cappedBy: Scored['cappedBy'];
  // Of the caps that hold, the one that leaves the lowest score (on a tie the lower ceiling, then the first rule).
  let lowest: { id: string; cap: NonNullable<ScoreInput['rule']['cap']>; left: number } | undefined;
  for (const h of holding) {
    const left = capped(score, h.cap);
    if (!lowest || left < lowest.left || (left === lowest.left && capCeiling(h.cap) < capCeiling(lowest.cap))) lowest = { ...h, left };
  }
  if (lowest && lowest.left < score) {
    score = lowest.left;
    cappedBy = { rule: lowest.id, max: capCeiling(lowest.cap) };
  }
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, { score: cat[c].w > 0 ? round1((100 * cat[c].s) / cat[c].w) : 0, weight: cat[c].w }]),
  ) as Scored['categories'];
  return { score: round1(score), categories, ...(cappedBy ? { cappedBy } : {}) };
}

/**
 * Points each rule earns, and is worth at most, on the 0–100 scale before caps (not measurable: 0 of 0). A rule not
 * measured for missing data (`bounded`) is worth its share, as in scoreOf, and earns what it counts as (0 or its floor).
 */
export function pointsOf(items: ScoreInput[]): Map<string, { points: number; maxPoints: number }> {
  const counted = (i: ScoreInput): number | null => i.score ?? (i.bounded ? (i.floor ?? 0) : null);
  const total = items.reduce((t, i) => t + (counted(i) === null ? 0 : i.rule.weight), 0);
  return new Map(
    items.map((i) => {
      const s = counted(i);
      const max = s === null || total === 0 ? 0 : (100 * i.rule.weight) / total;
      return [i.rule.id, { points: round1(max * (s ?? 0)), maxPoints: round1(max) }];
    }),
  );
}

/** The repo score with the given rules passing fully. */
function scoreWith(items: ScoreInput[], passing: (i: ScoreInput) => boolean): number {
  return scoreOf(items.map((i) => (i.score !== null && passing(i) ? { ...i, score: 1 } : i))).score;
}

/**
 * The fixes worth most points: for each measurable rule below 1, the repo score it would have if that rule passed
 * fully (caps included), minus the score now. Sorted by gain, then weight, then id. Two refinements:
 * - a `gate` rule at 0 (no README) is worth up to its whole category, whose other rules wait for it (not listed);
 * - while a cap holds the score down, the rules that do not lift it follow the ones that do, each with the points it
 *   adds once the cap is lifted (`afterCap`).
 */
export function nextActionsOf(items: ScoreInput[], remediation: Map<string, string>, limit = 10): NextAction[] {
  const scored = scoreOf(items);
  const now = scored.score;
  const gates = items.filter((i) => i.rule.gate && i.score === 0);
  const waiting = (i: ScoreInput): boolean => gates.some((g) => g !== i && g.rule.category === i.rule.category);
  /** What passes when this item's fix is made: the rule, or for a gate at 0 its whole category. */
  const fixed = (item: ScoreInput) => (i: ScoreInput): boolean => i === item || (gates.includes(item) && i.rule.category === item.rule.category);
  const action = (item: ScoreInput, gain: number, afterCap: boolean): NextAction => ({
    rule: item.rule.id,
    gain,
    text:
      (remediation.get(item.rule.id) ?? '') +
      (gates.includes(item) ? ` The other ${item.rule.category} rules all read it: this fix is worth up to the whole category.` : ''),
    ...(afterCap ? { afterCap: true as const } : {}),
  });
  const direct: NextAction[] = [];
  const rest: ScoreInput[] = [];
  for (const item of items) {
    if (item.score === null || item.score >= 1 || waiting(item)) continue;
    const gain = round1(scoreWith(items, fixed(item)) - now);
    if (gain > 0) direct.push(action(item, gain, false));
    else rest.push(item);
  }
  const after: NextAction[] = [];
  if (scored.cappedBy && rest.length) {
    const capping = (i: ScoreInput): boolean => !!i.rule.cap && i.score !== null && i.score < i.rule.cap.below;
    const lifted = scoreWith(items, capping);
    for (const item of rest) {
      const own = fixed(item);
      // A cap that another cap hides: its share once the others are lifted. Any other rule: its points after the caps.
      const gain = capping(item)
        ? round1(lifted - scoreWith(items, (i) => capping(i) && i !== item))
        : round1(scoreWith(items, (i) => capping(i) || own(i)) - lifted);
      if (gain > 0) after.push(action(item, gain, true));
    }
  }
  const weight = new Map(items.map((i) => [i.rule.id, i.rule.weight]));
  const order = (a: NextAction, b: NextAction): number => b.gain - a.gain || weight.get(b.rule)! - weight.get(a.rule)! || (a.rule < b.rule ? -1 : 1);
  return [...direct.sort(order), ...after.sort(order)].slice(0, limit);
}

/**
 * Pipeline stages from the pipeline rules' results. A rule not measured because code could not be read still shows
 * what the files read earn (`unread.countedAs`): at STAGE_DETECTED_AT or more the stage is detected (the code read
 * already shows it); below, the stage is not measurable, neither found nor missing.
 */
export function stagesOf(results: RuleResult[]): Record<Stage, StageResult> {
  const out = {} as Record<Stage, StageResult>;
  const shown = (r: RuleResult): number | null => r.score ?? r.unread?.countedAs ?? null;
  for (const s of STAGES) {
    const rs = results.filter((r) => r.stage === s);
    const detected = rs.some((r) => (shown(r) ?? -1) >= STAGE_DETECTED_AT);
    const status =
      rs.length && rs.every((r) => r.applicable === false) ? 'not-applicable' : !detected && rs.length && rs.every((r) => !r.measurable) ? 'not-measurable' : undefined;
    out[s] = { detected, evidence: rs.flatMap((r) => ((shown(r) ?? 0) > 0 ? r.evidence : [])).slice(0, 5), ...(status ? { status } : {}) };
  }
  return out;
}
