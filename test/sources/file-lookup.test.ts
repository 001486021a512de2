import { describe, expect, it } from 'vitest';
import { fileByPath } from '../../src/sources/file-lookup.js';
import { comparePaths, isSortedByPath } from '../../src/sources/path-order.js';

const entries = (paths: string[]) => paths.map((path, i) => ({ path, size: i }));

describe('fileByPath', () => {
  it('finds a file of a sorted listing by its path and nothing for a folder, a prefix or a missing path', () => {
    const files = entries(['README.md', 'src/a.py', 'src/b/c.py', 'src/b.py', 'train.py'].sort(comparePaths));
    const get = fileByPath(files);
    for (const f of files) expect(get(f.path)).toBe(f);
    expect(get('src')).toBeUndefined();
    expect(get('src/b')).toBeUndefined();
    expect(get('src/a')).toBeUndefined();
    expect(get('zzz.py')).toBeUndefined();
    expect(get('')).toBeUndefined();
    expect(fileByPath([])('a')).toBeUndefined();
  });

  it('returns the file itself, so a size filled in later is seen', () => {
    const files = entries(['a.py', 'b.png']);
    const get = fileByPath(files);
    files[1]!.size = 12345;
    expect(get('b.png')?.size).toBe(12345);
  });

  it('answers as a Map of the listing does, sorted or not, with duplicates (the later file) and astral characters', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const parts = ['a', 'B', 'src', 'ä', '\u{1F600}', '\uFF21', '_', 'x.py', 'y.ipynb'];
    for (let round = 0; round < 40; round++) {
      const paths = Array.from({ length: 1 + rnd(60) }, () => Array.from({ length: 1 + rnd(3) }, () => parts[rnd(parts.length)]).join('/'));
      const files = entries(round % 2 ? paths : [...new Set(paths)].sort(comparePaths));
      const map = new Map(files.map((f) => [f.path, f]));
      const get = fileByPath(files);
      for (const p of [...paths, 'nope', 'src/', 'a/b']) expect(get(p)).toBe(map.get(p));
    }
  });

  it('keeps one lookup per listing', () => {
    const files = entries(['a', 'b']);
    expect(fileByPath(files)).toBe(fileByPath(files));
    expect(fileByPath([...files])).not.toBe(fileByPath(files));
  });
});

describe('isSortedByPath', () => {
  it('answers as comparePaths over every neighbour does: ascending, no repeats, astral characters against U+E000-U+FFFF', () => {
    const naive = (paths: string[]) => paths.every((p, i) => i === 0 || comparePaths(paths[i - 1]!, p) < 0);
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // "\u{1F600}" is two surrogates (below "\uFF21" in UTF-16 order, above it in code point order).
    const parts = ['a', 'B', 'src', '\u{1F600}', '\uFF21', '\uE000', '_', 'x.py', '\uD800'];
    let sortedSeen = 0;
    for (let round = 0; round < 400; round++) {
      let paths = Array.from({ length: 1 + rnd(8) }, () => Array.from({ length: 1 + rnd(3) }, () => parts[rnd(parts.length)]).join('/'));
      if (round % 3 === 0) paths = [...new Set(paths)].sort(comparePaths);
      else if (round % 3 === 1) paths = [...paths].sort(); // UTF-16 order: differs where astral meets U+E000-U+FFFF
      const want = naive(paths);
      if (want) sortedSeen++;
      expect(isSortedByPath(entries(paths))).toBe(want);
    }
    expect(sortedSeen).toBeGreaterThan(100);
    expect(isSortedByPath(entries(['\uFF21', '\u{1F600}']))).toBe(true);
    expect(isSortedByPath(entries(['\u{1F600}', '\uFF21']))).toBe(false);
    expect(isSortedByPath(entries(['a', 'a']))).toBe(false);
    expect(isSortedByPath([])).toBe(true);
  });
});
