import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleRepos } from '../../src/demo/samples.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { auditTargets } from '../../src/run.js';

describe('demo sample repos', async () => {
  const repos = buildSampleRepos(mkdtempSync(join(tmpdir(), 'mlpa-demo-test-')));
  const report = await auditTargets({ targets: [repos.strong, repos.notebook, repos.tutorial], now: new Date('2025-12-01') });
  const [strong, notebook, tutorial] = report.repos;

  it('orders strong > notebook-only > tutorial copy', () => {
    expect(strong.status).toBe('ok');
    expect(strong.score).toBeGreaterThan(notebook.score);
    expect(notebook.score).toBeGreaterThan(tutorial.score);
    expect(strong.grade).toMatch(/[AB]/);
  });

  it('for real reasons: stages, history, originality', () => {
    expect(Object.values(strong.stages).every((s) => s.detected)).toBe(true);
    expect(notebook.stages.deployment.detected).toBe(false);
    expect(notebook.stages.training.detected).toBe(true);
    expect(strong.categories.history.score).toBeGreaterThan(notebook.categories.history.score);
    expect(tutorial.categories.originality.score).toBeLessThan(50);
    expect(tutorial.cappedBy).toBeDefined();
    for (const s of Object.values(strong.stages)) expect(s.evidence.length).toBeGreaterThan(0);
  });

  it('is deterministic', async () => {
    const again = await auditTargets({ targets: [repos.strong, repos.notebook, repos.tutorial], now: new Date('2025-12-01') });
    expect(again.repos).toEqual(report.repos);
  });

  it('renders Markdown with a stage row and top fixes', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('✅ Data');
    expect(md).toContain('Fix first');
    expect(md).toContain('<details>');
  });
});
