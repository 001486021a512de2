/**
 * `fingerprints` probe: is the repo a copy of a widely copied course or template repository? Two checks against the
 * catalogue in rules/fingerprints.json (built by script/build-fingerprints.ts from snapshots of those repositories;
 * ids, paths and hashes only):
 *
 * - byte-identical files: the snapshot's git blob ids (RepoSnapshot.blobIds: `git ls-files -s`, GitHub tree oids)
 *   against the catalogue's `blobs`. Score 1 − shared / `need` for the source sharing the most files (default need 3:
 *   three identical distinctive files are a copy). Not measured when the source does not know blob ids.
 * - a retype (the same code renamed, reformatted, uncommented, moved): content fingerprints of the repo's code files
 *   (repo-fingerprints.ts) against the catalogue's `content`. When at least
 *   `minShared` of the repo's distinct code fingerprints (a repo with fewer in all, or whose files retyped whole hold
 *   half or more of its code tokens — its main code is the copy: `share` of its own, at least 10) and a share of at least `share` of them are found in one source, the score is 0; from `partialShare` up to `share` it falls from 1 to 0.5; below, 1. Files retyped whole
 *   (half or more of a file's fingerprints are one source file's) count like identical files: 1 − files / `need`, so
 *   three course files kept whole beside the candidate's own code are a copy even when the share stays low.
 *   Whether a retype caps is decided beyond the source's `scaffold` (catalogue globs: a project template's generator,
 *   helpers, configuration manager and stage runners, which its users keep for projects of their own): fingerprints a
 *   scaffold file holds, and file pairs on them, are named but do not count toward the cap (retype-match.ts
 *   matchBeyond).
 *
 * The lower of the two scores is the probe's; its finding names the source and the matching file pairs.
 */
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { join } from 'node:path';
import { findRulesDir } from '../rules/dir.js';
import type { Evidence, ProbeResult } from '../types.js';
import { DEFAULT_CODE_GLOBS } from './code-scan.js';
import { TOKENISER_VERSION } from './code-tokens.js';
import { repoFingerprints } from './repo-fingerprints.js';
import { bestRetypeMatch, indexContent, matchBeyond, type ContentCatalogue, type ContentIndex, type RepoFileFingerprints, type RetypeMatch } from './retype-match.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import { measured } from '../types.js';


const DEFAULT_SHARE = 0.3;
const DEFAULT_PARTIAL_SHARE = 0.15;
const DEFAULT_MIN_SHARED = 32;
/** A retype caps only from this share of the code fingerprints, or from DEFAULT_CAP_FILES files retyped whole. */
const DEFAULT_CAP_SHARE = 0.25;
const DEFAULT_CAP_FILES = 5;
/** File pairs from which a retype caps whatever its share: a follow-along spread over the source's files. */
const DEFAULT_CAP_PAIRS = 6;
/** A smaller retype's score at least: the rule's cap holds below 0.5. */
const DEFAULT_BELOW_CAP = 0.5;
/** Byte-identical (or retyped-whole) files of one source for score 0. */
const DEFAULT_NEED = 3;
/** A source as the finding names it: the repository, and what it is a copy of when it stands in for a template published elsewhere. */
const named = (s: { repo: string; origin?: string }): string => (s.origin ? `${s.repo} (${s.origin})` : s.repo);

/** Fingerprints a repo file and a source file must share to be listed as a pair. */
const MIN_PAIR_SHARED = 4;

interface Catalogue {
  sources: Array<{ repo: string; commit: string; files: number; origin?: string; scaffold?: string[] }>;
  blobs: Record<string, Array<[number, string]>>;
  content?: ContentCatalogue;
}

const paramsSchema = Type.Object(
  {
    /** Shared byte-identical files for score 0. */
    need: Type.Integer({ minimum: 1, default: DEFAULT_NEED }),
    /** Share of the repo's code fingerprints found in one source for score 0. */
    share: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: DEFAULT_SHARE }),
    /** Share from which the score starts to fall (to 0.5 at `share`). */
    partialShare: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: DEFAULT_PARTIAL_SHARE }),
    /** Matching code fingerprints needed at least before a share counts. */
    minShared: Type.Integer({ minimum: 1, default: DEFAULT_MIN_SHARED }),
    /**
     * A retype (not byte-identical files) scores below `belowCap` — the rule's cap — only when it covers at least
     * `capShare` of the repository's code fingerprints, `capFiles` files retyped whole or `capPairs` file pairs (a
     * course followed file by file, its exercises diluted by the student's own projects in the same repository); below
     * that it is reported and the rule fails in part, at `belowCap`, without the cap (a project scaffold's helpers
     * retyped beside own work).
     */
    capShare: Type.Number({ minimum: 0, maximum: 1, default: DEFAULT_CAP_SHARE }),
    capFiles: Type.Integer({ minimum: 1, default: DEFAULT_CAP_FILES }),
    capPairs: Type.Integer({ minimum: 1, default: DEFAULT_CAP_PAIRS }),
    belowCap: Type.Number({ minimum: 0, maximum: 1, default: DEFAULT_BELOW_CAP }),
    /**
     * Data files (globs): when every file a repo shares byte for byte with a source is one of these, it reuses the
     * course's dataset, not its code (the code is checked as a retype): the rule fails in part, at `belowCap` at the
     * lowest, without the cap (held-out-19: an anomaly-detection package of its own on a course lab's `.npy` arrays).
     */
    dataFiles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 40 })),
    /** Catalogue file name in the rules folder. */
    catalogue: Type.String({ pattern: '^[\\w.-]+\\.json$', default: 'fingerprints.json' }),
  },
  { additionalProperties: false },
);

export type FingerprintParams = Static<typeof paramsSchema>;

interface Loaded {
  cat: Catalogue;
  index: ContentIndex | null;
  /** Indices into `index.files` of the files of a project template's scaffold (the sources' `scaffold` globs). */
  scaffold: ReadonlySet<number>;
}

const loaded = new Map<string, Loaded>();

/** The catalogue files that are a source's scaffold: their paths matched by its `scaffold` globs. */
function scaffoldFiles(cat: Catalogue, index: ContentIndex | null): Set<number> {
  const out = new Set<number>();
  if (!index) return out;
  const globs = cat.sources.map((s) => (Array.isArray(s.scaffold) && s.scaffold.length ? picomatch(s.scaffold, { dot: true }) : null));
  index.files.forEach((f, i) => {
    if (globs[f.source]?.(f.path)) out.add(i);
  });
  return out;
}

function load(name: string): Loaded {
  let c = loaded.get(name);
  if (!c) {
    const raw = JSON.parse(readFileSync(join(findRulesDir(), name), 'utf8')) as Catalogue;
    if (!Array.isArray(raw.sources) || typeof raw.blobs !== 'object' || raw.blobs === null) throw new Error(`${name}: not a fingerprint catalogue`);
    const content = raw.content;
    // Fingerprints made by another version of the normalisation are not comparable: the retype check is then off.
    const index = content && Array.isArray(content.files) && content.tokeniser === TOKENISER_VERSION ? indexContent(content) : null;
    // The content's hex strings are in the index now: not kept for the audit's life.
    const cat = { sources: raw.sources, blobs: raw.blobs };
    loaded.set(name, (c = { cat, index, scaffold: scaffoldFiles(cat, index) }));
  }
  return c;
}

/** Each catalogue's blob ids, as the filter of RepoSnapshot.blobIds (one object per catalogue, so sources can cache by it). */
const catalogueIds = new Map<Catalogue, ReadonlySet<string>>();

function idsOf(c: Catalogue): ReadonlySet<string> {
  let ids = catalogueIds.get(c);
  if (!ids) catalogueIds.set(c, (ids = new Set(Object.keys(c.blobs))));
  return ids;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Byte-identical files: the finding and score, or null when the source knows no blob ids. */
async function blobCheck(cat: Catalogue, need: number, ctx: ProbeContext, data?: { isData: (path: string) => boolean; floor: number }): Promise<ProbeResult | null> {
  if (!ctx.snapshot.blobIds) return null;
  // Only the files that are in the catalogue at all: the rest cannot match (a 100,000-file repository need not hand
  // every id over).
  const ids = await ctx.snapshot.blobIds(idsOf(cat));
  // The listed paths as a set only when some file matched (nearly never: no set of 100,000 paths for nothing).
  const listed = new Set(ids.size ? ctx.files.map((f) => f.path) : []);
  // Per source: the candidate's paths that are byte-identical to one of its files.
  const shared = new Map<number, Array<{ path: string; theirs: string }>>();
  for (const [path, oid] of ids) {
    if (!listed.has(path)) continue;
    const hits = Object.prototype.hasOwnProperty.call(cat.blobs, oid) ? cat.blobs[oid] : undefined;
    if (!hits) continue;
    const seen = new Set<number>();
    for (const [src, theirs] of hits) {
      if (seen.has(src)) continue;
      seen.add(src);
      const list = shared.get(src) ?? [];
      list.push({ path, theirs });
      shared.set(src, list);
    }
  }
  // A source's score: 1 − files / need; only its data files (its dataset, byte for byte, the code around them the
  // author's unless the retype check finds it) at least `data.floor`: a course's dataset reused is a partial penalty,
  // not a copy of the course.
  const dataOnly = (list: Array<{ path: string }>): boolean => !!data && list.every((f) => data.isData(f.path));
  const scoreOf = (list: Array<{ path: string }>): number => {
    const raw = Math.max(0, 1 - list.length / need);
    return data && dataOnly(list) ? Math.max(raw, data.floor) : raw;
  };
  // The worst source first (the lowest score, then the most files): data files of one course do not hide code of another.
  const ranked = [...shared.entries()].sort((a, b) => scoreOf(a[1]) - scoreOf(b[1]) || b[1].length - a[1].length || a[0] - b[0]);
  if (!ranked.length) return { outcome: 'pass', score: 1, evidence: [{ detail: `no file identical to those of ${cat.sources.length} known course and template repositories` }] };
  const [top, files] = ranked[0]!;
  const src = cat.sources[top]!;
  const evidence: Evidence[] = [];
  for (const [i, list] of ranked.slice(0, 2)) {
    const s = cat.sources[i]!;
    const paths = list.map((x) => x.path).sort();
    evidence.push({ detail: `shares ${plural(list.length, 'file')} with ${named(s)} (${paths.slice(0, 4).join(', ')}${paths.length > 4 ? ', …' : ''})` });
  }
  for (const f of files.slice(0, 3)) evidence.push({ path: f.path, detail: `identical to ${src.repo}:${f.theirs}`, problem: true });
  const score = scoreOf(files);
  const floored = score > Math.max(0, 1 - files.length / need);
  return measured({
    score,
    evidence,
    note: floored
      ? `reuses the dataset of ${named(src)} (commit ${src.commit.slice(0, 7)}): ${files.length} data file${files.length === 1 ? ' is' : 's are'} byte-identical to its files and no code file is; its data, not a copy of its code, so no cap`
      : `a copy of ${named(src)} (commit ${src.commit.slice(0, 7)}): ${files.length} file${files.length === 1 ? ' is' : 's are'} byte-identical to its files`,
  });
}

/** Fingerprints a repo file needs at least before it can count as retyped whole (a few lines are no file's copy). */
const MIN_WHOLE_FINGERPRINTS = 8;

/**
 * The repo's files retyped whole from the source: at least half of a file's fingerprints (and at least
 * MIN_WHOLE_FINGERPRINTS) are one source file's. A course notebook followed page by page, a template's app.py.
 */
export function retypedFiles(m: RetypeMatch): RetypeMatch['pairs'] {
  return m.pairs.filter((p) => p.of >= MIN_WHOLE_FINGERPRINTS && 2 * p.shared >= p.of);
}

/** Matching fingerprints a small repository needs at least before its share counts (a screenful of code). */
const MIN_SMALL_SHARED = 10;

/**
 * A repository is small — measured by `share` of its own fingerprints, not by `minShared` — while `minShared` is more
 * than this part of all its code fingerprints: only a near-total copy could reach it (with the rule's 32, repositories
 * of fewer than 40 fingerprints, about one notebook and a screenful).
 */
const SMALL_REACH = 0.8;
/**
 * Matching fingerprints needed when all the source's structure the repository shares sits in one of its files, in a
 * repository that is neither small nor mostly that file (attack22): one public helper module kept beside own code
 * (32 of 100 fingerprints, a file holding at most 32) is a helper, not a copy — as at the old `minShared` of 40. A
 * walkthrough retyped over several files (35 of 88 in three files) still counts from `minShared`.
 */
const ONE_FILE_SHARED = 40;

/**
 * Matching fingerprints needed before a share counts: `minShared`, or — for a small repository (SMALL_REACH: one
 * notebook holds at most 32 fingerprints, so only a near-whole copy of a small repository could reach `minShared`) —
 * `share` of its own fingerprints, at least MIN_SMALL_SHARED. So a one-notebook repo that is a tutorial notebook
 * retyped is measured like a large one, and a few common lines in a small original (at most 2 of 32 on sets 5–18)
 * still accuse no one. A repository with more code keeps `minShared`: one template helper beside own code is no copy.
 * `coreRetyped` (half or more of the repository's code tokens are in files retyped whole from the source: its main
 * code is the copy, not a helper beside it) lowers the bar to `share` of its own for any repository, never above
 * `minShared`: a book chapter's training script retyped with a small own inference script beside it (20 of 58
 * fingerprints, 80 % of the code tokens; set 21) is the chapter.
 */
export function sharedNeeded(total: number, share: number, minShared: number, coreRetyped = false, pairFiles = 0): number {
  const own = Math.max(MIN_SMALL_SHARED, Math.ceil(total * share));
  const small = total * SMALL_REACH < minShared;
  if (!small && !coreRetyped && pairFiles === 1) return Math.max(minShared, ONE_FILE_SHARED);
  return !small && !coreRetyped ? minShared : Math.min(Math.max(minShared, MIN_SMALL_SHARED), own);
}

/** The repository files the match pairs with a source file (distinct paths). */
const pairedFiles = (m: RetypeMatch): number => new Set(m.pairs.map((p) => p.path)).size;

/**
 * Is the repository's code mostly files retyped whole from the source — at least half of its code tokens in them? Then
 * the copy is its main code, not a helper kept beside its own. False when token counts are unknown.
 */
export function coreRetyped(m: RetypeMatch, files: readonly RepoFileFingerprints[]): boolean {
  const whole = new Set(retypedFiles(m).map((p) => p.path));
  if (!whole.size) return false;
  let all = 0;
  let retyped = 0;
  for (const f of files) {
    if (f.tokens === undefined) return false;
    all += f.tokens;
    if (whole.has(f.path)) retyped += f.tokens;
  }
  return all > 0 && 2 * retyped >= all;
}

/**
 * The retype check's score for a match: 0 from `share`, 0.5 at it coming from `partialShare`, 1 below that; and, like
 * byte-identical files, 1 − (files retyped whole) / `need` — three course files retyped whole are a copy even when
 * the candidate's own code beside them keeps the share low. Nothing counts below `minShared` matching fingerprints
 * (below `share` of a small repository's own, or of any repository whose code is mostly files retyped whole: `core`,
 * see sharedNeeded).
 */
export function retypeScore(m: RetypeMatch | null, share: number, partialShare: number, minShared: number, need = Infinity, core = false): number {
  if (!m || m.matched < sharedNeeded(m.total, share, minShared, core, pairedFiles(m))) return 1;
  const byFiles = Math.max(0, 1 - retypedFiles(m).length / need);
  if (m.share >= share) return 0;
  if (m.share <= partialShare || share <= partialShare) return byFiles;
  return Math.min(byFiles, 1 - (0.5 * (m.share - partialShare)) / (share - partialShare));
}

/** A retype: the finding and score, or null when the catalogue has no content fingerprints. */
async function retypeCheck({ cat, index, scaffold }: Loaded, params: FingerprintParams, ctx: ProbeContext): Promise<ProbeResult | null> {
  if (!index) return null;
  const share = params.share ?? DEFAULT_SHARE;
  const partialShare = Math.min(params.partialShare ?? DEFAULT_PARTIAL_SHARE, share);
  const minShared = params.minShared ?? DEFAULT_MIN_SHARED;
  const { files, skipped } = await repoFingerprints(ctx, index.params);
  const m = bestRetypeMatch(index, files, MIN_PAIR_SHARED);
  const need = params.need ?? DEFAULT_NEED;
  const core = !!m && coreRetyped(m, files);
  const raw = retypeScore(m, share, partialShare, minShared, need, core);
  const capShare = params.capShare ?? DEFAULT_CAP_SHARE;
  const capFiles = params.capFiles ?? DEFAULT_CAP_FILES;
  const capPairs = params.capPairs ?? DEFAULT_CAP_PAIRS;
  const belowCap = params.belowCap ?? DEFAULT_BELOW_CAP;
  // What caps is the match beyond the source's scaffold (a project template's folder generator, helpers,
  // configuration manager and stage runners, which its users keep for projects of their own): the template's
  // project retyped caps, its scaffold under an own project does not by itself.
  const beyond = m ? matchBeyond(index, files, m, scaffold, MIN_PAIR_SHARED) : null;
  // Too small a part of the repository to call it the source's work: reported, the rule failing in part, no cap.
  const small = !!beyond && raw < belowCap && beyond.share < capShare && retypedFiles(beyond).length < capFiles && beyond.pairs.length < capPairs;
  const inScaffold = m && beyond ? m.matched - beyond.matched : 0;
  const score = small ? belowCap : raw;
  if (!files.length) return { outcome: 'pass', score: 1, evidence: [{ detail: 'no Python, notebook, R or Julia code to compare with known course and template repositories' }] };
  const read = `${plural(files.length, 'code file')} fingerprinted${skipped ? ` (${skipped} more not read)` : ''}`;
  if (!m || score === 1) {
    // A source is named only when it shares enough to count: a handful of common fingerprints accuses no one.
    const most = !m ? '' : m.matched >= sharedNeeded(m.total, share, minShared, core, pairedFiles(m)) ? `; ${named(cat.sources[m.source]!)} holds ${m.matched} of its ${m.total} code fingerprints (${pct(m.share)})` : `; at most ${m.matched} of its ${m.total} code fingerprints (${pct(m.share)}) are in any one of them`;
    return { outcome: 'pass', score: 1, evidence: [{ detail: `${read}: no retype of a known course or template repository${most}` }] };
  }
  const src = cat.sources[m.source]!;
  const whole = retypedFiles(m);
  const evidence: Evidence[] = [
    { detail: `shares the structure of ${named(src)} (retyped): ${m.matched} of the ${m.total} code fingerprints of ${read.replace(/ fingerprinted.*/, '')} (${pct(m.share)}) match its code${whole.length ? `; ${plural(whole.length, 'file')} retyped whole (half or more of a file's fingerprints)` : ''}${core ? '; the files retyped whole hold half or more of its code' : ''}` },
  ];
  for (const p of m.pairs.slice(0, 5)) evidence.push({ path: p.path, detail: `same structure as ${src.repo}:${p.theirs} (${p.shared} of ${p.of} fingerprints)`, problem: true });
  return measured({
    score,
    evidence,
    note:
      `shares the structure of ${named(src)} (retyped): ${pct(m.share)} of the code fingerprints match its code, ${plural(m.pairs.length, 'file pair')}${whole.length ? `, ${plural(whole.length, 'file')} retyped whole` : ''}` +
      (inScaffold ? `; ${inScaffold} of the ${m.matched} matching fingerprints are in the template's scaffold (files its users keep for projects of their own), which does not cap by itself` : '') +
      (small ? `; ${inScaffold ? 'beyond the scaffold, ' : ''}under ${pct(capShare)} of the code, fewer than ${plural(capFiles, 'file')} retyped whole and fewer than ${plural(capPairs, 'file pair')}, so no cap: the rest of the code is the author's` : ''),
  });
}

export const fingerprintsProbe = defineProbe({
  name: 'fingerprints',
  description:
    'A copy of a widely copied course or template repository: byte-identical files (git blob ids) or a retype of its code (winnowed fingerprints of normalised code tokens), against rules/fingerprints.json.',
  paramsSchema,
  reads() {
    return [...DEFAULT_CODE_GLOBS];
  },
  async run(params, ctx): Promise<ProbeResult> {
    const loadedCat = load(params.catalogue ?? 'fingerprints.json');
    const dataGlobs = params.dataFiles?.length ? picomatch(params.dataFiles, { dot: true, nocase: true }) : null;
    const data = dataGlobs ? { isData: (path: string) => dataGlobs(path), floor: params.belowCap ?? DEFAULT_BELOW_CAP } : undefined;
    const blob = await blobCheck(loadedCat.cat, params.need ?? DEFAULT_NEED, ctx, data);
    const retype = await retypeCheck(loadedCat, params, ctx);
    if (!blob && !retype) return { outcome: 'not-measurable', score: 1, evidence: [], note: 'file ids unknown for this source (not a git repository) and no content fingerprints: copies not checked' };
    if (!blob) return { ...retype!, evidence: [...retype!.evidence, { detail: 'file ids unknown for this source (not a git repository): identical files not checked' }] };
    if (!retype) return blob;
    // The worse of the two leads; the other's evidence follows.
    const [first, second] = retype.score < blob.score ? [retype, blob] : [blob, retype];
    return { ...first, evidence: [...first.evidence, ...second.evidence] };
  },
});
