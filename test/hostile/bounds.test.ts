/** The caps where a human text cannot need more: Markdown nesting and line length, code lines, glob shapes. */
import { describe, expect, it } from 'vitest';
import { boundMarkdown, MAX_LINE, MAX_NESTING, README_PARSE_LIMIT } from '../../src/probes/markdown-bounds.js';
import { MAX_SCAN_LINE, scanLines } from '../../src/facts/code-lines.js';
import { globProblem } from '../../src/probes/glob-gate.js';

describe('Markdown bounds', () => {
  it('keeps a README people write as it is', () => {
    const text = '# Title\n\n> quoted\n> > nested once\n\n- a\n  - b\n    1. c\n\n| a | b |\n| - | - |\n| 1 | 2 |\n';
    expect(boundMarkdown(text)).toBe(text);
  });

  it('drops container markers past MAX_NESTING on one line, keeping its text and its line count', () => {
    const deep = `${'1. '.repeat(5000)}text\n${'> '.repeat(5000)}quote\nafter`;
    const out = boundMarkdown(deep);
    const [list, quote, after] = out.split('\n');
    expect(list).toBe(`${'1. '.repeat(MAX_NESTING)}text`);
    expect(quote).toBe(`${'> '.repeat(MAX_NESTING)}quote`);
    expect(after).toBe('after');
  });

  it('cuts lines past MAX_LINE and the text past README_PARSE_LIMIT', () => {
    expect(boundMarkdown('x'.repeat(MAX_LINE * 2))).toHaveLength(MAX_LINE);
    const long = 'word word word\n'.repeat(README_PARSE_LIMIT / 5);
    expect(boundMarkdown(long)).toHaveLength(README_PARSE_LIMIT);
  });
});

describe('code lines', () => {
  it('patterns see at most MAX_SCAN_LINE characters of a line', () => {
    const lines = scanLines({ path: 'x.py', text: `model.fit(X, y)  # ${'#'.repeat(50_000)}\n${'a'.repeat(50_000)}\n` }, 'code');
    expect(lines.map((l) => l.text.length)).toEqual([expect.any(Number), MAX_SCAN_LINE]);
    expect(lines[0].text).toMatch(/^model\.fit\(X, y\)/);
  });
});

describe('glob shapes', () => {
  it('refuses globs that picomatch would match in super-linear time on a crafted path', () => {
    expect(globProblem('*a*a*a*c')).toMatch(/more than 3 "\*" in one folder or file name/);
    expect(globProblem('**/a/**/a/**/a/**/b')).toMatch(/more than 3 "\*\*" segments/);
    for (const ok of ['**/*train*', '**/*env*/lib/python*/**', 'vendor/**', '**/data/**/*.csv']) expect(globProblem(ok)).toBeNull();
  });
});
