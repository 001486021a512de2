import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionTables, ROOT } from '../helpers/fake-github/runner.js';

const readme = join(ROOT, 'README.md');
const merged = existsSync(readme) && readFileSync(readme, 'utf8').includes('## GitHub Action');

describe('README: GitHub Action section', () => {
  it.skipIf(!merged)('the inputs and outputs tables match action.yml exactly', () => {
    const text = readFileSync(readme, 'utf8');
    const t = actionTables();
    expect(text).toContain(t.inputs);
    expect(text).toContain(t.outputs);
    expect(text).toContain('pull-requests: write');
    expect(text).toContain('fetch-depth: 0');
  });
});
