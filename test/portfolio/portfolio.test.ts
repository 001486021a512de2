import { describe, expect, it } from 'vitest';
import { BREADTH_MAX, flagsOf, portfolioOf } from '../../src/portfolio.js';
import { SKILL_IDS, SPECIALISATION_IDS } from '../../src/skills-catalog.js';
import { repo, rule, shuffled, tutorialCopy } from './fixtures.js';
import { errorReport } from '../../src/report/build.js';
import type { RepoReport } from '../../src/report/types.js';

const strongThree = () => [
  repo('ada/churn-radar', { score: 88, skills: ['python', 'git', 'pandas', 'scikit-learn', 'deployment'] }),
  repo('ada/xray-cnn', { score: 85, skills: ['python', 'git', 'pytorch', 'cnn'], specialisations: ['computer-vision'] }),
  repo('ada/energy-forecast', { score: 82, skills: ['python', 'git', 'pandas', 'matplotlib'], specialisations: ['time-series'] }),
];

describe('portfolio score', () => {
  it('3 strong projects score far above 15 tutorial copies, and far above 15 small unflagged tutorials', () => {
    const strong = portfolioOf(strongThree());
    const copies = portfolioOf(Array.from({ length: 15 }, (_, i) => tutorialCopy(`ada/course-${i}`, 38)));
    const small = portfolioOf(
      Array.from({ length: 15 }, (_, i) =>
        repo(`ada/tutorial-${String(i).padStart(2, '0')}`, { score: 35, skills: ['python', 'git', 'numpy', 'tensorflow', 'cnn', 'aws', 'deployment'], specialisations: ['computer-vision', 'nlp'] }),
      ),
    );
    expect(strong.score).toBeGreaterThanOrEqual(85);
    expect(copies.score).toBe(0);
    expect(copies.counted).toEqual([]);
    expect(copies.explanation).toMatch(/none of the 15 audited repos is original work/);
    expect(small.score).toBeLessThan(40);
    expect(strong.score! - small.score!).toBeGreaterThan(40);
  });

  it('dilution is not rewarded: extra weak repos never change the score', () => {
    const base = portfolioOf(strongThree());
    const diluted = portfolioOf([
      ...strongThree(),
      ...Array.from({ length: 12 }, (_, i) => repo(`ada/small-${i}`, { score: 20 + i, skills: [...SKILL_IDS], specialisations: [...SPECIALISATION_IDS] })),
    ]);
    expect(diluted.score).toBe(base.score);
    expect(diluted.baseScore).toBe(base.baseScore);
    expect(diluted.counted).toEqual(base.counted);
    expect(diluted.breadth).toEqual(base.breadth);
    expect(diluted.explanation).toMatch(/12 weaker repos do not change the score/);
  });

  it('counts the strongest 3–5: a 4th and 5th strong project add breadth, never lower the score', () => {
    const three = portfolioOf(strongThree());
    const five = portfolioOf([
      ...strongThree(),
      repo('ada/chatbot', { score: 75, skills: ['transformers', 'gcp'], specialisations: ['nlp'] }),
      repo('ada/rl-agent', { score: 72, skills: ['monitoring'], specialisations: ['reinforcement-learning'] }),
      repo('ada/sixth', { score: 71, skills: ['azure'] }),
    ]);
    expect(five.counted).toHaveLength(5);
    expect(five.counted).not.toContain('ada/sixth');
    expect(five.baseScore).toBe(three.baseScore);
    expect(five.breadth!.specialisations).toBe(4);
    expect(five.score).toBeGreaterThan(three.score!);
  });

  it('fewer than 3 projects: the missing ones count as 0', () => {
    const p = portfolioOf([repo('ada/only', { score: 90, skills: ['python'] }), repo('ada/fork', { score: 80, fork: true })]);
    expect(p.baseScore).toBe(30);
    expect(p.explanation).toContain('(90 + 0 + 0) / 3');
    expect(p.explanation).toContain('2 missing count as 0');
  });

  it('a single repo: the verdict is its own score and grade, never a third of it', () => {
    const p = portfolioOf([repo('ada/only', { score: 90, skills: ['python'] })]);
    expect(p.score).toBe(90);
    expect(p.grade).toBe('C'); // the repo's own grade (the fixture's), whatever a portfolio of one would get
    expect(p.explanation).toContain('One repository audited: the verdict is its own score, 90/100');
    expect(p.baseScore).toBe(30); // the arithmetic of a portfolio of one stays on record
    expect(p.advice).toBeUndefined();
  });

  it('the breadth bonus is bounded and scaled by the base score', () => {
    const everything = { skills: [...SKILL_IDS], specialisations: [...SPECIALISATION_IDS] };
    const full = portfolioOf([repo('a/one', { score: 80, ...everything }), repo('a/two', { score: 80, ...everything }), repo('a/three', { score: 80, ...everything })]);
    expect(full.breadth).toMatchObject({ skillCategories: 7, skillCategoriesOf: 7, specialisations: 4, specialisationsOf: 4, maxBonus: BREADTH_MAX });
    expect(full.breadth!.bonus).toBe(4); // min(5, 0.5 × 11) × 80/100
    expect(full.score).toBe(84);
    const perfect = portfolioOf(['x/a', 'x/b', 'x/c'].map((n) => repo(n, { score: 100, ...everything })));
    expect(perfect.score).toBe(100);
    const weak = portfolioOf(['x/a', 'x/b', 'x/c'].map((n) => repo(n, { score: 20, ...everything })));
    expect(weak.breadth!.bonus).toBe(1);
    expect(weak.score).toBe(21);
    const none = portfolioOf(['x/a', 'x/b', 'x/c'].map((n) => repo(n, { score: 80 })));
    expect(none.breadth!.bonus).toBe(0);
    expect(none.score).toBe(80);
  });

  it('forks, tutorial copies and errors do not count toward the strongest 3–5', () => {
    const fork = repo('ada/famous-lib', { score: 97, fork: true, skills: [...SKILL_IDS] });
    const copy = tutorialCopy('ada/dl-course', 39);
    const err = errorReport('ada/broken', 'repository not found (HTTP 404)');
    const p = portfolioOf([...strongThree(), fork, copy, err]);
    expect(p.counted).toEqual(['ada/churn-radar', 'ada/xray-cnn', 'ada/energy-forecast']);
    expect(p.score).toBe(portfolioOf(strongThree()).score);
    expect(p.skills!.flatMap((r) => r.skills).flatMap((s) => s.evidence).map((e) => e.repo)).not.toContain('ada/famous-lib');
    expect(p.explanation).toContain('Not counted: 1 tutorial/course copy, 1 fork, 1 repo not audited.');
    expect(p.audited).toBe(5);
  });

  it('strong projects are original, score ≥ 70 and detect all five stages', () => {
    const p = portfolioOf([...strongThree(), repo('ada/no-deploy', { score: 90, allStages: false }), repo('ada/fork', { score: 95, fork: true })]);
    expect(p.strongProjects.sort()).toEqual(['ada/churn-radar', 'ada/energy-forecast', 'ada/xray-cnn']);
  });

  it('is deterministic: the same summary for any order of repos', () => {
    const repos = [
      ...strongThree(),
      repo('ada/tie-b', { score: 82, skills: ['sql'] }),
      repo('ada/tie-a', { score: 82, skills: ['aws'] }),
      tutorialCopy('ada/course'),
      repo('ada/fork', { score: 60, fork: true }),
    ];
    const a = portfolioOf(repos);
    for (let seed = 1; seed < 6; seed++) expect(portfolioOf(shuffled(repos, seed))).toEqual(a);
    expect(a.counted.slice(3)).toEqual(['ada/tie-a', 'ada/tie-b']);
  });

  it('explains the arithmetic', () => {
    const p = portfolioOf(strongThree());
    expect(p.explanation).toContain('Base 85 = (88 + 85 + 82) / 3');
    expect(p.explanation).toMatch(/breadth \+[\d.]+ = min\(5, 0\.5 × \d+ areas: \d\/7 skill categories, 2\/4 specialisations\) × 85\/100/);
    expect(p.score).toBe(Math.round((p.baseScore! + p.breadth!.bonus) * 10) / 10);
  });
});

describe('portfolio skill matrix, specialisations, project types', () => {
  it('lists, per guide category and skill, the repos and files that show it (best repo first)', () => {
    const p = portfolioOf(strongThree());
    expect(p.skills!.map((r) => r.label)).toEqual(['Programming', 'Data Tools', 'Visualization', 'ML Frameworks', 'Deep Learning', 'Cloud Platforms', 'MLOps']);
    const pandas = p.skills!.find((r) => r.category === 'data-tools')!.skills.find((s) => s.skill === 'pandas')!;
    expect(pandas.evidence).toEqual([
      { repo: 'ada/churn-radar', url: 'https://github.com/ada/churn-radar', commit: 'a'.repeat(40), path: 'src/pandas.py', line: 1, detail: 'uses pandas' },
      { repo: 'ada/energy-forecast', url: 'https://github.com/ada/energy-forecast', commit: 'a'.repeat(40), path: 'src/pandas.py', line: 1, detail: 'uses pandas' },
    ]);
    const aws = p.skills!.find((r) => r.category === 'cloud')!.skills.find((s) => s.skill === 'aws')!;
    expect(aws.evidence).toEqual([]);
    expect(p.specialisations!.map((s) => [s.id, s.evidence.map((e) => e.repo)])).toEqual([
      ['computer-vision', ['ada/xray-cnn']],
      ['nlp', []],
      ['reinforcement-learning', []],
      ['time-series', ['ada/energy-forecast']],
    ]);
  });

  it('project types name the repos that show them', () => {
    const a = repo('ada/a', { score: 80 });
    a.skills!.projectTypes.classification = [{ path: 'train.py', line: 4, detail: 'RandomForestClassifier()' }];
    const b = repo('ada/b', { score: 70 });
    b.skills!.projectTypes.classification = [{ path: 'README.md', line: 1, detail: 'README: image classifier' }];
    b.skills!.projectTypes.forecasting = [{ path: 'ts.py', line: 2, detail: 'ARIMA(' }];
    const p = portfolioOf([b, a]);
    expect(p.projectTypes!.map((t) => [t.id, t.repos])).toEqual([
      ['classification', ['ada/a', 'ada/b']],
      ['forecasting', ['ada/b']],
    ]);
  });
});

describe('flags, each with evidence', () => {
  it('tutorial/course copy from a failing originality rule or an originality cap', () => {
    const [f] = flagsOf(tutorialCopy('ada/course'));
    expect(f).toMatchObject({ repo: 'ada/course', kind: 'tutorial-copy' });
    expect(f.detail).toContain('score capped at 40 by "Not a course copy"');
    expect(f.evidence).toContainEqual({ path: 'week1/assignment.ipynb', detail: 'course week folder' });

    const soft = repo('ada/soft', { score: 60, rules: [rule('own-words', 'originality', 0.3), rule('readme-ok', 'readme', 0.1)] });
    expect(flagsOf(soft).map((x) => x.kind)).toEqual(['tutorial-copy']);
    const fine = repo('ada/fine', { score: 60, rules: [rule('own-words', 'originality', 0.5), rule('not-measured', 'originality', null)] });
    expect(flagsOf(fine)).toEqual([]);
    const otherCap = repo('ada/no-code', { score: 20, cappedBy: { rule: 'has-code', max: 20 }, rules: [rule('has-code', 'pipeline', 0)] });
    expect(flagsOf(otherCap)).toEqual([]);
  });

  it('fork, archived, one-shot upload and empty', () => {
    const kinds = (r: RepoReport) => flagsOf(r).map((f) => f.kind);
    expect(kinds(repo('a/f', { score: 50, fork: true }))).toEqual(['fork']);
    expect(flagsOf(repo('a/f', { score: 50, fork: true }))[0].evidence[0].detail).toContain('fork');
    expect(kinds(repo('a/arch', { score: 50, archived: true }))).toEqual(['archived']);
    const oneShot = repo('a/upload', { score: 50, rules: [rule('history-one-shot', 'history', 0, { evidence: [{ detail: '1 commit added 48 files' }] })] });
    expect(kinds(oneShot)).toEqual(['one-shot']);
    expect(flagsOf(oneShot)[0].evidence).toContainEqual({ detail: '1 commit added 48 files' });
    const paced = repo('a/paced', { score: 50, commits: 1, rules: [rule('history-one-shot', 'history', 0.9)] });
    expect(kinds(paced)).toEqual([]); // the rule passed: its verdict wins over the commit count
    expect(kinds(repo('a/single', { score: 50, commits: 1 }))).toEqual(['one-shot']); // no rule: one commit holding every file
    expect(kinds(repo('a/empty', { score: 0, files: 0, commits: 0 }))).toEqual(['empty']);
    expect(kinds(errorReport('a/err', 'not found'))).toEqual([]);
    // A repo not audited is still a fork or archived by what its host says (a fork listed with --user, not scored).
    expect(kinds({ ...errorReport('a/fork', 'fork of b/lib: listed, not scored', 'skipped'), metadata: { fork: true, parent: 'b/lib', archived: true } })).toEqual(['fork', 'archived']);
  });

  it('flags of every repo are in the portfolio, sorted by repo', () => {
    const p = portfolioOf([repo('z/fork', { score: 50, fork: true }), tutorialCopy('a/course'), ...strongThree()]);
    expect(p.flags!.map((f) => [f.repo, f.kind])).toEqual([
      ['a/course', 'tutorial-copy'],
      ['a/course', 'one-shot'],
      ['z/fork', 'fork'],
    ]);
  });
});
