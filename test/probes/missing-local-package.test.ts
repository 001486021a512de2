import { describe, expect, it } from 'vitest';
import { localModuleNames, missingLocalPackage } from '../../src/probes/missing-local-package.js';
import { scanLines } from '../../src/facts/code-lines.js';

function check(text: string, paths: string[]) {
  const file = { path: 'app.py', text };
  return missingLocalPackage(
    scanLines(file, 'code'),
    localModuleNames(paths.map((path) => ({ path, size: 10 }))),
  );
}

describe('an import of a local package the repository does not have (code that cannot start)', () => {
  it('finds `from utils.x import` when the modules were uploaded flat beside the app', () => {
    const app = 'import joblib\nfrom fastapi import FastAPI\nfrom utils.model_loader import select_model\napp = FastAPI()\n';
    expect(check(app, ['app.py', 'model_loader.py', 'inference.py'])).toEqual({ name: 'utils', line: 3 });
  });

  it('finds `import src.features` and `from helpers import x` when nothing of that name is in the repo', () => {
    expect(check('import src.features as f\n', ['app.py'])).toEqual({ name: 'src', line: 1 });
    expect(check('from helpers import clean\n', ['app.py', 'notebooks/eda.ipynb'])).toEqual({ name: 'helpers', line: 1 });
  });

  it('accepts the package as a folder at any depth or as a module file', () => {
    expect(check('from utils.model_loader import select_model\n', ['app.py', 'utils/model_loader.py'])).toBeNull();
    expect(check('from utils.model_loader import select_model\n', ['app.py', 'backend/utils/model_loader.py'])).toBeNull();
    expect(check('from utils import select_model\n', ['app.py', 'utils.py'])).toBeNull();
  });

  it('ignores installed packages, indented imports (a try: fallback, a function) and comments', () => {
    expect(check('from sklearn.metrics import f1_score\nfrom fastapi import FastAPI\n', ['app.py'])).toBeNull();
    expect(check('try:\n    from utils.x import y\nexcept ImportError:\n    y = None\n', ['app.py'])).toBeNull();
    expect(check('def f():\n    from src.x import y\n', ['app.py'])).toBeNull();
    expect(check('# from utils.x import y\n', ['app.py'])).toBeNull();
  });
});

describe('localModuleNames', () => {
  /** What it computed before it skipped a folder's repeated files and matched names in place. */
  const naive = (paths: string[]): Set<string> => {
    const names = new Set<string>();
    for (const path of paths) {
      const parts = path.split('/');
      for (let i = 0; i < parts.length - 1; i++) names.add(parts[i]!);
      const m = /^([A-Za-z_]\w*)\.(?:py|pyi|so|pyd)$/.exec(parts[parts.length - 1]!);
      if (m) names.add(m[1]!);
    }
    return names;
  };

  it('gives every folder name at any depth and every module file name, sorted list or not, odd paths included', () => {
    let seed = 5;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const parts = ['utils', 'src', 'a', 'ab', '', 'x.py', 'y.pyi', 'z.so', 'w.pyd', '1x.py', 'a.b.py', '_m.py', 'M2.PY', 'lib.pyx'];
    for (let round = 0; round < 300; round++) {
      const paths = Array.from({ length: rnd(12) }, () => Array.from({ length: 1 + rnd(4) }, () => parts[rnd(parts.length)]).join('/'));
      if (round % 2) paths.sort();
      expect([...localModuleNames(paths.map((path) => ({ path, size: 1 })))].sort()).toEqual([...naive(paths)].sort());
    }
  });

  it('is made once per file list', () => {
    const files = [{ path: 'utils/a.py', size: 1 }];
    expect(localModuleNames(files)).toBe(localModuleNames(files));
    expect(localModuleNames([...files])).not.toBe(localModuleNames(files));
  });
});
