/** `dependencies-uses`: Does the repo declare any of these packages as a dependency? */
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { MANIFEST_GLOBS, NO_MANIFEST, ev, mergedDependencies } from './_shared/manifests.js';
import { normaliseName } from '../../facts/manifest-parse.js';

const paramsSchema = Type.Object(
  {
    /** Package names (normalised: case, - _ . alike). */
    packages: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);


export const dependenciesUsesProbe = defineProbe({
  name: 'dependencies-uses',
  description: 'Does the repo declare any of these packages as a dependency?',
  paramsSchema,
  reads: () => [...MANIFEST_GLOBS],
  async run(params, ctx) {
    const set = await ctx.facts.manifests();
    const deps = mergedDependencies(set);
    const wanted = new Set(params.packages.map(normaliseName));
    const found = deps.filter((d) => wanted.has(d.name));
    if (!deps.length) return { outcome: 'fail', score: 0, evidence: [], note: NO_MANIFEST };
    if (!found.length) return { outcome: 'fail', score: 0, evidence: [], note: `none of ${[...wanted].join(', ')} is a declared dependency` };
    return { outcome: 'pass', score: 1, evidence: found.slice(0, 5).map((d) => ev(d, `depends on \`${d.name}\``)) };
  },
});
