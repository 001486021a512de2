
import type { Evidence, ProbeResult } from '../../types.js';
import { countWords, type ReadmeView } from './_shared/blocks.js';
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import { isFolderReadme } from '../readme-doc.js';
function exists(view: ReadmeView): ProbeResult {
  const words = countWords(view.blocks.map((b) => b.text).join('\n'));
  const evidence: Evidence[] = [{ path: view.doc.path, line: 1, detail: `${view.doc.path}: ${words} words`, ...(words === 0 ? { problem: true as const } : {}) }];
  if (words === 0) return { outcome: 'partial', score: 0.2, evidence, note: 'the README is empty' };
  if (isFolderReadme(view.doc.path)) {
    // A container of project folders: the reader lands on a bare file list and must click into the folder first.
    const note = `no README at the repository root: the project page shows a bare file list; ${view.doc.path} (the project folder's README) is read instead`;
    return { outcome: 'partial', score: 0.5, evidence: [{ ...evidence[0]!, problem: true }], note };
  }
  return { outcome: 'pass', score: 1, evidence };
}


const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeExistsProbe = defineProbe({
  name: 'readme-exists',
  description: 'Is there a README at the repository root (or in .github/, docs/), readable and not empty?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (_params, ctx) => onReadme(ctx, exists),
});
