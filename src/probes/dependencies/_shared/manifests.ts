/**
 * What the dependency probes share: the manifests fact (src/facts/manifests.ts, parsed once per probe context) and
 * their evidence wording.
 */
import type { Evidence } from '../../../types.js';
import type { Dependency } from '../../../facts/manifests.js';

export { MANIFEST_GLOBS, mergedDependencies } from '../../../facts/manifests.js';

export const NO_MANIFEST =
  'no dependency manifest found (requirements.txt, pyproject.toml, setup.py, environment.yml, Pipfile, DESCRIPTION, Project.toml, pom.xml, build.gradle)';

export function ev(d: Dependency & { path: string }, detail: string): Evidence {
  return { path: d.path, ...(d.line ? { line: d.line } : {}), detail };
}
