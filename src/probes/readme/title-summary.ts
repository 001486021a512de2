import type { Evidence, ProbeResult } from '../../types.js';
import { countWords, snippet, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev, isBadgeOrMediaOnly } from './_shared/result.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';

const PLACEHOLDER_TITLE = /^(project (title|name)|title|my project|untitled|readme|project|your project( name)?|name of (the )?project)$/i;

function titleSummary(view: ReadmeView, p: ReadmeTitleSummaryParams): ProbeResult {
  const { minWords, maxWords } = p;
  const evidence: Evidence[] = [];
  const first = view.headings[0];
  let titleScore = 0;
  let title: Block | undefined;
  if (first && PLACEHOLDER_TITLE.test(first.text.replace(/[^\p{L}\p{N} ]/gu, '').trim())) {
    titleScore = 0.1;
    title = first;
    evidence.push(ev(view, first.line, `placeholder title: "${snippet(first.text, 60)}" (use the project's name)`, true));
  } else if (first && (first.depth ?? 6) <= 2) {
    titleScore = 0.3;
    title = first;
    evidence.push(ev(view, first.line, `title: "${snippet(first.text, 60)}"`));
  } else if (first) {
    titleScore = 0.15;
    title = first;
    evidence.push(ev(view, first.line, `first heading is level ${first.depth}: "${snippet(first.text, 60)}" (use # for the title)`, true));
  }
  // The summary is the first prose paragraph near the top: before the first code block and within the first three
  // headings. Badge rows and image-only paragraphs are skipped.
  let summaryScore = 0;
  let headingsSeen = 0;
  let best: { block: Block; words: number } | undefined;
  for (const b of view.blocks) {
    if (b.kind === 'heading') {
      headingsSeen++;
      if (headingsSeen > 3) break;
      continue;
    }
    if (b.kind === 'code') break;
    if (b.kind === 'table' || isBadgeOrMediaOnly(b)) continue;
    const words = countWords(b.text);
    if (words === 0) continue;
    if (!best || (best.words < minWords && words > best.words)) best = { block: b, words };
    if (words >= minWords) break;
  }
  if (best) {
    if (best.words >= minWords && best.words <= maxWords) summaryScore = 0.7;
    else if (best.words > maxWords) summaryScore = 0.5;
    else if (best.words >= 5) summaryScore = 0.35;
    else summaryScore = 0.1;
    const fits = best.words >= minWords && best.words <= maxWords;
    evidence.push(ev(view, best.block.line, `opening paragraph, ${best.words} words: "${snippet(best.block.text, 70)}"`, !fits));
  }
  const notes: string[] = [];
  if (!title) notes.push('no heading to serve as the title');
  if (!best) notes.push('no opening paragraph that says what the project does');
  else if (best.words < minWords) notes.push(`the opening paragraph is short (${best.words} words; aim for ${minWords}-${maxWords})`);
  else if (best.words > maxWords) notes.push(`the opening paragraph is long (${best.words} words)`);
  return result(titleScore + summaryScore, evidence, notes.join('; ') || undefined);
}

const paramsSchema = Type.Object(
  {
    /** Opening paragraph length band: fewest words. */
    minWords: Type.Integer({ minimum: 0, default: 12 }),
    /** Most words before the opening paragraph counts as too long. */
    maxWords: Type.Integer({ minimum: 1, default: 250 }),
  },
  { additionalProperties: false },
);

type ReadmeTitleSummaryParams = Static<typeof paramsSchema>;

export const readmeTitleSummaryProbe = defineProbe({
  name: 'readme-title-summary',
  description: 'Does the README open with a real title and a paragraph that says what the project does?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (params, ctx) => onReadme(ctx, (view) => titleSummary(view, params)),
});
