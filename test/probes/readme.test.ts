import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { runMember } from '../helpers/probes.js';
import { PROBES } from '../../src/probes/index.js';
import { withDefaults } from '../../src/probes/types.js';

type ReadmeParams = { check: string } & Record<string, unknown>;
import { memorySnapshot } from '../../src/sources/memory.js';
import type { RepoMetadata } from '../../src/types.js';

const NOW = new Date('2026-01-15T00:00:00Z');

/**
 * Code that backs the README's claims (an evaluation on predictions, an app that takes input). The results and
 * demo-link checks read it; these unit tests are about reading the README, so `run` adds it unless `bare` is set
 * (the claims themselves are tested in test/probes/readme-claims.test.ts).
 */
export const BACKING: Record<string, string> = {
  'backing/evaluate.py': 'y_pred = model.predict(X_test)\nprint(f1_score(y_test, y_pred))\n',
  'backing/serve.py': '@app.post("/predict")\ndef predict(x):\n    return model.predict(x)\n',
};

async function run(params: ReadmeParams, files: Record<string, string | Uint8Array>, metadata?: RepoMetadata, opts: { bare?: boolean } = {}) {
  const claims = params.check === 'results' || params.check === 'demo-link';
  const all = claims && !opts.bare ? { ...BACKING, ...files } : files;
  const ctx = createProbeContext(memorySnapshot({ files: all, metadata }), NOW);
  return runMember('readme', 'check', params, ctx);
}

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');

/** A README a hiring manager would like. */
const GOOD = `# Churn Radar

Churn Radar predicts which telecom customers are about to cancel their contract, so the retention team can call them first.

## Problem

Losing a customer costs a telecom five times more than keeping one. The retention team calls customers at random today;
this project ranks them by churn risk so that the calls go to the customers most likely to leave.

## Dataset

The [Telco Customer Churn dataset](https://www.kaggle.com/datasets/blastchar/telco-customer-churn) from Kaggle:
7,043 customers and 21 columns (tenure, contract, monthly charges, ...).

## Installation

\`\`\`bash
git clone https://github.com/ada/churn-radar.git
cd churn-radar
pip install -r requirements.txt
\`\`\`

## Usage

\`\`\`bash
python src/train.py --config configs/train.yaml
streamlit run app/app.py
\`\`\`

## Results

| model | accuracy | F1 |
| --- | --- | --- |
| logistic regression | 0.79 | 0.58 |
| gradient boosting | 0.82 | 0.63 |

![Confusion matrix](docs/confusion.png)

## Demo

Try the live app: [churn-radar.streamlit.app](https://churn-radar.streamlit.app)

${filler(200)}
`;

/** A code file with code in it (a file of at most one code line is a stub: a command that runs it is not backed). */
const CODE = 'import pandas as pd\nprint(pd.read_csv("data/churn.csv").shape)\n';

const GOOD_FILES = {
  'README.md': GOOD,
  'requirements.txt': 'pandas\n',
  'src/train.py': CODE,
  'configs/train.yaml': 'a: 1\n',
  'app/app.py': 'import streamlit\n',
  'docs/confusion.png': new Uint8Array(2048).fill(0x89, 0, 1),
};

describe('readme probe: exists', () => {
  it('scores 1 for a README at the root, lowercase names included', async () => {
    expect((await run({ check: 'exists' }, { 'readme.md': '# x\n\nSome text.' })).score).toBe(1);
    expect((await run({ check: 'exists' }, GOOD_FILES)).score).toBe(1);
  });
  it('scores 0 when there is none', async () => {
    const r = await run({ check: 'exists' }, { 'src/a.py': '', 'notes/README.md': '# x' });
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/no README/);
  });
  it('reads .github/README.md or docs/README.md as GitHub does, the root one first', async () => {
    const docs = await run({ check: 'exists' }, { 'src/a.py': '', 'docs/README.md': '# Title\n\nSome words here.\n' });
    expect(docs.score).toBe(1);
    expect(docs.evidence[0].path).toBe('docs/README.md');
    const both = await run({ check: 'exists' }, { 'README.md': '# Root\n\nwords\n', '.github/README.md': '# Gh\n\nwords\n' });
    expect(both.evidence[0].path).toBe('README.md');
  });
  it('scores 0 with a note that says the README is binary or not UTF-8', async () => {
    const bin = await run({ check: 'exists' }, { 'README.md': new Uint8Array([0x23, 0x20, 0, 1, 2]) });
    expect(bin.score).toBe(0);
    expect(bin.note).toMatch(/binary/);
    const latin1 = await run({ check: 'exists' }, { 'README.md': new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    expect(latin1.score).toBe(0);
    expect(latin1.note).toMatch(/not UTF-8/);
    // Other checks say the same rather than "missing".
    expect((await run({ check: 'results' }, { 'README.md': new Uint8Array([0xff, 0xfe, 0x41]) })).note).toMatch(/UTF-8/);
  });
  it('gives an empty README little credit', async () => {
    expect((await run({ check: 'exists' }, { 'README.md': '\n\n' })).score).toBeLessThan(0.5);
  });
});

describe('readme probe: a title-only README scores low across the board', () => {
  const checks: ReadmeParams['check'][] = ['title-summary', 'problem', 'setup', 'usage', 'dataset', 'results', 'demo-link', 'visuals', 'length'];
  it.each(checks)('%s', async (check) => {
    const r = await run({ check }, { 'README.md': '# my-project\n' });
    expect(r.score).toBeLessThanOrEqual(0.3);
  });
  it.each(checks)('%s scores high on a complete README', async (check) => {
    const r = await run({ check }, GOOD_FILES);
    expect(r.score, `${check}: ${r.note} ${JSON.stringify(r.evidence)}`).toBeGreaterThanOrEqual(0.99);
  });
});

describe('readme probe: evidence', () => {
  it('points at README lines from mdast positions', async () => {
    const r = await run({ check: 'results' }, GOOD_FILES);
    const lines = GOOD.split('\n');
    const tableLine = lines.findIndex((l) => l.startsWith('| model')) + 1;
    expect(r.evidence[0]).toMatchObject({ path: 'README.md', line: tableLine });
    const s = await run({ check: 'setup' }, GOOD_FILES);
    expect(s.evidence[0]!.line).toBe(lines.findIndex((l) => l.startsWith('git clone')) + 1);
  });
});

describe('readme probe: title-summary', () => {
  it('skips badge rows and HF front matter', async () => {
    const text = `---\ntitle: Churn\nsdk: streamlit\n---\n\n# Churn\n\n[![CI](https://img.shields.io/badge/ci-passing-green)](x)\n\nThis app predicts customer churn for a telecom operator from billing and contract data, with explanations.\n`;
    const r = await run({ check: 'title-summary' }, { 'README.md': text });
    expect(r.score).toBe(1);
    expect(r.evidence[0]!.detail).toMatch(/title: "Churn"/);
  });
  it('accepts an HTML <h1> title', async () => {
    const text = `<h1 align="center">Churn</h1>\n\nThis app predicts customer churn for a telecom operator from billing and contract data, with explanations.\n`;
    expect((await run({ check: 'title-summary' }, { 'README.md': text })).score).toBe(1);
  });
  it('gives part credit for a one-line summary', async () => {
    const r = await run({ check: 'title-summary' }, { 'README.md': '# Churn\n\nChurn prediction project.\n' });
    expect(r.score).toBeGreaterThan(0.3);
    expect(r.score).toBeLessThan(0.8);
  });
});

describe('readme probe: problem', () => {
  it('accepts an intro paragraph with problem words for part of the score', async () => {
    const text = '# Fraud\n\nBanks lose millions to card fraud; manual review is slow and costly. This model helps analysts focus on risky transactions.\n';
    const r = await run({ check: 'problem' }, { 'README.md': text });
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.score).toBeLessThan(1);
  });
  it('a Motivation heading with prose scores 1; a bare heading scores part', async () => {
    expect((await run({ check: 'problem' }, { 'README.md': `# X\n\n## Motivation\n\n${filler(20)}\n` })).score).toBe(1);
    const bare = await run({ check: 'problem' }, { 'README.md': '# X\n\n## Motivation\n\n## Usage\n' });
    expect(bare.score).toBeGreaterThan(0);
    expect(bare.score).toBeLessThan(1);
  });
});

describe('readme probe: problem — the minimum in English words, other languages by the same content', () => {
  it('a Russian section of 12 words (an English 18) scores 1 and says what it counted; a Russian one-liner stays partial', async () => {
    const ru = await run({ check: 'problem' }, { 'README.md': '# Отток\n\n## Задача\n\nПотерять клиента дороже, чем удержать; бизнесу нужен список клиентов в зоне риска.\n' });
    expect(ru.score).toBe(1);
    expect(ru.evidence[0]!.detail).toMatch(/^section "Задача": 12 words \(the content of about 15 in English\)/);
    const one = await run({ check: 'problem' }, { 'README.md': '# Отток\n\n## Задача\n\nПрогнозирование оттока клиентов телекоммуникационной компании.\n' });
    expect(one.score).toBe(0.5);
  });
  it('an English section is judged by its words alone (its detail unchanged)', async () => {
    const en = await run({ check: 'problem' }, { 'README.md': '# Churn\n\n## Problem\n\nLosing a customer costs more than keeping one; the business wants a ranked list of customers at risk.\n' });
    expect(en.score).toBe(1);
    expect(en.evidence[0]!.detail).not.toContain('in English');
    const short = await run({ check: 'problem' }, { 'README.md': '# Churn\n\n## Problem\n\nCustomers leave and the business loses revenue every month.\n' });
    expect(short.score).toBeLessThan(1);
    // A section past the minimum in its own words says nothing of English.
    const pt = await run({ check: 'problem' }, { 'README.md': '# Churn\n\n## Visão Geral\n\nPerder um cliente custa mais do que mantê-lo; a empresa quer uma lista ordenada dos clientes em risco de saída.\n' });
    expect(pt.score).toBe(1);
    expect(pt.evidence[0]!.detail).toMatch(/^section "Visão Geral": \d+ words, problem words/);
  });
});

describe('readme probe: setup and usage', () => {
  it('a section heading alone is partial', async () => {
    const r = await run({ check: 'setup' }, { 'README.md': '# X\n\n## Installation\n\nInstall the dependencies first.\n' });
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(0.5);
    expect(r.evidence).toEqual([{ path: 'README.md', line: 3, detail: 'section "Installation" without a runnable command', problem: true }]);
  });
  it('inline code and plain-text commands score below a code block', async () => {
    const inline = await run({ check: 'setup' }, { 'README.md': '# X\n\nRun `pip install -r requirements.txt` first.\n', 'requirements.txt': 'pandas\n' });
    expect(inline.score).toBeCloseTo(0.75);
    expect(inline.evidence[0]).toMatchObject({ line: 3, problem: true });
    const plain = await run({ check: 'usage' }, { 'README.md': '# X\n\n1. Train the model:\n   python src/train.py\n', 'src/train.py': CODE });
    expect(plain.score).toBeCloseTo(0.6);
    expect(plain.evidence[0]).toMatchObject({ problem: true });
    // A command in a code block is what the rule asks for: evidence, not a problem.
    const block = await run({ check: 'usage' }, { 'README.md': '# X\n\n```bash\npython src/train.py\n```\n', 'src/train.py': CODE });
    expect(block.score).toBe(1);
    expect(block.evidence[0]!.problem).toBeUndefined();
  });
  it('recognises run commands: uvicorn, docker run, curl, jupyter', async () => {
    for (const cmd of ['uvicorn app.main:app --reload', 'docker run -p 8000:8000 churn', 'curl -X POST localhost:8000/predict', 'jupyter notebook']) {
      const r = await run({ check: 'usage' }, { 'README.md': `# X\n\n\`\`\`\n${cmd}\n\`\`\`\n`, 'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
      expect(r.score, cmd).toBe(1);
    }
  });
  it('a Python snippet under Usage counts', async () => {
    const r = await run({ check: 'usage' }, { 'README.md': '# X\n\n## Usage\n\n```python\nfrom churn import predict\npredict(df)\n```\n' });
    expect(r.score).toBe(1);
  });
  it('does not read a project tree as commands', async () => {
    const r = await run({ check: 'usage' }, { 'README.md': '# X\n\n```\n├── flows/   # prefect flows\n└── app.py\n```\n' });
    expect(r.score).toBe(0);
  });
});

describe('readme probe: dataset', () => {
  it('heading + source + size = 1; heading alone is partial', async () => {
    expect((await run({ check: 'dataset' }, GOOD_FILES)).score).toBe(1);
    const bare = await run({ check: 'dataset' }, { 'README.md': '# X\n\n## Data\n\nWe used some data.\n' });
    expect(bare.score).toBeCloseTo(0.3);
  });
  it('reads bare URLs (no GFM autolinks)', async () => {
    const r = await run({ check: 'dataset' }, { 'README.md': '# X\n\n## Datasets\n\nhttps://archive.ics.uci.edu/dataset/2/adult\n' });
    expect(r.score).toBeCloseTo(0.7);
  });
});

describe('readme probe: results', () => {
  it('numbers next to metric names score 1', async () => {
    const r = await run({ check: 'results' }, { 'README.md': '# X\n\n## Results\n\n- Accuracy: 91.2%\n- ROC-AUC of 0.94 on the test set\n' });
    expect(r.score).toBe(1);
    expect(r.evidence.map((e) => e.detail).join(' ')).toMatch(/Accuracy 91\.2%/);
    expect(r.evidence.some((e) => e.problem)).toBe(false);
  });
  it('a Results heading with no numbers is partial', async () => {
    const r = await run({ check: 'results' }, { 'README.md': '# X\n\n## Results\n\nThe model works well and the accuracy is good.\n' });
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(0.5);
    expect(r.evidence).toEqual([expect.objectContaining({ line: 3, problem: true })]);
  });
  it('ignores versions and years', async () => {
    const r = await run({ check: 'results' }, { 'README.md': '# X\n\nBuilt in 2024 with Python 3.10 and scikit-learn 1.4.2. Evaluation uses accuracy.\n' });
    expect(r.score).toBeLessThan(0.5);
  });
});

describe('readme probe: demo-link', () => {
  it.each([
    ['https://huggingface.co/spaces/ada/churn', 1],
    ['https://churn.streamlit.app/', 1],
    ['https://churn-api.onrender.com/docs', 1],
    ['https://abc123.gradio.live', 0.5],
    ['https://colab.research.google.com/drive/1abc', 0.25],
    ['https://streamlit.io/cloud', 0],
    ['https://github.com/ada/churn', 0],
  ])('%s → %s', async (url, score) => {
    const r = await run({ check: 'demo-link' }, { 'README.md': `# X\n\nSee [the app](${url}).\n` });
    expect(r.score).toBe(score);
  });
  it('uses the repository website when the README has no link', async () => {
    const r = await run({ check: 'demo-link' }, { 'README.md': '# X\n' }, { homepage: 'https://churn.streamlit.app' });
    expect(r.score).toBe(1);
  });
});

describe('readme probe: visuals', () => {
  it('counts images and <img>, not badges, not missing files', async () => {
    const files = {
      'README.md': '# X\n\n![ci](https://img.shields.io/badge/a-b-c)\n\n![missing](img/nope.png)\n\n<img src="docs/app.gif" width="400">\n',
      'docs/app.gif': 'GIF89a'.padEnd(400, '\0'),
    };
    const r = await run({ check: 'visuals' }, files);
    expect(r.score).toBe(1);
    expect(r.evidence.map((e) => e.detail).join('\n')).toMatch(/GIF.*\n.*missing/);
    expect(r.evidence.map((e) => e.problem ?? false)).toEqual([false, true]);
    const badgesOnly = await run({ check: 'visuals' }, { 'README.md': '# X\n\n![ci](https://img.shields.io/badge/a-b-c)\n' });
    expect(badgesOnly.score).toBe(0);
  });
});

describe('readme probe: length', () => {
  it('full score in the band, partial when short or huge', async () => {
    expect((await run({ check: 'length' }, { 'README.md': `# X\n\n${filler(500)}\n\n## A\n\n${filler(10)}` })).score).toBe(1);
    const short = await run({ check: 'length' }, { 'README.md': `# X\n\n${filler(100)}` });
    expect(short.score).toBeGreaterThan(0);
    expect(short.score).toBeLessThan(1);
    // Wrapped lines: one line is cut at MAX_LINE characters before parsing, as no human line is that long.
    const huge = await run({ check: 'length' }, { 'README.md': `# X\n\n## A\n\n${Array.from({ length: 90 }, () => filler(100)).join('\n')}` });
    expect(huge.score).toBeGreaterThanOrEqual(0.5);
    expect(huge.score).toBeLessThan(1);
  });
  it('a wall of text without sections is partial', async () => {
    const r = await run({ check: 'length' }, { 'README.md': filler(800) });
    expect(r.score).toBeLessThan(1);
    expect(r.note).toMatch(/wall of text/);
  });
});

describe('readme probe: links', () => {
  it('scores the share of references that resolve', async () => {
    const text = [
      '# X',
      '',
      'See [the notebook](notebooks/EDA%20v2.ipynb), [docs](docs/), [a section](#usage) and [site](https://example.com).',
      '',
      '```bash',
      'pip install -r requirements.txt',
      'python src/train.py',
      'python -m pip install -U pip',
      'make train',
      '```',
      '',
      'The model code is in `src/model.py`.',
    ].join('\n');
    const r = await run({ check: 'links' }, {
      'README.md': text,
      'notebooks/EDA v2.ipynb': '{"cells": []}',
      'docs/index.md': '',
      'requirements.txt': '',
      'src/train.py': CODE,
    });
    // Resolved: notebook, docs/, requirements.txt, src/train.py. Missing: Makefile, src/model.py.
    expect(r.score).toBeCloseTo(4 / 6);
    const details = r.evidence.map((e) => e.detail).join('\n');
    expect(details).toMatch(/Makefile/);
    expect(details).toMatch(/src\/model\.py/);
    expect(r.evidence.find((e) => /src\/model\.py/.test(e.detail))!.line).toBe(12);
    // Missing files are the problems; files that resolve are shown as evidence only.
    expect(r.evidence.filter((e) => e.problem).map((e) => e.detail)).toEqual([
      expect.stringMatching(/Makefile/),
      expect.stringMatching(/src\/model\.py/),
    ]);
    expect(r.evidence.filter((e) => !e.problem).every((e) => e.detail.includes('→'))).toBe(true);
  });
  it('catches the README that describes files which do not exist', async () => {
    const text = '# X\n\n```\nproject/\n├── src/\n│   ├── train.py\n│   └── predict.py\n└── app.py\n```\n\nRun `streamlit run app.py`.\n';
    const r = await run({ check: 'links' }, { 'README.md': text, 'notebook.ipynb': '{"cells": []}' });
    expect(r.score).toBe(0);
    // the three files and the `src/` folder that would hold two of them
    expect(r.note).toMatch(/4 of 4 files/);
    expect(r.evidence.some((e) => /project tree lists `src\/` — no such folder/.test(e.detail))).toBe(true);
  });
  it('checks the code folders a project tree lists (under its root folder name too), never data or model folders', async () => {
    const text = '# X\n\n```\nfraud-ml/\n├── data/\n├── models/\n├── notebooks/\n├── src/\n└── app/\n```\n';
    const r = await run({ check: 'links' }, { 'README.md': text, 'notebooks/eda.ipynb': '{"cells": []}', 'app/main.py': 'x = 1\n' });
    expect(r.note).toMatch(/1 of 3 files/);
    expect(r.note).toMatch(/src\//);
    const rooted = '# X\n\n```\n├── fraud-ml/\n│   ├── src/\n│   └── app/\n```\n';
    const ok = await run({ check: 'links' }, { 'README.md': rooted, 'src/train.py': 'x = 1\n', 'app/main.py': 'x = 1\n' });
    expect(ok.score).toBe(1);
  });
  it('resolves relative to the README, accepts suffix matches for commands, skips placeholders and downloads', async () => {
    const text = '# X\n\n```bash\ncd churn-radar\npython train.py --data path/to/your.csv\nwget https://x.org/setup.sh\nbash setup.sh\nuvicorn api.main:app\n```\n';
    const r = await run({ check: 'links' }, { 'README.md': text, 'src/train.py': CODE, 'api/main.py': CODE });
    expect(r.score).toBe(1);
  });
  // holes12 (issue #11): three one-line stubs made a stuffed README's `python train.py` point at a file that exists.
  it('a command that runs a stub of at most one code line is not backed (links and usage); two code lines are', async () => {
    const text = '# X\n\n## Usage\n\n```bash\npython train.py --config config.yaml\n```\n';
    for (const stub of ['x = 1\n# step 3\n# step 6\n', '', 'print("train")\n']) {
      const links = await run({ check: 'links' }, { 'README.md': text, 'train.py': stub });
      expect(links.score).toBe(0);
      expect(links.evidence[0]!.detail).toBe('command names `train.py` → train.py, a stub of at most 1 code line');
      const usage = await run({ check: 'usage' }, { 'README.md': text, 'train.py': stub });
      expect(usage.score).toBe(0.5);
      expect(usage.evidence.at(-1)!.detail).toBe('unsupported claim: the usage command runs `train.py`, a stub of at most 1 code line');
    }
    const launcher = { 'README.md': text, 'train.py': 'from churn.train import main\nmain()\n' };
    expect((await run({ check: 'links' }, launcher)).score).toBe(1);
    expect((await run({ check: 'usage' }, launcher)).score).toBe(1);
    // A stub run after a real script: the command the rule counts (the first) runs real code.
    const both = await run({ check: 'usage' }, { 'README.md': text.replace('```bash\n', '```bash\npython src/train.py\n'), 'train.py': 'x = 1\n', 'src/train.py': CODE });
    expect(both.score).toBe(1);
  });
  it('is not measurable when the README names no files', async () => {
    const r = await run({ check: 'links' }, { 'README.md': '# X\n\nNothing here.\n' });
    expect(r.outcome).toBe('not-measurable');
  });
});

describe('readme probe: phrases', () => {
  const patterns = [{ regex: 'my solutions? (to|for) .*coursera', detail: 'course solutions' }];
  it('expect absent: 1 when nothing matches, 0 with line evidence when one does', async () => {
    expect((await run({ check: 'phrases', patterns, expect: 'absent' }, GOOD_FILES)).score).toBe(1);
    const r = await run({ check: 'phrases', patterns, expect: 'absent' }, { 'README.md': '# ML\n\nIntro.\n\nThese are my solutions to the Coursera ML course.\n' });
    expect(r.score).toBe(0);
    expect(r.evidence[0]).toMatchObject({ line: 5, problem: true });
  });
  it('expect present', async () => {
    expect((await run({ check: 'phrases', patterns: [{ regex: 'kaggle', detail: 'k' }], expect: 'present' }, GOOD_FILES)).score).toBe(1);
  });
  it('an invalid regex is reported, not thrown', async () => {
    const r = await run({ check: 'phrases', patterns: [{ regex: '(', detail: 'bad' }], expect: 'present' }, GOOD_FILES);
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toMatch(/invalid pattern/);
  });
});

describe('readme probes: one per question', () => {
  it('each declares reads() for the README; results, results-typed and demo-link also read the code behind their claims', () => {
    const readmes = Object.values(PROBES).filter((p) => p.name.startsWith('readme-'));
    expect(readmes.map((p) => p.name).sort()).toEqual(
      ['dataset', 'demo-link', 'exists', 'length', 'links', 'phrases', 'problem', 'results', 'results-typed', 'setup', 'title-summary', 'usage', 'visuals'].map((c) => `readme-${c}`),
    );
    for (const p of readmes) {
      const globs = p.reads!(withDefaults(p, {}));
      expect(globs).toContain('[Rr][Ee][Aa][Dd][Mm][Ee].*');
      expect(globs.some((g) => g.includes('.py')), p.name).toBe(['readme-results', 'readme-results-typed', 'readme-demo-link'].includes(p.name));
    }
  });

  it("declares each probe's params once: the defaults come from the schema", () => {
    expect(withDefaults(PROBES['readme-length'], {})).toEqual({ zero: 30, min: 250, max: 3000 });
    expect(withDefaults(PROBES['readme-title-summary'], { minWords: 5 })).toEqual({ minWords: 5, maxWords: 250 });
    expect(withDefaults(PROBES['history-one-shot'], {})).toEqual({
      zero: 0.8,
      full: 0.5,
      burstHours: 48,
      minOtherCommits: 10,
      minOtherDays: 5,
      otherMinLines: 20,
      otherLinesPerFile: 5,
      laterCommits: 10,
      laterDays: 2,
      laterFiles: 3,
      laterCredit: 0.6,
      laterMinLines: 10,
      laterMinConfigLines: 3,
    });
  });
});

describe('readme probe: calibration regressions', () => {
  it('counts Chinese text as words', async () => {
    const r = await run({ check: 'title-summary' }, { 'README.md': '# 检测工具\n\n这个项目使用深度学习模型检测图片中的车辆和行人并统计数量，可以部署为网页应用。\n' });
    expect(r.score).toBe(1);
  });
  it('a placeholder title and placeholder images get little credit', async () => {
    const t = await run({ check: 'title-summary' }, { 'README.md': `# Project Title\n\n${filler(20)}\n` });
    expect(t.score).toBeCloseTo(0.8);
    const v = await run({ check: 'visuals' }, { 'README.md': '# X\n\n![Preview](https://via.placeholder.com/800x400?text=App)\n' });
    expect(v.score).toBe(0);
    expect(v.evidence[0]!.detail).toMatch(/placeholder image/);
  });
  it('flags links written without https://', async () => {
    const r = await run({ check: 'links' }, { 'README.md': '# X\n\nAuthor: [@ada](github.com/ada)\n' });
    expect(r.score).toBe(0);
    expect(r.evidence[0]!.detail).toMatch(/missing https:\/\//);
  });
  it('hosting providers’ own pages are not demos', async () => {
    const r = await run({ check: 'demo-link' }, { 'README.md': '# X\n\n## Deployment\n\nSign up at [Heroku](https://signup.heroku.com/) and read [the docs](https://devcenter.heroku.com/articles/x).\n' });
    expect(r.score).toBe(0);
  });
  it('file names on one line (`mv app.py main.py`) are not the `py` launcher', async () => {
    const moved = await run({ check: 'usage' }, { 'README.md': '# X\n\n```dockerfile\nRUN mv app.py main.py\n```\n' });
    expect(moved.score).toBe(0);
    const launcher = await run({ check: 'usage' }, { 'README.md': '# X\n\n```\npy train.py --epochs 3\n```\n', 'train.py': CODE });
    expect(launcher.score).toBe(1);
  });
  it('a compose service name or a private address is not a demo link', async () => {
    for (const url of ['http://model:8000', 'http://192.168.1.20:8501', 'http://10.0.0.5/app']) {
      const r = await run({ check: 'demo-link' }, { 'README.md': `# X\n\n## Demo\n\nThe live demo runs at [the app](${url}).\n` });
      expect(r.score, url).toBe(0);
    }
    const pub = await run({ check: 'demo-link' }, { 'README.md': '# X\n\n## Demo\n\nThe live demo runs at [the app](https://rent.example.org).\n' });
    expect(pub.score).toBe(0.7);
  });
  it('`python -m venv` is setup, not usage', async () => {
    const r = await run({ check: 'usage' }, { 'README.md': '# X\n\n```bash\npython -m venv .venv\npip install -r requirements.txt\n```\n' });
    expect(r.score).toBe(0);
  });
});

describe('a very long README', () => {
  it('is read up to the parse limit, with a note that says so', async () => {
    const { memorySnapshot } = await import('../../src/sources/memory.js');
    const { createProbeContext } = await import('../../src/probes/context.js');
    const { README_PARSE_LIMIT } = await import('../../src/probes/readme-doc.js');
    const snap = memorySnapshot({ files: { 'README.md': `# Big\n\n${'word word word word word word word word word word\n'.repeat(6_000)}` } });
    const ctx = createProbeContext(snap, new Date('2026-01-01'));
    const doc = await ctx.readme();
    expect(doc!.text.length).toBe(README_PARSE_LIMIT);
    expect(snap.notes.map((n) => n.message).join('\n')).toMatch(/README is \d+ characters long: the README rules read its first 100000/);
  });
});

describe('readme probe: READMEs in any language', () => {
  /** One README per language: the same project, headings and prose translated. */
  const t = (h: { problem: string; setup: string; usage: string; data: string; results: string }, prose: string, dataLine: string, metricLine: string): string =>
    `# Fraud Radar\n\n## ${h.problem}\n\n${prose}\n\n## ${h.setup}\n\n\`\`\`bash\npip install -r requirements.txt\n\`\`\`\n\n## ${h.usage}\n\n\`\`\`bash\npython src/train.py\n\`\`\`\n\n` +
    `## ${h.data}\n\n${dataLine}\n\n## ${h.results}\n\n${metricLine}\n- ROC-AUC: 0.97\n`;
  const KAGGLE = '[Kaggle](https://www.kaggle.com/datasets/mlg-ulb/creditcardfraud)';
  const READMES: Record<string, string> = {
    es: t(
      { problem: 'Planteamiento del problema', setup: 'Instalación', usage: 'Uso', data: 'Conjunto de datos', results: 'Resultados' },
      'Los bancos pierden millones por fraude con tarjetas cada año y la revisión manual es lenta y costosa para los analistas.',
      `El conjunto de ${KAGGLE} tiene 284,807 filas.`,
      '- Exactitud: 99.2%',
    ),
    pt: t(
      { problem: 'Motivação', setup: 'Instalação', usage: 'Como executar', data: 'Dados', results: 'Resultados' },
      'Os bancos perdem milhões com fraudes de cartão todos os anos e a revisão manual é lenta e cara para os analistas.',
      `A base do ${KAGGLE} tem 284,807 linhas.`,
      '- Acurácia: 99.2%',
    ),
    fr: t(
      { problem: 'Problématique', setup: 'Prérequis', usage: 'Utilisation', data: 'Jeu de données', results: 'Résultats' },
      'Les banques perdent des millions à cause de la fraude à la carte chaque année et la revue manuelle est lente et coûteuse.',
      `Le jeu de ${KAGGLE} compte 284,807 lignes.`,
      '- Précision : 0.93',
    ),
    de: t(
      { problem: 'Problemstellung', setup: 'Einrichtung', usage: 'Verwendung', data: 'Datensatz', results: 'Ergebnisse' },
      'Banken verlieren jedes Jahr Millionen durch Kartenbetrug, und die manuelle Prüfung ist für die Analysten langsam und teuer.',
      `Der Datensatz von ${KAGGLE} hat 284,807 Zeilen.`,
      '- Genauigkeit: 99.2%',
    ),
    ru: t(
      { problem: 'Мотивация', setup: 'Установка', usage: 'Использование', data: 'Данные', results: 'Результаты' },
      'Банки каждый год теряют миллионы из-за мошенничества с картами, а ручная проверка медленная и дорогая для аналитиков.',
      `Датасет с ${KAGGLE} содержит 284,807 строк.`,
      '- Точность: 99.2%',
    ),
    zh: t(
      { problem: '项目背景', setup: '安装', usage: '使用方法', data: '数据集', results: '实验结果' },
      '银行每年因信用卡欺诈损失数百万元，人工审核既缓慢又昂贵，本项目帮助分析师优先处理高风险交易。',
      `数据来自 ${KAGGLE}，共 284,807 条记录。`,
      '- 准确率：99.2%',
    ),
    ja: t(
      { problem: '背景と目的', setup: '環境構築', usage: '使い方', data: 'データセット', results: '評価結果' },
      '銀行は毎年カード不正で数百万ドルを失っており、手作業の審査は遅くて高コストです。このモデルは危険な取引を優先します。',
      `${KAGGLE} のデータ、284,807件の取引です。`,
      '- 正解率: 99.2%',
    ),
    ko: t(
      { problem: '프로젝트 배경', setup: '설치 방법', usage: '사용법', data: '데이터', results: '성능 평가' },
      '은행은 매년 카드 사기로 수백만 달러를 잃고 있으며 수작업 검토는 느리고 비용이 많이 듭니다. 이 모델은 위험한 거래를 먼저 보여 줍니다.',
      `${KAGGLE}의 데이터셋, 거래 284,807건입니다.`,
      '- 정확도: 99.2%',
    ),
  };
  const files = (readme: string): Record<string, string> => ({ 'README.md': readme, 'requirements.txt': 'pandas\n', 'src/train.py': CODE });

  it.each(Object.keys(READMES))('%s: problem, setup, usage, dataset and results are found', async (lang) => {
    const f = files(READMES[lang]!);
    for (const check of ['problem', 'setup', 'usage', 'dataset', 'results'] as const) {
      const r = await run({ check }, f);
      expect(r.score, `${lang} ${check}: ${r.note ?? ''}`).toBe(1);
    }
  });

  it('the Korean background/goal headings of the issue score as a problem statement', async () => {
    const prose = '이 프로젝트는 중소 제조업체의 설비 고장을 미리 예측하여 정비 비용을 줄이고 생산 중단 시간을 최소화하는 것을 목표로 합니다. 현재는 고장이 난 뒤에야 수리합니다.';
    for (const h of ['프로젝트 배경', '프로젝트 목표']) {
      expect((await run({ check: 'problem' }, { 'README.md': `# 설비 고장 예측\n\n## ${h}\n\n${prose}\n` })).score, h).toBe(1);
    }
  });

  it('CJK headings need no word boundaries; Latin and Cyrillic ones still do', async () => {
    expect((await run({ check: 'setup' }, { 'README.md': '# X\n\n## 环境配置\n\n先安装依赖。\n' })).score).toBeGreaterThan(0);
    // "Datenschutzhinweis" (privacy notice) is not "Daten".
    expect((await run({ check: 'dataset' }, { 'README.md': '# X\n\n## Datenschutzhinweis\n\nKeine.\n' })).score).toBe(0);
  });

  it('a CJK README is not counted as near-empty (length and title-summary)', async () => {
    const para = '本项目使用深度学习模型检测道路图片中的车辆和行人，并统计每个路口的交通流量，帮助城市规划部门做出更好的决策。';
    const zh = `# 交通流量分析\n\n${para}\n\n## 背景\n\n${Array.from({ length: 8 }, () => para).join('')}\n\n## 使用方法\n\n${Array.from({ length: 8 }, () => para).join('')}\n`;
    const en = (await run({ check: 'length' }, { 'README.md': `# X\n\n${filler(500)}\n\n## A\n\n${filler(10)}` })).score;
    const len = await run({ check: 'length' }, { 'README.md': zh });
    expect(len.score, len.note).toBe(en);
    const ja = '# 需要予測\n\nこのプロジェクトは小売店の販売データから来週の需要を予測し、在庫切れと過剰在庫を減らします。\n';
    expect((await run({ check: 'title-summary' }, { 'README.md': ja })).score).toBe(1);
  });
});

describe('readme-visuals: Mermaid diagrams', () => {
  it('counts the arrows of a Mermaid block (flowchart and sequence arrows), at most two per line', async () => {
    const { diagramEdges } = await import('../../src/probes/readme/visuals.js');
    expect(diagramEdges('graph LR\n  A -->|x| B\n  B --- C\n  C -.-> D\n  D ==> E')).toBe(4);
    expect(diagramEdges('sequenceDiagram\n  U->>API: POST /predict\n  API-->>U: 200')).toBe(2);
    expect(diagramEdges('graph LR\n  A --> B --> C --> D')).toBe(2);
    expect(diagramEdges('graph LR\n  A')).toBe(0);
  });
});
