import { describe, expect, it } from 'vitest';
import { bottom, decodeFingerprints, encodeFingerprints, fileFingerprints, kgramHashes, winnow } from '../../src/probes/winnow.js';

/** A deterministic pseudo-random sequence (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tokensOf = (n: number, seed: number, alphabet = ['V', '(', ')', '=', '.', ',', 'N', 'S', 'def', 'return', 'for', 'in', ':']): string[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]!);
};

/** Winnowing as the paper states it: the minimum of every window, by brute force. */
function naiveWinnow(h: Uint32Array, w: number): Set<number> {
  const out = new Set<number>();
  const ww = Math.min(w, h.length);
  for (let i = 0; i + ww <= h.length; i++) out.add(Math.min(...h.subarray(i, i + ww)));
  return out;
}

describe('kgramHashes', () => {
  it('one hash per k consecutive tokens; equal k-grams hash equal wherever they are', () => {
    const t = ['a', 'b', 'c', 'd', 'a', 'b', 'c'];
    const h = kgramHashes(t, 3);
    expect(h.length).toBe(5);
    expect(h[0]).toBe(h[4]); // a b c at 0 and 4
    expect(new Set(h).size).toBe(4);
    expect(kgramHashes(['a', 'b'], 3).length).toBe(0);
  });

  it('the rolling hash equals the hash of each k-gram computed on its own', () => {
    const t = tokensOf(500, 1);
    const rolled = kgramHashes(t, 24);
    for (const i of [0, 1, 17, 200, 476]) expect(rolled[i]).toBe(kgramHashes(t.slice(i, i + 24), 24)[0]);
  });
});

describe('winnow', () => {
  it('picks the same values as the brute-force definition', () => {
    for (const seed of [1, 2, 3]) {
      const h = kgramHashes(tokensOf(2000, seed), 12);
      for (const w of [1, 4, 8, 16]) expect([...winnow(h, w)].sort()).toEqual([...naiveWinnow(h, w)].sort());
    }
    expect([...winnow(new Uint32Array([5, 3, 9]), 8)]).toEqual([3]);
    expect(winnow(new Uint32Array(0), 8).size).toBe(0);
  });

  it('any shared run of k + window − 1 tokens gives a shared fingerprint (the guarantee)', () => {
    const k = 24;
    const w = 8;
    for (const seed of [5, 6, 7, 8]) {
      const shared = tokensOf(k + w - 1, seed);
      const a = [...tokensOf(300, seed + 100), ...shared, ...tokensOf(300, seed + 200)];
      const b = [...tokensOf(50, seed + 300), ...shared];
      const fa = winnow(kgramHashes(a, k), w);
      expect([...winnow(kgramHashes(b, k), w)].some((x) => fa.has(x))).toBe(true);
    }
  });

  it('keeps about 2 / (window + 1) of the k-gram hashes of varied code', () => {
    const h = kgramHashes(tokensOf(20_000, 9), 24);
    const density = winnow(h, 8).size / h.length;
    expect(density).toBeGreaterThan(0.15);
    expect(density).toBeLessThan(0.3);
  });
});

describe('fileFingerprints', () => {
  const code = Array.from({ length: 60 }, (_, i) => `def f${i}(a, b):\n    c = a * ${i} + b\n    return [x for x in c if x > ${i}]\n`).join('\n');
  const params = { k: 24, window: 8, maxPerFile: 64 };

  it('the smallest maxPerFile distinct values, ascending, deterministic', () => {
    const fp = fileFingerprints(code, 'python', params);
    expect(fp.length).toBeLessThanOrEqual(64);
    expect(fp).toEqual([...fp].sort((a, b) => a - b));
    expect(new Set(fp).size).toBe(fp.length);
    expect(fileFingerprints(code, 'python', params)).toEqual(fp);
    // A renamed, reformatted copy has the same fingerprints.
    const retyped = code.replace(/\bf(\d+)\b/g, 'g$1').replace(/ {4}/g, '  ').replace(/\bc\b/g, 'tmp');
    expect(fileFingerprints(retyped, 'python', params)).toEqual(fp);
  });

  it('bottom-k sketches nest: a smaller cap keeps a prefix of a larger one', () => {
    const big = fileFingerprints(code, 'python', { ...params, maxPerFile: 200 });
    expect(fileFingerprints(code, 'python', params)).toEqual(big.slice(0, 64));
    expect(bottom([3, 1, 2], 2)).toEqual([1, 2]);
  });

  it('too few tokens for one k-gram: no fingerprints', () => {
    expect(fileFingerprints('x = 1\n', 'python', params)).toEqual([]);
  });

  it('hostile input of 1 MB (one token repeated, one huge token) gives at most one fingerprint', () => {
    expect(fileFingerprints('x '.repeat(512 * 1024), 'python', params).length).toBe(1);
    expect(fileFingerprints('x'.repeat(1024 * 1024), 'python', params)).toEqual([]);
    expect(fileFingerprints('(x)\n'.repeat(256 * 1024), 'python', params).length).toBeLessThanOrEqual(4);
  });

  it('the catalogue form round-trips and skips anything that is not 8 hex digits', () => {
    const fp = fileFingerprints(code, 'python', params);
    expect(decodeFingerprints(encodeFingerprints(fp))).toEqual(fp);
    expect(encodeFingerprints([0, 255, 0xffffffff])).toBe('00000000 000000ff ffffffff');
    expect(decodeFingerprints('000000ff zz 123 0000000g ffffffff')).toEqual([255, 0xffffffff]);
  });
});
