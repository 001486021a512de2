import { describe, expect, it } from 'vitest';
import { gradeFor, nextActionsOf, scoreOf, stagesOf, type ScoreInput } from '../../src/score.js';
import type { RuleResult } from '../../src/report/types.js';

const rule = (id: string, weight: number, category: ScoreInput['rule']['category'] = 'pipeline', cap?: { below: number; max: number }) => ({
  id,
  weight,
  category,
  ...(cap ? { cap } : {}),
});

describe('scoreOf', () => {
  it('is the weighted mean of measurable rules, 0-100', () => {
    const s = scoreOf([
      { rule: rule('a', 30), score: 1 },
      { rule: rule('b', 10, 'readme'), score: 0.5 },
      { rule: rule('c', 60, 'history'), score: null },
    ]);
    expect(s.score).toBe(87.5);
    expect(s.categories.pipeline).toEqual({ score: 100, weight: 30 });
    expect(s.categories.readme).toEqual({ score: 50, weight: 10 });
    expect(s.categories.history).toEqual({ score: 0, weight: 0 });
  });

  it('applies a cap only when it lowers the score, and reports the rule', () => {
    const items = [
      { rule: rule('a', 90), score: 1 },
      { rule: rule('copy', 10, 'originality', { below: 0.5, max: 45 }), score: 0 },
    ];
    expect(scoreOf(items)).toMatchObject({ score: 45, cappedBy: { rule: 'copy', max: 45 } });
    const low = scoreOf([{ rule: rule('a', 90), score: 0.2 }, items[1]]);
    expect(low.score).toBe(18);
    expect(low.cappedBy).toBeUndefined();
  });

  it('maps scores to grades at documented bands', () => {
    expect([100, 85, 84.9, 70, 55, 40, 39.9, 0].map(gradeFor)).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'F', 'F']);
  });
});

describe('nextActionsOf', () => {
  it('ranks fixes by the points they would add, counting caps', () => {
    const items = [
      { rule: rule('big', 40), score: 0.5 },
      { rule: rule('small', 10), score: 0 },
      { rule: rule('copy', 10, 'originality', { below: 0.5, max: 40 }), score: 0 },
      { rule: rule('done', 40), score: 1 },
    ];
    const actions = nextActionsOf(items, new Map([['big', 'do big'], ['small', 'do small'], ['copy', 'be original']]));
    // now: capped at 40. Fixing copy lifts the cap: (20+0+10+40)/100 = 70 → +30.
    expect(actions.map((a) => [a.rule, a.gain])).toEqual([
      ['copy', 30],
    ]);
    const uncapped = nextActionsOf(items.slice(0, 2).concat(items[3]), new Map());
    expect(uncapped.map((a) => a.rule)).toEqual(['big', 'small']);
    expect(uncapped[0].gain).toBeCloseTo(22.2, 1);
  });
});

describe('stagesOf', () => {
  it('detects a stage when one of its rules scores at least 0.5, with evidence', () => {
    const r = (id: string, stage: RuleResult['stage'], score: number | null): RuleResult => ({
      id, title: id, category: 'pipeline', stage, score, weight: 8, measurable: score !== null,
      evidence: score ? [{ path: `${id}.py`, line: 1, detail: 'match' }] : [], remediation: 'x', points: 0, maxPoints: 8,
    });
    const s = stagesOf([r('d', 'data', 0.5), r('t', 'training', 0.4), r('e', 'evaluation', null)]);
    expect(s.data.detected).toBe(true);
    expect(s.data.evidence[0].path).toBe('d.py');
    expect(s.training.detected).toBe(false);
    expect(s.evaluation.detected).toBe(false);
    expect(s.deployment).toEqual({ detected: false, evidence: [] });
  });
});
