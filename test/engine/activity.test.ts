import { describe, expect, it } from 'vitest';
import { commitActivity, MAX_BUCKETS } from '../../src/activity.js';
import { auditTargets } from '../../src/run.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { tmpDir } from '../helpers/tmp.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { audited } from '../helpers/audited.js';

describe('commitActivity: commits per week or month, bounded', () => {
  it('no readable date: undefined', () => {
    expect(commitActivity([])).toBeUndefined();
    expect(commitActivity(['not a date'])).toBeUndefined();
  });

  it('weeks start on Monday (UTC); empty weeks are zeros; order of the input does not matter', () => {
    // 2025-03-05 is a Wednesday; 2025-03-17 a Monday; 2025-03-23 a Sunday.
    const a = commitActivity(['2025-03-23T23:59:59Z', '2025-03-05T10:00:00Z', '2025-03-17T00:00:00Z', '2025-03-06T00:00:00+02:00']);
    expect(a).toEqual({ unit: 'week', start: '2025-03-03', counts: [2, 0, 2] });
  });

  it('up to 104 weeks stay weekly; a longer history is counted per month', () => {
    const weekly = commitActivity(['2024-01-01T00:00:00Z', '2025-12-22T00:00:00Z']);
    expect(weekly?.unit).toBe('week');
    expect(weekly?.counts.length).toBe(104);
    const monthly = commitActivity(['2022-11-15T00:00:00Z', '2023-01-31T23:00:00Z', '2025-06-01T00:00:00Z']);
    expect(monthly).toMatchObject({ unit: 'month', start: '2022-11-01' });
    expect(monthly?.counts.length).toBe(32);
    expect(monthly?.counts.reduce((s, n) => s + n, 0)).toBe(3);
    expect(monthly?.counts[2]).toBe(1);
  });

  it('a history longer than 104 months keeps the newest 104 and says how many commits are left out', () => {
    const a = commitActivity(['2001-05-01T00:00:00Z', '2002-01-01T00:00:00Z', '2025-12-31T00:00:00Z', '2025-12-01T00:00:00Z']);
    expect(a).toEqual({ unit: 'month', start: '2017-05-01', counts: [...new Array<number>(MAX_BUCKETS - 1).fill(0), 2], earlier: 2 });
  });
});

describe('the audit puts it in the history summary', () => {
  it('a git repository: counts add up to the visible commits', async () => {
    const dir = join(tmpDir('mlpa-activity-'), 'repo');
    buildGitRepo(dir, [
      { date: '2025-01-06T10:00:00Z', message: 'Load the data', files: { 'train.py': 'import pandas\n' } },
      { date: '2025-01-08T10:00:00Z', message: 'Train a model', files: { 'train.py': 'import sklearn\n' } },
      { date: '2025-02-03T10:00:00Z', message: 'Evaluate', files: { 'eval.py': 'print(1)\n' } },
    ]);
    const report = await auditTargets({ targets: [dir], now: new Date('2025-03-01') });
    expect(audited(report.repos[0]).history?.activity).toEqual({ unit: 'week', start: '2025-01-06', counts: [2, 0, 0, 0, 1] });
  });

  it('a plain folder has no history: no activity', async () => {
    const dir = tmpDir('mlpa-activity-');
    writeFileSync(join(dir, 'train.py'), 'import pandas\n');
    const report = await auditTargets({ targets: [dir], now: new Date('2025-03-01') });
    expect(audited(report.repos[0]).history?.activity).toBeUndefined();
  });
});
