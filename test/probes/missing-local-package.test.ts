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
