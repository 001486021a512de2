/**
 * `fingerprints` probe: does the repo share files with a widely copied course or template repository? Compares the
 * snapshot's git blob ids (RepoSnapshot.blobIds: `git ls-files -s`, GitHub tree oids) with the catalogue in
 * rules/fingerprints.json (built by script/build-fingerprints.ts from snapshots of those repositories; blob ids and
 * paths only). A shared blob is a byte-identical file, so a match names the source and the shared paths.
 *
 * Score: 1 − shared / `need` for the source sharing the most files (default need 3: three identical distinctive files
 * are a copy); not measurable when the source does not know blob ids (a plain directory).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRulesDir } from '../rules/load.js';
import type { Evidence, ProbeResult } from '../types.js';
import type { Probe } from './types.js';

export interface FingerprintParams {
  /** Shared files for score 0 (default 3). */
  need?: number;
  /** Catalogue file name in the rules folder (default fingerprints.json). */
  catalogue?: string;
}

interface Catalogue {
  sources: Array<{ repo: string; commit: string; files: number }>;
  blobs: Record<string, Array<[number, string]>>;
}

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    need: { type: 'integer', minimum: 1 },
    catalogue: { type: 'string', pattern: '^[\\w.-]+\\.json$' },
  },
} as const;

const loaded = new Map<string, Catalogue>();
/** Each catalogue's blob ids, as the filter of RepoSnapshot.blobIds (one object per catalogue, so sources can cache by it). */
const catalogueIds = new Map<Catalogue, ReadonlySet<string>>();

function idsOf(c: Catalogue): ReadonlySet<string> {
  let ids = catalogueIds.get(c);
  if (!ids) catalogueIds.set(c, (ids = new Set(Object.keys(c.blobs))));
  return ids;
}

export function loadCatalogue(name = 'fingerprints.json'): Catalogue {
  let c = loaded.get(name);
  if (!c) {
    const raw = JSON.parse(readFileSync(join(findRulesDir(), name), 'utf8')) as Catalogue;
    if (!Array.isArray(raw.sources) || typeof raw.blobs !== 'object' || raw.blobs === null) throw new Error(`${name}: not a fingerprint catalogue`);
    loaded.set(name, (c = raw));
  }
  return c;
}

export const fingerprintsProbe: Probe<FingerprintParams> = {
  name: 'fingerprints',
  description: 'Files byte-identical to those of widely copied course and template repositories (git blob ids against rules/fingerprints.json).',
  paramsSchema,
  reads() {
    return [];
  },
  async run(params, ctx): Promise<ProbeResult> {
    if (!ctx.snapshot.blobIds) return { score: 1, evidence: [], measurable: false, note: 'file ids unknown for this source (not a git repository): copies not checked' };
    const cat = loadCatalogue(params.catalogue);
    const need = params.need ?? 3;
    // Only the files that are in the catalogue at all: the rest cannot match.
    const ids = await ctx.snapshot.blobIds(idsOf(cat));
    const listed = new Set(ctx.files.map((f) => f.path));
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
    const ranked = [...shared.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
    const checked = `${cat.sources.length} known course and template repositories`;
    if (!ranked.length) return { score: 1, evidence: [{ detail: `no file identical to those of ${checked}` }] };
    const [top, files] = ranked[0]!;
    const src = cat.sources[top]!;
    const evidence: Evidence[] = [];
    for (const [i, list] of ranked.slice(0, 2)) {
      const s = cat.sources[i]!;
      const paths = list.map((x) => x.path).sort();
      evidence.push({ detail: `shares ${list.length} file${list.length === 1 ? '' : 's'} with ${s.repo} (${paths.slice(0, 4).join(', ')}${paths.length > 4 ? ', …' : ''})` });
    }
    for (const f of files.slice(0, 3)) evidence.push({ path: f.path, detail: `identical to ${src.repo}:${f.theirs}`, problem: true });
    const score = Math.max(0, 1 - files.length / need);
    return {
      score,
      evidence,
      note: `a copy of ${src.repo} (commit ${src.commit.slice(0, 7)}): ${files.length} file${files.length === 1 ? ' is' : 's are'} byte-identical to its files`,
    };
  },
};
