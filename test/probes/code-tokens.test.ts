import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, normalisedTokens, tokenLanguageOf } from '../../src/probes/code-tokens.js';

const py = (s: string): string => normalisedTokens(s, 'python').join(' ');

describe('normalisedTokens (content fingerprints)', () => {
  it('maps identifiers, strings and numbers to placeholders and keeps keywords and punctuation', () => {
    expect(py('def train(df, epochs=10):\n    return fit(df, "x", epochs)\n')).toBe('def V ( V , V = N ) : return V ( V , S , V )');
    expect(py('x = 1.5e-3 + 0x1F + .5\n')).toBe('V = N + N + N');
    expect(py('self.model = None\n')).toBe('self . V = None');
  });

  it('drops comments, docstrings, imports, notebook magics and whitespace', () => {
    const a = [
      '"""Module docstring."""',
      'import numpy as np',
      'from sklearn.linear_model import (',
      '    LogisticRegression,',
      ')',
      '%matplotlib inline',
      '!pip install pandas',
      'def f(x):  # the function',
      "    '''Docstring",
      "    over lines.'''",
      '    # a comment',
      '    return x + 1',
    ].join('\n');
    expect(py(a)).toBe('def V ( V ) : return V + N');
  });

  it('keeps a string that is part of a statement (only lone strings are docstrings)', () => {
    expect(py('x = "a"\nprint("b")\n"c"\n')).toBe('V = S V ( S )');
    expect(py('def f():\n    "doc"; return 1\n')).toBe('def V ( ) : return N');
  });

  it('renaming, reformatting, re-quoting and rewrapping give the same tokens', () => {
    const original = [
      'def compute_loss(predictions, targets, weight=0.5):',
      '    # mean squared error with a weight',
      "    diff = predictions - targets  # residuals",
      "    return weight * (diff ** 2).mean() + helper(targets, 'l2',)",
    ].join('\n');
    const retyped = [
      'def loss_fn(p, t, w = 0.5):',
      '  d = p-t',
      '  return w*(d**2).mean() + helper(',
      '      t,',
      '      "l2",',
      '  )',
    ].join('\n');
    expect(py(retyped)).toBe(py(original));
    expect(py(original)).toBe('def V ( V , V , V = N ) : V = V - V return V * ( V * * N ) . V ( ) + V ( V , S )');
  });

  it('string prefixes, escapes, triple quotes and line continuations', () => {
    expect(py('a = f"{x}" + rb\'\\\'\' + """x\n"y"\n"""\n')).toBe('V = S + S + S');
    expect(py('total = a + \\\n    b\n')).toBe('V = V + V');
    expect(py('x = "unterminated\ny = 2\n')).toBe('V = S V = N');
  });

  it('R and Julia: their comments, imports, braces and names', () => {
    expect(normalisedTokens('library(dplyr)\n# note\nmy.df <- read.csv("a.csv") # read\nif (x > 1) { y <- TRUE }\n', 'r').join(' ')).toBe(
      'V < - V ( S ) if ( V > N ) { V < - TRUE }',
    );
    expect(normalisedTokens('using Flux\n#= block\ncomment =#\nfunction f(x)\n  push!(a, x)\nend\n', 'julia').join(' ')).toBe('function V ( V ) V ( V , V ) end');
  });

  it('picks the language from the extension', () => {
    expect(['a.py', 'b.ipynb', 'c.R', 'd.r', 'e.jl', 'f.js', 'g.md', 'Makefile'].map(tokenLanguageOf)).toEqual(['python', 'python', 'r', 'r', 'julia', null, null, null]);
  });

  it('is deterministic', () => {
    const text = 'class A:\n    def f(self, x):\n        return [i * 2 for i in x if i]\n';
    expect(normalisedTokens(text, 'python')).toEqual(normalisedTokens(text, 'python'));
  });

  describe('hostile input (1 MB) is read in one pass and bounded', () => {
    const MB = 1024 * 1024;
    it('one identifier of 1 MB is one token', () => {
      expect(normalisedTokens('a'.repeat(MB), 'python')).toEqual(['V']);
    });
    it('1 MB of one short token repeated stops at MAX_TOKENS', () => {
      const toks = normalisedTokens('a '.repeat(MB / 2), 'python');
      expect(toks.length).toBe(MAX_TOKENS);
      expect(new Set(toks)).toEqual(new Set(['V']));
    });
    it('unterminated strings, comments, brackets and backslashes', () => {
      expect(normalisedTokens('"""' + 'x'.repeat(MB), 'python')).toEqual([]);
      expect(normalisedTokens('#' + '"'.repeat(MB), 'python')).toEqual([]);
      expect(normalisedTokens('('.repeat(MB), 'python').length).toBe(MAX_TOKENS);
      expect(normalisedTokens('\\'.repeat(MB), 'python').length).toBe(MAX_TOKENS);
      expect(normalisedTokens("'".repeat(MB), 'python').length).toBeLessThanOrEqual(MAX_TOKENS);
      expect(normalisedTokens('#=' + '='.repeat(MB), 'julia')).toEqual([]);
      expect(normalisedTokens('1e-'.repeat(MB / 3), 'python').length).toBeLessThanOrEqual(MAX_TOKENS);
    });
  });
});
