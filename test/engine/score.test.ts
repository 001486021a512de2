import { describe, expect, it } from 'vitest';
import { gradeFor, nextActionsOf, pointsOf, scoreOf, stagesOf, type ScoreInput } from '../../src/score.js';
import type { RuleResult } from '../../src/report/types.js';

const rule = (id: string, weight: number, category: ScoreInput['rule']['category'] = 'pipeline', cap?: { below: number; max: number; keep?: number }, gate?: boolean) => ({
  id,
  weight,
  category,
  ...(cap ? { cap } : {}),
  ...(gate ? { gate } : {}),
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

  it('a soft cap keeps its share of the points above max, so capped repos keep their order', () => {
    const soft = { below: 0.5, max: 65, keep: 0.14 };
    const at = (a: number) => scoreOf([{ rule: rule('a', 90), score: a }, { rule: rule('oneShot', 10, 'history', soft), score: 0 }]);
    // raw 81 → 65 + 0.14 × 16 = 67.24; raw 90 → 65 + 0.14 × 25 = 68.5: ordered, both under 70 (a C), the ceiling reported.
    expect(at(0.9)).toMatchObject({ score: 67.2, cappedBy: { rule: 'oneShot', max: 69.9 } });
    expect(at(1)).toMatchObject({ score: 68.5, cappedBy: { rule: 'oneShot', max: 69.9 } });
    // Under max the cap changes nothing and is not reported.
    const low = at(0.6);
    expect(low.score).toBe(54);
    expect(low.cappedBy).toBeUndefined();
  });

  it('of a soft and a hard cap, the one that leaves the lower score is applied and reported', () => {
    const soft = { below: 0.5, max: 65, keep: 0.14 };
    const items = (hardMax: number) => [
      { rule: rule('a', 80), score: 1 },
      { rule: rule('oneShot', 10, 'history', soft), score: 0 },
      { rule: rule('copy', 10, 'originality', { below: 0.5, max: hardMax }), score: 0 },
    ];
    // raw 80: the soft cap leaves 65 + 0.14 × 15 = 67.1; a hard cap at 45 leaves 45, one at 68 leaves 68.
    expect(scoreOf(items(45))).toMatchObject({ score: 45, cappedBy: { rule: 'copy', max: 45 } });
    expect(scoreOf(items(68))).toMatchObject({ score: 67.1, cappedBy: { rule: 'oneShot', max: 69.9 } });
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

  it('a rule not measured for unread code counts as its floor, never more; atMost lifts it; points add up to the score', () => {
    const items: ScoreInput[] = [
      { rule: rule('a', 30), score: 1 },
      { rule: rule('stage', 10), score: null, bounded: true, floor: 0.5 },
      { rule: rule('b', 10, 'readme'), score: 0 },
    ];
    const s = scoreOf(items);
    // As if measured at its floor: (30 + 5) / 50.
    expect(s.score).toBe(70);
    expect(s.score).toBe(scoreOf([items[0]!, { rule: rule('stage', 10), score: 0.5 }, items[2]!]).score);
    expect(s.atMost).toBe(80);
    const points = pointsOf(items);
    expect(points.get('stage')).toEqual({ points: 10, maxPoints: 20 });
    expect([...points.values()].reduce((n, p) => n + p.points, 0)).toBe(s.score);
    // No floor: 0, as for a missing history.
    expect(scoreOf([items[0]!, { rule: rule('stage', 10), score: null, bounded: true }, items[2]!]).score).toBe(60);
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
    // The others add nothing while the cap holds; once it is lifted (70): big 40→60 of 100 = +20, small +10.
    expect(actions.map((a) => [a.rule, a.gain, a.afterCap ?? false])).toEqual([
      ['copy', 30, false],
      ['big', 20, true],
      ['small', 10, true],
    ]);
    const uncapped = nextActionsOf(items.slice(0, 2).concat(items[3]), new Map());
    expect(uncapped.map((a) => a.rule)).toEqual(['big', 'small']);
    expect(uncapped[0].gain).toBeCloseTo(22.2, 1);
  });

  it('two caps that hide each other: both listed with their share once the other is lifted, then the rest', () => {
    const items = [
      { rule: rule('big', 40), score: 0.5 },
      { rule: rule('copy', 10, 'originality', { below: 0.5, max: 40 }), score: 0 },
      { rule: rule('course', 10, 'originality', { below: 0.5, max: 40 }), score: 0 },
      { rule: rule('done', 40), score: 1 },
    ];
    // Capped at 40; fixing one cap alone adds nothing. Both lifted: (20+10+10+40)/100 = 80.
    expect(nextActionsOf(items, new Map()).map((a) => [a.rule, a.gain, a.afterCap ?? false])).toEqual([
      ['copy', 40, true],
      ['course', 40, true],
      ['big', 20, true],
    ]);
  });

  it('a gate rule at 0 (no README) is worth up to its whole category; the rules that read it wait for it', () => {
    const items = [
      { rule: rule('readme-exists', 2, 'readme', undefined, true), score: 0 },
      { rule: rule('readme-setup', 4, 'readme'), score: 0 },
      { rule: rule('readme-results', 4, 'readme'), score: 0 },
      { rule: rule('train', 10), score: 0.5 },
    ];
    const actions = nextActionsOf(items, new Map([['readme-exists', 'Add a README.'], ['train', 'Train.']]));
    // now 5/20 = 25; with the whole README category passing: 15/20 = 75 → +50; train alone: 10/20 → +25.
    expect(actions.map((a) => [a.rule, a.gain])).toEqual([
      ['readme-exists', 50],
      ['train', 25],
    ]);
    expect(actions[0].text).toBe('Add a README. The other readme rules all read it: this fix is worth up to the whole category.');
    // With a README (the gate passes), each README rule is a fix of its own again.
    const withReadme = nextActionsOf(items.map((i, k) => (k === 0 ? { ...i, score: 1 } : i)), new Map());
    expect(withReadme.map((a) => a.rule)).toEqual(['train', 'readme-results', 'readme-setup']);
    // Under a cap, the README fix still counts its whole category, once the cap is lifted.
    const capped = nextActionsOf([...items, { rule: rule('copy', 10, 'originality', { below: 0.5, max: 10 }), score: 0 }], new Map());
    expect(capped.map((a) => [a.rule, a.gain, a.afterCap ?? false])).toEqual([
      ['copy', 40, false],
      ['readme-exists', 33.3, true],
      ['train', 16.7, true],
    ]);
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

  it('a stage whose rule could not read some code: detected when the code read already shows it, else not measurable', () => {
    const unread = (id: string, stage: RuleResult['stage'], countedAs: number): RuleResult => ({
      id, title: id, category: 'pipeline', stage, score: null, weight: 8, measurable: false, outcome: 'not-measurable',
      unread: { paths: ['model.ipynb'], countedAs },
      evidence: [...(countedAs ? [{ path: `${id}.py`, line: 1, detail: 'match' }] : []), { path: 'model.ipynb', detail: 'could not be read: binary file' }],
      remediation: 'x', points: 0, maxPoints: 8,
    });
    const s = stagesOf([unread('d', 'data', 0.75), unread('t', 'training', 0.25), unread('e', 'evaluation', 0)]);
    expect(s.data).toMatchObject({ detected: true });
    expect(s.data.status).toBeUndefined();
    expect(s.data.evidence[0]!.path).toBe('d.py');
    expect(s.training).toMatchObject({ detected: false, status: 'not-measurable' });
    expect(s.evaluation).toEqual({ detected: false, evidence: [], status: 'not-measurable' });
  });
});
