import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, utf8Bytes } from '../../src/action/body.js';
import { summaryText } from '../../src/action/portfolio.js';
import { buildReport } from '../../src/report/build.js';
import { repo } from '../portfolio/fixtures.js';

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
});
