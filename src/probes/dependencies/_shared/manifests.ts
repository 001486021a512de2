/**
 * What the dependency probes share: reads dependency manifests (requirements*.txt, pyproject.toml, setup.py, setup.cfg,
 * environment.yml, Pipfile, R DESCRIPTION, Julia Project.toml) once per probe context, for the
 * dependencies-* probes. `readManifests(ctx)` is exported for other features (skills matrix).
 */
import type { Evidence } from '../../../types.js';
import { selectFiles } from '../../glob-gate.js';
import { DEFAULT_CODE_EXCLUDE, orderForReading } from '../../code-scan.js';
import { manifestKind, parseManifest, type Dependency, type Manifest } from '../../manifest-parse.js';
import type { ProbeContext } from '../../types.js';

export type { Dependency, Manifest } from '../../manifest-parse.js';

interface ManifestSet {
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

const LOCKFILE_GLOBS = [
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


export const NO_MANIFEST =
  'no dependency manifest found (requirements.txt, pyproject.toml, setup.py, environment.yml, Pipfile, DESCRIPTION, Project.toml)';

export function ev(d: Dependency & { path: string }, detail: string): Evidence {
  return { path: d.path, ...(d.line ? { line: d.line } : {}), detail };
}
