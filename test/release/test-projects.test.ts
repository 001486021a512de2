/**
 * Most test files share a worker process (vitest.config.ts, project 'shared', `isolate: false`). A file that replaces a
 * module for the whole file or changes the process itself must be in the list of test/projects.ts, or it
 * would change what the files after it in the same worker see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATED } from '../projects.js';

const ROOT = join(import.meta.dirname, '../..');
const testFiles = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => relative(ROOT, join(ROOT, 'test', f)).split('\\').join('/'))
  .sort();
const source = (f: string): string => readFileSync(join(ROOT, f), 'utf8');
// Built from pieces so that this file does not match itself.
const MOCK = ['vi', 'mock('].join('.');
const CHDIR = ['process', 'chdir('].join('.');

describe('which test files share a worker', () => {
  it('every listed file exists', () => {
    for (const f of ISOLATED) expect(testFiles, f).toContain(f);
  });

  it('no file mocks a module (@actions/core is replaced for every file alike: test/setup-action-core.ts), unless it is isolated', () => {
    expect(testFiles.filter((f) => source(f).includes(MOCK) && !ISOLATED.includes(f))).toEqual([]);
  });

  it('a file that changes the working directory is isolated, or changes it back in a `finally` (checked after each file by test/setup-file.ts)', () => {
    const unrestored = testFiles.filter((f) => {
      if (ISOLATED.includes(f)) return false;
      // Changes come in pairs: each change is followed by a `finally {` whose first statement changes it back.
      const after = source(f).split(CHDIR).slice(1);
      return after.some((text, i) => i % 2 === 0 && (after[i + 1] === undefined || !/\}\s*finally\s*\{\s*$/.test(text)));
    });
    expect(unrestored).toEqual([]);
  });
});
