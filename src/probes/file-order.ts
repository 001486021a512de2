/**
 * Deterministic orders over file lists, cheap on large repos. Sources list files in path order, so sorting by a small
 * integer key (depth, "typical name first") and then by path is a stable bucketing by key plus a check that each
 * bucket is in path order; only a list that fails the check is sorted in full.
 */

/** Number of path segments: "a/b.py" → 2. */
export function depthOf(path: string): number {
  let n = 1;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) n++; // native scans: a step per folder
  return n;
}

/**
 * Values grouped by key, each group in order (`valueAt` defaults to the position itself). Neighbours in path order
 * mostly share a key (a folder, an extension), so a run of equal keys costs one map lookup.
 */
export function groupRuns<K>(length: number, keyAt: (k: number) => K, valueAt: (k: number) => number = (k) => k): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  let lastKey: K | undefined;
  let last: number[] | undefined;
  for (let k = 0; k < length; k++) {
    const key = keyAt(k);
    if (last === undefined || key !== lastKey) {
      last = groups.get(key);
      if (!last) groups.set(key, (last = []));
      lastKey = key;
    }
    last.push(valueAt(k));
  }
  return groups;
}

/**
 * The positions `idx` (into a list whose paths `pathOf` gives) ordered by `keyOf` ascending, then by path (JS string
 * order), then by position.
 */
export function orderIndices(idx: ArrayLike<number>, pathOf: (i: number) => string, keyOf: (i: number) => number): Int32Array {
  const buckets = groupRuns(
    idx.length,
    (k) => keyOf(idx[k]),
    (k) => idx[k],
  );
  const out = new Int32Array(idx.length);
  let n = 0;
  for (const key of [...buckets.keys()].sort((a, b) => a - b)) {
    const b = buckets.get(key)!;
    let inOrder = true;
    for (let k = 1; k < b.length && inOrder; k++) {
      const p = pathOf(b[k - 1]);
      const q = pathOf(b[k]);
      inOrder = p < q || (p === q && b[k - 1] < b[k]);
    }
    if (!inOrder) b.sort((x, y) => (pathOf(x) < pathOf(y) ? -1 : pathOf(x) > pathOf(y) ? 1 : x - y));
    out.set(b, n);
    n += b.length;
  }
  return out;
}

/** The files ordered by `keyOf`, then by path; a new array. */
export function sortByKeyThenPath<F extends { path: string }>(files: readonly F[], keyOf: (f: F) => number): F[] {
  const all = new Int32Array(files.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const order = orderIndices(
    all,
    (i) => files[i].path,
    (i) => keyOf(files[i]),
  );
  // Not Array.from(order, ...): it grows its array as it goes (a third more than needed, and the garbage of each
  // growth) and iterates the typed array; on 94,000 files that was ~4 MB per sort (bench/README.md, mem13).
  const out = new Array<F>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = files[order[k]];
  return out;
}

/** Shallow paths first, then by path. */
export function byDepthThenPath<F extends { path: string }>(files: readonly F[]): F[] {
  return sortByKeyThenPath(files, (f) => depthOf(f.path));
}

/** The first file in byDepthThenPath order, without sorting; undefined for an empty list. */
export function shallowest<F extends { path: string }>(files: readonly F[]): F | undefined {
  let best: F | undefined;
  let bestDepth = Infinity;
  for (const f of files) {
    const d = depthOf(f.path);
    if (d < bestDepth || (d === bestDepth && f.path < best!.path)) {
      best = f;
      bestDepth = d;
    }
  }
  return best;
}
