import { describe, expect, it } from 'vitest';
import { unboundAlias } from '../../src/probes/unbound-alias.js';
import { pythonFacts } from '../../src/probes/python-facts.js';
import { scanLines } from '../../src/facts/code-lines.js';

function check(text: string) {
  const file = { path: 'app.py', text };
  return unboundAlias(scanLines(file, 'code'), pythonFacts(file));
}

describe('unbound module alias (code that cannot run)', () => {
  it('finds a call through pd in a file that never imports pandas', () => {
    const hit = check('import joblib\nmodel = joblib.load("m.pkl")\ndef predict(d):\n    x = pd.DataFrame([d])\n    return model.predict(x)\n');
    expect(hit).toEqual({ name: 'pd', line: 4 });
  });

  it('accepts the alias once it is imported, assigned or a parameter', () => {
    expect(check('import pandas as pd\nx = pd.DataFrame([])\n')).toBeNull();
    expect(check('from x import y\npd = load_lib()\nx = pd.DataFrame([])\n')).toBeNull();
    expect(check('def f(np):\n    return np.zeros(3)\n')).toBeNull();
  });

  it('ignores names that are not module aliases, uses in strings and comments, and files that may bind names out of sight', () => {
    expect(check('x = helper.run(3)\n')).toBeNull();
    expect(check('print("use pd.DataFrame(rows)")\n# pd.read_csv(x)\n')).toBeNull();
    expect(check('from utils import *\nx = pd.DataFrame([])\n')).toBeNull();
  });

  it('does not count an attribute of another object (df.np.sum, self.pd.x)', () => {
    expect(check('import numpy\nx = self.np.zeros(3)\n')).toBeNull();
  });
});
