/** `metadata-archived`: is the repository archived (read-only)? Unknown for a local checkout (not measurable). */
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const metadataArchivedProbe = defineProbe({
  name: 'metadata-archived',
  description: 'Is the repository archived (read-only, no longer maintained)? Not measurable when the host metadata is unknown (local checkout).',
  paramsSchema,
  async run(_params, ctx) {
    const md = ctx.snapshot.metadata ?? {};
    if (typeof md.archived !== 'boolean') return { score: 0, evidence: [], outcome: 'not-measurable', note: 'archived status unknown for a local checkout' };
    if (md.archived) return { outcome: 'fail', score: 0, evidence: [{ detail: `the repository is archived (${md.url ?? ctx.snapshot.id})` }], note: 'archived: read-only, no longer maintained' };
    return { outcome: 'pass', score: 1, evidence: [{ detail: 'not archived' }] };
  },
});
