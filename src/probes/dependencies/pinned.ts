/** `dependencies-pinned`: Are the declared dependencies pinned: a lock file, or a version constraint on most of them? */
import { Type } from '@sinclair/typebox';
import type { Evidence } from '../../types.js';
import { defineProbe } from '../types.js';
import { MANIFEST_GLOBS, NO_MANIFEST, ev, mergedDependencies } from './_shared/manifests.js';
import { measured } from '../../types.js';

const paramsSchema = Type.Object(
  {
    /** Share of constrained dependencies that earns score 1. */
    threshold: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.8 }),
  },
  { additionalProperties: false },
);


export const dependenciesPinnedProbe = defineProbe({
  name: 'dependencies-pinned',
  description: 'Are the declared dependencies pinned: a lock file, or a version constraint on most of them?',
  paramsSchema,
  reads: () => [...MANIFEST_GLOBS],
  async run(params, ctx) {
    const set = await ctx.facts.manifests();
    const deps = mergedDependencies(set);
    if (!deps.length && !set.lockfiles.length) return { outcome: 'fail', score: 0, evidence: [], note: NO_MANIFEST };
    if (set.lockfiles.length) {
      return {
        outcome: 'pass', score: 1,
        evidence: set.lockfiles.slice(0, 3).map((p) => ({ path: p, detail: 'lock file pins exact versions' })),
      };
    }
    const pinned = deps.filter((d) => d.pinned);
    const share = pinned.length / deps.length;
    const { threshold } = params;
    const score = Math.min(1, share / threshold);
    const summary = `${pinned.length} of ${deps.length} dependencies have a version constraint (${Math.round(share * 100)}%)`;
    const unpinned = deps.filter((d) => !d.pinned);
    const evidence: Evidence[] = [
      { path: set.manifests.find((m) => m.deps.length)?.path ?? set.manifests[0]!.path, detail: summary },
      ...(score < 1 ? unpinned.slice(0, 4).map((d) => ev(d, `\`${d.name}\` has no version constraint`)) : pinned.slice(0, 2).map((d) => ev(d, `\`${d.name}${d.spec.startsWith('@') ? ' ' : ''}${d.spec}\``))),
    ];
    return measured({ score, evidence, ...(score < 1 ? { note: summary } : {}) });
  },
});
