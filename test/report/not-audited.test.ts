/**
 * A repo that could not be audited has a reason and no score (schemaVersion 2): every front end says why, in its own
 * words, and none shows a score or a grade for it.
 */
import { describe, expect, it } from 'vitest';
import { commentBody, summaryBody } from '../../src/action/body.js';
import { summaryText } from '../../src/action/portfolio.js';
import { badgeScore, renderBadge } from '../../src/report/badge.js';
import { buildReport, errorReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import type { Report } from '../../src/report/types.js';
import { repoReport, rule } from '../helpers/fake-github/sample-report.js';
import { reportValidator } from '../helpers/report-schema.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const validate = reportValidator();

const GONE = 'repository not found or not readable with this token, HTTP 404';
const FORK = 'fork of someone/famous-lib: listed, not scored as your own work';

function portfolio(): Report {
  const churn = repoReport('ada/churn', 72, [rule('readme-results', 0, { category: 'readme' }), rule('tests', 1)], { detected: ['data', 'training'] });
  const fork = { ...errorReport('ada/famous-lib', FORK, 'skipped'), metadata: { fork: true, parent: 'someone/famous-lib' } };
  return buildReport([churn, errorReport('ada/gone', GONE), fork], NOW);
}

const single = (): Report => buildReport([errorReport('ada/gone', GONE)], NOW);

describe('a report with repos that were not audited', () => {
  it('JSON: the entries have the reason, no score, grade or rules, and validate', () => {
    const r = JSON.parse(JSON.stringify(portfolio()));
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    for (const x of r.repos.slice(1)) for (const k of ['score', 'grade', 'rules', 'categories', 'stages', 'nextActions', 'files', 'error']) expect(x).not.toHaveProperty(k);
    expect(r.portfolio.audited).toBe(1);
    expect(r.portfolio.explanation).toContain('2 repos not audited');
    expect(r.portfolio.flags).toContainEqual(expect.objectContaining({ repo: 'ada/famous-lib', kind: 'fork' }));
  });

  it('text: the summary table and the repo blocks say error / skipped with the reason', () => {
    const text = renderText(portfolio(), { width: 200 });
    expect(text).toMatch(/ada\/gone +— +error +not audited \(see below\)/);
    expect(text).toMatch(/ada\/famous-lib +— +skip +not audited \(see below\)/);
    expect(text).toContain(`ada/gone  error\n  ${GONE}`);
    expect(text).toContain('ada/famous-lib  skipped');
    expect(text).toContain('1 repo audited (1 B) · 1 error · 1 skipped');
    expect(text).not.toMatch(/ada\/(gone|famous-lib) +0\b/);
  });

  it('Markdown: a dash in the table, the reason under the heading', () => {
    const md = renderMarkdown(portfolio());
    expect(md).toContain('| <code>ada/gone</code> | — | error | — | — | — | — | — |');
    expect(md).toContain('| <code>ada/famous-lib</code> | — | skipped | — | — | — | — | — |');
    expect(md).toContain(`### <code>ada/gone</code> — could not be audited\n\n> ${GONE}`);
    expect(md).toContain(`### <code>ada/famous-lib</code> — skipped\n\n> ${FORK}`);
    expect(md).not.toMatch(/ada\/(gone|famous-lib)<\/code> — 0\/100/);
  });

  it('the pull request comment and the job summary: "could not be audited" and the reason, no score section', () => {
    const report = single();
    const input = { report, repo: report.repos[0], base: { kind: 'none' as const }, topFixes: 3 };
    for (const body of [commentBody(input).text, summaryBody(input).text]) {
      expect(body).toContain('## ML portfolio audit — <code>ada/gone</code> could not be audited');
      expect(body).toContain(`> ${GONE}`);
      expect(body).not.toMatch(/\/100|Fix next|\| Category \|/);
    }
    // The portfolio summary of the Action (portfolio mode): the entries are listed as not audited.
    const summary = summaryText(portfolio(), 3, false);
    expect(summary).toContain('| <code>ada/gone</code> | — | error |');
    expect(summary).not.toMatch(/<code>ada\/gone<\/code> \| 0\b/);
  });

  it('HTML: "not audited" with the reason, in the table and in the repo card; the title of a single one says so', () => {
    const html = renderHtml(portfolio());
    expect(html).toContain(`<strong>Not audited</strong> (could not be audited): ${GONE}`);
    expect(html).toContain('<strong>Not audited</strong> (skipped): fork of someone/famous-lib');
    expect(html).toContain('not audited (could not be audited)</td>');
    expect(html).toContain('1 repository audited, 2 not audited.');
    expect(renderHtml(single())).toContain('<title>gone: not audited · ML portfolio audit</title>');
  });

  it('SARIF: no results for it; a single repo not audited carries its status and reason, no score or grade', () => {
    const many = buildSarif(portfolio());
    expect(many.runs[0].results.every((x) => !JSON.stringify(x).includes('ada/gone'))).toBe(true);
    const one = buildSarif(single());
    expect(one.runs[0].results).toEqual([]);
    expect(one.runs[0].properties).toEqual({ repo: 'ada/gone', status: 'error', reason: GONE });
  });

  it('badge: "not audited" for a single repo that was not, the portfolio score for several', () => {
    expect(badgeScore(single())).toBeNull();
    expect(renderBadge(single())).toContain('not audited');
    const p = portfolio();
    expect(badgeScore(p)).toEqual({ score: p.portfolio.score, grade: p.portfolio.grade });
  });

  it('no repository audited: the portfolio has no score or grade (never a made-up 0/F), and every front end says so', () => {
    const none = buildReport([errorReport('ada/gone', GONE), errorReport('ada/other', GONE)], NOW);
    const r = JSON.parse(JSON.stringify(none));
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(r.portfolio).not.toHaveProperty('score');
    expect(r.portfolio).not.toHaveProperty('grade');
    expect(r.portfolio).toMatchObject({ audited: 0, explanation: 'No repository could be audited.' });
    // The schema wants both or neither.
    expect(validate({ ...r, portfolio: { ...r.portfolio, score: 0 } })).toBe(false);
    expect(renderText(none, { width: 200 })).toMatch(/portfolio +not scored/);
    expect(renderMarkdown(none)).not.toMatch(/0\/100|\(F\)/);
    expect(badgeScore(none)).toBeNull();
    const sarif = buildSarif(none) as { runs: Array<{ properties: Record<string, unknown> }> };
    expect(sarif.runs[0]!.properties).not.toHaveProperty('portfolioScore');
    expect(renderHtml(none)).not.toMatch(/0\/100/);
  });
});
