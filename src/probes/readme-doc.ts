import { remark } from 'remark';
import type { Root } from 'mdast';
import type { FileEntry, TextFile } from '../types.js';

/** A README parsed once into the remark (mdast) tree. Probes query the tree, never raw regexes over Markdown. */
export interface ReadmeDoc {
  path: string;
  text: string;
  tree: Root;
}

/** Root-level README candidates, best first: README.md beats readme.rst beats README. Case-insensitive. */
export function findReadme(files: FileEntry[]): FileEntry | null {
  const rank = (p: string): number => {
    const m = /^readme(\.(md|markdown|mdown|rst|txt|org))?$/i.exec(p);
    if (!m) return -1;
    const ext = (m[2] ?? '').toLowerCase();
    return ext === 'md' || ext === 'markdown' || ext === 'mdown' ? 3 : ext === '' ? 1 : 2;
  };
  let best: FileEntry | null = null;
  let bestRank = -1;
  for (const f of files) {
    const r = rank(f.path);
    if (r > bestRank) {
      best = f;
      bestRank = r;
    }
  }
  return best;
}

export function parseReadme(file: TextFile): ReadmeDoc {
  const tree = remark().parse(file.text) as Root;
  return { path: file.path, text: file.text, tree };
}
