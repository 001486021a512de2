import { describe, expect, it } from 'vitest';
import { measure } from '../../docs/calibration/measure.js';

type Stages = Record<'data' | 'preprocessing' | 'training' | 'evaluation' | 'deployment', boolean>;
const S = (letters: string): Stages => ({
  data: letters.includes('D'),
  preprocessing: letters.includes('P'),
  training: letters.includes('T'),
  evaluation: letters.includes('E'),
  deployment: letters.includes('Y'),
});

/** A calibration row: the label and the report's stages, with `?` marking a stage the tool reports as not measured. */
function row(repo: string, tier: string, label: string, tool: string, score: number) {
  const stages = Object.fromEntries(
    (['data', 'preprocessing', 'training', 'evaluation', 'deployment'] as const).map((k, i) => {
      const c = tool[i]!;
      return [k, { detected: c !== '·' && c !== '?', evidence: [], ...(c === '?' ? { status: 'not-measurable' } : {}) }];
    }),
  ) as never;
  return {
    label: { repo, sha: 'x', tier, stages: S(label) },
    report: { repo, status: 'ok', score, grade: 'C', categories: {}, stages },
    file: `${repo}.json`,
  };
}

describe('calibration measure: stages the tool reports as not measured', () => {
  const rows = [
    row('a/strong', 'strong', 'DPTEY', 'DPTEY', 90),
    row('b/php', 'weak', 'DPTE', '?????', 40),
    row('c/tutorial', 'tutorial', 'DT', 'D·T··', 30),
  ];
  const m = measure(rows);

  it('count as not detected in the strict agreement', () => {
    // a: 5/5; b: the label's D P T E disagree, its Y agrees; c: 5/5.
    expect(m.stages).toMatchObject({ agree: 11, total: 15 });
    expect(m.stages.perStage.data.labelOnly).toEqual(['b/php']);
    expect(m.stages.perStage.deployment.notMeasured).toEqual(['b/php']);
  });

  it('are left out of the agreement on measured stages, neither hits nor misses', () => {
    expect(m.stages.measured).toEqual({ agree: 10, total: 10, notMeasured: 5 });
  });

  it('leave the ranking alone', () => {
    expect(m.spearman).toBeCloseTo(1, 6);
  });
});
