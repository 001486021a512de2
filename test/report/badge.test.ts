import { describe, expect, it } from 'vitest';
import { BADGE_LABEL, badgeScore, badgeSvg, GRADE_COLORS, NO_SCORE_COLOR, renderBadge, textWidth } from '../../src/report/badge.js';
import { buildReport, errorReport } from '../../src/report/build.js';
import type { Grade } from '../../src/report/types.js';
import { repoReport, reportOf, rule } from '../helpers/fake-github/sample-report.js';
import { elements, parseXml } from '../helpers/xml.js';

const NOW = new Date('2026-01-15T00:00:00Z');

function wellFormed(svg: string) {
  const { errors, root } = parseXml(svg);
  expect(errors).toEqual([]);
  expect(root?.name).toBe('svg');
  return root!;
}

describe('the well-formedness check itself', () => {
  it('rejects what an XML parser rejects', () => {
    expect(parseXml('<a><b></a></b>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a x="1 & 2"/>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a>1 < 2</a>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a x="1" x="2"/>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a/><b/>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a>\u0001</a>').errors.length).toBeGreaterThan(0);
    expect(parseXml('<a x="&amp;&#60;&#x3c;">&lt;ok&gt;</a>')).toMatchObject({ errors: [], root: { attrs: { x: '&<<' }, text: '<ok>' } });
  });
});

describe('badge', () => {
  it('is a flat two-half SVG with title and aria-label naming the score and grade', () => {
    const svg = renderBadge(reportOf(repoReport('ada/churn', 87.5, [rule('x', 1)])));
    const root = wellFormed(svg);
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.role).toBe('img');
    expect(root.attrs['aria-label']).toBe(`${BADGE_LABEL}: 87.5 · A`);
    const all = elements(root);
    expect(all.find((e) => e.name === 'title')?.text).toBe(`${BADGE_LABEL}: 87.5 · A`);
    const texts = all.filter((e) => e.name === 'text' && !e.attrs['aria-hidden']).map((e) => e.text);
    expect(texts).toEqual([BADGE_LABEL, '87.5 · A']);
    // The two halves add up to the whole width; the label half is grey.
    const rects = all.filter((e) => e.name === 'rect' && e.attrs.height === '20' && !e.attrs.rx && e.attrs.fill !== 'url(#s)');
    expect(rects.map((r) => r.attrs.fill)).toEqual(['#555', GRADE_COLORS.A]);
    expect(Number(rects[0].attrs.width) + Number(rects[1].attrs.width)).toBe(Number(root.attrs.width));
  });

  it('is coloured by grade', () => {
    const scores: Record<Grade, number> = { A: 92, B: 75, C: 60, D: 45, F: 12.5 };
    const colours = new Set<string>();
    for (const [grade, score] of Object.entries(scores) as [Grade, number][]) {
      const svg = renderBadge(reportOf(repoReport('ada/x', score, [])));
      wellFormed(svg);
      expect(svg).toContain(`fill="${GRADE_COLORS[grade]}"`);
      expect(svg).toContain(`aria-label="ML portfolio: ${score} · ${grade}"`);
      colours.add(GRADE_COLORS[grade]);
    }
    expect(colours.size).toBe(5);
  });

  it('shows the portfolio score for several repos, and "not audited" in grey when nothing was audited', () => {
    const report = buildReport([repoReport('ada/a', 90, []), repoReport('ada/b', 80, []), repoReport('ada/c', 30, [])], NOW);
    expect(badgeScore(report)).toEqual({ score: report.portfolio.score, grade: report.portfolio.grade });
    expect(renderBadge(report)).toContain(`${report.portfolio.score} · ${report.portfolio.grade}`);
    const failed = renderBadge(buildReport([errorReport('ada/x', 'broken config')], NOW));
    wellFormed(failed);
    expect(failed).toContain('not audited');
    expect(failed).toContain(`fill="${NO_SCORE_COLOR}"`);
    expect(failed).not.toContain('0 · F');
  });

  it('escapes hostile text in the label and message, and never puts raw text in the colour', () => {
    const hostile = `</text><script>alert("x")</script>&amp;' onload='x' \u0000\u001b[31m\u202e`;
    const svg = badgeSvg({ label: hostile, message: `"><foreignObject/>&`, color: `red" onclick="x` });
    const root = wellFormed(svg);
    const names = new Set(elements(root).map((e) => e.name));
    expect(names.has('script')).toBe(false);
    expect(names.has('foreignObject')).toBe(false);
    // "onload=" survives only as text: no element gets an event-handler attribute.
    expect(elements(root).flatMap((e) => Object.keys(e.attrs)).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(svg).not.toMatch(/[\u0000-\u0008\u001b\u202e]/);
    // The text reads back exactly as given (minus the control characters).
    const texts = elements(root).filter((e) => e.name === 'text' && !e.attrs['aria-hidden']).map((e) => e.text);
    expect(texts[0]).toBe(`</text><script>alert("x")</script>&amp;' onload='x' [31m`);
    expect(texts[1]).toBe(`"><foreignObject/>&`);
    expect(elements(root).some((e) => e.attrs.fill === NO_SCORE_COLOR)).toBe(true);
  });

  it('estimates text width like badge makers do: wider text, wider half; long text is cut', () => {
    expect(textWidth('iiii')).toBeLessThan(textWidth('MMMM'));
    expect(textWidth('87.5 · A')).toBeGreaterThan(40);
    expect(textWidth('87.5 · A')).toBeLessThan(60);
    const long = badgeSvg({ label: 'x'.repeat(500), message: 'y', color: '#4c1' });
    wellFormed(long);
    expect(long.length).toBeLessThan(3000);
    expect(long).toContain('…');
  });
});
