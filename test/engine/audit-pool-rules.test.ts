/**
 * The pool sends a run's rules to a worker once: later audits on that worker with the same rules reuse the worker's
 * copy, and audits with other rules (another run in the same process, a config) send theirs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { AuditPool, sharedAuditPool } from '../../src/audit-pool.js';
import { loadRules, type RuleSet } from '../../src/rules/load.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { memorySnapshot, type MemoryRepo } from '../../src/sources/memory.js';

const now = new Date('2026-01-15T00:00:00Z');
const pool = new AuditPool(1);
afterAll(() => pool.close());

const TRAIN = 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/churn.csv")\nclf = LogisticRegression().fit(df.drop(columns="churn"), df.churn)\n';
const repos: MemoryRepo[] = [
  { id: 'ada/churn', commit: 'a'.repeat(40), files: { 'README.md': '# Churn\n\nPredicts churn.\n', 'train.py': TRAIN } },
  { id: 'ada/empty-readme', commit: 'b'.repeat(40), files: { 'README.md': '', 'notes.txt': 'todo\n' } },
  { id: 'ada/tests', commit: 'c'.repeat(40), files: { 'README.md': '# T\n\n## Usage\n\n`python train.py`\n', 'train.py': TRAIN, 'tests/test_train.py': 'def test_x():\n    assert 1\n' } },
];

/** What an audit scores, without timings. */
const scored = (r: AuditedRepoReport) => ({ score: r.score, rules: r.rules.map((x) => [x.id, x.outcome, x.score]) });

describe('AuditPool: rules cross to a worker once', () => {
  it('audits with the same rules, then other rules, then the first again, each as in process', async () => {
    const all = loadRules();
    const some: RuleSet = { ...all, rules: all.rules.filter((r) => r.category === 'readme') };
    expect(some.rules.length).toBeGreaterThan(0);
    expect(some.rules.length).toBeLessThan(all.rules.length);
    const order: Array<[RuleSet, MemoryRepo]> = [
      [all, repos[0]!],
      [all, repos[1]!],
      [some, repos[2]!],
      [some, repos[0]!],
      [all, repos[2]!],
    ];
    for (const [rules, repo] of order) {
      const inWorker = await pool.audit({ snapshot: memorySnapshot(repo), rules, now, timeoutMs: 60_000 });
      const inProcess = await auditSnapshot(memorySnapshot(repo), { rules, now });
      expect(inWorker.rules).toHaveLength(rules.rules.length);
      expect(scored(inWorker)).toEqual(scored(inProcess));
    }
  });
});

describe('sharedAuditPool', () => {
  it('is one pool per size: runs of GitHub repositories share a one-worker pool, other runs the default one', () => {
    expect(sharedAuditPool(1)).toBe(sharedAuditPool(1));
    expect(sharedAuditPool()).toBe(sharedAuditPool());
    expect(sharedAuditPool(1)).not.toBe(sharedAuditPool());
  });
});
