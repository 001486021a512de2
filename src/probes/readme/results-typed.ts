/**
 * `readme-results-typed`: are the README's results typed into the code? A penalty only: when the README's numbers are
 * not found as metric literals in code (or it reports too few to tell, or there is no README), the rule is left out
 * of the score — no credit every repo would earn. When they are, it fails, and its rule caps the score: results a
 * repo did not compute are a claim a reviewer cannot trust, whatever else the README does well.
 */
import { Type } from '@sinclair/typebox';
import type { ProbeResult } from '../../types.js';
import { defineProbe } from '../types.js';
import { README_GLOBS, loadReadme } from './_shared/load.js';
import { DEFAULT_CODE_GLOBS } from '../code-scan.js';
import { readmeResultNumbers, typedIn, typedNote, TYPED_NEED } from './results.js';

const paramsSchema = Type.Object({}, { additionalProperties: false });

const leftOut = (note: string): ProbeResult => ({ outcome: 'not-applicable', leftOut: true, score: 1, evidence: [], note });

export const readmeResultsTypedProbe = defineProbe({
  name: 'readme-results-typed',
  description: "Are the README's result numbers literals typed into the code (a dictionary of example metrics) rather than outputs of evaluation code?",
  paramsSchema,
  reads: () => [...README_GLOBS, ...DEFAULT_CODE_GLOBS],
  async run(_params, ctx) {
    const loaded = await loadReadme(ctx);
    if (!('view' in loaded)) return leftOut('no README to check');
    const numbers = readmeResultNumbers(loaded.view);
    if (numbers.length < TYPED_NEED) return leftOut(`the README reports ${numbers.length ? 'too few result numbers' : 'no result numbers'} to check`);
    const typed = await typedIn(numbers, ctx);
    if (!typed) return leftOut(`none of the README's result numbers is typed into the code as a literal (${numbers.length} checked)`);
    return { outcome: 'fail', score: 0, evidence: typed.evidence, note: typedNote(typed) };
  },
});
