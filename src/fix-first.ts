import { FIX_ACTIONS, FIX_KINDS, type FixKind } from './rules/fixes.js';
import type { FixCap, FixFirst, FixGain, FixGroup, NextAction } from './report/types.js';
import type { Rule } from './rules/load.js';
import { capCeiling, scoreOf, type ScoreInput as ScoreItem } from './score.js';

/** A score input whose rule says what fixes it and which portfolio flags it raises. */
export type FixInput = ScoreItem & { rule: ScoreItem['rule'] & Pick<Rule, 'fix' | 'flags'> };
type ScoreInput = FixInput;

/**
 * A rule raising the tutorial-copy or fork flag that scores below this marks the repo as not the candidate's own work
 * (the portfolio's flags use the same threshold, src/portfolio.ts COPY_BELOW).
 */
const NOT_OWN_BELOW = 0.5;

const NOT_OWN_FLAGS = ['tutorial-copy', 'fork'] as const;

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The score a cap reads: a rule not measured for missing data counts 0 or its floor (as in scoreOf); null = left out. */
const capScore = (i: ScoreInput): number | null => i.score ?? (i.bounded ? (i.floor ?? 0) : null);
const capApplies = (i: ScoreInput): boolean => {
  const s = capScore(i);
  return !!i.rule.cap && s !== null && s < i.rule.cap.below;
};
/** A rule that can be made to pass: measured, or not measured only because the history is missing. */
const passable = (i: ScoreInput): boolean => i.score !== null || !!i.bounded;

/**
 * The repo score, from the real scoring (scoreOf), with the rules in `pass` passing fully. `caps: false` scores as if
 * no rule had a cap: the score a fix would reach if nothing held it down.
 */
function scoreWith(items: ScoreInput[], pass: ReadonlySet<ScoreInput>, caps = true): number {
  return scoreOf(
    items.map((i) => {
      const rule = caps || !i.rule.cap ? i.rule : { ...i.rule, cap: undefined };
      if (pass.has(i) && passable(i)) return { rule, score: 1 };
      return rule === i.rule ? i : { ...i, rule };
    }),
  ).score;
}

const byCap = (a: ScoreInput, b: ScoreInput): number => capCeiling(a.rule.cap!) - capCeiling(b.rule.cap!) || (a.rule.id < b.rule.id ? -1 : 1);

/**
 * The fix-first list: the rules not yet passing, grouped by what a person does to fix them (the rule file's `fix:`),
 * each group worth the exact score change when all its rules pass together, each rule worth its own gain alone; the
 * rules whose cap applies; and, for a repo that reads as a copy, no advice to commit more (an original project is the
 * fix). Every number is a re-scoring with scoreOf, so caps, gates and unmeasured history count exactly as in the score.
 */
export function fixFirstOf(items: ScoreInput[], texts: Map<string, string>): FixFirst {
  const now = scoreOf(items).score;
  const none = new Set<ScoreInput>();
  const uncapped = scoreWith(items, none, false);
  const capped = items.filter(capApplies).filter((i) => i.rule.cap!.max < 100).sort(byCap);
  const caps: FixCap[] = capped.map((i) => ({
    rule: i.rule.id,
    // The most the score can be while the cap holds (a soft cap keeps a share of the points above its max).
    max: capCeiling(i.rule.cap!),
    holds: i.rule.cap!.max < uncapped,
    ...(i.score === null ? { measured: false as const } : {}),
    ...(i.rule.cap!.keep ? { soft: { from: i.rule.cap!.max, keep: i.rule.cap!.keep } } : {}),
  }));

  /** The gain of making `fix` pass, and the caps of other rules that hold it down. */
  const gainOf = (fix: ReadonlySet<ScoreInput>): FixGain & { after: number } => {
    const after = scoreWith(items, fix);
    const gain = round1(after - now);
    const others = capped.filter((c) => !fix.has(c) && passable(c));
    if (!others.length) return { gain, after };
    const reach = scoreWith(items, fix, false);
    const holding = others.filter((c) => c.rule.cap!.max < reach);
    if (!holding.length) return { gain, after };
    const lifted = new Set(others);
    const free = round1(scoreWith(items, new Set([...fix, ...others])) - scoreWith(items, lifted));
    if (free <= gain) return { gain, after };
    return { gain, heldBy: holding.map((c) => c.rule.id), gainOnceLifted: free, after };
  };

  // A gate at 0 (no README; a repo that is not ML): the other rules of its category read it, so they join its group.
  const gates = items.filter((i) => i.rule.gate && i.score === 0);
  const gateOf = (i: ScoreInput): ScoreInput | undefined => gates.find((g) => g.rule.category === i.rule.category);
  const kindOf = (i: ScoreInput): FixKind => gateOf(i)?.rule.fix ?? i.rule.fix;
  const open = items.filter((i) => i.score !== null && i.score < 1);

  const notOwn = items.filter((i) => i.score !== null && i.score < NOT_OWN_BELOW && i.rule.flags?.some((f) => (NOT_OWN_FLAGS as readonly string[]).includes(f)));
  const omitted: NonNullable<FixFirst['omitted']> = [];
  const groups: FixGroup[] = [];
  for (const fix of FIX_KINDS) {
    const members = open.filter((i) => kindOf(i) === fix);
    if (!members.length) continue;
    if (fix === 'history' && notOwn.length) {
      // Commits added to a copy do not make it the candidate's work; advising them would teach gaming the history.
      omitted.push({
        fix,
        rules: members.map((i) => i.rule.id),
        reason:
          `No history advice: the repo reads as a copy (${notOwn.map((i) => i.rule.id).join(', ')}), and commits added to a copy ` +
          `do not make it your own work. ${FIX_ACTIONS.original} instead.`,
      });
      continue;
    }
    const { after, ...gain } = gainOf(new Set(members));
    if (gain.gain <= 0 && !(gain.gainOnceLifted! > 0)) continue;
    // A repo that is not ML: one finding (the gate), not five stage rules with the same text.
    const listed = fix === 'not-ml' ? members.filter((i) => i.rule.gate) : members;
    const rules = listed
      .map((i) => {
        const { after: _after, ...own } = gainOf(new Set([i]));
        return { rule: i.rule.id, ...own, text: texts.get(i.rule.id) ?? '', weight: i.rule.weight };
      })
      .sort((a, b) => b.gain - a.gain || (b.gainOnceLifted ?? 0) - (a.gainOnceLifted ?? 0) || b.weight - a.weight || (a.rule < b.rule ? -1 : 1))
      .map(({ weight: _w, ...r }) => r);
    groups.push({ fix, title: FIX_ACTIONS[fix], ...gain, scoreAfter: after, rules });
  }
  const order = (k: FixKind): number => FIX_KINDS.indexOf(k);
  groups.sort((a, b) => b.gain - a.gain || (b.gainOnceLifted ?? 0) - (a.gainOnceLifted ?? 0) || order(a.fix) - order(b.fix));
  return { caps, groups, ...(omitted.length ? { omitted } : {}) };
}

/** The per-rule fixes without those the fix-first list leaves out on purpose (no history advice for a copy). */
export function advisedOnly(actions: NextAction[], fixFirst: FixFirst): NextAction[] {
  const left = new Set((fixFirst.omitted ?? []).flatMap((o) => o.rules));
  return left.size ? actions.filter((a) => !left.has(a.rule)) : actions;
}
