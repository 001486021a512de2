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
 *
 * Run with REVIEW16_LOG=1 to print each measurement.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { audit, detected, rule } from './attack-audit.js';
import { honestRepo, README_RESULTS } from './attack11-repos.js';
import { noData } from './review15-repos.js';

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
