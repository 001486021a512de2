/**
 * Local source: the files of a plain directory (no git), minus what its .gitignore files exclude.
 */
import { lstatSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileEntry, SourceNote } from '../types.js';
import { comparePaths } from './path-order.js';
import { errCode } from './source-error.js';

/** Lists a directory tree, skipping `.git` and whatever the root and nested .gitignore files exclude. */
export async function walkDirectory(root: string, notes: SourceNote[]): Promise<FileEntry[]> {
  interface Level {
    /** Directory of the .gitignore, relative to root, with a trailing slash ('' at the root). */
    base: string;
    ig: Ignore;
  }
  const out: FileEntry[] = [];
  const visit = async (relDir: string, levels: Level[]): Promise<void> => {
    const absDir = relDir ? join(root, ...relDir.split('/')) : root;
    let entries;
    try {
      entries = await readdir(absDir, { withFileTypes: true });
    } catch (e) {
      notes.push({ path: relDir, kind: 'unreadable', message: `skipped directory: cannot list (${errCode(e) ?? 'error'})` });
      return;
    }
    const gi = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gi) {
      try {
        const text = await readFile(join(absDir, '.gitignore'), 'utf8');
        levels = [...levels, { base: relDir ? relDir + '/' : '', ig: ignore({ ignorecase: false }).add(text) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    for (const e of entries) {
      if (e.name === '.git') continue;
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (isIgnored(levels, rel, isDir)) continue;
      if (isDir) {
        await visit(rel, levels);
      } else if (e.isFile() || e.isSymbolicLink()) {
        const s = lstatSync(join(absDir, e.name), { throwIfNoEntry: false });
        if (s) out.push({ path: rel, size: s.size });
      }
    }
  };
  await visit('', []);
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

/** Git's precedence: the deepest .gitignore with a matching rule decides; within one file the last matching rule. */
function isIgnored(levels: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { base, ig } = levels[i];
    const sub = rel.slice(base.length) + (isDir ? '/' : '');
    let r;
    try {
      r = ig.test(sub);
    } catch {
      return false; // names the ignore package rejects (e.g. "...") cannot match a rule
    }
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}
