/**
 * attack19: the tricks a candidate would try next on attack19's fixes (issue #11, "No cheap gaming"). Each open hole
 * is an `it.fails(...)`: the expectation the engine should meet, failing today; when a fix lands it becomes `it`. The
 * plain `it`s are tricks measured to fail.
 *
 * Closed on this branch (attack18's holes, now plain `it`s there): the untitled set capstone (+34.8), the element-name
 * counter (+6.1), the Zipf-weighted corpus (+7.8), the generator drawing from the names list it reads (+7.8).
 *
 *   trick on a fix                                                               measured
 *   open (it.fails below): a nanodegree's set capstone titled by a made-up problem ("Dog Photo Sorter: capstone
 *   project"), no-course-readme `topicless` +34.9; five counters of six subjects each, each under a quarter of the
 *   history (habitKeys ANY) +6.1; two words of a list varying at once +6.1; Zipf-weighted words two a line (not prose,
 *   independentWords unread) +7.8; words from a made-up chain of successors +7.8; an alias of the read names list drawn
 *   from (generatedFiles) +7.8.
 *   closed (plain `it`): a title of the programme's words alone, a bare "Capstone" over a bold "Capstone Project" (45);
 *   six colour words cycled; Zipf words six a line drawn on their own; the names list drawn from by name or inline.
 *
 * Run with ATTACK19_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import { audit, rule } from './attack-audit.js';
import { thirtyDays } from './attack14-repos.js';
import { generator, noData, weakWith } from './review15-repos.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
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
  // Open: five templates of six subjects each ("feat: update notebook (step hydrogen)", "chore: tidy cells (pass
  // carbon)", …) are each under a quarter of the history, and each template of words (not letters or an ordered list)
  // must be a quarter to be a habit: measured below. A lower share would merge honest runs of "Add <model> model".
  it.fails('five counters of six subjects each, in the words of any list, are five habits', async () => {
    const heads = ['feat: update notebook (step', 'chore: tidy cells (pass', 'fix: rerun analysis (round', 'docs: refresh notes (part', 'refactor: clean helpers (stage'];
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `${heads[i % 5]!} ${ELEMENTS[i]!})`)),
    ]);
    if (LOG) console.log('five counters', digits.score, r.score);
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

const GPT = 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n';

/** 24,000 words drawn with Zipf weights from 200 made-up words, `perLine` a line; with `follows`, one in two a successor of the last. */
function zipfWords(perLine: number, follows: boolean): string {
  let s = 5;
  const vocab = Array.from({ length: 200 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
  const weights = vocab.map((_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let last = 0;
  const out: string[] = [];
  for (let i = 0; i < 24000; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    let x = ((s >>> 8) / 2 ** 24) * total;
    let k = 0;
    while (k < vocab.length - 1 && x >= weights[k]!) x -= weights[k++]!;
    if (follows && i > 0 && s % 2 === 0) k = (7 * last + 1 + ((s >>> 29) % 3)) % vocab.length;
    last = k;
    out.push(vocab[k]!, i % perLine === perLine - 1 ? '\n' : ' ');
  }
  return out.join('');
}

describe('attack19: a corpus\'s words must follow each other as in a language (committed-data.ts independentWords)', () => {
  // Open: the word-order check reads prose only (three words a line or more, as evenWords): two Zipf-weighted words a
  // line, drawn on their own, are read as a list (a names file, one a line, is a corpus for a character model and its
  // lines follow no order), 29.7 → 37.5 (+7.8). And words drawn in an order — one in two a successor of the last from
  // a made-up table (a first-order Markov chain, six more lines of generator) — pass as language does, +7.8. What would
  // tell a made-up chain from language: longer contexts (which pair follows which), not measured here.
  it.fails('Zipf-weighted words two a line, drawn on their own, are no corpus', async () => {
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': zipfWords(2, false), 'gpt.py': GPT }))]);
    if (LOG) console.log('two a line', base.score, r.score);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
  });
  it.fails('Zipf-weighted words from a made-up chain of successors are no corpus', async () => {
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': zipfWords(6, true), 'gpt.py': GPT }))]);
    if (LOG) console.log('made-up chain', base.score, r.score);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
  });
  it('Zipf-weighted words six a line, drawn on their own, are no corpus', async () => {
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': zipfWords(6, false), 'gpt.py': GPT }))]);
    if (LOG) console.log('six a line', base.score, r.score);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
  });
});

describe('attack19: a generator\'s vocabulary is no read (code.ts generatedFiles, draws)', () => {
  const names = Array.from({ length: 40 }, (_, i) => `customer name number ${i}`).join('\n');
  const withGen = (body: string): Promise<AuditedRepoReport> =>
    audit(weakWith({ 'names/list.txt': names, 'make_data.py': generator('names = open("names/list.txt").read().splitlines()\n').replace('df.to_csv(', `${body}df.to_csv(`) }));
  // Closed: the names drawn inline or through the read's own name.
  it('a column drawn from the read list, on its own line or in the draw, leaves the CSV synthetic', async () => {
    const [base, r] = await Promise.all([audit(weakWith({ 'make_data.py': generator() })), withGen('df["name"] = np.random.choice(names, n)\n')]);
    if (LOG) console.log('names drawn', base.score, r.score);
    expect(rule(r, 'stage-data').score).toBe(0);
  });
  // Open: a use on a line that does not draw is a use: an alias (`pool = list(names)`, then `np.random.choice(pool, n)`)
  // or a loop over the names that gives each a row of random numbers (as a Faker script does honestly) makes the CSV
  // data again, 29.7 → 37.5 (+7.8). Following aliases is one more hop the candidate adds a line against; a row per
  // name is what a real roster does too. What would close it: the rows of what is written traced to the draws, not to
  // the read — not tried.
  it.fails('an alias of the read list, drawn from, leaves the CSV synthetic', async () => {
    const r = await withGen('pool = list(names)\ndf["name"] = np.random.choice(pool, n)\n');
    if (LOG) console.log('alias', r.score);
    expect(rule(r, 'stage-data').score).toBe(0);
  });
});
