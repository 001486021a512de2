import picomatch from 'picomatch';
import type { FileEntry, RepoSnapshot, TextFile } from '../types.js';
import type { ProbeContext } from './types.js';
import { findReadme, parseReadme, type ReadmeDoc } from './readme-doc.js';

const matcherCache = new Map<string, (p: string) => boolean>();

/** Compiled glob matcher (picomatch, dot files included, case-insensitive file systems are not assumed). */
export function globMatcher(globs: string[], opts: { nocase?: boolean } = {}): (path: string) => boolean {
  const key = JSON.stringify([globs, opts.nocase ?? false]);
  let m = matcherCache.get(key);
  if (!m) {
    m = globs.length ? picomatch(globs, { dot: true, nocase: opts.nocase ?? false }) : () => false;
    matcherCache.set(key, m);
  }
  return m;
}

/** Builds the context every probe of one repo shares. `exclude` holds the user's configured exclude globs. */
export function createProbeContext(snapshot: RepoSnapshot, now: Date, exclude: string[] = []): ProbeContext {
  const excluded = globMatcher(exclude);
  const files: FileEntry[] = exclude.length ? snapshot.files.filter((f) => !excluded(f.path)) : snapshot.files;
  let readmePromise: Promise<ReadmeDoc | null> | undefined;
  const read = (path: string): Promise<TextFile | null> => snapshot.read(path);
  return {
    snapshot,
    files,
    now,
    read,
    match(globs: string[], excludeGlobs: string[] = []) {
      const inc = globMatcher(globs);
      const exc = globMatcher(excludeGlobs);
      return files.filter((f) => inc(f.path) && !exc(f.path));
    },
    readme() {
      readmePromise ??= (async () => {
        const entry = findReadme(files);
        if (!entry) return null;
        const file = await read(entry.path);
        return file ? parseReadme(file) : null;
      })();
      return readmePromise;
    },
  };
}
