import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionTables, ROOT } from '../helpers/fake-github/runner.js';

const readme = join(ROOT, 'README.md');

describe('README: GitHub Action section', () => {
  it('the inputs and outputs tables match action.yml exactly', () => {
    const text = readFileSync(readme, 'utf8');
    const t = actionTables();
    expect(text).toContain(t.inputs);
    expect(text).toContain(t.outputs);
    expect(text).toContain('pull-requests: write');
    expect(text).toContain('fetch-depth: 0');
  });

  it('every workflow example has a concurrency group, so two runs on one pull request do not race to post the comment', () => {
    const text = readFileSync(readme, 'utf8');
    const workflows = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((y) => /^jobs:/m.test(y));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    for (const y of workflows) {
      // GitHub Pages keeps its own group (one deployment at a time, never cancelled half-way).
      if (/deploy-pages/.test(y)) expect(y).toMatch(/^concurrency:\n {2}group: pages\n/m);
      else expect(y).toMatch(/^concurrency:[^\n]*\n {2}group: ml-portfolio-audit-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: true$/m);
    }
  });
});
