/**
 * attack15: a hostile review of the fixes that closed attack14's open holes (issue #11: "No cheap gaming"): heavy
 * copies in committed tables (repeated-rows.ts), committed files that must hold data (committed-data.ts `holdsData`),
 * loops whose body must do work (`workingBody`, loop-context.ts `blockDoesWork`), learning under a flag the file
 * passes False (loop-context.ts `bodyLine`), the Streamlit / Gradio veto not scoped by the file's own `.train()`
 * (`scopeWhen.notDefinedAbove`), and counters in letters (message-quality.ts `habitKeys`). For each fix, the next trick
 * a candidate would try, measured on the weak repo of gaming-attack.ts and variants of it (as attack14 does). Each open
 * hole is an `it.fails(...)`: the expectation the engine should meet, failing today; when a fix lands it becomes `it`.
 * The plain `it`s are tricks closed on this branch (numbers before → after).
 *
 *   trick on a fix                                                              before         after this branch
 *   `open(f"pics/logo{n}.png")`, `n = ""`, over a text file (holdsData)          29.7 → 37.5   29.7 (a picture is binary)
 *   `if learn:` on a global flag, `noop(learn=False)` elsewhere (bodyLine)      38.5 → 40.5   38.5 (a parameter of the
 *                                                                                              loop's function only)
 *   open (it.fails below): 1,001 distinct rows appended to 1,000 copies of 10, or copies of 9 each (+7.8); a junk
 *   file with one zero byte (+7.8); 60 generated lines "row N of the table" (+7.8); an epoch loop appending 0 (+3.9);
 *   a runs loop that seeds the generator (+3.7); one `.backward()` on a constant above a Streamlit import (+7.9); a
 *   counter in spelling-alphabet words (+6.1). Closed on attack16 (now plain `it`s): the epoch loop appending 0, the
 *   seeding runs loop (loop-context.ts IDLE_CALLS) and the spelling-alphabet counter (message-quality.ts habitKeys).
 *   Closed on attack17: the 60 generated "row N" lines (committed-data.ts fillerText: lines that differ only in a counter).
 *   Closed on attack18: the junk file with one zero byte (its first bytes read: committed-data.ts fillerBytes).
 *
 * Run with ATTACK15_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { audit, detected, rule, DATA_ONLY, NO_DATA } from './attack-audit.js';
import { nb } from './gaming-attack.js';
import { copiedRows, qLearning, thirtyDays, weakNotebook, weakWith, type Repo } from './attack14-repos.js';


const LOG = process.env.ATTACK15_LOG === '1';
const show = (what: string, base: AuditedRepoReport, r: AuditedRepoReport): void => {
  if (LOG) console.log(`${what}: ${base.score} -> ${r.score} (${detected(base).join(',')} -> ${detected(r).join(',')})`);
};

describe('attack15: heavy copies in committed tables', () => {
  // Open: heavy copies (a row repeated ≥ 10 times) must be more than half the rows. 1,001 distinct rows appended to
  // 1,000 copies of 10 (copies now 49.7 %), or 112 records copied 9 times each beside 300 distinct rows, are data again:
  // 29.7 → 37.5 (+7.8) each. Lower thresholds would hit honest tables (a binary table balanced by oversampling is half
  // copies; Kaggle's heart table repeats its 302 records ~3 times). Generating 1,001 distinct rows is as cheap as 300:
  // no row count tells made-up rows from collected ones; what would close it is reading what the README claims of the
  // data's size and source against the table.
  it.fails('1,001 distinct rows appended to 1,000 copies of 10, or copies of 9 each, do not make the table data', async () => {
    const [base, many, nine] = await Promise.all([
      audit(weakWith({ 'churn.csv': copiedRows(1000, 10, 0) })),
      audit(weakWith({ 'churn.csv': copiedRows(1000, 10, 1001) })),
      audit(weakWith({ 'churn.csv': copiedRows(1008, 112, 300) })),
    ]);
    show('1,001 distinct appended', base, many);
    show('copies of 9 each', base, nine);
    expect(rule(many, 'stage-data').score).toBe(0);
    expect(rule(nine, 'stage-data').score).toBe(0);
  });
});

describe('attack15: committed files that must hold data (holdsData)', () => {
  // Closed on attack18: a file the snapshot cannot read as text (binary: one zero byte) was taken as data, 29.7 → 37.5
  // (+7.8). Its first 64 KB are read now (RepoSnapshot.head) and must hold eight byte values or more, not one short
  // block repeated (committed-data.ts fillerBytes): 29.7. Random bytes still count (attack18.test.ts, open).
  it('a committed file of junk bytes (one zero byte makes it binary) opened once does not buy the data stage', async () => {
    const base = await audit(weakNotebook(NO_DATA));
    const junk = await audit(weakNotebook([NO_DATA[0]!, `raw = open("data/blob.bin", "rb").read()\n${NO_DATA[1]!}`], { 'data/blob.bin': `${'x'.repeat(1200)}\u0000` }));
    show('binary junk', base, junk);
    expect(detected(junk)).not.toContain('data');
  });

  // Closed on attack17: text that read like records (60 distinct lines, 8 distinct characters) counted, opened once
  // and never used: 29.7 → 37.5 (+7.8). In text of letters, lines that differ only in their numbers are one line now
  // (committed-data.ts fillerText, as `notFiller` had it): 29.7. Lines that differ in words still count (next trick).
  it('generated lines ("row 1" … "row 60") committed as data/blob.txt and opened once do not buy the data stage', async () => {
    const base = await audit(weakNotebook(NO_DATA));
    const lines = Array.from({ length: 60 }, (_, i) => `row ${i} of the table`).join('\n');
    const r = await audit(weakNotebook([NO_DATA[0]!, `raw = open("data/blob.txt").read()\n${NO_DATA[1]!}`], { 'data/blob.txt': lines }));
    show('generated text lines', base, r);
    expect(detected(r)).not.toContain('data');
  });
});

describe('attack15: pictures opened under a formatted path', () => {
  it('a picture opened through an empty placeholder (`f"pics/logo{n}.png"`, `n = ""`) whose file is text is no data', async () => {
    const base = await audit(weakNotebook(NO_DATA));
    const text = Array.from({ length: 40 }, (_, i) => `line ${i} of text in a file named like a picture`).join('\n');
    const r = await audit(weakNotebook([NO_DATA[0]!, `n = ""\nlogo = open(f"pics/logo{n}.png", "rb").read()\n${NO_DATA[1]!}`], { 'pics/logo.png': text }));
    show('formatted picture path over text', base, r);
    expect(detected(r)).not.toContain('data');
    expect(r.score).toBe(base.score);
  });
});

describe('attack15: loops whose body must do work (workingBody)', () => {
  // Open: any call other than print / range counts as work: `losses.append(0)` in an empty epoch loop is training
  // "detected" again, 29.7 → 33.6 (+3.9). What would close it: the loop's body calling or updating something the file
  // trains (a model, a parameter array, an optimizer), which needs names followed across lines.
  it('an epoch loop whose body appends a constant detects no training', async () => {
    const [base, r] = await Promise.all([audit(weakNotebook(DATA_ONLY)), audit(weakNotebook([...DATA_ONLY, 'losses = []\nfor epoch in range(3):\n    losses.append(0)\n']))]);
    show('epoch loop appending 0', base, r);
    expect(detected(r)).not.toContain('training');
  });

  // Open: a runs loop whose body seeds the generator lifts the training-return veto and counts as repeated runs:
  // evaluation up, 38.5 → 42.2 (+3.7). What would close it: the runs loop enclosing (or calling the function that
  // holds) the loop whose returns are summed.
  it('a runs loop that only seeds the generator does not make training returns an evaluation', async () => {
    const [base, r] = await Promise.all([audit(qLearning()), audit(qLearning('n_runs = 1\nfor run in range(n_runs):\n    np.random.seed(run)\n'))]);
    show('runs loop seeding', base, r);
    expect(rule(r, 'stage-evaluation').score).toBe(rule(base, 'stage-evaluation').score);
  });
});

describe('attack15: learning under a flag the file passes False', () => {
  // The DQN fix first took any `if <flag>:` around the learning call, with `<flag>=False` passed in any call of the
  // file: a global `learn = True` and `noop(learn=False)` made the Q-learning training returns an evaluation, 38.5 →
  // 40.5 (+2.0). Fixed: the flag must be a parameter of the function the loop is in, passed False to that function.
  it('a Q-update under `if learn:` and an unrelated `noop(learn=False)` call do not make training returns an evaluation', async () => {
    const flagged = (extra: string): Repo => {
      const r = qLearning(extra);
      const cell = JSON.parse(r.files['Churn.ipynb'] as string) as { cells: Array<{ source: string[] | string }> };
      const src = (c: { source: string[] | string }): string => (Array.isArray(c.source) ? c.source.join('') : c.source);
      const code = src(cell.cells[0]!).replace('        Q[s, a] += ', '        if learn:\n            Q[s, a] += ');
      r.files['Churn.ipynb'] = nb([code]);
      return r;
    };
    const [base, r] = await Promise.all([audit(qLearning()), audit(flagged('learn = True\ndef noop(learn=True):\n    return learn\nnoop(learn=False)\n'))]);
    show('learn flag passed False elsewhere', base, r);
    expect(rule(r, 'stage-evaluation').score).toBe(rule(base, 'stage-evaluation').score);
  });
});

describe('attack15: the Streamlit / Gradio veto (scopeWhen.notDefinedAbove)', () => {
  // Open: `scopeWhen` is any line that looks like training. One `.backward()` on a constant above the import lifts the
  // veto and the app's opened samples are data: 31.6 → 39.5 (+7.9). Reading stage-training's result would not close
  // it (attack18, measured): stage-training counts that same line as evidence ("`.backward(` — back-propagates a
  // loss", app.py line 2). Requiring a name of the file's own on the line, or a loop around it, is one more line for
  // the candidate (`x = torch.zeros(…)`, `for _ in range(1):`), and `LogisticRegression().fit([[0], [1]], [0, 1])`
  // lifts it the same way. What would close it is a loss traced to a model applied to data the file reads.
  it.fails('one dummy `.backward()` on a constant above a Streamlit import does not make the app\'s opened samples data', async () => {
    // Lines that differ in words, not only in a counter (a counter alone is filler: committed-data.ts fillerText).
    const dish = ['soup', 'pasta', 'salad', 'curry', 'bread'];
    const how = ['quick', 'slow', 'friendly', 'rude', 'late', 'early'];
    const reviews = Array.from({ length: 30 }, (_, i) => `review ${i}: the service was ${how[i % 6]} and the ${dish[i % 5]} was warm`).join('\n');
    const app = (above: string): Repo =>
      weakWith({
        'Churn.ipynb': nb(['from sklearn.linear_model import LogisticRegression\n', 'X = [[1], [2]]\ny = [0, 1]\nmodel = LogisticRegression()\nmodel.fit(X, y)\n']),
        'samples/reviews.txt': reviews,
        'app.py': `${above}reviews = open("samples/reviews.txt").read().splitlines()\nimport streamlit as st\nst.write(reviews[:3])\n`,
      });
    const [base, r] = await Promise.all([audit(app('')), audit(app('import torch\ntorch.zeros(1, requires_grad=True).sum().backward()\n'))]);
    show('dummy backward above streamlit', base, r);
    expect(detected(r)).not.toContain('data');
  });
});

describe('attack15: counters in commit subjects', () => {
  // Open: a counter of words is a counter of letters spelled out ("step alfa" … "step zulu"), 44.2 → 50.3 (+6.1).
  // Collapsing any one-word difference would merge honest subjects ("fix typo in train.py" / "… in model.py"); what
  // would close it: a list of ordered words (NATO, Greek letters, planets), as NUMBER_WORD has numbers.
  it('a counter in spelling-alphabet words ("step alfa" … "step zulu") is one message', async () => {
    const nato = ['alfa', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray', 'yankee', 'zulu'];
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `feat: update notebook (step ${nato[i % 26]}${i >= 26 ? ' again' : ''})`)),
    ]);
    show('spelling-alphabet counter', digits, r);
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });
});
