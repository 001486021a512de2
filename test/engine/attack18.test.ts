/**
 * attack18: the tricks a candidate would try next on the fixes that closed attack15's and attack16's open holes on
 * this branch (issue #11, "No cheap gaming"). Each open hole is an `it.fails(...)`: the expectation the engine should
 * meet, failing today; when a fix lands it becomes `it`. The plain `it`s are tricks measured to fail.
 *
 *   trick on a fix                                                              measured
 *   open (it.fails below): 1.2 KB of random bytes committed as data/blob.bin and opened once (fillerBytes) +9.1;
 *   closed (attack19): a counter in the names of the chemical elements ("step hydrogen" … , habitKeys' ordered lists)
 *   +6.1;
 *   closed (attack19): a nanodegree's set capstone titled "Capstone project" without naming its topic
 *   (no-course-readme) +34.8;
 *   closed (attack19): 100 KB of words drawn with Zipf weights (the word of rank r with weight 1/r) from 200 made-up
 *   words (evenWords) +7.8;
 *   closed (attack19): a generator that draws a column from the committed list of names it reads (`generated`: a read
 *   must be used) +7.8
 *
 * Run with ATTACK18_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { audit, detected, rule, NO_DATA } from './attack-audit.js';
import { thirtyDays, weakNotebook } from './attack14-repos.js';
import { honestRepo, README_RESULTS } from './attack11-repos.js';
import { generator, noData, weakWith } from './review15-repos.js';

const LOG = process.env.ATTACK18_LOG === '1';
const show = (what: string, base: AuditedRepoReport, r: AuditedRepoReport): void => {
  if (LOG) console.log(`${what}: ${base.score} -> ${r.score} (${detected(base).join(',')} -> ${detected(r).join(',')})`);
};

/** A deterministic pseudo-random byte sequence (the measurement must repeat). */
function randomBytes(n: number, seed: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24);
}

describe('attack18: binary files that must hold data (committed-data.ts fillerBytes)', () => {
  // Open: a binary file is judged by its first bytes: at least eight byte values, not one short block repeated. Random
  // bytes (`os.urandom(1200)`) pass both, as compressed data does (gzip, zip, a PNG's pixels, an .npz): 29.7 → 38.8
  // (+9.1). Uniform bytes without a known format's magic could be called junk, but the magic is two bytes a candidate
  // prepends for free, and a gzip of filler is a valid gzip: what would close it is decoding the format (decompress the
  // head and judge what it holds), not tried here. attack19 measured the byte entropy of the heads of the binary data
  // files in the tuning clones: random bytes are 7.83 bits a byte on 1.2 KB (8.00 on 64 KB), and honest data reaches
  // the same — a compressed MATLAB .mat 7.99, .npz 7.90, a pickle 7.87, an .npy of floats 7.71, bz2 data 7.98, .gz
  // 7.99 — so no entropy bound tells them apart, and Node 20 decodes only gzip / zlib / zip of these (not bz2, xz, rar,
  // a .mat's parts or Parquet's snappy pages): left open.
  it.fails('1.2 KB of random bytes committed as data/blob.bin and opened once does not buy the data stage', async () => {
    const open = [NO_DATA[0]!, `raw = open("data/blob.bin", "rb").read()\n${NO_DATA[1]!}`];
    const junk = weakNotebook(open);
    junk.files['data/blob.bin'] = randomBytes(1200, 3);
    const [base, r] = await Promise.all([audit(weakNotebook(NO_DATA)), audit(junk)]);
    show('random bytes', base, r);
    expect(detected(r)).not.toContain('data');
  });
});

describe('attack18: counters in commit subjects (message-quality.ts habitKeys)', () => {
  // Closed (attack19): the ordered lists are the spelling alphabet, Greek letters, planets, months and days of the week;
  // any other list a candidate can name was one more (the chemical elements, the zodiac, colours of the rainbow): 44.2 →
  // 50.3 (+6.1). Now any single word varies where the subjects otherwise the same are a quarter of the history or more
  // (REPEAT_SHARE, as a subject repeated must be): "Tune alpha / beta / gamma / lambda of the ridge model" or five
  // models added one by one beside other work stay messages of their own.
  it('a counter in chemical element names ("step hydrogen" …) is one message', async () => {
    const elements = ['hydrogen', 'helium', 'lithium', 'beryllium', 'boron', 'carbon', 'nitrogen', 'oxygen', 'fluorine', 'neon', 'sodium', 'magnesium', 'aluminium', 'silicon', 'phosphorus', 'sulfur', 'chlorine', 'argon', 'potassium', 'calcium', 'scandium', 'titanium', 'vanadium', 'chromium', 'manganese', 'iron', 'cobalt', 'nickel', 'copper', 'zinc'];
    const [digits, r] = await Promise.all([
      audit(thirtyDays((i) => `feat: update notebook (step ${i + 1})`)),
      audit(thirtyDays((i) => `feat: update notebook (step ${elements[i]!})`)),
    ]);
    show('element counter', digits, r);
    expect(rule(r, 'history-message-quality').score).toBe(0);
  });
});

describe('attack18: a programme\'s set capstone (no-course-readme)', () => {
  // Closed (attack19): the set capstones are named by their topics (the dog breed classifier, Sparkify, Arvato,
  // Starbucks, the virtual maze); a title that said "Capstone project" and a description that did not name the topic in
  // the same line ("a CNN that sorts photos of dogs into 133 classes") lifted the cap again: 45 → 79.8 (+34.8). Now a
  // capstone exception counts only in a README whose title names a problem of its own (no-course-readme `topicless`):
  // a title of the programme's words alone names none.
  it('a nanodegree\'s set capstone titled "Capstone project", its topic not named beside the word, stays capped', async () => {
    const readme = README_RESULTS.replace(/^# .*\n/, '# Capstone project\n\nA CNN that sorts photos of dogs into 133 classes.\n') + '\n\nThis project is part of the Udacity Machine Learning Engineer Nanodegree.\n';
    const r = await audit(honestRepo({ 'README.md': readme }));
    if (LOG) console.log('untitled set capstone', r.score);
    expect(r.score).toBe(45);
  });
});

const GPT = 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n';

describe('attack18: a committed corpus whose words must be as uneven as a language\'s (committed-data.ts evenWords)', () => {
  // Closed (attack19): the check was the most frequent word's share (1 % or more of the words); words drawn with Zipf
  // weights (rank r with weight 1/r: `random.choices(vocab, weights=[1 / r for r in range(1, 201)])`) from 200 made-up
  // words passed it as a book does: 29.7 → 37.5 (+7.8). Now word order tells them from language too (independentWords:
  // in text the next word depends on the last, and a text has far fewer distinct pairs of neighbours than its words
  // shuffled; drawn words have as many). The next tricks are in attack19.test.ts.
  it('100 KB of words drawn with Zipf weights from 200 made-up words is no corpus', async () => {
    let s = 5;
    const vocab = Array.from({ length: 200 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
    const weights = vocab.map((_, r) => 1 / (r + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const draw = (): string => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      let x = ((s >>> 8) / 2 ** 24) * total;
      let k = 0;
      while (k < vocab.length - 1 && x >= weights[k]!) x -= weights[k++]!;
      return vocab[k]!;
    };
    const lines = Array.from({ length: 4000 }, () => Array.from({ length: 6 }, draw).join(' ')).join('\n');
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': lines, 'gpt.py': GPT }))]);
    show('Zipf-weighted corpus', base, r);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
  });
});

describe('attack18: a generator\'s read must be used (code.ts generatedFiles, usedElsewhere)', () => {
  // Closed (attack19): a read whose result was used anywhere was a read: a generator that draws a column from the
  // committed list of names it reads (`np.random.choice(names, n)`) wrote data again: 29.7 → 37.5 (+7.8). Now a read
  // used only on lines that draw, or made inside a draw, is the generator's vocabulary (code.ts generatedFiles); a
  // sampler that draws row numbers of a real table (`np.random.choice(len(loans), k)`) uses the table beyond the draw
  // (`loans.iloc[idx]`) and stays a read. The next tricks are in attack19.test.ts.
  it('a random generator that draws a column from the committed list of names it reads still makes its CSV synthetic', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `customer name number ${i}`).join('\n');
    const gen = generator('names = open("names/list.txt").read().splitlines()\n').replace('df.to_csv(', 'df["name"] = np.random.choice(names, n)\ndf.to_csv(');
    const [base, r] = await Promise.all([audit(weakWith({ 'make_data.py': generator() })), audit(weakWith({ 'names/list.txt': names, 'make_data.py': gen }))]);
    show('names drawn from a read list', base, r);
    expect(rule(r, 'stage-data').score).toBe(0);
  });
});
