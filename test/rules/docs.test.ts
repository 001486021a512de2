import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { renderDocs, suggestions, updateReadme } from '../../src/rules/docs.js';

const root = join(import.meta.dirname, '../..');
const set = loadRules(join(root, 'rules'));
const STALE = 'stale: run `npm run docs` and commit the result';

describe('generated rule docs', () => {
  const pages = renderDocs(set);
  it('docs/rules/ holds exactly one page per rule and the index', () => {
    const onDisk = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`).sort();
    expect(onDisk, STALE).toEqual([...pages.keys()].sort());
  });
  it.each([...pages.keys()])('%s is up to date', (rel) => {
    expect(readFileSync(join(root, rel), 'utf8') === pages.get(rel), `${rel} is ${STALE}`).toBe(true);
  });
  it('the tables in rules/README.md are up to date', () => {
    const text = readFileSync(join(root, 'rules/README.md'), 'utf8');
    expect(text === updateReadme(text, set), `rules/README.md tables are ${STALE}`).toBe(true);
  });
  it('a page names the guide, both kinds of examples, the params and the fix', () => {
    const page = pages.get('docs/rules/history-one-shot.md')!;
    expect(page).toContain('# history-one-shot');
    expect(page).toContain('the repo score keeps only 14 % of its points above 65: at most 69.9');
    expect(page).toMatch(/> Move beyond tutorials/);
    expect(page).toContain('*Master Machine Learning');
    expect(page).toMatch(/### Passes[\s\S]*### Fails/);
    expect(page).toMatch(/\| `burstHours` \| `48` \| 48 \|/);
    expect(page).toContain('## How to fix');
  });
  it('suggests close rule ids', () => {
    const ids = set.rules.map((r) => r.id);
    expect(suggestions('stage-trainig', ids)[0]).toBe('stage-training');
    expect(suggestions('one-shot', ids)).toContain('history-one-shot');
    expect(suggestions('zzzzzz', ids)).toEqual([]);
  });
});
