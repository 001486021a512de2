/**
 * Step 3 of a GitHub snapshot: file contents, in bulk (GraphQL, one alias per blob) when the engine prefetches
 * the files its rules will read, or on a read nobody foresaw (batched per tick). Decoded exactly like local files.
 *
 * Contents GitHub does not return (a null blob, an error on it in a partial answer, a failed query) are "not
 * returned": the file is noted as such (kind 'not-returned', which the README rules do not score as absent), and
 * the snapshot is partial with "N file contents not returned".
 */
import { posix } from 'node:path';
import { findReadme } from '../probes/readme-doc.js';
import { isNotebookPath } from '../facts/notebooks.js';
import { scanNotebook } from '../facts/notebook-scan.js';
import type { FileEntry, NotebookCell, SourceNote, TextFile } from '../types.js';
import { decodeFile, HEAD_BYTES, MAX_TEXT_BYTES, notebookFile, SCAN_NOTEBOOKS_FROM, sizeCapFor } from './decode.js';
import { fetchBlobBytes } from './github-blob.js';
import type { GithubClient } from './github-client.js';
import { isAbort, isPrimaryRateLimit, isTimeoutLike, RepoTimeoutError, SkipError } from './github-errors.js';
import { graphql, partialAnswer, type GqlProblem } from './github-graphql.js';
import { blobsQuery, type GqlBlob } from './github-queries.js';
import type { RepoTree } from './github-tree.js';

const DEFAULT_BLOBS_PER_QUERY = 300;
const DEFAULT_BYTES_PER_QUERY = 8 * 1024 * 1024;
/**
 * GitHub's GraphQL gives a blob's text truncated past this many bytes (`isTruncated`); the source then fetches the
 * bytes over REST. Notebooks the tree already shows larger are fetched over REST at once: their first 512,000
 * characters in a GraphQL answer would be read only to be thrown away.
 */
const GRAPHQL_TEXT_LIMIT = 512_000;

type Raw =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** A large notebook read as soon as it arrived (decode.ts would read it so): its cells, not its megabytes. */
  | { kind: 'cells'; cells: NotebookCell[] }
  | { kind: 'binary'; size: number }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing'; message: string };

interface ContentsContext {
  client: GithubClient;
  owner: string;
  name: string;
  tree: RepoTree;
  files: FileEntry[];
  notes: SourceNote[];
  signal?: AbortSignal;
  count: () => void;
  /** Turns any error into the source's errors (the per-repo deadline included). */
  classify: (e: unknown) => Error;
  /** Records why the snapshot is partial (each reason once; a reason with the same `key` is replaced). */
  gap: (reason: string, key?: string) => void;
  maxBlobsPerQuery?: number;
  maxBytesPerQuery?: number;
}

const NOT_RETURNED = 'skipped: the API did not return the content of this file';
/** Bytes of a file read this large or larger are let go once decoded (notebooks with outputs are megabytes). */
const KEEP_BYTES_BELOW = 64 * 1024;

export function createContents(ctx: ContentsContext): {
  read: (path: string) => Promise<TextFile | null>;
  prefetch: (paths: string[]) => Promise<void>;
  head: (path: string) => Promise<Uint8Array | null>;
} {
  const { client, owner, name, signal, count, notes } = ctx;
  const { entries, dirs } = ctx.tree;
  const oidSize = new Map([...entries.values()].map((e) => [e.oid, e.size]));
  const raw = new Map<string, Raw>();
  const inflight = new Map<string, Promise<void>>();
  const notReturned = new Set<string>();
  /** Files read whose bytes were let go (see decode); a later prefetch does not fetch them again. */
  const dropped = new Set<string>();
  let batch: Set<string> | null = null;
  let batchDone: Promise<void> | null = null;
  let fatal: Error | null = null;

  const missing = (path: string, message: string): Raw => {
    notReturned.add(path);
    const n = notReturned.size;
    ctx.gap(`${n} file content${n === 1 ? '' : 's'} not returned`, 'contents');
    return { kind: 'missing', message };
  };

  /** Blobs read only as notebooks (every path asking for them ends in .ipynb): read as soon as they arrive. */
  const asNotebook = new Set<string>();
  const restBlob = async (oid: string): Promise<Raw> => {
    count();
    const bytes = await fetchBlobBytes(client, owner, name, oid, signal);
    if (!bytes) return { kind: 'missing', message: NOT_RETURNED };
    // What decodeFile would give any .ipynb path with these bytes, when the scanner is sure of it (it then has no
    // note to write: valid UTF-8, strict JSON, not binary, not an LFS pointer). Otherwise the bytes, read as before.
    if (asNotebook.has(oid) && bytes.byteLength >= SCAN_NOTEBOOKS_FROM && bytes.byteLength <= sizeCapFor('.ipynb')) {
      const cells = scanNotebook(bytes);
      if (cells) return { kind: 'cells', cells };
    }
    return { kind: 'bytes', bytes };
  };

  const fromBlob = async (b: GqlBlob | null | undefined, failed: boolean): Promise<Raw> => {
    if (!b || failed || typeof b !== 'object') return { kind: 'missing', message: NOT_RETURNED };
    if (b.isBinary) return { kind: 'binary', size: Number(b.byteSize) || 0 };
    // Truncated text (large files) or text GitHub could not give as UTF-8: fetch the exact bytes.
    if (b.isTruncated || typeof b.text !== 'string') return restBlob(b.oid);
    return { kind: 'bytes', bytes: new TextEncoder().encode(b.text) };
  };

  const fetchChunk = async (oids: string[], out: Map<string, Raw>): Promise<void> => {
    let data: { repository?: Record<string, GqlBlob | null> | null } | null;
    let problems: GqlProblem[] = [];
    try {
      data = await graphql(client, blobsQuery(oids), { owner, name }, { signal, count, shrinkable: oids.length > 1 });
    } catch (e) {
      const partial = partialAnswer<{ repository?: Record<string, GqlBlob | null> | null }>(e);
      if (partial) {
        // Errors on some blobs: the others are usable; the ones with errors are not returned.
        data = partial.data;
        problems = partial.problems;
      } else if (isTimeoutLike(e) && oids.length > 1) {
        const half = Math.ceil(oids.length / 2);
        await fetchChunk(oids.slice(0, half), out);
        await fetchChunk(oids.slice(half), out);
        return;
      } else throw e;
    }
    const failed = new Set(problems.map((p) => p.path[1]));
    for (let i = 0; i < oids.length; i++) {
      const alias = `b${i}`;
      out.set(oids[i], await fromBlob(data?.repository?.[alias], failed.has(alias)));
    }
  };

  /** Fetches the blobs of `paths` (files over the cap are not fetched: their size says enough). */
  const fetchPaths = async (paths: string[]): Promise<void> => {
    const oids: string[] = [];
    /** Notebooks GraphQL would truncate: over REST at once, one request each, as a truncated text would be. */
    const direct: string[] = [];
    const seen = new Set<string>();
    const notNotebook = new Set<string>();
    for (const p of paths) {
      const e = entries.get(p);
      if (!e || raw.has(p)) continue;
      if (e.mode !== '120000' && e.size > sizeCapFor(p)) continue;
      const notebook = e.mode !== '120000' && isNotebookPath(p);
      if (!notebook) notNotebook.add(e.oid);
      if (!seen.has(e.oid)) {
        seen.add(e.oid);
        (notebook && e.size > GRAPHQL_TEXT_LIMIT ? direct : oids).push(e.oid);
      }
    }
    for (const o of seen) {
      if (notNotebook.has(o)) asNotebook.delete(o);
      else asNotebook.add(o);
    }
    const byOid = new Map<string, Raw>();
    const chunks: string[][] = [];
    let cur: string[] = [];
    let bytes = 0;
    const maxN = Math.max(1, ctx.maxBlobsPerQuery ?? DEFAULT_BLOBS_PER_QUERY);
    const maxB = ctx.maxBytesPerQuery ?? DEFAULT_BYTES_PER_QUERY;
    for (const o of oids) {
      const s = oidSize.get(o) ?? 0;
      if (cur.length && (cur.length >= maxN || bytes + s > maxB)) {
        chunks.push(cur);
        cur = [];
        bytes = 0;
      }
      cur.push(o);
      bytes += s;
    }
    if (cur.length) chunks.push(cur);
    let failure: unknown;
    for (const c of chunks) {
      try {
        await fetchChunk(c, byOid);
      } catch (e) {
        if (isAbort(e) || isPrimaryRateLimit(e)) throw e;
        failure ??= e;
      }
    }
    for (const o of direct) {
      try {
        byOid.set(o, await restBlob(o));
      } catch (e) {
        if (isAbort(e) || isPrimaryRateLimit(e)) throw e;
        failure ??= e;
      }
    }
    for (const p of paths) {
      const e = entries.get(p);
      if (!e || raw.has(p)) continue;
      if (e.mode !== '120000' && e.size > sizeCapFor(p)) {
        raw.set(p, { kind: 'too-large', size: e.size });
        continue;
      }
      const r = byOid.get(e.oid);
      raw.set(p, !r || r.kind === 'missing' ? missing(p, r?.message ?? NOT_RETURNED) : r);
    }
    if (failure) ctx.gap(`some file contents could not be fetched (${ctx.classify(failure).message})`);
    // Symbolic links inside the repo: fetch their targets too.
    const targets = paths.flatMap((p) => {
      const e = entries.get(p);
      const r = raw.get(p);
      if (e?.mode !== '120000' || r?.kind !== 'bytes') return [];
      const to = linkTarget(p, r.bytes);
      return to && entries.has(to) && !raw.has(to) ? [to] : [];
    });
    if (targets.length) await fetchPaths(targets);
  };

  const ensure = (paths: string[]): Promise<void> => {
    const waits: Promise<void>[] = [];
    for (const p of paths) {
      if (raw.has(p) || !entries.has(p)) continue;
      let w = inflight.get(p);
      if (!w) {
        if (!batch) {
          const b = (batch = new Set());
          batchDone = new Promise<void>((resolve, reject) =>
            queueMicrotask(() => {
              batch = null;
              fetchPaths([...b]).then(resolve, reject);
            }),
          );
        }
        batch.add(p);
        w = batchDone!;
        inflight.set(p, w);
      }
      waits.push(w);
    }
    return Promise.all(waits).then(() => undefined);
  };

  const tooLarge = (path: string, size: number): null => {
    notes.push({ path, kind: 'too-large', message: `skipped: ${size} bytes is over the ${sizeCapFor(path)}-byte cap` });
    return null;
  };

  /** Decodes exactly like the local source, notes in the order probes read. */
  const decode = async (path: string, shownAs: string, depth: number): Promise<TextFile | null> => {
    const e = entries.get(path);
    if (!e) return null;
    const note = (kind: SourceNote['kind'], message: string): null => {
      notes.push({ path: shownAs, kind, message });
      return null;
    };
    if (e.mode === '120000') {
      await ensure([path]);
      const r = raw.get(path);
      if (r?.kind !== 'bytes') return r?.kind === 'missing' ? note('not-returned', r.message) : note('unreadable', 'skipped: cannot read the link');
      const to = linkTarget(path, r.bytes);
      if (to === null) return note('symlink-outside', 'skipped: symbolic link pointing outside the repository');
      if (to.split('/')[0] === '.git') return note('symlink-outside', "skipped: symbolic link into git's own metadata");
      if (dirs.has(to)) return note('unreadable', 'skipped: not a regular file');
      if (!entries.has(to) || depth > 8) return note('symlink-outside', 'skipped: symbolic link whose target does not exist');
      return decode(to, shownAs, depth + 1);
    }
    if (e.size > sizeCapFor(shownAs)) return tooLarge(shownAs, e.size);
    await ensure([path]);
    let r = raw.get(path);
    // Another read of the same file (through a link) decoded it first and let its bytes go: fetch them again.
    if (!r && dropped.has(path)) {
      await ensure([path]);
      r = raw.get(path);
    }
    if (!r || r.kind === 'missing') return note('not-returned', r?.message ?? NOT_RETURNED);
    if (r.kind === 'too-large') return tooLarge(shownAs, r.size);
    if (r.kind === 'cells') {
      if (isNotebookPath(shownAs)) return notebookFile(shownAs, r.cells);
      // A link not named .ipynb to a notebook read as one: decoded as its own name says, from its bytes again.
      count();
      const bytes = await fetchBlobBytes(client, owner, name, e.oid, signal);
      return bytes ? decodeFile(shownAs, bytes, notes) : note('not-returned', NOT_RETURNED);
    }
    if (r.kind === 'binary') return r.size > sizeCapFor(shownAs) ? tooLarge(shownAs, r.size) : note('binary', 'skipped: binary file');
    const file = decodeFile(shownAs, r.bytes, notes);
    // Read once (reads are cached per path): large bytes are not kept for the rest of the audit. A symbolic link to
    // this file read later fetches them again.
    if (r.bytes.byteLength >= KEEP_BYTES_BELOW) {
      raw.delete(path);
      inflight.delete(path);
      dropped.add(path);
    }
    return file;
  };

  const cache = new Map<string, Promise<TextFile | null>>();
  const heads = new Map<string, Promise<Uint8Array | null>>();
  /** RepoSnapshot.head: the bytes already fetched, or the blob's (one request, at most MAX_TEXT_BYTES); links: none. */
  const headOf = async (path: string): Promise<Uint8Array | null> => {
    const e = entries.get(path);
    if (!e || e.mode === '120000' || e.size > MAX_TEXT_BYTES) return null;
    const r = raw.get(path);
    if (r?.kind === 'bytes') return r.bytes.slice(0, HEAD_BYTES);
    count();
    const bytes = await fetchBlobBytes(client, owner, name, e.oid, signal);
    return bytes && bytes.byteLength <= MAX_TEXT_BYTES ? bytes.slice(0, HEAD_BYTES) : null;
  };
  return {
    head(path: string): Promise<Uint8Array | null> {
      let h = heads.get(path);
      if (!h) {
        h = headOf(path).catch((e: unknown) => {
          // As a read: never throws; a spent budget stops the run.
          const err = ctx.classify(e);
          if (err instanceof SkipError || err instanceof RepoTimeoutError) fatal ??= err;
          return null;
        });
        heads.set(path, h);
      }
      return h;
    },
    read(path: string): Promise<TextFile | null> {
      let r = cache.get(path);
      if (!r) {
        r = decode(path, path, 0).catch((e: unknown) => {
          // A read never throws: the file is not returned, the repo partial, and a spent budget stops the run.
          const err = ctx.classify(e);
          if (err instanceof SkipError || err instanceof RepoTimeoutError) fatal ??= err;
          ctx.gap(`some file contents could not be fetched (${err.message})`);
          notReturned.add(path);
          notes.push({ path, kind: 'not-returned', message: `skipped: ${err.message}` });
          return null;
        });
        cache.set(path, r);
      }
      return r;
    },
    async prefetch(paths: string[]): Promise<void> {
      // The README is what a hiring manager reads first: always fetch it with the planned files.
      const readme = findReadme(ctx.files);
      const want = readme && !paths.includes(readme.path) ? [...paths, readme.path] : paths;
      try {
        await ensure(dropped.size ? want.filter((p) => !dropped.has(p)) : want);
      } catch (e) {
        // Out of budget or time before the contents arrived: this repo cannot be judged fairly, skip it.
        const err = ctx.classify(e);
        if (err instanceof SkipError || err instanceof RepoTimeoutError) throw err;
        ctx.gap(`file contents could not be fetched (${err.message})`);
      }
      if (fatal) throw fatal;
    },
  };
}

/** Target of a symbolic link, as a repo path; null when it leaves the repository. */
function linkTarget(path: string, bytes: Uint8Array): string | null {
  const to = new TextDecoder().decode(bytes);
  if (to.startsWith('/')) return null;
  const joined = posix.normalize(posix.join(posix.dirname(path), to));
  if (joined === '.' || joined === '..' || joined.startsWith('../')) return null;
  return joined.replace(/\/+$/, '');
}
