/**
 * `paths` probe: files whose paths match globs (and optionally a regex) exist, or do not. Reads no contents: sizes
 * come from the tree listing. Used for tests folders, CI workflows, licences, committed binaries and for markers in
 * folder names (course weeks, homework).
 */
import type { Evidence, FileEntry, ProbeResult } from '../types.js';
import { selectFiles } from './glob-gate.js';
import { compileRegex } from './code-scan.js';
import type { Probe, ProbeContext } from './types.js';

export interface PathsParams {
  globs: string[];
  exclude?: string[];
  /** Keep only paths matching this regex (tested on the whole path). */
  regex?: string;
  flags?: string;
  expect?: 'present' | 'absent';
  /** present: count needed for score 1 (partial below); absent: count at which the score reaches 0. */
  min?: number;
  /** absent only: this many matches are tolerated (score 1), the score falls linearly to 0 at `min`. */
  tolerate?: number;
  /** Only files larger than this many megabytes (MiB) count. */
  largerThanMB?: number;
  /** Only files of at least this many bytes count (skip empty placeholders). */
  minBytes?: number;
  nocase?: boolean;
  /** What is counted: files, distinct parent folders, or distinct regex matches (e.g. "week1", "week2"). */
  countBy?: 'file' | 'dir' | 'match';
  /** What one match means, shown in evidence. */
  detail?: string;
}

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['globs'],
  properties: {
    globs: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
    regex: { type: 'string', minLength: 1 },
    flags: { type: 'string', pattern: '^[imsu]*$' },
    expect: { enum: ['present', 'absent'] },
    min: { type: 'integer', minimum: 1 },
    tolerate: { type: 'integer', minimum: 0 },
    largerThanMB: { type: 'number', minimum: 0 },
    minBytes: { type: 'integer', minimum: 0 },
    nocase: { type: 'boolean' },
    countBy: { enum: ['file', 'dir', 'match'] },
    detail: { type: 'string', minLength: 1 },
  },
} as const;

const MB = 1024 * 1024;
const MAX_EVIDENCE = 5;

function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');

function runPaths(params: PathsParams, ctx: ProbeContext): ProbeResult {
  const expect = params.expect ?? 'present';
  const min = params.min ?? 1;
  const tolerate = params.tolerate ?? 0;
  const nocase = params.nocase ?? false;
  let re: RegExp | null = null;
  if (params.regex) {
    const r = compileRegex(params.regex, (params.flags ?? '') + (nocase && !(params.flags ?? '').includes('i') ? 'i' : ''));
    if (typeof r === 'string') return { score: 0, evidence: [], note: r };
    re = r;
  }
  const larger = params.largerThanMB !== undefined ? params.largerThanMB * MB : null;
  const minBytes = params.minBytes ?? 0;

  const units = new Map<string, { file: FileEntry; match?: string }>();
  let fileCount = 0;
  for (const f of selectFiles(ctx.files, params.globs, { exclude: params.exclude ?? [], nocase })) {
    if (larger !== null && !(f.size > larger)) continue;
    if (minBytes > 0 && f.size < minBytes) continue;
    let m: RegExpExecArray | null = null;
    if (re) {
      m = re.exec(f.path);
      if (!m) continue;
    }
    fileCount++;
    const countBy = params.countBy === 'match' && !m ? 'file' : (params.countBy ?? 'file');
    const key =
      countBy === 'dir' ? dirOf(f.path) : countBy === 'match' ? m![0].toLowerCase().replace(/[^a-z0-9]+/g, '') || m![0] : f.path;
    if (!units.has(key)) units.set(key, { file: f, ...(m ? { match: m[0].replace(/^\/+|\/+$/g, '') } : {}) });
  }

  const count = units.size;
  const label = params.detail ?? (expect === 'present' ? 'present' : 'found');
  const evidence: Evidence[] = [];
  for (const { file, match } of [...units.values()].slice(0, MAX_EVIDENCE)) {
    const parts = [label];
    if (match) parts.push(`"${match}" in the path`);
    if (larger !== null) parts.push(formatSize(file.size));
    evidence.push({ path: file.path, detail: parts.join(' — '), ...(expect === 'absent' && count > tolerate ? { problem: true as const } : {}) });
  }
  const what = params.countBy === 'dir' ? 'folder' : params.countBy === 'match' ? 'distinct match' : 'file';
  const plural = (n: number): string => `${n} ${what}${n === 1 ? '' : what === 'distinct match' ? 'es' : 's'}`;

  if (expect === 'present') {
    const score = Math.min(1, count / min);
    return {
      score,
      evidence,
      ...(score < 1 ? { note: count === 0 ? 'no matching file' : `${plural(count)} found, ${min} wanted` } : {}),
    };
  }
  const zeroAt = Math.max(min, tolerate + 1);
  const score = count <= tolerate ? 1 : count >= zeroAt ? 0 : 1 - (count - tolerate) / (zeroAt - tolerate);
  return {
    score: Math.max(0, Math.min(1, score)),
    evidence,
    ...(count > 0
      ? { note: `${plural(count)} found${fileCount > count ? ` (${fileCount} files)` : ''}${count <= tolerate ? `; up to ${tolerate} tolerated` : ''}` }
      : {}),
  };
}

export const pathsProbe: Probe<PathsParams> = {
  name: 'paths',
  description:
    'Checks that files matching globs (and an optional path regex, size limit) exist or do not; reads no file contents.',
  paramsSchema,
  needs(params) {
    return params.largerThanMB !== undefined ? ['sizes'] : [];
  },
  async run(params, ctx) {
    if (params.largerThanMB !== undefined) await ctx.snapshot.sizesReady;
    return runPaths(params, ctx);
  },
};
