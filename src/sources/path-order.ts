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

const SURROGATES = /[\uD800-\uDFFF]/;
const sortedLists = new WeakMap<ReadonlyArray<{ path: string }>, boolean>();

/**
 * Whether `files` is sorted by comparePaths with no path twice (as every source lists it), checked once per list: the
 * lookups over a listing (file-lookup.ts, the README's file references) each asked this of the same 100,000 files.
 * Without UTF-16 surrogates on either side, JavaScript's own string order is comparePaths': one native comparison.
 * A listing is not reordered once made.
 */
export function isSortedByPath(files: ReadonlyArray<{ path: string }>): boolean {
  let sorted = sortedLists.get(files);
  if (sorted === undefined) {
    sorted = true;
    let prevPlain = true;
    for (let i = 1; i < files.length && sorted; i++) {
      const a = files[i - 1]!.path;
      const b = files[i]!.path;
      if (i === 1) prevPlain = !SURROGATES.test(a);
      const plain = !SURROGATES.test(b);
      sorted = plain && prevPlain ? a < b : comparePaths(a, b) < 0;
      prevPlain = plain;
    }
    sortedLists.set(files, sorted);
  }
  return sorted;
}
