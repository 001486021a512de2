import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { renderText } from '../../src/report/text.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW, repo, rule } from '../portfolio/fixtures.js';

const LONG_FIX = `Add a Results section. ${'Explain the metric and compare it with a baseline on held-out data. '.repeat(12)}The end of the advice.`;

function failing(name: string, score: number): AuditedRepoReport {
  const r = repo(name, {
    score,
    rules: [
      rule('readme-results', 'readme', 0, { title: 'README reports results', remediation: LONG_FIX, evidence: [{ path: 'README.md', line: 1, detail: 'no metric' }] }),
      rule('tests-present', 'engineering', 0.5, { title: 'Tests exist' }),
      rule('license-file', 'engineering', 1),
      rule('ci-workflow', 'engineering', 1),
      rule('history-span', 'history', null, { note: 'shallow clone' }),
    ],
  });
  return { ...r, nextActions: [{ rule: 'readme-results', gain: 4.2, text: LONG_FIX }] };
}

describe('text report', () => {
  const report = buildReport([failing('ada/one', 60), failing('ada/two', 50), repo('ada/three', { score: 90 })], NOW);
  const text = renderText(report);

  it('starts with a summary table when several repos are audited', () => {
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^ {2}repo +score +grade +stages +fails +fix first$/);
    expect(lines[3]).toMatch(/^ {2}ada\/one +60 +C +\d\/5 +2 +readme-results \+4\.2$/);
    expect(text.indexOf('fix first')).toBeLessThan(text.indexOf('ada/one  60/100'));
  });

  it('shows failing and partial rules, collapses passing ones to a count, and has a legend', () => {
    expect(text).toMatch(/ {2}✗ {3}0% {2}\+4\.2 {2}readme-results +README\.md:1 no metric/);
    expect(text).toMatch(/ {2}~ {2}50% {8}tests-present/);
    expect(text).not.toMatch(/✓ 100%/);
    expect(text).toContain('✓ 2 rules pass, 1 not measurable (--verbose lists them)');
    expect(text).toMatch(/legend: ✓ passes · ~ passes in part · ✗ fails/);
    const verbose = renderText(report, { verbose: true });
    expect(verbose).toMatch(/✓ 100% {8}license-file/);
    expect(verbose).toMatch(/- {2}n\/a {8}history-span +not measurable: shallow clone/);
  });

  it('prints a rule’s advice once per run, whole; later repos refer to it', () => {
    expect(text.split('The end of the advice.').length - 1).toBe(1);
    expect(text).toContain('(advice for readme-results: see above)');
    expect(text).toContain('(advice for tests-present: see above)');
    // Wrapped at word boundaries to 100 columns, never cut.
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('a single repo: no summary table, no portfolio block', () => {
    const one = renderText(buildReport([failing('ada/one', 60)], NOW));
    expect(one).not.toMatch(/fails +fix first/);
    expect(one).not.toMatch(/^portfolio /m);
    // The repo's own fix-first block: a report without fixFirst (an older version) shows each fix as its own line.
    expect(one).toContain('  fix first:  1. README reports results +4.2\n                 readme-results +4.2\n');
  });

  it('fix first: the groups with their gains, their rules under them, the cap holders named, the rest on one line', () => {
    const r = failing('ada/capped', 45);
    r.fixFirst = {
      caps: [{ rule: 'no-course-readme', max: 45, holds: true }],
      groups: [
        { fix: 'original', title: 'Build an original project on what you learnt', gain: 12.5, scoreAfter: 57.5, rules: [{ rule: 'no-course-readme', gain: 12.5, text: 'x' }] },
        {
          fix: 'readme',
          title: 'Rewrite the README',
          gain: 0,
          heldBy: ['no-course-readme'],
          gainOnceLifted: 9,
          scoreAfter: 45,
          rules: [{ rule: 'readme-results', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 4.2, text: LONG_FIX }, { rule: 'readme-setup', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 3, text: 'y' }],
        },
        { fix: 'tests', title: 'Add tests and run them in CI', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 2, scoreAfter: 45, rules: [{ rule: 'tests-present', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 2, text: 'z' }] },
        { fix: 'cleanup', title: 'Clean the repository', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 1, scoreAfter: 45, rules: [{ rule: 'no-secrets', gain: 0, heldBy: ['no-course-readme'], gainOnceLifted: 1, text: 'w' }] },
      ],
    };
    const out = renderText(buildReport([r], NOW));
    expect(out).toContain(
      [
        '  capped:     Score capped at 45 by no-course-readme: other fixes gain nothing until it passes.',
        '  fix first:  1. Build an original project on what you learnt +12.5 → 57.5',
        '                 no-course-readme +12.5',
        '              2. Rewrite the README +0 until no-course-readme passes (then +9) → 45',
        '                 readme-results +0 until the cap is lifted (then +4.2), readme-setup +0 until the',
        '                 cap is lifted (then +3)',
        '              3. Add tests and run them in CI +0 until no-course-readme passes (then +2) → 45',
        '                 tests-present +0 until the cap is lifted (then +2)',
        '              then: Clean the repository +0 until the cap is lifted (then +1)',
      ].join('\n'),
    );
    // The rule list: a gain a cap takes all of shows in brackets, what it adds once the cap is lifted.
    expect(out).toMatch(/✗ {3}0% {2}\(\+4\.2\) {2}readme-results/);
  });

  it('says when the run was interrupted', () => {
    const r = { ...report, interrupted: { signal: 'SIGINT', notAudited: 2, total: 3, message: 'run interrupted: 2 of 3 repos not audited' } };
    expect(renderText(r)).toContain('⚠ run interrupted: 2 of 3 repos not audited');
  });
});
