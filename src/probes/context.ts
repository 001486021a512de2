import type { FileEntry, RepoSnapshot, TextFile } from '../types.js';
import { globMatcher, selectFiles } from './glob-gate.js';
import type { ProbeContext } from './types.js';
import { createFacts } from '../facts/index.js';
import { findReadme, parseReadme, README_PARSE_LIMIT, type ReadmeDoc } from './readme-doc.js';

export { globMatcher };

/** A probe context's `match` over `files` (also what the run plans a repo's reads with before its audit). */
export function fileMatcher(files: FileEntry[]): ProbeContext['match'] {
  return (globs, excludeGlobs = []) => selectFiles(files, globs, { exclude: excludeGlobs }).slice();
}

/** Builds the context every probe of one repo shares. `exclude` holds the user's configured exclude globs. */
export function createProbeContext(snapshot: RepoSnapshot, now: Date, exclude: string[] = []): ProbeContext {
  const excluded = globMatcher(exclude);
  const files: FileEntry[] = exclude.length ? snapshot.files.filter((f) => !excluded(f.path)) : snapshot.files;
  let readmePromise: Promise<ReadmeDoc | null> | undefined;
  const read = (path: string): Promise<TextFile | null> => snapshot.read(path);
  const match = fileMatcher(files);
  return {
    snapshot,
    files,
    now,
    read,
    match,
    facts: createFacts({ files, match, read }),
    readme() {
      readmePromise ??= (async () => {
        const entry = findReadme(files);
        if (!entry) return null;
        const file = await read(entry.path);
        if (!file) return null;
        if (file.text.length > README_PARSE_LIMIT) {
          snapshot.notes.push({
            path: entry.path,
            kind: 'info',
            message: `README is ${file.text.length} characters long: the README rules read its first ${README_PARSE_LIMIT}`,
          });
        }
        return parseReadme(file);
      })();
      return readmePromise;
    },
  };
}
