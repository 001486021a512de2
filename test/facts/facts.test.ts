import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { stripComments, stripPython } from '../../src/facts/code-lines.js';
import { manifestKind, parseManifest, parseSetupPy } from '../../src/facts/manifest-parse.js';
import { mergedDependencies } from '../../src/facts/manifests.js';
import { isNotAuthored, isVendored } from '../../src/facts/vendored.js';
import { extractSkills } from '../../src/skills.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const ctxOf = (files: Record<string, string | Uint8Array>, exclude: string[] = []) => createProbeContext(memorySnapshot({ files }), NOW, exclude);

const notebook = (cells: Array<['code' | 'markdown', string]>): string =>
  JSON.stringify({ nbformat: 4, cells: cells.map(([t, s]) => ({ cell_type: t, source: s, metadata: {}, ...(t === 'code' ? { outputs: [] } : {}) })) });

/** UTF-16 bytes with a byte-order mark. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = order === 'le' ? c & 0xff : c >> 8;
    out[3 + 2 * i] = order === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('facts: vendored code', () => {
  it('one list decides what is vendored; copied and built trees are a second tier', () => {
    for (const p of ['node_modules/x/index.js', 'a/site-packages/torch/nn.py', '.venv/lib/x.py', 'venv/bin/activate', 'myenv/lib/python3.11/y.py', 'nb/.ipynb_checkpoints/a.ipynb', 'static/app.min.js', '.agents/skills/skill-creator/scripts/run_eval.py', '.claude/skills/pdf/scripts/fill.py'])
      expect(isVendored(p), p).toBe(true);
    for (const p of ['src/train.py', 'environment.yml', 'vendor/lib.py', 'third_party/x.cc', 'agents/skills/eval.py', 'src/agents/policy.py']) expect(isVendored(p), p).toBe(false);
    expect(isNotAuthored('third_party/x.cc')).toBe(true);
    expect(isNotAuthored('vendor/lib.py')).toBe(true);
    expect(isNotAuthored('src/train.py')).toBe(false);
  });

  it('the facts leave vendored files out, and the user exclude globs too', async () => {
    const ctx = ctxOf({ 'train.py': 'import torch\n', '.venv/lib/python3.11/site-packages/requirements.txt': 'a==1\n', 'requirements.txt': 'torch\n', 'old/x.ipynb': notebook([['code', 'x=1']]), 'x.ipynb': notebook([['code', 'y=1']]) }, ['old/**']);
    expect(ctx.facts.ownFiles().map((f) => f.path)).toEqual(['requirements.txt', 'train.py', 'x.ipynb']);
    expect(ctx.facts.notebooks().map((f) => f.path)).toEqual(['x.ipynb']);
    expect((await ctx.facts.manifests()).manifests.map((m) => m.path)).toEqual(['requirements.txt']);
  });
});

describe('facts: languages', () => {
  it('by extension and bytes, most bytes first; vendored, copied and empty files left out', () => {
    const ctx = ctxOf({
      'train.py': 'x'.repeat(100),
      'nb.ipynb': notebook([['code', 'y = 1']]),
      'web/app.js': 'z'.repeat(5000),
      'web/types.d.ts': 'declare const x: number;',
      'node_modules/lib/index.js': 'q'.repeat(100_000),
      'third_party/fast.cc': 'c'.repeat(100_000),
      'empty.R': '',
      'README.md': '# x',
    });
    const langs = ctx.facts.languages();
    expect(langs.map((l) => l.language)).toEqual(['JavaScript', 'Python']);
    expect(langs.find((l) => l.language === 'Python')).toMatchObject({ files: 2 });
    expect(langs[0]).toEqual({ language: 'JavaScript', files: 1, bytes: 5000 });
    expect(ctx.facts.languages()).toBe(langs); // computed once
  });

  it('a .m file next to Objective-C headers is not MATLAB', () => {
    expect(ctxOf({ 'a.m': 'x', 'a.h': 'y' }).facts.languages().map((l) => l.language)).toEqual(['C++']);
    expect(ctxOf({ 'a.m': 'x', 'data.mat': 'y' }).facts.languages().map((l) => l.language)).toEqual(['MATLAB']);
  });
});

describe('facts: manifests (one parser, one glob list)', () => {
  it('is computed once per context and shared by the dependencies probes and the skill matrix', async () => {
    const ctx = ctxOf({ 'requirements-dev.txt': 'pytest==8\n', 'requirements.txt': 'torch==2.1 # gpu\nscikit-learn\n', 'train.py': 'import torch\nfrom sklearn.linear_model import Ridge\n' });
    const set = await ctx.facts.manifests();
    expect(await ctx.facts.manifests()).toBe(set);
    expect(mergedDependencies(set).map((d) => [d.name, d.line, d.text])).toEqual([
      ['pytest', 1, 'pytest==8'],
      ['torch', 1, 'torch==2.1'],
      ['scikit-learn', 2, 'scikit-learn'],
    ]);
    const skills = await extractSkills(ctx);
    // The manifest line is evidence beside the import that shows the skill (a declared package alone shows none).
    expect(skills.skills.pytorch?.[1]).toMatchObject({ path: 'requirements.txt', line: 1, detail: 'dependency: torch==2.1' });
    expect(skills.skills['scikit-learn']?.[1]).toMatchObject({ path: 'requirements.txt', line: 2 });
  });

  it('reads the common formats with line numbers and the entry as written', () => {
    const deps = (path: string, text: string) => parseManifest(manifestKind(path)!, text).map((d) => [d.name, d.line, d.text]);
    expect(deps('requirements.txt', '# c\n-r base.txt\ntorch==2.1 # gpu\nscikit-learn\n')).toEqual([
      ['torch', 3, 'torch==2.1'],
      ['scikit-learn', 4, 'scikit-learn'],
    ]);
    expect(deps('environment.yml', 'name: x\nchannels:\n  - pytorch\n  - conda-forge\ndependencies:\n  - numpy=1.26\n  - pip:\n    - boto3\n')).toEqual([
      ['numpy', 6, 'numpy=1.26'],
      ['boto3', 8, 'boto3'],
    ]);
    expect(deps('pyproject.toml', '[project]\nkeywords = ["torch"]\ndependencies = ["pandas>=2", "torch[cuda]"]\n[tool.poetry.dependencies]\npython = "^3.11"\nmlflow = "^2"\n')).toEqual([
      ['pandas', 3, 'pandas>=2'],
      ['torch', 3, 'torch[cuda]'],
      ['mlflow', 6, 'mlflow = "^2"'],
    ]);
    // A dependency array over several lines: each dependency points at its own line; commented-out lines are not read.
    expect(deps('pyproject.toml', '[project]\nname = "x"\ndependencies = [\n    "torch>=2.6",\n    # "jax",\n    "numpy>=2", "pandas",\n]\n')).toEqual([
      ['torch', 4, 'torch>=2.6'],
      ['numpy', 6, 'numpy>=2'],
      ['pandas', 6, 'pandas'],
    ]);
  });

  it('setup.py: install_requires and the lists of extras_require, never keywords or the extras names', () => {
    const src = 'setup(\n  name="x",\n  keywords=["torch"],\n  install_requires=[\n    "numpy>=1",  # math\n    "seaborn",\n  ],\n  extras_require={\n    "dev": ["pytest>=8", "black"],\n    "gpu": [\n      "cupy",\n    ],\n  },\n)\n';
    expect(parseSetupPy(src).map((d) => [d.name, d.line, d.pinned])).toEqual([
      ['numpy', 5, true],
      ['seaborn', 6, false],
      ['pytest', 9, true],
      ['black', 9, false],
      ['cupy', 11, false],
    ]);
  });

  it('reads manifests written in UTF-16 (with a byte-order mark) or UTF-8 with a BOM', async () => {
    for (const bytes of [utf16('torch==2.1\r\nnumpy\r\n', 'le'), utf16('torch==2.1\nnumpy\n', 'be'), new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('torch==2.1\nnumpy\n')])]) {
      const ctx = ctxOf({ 'requirements.txt': bytes });
      const deps = mergedDependencies(await ctx.facts.manifests());
      expect(deps.map((d) => [d.name, d.pinned, d.line])).toEqual([
        ['torch', true, 1],
        ['numpy', false, 2],
      ]);
      expect(ctx.snapshot.notes).toEqual([]);
    }
  });

  it('a UTF-16 file whose bytes are not valid UTF-16 is a note, not a crash', async () => {
    const ctx = ctxOf({ 'requirements.txt': new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]) });
    expect((await ctx.facts.manifests()).manifests).toEqual([]);
    expect(ctx.snapshot.notes[0]).toMatchObject({ path: 'requirements.txt', kind: 'not-utf8' });
  });

  it('hostile: a huge manifest and deep nesting stay bounded and linear', async () => {
    const huge = Array.from({ length: 40_000 }, (_, i) => `pkg${i}==${i}.0`).join('\n');
    const deep = `setup(install_requires=[${'['.repeat(50_000)}"torch"${']'.repeat(50_000)}], extras_require={${'{'.repeat(20_000)}`;
    const toml = `[project]\ndependencies = [${'['.repeat(30_000)}\n"numpy"\n`;
    const yml = `dependencies:\n${'  '.repeat(5_000)}- pip:\n${Array.from({ length: 200 }, () => '    - [[[[[[[[').join('\n')}\n`;
    const ctx = ctxOf({ 'requirements.txt': huge, 'setup.py': deep, 'pyproject.toml': toml, 'environment.yml': yml });
    const set = await ctx.facts.manifests();
    const req = set.manifests.find((m) => m.kind === 'requirements')!;
    expect(req.deps).toHaveLength(40_000);
    expect(req.deps[39_999]).toMatchObject({ name: 'pkg39999', line: 40_000, pinned: true });
    expect(set.manifests.find((m) => m.kind === 'setup.py')?.deps.map((d) => d.name)).toEqual(['torch']);
    // The unbalanced TOML array swallows the rest of the file, and that is all.
    expect(set.manifests.find((m) => m.kind === 'pyproject')?.deps.map((d) => d.name)).toEqual(['numpy']);
    expect(set.manifests.some((m) => m.kind === 'conda')).toBe(false); // not valid YAML: skipped
  });
});

describe('facts: code lines (one comment stripper)', () => {
  it('stripPython keeps line numbers and strings, drops comments and docstrings', () => {
    const src = 'x = "a # not a comment"  # comment\ndef f():\n    """doc\n    string"""\n    q = """SELECT 1\n    FROM t"""\n';
    const out = stripPython(src).split('\n');
    expect(out).toHaveLength(src.split('\n').length);
    expect(out[0]!.trim()).toBe('x = "a # not a comment"');
    expect(out[2]!.trim()).toBe('');
    expect(out[3]!.trim()).toBe('');
    expect(out[4]).toContain('SELECT 1');
  });

  it('a string that continues an expression is a value, not a docstring', () => {
    const out = stripPython('query = (\n    """SELECT a FROM t"""\n)\nx = [\n  "a",\n  """b"""\n]\n').split('\n');
    expect(out[1]!.trim()).toBe('"""SELECT a FROM t"""');
    expect(out[5]!.trim()).toBe('"""b"""');
  });

  it('an escaped triple quote does not close a docstring, for both readings', () => {
    const esc = stripPython('def f():\n    """a \\""" still doc"""\n    return "x"\n').split('\n');
    expect(esc[1]!.trim()).toBe('');
    expect(esc[2]!.trim()).toBe('return "x"');
    expect(stripComments(['s = """a \\""" # still in the string', '"""  # comment'], 'hash')).toEqual(['s = """a \\""" # still in the string', '"""  ']);
  });

  it('code patterns keep docstrings (the default), the skill matrix blanks them: one stripper, one option', () => {
    const lines = ['def f():', '    """Train with model.fit(X, y)."""', '    return 1  # done'];
    expect(stripComments(lines, 'hash')).toEqual(['def f():', '    """Train with model.fit(X, y)."""', '    return 1  ']);
    expect(stripComments(lines, 'hash', false, { docstrings: 'blank' })[1]!.trim()).toBe('');
    // Slash-commented languages have no docstrings: the option changes nothing there.
    expect(stripComments(['/* a */ x = 1; // b'], 'slash', false, { docstrings: 'blank' })).toEqual([' x = 1; ']);
  });

  it('cuts comments and blanks docstrings at every place on a line: its start, its end, across lines', () => {
    // A block comment opened at the very end of a line, closed at the very start of the next; one closed and another
    // opened on one line; a Julia block; a line with nothing to cut comes back as it was.
    expect(stripComments(['x(/*', '*/y', 'a /* b */ c /* d', 'e */', 'plain'], 'slash')).toEqual(['x(', 'y', 'a  c ', '', 'plain']);
    expect(stripComments(['a #= b', 'c =# d # e', '#', 's = "#" # t'], 'hash', true)).toEqual(['a ', ' d ', '', 's = "#" ']);
    // Escapes and quotes of every kind keep comment markers inside strings.
    expect(stripComments(['s = `//x` + "\\\\" // c', "t = '/*' /* u */ + v"], 'slash')).toEqual(['s = `//x` + "\\\\" ', "t = '/*'  + v"]);
    // A docstring opened and closed on one line, then one over three lines with code after its end.
    const blanked = stripComments(['def f():', '    r"""doc"""', '    """a', 'b', 'c""" ; x = 1 # y'], 'hash', false, { docstrings: 'blank' });
    expect(blanked).toEqual(['def f():', '    r         ', '        ', ' ', '     ; x = 1 ']);
  });

  it('MATLAB: % and %{ %} comments and ... continuations dropped, strings blanked, a transpose is no string', () => {
    const lines = [
      "X = data'; % features as rows",
      '%{',
      'Mdl = fitcsvm(X, Y);',
      '%}',
      "disp('fitcknn(X, Y) 100% done'); Mdl = fitcknn(X', Y, ... train the model",
      '    "NumNeighbors", 3);',
      "s = 'it''s'; t = A(:,1)';",
    ];
    expect(stripComments(lines, 'percent')).toEqual([
      "X = data'; ",
      '',
      '',
      '',
      `disp('${' '.repeat('fitcknn(X, Y) 100% done'.length)}'); Mdl = fitcknn(X', Y, `,
      '    "            ", 3);',
      "s = '     '; t = A(:,1)';", // the doubled quote is blanked too: the line keeps its length
    ]);
    // Nested blocks close where they opened; line count is kept.
    expect(stripComments(['%{', '%{', 'a(1)', '%}', 'b(2)', '%}', 'c(3)'], 'percent')).toEqual(['', '', '', '', '', '', 'c(3)']);
  });

  it('an Objective-C .m file gives no code lines; a MATLAB one gives its code', async () => {
    const ctx = ctxOf({
      'Player.m': '#import "Player.h"\n@implementation Player\n- (void)play { train(net, batch); }\n@end\n',
      'knn.m': '% k nearest neighbours\nMdl = fitcknn(X, Y); % three neighbours\n',
    });
    expect(await ctx.facts.codeLines('Player.m')).toEqual([]);
    expect(await ctx.facts.codeLines('knn.m')).toEqual([{ text: 'Mdl = fitcknn(X, Y); ', line: 2 }]);
  });

  it('hostile: big files stay line-for-line, unclosed strings end at the file', () => {
    const big = Array.from({ length: 15000 }, (_, i) => `def f${i}(x):\n    """doc"""\n    return x  # c\n`).join('');
    expect(stripPython(big).split('\n')).toHaveLength(big.split('\n').length);
    const open = `x = """${'\\'.repeat(10_001)}\n${'"'.repeat(2)}\n# not a comment inside the string`;
    expect(stripComments(open.split('\n'), 'hash')).toEqual(open.split('\n'));
  });

  it('hostile notebooks: deep nesting, odd cells and a JSON that is no notebook are read or skipped, never thrown', async () => {
    const deep = `{"cells": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const odd = JSON.stringify({ nbformat: 4, cells: [null, 7, { cell_type: 'code', source: ['import torch\n', 42, 'x = 1'] }, { cell_type: 'markdown' }] });
    const ctx = ctxOf({ 'deep.ipynb': deep, 'odd.ipynb': odd, 'list.ipynb': '[1, 2]' });
    expect((await ctx.read('deep.ipynb'))?.cells?.map((c) => c.index)).toEqual([1]);
    expect(await ctx.facts.codeLines('odd.ipynb')).toEqual([
      { text: 'import torch', line: 1, cell: 3 },
      { text: 'x = 1', line: 2, cell: 3 },
    ]);
    expect(await ctx.read('list.ipynb')).toBeNull();
    expect(ctx.snapshot.notes).toEqual([{ path: 'list.ipynb', kind: 'unreadable', message: 'skipped: notebook is not valid JSON' }]);
    expect(ctx.facts.notebooks().map((f) => f.path)).toEqual(['deep.ipynb', 'list.ipynb', 'odd.ipynb']);
  });

  it('ctx.facts.codeLines: comments dropped, notebook code cells numbered from 1 as a reader counts them', async () => {
    const ctx = ctxOf({
      'a.py': 'import torch  # gpu\n\n# only a comment\nx = 1\n',
      'nb.ipynb': notebook([['markdown', '# Title'], ['code', 'import pandas as pd  # c\n'], ['code', '# nothing\n'], ['code', 'df = pd.read_csv("x")']]),
      'README.md': '```python\nimport torch\n```\n',
    });
    expect(await ctx.facts.codeLines('a.py')).toEqual([
      { text: 'import torch  ', line: 1 },
      { text: 'x = 1', line: 4 },
    ]);
    expect(await ctx.facts.codeLines('nb.ipynb')).toEqual([
      { text: 'import pandas as pd  ', line: 1, cell: 2 },
      { text: 'df = pd.read_csv("x")', line: 1, cell: 4 },
    ]);
    expect(await ctx.facts.codeLines('README.md')).toEqual([]);
    expect(await ctx.facts.codeLines('missing.py')).toBeNull();
  });
});
