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
  // Counted into place in typed arrays, not grouped into arrays that grow as they go: on 94,000 files those arrays
  // were megabytes of garbage per order, each past 16,000 entries a large object that only a full collection frees
  // (bench/README.md, mem13). Runs of equal keys (neighbours in path order) cost one map lookup.
  const n = idx.length;
  const keys = new Float64Array(n);
  const counts = new Map<number, number>();
  for (let k = 0; k < n; ) {
    const key = keyOf(idx[k]);
    keys[k] = key;
    let j = k + 1;
    for (; j < n; j++) {
      const next = keyOf(idx[j]);
      if (next !== key) break;
      keys[j] = next;
    }
    counts.set(key, (counts.get(key) ?? 0) + (j - k));
    k = j;
  }
  const starts = new Map<number, number>();
  const ranges: Array<[number, number]> = [];
  let at = 0;
  for (const key of [...counts.keys()].sort((a, b) => a - b)) {
    starts.set(key, at);
    ranges.push([at, (at += counts.get(key)!)]);
  }
  const out = new Int32Array(n);
  for (let k = 0; k < n; ) {
    const key = keys[k];
    let pos = starts.get(key)!;
    let j = k;
    // A run of equal keys (as above; NaN, never equal to itself, is a run of one).
    for (; j < n && (j === k || keys[j] === key); j++) out[pos++] = idx[j];
    starts.set(key, pos);
    k = j;
  }
  for (const [from, to] of ranges) {
    let inOrder = true;
    for (let k = from + 1; k < to && inOrder; k++) {
      const p = pathOf(out[k - 1]);
      const q = pathOf(out[k]);
      inOrder = p < q || (p === q && out[k - 1] < out[k]);
    }
    if (!inOrder) out.subarray(from, to).sort((x, y) => (pathOf(x) < pathOf(y) ? -1 : pathOf(x) > pathOf(y) ? 1 : x - y));
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
