/**
 * `metadata` probe: checks on what only the hosting service knows (fork, archived). For a local checkout these are
 * unknown, and the rule is left out of the score (measurable: false) rather than guessed.
 */
import { Type, type TUnsafe } from '@sinclair/typebox';
import type { ProbeResult } from '../types.js';
import type { Probe, ProbeContext } from './types.js';

export interface MetadataParams {
  check: 'fork' | 'archived';
}

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['check'],
  properties: { check: { enum: ['fork', 'archived'] } },
} as const;

function runMetadata(params: MetadataParams, ctx: ProbeContext): ProbeResult {
  const md = ctx.snapshot.metadata ?? {};
  const where = md.url ?? ctx.snapshot.id;
  if (params.check === 'fork') {
    if (typeof md.fork !== 'boolean')
      return { score: 0, evidence: [], measurable: false, note: 'fork status unknown for a local checkout' };
    if (md.fork)
      return {
        score: 0,
        evidence: [{ detail: `the repository is a fork${md.parent ? ` of ${md.parent}` : ''} (${where})` }],
        note: 'forks show someone else’s project',
      };
    return { score: 1, evidence: [{ detail: 'not a fork: the repository was created by its owner' }] };
  }
  if (typeof md.archived !== 'boolean')
    return { score: 0, evidence: [], measurable: false, note: 'archived status unknown for a local checkout' };
  if (md.archived) return { score: 0, evidence: [{ detail: `the repository is archived (${where})` }], note: 'archived: read-only, no longer maintained' };
  return { score: 1, evidence: [{ detail: 'not archived' }] };
}

export const metadataProbe: Probe<TUnsafe<MetadataParams>> = {
  name: 'metadata',
  description: 'Checks hosting metadata (fork, archived); not measurable when the metadata is unknown (local checkout).',
  paramsSchema: Type.Unsafe<MetadataParams>(paramsSchema),
  async run(params, ctx) {
    return runMetadata(params, ctx);
  },
};
