/**
 * Matches a repository's content fingerprints (winnow.ts) against the catalogue's: which catalogued source shares the
 * largest part of the repository's code fingerprints, and which of the repository's files match which of its files.
 * Pure data in, data out; the `fingerprints` probe reads the files and turns the match into a finding.
 */
import type { WinnowParams } from './winnow.js';

/** The content part of a fingerprint catalogue (rules/fingerprints.json `content`). */
export interface ContentCatalogue extends WinnowParams {
  /** How the fingerprints were made, in words. */
  method: string;
  /** code-tokens.ts TOKENISER_VERSION the fingerprints were made with. */
  tokeniser: number;
  /** Fingerprints kept per source at most. */
  maxPerSource: number;
  /** [source index, path in the source, fingerprints as 8-hex-digit values separated by spaces]. */
  files: Array<[number, string, string]>;
}

/**
 * The catalogue's content fingerprints indexed for lookups, in typed arrays: the distinct fingerprints sorted, and for
 * each the catalogue files holding it. A Map of 31,000 fingerprints to arrays of file indices held ~4 MB of the audit
 * worker's heap for the whole audit and made ~10 MB of garbage to build; these arrays are ~0.3 MB (bench/README.md,
 * mem13). Nothing here depends on the catalogue's size or content.
 */
export interface ContentIndex {
  params: WinnowParams;
  files: Array<{ source: number; path: string; count: number }>;
  /** The distinct fingerprints, ascending. */
  hashes: Uint32Array;
  /** `holders.subarray(starts[i], starts[i + 1])`: the indices into `files` holding `hashes[i]`, ascending, once each. */
  starts: Uint32Array;
  holders: Uint32Array;
}

const NONE = new Uint32Array(0);

/** The indices into `index.files` of the catalogue files holding fingerprint `h` (ascending, once each); empty when none. */
export function holdersOf(index: ContentIndex, h: number): Uint32Array {
  const { hashes } = index;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < hashes.length && hashes[lo] === h ? index.holders.subarray(index.starts[lo]!, index.starts[lo + 1]!) : NONE;
}

/** A hex digit's value (0-9, a-f: the catalogue's lower case only), or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * decodeFingerprints (winnow.ts) into `out` from position `at`, without a string or array per fingerprint: the values
 * of the space-separated parts that are exactly 8 lower-case hex digits, in order. Returns the position after the
 * last and how many parts decodeFingerprints takes: it also takes "-" and 7 hex digits, the first not 0 (a negative
 * number printed back the same), which no repository fingerprint (unsigned 32 bits) can match, so not indexed.
 */
function decodeInto(s: string, out: Uint32Array, at: number): { at: number; parts: number } {
  let parts = 0;
  let start = 0;
  while (start <= s.length) {
    let end = s.indexOf(' ', start);
    if (end < 0) end = s.length;
    if (end - start === 8) {
      const negative = s.charCodeAt(start) === 45 && hexDigit(s.charCodeAt(start + 1)) > 0;
      let v = 0;
      let i = negative ? start + 1 : start;
      for (; i < end; i++) {
        const d = hexDigit(s.charCodeAt(i));
        if (d < 0) break;
        v = v * 16 + d;
      }
      if (i === end) {
        parts++;
        if (!negative) out[at++] = v;
      }
    }
    start = end + 1;
  }
  return { at, parts };
}

export function indexContent(content: ContentCatalogue): ContentIndex {
  const files: ContentIndex['files'] = [];
  // Every (fingerprint, file) pair, then sorted by fingerprint and file: the holders of a fingerprint are a run.
  let pairHash = new Uint32Array(1024);
  let pairFile = new Uint32Array(1024);
  let n = 0;
  for (const [source, path, fps] of content.files) {
    const fi = files.length;
    // At most one fingerprint per 9 characters ("0123abcd "): room for them all before decoding.
    const most = Math.ceil((fps.length + 1) / 9);
    if (n + most > pairHash.length) {
      const size = Math.max(2 * pairHash.length, n + most);
      const h = new Uint32Array(size);
      const f = new Uint32Array(size);
      h.set(pairHash.subarray(0, n));
      f.set(pairFile.subarray(0, n));
      pairHash = h;
      pairFile = f;
    }
    const first = n;
    const decoded = decodeInto(fps, pairHash, n);
    n = decoded.at;
    pairFile.fill(fi, first, n);
    files.push({ source, path, count: decoded.parts });
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => pairHash[a]! - pairHash[b]! || pairFile[a]! - pairFile[b]!);
  let distinct = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    const q = i ? order[i - 1]! : -1;
    if (i && pairHash[p] === pairHash[q]) {
      if (pairFile[p] !== pairFile[q]) kept++;
    } else {
      distinct++;
      kept++;
    }
  }
  const hashes = new Uint32Array(distinct);
  const starts = new Uint32Array(distinct + 1);
  const holders = new Uint32Array(kept);
  let d = -1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    const q = i ? order[i - 1]! : -1;
    if (i && pairHash[p] === pairHash[q]) {
      if (pairFile[p] === pairFile[q]) continue;
    } else {
      hashes[++d] = pairHash[p]!;
      starts[d] = k;
    }
    holders[k++] = pairFile[p]!;
  }
  starts[distinct] = k;
  return { params: { k: content.k, window: content.window, maxPerFile: content.maxPerFile }, files, hashes, starts, holders };
}

export interface RepoFileFingerprints {
  path: string;
  fingerprints: readonly number[];
  /** How much code the file holds: distinct k-grams of its normalised tokens (a repeated line counts once), when known. */
  tokens?: number;
}

interface FilePair {
  /** The repository's file. */
  path: string;
  /** The source's file it shares the most fingerprints with: its path, and its index into ContentIndex.files. */
  theirs: string;
  file: number;
  shared: number;
  /** The repository file's fingerprints. */
  of: number;
}

export interface RetypeMatch {
  source: number;
  /** Distinct fingerprints of the repository's code found in the source, and all of them. */
  matched: number;
  total: number;
  share: number;
  /** Repository files that share at least `minPairShared` fingerprints with one source file, most shared first. */
  pairs: FilePair[];
}

/**
 * The source sharing the most of the repository's distinct code fingerprints (ties: the lower source index), with
 * the file pairs; null when no fingerprint matches. `minPairShared`: fingerprints a file pair must share to be listed.
 */
export function bestRetypeMatch(index: ContentIndex, repo: readonly RepoFileFingerprints[], minPairShared = 3): RetypeMatch | null {
  const all = new Set<number>();
  for (const f of repo) for (const h of f.fingerprints) all.add(h);
  const perSource = new Map<number, number>();
  for (const h of all) {
    const hits = holdersOf(index, h);
    let last = -1;
    const seen: number[] = [];
    for (const fi of hits) {
      const s = index.files[fi]!.source;
      if (s === last || seen.includes(s)) continue;
      seen.push((last = s));
      perSource.set(s, (perSource.get(s) ?? 0) + 1);
    }
  }
  if (!perSource.size) return null;
  const [source, matched] = [...perSource.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  return { source, matched, total: all.size, share: all.size ? matched / all.size : 0, pairs: filePairs(index, repo, source, minPairShared) };
}

/**
 * Each repository file paired with the file of `source` it shares the most fingerprints with (ties: the lower file
 * index), when they share at least `minPairShared`; most shared first. Only the fingerprints `counts` keeps count.
 */
function filePairs(index: ContentIndex, repo: readonly RepoFileFingerprints[], source: number, minPairShared: number, counts: (h: number) => boolean = () => true): FilePair[] {
  const pairs: FilePair[] = [];
  for (const f of repo) {
    const shared = new Map<number, number>();
    for (const h of new Set(f.fingerprints)) {
      if (!counts(h)) continue;
      for (const fi of holdersOf(index, h)) if (index.files[fi]!.source === source) shared.set(fi, (shared.get(fi) ?? 0) + 1);
    }
    let best = -1;
    let bestCount = 0;
    for (const [fi, c] of shared) {
      if (c > bestCount || (c === bestCount && fi < best)) [best, bestCount] = [fi, c];
    }
    if (best >= 0 && bestCount >= minPairShared) pairs.push({ path: f.path, theirs: index.files[best]!.path, file: best, shared: bestCount, of: f.fingerprints.length });
  }
  return pairs.sort((a, b) => b.shared - a.shared || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The match `m` without what the source files `skip` hold (a project template's scaffold): the repository's
 * fingerprints that the source holds but none of those files, and the file pairs counted on those alone (a pair's
 * `of` stays the repository file's fingerprints, so "retyped whole" still means half of the file). A fingerprint the
 * scaffold holds does not count even where another file of the source holds it too: the template's research
 * notebooks repeat its configuration manager.
 */
export function matchBeyond(index: ContentIndex, repo: readonly RepoFileFingerprints[], m: RetypeMatch, skip: ReadonlySet<number>, minPairShared = 3): RetypeMatch {
  if (!skip.size) return m;
  const beyond = (h: number): boolean => {
    let held = false;
    for (const fi of holdersOf(index, h)) {
      if (index.files[fi]!.source !== m.source) continue;
      if (skip.has(fi)) return false;
      held = true;
    }
    return held;
  };
  const all = new Set<number>();
  for (const f of repo) for (const h of f.fingerprints) all.add(h);
  let matched = 0;
  for (const h of all) if (beyond(h)) matched++;
  return { ...m, matched, share: m.total ? matched / m.total : 0, pairs: filePairs(index, repo, m.source, minPairShared, beyond) };
}
