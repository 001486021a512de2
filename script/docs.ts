// npm run docs: writes docs/rules/<id>.md and docs/rules/README.md from the rule files, and the generated tables of
// rules/README.md (between <!-- rules:start --> and <!-- rules:end -->). Pages of rules that no longer exist are removed.
// test/rules/docs.test.ts fails when these files are stale. It also writes src/rules/validated.ts: the validation key
// of the shipped rules, which have just passed every check (test/rules/validated.test.ts fails when it is stale).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules, rulesValidationKey } from '../src/rules/load.js';
import { validatedRulesModule } from '../src/rules/validated-module.js';
import { renderDocs, updateReadme } from '../src/rules/docs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const set = loadRules({ dir: join(root, 'rules'), validate: 'always' });
const pages = renderDocs(set);
mkdirSync(join(root, 'docs/rules'), { recursive: true });
let changed = 0;
const write = (rel: string, text: string): void => {
  let old: string | undefined;
  try {
    old = readFileSync(join(root, rel), 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) return;
  writeFileSync(join(root, rel), text);
  changed++;
  console.log(`wrote ${rel}`);
};
for (const [rel, text] of pages) write(rel, text);
for (const f of readdirSync(join(root, 'docs/rules'))) {
  if (f.endsWith('.md') && !pages.has(`docs/rules/${f}`)) {
    rmSync(join(root, 'docs/rules', f));
    changed++;
    console.log(`removed docs/rules/${f}`);
  }
}
write('rules/README.md', updateReadme(readFileSync(join(root, 'rules/README.md'), 'utf8'), set));
write('src/rules/validated.ts', validatedRulesModule(rulesValidationKey(join(root, 'rules'))!));
console.log(changed ? `${changed} file(s) updated` : 'docs are up to date');
