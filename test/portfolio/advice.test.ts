import { describe, expect, it } from 'vitest';
import { flagsOf, portfolioOf } from '../../src/portfolio.js';
import { portfolioSection } from '../../src/report/portfolio-markdown.js';
import { renderText } from '../../src/report/text.js';
import { buildReport } from '../../src/report/build.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW, repo, rule, tutorialCopy } from './fixtures.js';
import { reportValidator } from '../helpers/report-schema.js';

const validate = reportValidator();

function withFix(r: AuditedRepoReport, ruleId: string, gain: number): AuditedRepoReport {
  return { ...r, nextActions: [{ rule: ruleId, gain, text: `Fix ${ruleId} properly.` }], rules: [...r.rules, rule(ruleId, 'readme', 0, { title: `Rule ${ruleId}` })] };
}

function portfolio(): AuditedRepoReport[] {
  const old = repo('ada/old-weak', { score: 35, commits: 5 });
  old.history = { ...old.history!, lastCommit: '2021-01-01T00:00:00Z' };
  return [
    withFix(repo('ada/churn', { score: 88, allStages: true }), 'readme-demo-link', 2.5),
    withFix(repo('ada/vision', { score: 74, allStages: true }), 'tests-present', 3),
    withFix(repo('ada/nlp', { score: 61 }), 'readme-results', 7.5),
    old,
    tutorialCopy('ada/dl-course'),
    repo('ada/forked', { score: 80, fork: true }),
    repo('ada/empty', { score: 0, files: 0, commits: 0 }),
  ];
}

describe('portfolio advice', () => {
  it('improve next names a fix-first group (what a person does) with its exact gain, over a larger single rule elsewhere', () => {
    const repos = portfolio();
    const nlp = repos.find((r) => r.repo === 'ada/nlp')!;
    const vision = repos.find((r) => r.repo === 'ada/vision')!;
    // ada/vision: its README group is worth 8.7 with its three rules passing together (each alone less than nlp's 7.5).
    vision.fixFirst = {
      caps: [],
      groups: [
        {
          fix: 'readme',
          title: 'Rewrite the README',
          gain: 8.7,
          scoreAfter: 82.7,
          rules: [
            { rule: 'readme-results', gain: 4, text: 'Add the results.' },
            { rule: 'readme-dataset', gain: 3, text: 'Describe the data.' },
            { rule: 'readme-setup', gain: 1.7, text: 'Say how to run it.' },
          ],
        },
      ],
    };
    // ada/nlp has fix-first groups but nothing to gain now (held by a cap): its nextActions are not used instead.
    nlp.fixFirst = { caps: [{ rule: 'history-one-shot', max: 65, holds: true }], groups: [{ fix: 'readme', title: 'Rewrite the README', gain: 0, scoreAfter: 61, heldBy: ['history-one-shot'], gainOnceLifted: 12, rules: [{ rule: 'readme-results', gain: 0, text: 'x' }] }] };
    const a = portfolioOf(repos).advice!;
    expect(a.improve).toMatchObject({ repo: 'ada/vision', fix: 'readme', title: 'Rewrite the README', rule: 'readme-results', gain: 8.7, score: 74, scoreAfter: 82.7 });
    expect(a.improve!.reason).toBe('the largest gain in the portfolio: "Rewrite the README" (3 rules) is worth +8.7 (74 → 82.7)');
    const report = buildReport(repos, NOW);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(portfolioSection(report)).toContain('**Improve next:** <code>ada/vision</code>, Rewrite the README, starting with <code>readme-results</code> (+8.7: 74 → 82.7)');
  });

  it('pins the strongest originals, names the largest fix, and lists copies, forks, empty and abandoned repos to archive', () => {
    const p = portfolioOf(portfolio());
    const a = p.advice!;
    expect(a.pin.map((x) => x.repo)).toEqual(['ada/churn', 'ada/vision', 'ada/nlp']);
    expect(a.pin[0].reason).toContain('a strong end-to-end project');
    expect(a.pin[2].reason).toContain('below 70');
    expect(a.improve).toMatchObject({ repo: 'ada/nlp', rule: 'readme-results', gain: 7.5, score: 61, scoreAfter: 68.5 });
    expect(a.improve!.reason).toContain('largest gain');
    const archive = Object.fromEntries(a.archive.map((x) => [x.repo, x.kinds]));
    expect(archive).toEqual({ 'ada/dl-course': ['tutorial-copy'], 'ada/empty': ['empty'], 'ada/forked': ['fork'], 'ada/old-weak': ['abandoned'] });
    for (const x of a.archive) expect(x.reason.length).toBeGreaterThan(10);
    expect(a.pin.length).toBeLessThanOrEqual(5);
  });

  it('is in the JSON (valid against the schema), the Markdown and the text report', () => {
    const report = buildReport(portfolio(), NOW);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const md = portfolioSection(report);
    expect(md).toContain('**What to do**');
    expect(md).toMatch(/📌 \*\*Pin:\*\* <code>ada\/churn<\/code>/);
    expect(md).toContain('🔧 **Improve next:** <code>ada/nlp</code>, <code>readme-results</code> (+7.5: 61 → 68.5)');
    expect(md).toMatch(/<code>ada\/dl-course<\/code> \(tutorial\/course copy\)/);
    const text = renderText(report);
    expect(text).toMatch(/\n {2}pin {6}ada\/churn — 88\/100/);
    expect(text).toMatch(/\n {2}improve {2}ada\/nlp: readme-results \(\+7\.5: 61 → 68\.5\)/);
    expect(text).toMatch(/\n {2}archive {2}ada\/dl-course \(tutorial\/course copy\)/);
  });

  it('a single repo gets no portfolio advice and its own verdict', () => {
    const p = portfolioOf([tutorialCopy('ada/dl-course', 30)]);
    expect(p.advice).toBeUndefined();
    expect(p.score).toBe(30);
  });
});

describe('portfolio flags come from the rules’ flags:, not their ids', () => {
  it('a rule declaring flags: [tutorial-copy] flags a copy whatever its id or category', () => {
    const r = repo('ada/x', { score: 50, rules: [rule('history-whatever', 'history', 0, { flags: ['tutorial-copy'] }), rule('not-a-fork', 'originality', 1, { flags: ['fork'] })] });
    expect(flagsOf(r).map((f) => f.kind)).toEqual(['tutorial-copy']);
  });

  it('with flags declared, an id that merely looks like one raises nothing', () => {
    const r = repo('ada/x', { score: 50, rules: [rule('my-fork-check', 'originality', 0, { flags: [] }), rule('readme-exists', 'readme', 1, { flags: ['one-shot'] })] });
    // flags: [] is declared: the originality rule raises no tutorial-copy, the "fork" in its id raises no fork.
    expect(flagsOf(r)).toEqual([]);
  });

  it('a fork rule failing raises fork only (not also tutorial-copy, as matching the originality category did)', () => {
    const r = repo('ada/x', { score: 50, rules: [rule('not-a-fork', 'originality', 0, { flags: ['fork'] })] });
    expect(flagsOf(r).map((f) => f.kind)).toEqual(['fork']);
  });

  it('reports of older versions (no flags on any rule) are read as before', () => {
    const r = repo('ada/x', { score: 50, rules: [rule('course-folders', 'originality', 0), rule('history-one-shot', 'history', 0)] });
    expect(flagsOf(r).map((f) => f.kind)).toEqual(['tutorial-copy', 'one-shot']);
  });
});
