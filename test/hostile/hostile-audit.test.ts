/**
 * A whole audit of a repo whose files are 1 MB runs of what the patterns and parsers repeat: a line of `#`, a nested
 * list on one line, 50,000 lines of `[`, one long identifier, a run of digits and dots. Before the scanning was made
 * linear, the first took hours and the second minutes (a blocked event loop: no signal, no report). The budget is far
 * above a linear audit (a few seconds of CPU) and far below a quadratic one. It is CPU time, not wall time: at a load
 * average of 20 the same linear audit took 45 s of wall time.
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { cpuMsSince, run } from './patterns.js';

const SIZE = 1024 * 1024;
const BUDGET_MS = 30_000;
const rules = loadRules();

const notebook = (code: string): string =>
  JSON.stringify({ cells: [{ cell_type: 'code', source: [code], outputs: [] }, { cell_type: 'markdown', source: [code] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('an audit of 1 MB hostile files', () => {
  for (const unit of ['#', '1. ', '[\n', 'model_', '0.']) {
    it(`finishes within the budget on runs of ${JSON.stringify(unit)}`, async () => {
      const text = run(unit, SIZE);
      const files: Record<string, string> = { 'nb.ipynb': notebook(text) };
      for (const name of ['train.py', 'README.md', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Dockerfile', '.github/workflows/ci.yml', 'get_data.sh', 'analysis.Rmd']) files[name] = text;
      const snapshot = memorySnapshot({
        files,
        commits: [{ sha: 'a'.repeat(40), authorName: 'A', authorEmail: 'a@example.com', date: '2026-01-01T00:00:00Z', subject: text.slice(0, 65_536), filesChanged: 1, merge: false }],
      });
      const t = process.cpuUsage();
      const report = await auditSnapshot(snapshot, { rules, now: new Date('2026-02-01') });
      expect(cpuMsSince(t)).toBeLessThan(BUDGET_MS);
      expect(report.rules).toHaveLength(rules.rules.length);
    }, 120_000);
  }
});
