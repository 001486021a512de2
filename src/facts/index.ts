/**
 * The facts layer: what the probes and the skill matrix know about a repo before any rule asks a question — its
 * languages, its dependency manifests (one parser), its code lines with comments stripped (one stripper), its
 * notebooks, and which files are vendored (one list). Computed lazily, once per snapshot, on the probe context
 * (`ctx.facts`), like repolinter's axioms: a probe may gate on a fact (`(await ctx.facts.languages())` names no
 * Python, say) instead of reading files again.
 */
import type { FileEntry, TextFile } from '../types.js';
import { scanLines, type ScanLine } from './code-lines.js';
import { languagesOf, type LanguageShare } from './languages.js';
import { loadManifests, type ManifestSet } from './manifests.js';
import { notebookFiles } from './notebooks.js';
import { copiedTrees } from './copied-trees.js';
import { isVendored, NOT_AUTHORED_GLOBS, VENDORED_GLOBS } from './vendored.js';

export type { LanguageShare } from './languages.js';
export type { ManifestSet, Dependency, Manifest } from './manifests.js';
export type { ScanLine } from './code-lines.js';

export interface RepoFacts {
  /** Whether a path is vendored (virtual environments, installed packages, caches, minified bundles: vendored.ts). */
  isVendored(path: string): boolean;
  /** The files minus vendored trees, sorted by path. */
  ownFiles(): FileEntry[];
  /** The repo's languages by extension, most bytes first; vendored, copied (vendor/, third_party/) and built trees left out. */
  languages(): LanguageShare[];
  /** The dependency manifests, parsed once (manifests.ts), and the lock files. */
  manifests(): Promise<ManifestSet>;
  /** The non-empty Jupyter notebooks outside vendored trees, by path. */
  notebooks(): FileEntry[];
  /**
   * A file's lines as code patterns see them (comments dropped, notebooks: code cells numbered from 1, R Markdown: its
   * chunks, prose: none); null when the file cannot be read. Memoised per file.
   */
  codeLines(path: string): Promise<readonly ScanLine[] | null>;
  /**
   * Globs of copied library code: folders whose code files mostly carry another project's copyright header (a library
   * pasted in: copied-trees.ts) as `<folder>/**`, then the loose files with such a header when a folder was found. The
   * stage rules leave them out with vendor/ (`skipCopied`).
   */
  copiedTrees(): Promise<string[]>;
}

/** What the facts are computed from: the probe context's files (the user's `exclude` already applied), glob selection and reads. */
export interface FactsSource {
  files: FileEntry[];
  match(globs: string[], exclude?: string[]): FileEntry[];
  read(path: string): Promise<TextFile | null>;
}

/** The facts of one snapshot; each is computed on first use and kept. */
export function createFacts(src: FactsSource): RepoFacts {
  let own: FileEntry[] | undefined;
  let languages: LanguageShare[] | undefined;
  let manifests: Promise<ManifestSet> | undefined;
  let notebooks: FileEntry[] | undefined;
  let copied: Promise<string[]> | undefined;
  const facts: RepoFacts = {
    isVendored,
    ownFiles: () => (own ??= src.match(['**/*'], [...VENDORED_GLOBS])),
    languages: () => (languages ??= languagesOf(src.match(['**/*'], [...NOT_AUTHORED_GLOBS]), src.files)),
    manifests: () => (manifests ??= loadManifests(src).catch(() => ({ manifests: [], lockfiles: [] }))),
    notebooks: () => (notebooks ??= notebookFiles(src.match(['**/*.ipynb'], [...VENDORED_GLOBS]))),
    async codeLines(path) {
      const file = await src.read(path);
      return file ? scanLines(file, 'code') : null;
    },
    copiedTrees: () => (copied ??= copiedTrees(facts.ownFiles(), src.read).catch(() => [])),
  };
  return facts;
}
