import { describe, expect, it } from 'vitest';
import { reachOf } from '../../src/probes/code-reach.js';
import { freeInputs } from '../../src/probes/call-inputs.js';
import { pythonFacts, mentionsIn } from '../../src/probes/python-facts.js';
import { pythonLines } from '../../src/probes/python-lines.js';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { loadRules } from '../../src/rules/load.js';
import { codeProbe, type CodeParams } from '../../src/probes/code.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const ctxOf = (files: Record<string, string>) => createProbeContext(memorySnapshot({ files }), NOW);
const facts = (text: string) => pythonFacts({ path: 'a.py', text });

function notebook(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((src) => ({ cell_type: 'code', source: src, metadata: {}, outputs: [], execution_count: null })),
  });
}

/** Which of the given Python files something runs or imports. */
async function reachedOf(files: Record<string, string>): Promise<string[]> {
  const r = await reachOf(ctxOf(files));
  expect(r.judged).toBe(true);
  return Object.keys(files).filter((p) => p.endsWith('.py') && r.reached(p)).sort();
}

describe('python lines: logical lines without a parser', () => {
  it('joins bracket and backslash continuations, drops comments, keeps docstrings out of the code', () => {
    const src = 'x = f(a,\n      b)  # note\n"""\nUsage: python train.py\n"""\ny = 1 + \\\n    2\n';
    const lines = pythonLines(src);
    expect(lines.map((l) => [l.start, l.end, l.code.replace(/\s+/g, ' ')])).toEqual([
      [1, 2, 'x = f(a, b) '],
      [3, 5, '" "'],
      [6, 7, 'y = 1 + 2'],
    ]);
    expect(lines[1]!.strings[0]).toContain('python train.py');
  });

  it('an unbalanced bracket swallows a bounded number of lines, not the file', () => {
    const src = 'x = (\n' + 'a,\n'.repeat(500) + 'model.fit(X, y)\n';
    const lines = pythonLines(src);
    expect(lines.length).toBeGreaterThan(1);
  });
});

describe('python facts', () => {
  it('imports: absolute, aliased, relative, parenthesised, star', () => {
    const f = facts('import os, src.models.train as tm\nfrom . import utils\nfrom ..data.load import (\n    load_csv,\n    split as sp,\n)\nfrom helpers import *\n');
    expect(f.imports).toEqual([
      { module: 'os', level: 0, names: [] },
      { module: 'src.models.train', level: 0, names: [] },
      { module: '', level: 1, names: ['utils'] },
      { module: 'data.load', level: 2, names: ['load_csv', 'split'] },
      { module: 'helpers', level: 0, names: [] },
    ]);
    expect([...f.bound].sort()).toEqual(expect.arrayContaining(['os', 'tm', 'utils', 'load_csv', 'sp']));
    expect(f.openNames).toBe(true);
  });

  it('a script does work at top level; a module of imports, definitions and constants does not', () => {
    expect(facts('import pandas as pd\ndf = pd.read_csv("x.csv")\n').topLevelCall).toBe(true);
    expect(facts('Q[s, a] = Q[s, a] + alpha * (r - Q[s, a])\n').topLevelCall).toBe(true);
    expect(facts('for epoch in range(3):\n    step()\n').topLevelCall).toBe(true);
    const module = '"""Helpers."""\nimport numpy as np\nLR = 0.01\nCLASSES = ["cat", "dog"]\nModel = np.ndarray\n\ndef train(m):\n    m.fit(X, y)\n\nclass Net:\n    layer = build()\n';
    expect(facts(module).topLevelCall).toBe(false);
    expect(facts('def main():\n    run()\n\nif __name__ == "__main__":\n    main()\n').mainGuard).toBe(true);
  });

  it('top-level functions and where their bodies end; decorators noted', () => {
    const f = facts('import x\n\ndef _unused():\n    a = 1\n\n    b = 2\n@app.get("/")\ndef root():\n    return 1\nrun()\n');
    expect(f.defs).toEqual([
      { name: '_unused', start: 3, end: 6, decorated: false },
      { name: 'root', start: 8, end: 9, decorated: true },
    ]);
  });

  it('bindings: tuples, loops, with/except targets, parameters, lambdas, annotations, walrus, globals', () => {
    const f = facts(
      '(X_train,\n X_test) = split(X)\nfor i, (xb, yb) in enumerate(loader): pass\nwith open(p) as fh: pass\ndef f(model, data=None, *args, **kw): pass\ng = lambda u, v: u\nn: int = 3\nif (m := 2): pass\nself.attr = 1\n',
    );
    for (const n of ['X_train', 'X_test', 'i', 'xb', 'yb', 'fh', 'f', 'model', 'data', 'args', 'kw', 'g', 'u', 'v', 'n', 'm']) expect(f.bound.has(n), n).toBe(true);
    expect(f.bound.has('attr')).toBe(false);
    expect(f.bound.has('loader')).toBe(false);
  });

  it('mentions: script paths, -m modules, module:attr targets, dotted strings', () => {
    expect(mentionsIn('python src/train.py --epochs 3 && python -m pkg.evaluate; uvicorn app.main:app --port 80; streamlit run ./app.py.')).toEqual([
      'src/train.py',
      'module:pkg.evaluate',
      'module:app.main',
      'app.py',
    ]);
    expect(mentionsIn('web: gunicorn server:app')).toEqual(['module:server']);
  });
});

describe('real inputs: a call on names the file never binds', () => {
  const at = (line: string, call: string, file = line) => {
    const i = line.indexOf(call);
    return freeInputs(line, i, i + call.length, facts(file));
  };
  it('print(accuracy_score(a, b)) alone computes nothing', () => {
    expect(at('print(accuracy_score(a, b))', 'accuracy_score(')).toEqual(['a', 'b']);
  });
  it('bound names, expressions and literal data are real inputs; literal keywords are options', () => {
    expect(at('print(accuracy_score(a, b))', 'accuracy_score(', 'a, b = load()\nprint(accuracy_score(a, b))')).toBeNull();
    expect(at('print(accuracy_score(y_test, clf.predict(X_test)))', 'accuracy_score(')).toBeNull();
    expect(at('df = pd.read_csv("data.csv")', 'read_csv(')).toBeNull();
    expect(at('cross_val_score(clf, X, y, cv=5, scoring="f1")', 'cross_val_score(')).toEqual(['clf', 'X', 'y']);
  });
  it('not judged: a call continued on the next line, a definition, a call without inputs, names from a star import', () => {
    expect(at('score = accuracy_score(a,', 'accuracy_score(')).toBeNull();
    expect(at('def evaluate_model(model, X):', 'evaluate_model(')).toBeNull();
    expect(at('scaler = StandardScaler()', 'StandardScaler(')).toBeNull();
    expect(at('print(accuracy_score(a, b))', 'accuracy_score(', 'from prep import *\nprint(accuracy_score(a, b))')).toBeNull();
  });
  it('notebooks: a name bound in another cell is bound', () => {
    const nb = pythonFacts({ path: 'n.ipynb', text: '', cells: [{ index: 0, type: 'code', source: 'a, b = y_true, y_pred' }, { index: 1, type: 'code', source: 'accuracy_score(a, b)' }] });
    expect(freeInputs('accuracy_score(a, b)', 0, 15, nb)).toBeNull();
  });
});

describe('code that is reached', () => {
  it('entry points: notebooks, __main__ scripts, top-level scripts; a module of definitions nothing imports is not reached', async () => {
    const files = {
      'explore.ipynb': notebook(['import pandas as pd']),
      'train.py': 'import pandas as pd\ndf = pd.read_csv("data.csv")\n',
      'cli.py': 'def main():\n    pass\n\nif __name__ == "__main__":\n    main()\n',
      'keywords.py': '# pipeline\ndef _unused():\n    df = pd.read_csv("data.csv")\n',
    };
    expect(await reachedOf(files)).toEqual(['cli.py', 'train.py']);
  });

  it('imports reach modules: absolute, src/ layout by the end of the path, relative, from-package, and their __init__', async () => {
    const files = {
      'main.py': 'from src.models.train import train_model\nimport features\nif __name__ == "__main__":\n    train_model()\n',
      'src/__init__.py': '',
      'src/models/__init__.py': '',
      'src/models/train.py': 'from .utils import seed\nfrom .. import metrics\n\ndef train_model():\n    seed()\n',
      'src/models/utils.py': 'def seed():\n    pass\n',
      'src/metrics.py': 'def rmse(a, b):\n    pass\n',
      'lib/features.py': 'def build():\n    pass\n',
      'lib/orphan.py': 'def build():\n    pass\n',
    };
    expect(await reachedOf(files)).toEqual(['lib/features.py', 'main.py', 'src/__init__.py', 'src/metrics.py', 'src/models/__init__.py', 'src/models/train.py', 'src/models/utils.py']);
  });

  it('files named by commands: README, Makefile, Dockerfile, Procfile, console scripts, shell lines of a notebook', async () => {
    const defOnly = 'def main():\n    pass\n';
    const files = {
      'README.md': 'Run `python scripts/prepare.py` then `make train`.\n',
      'Makefile': 'train:\n\tpython -m pipeline.train\n',
      'Dockerfile': 'FROM python:3.11\nCMD ["uvicorn", "api.server:app"]\n',
      'Procfile': 'worker: python worker.py\n',
      'pyproject.toml': '[project.scripts]\nchurn-eval = "tools.evaluate:main"\n',
      'run.ipynb': notebook(['!python scripts/report.py', '%run scripts/plots.py', '%%bash\ncd scripts\npython export.py\n']),
      'scripts/prepare.py': defOnly,
      'pipeline/train.py': defOnly,
      'api/server.py': defOnly,
      'worker.py': defOnly,
      'tools/evaluate.py': defOnly,
      'scripts/report.py': defOnly,
      'scripts/plots.py': defOnly,
      'scripts/export.py': defOnly,
      'scripts/unused.py': defOnly,
    };
    const got = await reachedOf(files);
    expect(got).toEqual(['api/server.py', 'pipeline/train.py', 'scripts/export.py', 'scripts/plots.py', 'scripts/prepare.py', 'scripts/report.py', 'tools/evaluate.py', 'worker.py']);
  });

  it('dead functions: a top-level function named nowhere in reached code; not a decorated one, not one named in another cell or file', async () => {
    const files = {
      'main.py': 'import helpers\n\ndef _unused():\n    pass\n\n@app.get("/")\ndef root():\n    pass\n\ndef used():\n    pass\n\nif __name__ == "__main__":\n    helpers.run(used)\n',
      'helpers.py': 'def run(f):\n    f()\n\ndef recursive():\n    recursive()\n',
      'old.py': 'def run_old():\n    recursive()\n',
    };
    const r = await reachOf(ctxOf(files));
    expect(r.deadAt('main.py', 4, undefined)?.name).toBe('_unused');
    expect(r.deadAt('main.py', 8, undefined)).toBeNull();
    expect(r.deadAt('main.py', 11, undefined)).toBeNull();
    expect(r.deadAt('helpers.py', 2, undefined)).toBeNull();
    // Called only by itself and by a file nothing runs: dead.
    expect(r.deadAt('helpers.py', 5, undefined)?.name).toBe('recursive');
  });

  it('functions reached by a name built at run time: only private ones can be dead', async () => {
    const files = {
      'cli.py': 'import fire\n\ndef train():\n    pass\n\ndef _unused():\n    pass\n\nif __name__ == "__main__":\n    fire.Fire()\n',
      'nn.py': 'def evaluate():\n    pass\n\nmodel.eval()\n',
    };
    const r = await reachOf(ctxOf(files));
    expect(r.deadAt('cli.py', 4)).toBeNull();
    expect(r.deadAt('cli.py', 7)?.name).toBe('_unused');
    // `model.eval()` is a method, not the builtin: without fire.Fire, evaluate() would be dead.
    const plain = await reachOf(ctxOf({ 'nn.py': files['nn.py'] }));
    expect(plain.deadAt('nn.py', 2)?.name).toBe('evaluate');
  });

  it('a Hydra config names the module to instantiate; a serverless handler names its file', async () => {
    const defOnly = 'class Net:\n    pass\n';
    const files = {
      'configs/model/net.yaml': '_target_: src.models.net.Net\nlr: 0.001\n',
      'serverless.yml': 'functions:\n  predict:\n    handler: handler.main\n',
      'src/models/net.py': defOnly,
      'handler.py': 'def main(event, context):\n    pass\n',
      'src/models/other.py': defOnly,
    };
    expect(await reachedOf(files)).toEqual(['handler.py', 'src/models/net.py']);
  });

  it('a packaged library: every package module is reached, only private functions can be dead', async () => {
    const files = {
      'setup.py': 'from setuptools import setup, find_packages\nsetup(name="x", packages=find_packages())\n',
      'mylib/__init__.py': '',
      'mylib/metrics.py': 'def rmse(a, b):\n    pass\n\ndef _helper():\n    pass\n',
    };
    const r = await reachOf(ctxOf(files));
    expect(r.reached('mylib/metrics.py')).toBe(true);
    expect(r.deadAt('mylib/metrics.py', 2)).toBeNull();
    expect(r.deadAt('mylib/metrics.py', 5)?.name).toBe('_helper');
  });

  it('R, Julia and JavaScript files are not judged: always reached', async () => {
    const r = await reachOf(ctxOf({ 'a.py': 'x = f()\n', 'analysis.R': 'fit <- lm(y ~ x)\n', 'src/model.jl': 'train!(m)\n', 'web/app.js': 'model.fit(xs, ys)\n' }));
    for (const p of ['analysis.R', 'src/model.jl', 'web/app.js']) expect(r.reached(p)).toBe(true);
  });

  it('a binary file named .py is skipped, not a reason to judge nothing; test functions are never dead', async () => {
    const snap = memorySnapshot({ files: { 'config.py': new Uint8Array([0x00, 0x01, 0x02, 0x61, 0x00]), 'train.py': 'x = f()\n', 'lib.py': 'def g():\n    pass\n', 'tests/test_x.py': 'def test_x():\n    assert True\n' } });
    const r = await reachOf(createProbeContext(snap, NOW));
    expect(r.judged).toBe(true);
    expect(r.reached('lib.py')).toBe(false);
    expect(r.deadAt('tests/test_x.py', 2)).toBeNull();
  });

  it('a code file that could not be read: judged without it, named as unread, and itself tried (reached)', async () => {
    const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 61234567\n';
    const snap = memorySnapshot({ files: { 'main.py': lfs, 'keywords.py': 'def _unused():\n    model.fit(X_train, y_train)\n', 'run.py': 'x = f()\n' } });
    const r = await reachOf(createProbeContext(snap, NOW));
    expect(r.judged).toBe(true);
    expect(r.unread).toEqual(['main.py']);
    expect(r.reached('main.py')).toBe(true);
    // main.py may import keywords.py, but nothing read does: not reached here (the rule is then not measurable).
    expect(r.reached('keywords.py')).toBe(false);
    expect(r.reached('run.py')).toBe(true);
    // A file over the size cap does not count towards the bytes limit: one huge file never switches the judgement off.
    const huge = memorySnapshot({ files: { 'weights.py': 'W = [' + '1, '.repeat(6_000_000) + ']\n', 'keywords.py': 'def _unused():\n    model.fit(X_train, y_train)\n', 'run.py': 'x = f()\n' } });
    const h = await reachOf(createProbeContext(huge, NOW));
    expect(h.judged).toBe(true);
    expect(h.unread).toEqual(['weights.py']);
    expect(h.reached('keywords.py')).toBe(false);
  });

  it('fails open: too many Python files, or too much Python to scan, and everything counts', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 601; i++) files[`m${i}.py`] = 'def f():\n    pass\n';
    const r = await reachOf(ctxOf(files));
    expect(r.judged).toBe(false);
    expect(r.reached('m1.py')).toBe(true);
    // More than 16 MB of Python: not judged either (the scan stays within a few seconds).
    const big: Record<string, string> = { 'main.py': 'x = f()\n' };
    for (let i = 0; i < 17; i++) big[`gen/m${i}.py`] = 'X = 1\n'.repeat(166_000); // each under the 1 MiB read cap
    expect((await reachOf(ctxOf(big))).judged).toBe(false);
  });
});

describe('code behind a constant test', () => {
  const guarded = async (files: Record<string, string>, path: string, lines: number[], cell?: number) => {
    const r = await reachOf(ctxOf(files));
    return lines.map((l) => r.guardedAt(path, l, cell));
  };
  const trainPy = (guard: string) =>
    `${guard}\n\ndef train(df):\n    log("start")\n    if WEAK_MODE:\n        log("skip")\n        return None\n    model.fit(X_train, y_train)\n    return model\n\nif __name__ == "__main__":\n    train(load())\n`;

  it('a flag bound once to True in a config module it imports: the rest of the function after `if FLAG: return` never runs', async () => {
    const files = { 'src/config.py': 'WEAK_MODE = True  # local laptop\n', 'src/train.py': trainPy('from src.config import WEAK_MODE') };
    const [header, before, inGuard, after, last, main] = await guarded(files, 'src/train.py', [3, 4, 6, 8, 9, 12]);
    // A statement before the guard: the function does something, its def line stands.
    expect([header, before, inGuard, main]).toEqual([null, null, null, null]);
    expect(after).toBe('after an early return that always runs (WEAK_MODE = True)');
    expect(last).toBe(after);
    // Bound in the file itself, and a relative import through a re-exporting package: the same.
    expect((await guarded({ 'train.py': trainPy('WEAK_MODE = 1') }, 'train.py', [8]))[0]).toBe('after an early return that always runs (WEAK_MODE = 1)');
    const pkg = { 'app/settings.py': 'WEAK_MODE = True\n', 'app/__init__.py': 'from .settings import WEAK_MODE\n', 'app/train.py': trainPy('from app import WEAK_MODE') };
    expect((await guarded(pkg, 'app/train.py', [8]))[0]).toMatch(/early return that always runs/);
  });

  it('literal tests: if True / if 1 / if not False return early; a raise too; an inline body too', async () => {
    for (const t of ['True', '1', 'not False']) {
      const src = `def run():\n    if ${t}:\n        return\n    model.fit(X, y)\n\nrun()\n`;
      expect((await guarded({ 'a.py': src }, 'a.py', [4]))[0]).toBe(`after an early return that always runs (\`if ${t}:\`)`);
      // The guard is its first statement: the def line is no sign of the stage either.
      expect((await guarded({ 'a.py': src }, 'a.py', [1]))[0]).toBe(`a function that does nothing: it opens with an early return that always runs (\`if ${t}:\`)`);
    }
    const doc = 'FLAG = True\n\ndef run():\n    """Train the model."""\n    if FLAG:\n        return\n    model.fit(X, y)\n\nrun()\n';
    expect((await guarded({ 'a.py': doc }, 'a.py', [3]))[0]).toBe('a function that does nothing: it opens with an early return that always runs (FLAG = True)');
    const raise = 'def run():\n    if True: raise SystemExit("off")\n    model.fit(X, y)\n\nrun()\n';
    expect((await guarded({ 'a.py': raise }, 'a.py', [3]))[0]).toBe('after an early raise that always runs (`if True:`)');
  });

  it('the mirror case: an if False / if DEBUG (DEBUG = False) body never runs; an else after an always-true if never runs', async () => {
    const src =
      'DEBUG = False\n\ndef run():\n    if DEBUG:\n        model.fit(X, y)\n    elif other():\n        model.fit(X, y)\n    if False: model.fit(X, y)\n    if 0:\n        model.fit(X, y)\n    if not DEBUG:\n        a = 1\n    else:\n        model.fit(X, y)\n    model.fit(X, y)\n\nrun()\n';
    const [dbg, elif, inline, zero, live, els, after] = await guarded({ 'a.py': src }, 'a.py', [5, 7, 8, 10, 12, 14, 15]);
    expect(dbg).toBe('inside `if DEBUG:`, which never runs (DEBUG = False)');
    expect(elif).toBeNull();
    expect(inline).toBe('inside `if False:`, which never runs');
    expect(zero).toBe('inside `if 0:`, which never runs');
    expect(live).toBeNull();
    expect(els).toBe('in the `else` after `if not DEBUG:`, which always runs (DEBUG = False)');
    expect(after).toBeNull();
  });

  it('never guessed: a flag read from the environment or argv, reassigned, a parameter, set on its module, or set by name', async () => {
    const cases: Array<Record<string, string>> = [
      { 'config.py': 'import os\nWEAK_MODE = os.getenv("WEAK_MODE") == "1"\n', 'train.py': trainPy('from config import WEAK_MODE') },
      { 'config.py': 'import sys\nWEAK_MODE = "--weak" in sys.argv\n', 'train.py': trainPy('from config import WEAK_MODE') },
      { 'config.py': 'WEAK_MODE = True\nif on_colab():\n    WEAK_MODE = False\n', 'train.py': trainPy('from config import WEAK_MODE') },
      { 'config.py': 'WEAK_MODE = True\n\ndef full():\n    global WEAK_MODE\n    WEAK_MODE = False\n', 'train.py': trainPy('from config import WEAK_MODE') },
      { 'train.py': trainPy('WEAK_MODE = True').replace('def train(df):', 'def train(df, WEAK_MODE=False):') },
      { 'config.py': 'WEAK_MODE = True\n', 'train.py': trainPy('from config import WEAK_MODE'), 'main.py': 'import config\nconfig.WEAK_MODE = False\n' },
      { 'config.py': 'WEAK_MODE = True\n', 'train.py': trainPy('from config import WEAK_MODE'), 'load.py': 'import config, yaml\nfor k, v in yaml.safe_load(open("c.yml")).items():\n    setattr(config, k, v)\n' },
      { 'config.py': 'from defaults import *\nWEAK_MODE = True\n', 'train.py': trainPy('from config import WEAK_MODE') },
      // Two modules named config: which one is imported is not known.
      { 'a/config.py': 'WEAK_MODE = True\n', 'b/config.py': 'WEAK_MODE = False\n', 'train.py': trainPy('from config import WEAK_MODE') },
    ];
    for (const files of cases) expect((await guarded(files, 'train.py', [8]))[0], JSON.stringify(files)).toBeNull();
    // A test patching the flag does not make the shipped pipeline run.
    const patched = { 'config.py': 'WEAK_MODE = True\n', 'train.py': trainPy('from config import WEAK_MODE'), 'tests/test_train.py': 'def test_full(monkeypatch):\n    monkeypatch.setattr("config.WEAK_MODE", False)\n' };
    expect((await guarded(patched, 'train.py', [8]))[0]).toMatch(/early return/);
  });

  it('only a guard among the function body\'s own statements ends it: not one in a loop, a try or another if', async () => {
    const src =
      'FLAG = True\n\ndef a():\n    for x in xs:\n        if FLAG:\n            return\n    model.fit(X, y)\n\ndef b():\n    try:\n        if FLAG:\n            raise ValueError()\n    except ValueError:\n        model.fit(X, y)\n\ndef c():\n    if FLAG:\n        log()\n    model.fit(X, y)\n\na()\nb()\nc()\n';
    expect(await guarded({ 'a.py': src }, 'a.py', [7, 14, 19])).toEqual([null, null, null]);
  });

  it('notebooks: a flag cell, then a guarded function in another cell', async () => {
    const nb = notebook(['FAST = True', 'def train():\n    if FAST:\n        return None\n    model.fit(X_train, y_train)', 'train()']);
    expect((await guarded({ 'a.ipynb': nb, 'x.py': 'x = f()\n' }, 'a.ipynb', [4], 2))[0]).toBe('after an early return that always runs (FAST = True)');
  });

  it('bounded: thousands of nested and sequential constant ifs stay fast and exact', async () => {
    const deep = 'def f():\n' + Array.from({ length: 400 }, (_, i) => `${' '.repeat(4 * (i + 1))}if False:\n`).join('') + `${' '.repeat(1604)}x = 1\n`;
    const flat = 'def g():\n' + '    if False:\n        x = 1\n'.repeat(5_000) + '    y = 2\n\nf()\ng()\n';
    const r = await reachOf(ctxOf({ 'a.py': deep + flat }));
    expect(r.guardedAt('a.py', 3)).toBe('inside `if False:`, which never runs');
    expect(r.guardedAt('a.py', 402 + 2 + 10_000)).toBeNull();
    expect(r.guardedAt('a.py', 402 + 3)).toBe('inside `if False:`, which never runs');
  });
});

describe('the stage rules count reached code with real inputs only', () => {
  const rules = loadRules();
  const stageRule = (stage: string) => rules.rules.find((r) => r.id === `stage-${stage}`)!;
  const score = async (files: Record<string, string>, stage: string) => (await codeProbe.run(stageRule(stage).params as CodeParams, ctxOf(files))).score;

  it('the dead keyword file and the one-line eval.py count for nothing, and say why', async () => {
    const keywords = "def _unused():\n    X = StandardScaler().fit_transform(X)\n    print(accuracy_score(y_test, model.predict(X_test)))\n    app = FastAPI()\n";
    const r = await codeProbe.run(stageRule('evaluation').params as CodeParams, ctxOf({ 'nb.ipynb': notebook(['import pandas as pd']), 'keywords.py': keywords }));
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/not counted: matches in code that never runs/);
    expect(r.evidence[0]!.detail).toMatch(/nothing runs or imports keywords\.py/);
    const e = await codeProbe.run(stageRule('evaluation').params as CodeParams, ctxOf({ 'eval.py': 'print(accuracy_score(a, b))\n' }));
    expect(e.score).toBe(0);
    expect(e.evidence[0]!.detail).toMatch(/`a`, `b` never defined in this file/);
  });

  it('a pipeline behind an always-taken early return counts for nothing, and says why; the same guard on an env flag counts', async () => {
    const train = 'import pandas as pd\nfrom config import WEAK_MODE\n\ndef main():\n    if WEAK_MODE:\n        return None\n    df = pd.read_csv("data/churn.csv")\n    X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="y"), df.y)\n    model = RandomForestClassifier().fit(X_train, y_train)\n    print(accuracy_score(y_test, model.predict(X_test)))\n\nif __name__ == "__main__":\n    main()\n';
    const r = await codeProbe.run(stageRule('evaluation').params as CodeParams, ctxOf({ 'config.py': 'WEAK_MODE = True\n', 'train.py': train }));
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/early return that always runs/);
    expect(r.evidence[0]!.detail).toMatch(/^not counted: after an early return that always runs \(WEAK_MODE = True\) — /);
    // Training keeps only the weak sign of a file named train.py.
    for (const stage of ['data', 'training']) expect(await score({ 'config.py': 'WEAK_MODE = True\n', 'train.py': train }, stage)).toBeLessThan(0.5);
    const env = { 'config.py': 'import os\nWEAK_MODE = os.environ.get("WEAK_MODE") == "1"\n', 'train.py': train };
    for (const stage of ['data', 'training', 'evaluation']) expect(await score(env, stage)).toBeGreaterThanOrEqual(0.5);
  });

  it('the same calls count once something runs them with data', async () => {
    const keywords = 'import pandas as pd\n\ndef evaluate(model, X_test, y_test):\n    print(accuracy_score(y_test, model.predict(X_test)))\n    print(classification_report(y_test, model.predict(X_test)))\n';
    const main = 'from keywords import evaluate\nif __name__ == "__main__":\n    evaluate(load("model.pkl"), *load_test("data/test.csv"))\n';
    expect(await score({ 'keywords.py': keywords, 'main.py': main }, 'evaluation')).toBe(1);
    expect(await score({ 'keywords.py': keywords }, 'evaluation')).toBe(0);
  });
});
