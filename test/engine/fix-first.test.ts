import { describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/audit.js';
import { fixFirstOf, type FixInput } from '../../src/fix-first.js';
import { fixFirstMarkdown } from '../../src/report/markdown.js';
import { fixListOf } from '../../src/report/fix-list.js';
import { loadRules, type Rule } from '../../src/rules/load.js';
import { scoreOf } from '../../src/score.js';

const rules = loadRules().rules;
const byId = new Map(rules.map((r) => [r.id, r]));
const texts = new Map(rules.map((r) => [r.id, r.remediation]));
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The shipped rules, every one passing except those given, scored the way an audit scores them. */
function itemsWith(scores: Record<string, number | null>, history: { shallow?: boolean } = {}): FixInput[] {
  for (const id of Object.keys(scores)) if (!byId.has(id)) throw new Error(`no rule ${id}`);
  const results = rules.map((r) => ({ score: r.id in scores ? scores[r.id] : 1 }));
  return scoreInputs({ commits: history.shallow ? [] : [{} as never], shallow: !!history.shallow, truncated: false, totalCount: null }, rules, results, false);
}

/** The real score with the named rules passing fully. */
function rescored(items: FixInput[], passing: string[]): number {
  return scoreOf(items.map((i) => (passing.includes(i.rule.id) ? { rule: i.rule, score: 1 } : i))).score;
}

const README_SIX = { 'readme-results': 0, 'readme-dataset': 0, 'readme-problem': 0.2, 'readme-setup': 0, 'readme-usage': 0.4, 'readme-visuals': 0 };

describe('fixFirstOf: groups by what a person does, with exact gains', () => {
  it('each group gains exactly the re-scored repo score with all its rules passing, each rule its own re-scored gain', () => {
    const cases: Array<Record<string, number | null>> = [
      { ...README_SIX, 'stage-deployment': 0, 'tests-present': 0, 'ci-workflow': 0.5, 'history-span': 0.3, 'license-file': 0 },
      // capped: a tutorial template (45) and a one-shot upload (65)
      { 'no-tutorial-template': 0, 'history-one-shot': 0.2, 'readme-results': 0, 'stage-evaluation': 0.25, 'dependencies-pinned': 0 },
      // no README: the gate pulls its whole category into one group
      { 'readme-exists': 0, 'readme-title-summary': 0, 'readme-setup': 0, 'readme-usage': 0, 'readme-results': 0, 'readme-length': 0, 'stage-deployment': 0 },
    ];
    for (const scores of cases) {
      const items = itemsWith(scores);
      const now = scoreOf(items).score;
      const ff = fixFirstOf(items, texts);
      expect(ff.groups.length).toBeGreaterThan(0);
      for (const g of ff.groups) {
        const ids = g.rules.map((r) => r.rule);
        expect(g.gain, g.fix).toBe(round1(rescored(items, ids) - now));
        expect(g.scoreAfter).toBe(rescored(items, ids));
        for (const r of g.rules) expect(r.gain, r.rule).toBe(round1(rescored(items, [r.rule]) - now));
      }
      // Every rule below 1 is in exactly one group, or left out with a reason (a copy's history), best group first.
      const listed = [...ff.groups.flatMap((g) => g.rules.map((r) => r.rule)), ...(ff.omitted ?? []).flatMap((o) => o.rules)].sort();
      expect(listed).toEqual(Object.entries(scores).filter(([, s]) => s !== null && s < 1).map(([id]) => id).sort());
      const gains = ff.groups.map((g) => g.gain);
      expect(gains).toEqual([...gains].sort((a, b) => b - a));
    }
  });

  it('the README group is one line worth its rules together, above a single bigger rule that six small README lines fell below', () => {
    const items = itemsWith({ ...README_SIX, 'stage-deployment': 0, 'tests-present': 0 });
    const ff = fixFirstOf(items, texts);
    const readme = ff.groups.find((g) => g.fix === 'readme')!;
    expect(readme.title).toBe('Rewrite the README');
    expect(readme.rules.map((r) => r.rule).sort()).toEqual(Object.keys(README_SIX).sort());
    const deployment = ff.groups.find((g) => g.fix === 'deployment')!;
    // Each README rule alone is worth less than deploying; all six together are worth more, and the list says so.
    for (const r of readme.rules) expect(r.gain).toBeLessThan(deployment.gain);
    expect(readme.gain).toBeGreaterThan(deployment.gain);
    expect(ff.groups[0]).toBe(readme);
    // Six rules, one group line: the Markdown shows one numbered line for the README, its rules under it.
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: rules.map((r) => ({ ...r, score: 1 })) as never }), rules, { top: 3 });
    expect(md.split('\n').filter((l) => /^\d+\. /.test(l))).toEqual([
      `1. **Rewrite the README: +${readme.gain}** → ${readme.scoreAfter}`,
      `2. **Deploy the model behind an app or API: +${deployment.gain}** → ${deployment.scoreAfter}`,
      expect.stringMatching(/^3\. \*\*Add tests and run them in CI: \+[\d.]+\*\*/),
    ]);
    expect(md.split('\n').filter((l) => l.startsWith('   - +')).length).toBe(6 + 1 + 1);
  });

  it('names every rule holding a cap; fixes elsewhere gain exactly 0 and say which rule holds them', () => {
    const items = itemsWith({ 'no-tutorial-template': 0, 'not-a-known-copy': 0, 'readme-results': 0, 'stage-deployment': 0, 'tests-present': 0 });
    const now = scoreOf(items).score;
    expect(now).toBe(45);
    const ff = fixFirstOf(items, texts);
    expect(ff.caps).toEqual([
      { rule: 'no-tutorial-template', max: 45, holds: true },
      { rule: 'not-a-known-copy', max: 45, holds: true },
    ]);
    const original = ff.groups[0];
    expect(original.fix).toBe('original');
    expect(original.gain).toBe(round1(rescored(items, ['no-tutorial-template', 'not-a-known-copy']) - 45));
    // Either cap alone lifts nothing: 0 now, and the other is named.
    const tmpl = original.rules.find((r) => r.rule === 'no-tutorial-template')!;
    expect(tmpl).toMatchObject({ gain: 0, heldBy: ['not-a-known-copy'] });
    expect(tmpl.gainOnceLifted).toBe(round1(rescored(items, ['no-tutorial-template', 'not-a-known-copy']) - rescored(items, ['not-a-known-copy'])));
    for (const g of ff.groups.slice(1)) {
      expect(g.gain, g.fix).toBe(0);
      expect(g.heldBy).toEqual(['no-tutorial-template', 'not-a-known-copy']);
      const ids = g.rules.map((r) => r.rule);
      const lifted = ['no-tutorial-template', 'not-a-known-copy'];
      expect(g.gainOnceLifted).toBe(round1(rescored(items, [...lifted, ...ids]) - rescored(items, lifted)));
    }
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: [] as never }), rules, { top: 4 });
    expect(md).toContain('> 🔒 Score capped at 45 by `no-tutorial-template` and `not-a-known-copy`: other fixes gain nothing until they all pass.');
    expect(md).toMatch(/\*\*Deploy the model behind an app or API: \+0 until `no-tutorial-template` and `not-a-known-copy` pass \(then \+[\d.]+\)\*\*/);
    expect(md).not.toMatch(/\+[1-9][\d.]* \S*deployment/);
  });

  it('a cap below the score holds it; one above it only limits what the fixes can add, and both are named', () => {
    // A one-shot upload (a soft cap: 14 % of the points above 65, at most 69.9) on a repo scoring under 65: fixes count
    // fully up to 65, then for 14 %, until it passes.
    const items = itemsWith({ 'history-one-shot': 0, 'history-active-days': 0, ...README_SIX, 'stage-deployment': 0, 'stage-evaluation': 0, 'stage-training': 0, 'stage-preprocessing': 0 });
    const ff = fixFirstOf(items, texts);
    expect(scoreOf(items).score).toBeLessThan(65);
    expect(ff.caps).toEqual([{ rule: 'history-one-shot', max: 69.9, holds: false, soft: { from: 65, keep: 0.14 } }]);
    const readme = ff.groups.find((g) => g.fix === 'readme')!;
    expect(readme.gain).toBe(round1(rescored(items, Object.keys(README_SIX)) - scoreOf(items).score));
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: [] as never }), rules, { top: 9 });
    expect(md).toContain('Fixes count fully up to 65, then for 14 % of their points (at most 69.9), until `history-one-shot` passes (a cap).');
  });

  it('a soft cap that holds: the sentence says how much of the other fixes still counts, and their gains are exact', () => {
    const items = itemsWith({ 'history-one-shot': 0, 'readme-results': 0 });
    const raw = scoreOf(items.map((i) => (i.rule.cap ? { ...i, rule: { ...i.rule, cap: undefined } } : i))).score;
    expect(raw).toBeGreaterThan(70);
    expect(scoreOf(items).score).toBe(round1(65 + 0.14 * (raw - 65)));
    const ff = fixFirstOf(items, texts);
    expect(ff.caps).toEqual([{ rule: 'history-one-shot', max: 69.9, holds: true, soft: { from: 65, keep: 0.14 } }]);
    const readme = ff.groups.find((g) => g.fix === 'readme')!;
    expect(readme.gain).toBe(round1(rescored(items, ['readme-results']) - scoreOf(items).score));
    expect(readme.gain).toBeGreaterThan(0);
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: [] as never }), rules, { top: 9 });
    expect(md).toContain('Score held below 69.9 by `history-one-shot`: above 65, other fixes count for 14 % of their points until it passes.');
  });

  it('a copy gets no history advice, never "commit over several days": an original project is the fix', () => {
    const items = itemsWith({ 'no-course-folders': 0, 'no-course-readme': 0, 'history-one-shot': 0, 'history-active-days': 0, 'history-span': 0, 'readme-results': 0 });
    const ff = fixFirstOf(items, texts);
    expect(ff.groups.map((g) => g.fix)).not.toContain('history');
    expect(ff.groups.flatMap((g) => g.rules.map((r) => r.rule)).filter((id) => byId.get(id)!.category === 'history')).toEqual([]);
    expect(ff.omitted).toEqual([
      {
        fix: 'history',
        rules: ['history-active-days', 'history-one-shot', 'history-span'],
        reason: expect.stringMatching(/^No history advice: the repo reads as a copy \(no-course-folders, no-course-readme\).*Build an original project on what you learnt instead\.$/),
      },
    ]);
    expect(ff.groups[0]).toMatchObject({ fix: 'original', title: 'Build an original project on what you learnt' });
    // The one-shot cap is still named (it limits the score), but nothing advises committing.
    expect(ff.caps.map((c) => c.rule)).toEqual(['no-course-folders', 'no-course-readme', 'history-one-shot']);
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: [] as never }), rules, { top: 9 });
    expect(md).not.toMatch(/several days|commit each step|Commit as you work/i);
    expect(md).toContain('No history advice');
    // The same repo, not a copy: the history group is there, with its advice.
    const own = fixFirstOf(itemsWith({ 'history-one-shot': 0, 'history-active-days': 0, 'history-span': 0, 'readme-results': 0 }), texts);
    expect(own.groups.map((g) => g.fix)).toContain('history');
    expect(own.omitted).toBeUndefined();
  });

  it('a fork is not own work either: no history advice', () => {
    const ff = fixFirstOf(itemsWith({ 'not-a-fork': 0, 'history-commit-count': 0.2 }), texts);
    expect(ff.groups.map((g) => g.fix)).toEqual(['original']);
    expect(ff.omitted?.[0].rules).toEqual(['history-commit-count']);
  });

  it('a missing history (shallow clone) counts as failing, caps included, and its cap is named as not measured', () => {
    const shallow = itemsWith(Object.fromEntries(rules.filter((r) => r.probe.startsWith('history-')).map((r) => [r.id, null])), { shallow: true });
    expect(shallow.filter((i) => i.bounded).length).toBeGreaterThan(0);
    const ff = fixFirstOf(shallow, texts);
    expect(ff.caps).toEqual([{ rule: 'history-one-shot', max: 69.9, holds: true, measured: false, soft: { from: 65, keep: 0.14 } }]);
    // Nothing can be fixed by editing files; the history rules are not advice either (they are not measured).
    expect(ff.groups).toEqual([]);
  });

  it('a repo that is not ML: its five stage rules are one "not an ML project" group, with one piece of advice', () => {
    const notMl: Rule[] = rules;
    const results = rules.map((r) => ({ score: r.stage ? 0 : 1 }));
    const items = scoreInputs({ commits: [{} as never], shallow: false, truncated: false, totalCount: null }, notMl, results, true);
    const ff = fixFirstOf(items, new Map([...texts, ...rules.filter((r) => r.stage).map((r) => [r.id, 'Not an ML project.'] as const)]));
    // Said plainly: "not an ML project", not "complete the pipeline", and its one finding (the gate) listed once.
    expect(ff.groups.map((g) => g.fix)).toEqual(['not-ml']);
    expect(ff.groups[0].title).toMatch(/^Not an ML project/);
    expect(ff.groups[0].rules.map((r) => r.rule)).toEqual([rules.find((r) => r.stage)!.id]);
    expect(ff.groups[0].gain).toBe(round1(rescored(items, rules.filter((r) => r.stage).map((r) => r.id)) - scoreOf(items).score));
    const md = fixFirstMarkdown(fixListOf({ fixFirst: ff, nextActions: [], rules: [] as never }), rules, { top: 3 });
    expect(md.match(/Not an ML project\./g)).toHaveLength(1);
  });

  it('nothing to fix: no groups, no caps', () => {
    expect(fixFirstOf(itemsWith({}), texts)).toEqual({ caps: [], groups: [] });
  });
});
