/** `dependencies-manifest`: Does the repo declare its dependencies in a manifest (requirements, pyproject, setup.py/cfg, conda environment, Pipfile, R DESCRIPTION, Julia Project.toml)? */
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { MANIFEST_GLOBS, NO_MANIFEST, mergedDependencies } from './_shared/manifests.js';

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const dependenciesManifestProbe = defineProbe({
  name: 'dependencies-manifest',
  description: 'Does the repo declare its dependencies in a manifest (requirements, pyproject, setup.py/cfg, conda environment, Pipfile, R DESCRIPTION, Julia Project.toml)?',
  paramsSchema,
  reads: () => [...MANIFEST_GLOBS],
  async run(params, ctx) {
    const set = await ctx.facts.manifests();
    const deps = mergedDependencies(set);
    if (deps.length) {
      const withDeps = set.manifests.filter((m) => m.deps.length);
      return {
        outcome: 'pass', score: 1,
        evidence: withDeps.slice(0, 5).map((m) => ({ path: m.path, detail: `${m.kind} manifest with ${m.deps.length} dependencies` })),
      };
    }
    if (set.manifests.length)
      return {
        outcome: 'partial', score: 0.5,
        evidence: set.manifests.slice(0, 5).map((m) => ({ path: m.path, detail: `${m.kind} manifest lists no dependencies` })),
        note: 'a manifest exists but lists no dependencies',
      };
    return { outcome: 'fail', score: 0, evidence: [], note: NO_MANIFEST };
  },
});
