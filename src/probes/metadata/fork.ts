/** `metadata-fork`: is the repository a fork? Only the host knows; unknown for a local checkout (not measurable, not guessed). */
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const metadataForkProbe = defineProbe({
  name: 'metadata-fork',
  description: 'Is the repository a fork of someone else’s? Not measurable when the host metadata is unknown (local checkout).',
  paramsSchema,
  async run(_params, ctx) {
    const md = ctx.snapshot.metadata ?? {};
    if (typeof md.fork !== 'boolean') return { score: 0, evidence: [], outcome: 'not-measurable', note: 'fork status unknown for a local checkout' };
    if (md.fork)
      return {
        outcome: 'fail', score: 0,
        evidence: [{ detail: `the repository is a fork${md.parent ? ` of ${md.parent}` : ''} (${md.url ?? ctx.snapshot.id})` }],
        note: 'forks show someone else’s project',
      };
    return { outcome: 'pass', score: 1, evidence: [{ detail: 'not a fork: the repository was created by its owner' }] };
  },
});
