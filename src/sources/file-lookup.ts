/**
 * A file of a listing by its path, without a Map of the whole listing. Sources list files sorted by path
 * (path-order.ts), so a binary search finds one; an unsorted list gets a Map, built once. Several rules look up a
 * handful of paths (the README's commands, a commit's files) in a listing of up to 100,000 files: a Map per rule was
 * ~7 MB of short-lived garbage each time on the 100,000-file bench repos, promoted out of the young generation before
 * it died (bench/README.md, mem13).
 *
 * Kept per listing (a WeakMap on the array, as readme/_shared/refs.ts keeps its index): a listing is not changed once
 * made (its files' sizes may be filled in later; lookups return the file itself, so they see them).
 */
import { isSortedByPath, lowerBoundPath } from './path-order.js';

type Lookup<F> = (path: string) => F | undefined;

const lookups = new WeakMap<ReadonlyArray<{ path: string }>, Lookup<{ path: string }>>();

function build<F extends { path: string }>(files: readonly F[]): Lookup<F> {
  if (isSortedByPath(files)) {
    return (path) => {
      const i = lowerBoundPath(files, path);
      return i < files.length && files[i]!.path === path ? files[i] : undefined;
    };
  }
  // As `new Map(files.map((f) => [f.path, f]))`: of two files with the same path, the later one.
  const byPath = new Map<string, F>();
  for (const f of files) byPath.set(f.path, f);
  return (path) => byPath.get(path);
}

/** The file of `files` with this path (the last such file when the list has duplicates), or undefined. */
export function fileByPath<F extends { path: string }>(files: readonly F[]): Lookup<F> {
  let get = lookups.get(files) as Lookup<F> | undefined;
  if (!get) lookups.set(files, (get = build(files)));
  return get;
}
