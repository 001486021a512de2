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
/** Per pattern, for all its runs together. A linear pattern needs a few ms; a quadratic one thousands. */
const BUDGET_MS = 400;

function slowest(p: FoundRegex): { unit: string; ms: number; total: number } {
  let worst = { unit: '', ms: 0 };
  let total = 0;
  for (const unit of attackUnits(p.re)) {
    const input = run(unit, LENGTH);
    const t = performance.now();
    p.re.test(input);
    const ms = performance.now() - t;
    total += ms;
    if (ms > worst.ms) worst = { unit, ms };
  }
  return { ...worst, total };
}

function check(patterns: FoundRegex[]): void {
  const slow: string[] = [];
  for (const p of patterns) {
    const s = slowest(p);
    if (s.total > BUDGET_MS) slow.push(`${p.where}: ${s.total.toFixed(0)} ms (worst on a run of ${JSON.stringify(s.unit)}: ${s.ms.toFixed(0)} ms) /${p.re.source.slice(0, 80)}/`);
  }
  expect(slow).toEqual([]);
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
