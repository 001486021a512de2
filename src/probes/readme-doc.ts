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
 * within a folder README.md beats readme.rst beats README. Case-insensitive.
 */
export function findReadme(files: FileEntry[]): FileEntry | null {
  let found = readmes.get(files);
  if (found === undefined) readmes.set(files, (found = searchReadme(files)));
  return found;
}

const readmes = new WeakMap<FileEntry[], FileEntry | null>();
/** ".github/readme.markdown", the longest path a README can have. */
const MAX_README_PATH = 23;

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
  return best;
}

export { README_PARSE_LIMIT } from './markdown-bounds.js';

/** Parses the README as bounded by boundMarkdown (length, line length, nesting), so no README can stall the run. */
export function parseReadme(file: TextFile): ReadmeDoc {
  const text = boundMarkdown(file.text);
  const tree = remark().parse(text) as Root;
  return { path: file.path, text, tree };
}
