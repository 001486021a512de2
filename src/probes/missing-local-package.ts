/**
 * Code that cannot start: a Python file whose top-level import names one of the project's own packages by a
 * conventional local name (`from utils.model_loader import select_model`, `from src.features import build`) when
 * the repository has no such package — no `utils/` folder and no `utils.py` anywhere. The import raises
 * ModuleNotFoundError before the first line of the app runs: an API whose modules were uploaded flat beside it, or
 * never committed, serves nothing. Only names no project installs from a package index (`utils`, `src`, `helpers`…);
 * only unindented imports (one inside `try:` or a function may have a fallback); `*.py` files only.
 */
import type { FileEntry } from '../types.js';
import type { ScanLine } from '../facts/code-lines.js';

/** Top-level package names a project gives its own code; none is a dependency an app installs. */
const LOCAL_PACKAGES = new Set([
  'utils',
  'util',
  'src',
  'helpers',
  'helper',
  'lib',
  'core',
  'common',
  'components',
  'modules',
  'services',
  'pipeline',
  'pipelines',
  'backend',
]);

const IMPORT = /^(?:from\s+([A-Za-z_]\w{0,40})(?:\.[\w.]{1,200})?\s+import\b|import\s+([A-Za-z_]\w{0,40})(?:\.\w|\s+as\b|\s*$))/;

export interface MissingPackage {
  name: string;
  line: number;
}

/** The folder and module names the repository holds at any depth (`utils` for `a/utils/x.py` or `utils.py`). */
export function localModuleNames(files: readonly FileEntry[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 0; i < parts.length - 1; i++) names.add(parts[i]!);
    const base = parts[parts.length - 1]!;
    const m = /^([A-Za-z_]\w*)\.(?:py|pyi|so|pyd)$/.exec(base);
    if (m) names.add(m[1]!);
  }
  return names;
}

/** The first top-level import of a conventional local package the repository does not hold, or null. */
export function missingLocalPackage(lines: readonly ScanLine[], local: ReadonlySet<string>): MissingPackage | null {
  for (const l of lines) {
    if (l.text.length > 500) continue;
    const m = IMPORT.exec(l.text);
    if (!m) continue;
    const name = (m[1] ?? m[2])!;
    if (LOCAL_PACKAGES.has(name) && !local.has(name)) return { name, line: l.line };
  }
  return null;
}
