import { describe, expect, it } from 'vitest';
import { CSP, evidenceHref, githubRepoUrl, renderHtml } from '../../src/report/html.js';
import { htmlText } from '../../src/report/escape.js';
import { main } from '../../src/cli/main.js';
import { githubRepo, HOSTILE, HOSTILE_ATTR, hostileReport, portfolioReport, SHA } from '../helpers/html-reports.js';
import { reportOf } from '../helpers/fake-github/sample-report.js';
import { buildReport } from '../../src/report/build.js';
import { tmpDir } from '../helpers/tmp.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { audited } from '../helpers/audited.js';

const hrefs = (html: string): string[] => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
const tags = (html: string): string[] => [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
/** Every start tag, strictly `<name attr="value" …>`: its attribute names. A tag of any other form fails the test. */
function attributes(html: string): string[] {
  const body = html.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[^<]*<\/style>/, '');
  const starts = [...body.matchAll(/<[a-zA-Z]/g)].length;
  const strict = [...body.matchAll(/<[a-zA-Z][\w-]*((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*\/?>/g)];
  expect(strict.length).toBe(starts);
  return strict.flatMap((m) => [...m[1].matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()));
}

describe('htmlText', () => {
  it('escapes markup and quotes, removes control and bidi characters, folds lines, cuts at whole code points', () => {
    expect(htmlText(`<a href="x" onclick='y'>&`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    expect(htmlText('a\u202eb\u0007c\nd')).toBe('abc d');
    expect(htmlText('😀😀😀', 2)).toBe('😀…');
    expect(htmlText(undefined)).toBe('');
    expect(htmlText({ toString: () => '<x>' })).toBe('&lt;x&gt;');
  });
});

describe('links are built only from checked parts', () => {
  it('github.com owner/name only', () => {
    expect(githubRepoUrl('https://github.com/ada/churn')).toBe('https://github.com/ada/churn');
    expect(githubRepoUrl('https://github.com/ada/churn/')).toBe('https://github.com/ada/churn');
    for (const bad of ['javascript:alert(1)', 'http://github.com/ada/churn', 'https://github.com.evil.example/ada/churn', 'https://github.com/ada/churn/../x', 'https://github.com/ada/..', 'https://github.com/-ada/x', 'https://github.com/ada/c"hurn', 42, undefined]) {
      expect(githubRepoUrl(bad), String(bad)).toBeNull();
    }
  });

  it('blob/<sha>/<path>#L<n>: the full sha, each path segment encoded, no anchor for notebook cells', () => {
    const url = 'https://github.com/ada/churn';
    expect(evidenceHref(url, SHA, { path: 'src/data loader.py', line: 3 })).toBe(`${url}/blob/${SHA}/src/data%20loader.py#L3`);
    expect(evidenceHref(url, SHA, { path: 'nb/train.ipynb', line: 3, cell: 2 })).toBe(`${url}/blob/${SHA}/nb/train.ipynb`);
    expect(evidenceHref(url, SHA, { path: `"><img onerror=x>#?'` })).toBe(`${url}/blob/${SHA}/%22%3E%3Cimg%20onerror%3Dx%3E%23%3F%27`);
    expect(evidenceHref(url, SHA, { path: 'a.py', line: -1 })).toBe(`${url}/blob/${SHA}/a.py`);
    for (const path of ['../etc/passwd', 'a//b', '/abs', 'a/./b', 'a\\b', 'a\nb', '']) expect(evidenceHref(url, SHA, { path }), path).toBeNull();
    expect(evidenceHref(url, 'abc1234', { path: 'a.py' })).toBeNull();
    expect(evidenceHref(url, null, { path: 'a.py' })).toBeNull();
    expect(evidenceHref(undefined, SHA, { path: 'a.py' })).toBeNull();
    expect(evidenceHref('javascript:alert(1)//', SHA, { path: 'a.py' })).toBeNull();
  });
});

describe('renderHtml', () => {
  it('one self-contained page: doctype, lang, the strict CSP, no script, no outside resource', () => {
    const html = renderHtml(portfolioReport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    expect(CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('link');
    expect(tags(html)).not.toContain('img');
    expect(html).not.toMatch(/\ssrc=|@import|url\(/);
    expect(html).toContain('@media (prefers-color-scheme:dark)');
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width:600px)');
  });

  it('a portfolio: its score, each repo, configured beside standard, partial labelled, error and skipped "not audited" with the reason', () => {
    const report = portfolioReport();
    const html = renderHtml(report);
    expect(html).toContain('Portfolio at a glance');
    expect(html).toContain(`${report.portfolio.score}/100`);
    expect(html).toContain('78.5/100');
    expect(html).toMatch(/<span class="tag">configured<\/span> <strong>91\/100<\/strong> <span class="grade grade-A">A<\/span> under the repo&#39;s own \.ml-portfolio-audit\.yml/);
    expect(html).toContain('Partial result, the score is not final:</strong> commit history not returned by GitHub');
    expect(html).toContain('<strong>Not audited</strong> (could not be audited): repository not found or not readable with this token (HTTP 404)');
    expect(html).toContain('<strong>Not audited</strong> (skipped): skipped: the time budget');
    // No made-up 0/F for the repos that were not audited.
    const errorSection = html.slice(html.indexOf('id="repo-3"'), html.indexOf('id="repo-4"'));
    expect(errorSection).not.toMatch(/0\/100|grade-F/);
    // Local path: never a link; GitHub evidence: the exact commit and line.
    expect(hrefs(html)).toContain(`https://github.com/ada/churn/blob/${SHA}/src/data.py#L3`);
    expect(hrefs(html).filter((u) => u.includes('nlp-demo'))).toEqual([]);
    for (const u of hrefs(html)) expect(u).toMatch(/^(#[\w-]+|https:\/\/github\.com\/ada\/[\w.-]+(\/blob\/[0-9a-f]{40}\/[^"\s]+)?)$/);
  });

  it('charts are images with names that say their numbers', () => {
    const html = renderHtml(reportOf(githubRepo('ada/churn', 78.5)));
    const svgs = [...html.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(svgs.length).toBe(4); // gauge, categories, stages, commits
    for (const s of svgs) expect(s).toMatch(/role="img" aria-label="[^"]+"/);
    expect(html).toContain('aria-label="Score of churn: 78.5 out of 100, grade B"');
    expect(html).toContain('Pipeline stages of churn: 3 of 5 found. Data found, Preprocessing missing, Training found, Evaluation found, Deployment missing');
    expect(html).toContain('Commits per week of churn, weeks starting 2025-01-06 to 2025-03-10: 12 commits in 10 weeks, commits in 6 of them; busiest week 2025-02-17 with 4 commits');
    expect(html).toMatch(/Category scores of churn: Pipeline 50 out of 100 \(weight 40\)/);
    // One repo: no portfolio section, the repo is the headline.
    expect(html).not.toContain('Portfolio at a glance');
    expect(html).toContain('<title>churn: 78.5/100 (B) · ML portfolio audit</title>');
  });

  it('commits over time: unknown for old reports and plain folders, never a made-up empty history', () => {
    const old = githubRepo('ada/old', 60);
    delete old.history!.activity;
    expect(renderHtml(reportOf(old))).toContain('Commits over time are not in this report');
    const plain = { ...githubRepo('ada/plain', 60), commit: null };
    delete plain.history;
    expect(renderHtml(reportOf(plain))).toContain('No commit history: not a git repository.');
  });

  it('hostile text from a repository renders as text: no element, attribute or link comes from it', () => {
    const html = renderHtml(hostileReport());
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('img');
    expect(tags(html)).not.toContain('iframe');
    expect(tags(html)).not.toContain('b');
    expect(attributes(html).filter((a) => a.startsWith('on') || a === 'src' || a === 'style')).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // javascript: URL and a look-alike host: no link at all.
    for (const u of hrefs(html)) expect(u).toMatch(/^#[\w-]+$/);
  });

  it('a hand-edited report cannot inject through numbers or enums', () => {
    const report = buildReport([githubRepo('ada/churn', 70)], new Date('2026-01-15T00:00:00Z'));
    const r = audited(report.repos[0]);
    const bad = r as unknown as Record<string, unknown>;
    bad.score = '<script>1</script>';
    bad.grade = '<b>A</b>';
    (r.categories.pipeline as unknown as Record<string, unknown>).score = '"><script>';
    (r.history!.activity as unknown as Record<string, unknown>).counts = ['<x>', 2, -1, 1e9];
    const html = renderHtml(report);
    expect(attributes(html)).not.toContain('onerror');
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('x');
    expect(html).toContain('grade ?');
  });

  it('fix first: groups with their rules and advice; hostile or malformed fixFirst fields render as text', () => {
    const report = buildReport([githubRepo('ada/churn', 45)], new Date('2026-01-15T00:00:00Z'));
    const r = audited(report.repos[0]);
    r.fixFirst = {
      caps: [{ rule: `cap${HOSTILE}`, max: 45, holds: true }],
      groups: [
        { fix: 'readme', title: `Rewrite ${HOSTILE}`, gain: 0, heldBy: [`cap${HOSTILE}`], gainOnceLifted: 9.5, scoreAfter: 45, rules: [{ rule: 'readme-results', gain: 0, heldBy: [`cap${HOSTILE}`], gainOnceLifted: 9.5, text: `Add <b>results</b> ${HOSTILE_ATTR}` }] },
      ],
      omitted: [{ fix: 'history', rules: ['history-span'], reason: `No history advice ${HOSTILE}` }],
    };
    let html = renderHtml(report);
    expect(html).toContain('Score capped at 45 by <code>cap&lt;script&gt;alert(1)&lt;/script&gt;</code>: other fixes gain nothing until it passes.');
    expect(html).toContain('<span class="gain">+0 until <code>cap&lt;script&gt;alert(1)&lt;/script&gt;</code> passes (then +9.5) points</span> <strong>Rewrite &lt;script&gt;');
    expect(html).toContain('<details><summary>How</summary>');
    expect(html).toContain('No history advice &lt;script&gt;');
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('b');
    // A hand-edited report: wrong types everywhere; the page still renders, with nothing injected.
    (r as unknown as Record<string, unknown>).fixFirst = { caps: 'x', groups: [{ title: { toString: () => HOSTILE }, gain: '<x>', rules: [null, 3, { rule: ['<y>'] }] }, 7] };
    html = renderHtml(report);
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('x');
    expect(tags(html)).not.toContain('y');
    expect(attributes(html)).not.toContain('onerror');
  });

  it('an empty report says so', () => {
    const html = renderHtml(buildReport([], new Date('2026-01-15T00:00:00Z')));
    expect(html).toContain('nothing was audited');
  });
});

describe('CLI --format html', () => {
  it('writes the page with -o', async () => {
    const dir = tmpDir('mlpa-html-');
    writeFileSync(join(dir, 'train.py'), 'import pandas as pd\n');
    const file = join(tmpDir('mlpa-html-out-'), 'report.html');
    const err: string[] = [];
    const code = await main([dir, '--format', 'html', '-o', file, '--quiet'], { stdout: () => {}, stderr: (s) => err.push(s) });
    expect(code, err.join('')).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('No commit history: not a git repository.');
  });
});
