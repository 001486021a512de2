import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRulesDir, loadRules, rulesValidationKey } from '../../src/rules/load.js';
import { InputFileError } from '../../src/rules/validate.js';
import { VALIDATED_RULES } from '../../src/rules/validated.js';
import { validatedRulesModule } from '../../src/rules/validated-module.js';
import { tmpDir } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '../..');

/** A copy of the shipped rules with `edit` applied to one file's text. */
function copyWith(rel: string, edit: (old: string) => string): string {
  const dir = join(tmpDir('mlpa-validated-'), 'rules');
  cpSync(findRulesDir(), dir, { recursive: true });
  const file = join(dir, rel);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('the shipped rules known to be valid (src/rules/validated.ts)', () => {
  it('src/rules/validated.ts holds the key of the shipped rules as they are, and they pass every check', () => {
    // Every check, whatever the file says: the key is only written for rules that pass them.
    expect(() => loadRules({ dir: join(root, 'rules'), validate: 'always' })).not.toThrow();
    const text = readFileSync(join(root, 'src/rules/validated.ts'), 'utf8');
    expect(text === validatedRulesModule(rulesValidationKey(join(root, 'rules'))!), 'src/rules/validated.ts is stale: run `npm run docs` and commit the result').toBe(true);
  });

  it('a load that skips the checks gives the same rules as one that makes them', () => {
    expect(rulesValidationKey(findRulesDir())).toBe(VALIDATED_RULES);
    expect(loadRules()).toEqual(loadRules({ validate: 'always' }));
  });

  it('a copy of the shipped rules with an edit is checked in full', () => {
    const bad = copyWith('pipeline/stage-training.yml', (t) => t.replace(/^weight: .*$/m, 'weight: 500'));
    expect(rulesValidationKey(bad)).not.toBe(VALIDATED_RULES);
    expect(() => loadRules(bad)).toThrow(InputFileError);
    expect(() => loadRules(bad)).toThrow(/weight: must be <= 100/);
    // An unknown param and a pattern that does not compile: errors only the full checks find.
    const unknownParam = copyWith('pipeline/stage-training.yml', (t) => t.replace(/^params:\n/m, 'params:\n  zzz: 1\n'));
    expect(() => loadRules(unknownParam)).toThrow(/params\.zzz: unknown field/);
    const badRegex = copyWith('pipeline/stage-training.yml', (t) => t.replace("regex: '\\b(?=", "regex: '\\b(?=("));
    expect(readFileSync(join(badRegex, 'pipeline/stage-training.yml'), 'utf8')).toContain("regex: '\\b(?=(");
    expect(() => loadRules(badRegex)).toThrow(/invalid regular expression/);
  });

  it('an unchanged copy elsewhere has the same key: it is the files that are known, not the folder', () => {
    const dir = join(tmpDir('mlpa-validated-'), 'rules');
    cpSync(findRulesDir(), dir, { recursive: true });
    expect(rulesValidationKey(dir)).toBe(VALIDATED_RULES);
  });
});
