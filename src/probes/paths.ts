/**
 * `paths` probe: files whose paths match globs (and optionally a regex) exist, or do not. Reads no contents: sizes
 * come from the tree listing. Used for tests folders, CI workflows, licences, committed binaries and for markers in
 * folder names (course weeks, homework).
 */
import type { Evidence, FileEntry, ProbeResult } from '../types.js';
import { selectFiles } from './glob-gate.js';
import { compileRegex } from './code-scan.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import { measured } from '../types.js';

const GLOBS = Type.Array(Type.String({ minLength: 1 }));

/** The params' one declaration: JSON Schema, TypeScript type and defaults. */
const paramsSchema = Type.Object(
  {
    globs: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    exclude: Type.Optional(GLOBS),
    /** Keep only paths matching this regex (tested on the whole path). */
    regex: Type.Optional(Type.String({ minLength: 1 })),
    flags: Type.Optional(Type.String({ pattern: '^[imsu]*$' })),
    expect: Type.Union([Type.Literal('present'), Type.Literal('absent')], { default: 'present' }),
    /** present: count needed for score 1 (partial below); absent: count at which the score reaches 0. */
    min: Type.Integer({ minimum: 1, default: 1 }),
    /** absent only: this many matches are tolerated (score 1), the score falls linearly to 0 at `min`. */
    tolerate: Type.Integer({ minimum: 0, default: 0 }),
    /** Only files larger than this many megabytes (MiB) count. */
    largerThanMB: Type.Optional(Type.Number({ minimum: 0 })),
    /** Only files of at least this many bytes count (skip empty placeholders). */
    minBytes: Type.Integer({ minimum: 0, default: 0 }),
    nocase: Type.Boolean({ default: false }),
    /** What is counted: files, distinct parent folders, or distinct regex matches (e.g. "week1", "week2"). */
    countBy: Type.Union([Type.Literal('file'), Type.Literal('dir'), Type.Literal('match')], { default: 'file' }),
    /**
     * A regex match that lies in the file name itself (not in a folder on its path) counts only when the file is at
     * most this many folders deep. Course material puts its markers in the repo's top-level organisation (`week1/`,
     * `hw3.ipynb`, `lab2/notes.md`); a project's own numbered task report four folders down inside its work folders
     * (`results/benchmarks/02_engine/report/task2_report.md`) names a step of the project's plan, not a course.
     */
    fileNameMaxDepth: Type.Optional(Type.Integer({ minimum: 0 })),
    /** What one match means, shown in evidence. */
    detail: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export type PathsParams = Static<typeof paramsSchema>;

const MB = 1024 * 1024;
const MAX_EVIDENCE = 5;

function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');

/**
 * The leftmost match starts in the file name (at or after the slash before it) and the file lies deeper than
 * `maxDepth` folders. A match in a folder would start earlier, so the leftmost one decides.
 */
function deepFileNameMatch(path: string, index: number, maxDepth: number): boolean {
  const slash = path.lastIndexOf('/');
  if (index < slash) return false;
  let depth = 0;
  for (let i = 0; i < slash; i++) if (path.charCodeAt(i) === 47) depth++;
  return slash >= 0 && depth + 1 > maxDepth;
}

function runPaths(params: PathsParams, ctx: ProbeContext): ProbeResult {
  const { expect, min, tolerate, nocase, minBytes } = params;
  let re: RegExp | null = null;
  if (params.regex) {
    const r = compileRegex(params.regex, (params.flags ?? '') + (nocase && !(params.flags ?? '').includes('i') ? 'i' : ''));
    if (typeof r === 'string') return { outcome: 'fail', score: 0, evidence: [], note: r };
    re = r;
  }
  const larger = params.largerThanMB !== undefined ? params.largerThanMB * MB : null;

  const units = new Map<string, { file: FileEntry; match?: string }>();
  let fileCount = 0;
  for (const f of selectFiles(ctx.files, params.globs, { exclude: params.exclude ?? [], nocase })) {
    if (larger !== null && !(f.size > larger)) continue;
    if (minBytes > 0 && f.size < minBytes) continue;
    let m: RegExpExecArray | null = null;
    if (re) {
      m = re.exec(f.path);
      if (!m) continue;
      if (params.fileNameMaxDepth !== undefined && deepFileNameMatch(f.path, m.index, params.fileNameMaxDepth)) continue;
    }
    fileCount++;
    const countBy = params.countBy === 'match' && !m ? 'file' : params.countBy;
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
    return measured({
      score,
      evidence,
      ...(score < 1 ? { note: count === 0 ? 'no matching file' : `${plural(count)} found, ${min} wanted` } : {}),
    });
  }
  const zeroAt = Math.max(min, tolerate + 1);
  const score = count <= tolerate ? 1 : count >= zeroAt ? 0 : 1 - (count - tolerate) / (zeroAt - tolerate);
  return measured({
    score: Math.max(0, Math.min(1, score)),
    evidence,
    ...(count > 0
      ? { note: `${plural(count)} found${fileCount > count ? ` (${fileCount} files)` : ''}${count <= tolerate ? `; up to ${tolerate} tolerated` : ''}` }
      : {}),
  });
}

export const pathsProbe = defineProbe({
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
});
