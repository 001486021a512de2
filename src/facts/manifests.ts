/**
 * The repo's dependency manifests, parsed once: requirements*.txt / *.in, pyproject.toml, setup.py, setup.cfg, conda
 * environment files, Pipfile, R DESCRIPTION, Julia Project.toml, Maven pom.xml, Gradle build files — one glob list and one parser (manifest-parse.ts)
 * for the dependencies-* probes, the project kind and the skill matrix alike. Lock files are listed, not parsed.
 */
import type { FileEntry, TextFile } from '../types.js';
import { orderForReading } from '../probes/code-scan.js';
import { manifestKind, parseManifest, type Dependency, type Manifest } from './manifest-parse.js';
import { VENDORED_GLOBS } from './vendored.js';
import { languagesOf } from './languages.js';

export type { Dependency, Manifest } from './manifest-parse.js';

export interface ManifestSet {
  /** Manifests that declare dependencies (or are package manifests with none), in reading order (manifests.ts). */
  manifests: Manifest[];
  /** Lock files found (poetry.lock, uv.lock, Pipfile.lock, conda-lock, renv.lock, Manifest.toml…). */
  lockfiles: string[];
}

/** Every file that may be a dependency manifest; `manifestKind` then decides which parser reads it. */
export const MANIFEST_GLOBS: readonly string[] = [
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
  '**/pom.xml',
  '**/build.gradle',
  '**/build.gradle.kts',
];

const LOCKFILE_GLOBS: readonly string[] = [
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
  '**/gradle.lockfile',
];

/** Code a Maven or Gradle build compiles. */
const JVM_CODE_GLOBS: readonly string[] = ['**/*.java', '**/*.kt', '**/*.scala', '**/*.groovy'];

/** At most this many manifests are read (in reading order: typical names and shallow paths first). */
export const MAX_MANIFESTS = 30;

/** What the manifests fact needs of the probe context. */
export interface ManifestSource {
  match(globs: string[], exclude?: string[]): FileEntry[];
  read(path: string): Promise<TextFile | null>;
}

/** The manifest files of the repo (vendored trees excluded) that the parser knows, in reading order, unbounded. */
export function manifestFiles(src: Pick<ManifestSource, 'match'>): FileEntry[] {
  return orderForReading(src.match([...MANIFEST_GLOBS], [...VENDORED_GLOBS])).filter((f) => manifestKind(f.path) !== null);
}

const JVM_LANGUAGES = new Set(['Java', 'Scala', 'Kotlin']);
/** JVM files read at most for their imports, and lines read of each. */
const MAX_JVM_FILES = 30;
const MAX_JVM_LINES = 200;
/** An import of a JVM package: `import org.junit.Test;`, `import weka.core._` (bounded: linear). */
const JVM_IMPORT = /^\s*import\s+(?:static\s+)?([A-Za-z_][\w.]{0,200})/;
/** Parts of artifact names and packages too common to tie one to the other. */
const COMMON_PARTS = new Set(['org', 'com', 'net', 'io', 'java', 'javax', 'kotlin', 'scala', 'core', 'api', 'common', 'commons', 'lang', 'util', 'utils', 'jvm', 'main', 'lib', 'all']);

/**
 * Whether the repo is a JVM project whose build file a pom.xml or a Gradle file is: its main language is Java, Scala or
 * Kotlin (the languages fact's order, by bytes), or its JVM code imports a library the build file declares
 * (`import org.junit.Test` for junit, `import weka.core.*` for weka-stable). A pom.xml and a one-line `class A {}`
 * beside a Python notebook are not its manifest.
 */
class JvmCheck {
  private main: boolean | undefined;
  private imports: Promise<Set<string>> | undefined;
  constructor(private readonly src: ManifestSource) {}

  async declares(deps: readonly Dependency[]): Promise<boolean> {
    this.main ??= JVM_LANGUAGES.has(languagesOf(this.src.match(['**/*'], [...VENDORED_GLOBS]).filter((f) => !/\.gradle\.kts$/i.test(f.path)))[0]?.language ?? '');
    if (this.main) return true;
    const imported = await (this.imports ??= this.importParts());
    if (imported.size === 0) return false;
    return deps.some((d) => d.name.split('-').some((p) => p.length >= 3 && !COMMON_PARTS.has(p) && imported.has(p)));
  }

  private async importParts(): Promise<Set<string>> {
    const parts = new Set<string>();
    const files = this.src.match([...JVM_CODE_GLOBS], [...VENDORED_GLOBS]).filter((c) => c.size > 0);
    for (const f of orderForReading(files).slice(0, MAX_JVM_FILES)) {
      const file = await this.src.read(f.path);
      if (!file) continue;
      for (const line of file.text.split('\n', MAX_JVM_LINES)) {
        const m = JVM_IMPORT.exec(line);
        if (!m) continue;
        for (const p of m[1]!.toLowerCase().split('.')) if (p.length >= 3 && !COMMON_PARTS.has(p)) parts.add(p);
      }
    }
    return parts;
  }
}

/** Reads and parses the manifests (at most MAX_MANIFESTS) and lists the lock files. Never throws for bad content. */
export async function loadManifests(src: ManifestSource): Promise<ManifestSet> {
  const manifests: Manifest[] = [];
  let jvm: boolean | undefined;
  const jvmCheck = new JvmCheck(src);
  for (const f of manifestFiles(src).slice(0, MAX_MANIFESTS)) {
    const kind = manifestKind(f.path)!;
    // A Maven or Gradle build file declares the project's dependencies only when there is JVM code to build: a pom.xml
    // beside a Python project (with nothing to compile) is not its manifest.
    if (kind === 'maven' || kind === 'gradle') {
      jvm ??= src.match([...JVM_CODE_GLOBS], [...VENDORED_GLOBS]).some((c) => c.size > 0);
      if (!jvm) continue;
    }
    const file = await src.read(f.path);
    if (!file) continue;
    // A DESCRIPTION that is not an R package's, a pyproject.toml that only configures tools: not manifests.
    if (kind === 'r-description' && !/^Package:/m.test(file.text)) continue;
    if (kind === 'pyproject' && !/^[^\S\n\r]*\[(project|tool\.poetry)\]/m.test(file.text)) continue;
    const deps = parseManifest(kind, file.text);
    if (kind === 'conda' && deps.length === 0) continue;
    // And only for a JVM project (JvmCheck): JVM code of some bytes beside another language's project is not enough.
    if ((kind === 'maven' || kind === 'gradle') && !(await jvmCheck.declares(deps))) continue;
    manifests.push({ path: f.path, kind, deps });
  }
  const lockfiles = src.match([...LOCKFILE_GLOBS], [...VENDORED_GLOBS]).filter((f) => f.size > 0).map((f) => f.path);
  return { manifests, lockfiles };
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
