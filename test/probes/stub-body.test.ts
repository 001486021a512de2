import { describe, expect, it } from 'vitest';
import { scanLines } from '../../src/facts/code-lines.js';
import { bareCallName, importsName, isStubDef, matchIsDefName } from '../../src/probes/stub-body.js';

const lines = (text: string) => scanLines({ path: 'metrics.py', text }, 'code');
const stub = (text: string) => isStubDef(lines(text), 0);

describe('isStubDef: a def that does none of its work', () => {
  it('a docstring, TODO comments and raise NotImplementedError; pass; ...; a one-line pass', () => {
    expect(stub('def compute_bleu(p, r):\n    """BLEU.\n\n    Returns: a dict.\n    """\n    # TODO: sacrebleu\n    raise NotImplementedError("later")\n')).toBe(true);
    expect(stub('def clean(df):\n    pass\n')).toBe(true);
    expect(stub('def clean(df):\n    """Clean."""\n    ...\n')).toBe(true);
    expect(stub('def clean(df): pass\n')).toBe(true);
    expect(stub('def evaluate(self) -> dict[str, float]:\n    """Eval."""\n    raise NotImplemented\n')).toBe(true);
  });

  it('gamed: a constant before the raise, a log line, a constant metrics dict returned, work before an unconditional raise', () => {
    expect(stub('def compute_bleu(p, r):\n    x = 1\n    raise NotImplementedError\n')).toBe(true);
    expect(stub('def evaluate(m, v):\n    logger.info("eval")\n    return {"bleu": 0.0, "rouge": [0, 1]}\n')).toBe(true);
    expect(stub('def evaluate(m, v):\n    preds = m.predict(v)\n    raise NotImplementedError("metrics")\n')).toBe(true);
    expect(stub('def evaluate(m, v):\n    print("todo")\n    return None\n')).toBe(true);
  });

  it('near misses: a dispatcher that returns before raising for the rest, a real body, a computed return', () => {
    expect(stub('def make(kind):\n    if kind == "a":\n        return A()\n    raise NotImplementedError(kind)\n')).toBe(false);
    expect(stub('def make(kind):\n    if kind == "a": return None\n    raise NotImplementedError(kind)\n')).toBe(false);
    expect(stub('def make(kind):\n    if kind == "lgbm":\n        raise NotImplementedError("later")\n    return Naive()\n')).toBe(false);
    expect(stub('def normalize(x):\n    return (x - x.mean()) / x.std()\n')).toBe(false);
    expect(stub('def encode(self, texts):\n    """Tokenize."""\n    return self.tok(texts, truncation=True)\n')).toBe(false);
    expect(stub('def scale(x, mu, sd):\n    z = (x - mu) / sd\n    return z\n')).toBe(false);
  });

  it('a multi-line header is judged by the body after it; a line that is no def is not judged', () => {
    expect(stub('def compute_bleu(\n    predictions: list[str],\n    references: list[str],\n) -> dict[str, float]:\n    """BLEU."""\n    raise NotImplementedError\n')).toBe(true);
    expect(stub('x = compute_bleu(p, r)\n')).toBeNull();
  });

  it('a bracket inside a string literal of the header does not hold the header open (block-header.ts)', () => {
    expect(stub('def split(text, sep="(", n=1):\n    raise NotImplementedError\n')).toBe(true);
    expect(stub('def split(text, sep=")"):\n    return text.split(sep)\n')).toBe(false);
  });
});

describe('the names a match is about', () => {
  it('a def line matched at its own name is a definition; a match elsewhere on it is not', () => {
    expect(matchIsDefName('def compute_bleu(p, r):', 4)).toBe(true);
    expect(matchIsDefName('    async def evaluate(self):', 14)).toBe(true);
    expect(matchIsDefName('def f(metrics=accuracy_score(a, b)):', 14)).toBe(false);
    expect(matchIsDefName('compute_bleu(p, r)', 0)).toBe(false);
  });

  it('the first bare call of a matched text, and whether a file imports a name by name', () => {
    expect(bareCallName('compute_bleu(preds, refs)')).toBe('compute_bleu');
    expect(bareCallName('model.evaluate(x_test, y_test)')).toBeNull();
    expect(importsName(lines('from src.metrics import compute_bleu, evaluate\n'), 'evaluate')).toBe(true);
    expect(importsName(lines('import src.metrics\n'), 'evaluate')).toBe(false);
  });
});
