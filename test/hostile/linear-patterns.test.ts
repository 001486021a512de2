/**
 * Every pattern that touches repo content runs in time linear in its input. A pattern that backtracks over a run of
 * what it repeats (`#+\s*GRADED` on a line of `#`, `[\w./-]+\.ipynb` on one long word) grows with the square of the
 * run: 64 KB then costs seconds, 1 MB hours, and a blocked event loop honours no signal. Each pattern gets runs of
 * each character class and literal it repeats; a linear pattern takes well under a millisecond per 64 KB here, a
 * quadratic one seconds, so the budget sits far from both.
 */
import { describe, expect, it } from 'vitest';
import { attackUnits, rulePatterns, run, sourcePatterns, type FoundRegex } from './patterns.js';

const LENGTH = 64 * 1024;
/** A first pass on short runs: a linear pattern needs a few microseconds for 4 KB, a quadratic one a millisecond or more. */
const PROBE_LENGTH = 4 * 1024;
const PROBE_MS = 0.25;
/** Per run of 64 KB. A linear pattern needs a few ms; a quadratic one seconds. */
const BUDGET_MS = 150;

const timed = (re: RegExp, input: string): number => {
  const t = performance.now();
  re.test(input);
  return performance.now() - t;
};

/** The runs of one pattern that exceed the budget (each measured twice, the faster counts: a GC pause is not the pattern). */
function overBudget(p: FoundRegex): string[] {
  const out: string[] = [];
  for (const unit of attackUnits(p.re)) {
    const probe = run(unit, PROBE_LENGTH);
    if (Math.min(timed(p.re, probe), timed(p.re, probe)) < PROBE_MS) continue;
    const input = run(unit, LENGTH);
    const ms = Math.min(timed(p.re, input), timed(p.re, input));
    if (ms > BUDGET_MS) out.push(`${p.where}: ${ms.toFixed(0)} ms on 64 KB of ${JSON.stringify(unit)} /${p.re.source.slice(0, 80)}/`);
  }
  return out;
}

function check(patterns: FoundRegex[]): void {
  expect(patterns.flatMap(overBudget)).toEqual([]);
}

describe('linear-time patterns', () => {
  it('finds the patterns it checks', () => {
    expect(rulePatterns().length).toBeGreaterThan(150);
    expect(sourcePatterns().length).toBeGreaterThan(300);
  });

  it('the attack of a known quadratic pattern takes far more than the budget (the test can fail)', () => {
    const t = performance.now();
    /#+\s*GRADED FUNCTION\b/.test(run('#', 16 * 1024));
    const ms = performance.now() - t;
    // Quadratic: already more at 16 KB than a linear pattern needs for 64 KB with all its runs.
    expect(ms).toBeGreaterThan(20);
  });

  it('every rule pattern', () => check(rulePatterns()), 120_000);
  it('every regex in the engine', () => check(sourcePatterns()), 120_000);
});
