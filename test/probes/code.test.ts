import { describe, expect, it } from 'vitest';
import { codeProbe, type CodeRuleParams as CodeParams } from '../../src/probes/code.js';
import { runWithDefaults, withDefaults } from '../../src/probes/types.js';
import { anyOf } from '../../src/probes/code-scan.js';
import { scanLines, stripComments } from '../../src/facts/code-lines.js';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const run = (files: Record<string, string | Uint8Array>, params: CodeParams) =>
  runWithDefaults(codeProbe, params, createProbeContext(memorySnapshot({ files }), NOW));

/** A minimal nbformat-4 notebook. */
function notebook(cells: Array<['code' | 'markdown', string]>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(([t, src]) => ({ cell_type: t, source: src, metadata: {}, ...(t === 'code' ? { outputs: [], execution_count: null } : {}) })),
  });
}

/** A made-up AWS key id, assembled at run time so secret scanners do not flag this file. */
const FAKE_AWS = ['AKIA', 'ABCDEFGHIJKLMNOP'].join('');

const FIT: CodeParams = { patterns: [{ regex: '\\bmodel\\.fit\\s*\\(', detail: 'fits a model', weight: 2 }], need: 2 };

describe('code probe: where patterns count', () => {
  it('finds a pattern in a Python file with path, line and what matched', async () => {
    const r = await run({ 'src/train.py': 'import x\n\nmodel.fit(X, y)\n' }, FIT);
    expect(r.score).toBe(1);
    expect(r.evidence).toEqual([{ path: 'src/train.py', line: 3, detail: '`model.fit(` — fits a model' }]);
  });

  it('ignores comments, but not a # inside a string', async () => {
    expect((await run({ 'a.py': '# model.fit(X, y)\nx = 1  # model.fit(X, y)\n' }, FIT)).score).toBe(0);
    const s = await run({ 'a.py': 'c = "#ff0000"; model.fit(X, y)\n' }, FIT);
    expect(s.score).toBe(1);
  });

  it('reads notebook code cells only, reporting the cell (numbered from 1, markdown cells counted) and the line in the cell', async () => {
    const nb = notebook([
      ['markdown', 'We call `model.fit(X, y)` below'],
      ['code', 'import pandas as pd\nmodel.fit(X, y)'],
    ]);
    const r = await run({ 'nb/train.ipynb': nb }, FIT);
    expect(r.score).toBe(1);
    expect(r.evidence[0]).toMatchObject({ path: 'nb/train.ipynb', cell: 2, line: 2 });
    const mdOnly = notebook([['markdown', '```python\nmodel.fit(X, y)\n```']]);
    expect((await run({ 'a.ipynb': mdOnly }, FIT)).score).toBe(0);
  });

  it('never counts code that only sits in Markdown fences, even when a rule lists .md files', async () => {
    const md = '# How\n```python\nmodel.fit(X, y)\n```\n';
    expect((await run({ 'README.md': md, 'docs/usage.md': md }, { ...FIT, files: ['**/*.md', '**/*.py'] })).score).toBe(0);
  });

  it('reads R Markdown code chunks only', async () => {
    const rmd = 'Text mentioning lm(y ~ x)\n\n```{r}\nfit <- lm(y ~ x, data = d)\n```\n';
    const params: CodeParams = { patterns: [{ regex: '\\blm\\s*\\(', detail: 'linear model', weight: 2 }], need: 2 };
    const r = await run({ 'analysis.Rmd': rmd }, params);
    expect(r.score).toBe(1);
    expect(r.evidence[0]).toMatchObject({ path: 'analysis.Rmd', line: 4 });
    expect((await run({ 'analysis.Rmd': 'Text mentioning lm(y ~ x)\n' }, params)).score).toBe(0);
  });

  it('restricts a pattern to the files it names', async () => {
    const params: CodeParams = { patterns: [{ regex: '\\btrain\\s*\\(', detail: 'caret train', weight: 2, files: ['**/*.R'] }], need: 2 };
    expect((await run({ 'a.py': 'train(model)\n' }, params)).score).toBe(0);
    expect((await run({ 'a.R': 'fit <- train(y ~ ., data = d)\n' }, params)).score).toBe(1);
  });

  it('skips virtualenvs and checkpoints by default', async () => {
    const files = { '.venv/lib/python3.11/site-packages/sk/x.py': 'model.fit(X, y)\n', 'nb/.ipynb_checkpoints/a-checkpoint.py': 'model.fit(X)\n' };
    expect((await run(files, FIT)).score).toBe(0);
  });
});

describe('code probe: scoring', () => {
  const params: CodeParams = {
    need: 2,
    patterns: [
      { regex: '\\.backward\\s*\\(', detail: 'backprop', weight: 1 },
      { regex: 'optimizer\\.step\\s*\\(', detail: 'optimizer step', weight: 1 },
    ],
  };

  it('adds each distinct pattern once and scores matched weight / need', async () => {
    expect((await run({ 'a.py': 'loss.backward()\nloss.backward()\n' }, params)).score).toBe(0.5);
    const both = await run({ 'a.py': 'loss.backward()\n', 'b.py': 'optimizer.step()\n' }, params);
    expect(both.score).toBe(1);
    expect(both.evidence).toHaveLength(2);
  });

  it('code files that could not be read and files read that do not settle it: not measurable, the unread files named with why', async () => {
    const r = await run({ 'train.py': 'print("hello")\n', 'analysis.ipynb': '{"cells": [', 'weights.py': new Uint8Array([0x70, 0, 0x71]) }, params);
    expect(r).toMatchObject({ outcome: 'not-measurable', score: 0, unread: [{ path: 'analysis.ipynb', why: 'notebook is not valid JSON' }, { path: 'weights.py', why: 'binary file' }] });
    expect(r.note).toBe(
      'not measured: 2 code files could not be read (analysis.ipynb, weights.py), and the 1 code file read does not settle it; it counts as 0% until those files can be read',
    );
    expect(r.evidence).toEqual([
      { path: 'analysis.ipynb', detail: 'could not be read: notebook is not valid JSON' },
      { path: 'weights.py', detail: 'could not be read: binary file' },
    ]);
    expect(r.remediation).toBeUndefined();
    const all = await run({ 'train.py': 'print("hello")\n' }, params);
    expect(all).toMatchObject({ outcome: 'fail', note: 'nothing matched in 1 code file read' });
  });

  it('what the files read earn is kept as the floor; files read that pass settle it, whatever was not read', async () => {
    const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 9\n';
    const half = await run({ 'a.py': 'loss.backward()\n', 'model.ipynb': lfs }, params);
    expect(half).toMatchObject({ outcome: 'not-measurable', score: 0.5, unread: [{ path: 'model.ipynb', why: 'Git LFS pointer (content is stored outside the repo)' }] });
    expect(half.note).toMatch(/the 1 code file read does not settle it \(it earns 50%\); it counts as 50% until that file can be read$/);
    expect(half.evidence[0]).toMatchObject({ path: 'a.py', line: 1 });
    expect(half.evidence.at(-1)).toEqual({ path: 'model.ipynb', detail: 'could not be read: Git LFS pointer (content is stored outside the repo)' });
    const settled = await run({ 'a.py': 'loss.backward()\noptimizer.step()\n', 'model.ipynb': lfs }, params);
    expect(settled).toMatchObject({ outcome: 'pass', score: 1 });
    expect(settled.unread).toBeUndefined();
    // A rule that expects patterns to be absent (a credential) is not made unmeasurable by a file it could not read.
    const absent = await run({ 'a.py': 'x = 1\n', 'model.ipynb': lfs }, { ...params, expect: 'absent', need: 1 });
    expect(absent).toMatchObject({ outcome: 'pass', score: 1 });
  });

  it('says when the evidence is weak', async () => {
    const r = await run({ 'a.py': 'loss.backward()\n' }, params);
    expect(r.note).toMatch(/weak evidence/);
  });

  it('counts a pattern again for distinct matches up to `repeat`', async () => {
    const p: CodeParams = { need: 2, patterns: [{ regex: '^def \\w*clean\\w*\\(', detail: 'cleaning step', weight: 0.5, repeat: 3 }] };
    const src = 'def clean_a():\n  pass\ndef clean_b():\n  pass\ndef clean_c():\n  pass\ndef clean_d():\n  pass\n';
    expect((await run({ 'a.py': src }, p)).score).toBe(0.75);
    expect((await run({ 'a.py': 'def clean_a():\n  pass\ndef clean_a():\n  pass\n' }, p)).score).toBe(0.25);
  });

  it('counts files that exist (with content) by their weight', async () => {
    const p: CodeParams = {
      need: 2,
      paths: [{ glob: '**/Dockerfile', contains: '^\\s*FROM\\s+\\S+', detail: 'container image', weight: 2, exclude: ['**/.devcontainer/**'] }],
    };
    const ok = await run({ Dockerfile: '# base\nFROM python:3.11-slim\nCMD ["python"]\n' }, p);
    expect(ok.score).toBe(1);
    expect(ok.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 2 });
    expect((await run({ Dockerfile: '' }, p)).score).toBe(0);
    expect((await run({ Dockerfile: '# nothing yet\n' }, p)).score).toBe(0);
    expect((await run({ '.devcontainer/Dockerfile': 'FROM python:3.11\n' }, p)).score).toBe(0);
    const presence: CodeParams = { need: 1, paths: [{ glob: '**/Procfile', detail: 'Procfile', minBytes: 5 }] };
    expect((await run({ Procfile: 'web: gunicorn app:app\n' }, presence)).score).toBe(1);
    expect((await run({ Procfile: 'x' }, presence)).score).toBe(0);
    // A loose check ("any non-blank character") shows the line, not the one letter it matched.
    const chart = await run({ 'deploy/Chart.yaml': 'apiVersion: v2\nname: forecast\n' }, { paths: [{ glob: '**/Chart.yaml', contains: '\\S', detail: 'serving configuration' }] });
    expect(chart.evidence[0]).toEqual({ path: 'deploy/Chart.yaml', line: 1, detail: '`apiVersion: v2` — serving configuration' });
  });
});

describe('code probe: synthetic data trap', () => {
  const params: CodeParams = {
    need: 2,
    patterns: [
      { regex: '\\.read_csv\\s*\\(', detail: 'reads a CSV', weight: 2 },
      { regex: '\\bnp\\.load\\s*\\(', detail: 'loads arrays', weight: 1, weak: true },
    ],
    negative: [{ regex: '\\bnp\\.random\\.(?:rand|randn)\\s*\\(|\\bmake_classification\\s*\\(', detail: 'random data' }],
  };

  it('does not count weak evidence in a file that makes up its data, and says why', async () => {
    const r = await run({ 'train.py': 'X = np.random.rand(100, 3)\nw = np.load("w.npy")\nmodel.fit(X, y)\n' }, params);
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/synthetic or user-supplied/);
    expect(r.evidence.some((e) => /not a data source: `np.random.rand\(` — random data/.test(e.detail))).toBe(true);
  });

  it('counts weak evidence elsewhere, and strong evidence always', async () => {
    expect((await run({ 'train.py': 'X = np.random.rand(10)\n', 'load.py': 'a = np.load("x.npy")\n' }, params)).score).toBe(0.5);
    expect((await run({ 'train.py': 'X, y = make_classification()\ndf = pd.read_csv("d.csv")\n' }, params)).score).toBe(1);
  });
});

describe('code probe: runs of equal lines', () => {
  // A line that changed nothing is not tested again when the next line has the same text (a hostile file of 500,000
  // `[` lines). Whatever a line changes (a marker, a sameFile line, a match) is still seen on every equal line after it.
  const params: CodeParams = {
    need: 2,
    patterns: [
      { regex: '\\.read_csv\\s*\\(', detail: 'reads a CSV', weight: 2 },
      { regex: '\\bnp\\.load\\s*\\(', detail: 'loads arrays', weight: 1, weak: true, sameFile: [{ regex: '^import numpy', detail: 'imports numpy' }] },
    ],
    negative: [{ regex: '\\bnp\\.random\\.rand\\s*\\(', detail: 'random data' }],
    negativePerCellWhen: '\\bnp\\.load\\s*\\(',
  };
  const filler = 'x = 1\n'.repeat(50);

  it('finds a match after a run of equal inert lines, and a marker repeated in the next cell', async () => {
    const csv = await run({ 'a.py': `${filler}df = pd.read_csv("d.csv")\n${filler}` }, params);
    expect(csv.score).toBe(1);
    expect(csv.evidence[0]).toMatchObject({ path: 'a.py', line: 51 });
    // The same marker line ends one cell and starts the next: each cell has its marker, so the weak load in the
    // second cell does not count.
    const nb = notebook([
      ['code', `import numpy as np\n${filler}X = np.random.rand(3)\n`],
      ['code', `X = np.random.rand(3)\n${filler}w = np.load("w.npy")\n`],
    ]);
    expect((await run({ 'a.ipynb': nb }, params)).score).toBe(0);
    // Without the marker in the second cell, the load counts there (numpy imported in the first cell).
    const nb2 = notebook([
      ['code', `import numpy as np\n${filler}X = np.random.rand(3)\n`],
      ['code', `${filler}w = np.load("w.npy")\n`],
    ]);
    expect((await run({ 'a.ipynb': nb2 }, params)).score).toBe(0.5);
  });

  it('the runs are found once per file and stepped over by every rule: the lines after a run are read, with their line numbers', async () => {
    // One context for several rules (as in an audit): the second and third rules step over the runs the first found.
    const files = { 'a.py': `${filler}${'y = 2\n'.repeat(30)}df = pd.read_csv("d.csv")\n${filler}X = np.random.rand(3)\nw = np.load("w.npy")\n` };
    const ctx = createProbeContext(memorySnapshot({ files }), NOW);
    const first = await runWithDefaults(codeProbe, FIT, ctx);
    expect(first.score).toBe(0);
    const csv = await runWithDefaults(codeProbe, { need: 1, patterns: [{ regex: '\\.read_csv\\s*\\(', detail: 'reads a CSV' }] }, ctx);
    expect(csv.evidence).toEqual([{ path: 'a.py', line: 81, detail: '`.read_csv(` — reads a CSV' }]);
    const load = await runWithDefaults(codeProbe, { need: 1, patterns: [{ regex: '\\bnp\\.load\\s*\\(', detail: 'loads arrays' }] }, ctx);
    expect(load.evidence).toEqual([{ path: 'a.py', line: 133, detail: '`np.load(` — loads arrays' }]);
    // Lines in a triple-quoted string (`skipStrings`) within and after a run: skipped, and what follows is read.
    const doc = `${filler}s = """\n${filler}df = pd.read_csv("in_string.csv")\n"""\n${filler}df = pd.read_csv("d.csv")\n`;
    const inDoc = await run({ 'b.py': doc }, { need: 1, skipStrings: true, patterns: [{ regex: '\\.read_csv\\s*\\(\\s*"(\\w+)', detail: 'reads a CSV', code: false }] });
    expect(inDoc.evidence).toEqual([{ path: 'b.py', line: 154, detail: '`.read_csv("d` — reads a CSV' }]);
  });

  it('a `paths` entry with `contains` finds its line after a run of equal lines that do not match', async () => {
    const r = await run({ 'Dockerfile': `${'RUN true\n'.repeat(40)}FROM python:3.12\n` }, { paths: [{ glob: '**/Dockerfile', contains: '^FROM\\s+\\S+', detail: 'container image' }] });
    expect(r.evidence).toEqual([{ path: 'Dockerfile', line: 41, detail: '`FROM python:3.12` — container image' }]);
  });

  it('a sameFile line repeated after equal inert lines is found; equal matching lines count once', async () => {
    const r = await run({ 'a.py': `${filler}import numpy as np\nimport numpy as np\n${filler}w = np.load("w.npy")\nw = np.load("w.npy")\n` }, params);
    expect(r.score).toBe(0.5);
    expect(r.evidence).toHaveLength(1);
  });
});

describe('code probe: sameFile and a marker that yields (unless)', () => {
  const params: CodeParams = {
    need: 2,
    patterns: [
      { regex: '\\bst\\.slider\\s*\\(', detail: 'input widget', weight: 1, weak: true },
      {
        regex: '\\.predict\\s*\\(',
        detail: 'runs the model',
        weight: 1,
        weak: true,
        sameFile: [{ regex: '\\bjoblib\\.load\\s*\\(', detail: 'loads a model' }],
      },
    ],
    negative: [{ regex: '\\bMockModel\\s*\\(', detail: 'mock model', unless: { regex: '\\bjoblib\\.load\\s*\\(' } }],
  };

  it('counts a pattern only in a file that also has each sameFile line, and says what was missing', async () => {
    const bare = await run({ 'app.py': 'x = st.slider("x")\nst.write(m.predict([[x]]))\n' }, params);
    expect(bare.score).toBe(0.5);
    expect(bare.evidence.map((e) => e.detail).join('\n')).not.toMatch(/runs the model/);
    const loaded = await run({ 'app.py': 'm = joblib.load("m.pkl")\nx = st.slider("x")\nst.write(m.predict([[x]]))\n' }, params);
    expect(loaded.score).toBe(1);
    // the line must be in the same file, not another one
    expect((await run({ 'app.py': 'x = st.slider("x")\nst.write(m.predict([[x]]))\n', 'load.py': 'm = joblib.load("m.pkl")\n' }, params)).score).toBe(0.5);
  });

  it('a marker with `unless` discounts weak evidence, except in a file that has the unless line', async () => {
    const mock = await run({ 'app.py': 'm = MockModel()\nx = st.slider("x")\nst.write(m.predict([[x]]))\n' }, params);
    expect(mock.score).toBe(0);
    const fallback = await run({ 'app.py': 'm = joblib.load("m.pkl") if ok else MockModel()\nx = st.slider("x")\nst.write(m.predict([[x]]))\n' }, params);
    expect(fallback.score).toBe(1);
  });

  it('a marker without `unless` later in the file still discounts when an earlier one yields', async () => {
    const p: CodeParams = { ...params, negative: [...params.negative!, { regex: '\\brandom\\.uniform\\s*\\(', detail: 'random predictions' }] };
    const r = await run({ 'app.py': 'm = joblib.load("m.pkl") if ok else MockModel()\nx = st.slider("x")\np = random.uniform(0, 1)\nst.write(m.predict([[x]]))\n' }, p);
    expect(r.score).toBe(0);
  });
  it('a marker whose unless line is absent still discounts after many markers that yield', async () => {
    // Nine fallback mocks (they yield: the file loads a model), then a marker of another kind whose unless line the
    // file lacks: that one still discounts the file.
    const p: CodeParams = {
      ...params,
      negative: [...params.negative!, { regex: '\\bFakeModel\\s*\\(', detail: 'fake model', unless: { regex: '\\btorch\\.load\\s*\\(' } }],
    };
    const mocks = Array.from({ length: 9 }, (_, i) => `m${i} = joblib.load("m.pkl") if ok else MockModel()\n`).join('');
    const app = `${mocks}f = FakeModel()\nx = st.slider("x")\nst.write(m0.predict([[x]]))\n`;
    expect((await run({ 'app.py': app }, p)).score).toBe(0);
    expect((await run({ 'app.py': app.replace('f = FakeModel()', 'f = 1') }, p)).score).toBe(1);
  });
});

describe('code probe: absent mode, text mode, budget', () => {
  const secrets: CodeParams = {
    text: true,
    expect: 'absent',
    redact: true,
    files: ['**/*'],
    patterns: [{ regex: '\\bAKIA[0-9A-Z]{16}\\b', detail: 'AWS access key id' }],
    paths: [{ glob: '**/kaggle.json', contains: '"key"\\s*:\\s*"[^"]{20,}"', detail: 'kaggle.json with a key' }],
  };

  it('scores 1 when nothing matches and 0 when something does, with redacted evidence', async () => {
    expect((await run({ 'a.py': 'x = 1\n' }, secrets)).score).toBe(1);
    const r = await run({ 'cfg.yml': `# creds\naws: ${FAKE_AWS}\n` }, secrets);
    expect(r.score).toBe(0);
    expect(r.evidence[0]).toMatchObject({ path: 'cfg.yml', line: 2, problem: true });
    expect(r.evidence[0]!.detail).not.toContain('ABCDEFGHIJKLMNOP');
    expect(r.evidence[0]!.detail).toMatch(/redacted/);
  });

  it('text mode matches comments too', async () => {
    expect((await run({ 'a.py': `# ${FAKE_AWS}\n` }, secrets)).score).toBe(0);
  });

  it('absent-mode paths count as findings', async () => {
    const r = await run({ '.kaggle/kaggle.json': '{"username":"u","key":"0123456789abcdef0123456789abcdef"}' }, secrets);
    expect(r.score).toBe(0);
    expect(r.evidence[0]!.path).toBe('.kaggle/kaggle.json');
  });

  it('absent mode can be graded with need', async () => {
    const p: CodeParams = {
      expect: 'absent',
      need: 2,
      patterns: [
        { regex: 'titanic', flags: 'i', detail: 'Titanic' },
        { regex: 'load_iris\\(', detail: 'Iris' },
      ],
    };
    expect((await run({ 'a.py': 'df = pd.read_csv("Titanic.csv")\n' }, p)).score).toBe(0.5);
    expect((await run({ 'a.py': 'df = pd.read_csv("titanic.csv")\nX = load_iris()\n' }, p)).score).toBe(0);
  });

  it('reads at most maxFiles files, preferred ones first, and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`pkg/m${String(i).padStart(2, '0')}.py`] = 'x = 1\n';
    files['zzz/deep/train_model.py'] = 'model.fit(X, y)\n';
    const tight = await run(files, { ...FIT, maxFiles: 5 });
    // typical ML names are read first even without `prefer`
    expect(tight.score).toBe(1);
    const miss = await run(files, { ...FIT, maxFiles: 5, prefer: ['pkg/**'] });
    expect(miss.score).toBe(0);
    expect(miss.note).toMatch(/read budget of 5 files/);
  });

  it('returns a note instead of throwing on an invalid regex', async () => {
    const r = await run({ 'a.py': 'x' }, { patterns: [{ regex: '(', detail: 'bad' }] });
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/invalid regex/);
  });

  it('declares the files it reads', () => {
    expect(codeProbe.reads!(withDefaults(codeProbe, FIT))).toContain('**/*.ipynb');
    expect(codeProbe.reads!(withDefaults(codeProbe, { paths: [{ glob: '**/Dockerfile', detail: 'd', contains: 'FROM' }] }))).toEqual(['**/Dockerfile']);
    expect(codeProbe.reads!(withDefaults(codeProbe, { paths: [{ glob: '**/Procfile', detail: 'p' }] }))).toEqual([]);
  });
});

describe('code-scan helpers', () => {
  it('anyOf is true exactly when one of the regexes matches, across flags and back-references', () => {
    const res = [/fit\(/, /READ_CSV/i, /(['"])secret\1/, /^\s*import torch$/m, /(?<q>x)\k<q>/];
    const test = anyOf(res);
    for (const line of ['model.fit(X)', 'pd.read_csv(p)', 'k = "secret"', "k = 'secret\"", '  import torch', 'xx', 'x', 'nothing here', '']) {
      expect(test(line), line).toBe(res.some((r) => r.test(line)));
    }
    expect(anyOf([])('anything')).toBe(false);
  });


  it('strips hash comments quote-aware and keeps line count', () => {
    expect(stripComments(['x = "a # b"  # c', "# all", "y = 'it''s' # z"], 'hash')).toEqual(['x = "a # b"  ', '', "y = 'it''s' "]);
  });

  it('follows triple-quoted strings across lines', () => {
    const out = stripComments(['s = """', "don't # keep", '"""  # drop', 'x = 1'], 'hash');
    expect(out).toEqual(['s = """', "don't # keep", '"""  ', 'x = 1']);
  });

  it('drops Julia block comments', () => {
    expect(stripComments(['a = 1 #= x', 'still comment =# b = 2'], 'hash', true)).toEqual(['a = 1 ', ' b = 2']);
  });

  it('gives all cells in text mode', () => {
    const file = {
      path: 'a.ipynb',
      text: 'x = 1',
      cells: [
        { index: 0, type: 'markdown' as const, source: 'token AKIA' },
        { index: 1, type: 'code' as const, source: 'x = 1 # c' },
      ],
    };
    expect(scanLines(file, 'text').map((l) => l.text)).toEqual(['token AKIA', 'x = 1 # c']);
    expect(scanLines(file, 'code').map((l) => l.text)).toEqual(['x = 1 ']);
  });
});

// Whole small projects checked across the five stage rules at once (the exact set of detected stages). Cases about a
// single rule (a health-check curl, a Jupyter Dockerfile, a StringIndexer fit, ...) are that rule's examples now.
describe('shipped stage rules on small projects (calibration regressions)', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseYamlText } = await import('../../src/rules/load.js');
  const parse = (text: string): unknown => parseYamlText(text, 'rule');
  const stages = ['data', 'preprocessing', 'training', 'evaluation', 'deployment'] as const;
  const params = Object.fromEntries(
    stages.map((s) => [s, (parse(readFileSync(new URL(`../../rules/pipeline/stage-${s}.yml`, import.meta.url), 'utf8')) as { params: CodeParams }).params]),
  ) as Record<(typeof stages)[number], CodeParams>;
  /** Which stages score >= 0.5 (the recommended "detected" threshold). */
  const detected = async (files: Record<string, string>) => {
    const out: string[] = [];
    for (const s of stages) if ((await run(files, params[s])).score >= 0.5) out.push(s);
    return out;
  };

  it('a notebook project with real data, cleaning, a model and metrics', async () => {
    const nb = notebook([
      ['code', 'import pandas as pd\ndf = pd.read_csv("data/listings.csv")\ndf = df.dropna(subset=["price"])'],
      ['code', 'X = pd.get_dummies(df[features])\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)'],
      ['code', 'reg = GradientBoostingRegressor().fit(X_train, y_train)\nprint(mean_absolute_error(y_test, reg.predict(X_test)))'],
    ]);
    expect(await detected({ 'analysis.ipynb': nb })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
  });

  it('an app whose model trains on random numbers: training and deployment only', async () => {
    const files = {
      'train.py': 'import numpy as np\nX = np.random.rand(200, 3)\ny = X.sum(axis=1) > 1.5\nclf = LogisticRegression()\nclf.fit(X, y)\n',
      'app.py': 'from fastapi import FastAPI\napp = FastAPI()\n@app.post("/predict")\ndef predict(x: list[float]):\n    return {"y": int(clf.predict([x])[0])}\n',
    };
    expect(await detected(files)).toEqual(['training', 'deployment']);
  });

  it('a Streamlit app that reads a user-uploaded CSV has no data stage', async () => {
    const app = 'import streamlit as st\nimport pandas as pd\nup = st.file_uploader("CSV")\nif up:\n    df = pd.read_csv(up)\n    st.write(model.predict(df))\n';
    expect(await detected({ 'app.py': app })).toEqual(['deployment']);
  });

  it('a pretrained model behind Gradio is deployment only', async () => {
    const app = 'import gradio as gr\nfrom transformers import pipeline\nclf = pipeline("sentiment-analysis")\ngr.Interface(fn=lambda t: clf(t)[0]["label"], inputs="text", outputs="label").launch()\n';
    expect(await detected({ 'app.py': app })).toEqual(['deployment']);
  });

  it('a scaler fitted on the training split is preprocessing, not training', async () => {
    const src = 'from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\nscaler.fit(X_train)\nsc_X = StandardScaler()\nsc_X.fit(X_train)\n';
    expect(await detected({ 'prep.py': src })).toEqual(['preprocessing']);
  });

  it('a PyTorch training loop with a validation pass, in R and Julia too', async () => {
    const py = 'for epoch in range(10):\n    for xb, yb in train_loader:\n        loss = crit(net(xb), yb)\n        loss.backward()\n        optimizer.step()\n    val_acc = evaluate(net, val_loader)\n';
    expect(await detected({ 'src/train.py': py })).toEqual(['training', 'evaluation']);
    const r = 'df <- read.csv("data/sales.csv")\ndf <- na.omit(df)\nfit <- lm(sales ~ price, data = df)\nrmse(df$sales, predict(fit))\n';
    expect(await detected({ 'analysis.R': r })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
    const jl = 'using CSV, DataFrames, Flux\ndf = CSV.read("data/iris.csv", DataFrame)\ndropmissing!(df)\nFlux.train!(loss, model, data, opt)\naccuracy(model(X), y)\n';
    expect(await detected({ 'src/main.jl': jl })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
  });

  it('test code is not the pipeline: a Selenium test or a fixture that fits a toy model counts for no stage', async () => {
    const e2e = 'from selenium import webdriver\ndef test_frontend():\n    driver = webdriver.Chrome()\n    driver.get("http://localhost:7860")\n';
    const fixture = 'import pandas as pd\ndef test_pipeline():\n    df = pd.read_csv("tests/fixtures/small.csv").dropna()\n    model.fit(df[X], df.y)\n    assert accuracy_score(df.y, model.predict(df[X])) > 0.5\n';
    expect(await detected({ 'tests/e2e/test_frontend.py': e2e, 'tests/integration/test_pipeline.py': fixture, 'src/model_test.py': fixture })).toEqual([]);
    // The same code in the project's own script, run by its main guard, is the pipeline.
    const script = fixture.replace('def test_pipeline', 'def run_pipeline') + 'if __name__ == "__main__":\n    run_pipeline()\n';
    // Its accuracy is on the rows it was fitted on, nothing held out: a training score, not evaluation (in-sample.ts).
    expect(await detected({ 'src/pipeline.py': script })).toEqual(['data', 'preprocessing', 'training']);
    const heldOut = script.replace('model.fit(df[X], df.y)', 'tr, te = train_test_split(df)\n    model.fit(tr[X], tr.y)').replace('accuracy_score(df.y, model.predict(df[X]))', 'accuracy_score(te.y, model.predict(te[X]))');
    expect(await detected({ 'src/pipeline.py': heldOut })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
  });

  it('input handling inside an app or a serving handler is not the project\'s preprocessing; the same transforms in training are', async () => {
    const flask = 'from flask import Flask, request\nfrom torchvision import transforms\nimport cv2\napp = Flask(__name__)\n@app.route("/predict", methods=["POST"])\ndef predict():\n    img = cv2.cvtColor(read(request.files["image"]), cv2.COLOR_BGR2RGB)\n    x = transforms.Compose([transforms.ToTensor()])(img)\n    return model(x)\n';
    expect(await detected({ 'app.py': flask })).toEqual(['deployment']);
    const handler = 'from torchvision import transforms\ndef model_fn(model_dir):\n    return load(model_dir)\ndef input_fn(data):\n    return transforms.Compose([transforms.ToTensor()])(decode(data))\n';
    expect(await detected({ 'backend/inference.py': handler })).toEqual([]);
    const streamlit = 'import streamlit as st\nimport pandas as pd\nlog = pd.read_json("logs.json")\nlog["t"] = pd.to_datetime(log["t"])\ndef preprocess_data(df):\n    return df\n';
    expect((await detected({ 'dashboard.py': streamlit })).includes('preprocessing')).toBe(false);
    const train = 'from torchvision import transforms\ntfm = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])\nds = ImageFolder("data/train", transform=tfm)\n';
    expect((await detected({ 'src/train.py': train })).includes('preprocessing')).toBe(true);
  });

  it('a Dockerfile for a Jupyter environment or a devcontainer is not deployment', async () => {
    expect(await detected({ Dockerfile: 'FROM jupyter/scipy-notebook:latest\nCOPY . /home/jovyan\n' })).toEqual([]);
    const dockerfile = 'FROM python:3.11-slim\nCOPY . .\nEXPOSE 8501\nCMD ["streamlit", "run", "app.py"]\n';
    // A Dockerfile alone is a prop (the app it names is not in the repo); with the app it runs, it is deployment.
    expect(await detected({ Dockerfile: dockerfile })).toEqual([]);
    const app = 'import streamlit as st\nimport joblib\nmodel = joblib.load("model.pkl")\nx = st.number_input("tenure")\nst.write(model.predict([[x]]))\n';
    expect(await detected({ Dockerfile: dockerfile, 'app.py': app })).toEqual(['deployment']);
  });
});

describe('code probe: a paths entry that counts only beside a named pattern (with)', () => {
  const params: CodeParams = {
    need: 2,
    patterns: [
      { regex: '\\bmodel\\.train\\s*\\(', id: 'yolo-train', detail: 'trains with Ultralytics', weight: 1 },
      { regex: '\\bvalidation_split\\s*=', detail: 'holds out a validation split', weight: 1 },
    ],
    paths: [{ glob: '**/*.yaml', contains: '^val\\s*:', with: 'yolo-train', detail: 'a data config with a val split', weight: 1 }],
  };

  it('counts the file with its partner pattern', async () => {
    const r = await run({ 'train.py': 'model.train(data="data.yaml")\n', 'data.yaml': 'train: a\nval: b\n' }, params);
    expect(r.score).toBe(1);
    expect(r.evidence.map((e) => e.path).sort()).toEqual(['data.yaml', 'train.py']);
  });

  it('does not count it without the partner, even beside other signs, and says why', async () => {
    const r = await run({ 'fit.py': 'model.fit(x, y, validation_split=0.1)\n', 'data.yaml': 'train: a\nval: b\n' }, params);
    expect(r.score).toBe(0.5);
    expect(r.evidence.map((e) => e.path)).toEqual(['fit.py', 'data.yaml']);
    expect(r.evidence[1]!.detail).toMatch(/^not counted \(nothing trains with Ultralytics\): /);
    expect(r.note).toContain('not counted without its other half: data.yaml');
  });
});

describe('code probe: negative markers scoped to their lines (data14)', () => {
  const LOAD: CodeParams = { patterns: [{ regex: '\\bload_dataset\\s*\\(', detail: 'loads a dataset', weight: 2, weak: true }], need: 2 };
  const UI = { regex: '^\\s*import\\s+gradio\\b', detail: 'a UI file', scope: 'after' as const, scopeWhen: { regex: '\\.train\\s*\\(' } };

  it('a scoped marker discounts only below it, when the file trains above it', async () => {
    const exported = 'ds = load_dataset(name)\ntrainer.train()\nimport gradio as gr\n';
    expect((await run({ 'colab.py': exported }, { ...LOAD, negative: [UI] })).score).toBe(1);
    // Near miss: nothing trained above the import: the marker covers the whole file.
    expect((await run({ 'app.py': 'ds = load_dataset(name)\nimport gradio as gr\n' }, { ...LOAD, negative: [UI] })).score).toBe(0);
    // Below the import it discounts either way.
    expect((await run({ 'app.py': 'trainer.train()\nimport gradio as gr\nds = load_dataset(name)\n' }, { ...LOAD, negative: [UI] })).score).toBe(0);
  });

  it('a usedBy marker counts only when a later line uses the captured name', async () => {
    const RANDOM = { regex: '^\\s*(?<name>[\\w.]+)\\s*=\\s*np\\.random\\.rand\\(', detail: 'random data', usedBy: { regex: '\\.fit\\([^\\n]{0,100}?\\b{name}\\b' } };
    const WALK: CodeParams = { patterns: [{ regex: '\\bos\\.listdir\\s*\\(', detail: 'walks a folder', weight: 2, weak: true }], need: 2, negative: [RANDOM] };
    expect((await run({ 'mf.py': 'os.listdir("ratings")\nself.U = np.random.rand(10, 3)\nself.U[0] += 1\n' }, WALK)).score).toBe(1);
    const fitted = await run({ 'train.py': 'os.listdir("ratings")\nself.X = np.random.rand(10, 3)\nclf.fit(self.X, y)\n' }, WALK);
    expect(fitted.score).toBe(0);
    expect(fitted.evidence[0]!.detail).toMatch(/random data/);
  });

  it('sameFile within: the line must be near the match, in the same cell', async () => {
    const API: CodeParams = {
      patterns: [{ regex: '\\brequests\\.get\\s*\\(', detail: 'API', weight: 2, sameFile: [{ regex: '\\bDataFrame\\s*\\(', detail: 'a table', within: 3 }] }],
      need: 2,
    };
    expect((await run({ 'a.py': 'r = requests.get(url).json()\ndf = pd.DataFrame(r)\n' }, API)).score).toBe(1);
    const far = await run({ 'a.py': `r = requests.get(url).json()\n${'x = 1\n'.repeat(10)}df = pd.DataFrame(r)\n` }, API);
    expect(far.score).toBe(0);
    expect(far.evidence.some((e) => /nothing in the lines around it a table/.test(e.detail))).toBe(true);
    expect(far.note).toBe('only matches without what must be beside them were found (each says what is missing)');
  });

  it('ownWrites: a read of a path the file wrote above does not count; a read before the write does', async () => {
    const READ: CodeParams = {
      patterns: [{ regex: '\\bread_pickle\\s*\\(', detail: 'reads a table', weight: 2 }],
      need: 2,
      ownWrites: [{ regex: '\\.to_pickle\\s*\\(\\s*([^,()\\n]{1,200})' }],
    };
    const back = await run({ 'nb.py': 'df.to_pickle(p)\nx = pd.read_pickle(p)\n' }, READ);
    expect(back.score).toBe(0);
    expect(back.note).toBe("only reads of the code's own output or of a committed table of repeated rows were found (no real data)");
    expect((await run({ 'nb.py': 'x = pd.read_pickle(p)\nx.to_pickle(p)\n' }, READ)).score).toBe(1);
    expect((await run({ 'nb.py': 'df.to_pickle(q)\nx = pd.read_pickle(p)\n' }, READ)).score).toBe(1);
  });
});

describe('code probe: archives the audit does not read', () => {
  const TRAIN: CodeParams = { ...FIT, noteArchives: true };

  it('names the committed archives when the stage is not found, and the score stays what the code read earns', async () => {
    const r = await run({ 'README.md': '# Cells\n', 'Training_code.zip': new Uint8Array([0x50, 0x4b, 3, 4]), 'data/raw.tar.gz': new Uint8Array([0x1f, 0x8b]) }, TRAIN);
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/not read: 2 archives in the repo \(Training_code\.zip, data\/raw\.tar\.gz\) — code inside an archive is not analysed/);
  });

  it('says nothing of archives when the stage is found, without the param, or when the archive is vendored', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4]);
    expect((await run({ 'train.py': 'model.fit(X, y)\n', 'demo.zip': zip }, TRAIN)).note ?? '').not.toMatch(/archive/);
    expect((await run({ 'demo.zip': zip }, FIT)).note ?? '').not.toMatch(/archive/);
    expect((await run({ 'node_modules/x/pkg.zip': zip, 'a.py': 'x = 1\n' }, TRAIN)).note ?? '').not.toMatch(/archive/);
  });
});
