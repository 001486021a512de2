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
