/**
 * review16: a hostile review of session 16's changes (issue #11, "No cheap gaming", "Originality you can defend"): the
 * capstone exception of no-course-readme (`unless`), the stage patterns err16 added (caret preProcess through a
 * variable, null-row masks, regex text cleaning, RL transition tuples, LangChain Unstructured loaders, a hand metrics
 * class), attack16's corpus and filler checks (committed-data.ts), `generated.notReads`, idle calls in a loop body
 * and ordered-word commit counters. Measured on the honest repo of attack11-repos.ts (80.1) and the weak repos of
 * gaming-attack.ts / review15-repos.ts (29.7). A plain `it` is a trick measured to fail now (most of them closed on
 * this branch: before → after given); an `it.fails` is open, with its measured gain.
 *
 *   trick                                                                                before   after (this branch)
 *   a nanodegree's README naming "my capstone project" (another repo) under "See also"     +34.3   0 (title area / same block)
 *   a nanodegree's README saying "it is not a capstone project"                            +34.2   0 (denial not counted)
 *   100 KB of one 771-character paragraph repeated, read whole and encoded (readsLikeCorpus)  +7.8   0 (windows at every offset)
 *   a null-row mask written in a one-line string (stage-preprocessing)                        +7.8   0 (pattern `code: true`)
 *   caret's `train(` named in an R string beside `preProcess = preproc` given to glm          +7.9   0 (sameFile `code: true`)
 *   `Evaluation(m.predict(X_test))` with `accuracy(` only in a string                         +4.0   0 (sameFile `code: true`)
 *   `dqn.update((state, action, reward, …))` in a string, a file that steps an env            +4.9   0 (pattern `code: true`)
 *   two `re.sub` cleaning patterns applied to string literals (weak)                          +3.9   0 (the text must be a name)
 *   honest: a shuffled copy of a committed `raw/options_chain.json` was synthetic (notReads)  −7.8   0 ("options" only as options.json)
 *   honest: "Add alpha blending / gamma correction / … to images" read as a counter           −0.3   0 (pairs only beside single words)
 *   a one-line string holding any preprocessing call (`note = "df = df.dropna()"`)             +7.8   0 (skipStrings: every pattern `code`)
 *   a nanodegree's set project titled "Dog Breed Classifier: capstone project" (attack18)      +34.2   0 (set capstones named)
 *
 * Run with REVIEW16_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { audit, detected, rule } from './attack-audit.js';
import { honestRepo, README_RESULTS } from './attack11-repos.js';
import { noData, weakWith } from './review15-repos.js';
import { weakNotebook } from './attack14-repos.js';
import { DATA_ONLY } from './attack-audit.js';
import { NOW, commit } from './gaming-attack.js';

const LOG = process.env.REVIEW16_LOG === '1';
const show = (what: string, base: AuditedRepoReport, r: AuditedRepoReport): void => {
  if (LOG) console.log(`${what}: ${base.score} -> ${r.score} (${detected(base).join(',')} -> ${detected(r).join(',')})`);
};

const NANODEGREE = '\n\nThis project is part of the Udacity Machine Learning Engineer Nanodegree.\n';

describe('review16: the capstone exception of no-course-readme', () => {
  it('a capstone project named under "See also" (another repo) does not lift a nanodegree project\'s cap', async () => {
    const [capped, r] = await Promise.all([
      audit(honestRepo({ 'README.md': README_RESULTS + NANODEGREE })),
      audit(honestRepo({ 'README.md': README_RESULTS + NANODEGREE + '\n## See also\n\nMy capstone project on loan grades is in another repo.\n' })),
    ]);
    show('see-also capstone', capped, r);
    expect(capped.score).toBe(45);
    expect(r.score).toBe(45);
  });

  it('"it is not a capstone project" does not lift the cap', async () => {
    const r = await audit(honestRepo({ 'README.md': README_RESULTS + '\n\nThis project is part of the Udacity Machine Learning Engineer Nanodegree. It is not a capstone project.\n' }));
    expect(r.score).toBe(45);
  });

  it('a programme\'s capstone said in the title area is not capped (the honest shape err16 meant)', async () => {
    const r = await audit(honestRepo({ 'README.md': README_RESULTS.replace(/^# .*\n/, (h) => `${h}\n**ML Zoomcamp capstone project**\n`) + '\n## Acknowledgements\n\nProject built as part of the ML Zoomcamp curriculum.\n' }));
    expect(rule(r, 'no-course-readme').outcome).toBe('pass');
    expect(r.score).toBeGreaterThan(70);
  });

  // Closed on attack18: a README whose title area called a programme's set project a "capstone project" (a
  // nanodegree's dog-breed classifier is one of its capstone options, its starter notebook given) was not capped for
  // naming the programme: 45 → 79.2 (+34.2). A programme's set capstones are named now (no-course-readme: the dog breed
  // classifier, Sparkify, Arvato / Bertelsmann, Starbucks' offers, the virtual maze, on the line that says capstone):
  // 45. A title that names no topic is the next trick (attack18, open).
  it('a nanodegree\'s set project titled "capstone project" stays capped', async () => {
    const r = await audit(honestRepo({ 'README.md': README_RESULTS.replace(/^# .*\n/, '# Dog Breed Classifier: capstone project\n') + NANODEGREE }));
    if (LOG) console.log('titled capstone', r.score);
    expect(r.score).toBe(45);
  });

  it('a course-exercises README ("contains my assignments") stays capped beside a capstone project', async () => {
    const r = await audit(honestRepo({ 'README.md': '# DL Specialization\n\n**Capstone project included.** This repository contains my assignments. Completed as part of the Coursera Deep Learning Specialization.\n' + README_RESULTS.replace(/^# .*\n/, '') }));
    expect(r.score).toBe(45);
  });
});

const GPT = 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n';
/** 110 distinct made-up words of letters only (a run of digits is one mark in text). */
const WORDS = Array.from({ length: 110 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}ord`);

describe('review16: a committed corpus that must read like one (readsLikeCorpus)', () => {
  it('100 KB of one 771-character paragraph repeated (no multiple of 64) is no corpus', async () => {
    const para = WORDS.join(' ') + '\nx';
    expect(para.length % 2).toBe(1);
    const [base, r] = await Promise.all([audit(noData()), audit(noData({ 'input.txt': para.repeat(160), 'gpt.py': GPT }))]);
    show('paragraph repeated', base, r);
    expect(detected(r)).not.toContain('data');
    // Open, small: the weak "opens a text file" still counts (its lines are two, not filler): 29.7 → 31.6, no stage.
    expect(r.score - base.score).toBeLessThan(2);
  });
});

const SPLIT_FIT =
  'from sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import train_test_split\nX_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["churn"]), df["churn"])\nm = LogisticRegression().fit(X_train, y_train)\n';

describe('review16: session 16\'s stage patterns met by a string', () => {
  it('a null-row mask written in a string is no preprocessing', async () => {
    const [base, r] = await Promise.all([audit(weakNotebook(DATA_ONLY)), audit(weakNotebook([...DATA_ONLY, 'note = "df = df[~df[\'churn\'].isnull()]"\n']))]);
    show('mask in a string', base, r);
    expect(r.score).toBe(base.score);
  });

  it('caret\'s train( named in an R string does not make preProcess = preproc caret preprocessing', async () => {
    const R = 'heart <- read.csv("data/heart.csv")\npreproc <- c("center", "scale")\nfit <- glm(y ~ ., data = heart, preProcess = preproc)\n';
    const [base, r] = await Promise.all([audit(weakWith({ 'm.R': R })), audit(weakWith({ 'm.R': R + 'msg <- "train(y)"\n' }))]);
    show('caret train( in a string', base, r);
    expect(r.score).toBe(base.score);
  });

  it('a metrics object whose accuracy( is only named in a string is no evaluation of its own', async () => {
    const [base, r] = await Promise.all([
      audit(weakNotebook([...DATA_ONLY, SPLIT_FIT, 'Evaluation(m.predict(X_test))\n'])),
      audit(weakNotebook([...DATA_ONLY, SPLIT_FIT, 'Evaluation(m.predict(X_test))\ns = "accuracy(x)"\n'])),
    ]);
    show('metrics accuracy( in a string', base, r);
    expect(r.score).toBe(base.score);
  });

  it('an RL tuple update named in a string is no experience', async () => {
    const env = 'import gym\nenv = gym.make("CartPole-v1")\ns = env.reset()\ns2, r, d, _ = env.step(0)\n';
    const [base, r] = await Promise.all([audit(noData({ 'agent.py': env })), audit(noData({ 'agent.py': env + 'note = "dqn.update((state, action, reward, next_state, done))"\n' }))]);
    show('RL tuple in a string', base, r);
    expect(r.score).toBe(base.score);
  });

  it('re.sub cleaning applied to string literals is no text cleaning', async () => {
    const [base, r] = await Promise.all([
      audit(weakNotebook(DATA_ONLY)),
      audit(weakNotebook([...DATA_ONLY, 'import re\na = re.sub(r"https?://\\S+", "", "x")\nb = re.sub(r"@[A-Za-z]+", "", "y")\n'])),
    ]);
    show('re.sub on literals', base, r);
    expect(r.score).toBe(base.score);
  });

  // Older than session 16: skipStrings left out lines inside triple-quoted strings only, so a one-line string holding
  // any preprocessing call counted (29.7 → 37.5, +7.8). Now skipStrings makes every pattern of a Python file or notebook
  // `code: true`; the three whose match is in a string they need (caret's method names, a text-cleaning regex, a DGL
  // feature name) say `code: false`.
  it('a one-line string holding `df.dropna()` is no preprocessing', async () => {
    const [base, r] = await Promise.all([audit(weakNotebook(DATA_ONLY)), audit(weakNotebook([...DATA_ONLY, 'note = "df = df.dropna()"\n']))]);
    show('dropna in a string', base, r);
    expect(r.score).toBe(base.score);
  });
});

describe('review16: honest shapes the session 16 changes hurt', () => {
  it('a shuffled copy of a committed options chain (market data) stays data (notReads)', async () => {
    const shuffle = 'import json\nimport numpy as np\nimport pandas as pd\nrows = json.load(open("raw/options_chain.json"))\ndf = pd.DataFrame(rows)\nidx = np.random.permutation(len(df))\ndf.iloc[idx].to_csv("churn.csv", index=False)\n';
    const [base, r] = await Promise.all([audit(weakWith({})), audit(weakWith({ 'raw/options_chain.json': '[{"a":1},{"a":2}]\n', 'make_data.py': shuffle }))]);
    show('options chain shuffled', base, r);
    expect(rule(r, 'stage-data').score).toBe(1);
    expect(r.score).toBe(base.score);
  });

  it('image operations named by Greek letters are five messages, not a counter', async () => {
    const day = 86400000;
    const work = ['Load the churn CSV and fix dtypes', 'Add a stratified split', 'One-hot encode the plan column', 'Fit a logistic regression', 'Report ROC-AUC on the test split', 'Plot the confusion matrix', 'Tune the regularisation strength', 'Write the README results', 'Add a requirements file', 'Drop the customer id column'];
    const greek = ['Add alpha blending to images', 'Add gamma correction to images', 'Add sigma clipping to images', 'Add theta rotation to images', 'Add delta encoding to images'];
    const r = weakWith({});
    r.commits = [...work, ...greek].map((s, i) => commit(new Date(NOW.getTime() - (40 - i) * day), s, ['Churn.ipynb'], undefined, 12)).reverse();
    const a = await audit(r);
    expect(rule(a, 'history-message-quality').score).toBe(1);
  });
});
