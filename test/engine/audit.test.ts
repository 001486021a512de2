import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { PROBES } from '../../src/probes/index.js';
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
    expect(training).toMatchObject({ measurable: false, outcome: 'error', score: null, note: 'probe "code" failed: disk went away' });
    expect(report.status).toBe('partial');
    expect(report.reason).toContain('stage-training: probe "code" failed: disk went away');
    expect(report.rules.find((r) => r.id === 'readme-exists')).toMatchObject({ measurable: true, outcome: 'pass', score: 1 });
  });

  it('takes the repo state from the outcome, not from the wording of a note', async () => {
    // A probe whose note happens to read like a failure message, but which measured: the repo is ok.
    const report = await auditSnapshot(memorySnapshot({ id: 'me/p', files: { 'README.md': '# X\n\nwords\n' } }), {
      rules: loadRules(),
      probes: { ...PROBES, paths: { ...PROBES.paths, run: async () => ({ outcome: 'partial' as const, score: 0.5, evidence: [], note: 'probe "paths" failed: not really' }) } },
      now: new Date('2026-01-01'),
    });
    expect(report.status).toBe('ok');
    expect(report.reason).toBeUndefined();
    const license = report.rules.find((r) => r.id === 'license-file')!;
    expect(license).toMatchObject({ outcome: 'partial', measurable: true, score: 0.5 });
    // Every rule carries an outcome that agrees with its score.
    for (const r of report.rules) {
      // Left out of the score: not measured, an error, or not applicable and left out (a penalty-only rule with nothing to judge).
      const leftOut = r.outcome === 'not-measurable' || r.outcome === 'error' || (r.outcome === 'not-applicable' && !r.measurable);
      const want = leftOut ? null : r.score === 1 ? 'pass' : r.score === 0 ? ['fail', 'not-applicable'] : 'partial';
      if (want === null) expect(r.score).toBeNull();
      else expect([want].flat()).toContain(r.outcome);
    }
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
