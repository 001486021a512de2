import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_NAME, TOOL_VERSION } from '../../src/version.js';

describe('src/version.ts', () => {
  it('names the package and its version as package.json does (reports, SARIF and the badge print them)', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; version: string };
    expect(TOOL_NAME).toBe(pkg.name);
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
