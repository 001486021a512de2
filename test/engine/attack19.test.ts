/**
 * attack19: the tricks a candidate would try next on attack19's fixes (issue #11, "No cheap gaming"). Each open hole
 * is an `it.fails(...)`: the expectation the engine should meet, failing today; when a fix lands it becomes `it`. The
 * plain `it`s are tricks measured to fail.
 *
 *   trick                                                                        measured
 *   open (it.fails below): a nanodegree's set capstone titled by a made-up problem ("Dog Photo Sorter: capstone
 *   project"), no-course-readme `topicless` +34.9
 *
 * Run with ATTACK19_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, rule } from './attack-audit.js';
import { thirtyDays } from './attack14-repos.js';
import { honestRepo, README_RESULTS } from './attack11-repos.js';

const LOG = process.env.ATTACK19_LOG === '1';
const UDACITY = '\n\nThis project is part of the Udacity Machine Learning Engineer Nanodegree.\n';
const titled = (head: string): string => README_RESULTS.replace(/^# .*\n/, `${head}\n`) + UDACITY;

describe('attack19: a capstone exception needs a title that names a problem (no-course-readme topicless)', () => {
  // Closed: a title of the programme's words alone ("Udacity MLND Capstone"), or a bare "Capstone" over a bold
  // "Capstone Project" subtitle, names no problem: the nanodegree still caps (45).
  const closed: Array<[string, string]> = [
    ['a title of the programme\'s words alone', '# Udacity MLND Capstone\n\nA CNN that sorts photos of dogs into 133 classes.\n'],
    ['a bare "Capstone" over a bold "Capstone Project"', '# Capstone\n**Capstone Project**\n\nA CNN that sorts photos of dogs into 133 classes.\n'],
  ];
  for (const [what, head] of closed) {
    it(`${what}, part of a nanodegree, stays capped`, async () => {
      const r = await audit(honestRepo({ 'README.md': titled(head) }));
      if (LOG) console.log(what, r.score);
      expect(r.score).toBe(45);
    });
  }
  // Open: a title that names any problem ("Dog Photo Sorter: capstone project", "Image Classifier — Capstone Project")
  // over the set dog classifier lifts the cap: 45 → 79.9 (+34.9). A title is free text, and an honest capstone's
  // ("Loan Grade Prediction — Lending Club / ML Zoomcamp Capstone Project", set 33) reads the same; the set topics are
  // named only in the line of the word "capstone" (a README-wide "dogs" would cap a shelter's own classifier). What would
  // close it: the set project recognised by its files (the programme's starter notebook, its data's names: dog_app.ipynb,
  // dogImages/, haarcascades/; mini_sparkify_event_data.json; Udacity_AZDIAS_052018.csv; portfolio / profile /
  // transcript.json), or a capstone exception that needs the README's topic to match what the code reads.
  it.fails('a set capstone titled by a made-up problem ("Dog Photo Sorter: capstone project") stays capped', async () => {
    const r = await audit(honestRepo({ 'README.md': titled('# Dog Photo Sorter: capstone project\n\nA CNN that sorts photos of dogs into 133 classes.\n') }));
    if (LOG) console.log('own-topic title', r.score);
    expect(r.score).toBe(45);
  });
});

const ELEMENTS = ['hydrogen', 'helium', 'lithium', 'beryllium', 'boron', 'carbon', 'nitrogen', 'oxygen', 'fluorine', 'neon', 'sodium', 'magnesium', 'aluminium', 'silicon', 'phosphorus', 'sulfur', 'chlorine', 'argon', 'potassium', 'calcium', 'scandium', 'titanium', 'vanadium', 'chromium', 'manganese', 'iron', 'cobalt', 'nickel', 'copper', 'zinc'];

describe('attack19: a counter in the words of any list (message-quality.ts habitKeys, ANY)', () => {
  // Closed: six words cycled five times each ("(sync red)" … "(sync violet)") is one habit as the thirty element names are.
  it('six colour words cycled five times each are one message', async () => {
    const colours = ['red', 'orange', 'yellow', 'green', 'blue', 'violet'];
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `feat: update notebook (sync ${colours[i % 6]})`)),
    ]);
    if (LOG) console.log('cycled colours', digits.score, r.score);
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });
  // Open: two words that vary at once ("update carbon (step hydrogen)") make no template of one word varied. Letting two
  // words vary would merge "Add ridge model for churn" and "Add lasso model for prices": measured below.
  it.fails('a counter in two words of a list at once ("update carbon (step hydrogen)") is one message', async () => {
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `feat: update ${ELEMENTS[(i + 7) % 30]!} (step ${ELEMENTS[i]!})`)),
    ]);
    if (LOG) console.log('two element words', digits.score, r.score);
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });
});
