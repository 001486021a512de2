import { remark } from 'remark';
import type { Root } from 'mdast';
import type { FileEntry, TextFile } from '../types.js';
import { boundMarkdown } from './markdown-bounds.js';

/** A README parsed once into the remark (mdast) tree. Probes query the tree, never raw regexes over Markdown. */
export interface ReadmeDoc {
  path: string;
  text: string;
  tree: Root;
}

/**
 * The README GitHub shows on the repo page, best first: a root README beats .github/README beats docs/README;
 * within a folder README.md beats readme.rst beats README. Case-insensitive. With none of these, the README of the
 * project folder a reader would open (projectFolderReadme), if the repo is a container of project folders.
 */
export function findReadme(files: FileEntry[]): FileEntry | null {
  let found = readmes.get(files);
  if (found === undefined) readmes.set(files, (found = searchReadme(files)));
  return found;
}

const readmes = new WeakMap<FileEntry[], FileEntry | null>();
/** ".github/readme.markdown", the longest path a README can have. */
const MAX_README_PATH = 23;

/**
 * Folder names whose README is never the project's: dependencies and vendored code, environments, data and assets,
 * examples and tests (their README describes them, not the project).
 */
const NOT_A_PROJECT_FOLDER =
  /^(?:node_modules|vendor|vendors|third[-_]?party|3rdparty|external|externals|deps|lib|libs|site-packages|venv|env|\.?venv\d*|data|datasets?|raw|assets|static|public|images?|img|media|examples?|samples?|tests?|notebooks?|scripts|docs?|resources|submodules?|references?|papers?)$/i;
/** A file that is code of a project (any language the audit reads or names). */
const CODE_FILE = /\.(?:py|ipynb|r|rmd|qmd|jl|m|js|jsx|ts|tsx|php|java|scala|kt|go|rs|cpp|cc|c|cs|rb|swift)$/i;
/** Code in the ML languages the pipeline rules read. */
const ML_FILE = /\.(?:py|ipynb|r|rmd|qmd|jl)$/i;
const FOLDER_README = /^([^/]+)\/readme(?:\.(?:md|markdown|mdown|rst|txt|org))?$/i;

/**
 * No README at the root: the repo is a container of project folders (`engine/`, `web-app/`) with no code of its own
 * at the root, and a hiring manager clicks into the project folder and reads its README. That README stands in, one
 * folder down only: a README deeper in the tree, in a dependency, data, docs, examples or tests folder, in a folder
 * that holds no code, or beside code at the root (the root is then the project, and a sub-folder's README describes
 * a part of it) is never taken. Among several project folders, the one with the most ML code, then the longest README.
 */
function projectFolderReadme(files: FileEntry[]): FileEntry | null {
  const readmes = new Map<string, FileEntry>();
  const code = new Map<string, { all: number; ml: number }>();
  for (const f of files) {
    const slash = f.path.indexOf('/');
    if (slash < 0) {
      if (CODE_FILE.test(f.path)) return null;
      continue;
    }
    const top = f.path.slice(0, slash);
    if (top.startsWith('.') || NOT_A_PROJECT_FOLDER.test(top)) continue;
    const m = FOLDER_README.exec(f.path);
    if (m) {
      const prev = readmes.get(top);
      if (!prev || /\.(?:md|markdown|mdown)$/i.test(f.path)) readmes.set(top, f);
      continue;
    }
    if (CODE_FILE.test(f.path)) {
      const c = code.get(top) ?? { all: 0, ml: 0 };
      c.all++;
      if (ML_FILE.test(f.path)) c.ml++;
      code.set(top, c);
    }
  }
  let best: FileEntry | null = null;
  let bestKey: [number, number, number] = [-1, -1, -1];
  for (const [top, f] of readmes) {
    const c = code.get(top);
    if (!c || c.all === 0) continue;
    const key: [number, number, number] = [c.ml, f.size, c.all];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))) {
      best = f;
      bestKey = key;
    }
  }
  return best;
}

/** The README is a project folder's, not the root's (see projectFolderReadme). */
export function isFolderReadme(path: string): boolean {
  return FOLDER_README.test(path) && !/^(?:\.github|docs)\//i.test(path);
}

function searchReadme(files: FileEntry[]): FileEntry | null {
  const rank = (p: string): number => {
    const m = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdown|rst|txt|org))?$/i.exec(p);
    if (!m) return -1;
    const ext = (m[3] ?? '').toLowerCase();
    const byExt = ext === 'md' || ext === 'markdown' || ext === 'mdown' ? 3 : ext === '' ? 1 : 2;
    const byDir = m[1] === undefined ? 20 : m[1].toLowerCase() === '.github/' ? 10 : 0;
    return byDir + byExt;
  };
  let best: FileEntry | null = null;
  let bestRank = -1;
  for (const f of files) {
    if (f.path.length > MAX_README_PATH) continue;
    const r = rank(f.path);
    if (r > bestRank) {
      best = f;
      bestRank = r;
    }
  }
  return best ?? projectFolderReadme(files);
}

export { README_PARSE_LIMIT } from './markdown-bounds.js';

/** Parses the README as bounded by boundMarkdown (length, line length, nesting), so no README can stall the run. */
export function parseReadme(file: TextFile): ReadmeDoc {
  const text = boundMarkdown(file.text);
  const tree = remark().parse(text) as Root;
  return { path: file.path, text, tree };
}
