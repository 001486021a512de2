import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';

const parse = (text: string): unknown => yaml.load(text, { schema: yaml.CORE_SCHEMA });
import { globMatcher } from '../../src/probes/context.js';
import { braceExpansions, expandBraces, globGate, globProblem, isPlainPath, MAX_BRACE_EXPANSIONS, selectFiles } from '../../src/probes/glob-gate.js';

/** Every glob the shipped rules use, so the fast paths are checked against what really runs. */
function ruleGlobs(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && /[*/]/.test(v) && !/[\\^$|]/.test(v)) out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const dir = join(import.meta.dirname, '../../rules');
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.yml') && !f.endsWith('sources.yml')) walk((parse(readFileSync(join(dir, f), 'utf8')) as { params: unknown }).params);
  }
  return [...out];
}

const PATHS = [
  'README.md', 'readme.MD', 'Dockerfile', 'Dockerfile.prod', 'docker/api.dockerfile', 'LICENSE', 'LICENSE.md', '.env', '.env.local',
  'requirements.txt', 'requirements-dev.txt', 'src/train.py', 'src/model_test.py', 'tests/test_model.py', 'notebooks/EDA.ipynb',
  'a/B.PY', 'data/raw/train.csv', 'data/x.parquet', 'models/model.pkl', 'venv/lib/python3.11/site-packages/x.py', 'env.yml',
  'environment.yaml', 'conda.conda-lock.yml', '.github/workflows/ci.yml', 'week1/assignment.ipynb', 'Week 2/hw.py', 'configs/train.yaml',
  'app.py', 'streamlit_app.py', '.py', 'a/.py', 'a.py/b', 'venv', 'a/venv', 'A/VENV/b', 'a/venvx/b', 'x/node_modules', 'Tests/Test_A.PY', 'R/model.R', 'analysis.Rmd', 'src/flux.jl', 'kaggle.json', 'archive.tar.gz', 'id_rsa', 'x/.ipynb_checkpoints/a.ipynb',
  // names against "**/*lit*"-style globs: the literal in a folder only, at the start or end of the name, mixed case
  'src/train_model.py', 'fine-tune.py', 'x/data_cleaning.py', 'Evaluate-v2.ipynb', 'feature_engineering.R', 'retrain.py', 'api/serve.py',
  'dataset/x.py', 'src/Data_Loader.py', 'x/my_dataset', '.train', 'a/retrain', 'App', 'deploy/app/y', 'api', 'q/API.md', 'İstanbul/app_İ.py', 'dİr/Data.csv',
];

describe('glob fast paths', () => {
  it('stops expanding braces past MAX_BRACE_EXPANSIONS, and picomatch alone still decides such a glob', () => {
    const t = performance.now();
    const flat = `${'{a,b}'.repeat(24)}/**`;
    const nested = `**/${'{a,{b,{c,d}}}'.repeat(20)}.py`;
    expect(braceExpansions(flat)).toBeNull();
    expect(braceExpansions(nested)).toBeNull();
    expect(expandBraces(flat)).toEqual([flat]);
    expect(braceExpansions('{a,b}'.repeat(9))).toHaveLength(512);
    expect(MAX_BRACE_EXPANSIONS).toBeLessThan(1024);
    expect(braceExpansions('{a,b}'.repeat(10))).toBeNull();
    const files = [{ path: `${'ab'.repeat(12)}/x.py` }, { path: `${'c'.repeat(24)}/x.py` }, { path: `x/${'dc'.repeat(10)}.py` }, { path: 'x/ad.txt' }];
    expect(selectFiles(files, [flat]).map((f) => f.path)).toEqual([files[0].path]);
    expect(selectFiles(files, ['**'], { exclude: [flat, nested] }).map((f) => f.path)).toEqual([files[1].path, files[3].path]);
    expect(globGate([flat], false)(files[1].path)).toBe(true);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(globProblem(flat)).toMatch(/expand to more than 1000 globs/);
    expect(globProblem('**/*.{py,ipynb}')).toBeNull();
  });

  it('expands braces, nested ones too', () => {
    expect(expandBraces('**/*.{py,ipynb}')).toEqual(['**/*.py', '**/*.ipynb']);
    expect(expandBraces('{a,b{c,d}}.x')).toEqual(['a.x', 'bc.x', 'bd.x']);
    expect(expandBraces('no-braces')).toEqual(['no-braces']);
  });

  it('the gate never rejects a path picomatch accepts', () => {
    for (const g of ruleGlobs()) {
      for (const nocase of [false, true]) {
        const full = picomatch(g, { dot: true, nocase });
        const gate = globGate([g], nocase);
        for (const p of PATHS) if (full(p)) expect(gate(p), `${g} ${p} nocase=${nocase}`).toBe(true);
      }
    }
  });

  it('selectFiles with exclude lists gives what picomatch gives', () => {
    const files = [...PATHS].sort().map((path) => ({ path }));
    const excludes = [['**/venv/**', '**/node_modules/**'], ['**/.ipynb_checkpoints/**', '**/*_test.py'], ['**/{venv,.venv}/**']];
    for (const exclude of excludes) {
      for (const nocase of [false, true]) {
        const inc = picomatch(['**/*.py', '**/*.ipynb', '**/Dockerfile*'], { dot: true, nocase });
        const exc = picomatch(exclude, { dot: true, nocase });
        const got = selectFiles(files, ['**/*.py', '**/*.ipynb', '**/Dockerfile*'], { exclude, nocase }).map((f) => f.path);
        expect(got, `${exclude} nocase=${nocase}`).toEqual(files.filter((f) => inc(f.path) && !exc(f.path)).map((f) => f.path));
      }
    }
  });

  it('selectFiles gives exactly what filtering every file gives, for every rule glob', () => {
    const files = [...PATHS].sort().map((path) => ({ path }));
    const globs = ruleGlobs();
    expect(globs.length).toBeGreaterThan(20);
    for (const g of globs) {
      for (const nocase of [false, true]) {
        const m = globMatcher([g], { nocase });
        expect(selectFiles(files, [g], { nocase }).map((f) => f.path), `${g} nocase=${nocase}`).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
      }
    }
  });

  it('name searches find a literal twice in one name, in the first and last file, at the start or end of a name', () => {
    const paths = ['ab', 'abab.py', 'x/ab/cd', 'x/cd', 'xab', 'abx', 'zzab.txt', 'ABab.PY', 'q/test_x.py', 'a_test.py', 'test_.py', '_test.py', 'test_test_.py', 'tést_x.py', 'zz/ab'];
    const files = [...paths].sort().map((path) => ({ path }));
    const globs = ['**/*ab*', '**/ab*', '**/*ab', '**/test_*.py', '**/*_test.py', '**/*ab*.py', '**/ab*.*', 'x/*b*', '**/*_*_*.py'];
    for (const g of globs) {
      for (const nocase of [false, true]) {
        const m = picomatch(g, { dot: true, nocase });
        expect(selectFiles(files, [g], { nocase }).map((f) => f.path), `${g} nocase=${nocase}`).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
      }
    }
  });

  it('beyond ASCII, with quotes and with "*.*", globs and excludes give what picomatch gives', () => {
    const paths = ['ß.py', 'ẞ.py', '\u212A.py', 'k.py', 'K.py', 'İ.py', 'i.py', 'x.ẞ', 'x.ß', 'A.', 'a/x.', 'K.Σ', 'k.σ', 'aς.py', 'aσ.py', 'tσ/x.py', 'TΣ/y.py', 'x".py', 'a/x".py', 'ab', 'xaby', '\u212A/z.py', 'venv', 'VENV/a.py', '\u212Aenv/b.py', 'a/x.\u212A'];
    const files = [...paths].sort().map((path) => ({ path }));
    const globs = ['**/*ẞ*', '**/ẞ*', '**/*k*', '**/K.*', '**/*i*', '**/*.ß', '**/*.*', '**/*.Σ', '**/*b', '**/**"', '**/"ab"*', '**/TΣ/*.py', '**/*.py', '**/*.k', '**/kenv/**', '**/venv/**', '**/*σ*', '**/k/**', '**/Σ.py'];
    const lists = [...globs.map((g) => [g]), ['**/*.Σ', '**/*b'], ['**/*.k', '**/*.py']];
    for (const list of lists) {
      for (const nocase of [false, true]) {
        const m = picomatch(list, { dot: true, nocase });
        expect(selectFiles(files, list, { nocase }).map((f) => f.path), `${list} nocase=${nocase}`).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
        expect(selectFiles(files, ['**'], { exclude: list, nocase }).map((f) => f.path), `exclude ${list} nocase=${nocase}`).toEqual(files.filter((f) => !m(f.path)).map((f) => f.path));
        expect(selectFiles(files, ['**/*.py'], { exclude: list, nocase }).map((f) => f.path), `*.py without ${list} nocase=${nocase}`).toEqual(
          files.filter((f) => picomatch('**/*.py', { dot: true, nocase })(f.path) && !m(f.path)).map((f) => f.path),
        );
      }
    }
  });

  it('classes, extglobs and alternation in globs give what picomatch gives (as globs and as excludes)', () => {
    const paths = ['ax.py', 'y.py', 'q/bx.py', 'src/b_x.py', 'src/c.py', 'xbar.py', 'zx.py', 'a|b', 'b', 'xb', 'tests', 'tests/x', 'xa.Σ', 'Xa.Σ', 'data/TESTS/t.py', 'a|b/c.py', 'q/z.py'];
    const files = [...paths].sort().map((path) => ({ path }));
    const globs = ['**/*{[abcd]x,y}.py', '**/{[abcd]_*,zz}.py', '**/*{@(foo|bar),baz}.py', '**/{!(abcd)x,y}.py', '**/*a|b*', '**/tests/**/{x,*}', '**/*a.Σ', '**/?(x){?,*}', '**/tests/**/*.py', '**/a|b/**', '**/q|z/**', '!**/*.py', '!**/tests/**'];
    for (const g of globs) {
      for (const nocase of [false, true]) {
        const m = picomatch(g, { dot: true, nocase });
        expect(selectFiles(files, [g], { nocase }).map((f) => f.path), `${g} nocase=${nocase}`).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
        expect(selectFiles(files, ['**'], { exclude: [g], nocase }).map((f) => f.path), `exclude ${g} nocase=${nocase}`).toEqual(files.filter((f) => !m(f.path)).map((f) => f.path));
      }
    }
  });

  it('a literal folder a glob requires narrows the search, never what it matches; a leading "./" is read as picomatch reads it', () => {
    const paths = [
      'lib', 'a/lib', 'lib/python', 'lib/python3/x.py', 'venv/lib', 'venv/lib/python3', 'venv/lib/python3.11/site-packages/x.py', 'env/LIB/Python/x',
      '.venv/lib/python/y', 'x/envs/lib/pythonista', 'tests', 'tests.py', 'x/tests', 'tests/a.py', 'a/tests/b/c.py', 'TESTS/d.PY', 'src/lib.py', 'lib.py/x',
    ];
    const files = [...paths].sort().map((path) => ({ path }));
    const globs = [
      '**/*env*/lib/python*/**', '**/tests/**/*.py', '**/tests/**/*', '**/tests/*', 'a/lib/**', '**/lib/*', '**/lib/?', 'lib/**/x*', '**/lib/**/*',
      '**/lib/python/**', 'venv/lib/**/*.py', '**/lib/**', '**/lib/?*', '**/lib/*/**', '**/lib/{python*,x}/**',
      // picomatch reads a leading "./" as nothing
      './lib/*', '././lib/*', './**/*.py', './tests/**',
    ];
    for (const g of globs) {
      for (const nocase of [false, true]) {
        const m = picomatch(g, { dot: true, nocase });
        expect(selectFiles(files, [g], { nocase }).map((f) => f.path), `${g} nocase=${nocase}`).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
        expect(selectFiles(files, ['**'], { exclude: [g], nocase }).map((f) => f.path), `exclude ${g} nocase=${nocase}`).toEqual(files.filter((f) => !m(f.path)).map((f) => f.path));
      }
    }
  });
});

describe('selectFiles shares equal selections', () => {
  const files = [
    ...Array.from({ length: 1500 }, (_, i) => ({ path: `pkg/m${String(i).padStart(4, '0')}.py` })),
    { path: 'README.md' },
    { path: 'vendor/lib.py' },
  ];

  it('gives one array for the same files under other globs or excludes, and others for other files', () => {
    const py = selectFiles(files, ['pkg/**/*.py']);
    expect(py).toHaveLength(1500);
    // The same 1,500 files: another glob, an exclude that removes nothing here.
    expect(selectFiles(files, ['pkg/*.py'])).toBe(py);
    expect(selectFiles(files, ['**/*.py'], { exclude: ['vendor/**'] })).toBe(py);
    // Other files, or as many files but not the same ones: their own arrays, with their own content.
    const all = selectFiles(files, ['**/*.py']);
    expect(all).toHaveLength(1501);
    expect(all).not.toBe(py);
    const shifted = selectFiles(files, ['**/*.py'], { exclude: ['pkg/m0000.py'] });
    expect(shifted).toHaveLength(1500);
    expect(shifted).not.toBe(py);
    expect(shifted.map((f) => f.path)).toEqual(all.map((f) => f.path).filter((p) => p !== 'pkg/m0000.py'));
    expect(py.map((f) => f.path)).toEqual(files.slice(0, 1500).map((f) => f.path));
  });
});

describe('"**/*" on plain paths', () => {
  it('a plain path is one picomatch matches with "**/*" (dot files, either case), and selections agree with picomatch', () => {
    const exact = picomatch('**/*', { dot: true });
    const exactNocase = picomatch('**/*', { dot: true, nocase: true });
    let seed = 3;
    // mulberry32: the low bits of a plain LCG repeat too soon to give many distinct paths.
    const rnd = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const parts = ['a', 'b', 'src', 'x.py', 'a.', ' ', '\u212A', '\u0130', '*', '\\', '.', '..', '...', '.a', '', '\n', '\r', '\u2028', '\u2029'];
    const paths = new Set<string>(['', '.', '..', 'a', '/a', 'a/', 'a//b', './a', 'a/./b', 'a/../b', 'a\nb', 'a\n/b']);
    for (let k = 0; k < 3000; k++) paths.add(Array.from({ length: 1 + rnd(4) }, () => parts[rnd(parts.length)]).join(rnd(4) ? '/' : ''));
    let plain = 0;
    for (const p of paths) {
      if (isPlainPath(p)) {
        plain++;
        expect(exact(p), JSON.stringify(p)).toBe(true);
        expect(exactNocase(p), JSON.stringify(p)).toBe(true);
      }
    }
    expect(plain).toBeGreaterThan(300);
    // A listing never holds a path that ends in "/" (the gate and picomatch read such a one differently).
    const files = [...paths].filter((p) => !p.endsWith('/')).map((path) => ({ path }));
    for (const nocase of [false, true]) {
      const m = nocase ? exactNocase : exact;
      expect(selectFiles(files, ['**/*'], { nocase }).map((f) => f.path)).toEqual(files.filter((f) => m(f.path)).map((f) => f.path));
      const ex = picomatch(['**/a/**', '**/*.py'], { dot: true, nocase });
      expect(selectFiles(files, ['**/*'], { nocase, exclude: ['**/a/**', '**/*.py'] }).map((f) => f.path)).toEqual(
        files.filter((f) => m(f.path) && !ex(f.path)).map((f) => f.path),
      );
    }
  });
});
