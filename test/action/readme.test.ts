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
});
