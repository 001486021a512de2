import { describe, expect, it } from 'vitest';
import { code, logSafe, md, plainLine } from '../../src/report/escape.js';
import { liveReferences } from '../helpers/render.js';

describe('escaping untrusted text', () => {
  it('md(): no live mentions, HTML, links or Markdown structure', () => {
    const s = md('@octocat see <img src=x onerror=alert(1)> [click](http://evil) | **bold** #12\n## heading');
    expect(s).not.toMatch(/@[a-z]/);
    expect(s).not.toContain('<img');
    expect(s).not.toContain('](');
    expect(s).not.toMatch(/(^|[^\\])\|/);
    expect(s).not.toContain('\n');
    expect(s).not.toContain('http://');
  });

  it('code(): HTML-escaped, pipes and @ neutralised, one line', () => {
    expect(code('a|b<script>@x\nnext')).toBe('<code>a&#124;b&lt;script&gt;&#64;x next</code>');
    expect(code('my_file_name*.py')).toBe('<code>my&#95;file&#95;name&#42;.py</code>');
    expect(code('[x](javascript:alert(1))')).not.toMatch(/\[|\]\(|javascript:/);
  });

  it('no workflow commands in any form, anywhere in the line', () => {
    for (const f of [logSafe, plainLine, md]) {
      const s = f('title ##[error]boom and ##[add-mask]secret ::warning::x');
      expect(s).not.toMatch(/##\[/);
      expect(s).not.toContain('::');
    }
  });

  it('md(): a number at the start stays readable; only a real list marker is escaped, with an escape GitHub honours', () => {
    // "\1.6" would show its backslash: a backslash before a digit is no escape in GitHub's Markdown.
    expect(md('1.6 days from 2025-06-10 to 2025-06-12')).toBe('1.6 days from 2025-06-10 to 2025-06-12');
    expect(md('12. step')).toBe('12\\. step');
    expect(md('- not a list')).toBe('\\- not a list');
    expect(md('3 commits')).toBe('3 commits');
  });

  it('md(): issue references (#123, GH-5, owner/repo#9) are not live once rendered, and still read the same', () => {
    const text = 'fixes #123, see GH-5 and gh-7, octo/repo#9, (#4) x#5 @octocat a/b@abc1234';
    // The text itself has them all (so the check below can fail)…
    expect(liveReferences(text).length).toBeGreaterThanOrEqual(6);
    // …escaped, none renders live, in prose or a table cell.
    expect(liveReferences(md(text))).toEqual([]);
    expect(liveReferences(`| a | b |\n| --- | --- |\n| ${md(text)} | x |`)).toEqual([]);
    expect(liveReferences(code(text))).toEqual([]);
    // What a reader sees: the same characters, with zero-width spaces in between.
    const shown = md(text).replace(/&#8203;/g, '').replace(/\\/g, '').replace(/@/g, '@');
    expect(shown).toBe(text);
  });

  it('md(): www. links are not live', () => {
    expect(md('see www.example.com')).not.toMatch(/www\.example/);
  });

  it('logSafe(): no workflow commands, no control sequences', () => {
    const s = logSafe('::set-output name=x::1\u001b[31mred\u202e');
    expect(s.startsWith('::')).toBe(false);
    expect(s).not.toContain('::');
    expect(s).not.toContain('\u001b');
    expect(s).not.toContain('\u202e');
  });

  it('plainLine() truncates long text', () => {
    expect(plainLine('x'.repeat(50), 10)).toHaveLength(10);
  });
});
