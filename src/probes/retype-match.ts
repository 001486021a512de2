/**
 * Matches a repository's content fingerprints (winnow.ts) against the catalogue's: which catalogued source shares the
 * largest part of the repository's code fingerprints, and which of the repository's files match which of its files.
 * Pure data in, data out; the `fingerprints` probe reads the files and turns the match into a finding.
 */
import { decodeFingerprints, type WinnowParams } from './winnow.js';

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

export interface ContentIndex {
  params: WinnowParams;
  files: Array<{ source: number; path: string; count: number }>;
  /** Fingerprint → indices into `files` holding it. */
  byHash: Map<number, number[]>;
}

export function indexContent(content: ContentCatalogue): ContentIndex {
  const files: ContentIndex['files'] = [];
  const byHash = new Map<number, number[]>();
  for (const [source, path, fps] of content.files) {
    const values = decodeFingerprints(fps);
    const fi = files.length;
    files.push({ source, path, count: values.length });
    for (const h of values) {
      const list = byHash.get(h);
      if (!list) byHash.set(h, [fi]);
      else if (list[list.length - 1] !== fi) list.push(fi);
    }
  }
  return { params: { k: content.k, window: content.window, maxPerFile: content.maxPerFile }, files, byHash };
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
  /** The source's file it shares the most fingerprints with. */
  theirs: string;
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
    const hits = index.byHash.get(h);
    if (!hits) continue;
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
  const pairs: FilePair[] = [];
  for (const f of repo) {
    const counts = new Map<number, number>();
    for (const h of new Set(f.fingerprints)) {
      for (const fi of index.byHash.get(h) ?? []) if (index.files[fi]!.source === source) counts.set(fi, (counts.get(fi) ?? 0) + 1);
    }
    let best = -1;
    let bestCount = 0;
    for (const [fi, c] of counts) {
      if (c > bestCount || (c === bestCount && fi < best)) [best, bestCount] = [fi, c];
    }
    if (best >= 0 && bestCount >= minPairShared) pairs.push({ path: f.path, theirs: index.files[best]!.path, shared: bestCount, of: f.fingerprints.length });
  }
  pairs.sort((a, b) => b.shared - a.shared || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { source, matched, total: all.size, share: all.size ? matched / all.size : 0, pairs };
}
