import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, utf8Bytes } from '../../src/action/body.js';
import { summaryText } from '../../src/action/portfolio.js';
import { buildReport } from '../../src/report/build.js';
import { repo } from '../portfolio/fixtures.js';
import { micromark } from 'micromark';
import { liveReferences } from '../helpers/render.js';

describe('portfolio job summary', () => {
  it('stays within the 1 MiB summary limit for a very long portfolio, and says what it left out', () => {
    const repos = Array.from({ length: 3000 }, (_, i) => repo(`someone-with-a-long-name/project-number-${i}`, { score: 40 + (i % 50), skills: ['python', 'pandas'] }));
    const text = summaryText(buildReport(repos, new Date('2026-01-01')), 3);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(text).toMatch(/left out to stay under the job summary's 1 MiB limit/);
    expect(text).toContain('**Portfolio:');
  });

  it('keeps everything when it fits', () => {
    const repos = [repo('ada/a', { score: 80 }), repo('ada/b', { score: 60 })];
    const text = summaryText(buildReport(repos, new Date('2026-01-01')), 3);
    expect(text).not.toMatch(/left out to stay under/);
  });

  it('a merged report (untrusted shards): the fix texts are escaped as audited text, no live HTML, link or mention', () => {
    const evil = '<img src=x onerror=alert(1)> [click](https://evil.example/x) @octocat #12';
    const a = repo('ada/a', { score: 40 });
    a.nextActions = [{ rule: 'rule-x', gain: 5, text: evil }];
    const report = buildReport([a, repo('ada/b', { score: 60 })], new Date('2026-01-01'));
    const trusted = micromark(summaryText(report, 3), { allowDangerousHtml: true });
    expect(trusted).toContain('href="https://evil.example/x"'); // the rules' own Markdown is rendered as such…
    const text = summaryText(report, 3, true);
    const html = micromark(text, { allowDangerousHtml: true });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="https://evil');
    expect(liveReferences(text)).toEqual([]);
  });
});

