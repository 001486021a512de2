/**
 * Issue #10, "remove what nothing uses": every value `src/` exports (a function, a constant, a class) is named in some
 * other file — source, tests, bench, scripts or the calibration scripts under docs/. A value only its own file uses is
 * not exported. Types may be exported for the signatures of exported functions (`loadRules(options: LoadRulesOptions)`),
 * so they are not checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CODE = /\.(?:ts|mts|tsx|mjs|js)$/;

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  // Not what a run leaves: bench/out/ holds built bundles (every name of src/ in them), ignored by git.
  return entries
    .filter((e) => e.isFile() && CODE.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith('bench/out/'));
}

/** `export const x`, `export function x`, `export class X`, `export async function x` (values, not types). */
const VALUE_EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|abstract\s+class|enum)\s+([A-Za-z_$][\w$]*)/gm;

describe('exports', () => {
  it('every value src/ exports is named in another file', () => {
    const files = ['src', 'test', 'bench', 'script', 'docs'].flatMap(filesUnder);
    const texts = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
    const unused: string[] = [];
    for (const [f, text] of texts) {
      if (!f.startsWith('src/')) continue;
      for (const m of text.matchAll(VALUE_EXPORT)) {
        const name = m[1]!;
        const named = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
        if (![...texts].some(([g, t]) => g !== f && named.test(t))) unused.push(`${f}: ${name}`);
      }
    }
    expect(unused).toEqual([]);
  });
});
