/**
 * attack16: the tricks a candidate would try next on the fixes that closed attack15's and review15's holes (issue #11,
 * "No cheap gaming"): counters in the words of an ordered list (message-quality.ts `habitKeys`), a committed corpus
 * that must read like one (committed-data.ts `readsLikeCorpus`, `notFiller`), a tokeniser not trained on the README,
 * a generator whose settings file is no read of data (`generated.notReads`), and loops whose body must do work
 * (loop-context.ts `IDLE_CALLS`: appending, seeding). Measured on the weak repo of gaming-attack.ts and its variants.
 * Each open hole is an `it.fails(...)`: the expectation the engine should meet, failing today; when a fix lands it
 * becomes `it`. The plain `it`s are tricks measured to fail.
 *
 *   trick on a fix                                                              measured
 *   100 KB of "row N of the corpus" lines read whole and encoded (readsLikeCorpus) 29.7 (digits are one mark: closed)
 *   open (it.fails below): a tokeniser trained on the README copied to data/corpus.txt (+7.9); a generator that reads a committed list of
 *   names to draw from (+7.8); an epoch loop appending `abs(0)` (+3.9); a runs loop calling `abs(run)` (+3.7).
 *   Closed on attack17 (now plain `it`s): the tokeniser on the README copy (`corpusInput`), the `abs(0)` epoch loop
 *   and the `abs(run)` runs loop (loop-context.ts PURE_BUILTINS and the file's own idle functions). Closed on attack18:
 *   the month counter (+6.1: months and days of the week are ordered lists of habitKeys), the 200-word random corpus
 *   (+7.8: committed-data.ts evenWords, the most frequent word under 1 % of the words), the generator reading a list
 *   of names it never uses (+7.8: a read's assigned name must be used).
 *
 * Run with ATTACK16_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { audit, detected, rule, DATA_ONLY } from './attack-audit.js';
import { qLearning, thirtyDays, weakNotebook } from './attack14-repos.js';
import { generator, noData, weakWith } from './review15-repos.js';
import { weakRepo } from './gaming-attack.js';

const LOG = process.env.ATTACK16_LOG === '1';
const show = (what: string, base: AuditedRepoReport, r: AuditedRepoReport): void => {
  if (LOG) console.log(`${what}: ${base.score} -> ${r.score} (${detected(base).join(',')} -> ${detected(r).join(',')})`);
};

const GPT = 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n';

/** A deterministic pseudo-random sequence (no Math.random: the measurement must repeat). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('attack16: counters in commit subjects', () => {
  // Closed on attack18: months ("step january" …, 12 values and "… round two") were another ordered list, 44.2 → 50.3
  // (+6.1). Months and days of the week are ordered lists now (message-quality.ts LETTER_COUNTER): a month in a
  // subject is a date in words, and "Add data 2024-03" … was one habit already, so "Add the March data" … over a year
  // of monthly drops (five or more, three months or more) is one too. Next list: the elements (attack18, open).
  it('a counter in month names ("step january" … "step december") is one message', async () => {
    const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `feat: update notebook (step ${months[i % 12]}${i >= 12 ? ` round ${i >= 24 ? 'three' : 'two'}` : ''})`)),
    ]);
    show('month counter', digits, r);
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });
});

describe('attack16: a committed corpus that must read like one (readsLikeCorpus)', () => {
  it('100 KB of "row N of the corpus" lines read whole and encoded is no data (runs of digits are one mark)', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `row ${i} of the corpus`).join('\n');
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': lines, 'gpt.py': GPT }))]);
    show('counted lines corpus', base, r);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
    expect(r.score).toBe(base.score);
  });

  // Closed on attack18: lines of words drawn at random from a 200-word vocabulary are mostly distinct and hold 200
  // distinct words: 29.7 → 37.5 (+7.8). In language a few words are very frequent (Zipf's law); prose of 1,000 words or
  // more whose most frequent word is under 1 % of them is no corpus now (committed-data.ts evenWords): 31.6 (the weak
  // "opens a text file" still counts). Words drawn with Zipf weights are the next trick (attack18, open).
  it('100 KB of lines of words drawn at random from a 200-word vocabulary is no corpus', async () => {
    const rand = lcg(11);
    const vocab = Array.from({ length: 200 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
    const lines = Array.from({ length: 4000 }, () => Array.from({ length: 6 }, () => vocab[Math.floor(rand() * 200)]).join(' ')).join('\n');
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': lines, 'gpt.py': GPT }))]);
    show('random-word corpus', base, r);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
  });
});

describe('attack16: a tokeniser not trained on the README', () => {
  // Closed on attack17: the README copied to data/corpus.txt and the tokeniser trained on that: +7.9. SentencePiece's
  // input, when the repository commits it, must be a corpus of 100 KB or more that reads like one (`corpusInput`).
  // Still counted: an input naming no committed file (one a script would download or write), the same as a real one.
  it('a tokeniser trained on the README copied to data/corpus.txt is no preprocessing', async () => {
    const readme = (weakRepo().files['README.md'] as string) ?? '# Churn\n';
    const r = await audit(
      weakWith({ 'data/corpus.txt': readme, 'tok.py': 'import sentencepiece as spm\nspm.SentencePieceTrainer.train(input="data/corpus.txt", model_prefix="m", vocab_size=50)\n' }),
    );
    expect(detected(r)).not.toContain('preprocessing');
  });
});

describe('attack16: generators whose settings file is no read (generated.notReads)', () => {
  // Closed on attack18: a generator that read a small committed list of names (`open(`) wrote data again: 29.7 → 37.5
  // (+7.8). The list was never used: a read whose assigned name appears on no other line of the file is no read now
  // (code.ts generatedFiles, usedElsewhere): 29.7. Drawing a column from the list is the next trick (attack18, open).
  it('a random generator that reads a committed list of names it never uses still makes its CSV synthetic', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `customer name number ${i}`).join('\n');
    const r = await audit(weakWith({ 'names/list.txt': names, 'make_data.py': generator('names = open("names/list.txt").read().splitlines()\n') }));
    expect(rule(r, 'stage-data').score).toBe(0);
  });
});

describe('attack16: loops whose body must do work (IDLE_CALLS)', () => {
  // Closed on attack17: any call inside the appended value counted as work: `losses.append(abs(0))` was training
  // again, 29.7 → 33.6 (+3.9). A pure built-in called by plain name, and a function of the file's own whose body does
  // no work (followed three deep), are no work now (loop-context.ts PURE_BUILTINS, doesWork): 29.7.
  it('an epoch loop whose body appends `abs(0)` detects no training', async () => {
    const [base, r] = await Promise.all([audit(weakNotebook(DATA_ONLY)), audit(weakNotebook([...DATA_ONLY, 'losses = []\nfor epoch in range(3):\n    losses.append(abs(0))\n']))]);
    show('epoch loop appending abs(0)', base, r);
    expect(detected(r)).not.toContain('training');
  });

  // Closed on attack17: a runs loop whose body called anything (`abs(run)`) lifted the training-return veto: 38.5 →
  // 42.2 (+3.7); now 38.5. Next trick: a module function on constants (`np.abs(run)`), or a function of another file
  // of the repo that does nothing; what would close those is the runs loop enclosing (or calling the function that
  // holds) the loop whose returns are summed.
  it('a runs loop that only computes `abs(run)` does not make training returns an evaluation', async () => {
    const [base, r] = await Promise.all([audit(qLearning()), audit(qLearning('n_runs = 1\nfor run in range(n_runs):\n    k = abs(run)\n'))]);
    show('runs loop abs', base, r);
    expect(rule(r, 'stage-evaluation').score).toBe(rule(base, 'stage-evaluation').score);
  });
});
