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

/**
 * A module file's name, matched in place from `lastIndex` (sticky). The lookbehind keeps the pattern linear wherever it
 * is tried (a start inside a run of word characters fails at once); from just after a "/" or at 0 it always holds.
 */
const MODULE_FILE = /(?<!\w)([A-Za-z_]\w*)\.(?:py|pyi|so|pyd)$/y;
const moduleNames = new WeakMap<readonly FileEntry[], Set<string>>();

/**
 * The folder and module names the repository holds at any depth (`utils` for `a/utils/x.py` or `utils.py`). Kept per
 * file list (every rule of the code probe with `runnable` asks). A folder's names are added once for its run of files
 * (a listing is sorted by path, so a folder's files are neighbours; an unsorted one only repeats work), and the file
 * name is matched in place: on 100,000 files this was a split array and its strings per file, per rule.
 */
export function localModuleNames(files: readonly FileEntry[]): ReadonlySet<string> {
  let names = moduleNames.get(files);
  if (names) return names;
  names = new Set<string>();
  let prevDir: string | null = null;
  for (const f of files) {
    const p = f.path;
    const slash = p.lastIndexOf('/');
    if (slash >= 0 && !(prevDir !== null && prevDir.length === slash && p.startsWith(prevDir))) {
      prevDir = p.slice(0, slash);
      for (const part of prevDir.split('/')) names.add(part);
    }
    // The name from just after the last "/" to the end (`\w` never matches "/").
    MODULE_FILE.lastIndex = slash + 1;
    const m = MODULE_FILE.exec(p);
    if (m) names.add(m[1]!);
  }
  moduleNames.set(files, names);
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
