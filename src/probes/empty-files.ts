/**
 * `empty-files` probe: code files that hold nothing — empty (git's empty blob), or only blank lines, comments and
 * `pass` / `...`. A repo whose model modules, service and tests are such placeholders shows structure without the
 * work in it: a reviewer who opens `src/models/training.py` and finds it empty doubts the rest. Emptiness comes from
 * the blob ids when the source knows them (a file the snapshot lacks on disk is not taken for an empty one), else
 * from the size (a plain directory lists only files that exist); small files are read to see through a comment.
 * Only a penalty: up to `tolerate` such files, the rule is left out of the score (not-applicable).
 */
import type { Evidence, ProbeResult } from '../types.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe, type ProbeContext } from './types.js';
import { selectFiles } from './glob-gate.js';
import { measured } from '../types.js';

/** Git's blob id of the empty file. */
const EMPTY_BLOB_ID = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
/** Files up to this size are read to see whether they hold anything but comments. */
const SMALL_BYTES = 160;
const MAX_EVIDENCE = 5;
const MAX_READS = 400;

const paramsSchema = Type.Object(
  {
    globs: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    exclude: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** This many empty files are tolerated (score 1); the score falls linearly to 0 at `min`. */
    tolerate: Type.Integer({ minimum: 0, default: 0 }),
    min: Type.Integer({ minimum: 1, default: 1 }),
    detail: Type.String({ minLength: 1, default: 'empty placeholder file' }),
  },
  { additionalProperties: false },
);

export type EmptyFilesParams = Static<typeof paramsSchema>;

/**
 * Blank, a comment line (`#`, `//`, `--`), or a statement that does nothing (`pass`, `...`, a bare
 * `raise NotImplementedError` with or without a message: the stub says it is not written).
 */
const NOTHING_LINE = /^\s*(?:(?:#|\/\/|--)[^\n]*|pass|\.\.\.|raise\s+NotImplementedError(?:\s*\([^)\n]*\))?)?\s*$/;
/** A Python string prefix and triple quote opening a docstring (`"""`, `'''`, `r"""`…). */
const DOCSTRING_OPEN = /^[rRuU]?("""|''')/;

/**
 * The text without the docstring that opens it (after blank and comment lines), or unchanged: a module that holds only
 * its docstring ("to do") is a placeholder with a label on it.
 */
function withoutLeadingDocstring(text: string): string {
  let at = 0;
  for (;;) {
    const eol = text.indexOf('\n', at);
    const line = text.slice(at, eol < 0 ? text.length : eol);
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) break;
    if (eol < 0) return text;
    at = eol + 1;
  }
  const start = at + (text.length - at - text.slice(at).trimStart().length);
  const open = DOCSTRING_OPEN.exec(text.slice(start, start + 4));
  if (!open) return text;
  const bodyAt = start + open[0].length;
  const close = text.indexOf(open[1]!, bodyAt);
  if (close < 0) return text;
  return text.slice(0, start) + text.slice(close + 3);
}

/** The text holds nothing but blank lines, comments, an opening docstring and `pass` / `...` / `raise NotImplementedError`. */
export function holdsNothing(text: string): boolean {
  for (const line of withoutLeadingDocstring(text).split('\n')) if (!NOTHING_LINE.test(line)) return false;
  return true;
}

async function runEmptyFiles(params: EmptyFilesParams, ctx: ProbeContext): Promise<ProbeResult> {
  const selected = selectFiles(ctx.files, params.globs, { exclude: params.exclude ?? [], nocase: true });
  const empty: string[] = [];
  const known = ctx.snapshot.blobIds ? await ctx.snapshot.blobIds(new Set([EMPTY_BLOB_ID])) : null;
  const small: string[] = [];
  for (const f of selected) {
    if (known ? known.get(f.path) === EMPTY_BLOB_ID : f.size === 0) empty.push(f.path);
    else if (f.size > 0 && f.size <= SMALL_BYTES && small.length < MAX_READS) small.push(f.path);
  }
  const texts = await Promise.all(small.map((p) => ctx.read(p)));
  small.forEach((p, i) => {
    const t = texts[i];
    if (t && holdsNothing(t.text)) empty.push(p);
  });
  empty.sort();
  const count = empty.length;
  const { tolerate, min } = params;
  const zeroAt = Math.max(min, tolerate + 1);
  const score = count <= tolerate ? 1 : count >= zeroAt ? 0 : 1 - (count - tolerate) / (zeroAt - tolerate);
  // A penalty only: a repo with no more placeholders than tolerated has nothing here to judge, and is left out of this
  // rule rather than credited for it — a credit every repo earns would lift every score alike (a gamed weak repo's
  // too), and one empty file would then score better than none.
  if (count <= tolerate) {
    return {
      outcome: 'not-applicable',
      leftOut: true,
      score: 1,
      evidence: empty.slice(0, MAX_EVIDENCE).map((path) => ({ path, detail: params.detail })),
      note: count === 0 ? 'no empty placeholder files' : `${count} empty file${count === 1 ? '' : 's'}; up to ${tolerate} tolerated`,
    };
  }
  const evidence: Evidence[] = empty
    .slice(0, MAX_EVIDENCE)
    .map((path) => ({ path, detail: params.detail, problem: true as const }));
  return measured({ score: Math.max(0, Math.min(1, score)), evidence, note: `${count} empty files` });
}

export const emptyFilesProbe = defineProbe({
  name: 'empty-files',
  description: 'Counts code files that are empty or hold only comments (placeholders); reads only files of a few lines.',
  paramsSchema,
  reads: (params) => params.globs,
  run: runEmptyFiles,
});
