/** Byte order of the UTF-8 encodings, i.e. code point order (plain `<` compares UTF-16 units). */
export function comparePaths(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && x < 0xe000) x += 0x10000;
      if (y >= 0xd800 && y < 0xe000) y += 0x10000;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** First position in `files` (sorted by comparePaths) whose path is >= key: a binary search. */
export function lowerBoundPath(files: ReadonlyArray<{ path: string }>, key: string): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePaths(files[mid].path, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
