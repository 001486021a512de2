/**
 * `dependencies` probe: reads dependency manifests (requirements*.txt, pyproject.toml, setup.py, setup.cfg,
 * environment.yml, Pipfile, R DESCRIPTION, Julia Project.toml) and checks that one exists, that versions are
 * constrained, or that given packages are used. `readManifests(ctx)` is exported for other features (skills matrix).
 */
import type { Evidence, ProbeResult } from '../types.js';
import { selectFiles } from './glob-gate.js';
import { DEFAULT_CODE_EXCLUDE, orderForReading } from './code-scan.js';
import { manifestKind, normaliseName, parseManifest, type Dependency, type Manifest } from './manifest-parse.js';
import { Type, type TUnsafe } from '@sinclair/typebox';
import type { Probe, ProbeContext } from './types.js';

export type { Dependency, Manifest } from './manifest-parse.js';

export interface ManifestSet {
  /** Manifests that declare dependencies (or are package manifests with none), shallow paths first. */
  manifests: Manifest[];
  /** Lock files found (poetry.lock, uv.lock, Pipfile.lock, conda-lock, renv.lock, Manifest.toml…). */
  lockfiles: string[];
}

export const MANIFEST_GLOBS = [
  '**/*requirements*.txt',
  '**/*requirements*.in',
  '**/requirements/*.txt',
  '**/pyproject.toml',
  '**/setup.py',
  '**/setup.cfg',
  '**/environment*.yml',
  '**/environment*.yaml',
  '**/conda*.yml',
  '**/conda*.yaml',
  '**/env.yml',
  '**/env.yaml',
  '**/Pipfile',
  '**/DESCRIPTION',
  '**/Project.toml',
  '**/JuliaProject.toml',
];

export const LOCKFILE_GLOBS = [
  '**/poetry.lock',
  '**/uv.lock',
  '**/Pipfile.lock',
  '**/pdm.lock',
  '**/conda-lock.yml',
  '**/conda-lock.yaml',
  '**/*.conda-lock.yml',
  '**/renv.lock',
  '**/Manifest.toml',
  '**/JuliaManifest.toml',
  '**/requirements*.lock',
];

/** At most this many manifests are read (shallow ones first). */
const MAX_MANIFESTS = 30;

const cache = new WeakMap<ProbeContext, Promise<ManifestSet>>();

async function loadManifests(ctx: ProbeContext): Promise<ManifestSet> {
  const exclude = DEFAULT_CODE_EXCLUDE;
  const files = orderForReading(ctx.match(MANIFEST_GLOBS, exclude)).filter((f) => manifestKind(f.path) !== null);
  const manifests: Manifest[] = [];
  for (const f of files.slice(0, MAX_MANIFESTS)) {
    const kind = manifestKind(f.path)!;
    const file = await ctx.read(f.path);
    if (!file) continue;
    if (kind === 'r-description' && !/^Package:/m.test(file.text)) continue;
    if (kind === 'pyproject' && !/^[^\S\n\r]*\[(project|tool\.poetry)\]/m.test(file.text)) continue;
    const deps = parseManifest(kind, file.text);
    if (kind === 'conda' && deps.length === 0) continue;
    manifests.push({ path: f.path, kind, deps });
  }
  const lockfiles = selectFiles(ctx.files, LOCKFILE_GLOBS, { exclude }).filter((f) => f.size > 0).map((f) => f.path);
  return { manifests, lockfiles };
}

/** Every dependency manifest of the repo, parsed once per probe context. */
export function readManifests(ctx: ProbeContext): Promise<ManifestSet> {
  let p = cache.get(ctx);
  if (!p) {
    p = loadManifests(ctx).catch(() => ({ manifests: [], lockfiles: [] }));
    cache.set(ctx, p);
  }
  return p;
}

/** All dependencies, de-duplicated by name; a dependency counts as constrained when any manifest constrains it. */
export function mergedDependencies(set: ManifestSet): Array<Dependency & { path: string }> {
  const byName = new Map<string, Dependency & { path: string }>();
  for (const m of set.manifests) {
    for (const d of m.deps) {
      const prev = byName.get(d.name);
      if (!prev || (!prev.pinned && d.pinned)) byName.set(d.name, { ...d, path: m.path });
    }
  }
  return [...byName.values()];
}

export interface DependenciesParams {
  check: 'manifest' | 'pinned' | 'uses';
  packages?: string[];
  /** pinned: share of constrained dependencies that earns score 1 (default 0.8). */
  threshold?: number;
}

const paramsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['check'],
  properties: {
    check: { enum: ['manifest', 'pinned', 'uses'] },
    packages: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    threshold: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
  if: { properties: { check: { const: 'uses' } } },
  then: { required: ['packages'] },
} as const;

const NO_MANIFEST =
  'no dependency manifest found (requirements.txt, pyproject.toml, setup.py, environment.yml, Pipfile, DESCRIPTION, Project.toml)';

function ev(d: Dependency & { path: string }, detail: string): Evidence {
  return { path: d.path, ...(d.line ? { line: d.line } : {}), detail };
}

async function runDependencies(params: DependenciesParams, ctx: ProbeContext): Promise<ProbeResult> {
  const set = await readManifests(ctx);
  const deps = mergedDependencies(set);

  if (params.check === 'manifest') {
    if (deps.length) {
      const withDeps = set.manifests.filter((m) => m.deps.length);
      return {
        score: 1,
        evidence: withDeps.slice(0, 5).map((m) => ({ path: m.path, detail: `${m.kind} manifest with ${m.deps.length} dependencies` })),
      };
    }
    if (set.manifests.length)
      return {
        score: 0.5,
        evidence: set.manifests.slice(0, 5).map((m) => ({ path: m.path, detail: `${m.kind} manifest lists no dependencies` })),
        note: 'a manifest exists but lists no dependencies',
      };
    return { score: 0, evidence: [], note: NO_MANIFEST };
  }

  if (params.check === 'pinned') {
    if (!deps.length && !set.lockfiles.length) return { score: 0, evidence: [], note: NO_MANIFEST };
    if (set.lockfiles.length) {
      return {
        score: 1,
        evidence: set.lockfiles.slice(0, 3).map((p) => ({ path: p, detail: 'lock file pins exact versions' })),
      };
    }
    const pinned = deps.filter((d) => d.pinned);
    const share = pinned.length / deps.length;
    const threshold = params.threshold ?? 0.8;
    const score = Math.min(1, share / threshold);
    const summary = `${pinned.length} of ${deps.length} dependencies have a version constraint (${Math.round(share * 100)}%)`;
    const unpinned = deps.filter((d) => !d.pinned);
    const evidence: Evidence[] = [
      { path: set.manifests.find((m) => m.deps.length)?.path ?? set.manifests[0]!.path, detail: summary },
      ...(score < 1 ? unpinned.slice(0, 4).map((d) => ev(d, `\`${d.name}\` has no version constraint`)) : pinned.slice(0, 2).map((d) => ev(d, `\`${d.name}${d.spec.startsWith('@') ? ' ' : ''}${d.spec}\``))),
    ];
    return { score, evidence, ...(score < 1 ? { note: summary } : {}) };
  }

  // uses
  const wanted = new Set((params.packages ?? []).map(normaliseName));
  const found = deps.filter((d) => wanted.has(d.name));
  if (!deps.length) return { score: 0, evidence: [], note: NO_MANIFEST };
  if (!found.length) return { score: 0, evidence: [], note: `none of ${[...wanted].join(', ')} is a declared dependency` };
  return { score: 1, evidence: found.slice(0, 5).map((d) => ev(d, `depends on \`${d.name}\``)) };
}

export const dependenciesProbe: Probe<TUnsafe<DependenciesParams>> = {
  name: 'dependencies',
  description:
    'Parses dependency manifests (requirements, pyproject, setup.py/cfg, conda environment, Pipfile, R DESCRIPTION, Julia Project.toml): a manifest exists, versions are constrained, or given packages are used.',
  paramsSchema: Type.Unsafe<DependenciesParams>(paramsSchema),
  async run(params, ctx) {
    return await runDependencies(params, ctx);
  },
  reads() {
    return [...MANIFEST_GLOBS];
  },
};
