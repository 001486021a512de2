/**
 * "No cheap gaming": each trick of the attack (test/engine/gaming-attack.ts) applied to a weak repository — one
 * notebook, a one-line README, one upload commit — must add less than 10 points and detect no new pipeline stage, and
 * all of them together must leave it a weak repo's grade.
 *
 * "A weak repo's grade" = at most one letter above the weak repo's own grade. Its grade is F/D (37.5–42 here, 43.1 in
 * the measurement): one letter of slack absorbs the legitimate README points a well-formed README earns
 * (title, problem, dataset: the README rules reward writing, and writing is not gaming), but anything at C or above
 * would mean the props bought a grade the work did not earn. So: combined grade D or lower.
 *
 * Measured before the fixes (points over the weak repo, 37.5 F; stages detected before: data, training):
 *   deploy config stubs (fly.toml / render.yaml / Procfile)   +8.2  deployment detected
 *   workflow holding only "# docker push"                      +8.2  deployment detected
 *   README line "sdk: gradio"                                  +8.4  deployment detected
 *   eval.py of one print(accuracy_score(a, b))                 +8.2  evaluation detected
 *   keyword-stuffed README (table, links, 1-byte chart.png)   +15.3
 *   40 busy-work commits over 90 days on a notes file         +12.9
 *   LICENSE stub, no-op CI, assert True test                   +6.2
 *   dead file of pipeline keywords                            +22.6  preprocessing, evaluation, deployment detected
 *   two-line FastAPI app + FROM/EXPOSE Dockerfile              +9.0  deployment detected
 *   (set 16) Streamlit demo scoring with a mock model, random batch predictions and empty service files: deployment
 *   detected and the README's demo link "backed" before the shell sign (src/probes/readme/_shared/claims.ts); +0.0 after
 *   all together                                               94.4 A, all five stages detected
 * After: see the table in the final report of the "gaming" branch (also printed by gaming-measure.test.ts with MEASURE=1).
 * With code that is reached (the "reach" branch): the one-line eval.py +0.0 and the dead keyword file +0.0 (were +8.0
 * with evaluation detected and +16.1 with preprocessing and evaluation detected); all nine together 54.5 D with the
 * weak repo's own two stages (was 65 C, held by the one-shot cap, four stages).
 *
 * Two tricks target the stage rules through the `code` probe: the one-line eval.py (a metric call on names never
 * defined) and the dead keyword file (pipeline calls in a function nothing calls, in a file nothing runs or imports).
 * The stage rules count only code that is reached and runs on real inputs (src/probes/code-reach.ts,
 * src/probes/call-inputs.ts), so both now add nothing; each is also a `fail` example of the rules it targets.
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot, type MemoryRepo } from '../../src/sources/memory.js';
import { classifyMessage, uploadStyle } from '../../src/probes/history/_shared/messages.js';
import { NOW, TRICKS, UNREADABLE, build, buildUnreadable, commit } from './gaming-attack.js';
import type { AuditedRepoReport, Grade } from '../../src/report/types.js';

const rules = loadRules();
const audit = (r: MemoryRepo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k);
const GRADES: Grade[] = ['F', 'D', 'C', 'B', 'A'];
const DAY = 86_400_000;

describe('no cheap gaming: each trick alone on a weak repo', async () => {
  const base = await audit(build([]));
  it('the weak repo is weak', () => {
    expect(GRADES.indexOf(base.grade)).toBeLessThanOrEqual(GRADES.indexOf('D'));
    expect(detected(base)).toEqual(['data', 'training']);
  });
  for (const name of Object.keys(TRICKS)) {
    it(`${name}: adds less than 10 points and detects no new stage`, async () => {
      const r = await audit(build([name]));
      expect(r.score - base.score).toBeLessThan(10);
      expect(detected(r)).toEqual(detected(base));
    });
  }
  it('all the tricks together, the code-probe ones included, leave a weak repo’s grade (D or lower) and its stages', async () => {
    const r = await audit(build(Object.keys(TRICKS)));
    expect(GRADES.indexOf(r.grade)).toBeLessThanOrEqual(GRADES.indexOf('D'));
    expect(detected(r)).toEqual(detected(base));
  });
});

describe('no cheap gaming: code made unreadable never beats the same code measured', () => {
  // Missing data must never beat measured data: a rule whose code could not be read is not measured and counts as
  // what the files read earn (often 0), never more; the repo is partial and says what the score can at most become.
  const cases: Array<[string, string[]]> = [
    ['the weak repo', []],
    ['the weak repo with a dead file of pipeline keywords', ['dead file of pipeline keywords']],
    ['the weak repo with every trick', Object.keys(TRICKS)],
  ];
  for (const [label, tricks] of cases) {
    for (const u of Object.keys(UNREADABLE)) {
      it(`${label}, ${u}: scores no higher and detects no stage the measured repo does not`, async () => {
        const measured = await audit(buildUnreadable(tricks, []));
        const hidden = await audit(buildUnreadable(tricks, [u]));
        expect(hidden.score).toBeLessThanOrEqual(measured.score);
        expect(detected(hidden).filter((s) => !detected(measured).includes(s))).toEqual([]);
        // Said plainly: which stages were not measured, why, and what the score can at most become.
        const unmeasured = hidden.rules.filter((x) => x.unread);
        expect(unmeasured.length).toBeGreaterThan(0);
        expect(hidden.status).toBe('partial');
        expect(hidden.reason).toMatch(/not measured: code that may hold (it|them) could not be read \(.+\); .* can at most become \d+(\.\d)?/);
        for (const x of unmeasured) {
          expect(x).toMatchObject({ outcome: 'not-measurable', measurable: false, score: null });
          // No advice to add what may be there.
          expect(hidden.fixFirst!.groups.flatMap((g) => g.rules.map((y) => y.rule))).not.toContain(x.id);
          expect(hidden.nextActions.map((a) => a.rule)).not.toContain(x.id);
        }
      });
    }
  }
});

describe('no cheap gaming: history', () => {
  const repoWith = (commits: ReturnType<typeof commit>[], extra: Partial<MemoryRepo> = {}): MemoryRepo => ({ ...build([]), commits, ...extra });
  const rule = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!;

  it('a shallow checkout never scores higher than the full history, and says what the score can at most become', async () => {
    const t = NOW.getTime();
    const full = [commit(new Date(t - 40 * DAY), 'Add files via upload', ['README.md', 'Churn.ipynb']), commit(new Date(t - 39 * DAY), 'Fix typo', ['README.md'])].reverse();
    const measured = await audit(repoWith(full));
    const shallow = await audit(repoWith(full.slice(0, 1), { shallow: true }));
    const exported = await audit({ ...repoWith([]), commit: null });
    expect(shallow.score).toBeLessThanOrEqual(measured.score);
    expect(exported.score).toBeLessThanOrEqual(measured.score);
    expect(rule(shallow, 'history-span')).toMatchObject({ measurable: false, score: null });
    const note = shallow.notes.find((n) => n.kind === 'shallow')!;
    expect(note.message).toMatch(/history not measured: history is shallow \(1 commit visible\); .* can at most become \d+(\.\d)?/);
    expect(exported.notes[0]!.message).toMatch(/history not measured: no commit history/);
  });

  it('one whitespace commit years later does not stretch the span', async () => {
    const t = NOW.getTime();
    const r = await audit(repoWith([commit(new Date(t - 3 * DAY), 'Fix whitespace in the notebook', ['Churn.ipynb']), commit(new Date(t - 1000 * DAY), 'Add files via upload', ['README.md', 'Churn.ipynb'])]));
    expect(rule(r, 'history-span').score).toBeLessThan(0.25);
  });

  it('three commits over a month are not sustained work', async () => {
    const t = NOW.getTime();
    const r = await audit(repoWith([0, 15, 30].map((d, i) => commit(new Date(t - d * DAY), `Add churn feature step ${i}`, ['Churn.ipynb']))));
    // The rules on sustained work all fail; what passes (recent, informative messages, own commits) is not sustained work.
    expect(rule(r, 'history-commit-count').score!).toBeLessThan(0.1);
    expect(rule(r, 'history-active-days').score!).toBeLessThan(0.25);
    expect(rule(r, 'history-span').score!).toBeLessThan(0.5);
  });

  it('a "Created using Colaboratory" upload of the whole project is a one-shot upload', async () => {
    const t = NOW.getTime();
    const r = await audit(repoWith([commit(new Date(t - 20 * DAY), 'Created using Colaboratory', ['README.md', 'Churn.ipynb'])]));
    expect(rule(r, 'history-one-shot').score!).toBeLessThan(0.5);
    expect(uploadStyle('Created using Colaboratory')).toBe(true);
  });

  it('"Final Submission" is not informative; ordinary local commits are not upload-style', () => {
    expect(classifyMessage('Final Submission', false).kind).toBe('low');
    for (const s of ['wip', 'fix', 'more changes', 'Add churn model with target encoding']) expect(uploadStyle(s), s).toBe(false);
    for (const s of ['Add files via upload', 'Update README.md', 'Create app.py']) expect(uploadStyle(s), s).toBe(true);
  });
});

describe('originality: course collections and copies', () => {
  const score = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!.score;
  it('a Holberton-style collection is caught by the course rules', async () => {
    const files: Record<string, string> = {
      'README.md': '# Holberton School - Machine Learning\n\nProjects carried out during my Machine Learning studies at Holberton School.\n',
    };
    for (const d of ['math/0x00-linear_algebra', 'math/0x01-plotting', 'supervised_learning/0x00-binary_classification'])
      for (const f of ['0-slice_me_up.py', '1-trim_me_down.py', '2-size_me_please.py']) files[`${d}/${f}`] = '#!/usr/bin/env python3\nimport numpy as np\n';
    const r = await audit({ id: 'cand/holbertonschool-machine_learning', files });
    expect(score(r, 'no-course-folders')).toBeLessThan(0.5);
    expect(score(r, 'no-course-readme')).toBeLessThan(0.5);
    expect(score(r, 'no-course-mentions')).toBeLessThan(1);
    expect(r.score).toBeLessThanOrEqual(45);
  });
  it('a concept-index repo (scripts named by concept, a "Concepts Covered" list) is caught', async () => {
    const files: Record<string, string> = { 'README.md': '# Machine Learning\n\n## Concepts Covered\n\n- Linear regression\n- Logistic regression\n- KNN\n' };
    for (const c of ['linear_regression', 'logistic_regression', 'knn', 'kmeans', 'svm', 'pca', 'decision_tree']) files[`${c}.py`] = 'import numpy as np\n';
    const r = await audit({ id: 'cand/ml-concepts', files });
    expect(score(r, 'not-an-exercise-collection')).toBe(0);
    expect(score(r, 'no-course-readme')).toBeLessThan(0.5);
  });
  it('a README that presents the repo as course material is flagged', async () => {
    const r = await audit({ files: { 'README.md': '# Notes\n\nIn this course we cover regression. Lesson 3 is about trees; our cohort met weekly.\n', 'a.py': 'x = 1\n' } });
    expect(score(r, 'no-course-readme')).toBeLessThan(0.5);
  });
  it('no copy advice says to rename folders or to commit over several days', () => {
    for (const id of ['no-course-folders', 'no-course-readme', 'no-tutorial-template', 'not-a-known-copy', 'no-course-mentions']) {
      const text = rules.rules.find((r) => r.id === id)!.remediation;
      expect(text, id).not.toMatch(/rename the (?:week )?folders|over several days/i);
    }
  });
});
