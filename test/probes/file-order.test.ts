import { describe, expect, it } from 'vitest';
import { byDepthThenPath, depthOf, orderIndices, sortByKeyThenPath } from '../../src/probes/file-order.js';

describe('sortByKeyThenPath', () => {
  it('orders by key, then path, then position, in a new array of exactly the files', () => {
    let seed = 5;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const parts = ['a', 'b', 'src', 'Z', 'é', 'x.py', 'train.py'];
    for (let round = 0; round < 30; round++) {
      const files = Array.from({ length: rnd(80) }, () => ({ path: Array.from({ length: 1 + rnd(4) }, () => parts[rnd(parts.length)]).join('/') }));
      if (round % 2) files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
      const key = (f: { path: string }) => f.path.length % 3;
      const expected = files
        .map((f, i) => ({ f, i }))
        .sort((x, y) => key(x.f) - key(y.f) || (x.f.path < y.f.path ? -1 : x.f.path > y.f.path ? 1 : x.i - y.i))
        .map((x) => x.f);
      const got = sortByKeyThenPath(files, key);
      expect(got).not.toBe(files);
      expect(got).toHaveLength(files.length);
      got.forEach((f, i) => expect(f).toBe(expected[i]));
      expect(byDepthThenPath(files).map((f) => depthOf(f.path))).toEqual(files.map((f) => depthOf(f.path)).sort((a, b) => a - b));
    }
  });
});

describe('orderIndices', () => {
  it('orders positions by key, then path, then position, whatever the order and repeats of the positions given', () => {
    let seed = 9;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 40; round++) {
      const paths = Array.from({ length: 1 + rnd(50) }, () => ['a', 'b/c', 'B', 'a/b', 'z.py'][rnd(5)]!);
      const idx = Array.from({ length: rnd(70) }, () => rnd(paths.length));
      if (round % 3 === 0) idx.sort((a, b) => a - b);
      const keys = paths.map(() => [3, -1, 0, 2.5, 1e9][rnd(round % 2 ? 2 : 5)]!);
      const expected = idx
        .map((i, k) => ({ i, k }))
        .sort((x, y) => keys[x.i]! - keys[y.i]! || (paths[x.i]! < paths[y.i]! ? -1 : paths[x.i]! > paths[y.i]! ? 1 : x.i - y.i))
        .map((x) => x.i);
      expect([...orderIndices(idx, (i) => paths[i]!, (i) => keys[i]!)]).toEqual(expected);
    }
  });
});
