import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';

describe('auditSnapshot: a probe that fails', () => {
  it('leaves that rule unmeasured and the repo partial with the reason; the other rules are scored', async () => {
    const snapshot = memorySnapshot({
      id: 'me/project',
      files: { 'README.md': '# Churn\n\nPredicts churn.\n', 'src/train.py': 'model.fit(X, y)\n', 'requirements.txt': 'scikit-learn==1.5.0\n' },
    });
    // The source fails to read code files (a disk or network fault): every probe that reads them throws.
    const read = snapshot.read.bind(snapshot);
    snapshot.read = (p) => (p.endsWith('.py') ? Promise.reject(new Error('disk went away')) : read(p));
    const rules = loadRules();
    const report = await auditSnapshot(snapshot, { rules, now: new Date('2026-01-01') });
    const training = report.rules.find((r) => r.id === 'stage-training')!;
    expect(training).toMatchObject({ measurable: false, score: null, note: 'probe "code" failed: disk went away' });
    expect(report.status).toBe('partial');
    expect(report.reason).toContain('stage-training: probe "code" failed: disk went away');
    expect(report.rules.find((r) => r.id === 'readme-exists')).toMatchObject({ measurable: true, score: 1 });
  });
});

describe('auditSnapshot: what to fix first', () => {
  it('with no README, adding one comes first, worth up to the README category; the README rules do not crowd the list', async () => {
    const snapshot = memorySnapshot({
      id: 'me/no-readme',
      files: {
        'src/train.py': 'import pandas as pd\ndf = pd.read_csv("data/train.csv")\nmodel.fit(X, y)\n',
        'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.1\n',
      },
    });
    const report = await auditSnapshot(snapshot, { rules: loadRules(), now: new Date('2026-01-01') });
    const readmeRules = report.rules.filter((r) => r.category === 'readme' && r.measurable);
    expect(readmeRules.every((r) => r.score === 0)).toBe(true);
    const first = report.nextActions[0];
    expect(first.rule).toBe('readme-exists');
    // The README category's points: what the score would gain if every README rule passed.
    const own = readmeRules.find((r) => r.id === 'readme-exists')!.maxPoints;
    expect(first.gain).toBeGreaterThan(own * 3);
    expect(first.text).toMatch(/worth up to the whole category/);
    expect(report.nextActions.filter((a) => a.rule.startsWith('readme-') && a.rule !== 'readme-exists')).toEqual([]);
  });
});
