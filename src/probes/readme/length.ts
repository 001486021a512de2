import type { ProbeResult } from '../../types.js';
import { proseWords, type ReadmeView } from './_shared/blocks.js';
import { result, ev } from './_shared/result.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';

function length(view: ReadmeView, p: ReadmeLengthParams): ProbeResult {
  const { zero, min, max } = p;
  const words = proseWords(view.blocks);
  const headings = view.headings.filter((h) => (h.depth ?? 6) <= 4).length;
  let score: number;
  let note: string | undefined;
  if (words <= zero) {
    score = 0;
    note = `the README has ${words} words of prose; a reader cannot tell what the project is`;
  } else if (words < min) {
    score = (words - zero) / (min - zero);
    note = `short README (${words} words; ${min}-${max} explains a project well)`;
  } else if (words <= max) score = 1;
  else {
    score = Math.max(0.5, 1 - (0.5 * (words - max)) / max);
    note = `very long README (${words} words); move details to docs/ and keep the README to what a reader needs first`;
  }
  if (words >= 400 && headings < 2) {
    score *= 0.7;
    note = `${note ? note + '; ' : ''}${words} words under ${headings} heading(s): a wall of text; split it into sections`;
  }
  return result(score, [ev(view, 1, `${words} words of prose, ${view.headings.length} heading(s)`, score < 1)], note);
}

const paramsSchema = Type.Object(
  {
    /** Words of prose that score 0. */
    zero: Type.Integer({ minimum: 0, default: 30 }),
    /** Full score from this many words ... */
    min: Type.Integer({ minimum: 0, default: 250 }),
    /** ... up to this many. */
    max: Type.Integer({ minimum: 1, default: 3000 }),
  },
  { additionalProperties: false },
);

type ReadmeLengthParams = Static<typeof paramsSchema>;

export const readmeLengthProbe = defineProbe({
  name: 'readme-length',
  description: 'Is the README long enough to explain the project, and not a wall of text?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (params, ctx) => onReadme(ctx, (view) => length(view, params)),
});
