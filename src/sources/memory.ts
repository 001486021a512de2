import { createHash } from 'node:crypto';
import type { Commit, FileEntry, RepoMetadata, RepoSnapshot, SourceNote, TextFile } from '../types.js';
import { decodeFile, HEAD_BYTES, MAX_TEXT_BYTES } from './decode.js';
import { comparePaths } from './path-order.js';

export interface MemoryRepo {
  id?: string;
  commit?: string | null;
  files: Record<string, string | Uint8Array>;
  commits?: Commit[];
  shallow?: boolean;
  metadata?: RepoMetadata;
}

/**
 * A snapshot held in memory, for unit tests of probes.
 * Contents go through the same decoding (binary, LFS pointer, notebook, size cap) as the local source.
 */
export function memorySnapshot(repo: MemoryRepo): RepoSnapshot {
  const notes: SourceNote[] = [];
  const enc = new TextEncoder();
  const bytes = new Map<string, Uint8Array>();
  for (const [p, c] of Object.entries(repo.files)) bytes.set(p, typeof c === 'string' ? enc.encode(c) : c);
  const files: FileEntry[] = [...bytes.entries()]
    .map(([path, b]) => ({ path, size: b.byteLength }))
    .sort((a, b) => comparePaths(a.path, b.path));
  const cache = new Map<string, TextFile | null>();
  return {
    id: repo.id ?? 'memory',
    commit: repo.commit ?? null,
    files,
    history: {
      commits: repo.commits ?? [],
      shallow: repo.shallow ?? false,
      truncated: false,
      totalCount: repo.commits?.length ?? 0,
    },
    metadata: repo.metadata ?? {},
    notes,
    async blobIds(only?: ReadonlySet<string>) {
      const out = new Map<string, string>();
      for (const [p, b] of bytes) {
        const oid = createHash('sha1').update(`blob ${b.byteLength}\0`).update(b).digest('hex');
        if (!only || only.has(oid)) out.set(p, oid);
      }
      return out;
    },
    async head(path: string) {
      const b = bytes.get(path);
      return b && b.byteLength <= MAX_TEXT_BYTES ? b.slice(0, HEAD_BYTES) : null;
    },
    async read(path: string) {
      if (cache.has(path)) return cache.get(path)!;
      const b = bytes.get(path);
      const result = b ? decodeFile(path, b, notes) : null;
      cache.set(path, result);
      return result;
    },
  };
}
