/**
 * Local source: the commit history of HEAD from `git log`, streamed and parsed without a Buffer per token.
 */
import { randomBytes } from 'node:crypto';
import type { Commit } from '../types.js';
import { COMMIT_PATHS_KEPT, LINES_COUNTED_FILES } from '../types.js';
import { runGit } from './local-git.js';
import { isVendored } from '../facts/vendored.js';
import { SourceError } from './source-error.js';

/**
 * Splits a byte stream on NUL and hands each token to `onToken` as (bytes, start, end), without allocating a Buffer
 * per token; the bytes are only valid during the call.
 */
class NulSplitter {
  private pending: Buffer | null = null;
  constructor(private readonly onToken: (b: Buffer, start: number, end: number) => void) {}
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const i = chunk.indexOf(0, start);
      if (i < 0) break;
      if (this.pending) {
        const tok = Buffer.concat([this.pending, chunk.subarray(start, i)]);
        this.pending = null;
        this.onToken(tok, 0, tok.length);
      } else {
        this.onToken(chunk, start, i);
      }
      start = i + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending = this.pending ? Buffer.concat([this.pending, rest]) : Buffer.from(rest);
    }
  }
  end(): void {
    if (this.pending && this.pending.length) this.onToken(this.pending, 0, this.pending.length);
    this.pending = null;
  }
}

/** Reads an unsigned decimal at b[start..end) ('-' for a binary file: 0 lines); -1 when it is not one. */
function lineCount(b: Buffer, start: number, end: number): number {
  if (end - start === 1 && b[start] === 0x2d) return 0;
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = b[k]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Streams `git log` of `head` into commits. Each commit header starts with a random marker, so no file name can pass
 * for a header. The newest `limit` commits come from `git log --name-only` (file count per commit); when the history
 * turns out longer, a second, cheap `git log --skip=limit` without file names reads the rest: concurrently when the
 * history is known to be longer (`longer`: from gitInfo) or may be (not known), else only once the first read has
 * given `limit` commits (a short history, most projects: one git process instead of two). The lines changed by the
 * commits of fewer than LINES_COUNTED_FILES files (see countLines) take one more, batched, `git log --numstat`.
 */
export async function gitHistory(
  dir: string,
  head: string,
  o: { subdir: boolean; shallow: boolean; limit: number; oldestCounted: number; longer?: boolean },
): Promise<Commit[]> {
  const nonce = randomBytes(8).toString('hex');
  const marker = Buffer.from(`\x1e${nonce}\x1f`, 'latin1');
  const format = `--format=%x1e${nonce}%x1f%H%x1f%P%x1f%aI%x1f%an%x1f%ae%x1f%s`;
  const base = ['log', '-z', '--no-color', '--no-renames', '--no-show-signature', format];
  // In a subdirectory: its history only, counting the files changed inside it.
  const tail = o.subdir ? [head, '--', '.'] : [head, '--'];
  const limit = Math.floor(o.limit);
  const limited = Number.isFinite(limit) && limit >= 0;

  // What a read lists per commit: nothing, the changed files' names (--name-only), or their names with the lines
  // added and deleted in each (--numstat: git reads and diffs every changed blob, so only for a few named commits).
  type Listing = 'none' | 'names' | 'numstat';
  const run = async (args: string[], listing: Listing, noLazyFetch = false): Promise<Commit[]> => {
    const withNames = listing !== 'none';
    const commits: Commit[] = [];
    let cur: Commit | null = null;
    let count = 0;
    let lines = 0;
    let names: string[] = [];
    /** Of the commit's files, those in a dependency tree (node_modules, a virtual environment: facts/vendored.ts). */
    let vendored = 0;
    let root = false;
    const finish = () => {
      if (!cur) return;
      // Merges list no files by default; the oldest visible commit of a shallow clone shows its whole tree as added.
      cur.filesChanged = !withNames || cur.merge || (o.shallow && root) ? null : count;
      if (withNames && cur.filesChanged !== null) cur.paths = names;
      if (withNames && cur.filesChanged !== null && vendored > 0) cur.vendoredChanged = vendored;
      cur.linesChanged = listing === 'numstat' && cur.filesChanged !== null && lines >= 0 ? lines : null;
      commits.push(cur);
      cur = null;
    };
    const isHeader = (b: Buffer, start: number, end: number): boolean => {
      if (end - start < marker.length) return false;
      for (let k = 0; k < marker.length; k++) if (b[start + k] !== marker[k]) return false;
      return true;
    };
    const kept = new Map<string, string>();
    const once = (x: string): string => {
      const k = kept.get(x);
      if (k !== undefined) return k;
      kept.set(x, x);
      return x;
    };
    const splitter = new NulSplitter((b, start, end) => {
      if (isHeader(b, start, end)) {
        finish();
        // Each field decoded on its own: a split of the whole record would keep the record's string alive behind
        // every field (V8's sliced strings), ~140 bytes more per commit; names and e-mails repeat, so kept once.
        const f = headerFields(b, start + marker.length, end);
        const parents = f[1] ? f[1].split(' ').filter(Boolean) : [];
        cur = {
          sha: f[0] ?? '',
          authorName: once(f[3] ?? ''),
          authorEmail: once(f[4] ?? ''),
          date: f[2] ?? '',
          subject: f[5] ?? '',
          filesChanged: null,
          linesChanged: null,
          merge: parents.length > 1,
        };
        root = parents.length === 0;
        count = 0;
        lines = 0;
        names = [];
        vendored = 0;
      } else if (end > start) {
        count++;
        if (listing === 'numstat') {
          // "<added>\t<deleted>\t<path>" ('-' for both on a binary file), the first after a header led by a newline.
          let s = b[start] === 0x0a ? start + 1 : start;
          const t1 = b.indexOf(9, s);
          const t2 = t1 >= 0 && t1 < end ? b.indexOf(9, t1 + 1) : -1;
          const added = t2 >= 0 && t2 < end ? lineCount(b, s, t1) : -1;
          const deleted = added >= 0 ? lineCount(b, t1 + 1, t2) : -1;
          if (added < 0 || deleted < 0) lines = -1; // not a numstat record: the count is unknown, never a guess
          else {
            if (lines >= 0) lines += added + deleted;
            s = t2 + 1;
          }
          if (names.length < COMMIT_PATHS_KEPT) names.push(b.toString('utf8', s, end));
          if (inDependencyTree(b, s, end)) vendored++;
        } else {
          const s = b[start] === 0x0a ? start + 1 : start;
          if (names.length < COMMIT_PATHS_KEPT) names.push(b.toString('utf8', s, end));
          if (inDependencyTree(b, s, end)) vendored++;
        }
      }
    });
    const r = await runGit(dir, args, (chunk) => splitter.push(chunk), { toFile: true, noLazyFetch });
    splitter.end();
    finish();
    if (r.code !== 0) {
      throw new SourceError(
        `git log failed in ${dir}: ${r.stderr.trim() || r.spawnError || 'unknown error'}`,
        'Check that the repository is not corrupt (git fsck).',
      );
    }
    return commits;
  };

  // Lines changed, for the commits known to have changed 1 to LINES_COUNTED_FILES - 1 files: one `git log --numstat
  // --no-walk` over them (in batches), never a diff of a dump (a commit of more files has substance by its count).
  // A commit that changed no file changed no line; the others stay unknown (null), as in the GitHub source.
  const countLines = async (commits: Commit[]): Promise<Commit[]> => {
    const ask: Commit[] = [];
    for (const c of commits) {
      c.linesChanged = c.filesChanged === 0 ? 0 : null;
      if (c.filesChanged !== null && c.filesChanged > 0 && c.filesChanged < LINES_COUNTED_FILES) ask.push(c);
    }
    for (let i = 0; i < ask.length; i += 1000) {
      const batch = ask.slice(i, i + 1000);
      // Tolerant: a blob git cannot read (a partial clone, a mirror without its largest files) leaves the lines unknown,
      // never the history unread.
      const counted = await run([...base, '--numstat', '--no-walk=unsorted', ...batch.map((c) => c.sha), '--', ...(o.subdir ? ['.'] : [])], 'numstat', true).catch(() => null);
      if (!counted) return commits;
      const bySha = new Map(counted.map((c) => [c.sha, c.linesChanged ?? null]));
      for (const c of batch) c.linesChanged = bySha.get(c.sha) ?? null;
    }
    return commits;
  };

  if (!limited) return countLines(await run([...base, '--name-only', ...tail], 'names'));

  // The older part starts at once, in parallel (on a long history it is the longest read), unless HEAD's first-parent
  // chain is known to be no longer than `limit`: then it waits for the newest and runs only if those were `limit`
  // commits (a history with merges can still be longer), so a short history takes one git process.
  const readRest = (): Promise<Commit[]> => run([...base, `--skip=${limit}`, ...tail], 'none');
  let rest: Promise<Commit[]> | null = null;
  if (limit === 0 || o.longer !== false) {
    rest = readRest();
    rest.catch(() => {}); // awaited below; never an unhandled rejection if the first reader fails
  }
  if (limit === 0) return rest!;
  const newest = await run([...base, '--name-only', `--max-count=${limit}`, ...tail], 'names');
  if (newest.length < limit) {
    if (rest) await rest; // as before: an error of either read is the history's error
    return countLines(newest); // complete already: the older part is empty
  }
  const older = await (rest ?? readRest());
  // The oldest commits are where a one-shot upload usually sits: count their files too (one more `git log` over a
  // few named commits, --no-walk), so padding a dump with hundreds of small commits cannot hide it.
  const oldest = o.oldestCounted > 0 ? older.filter((c) => !c.merge).slice(-o.oldestCounted) : [];
  if (oldest.length && !o.shallow) {
    const counted = await run([...base, '--name-only', '--no-walk=unsorted', ...oldest.map((c) => c.sha), '--', ...(o.subdir ? ['.'] : [])], 'names');
    const bySha = new Map(counted.map((c) => [c.sha, c.filesChanged]));
    for (const c of oldest) c.filesChanged = bySha.get(c.sha) ?? null;
  }
  await countLines(newest.concat(oldest));
  return newest.concat(older);
}

/** Byte strings one of which every dependency-tree path holds (facts/vendored.ts VENDORED_GLOBS): a cheap filter. */
const TREE_HINTS = ['node_modules', 'packages/', 'env', '__pycache__', '.ipynb_checkpoints', 'bower_components', '.min.js', '.bundle.js', '.d.ts', '/skills/', '.tox', '.nox', '.git/'].map((x) =>
  Buffer.from(x, 'latin1'),
);

/** Whether the path in `b[start, end)` is in a dependency tree (vendored.ts), the path made a string only when a hint is in it. */
function inDependencyTree(b: Buffer, start: number, end: number): boolean {
  const name = b.subarray(start, end);
  return TREE_HINTS.some((h) => name.includes(h)) && isVendored(b.toString('utf8', start, end));
}

/**
 * The fields of a commit's header record (`b` from `start` to `end`, the marker left out), split on U+001F: hash,
 * parents, date, author name, author e-mail, then the subject, which is the rest of the record (it may hold U+001F
 * itself). Each field is its own string (decoded from the bytes, never a slice of a string of the whole record): the
 * same strings as decoding the whole record and splitting it, since a 0x1F byte is never part of a multi-byte UTF-8
 * sequence.
 */
export function headerFields(b: Buffer, start: number, end: number): string[] {
  const out: string[] = [];
  let s = start;
  while (out.length < 5) {
    const i = b.indexOf(0x1f, s);
    if (i < 0 || i >= end) break;
    out.push(b.toString('utf8', s, i));
    s = i + 1;
  }
  out.push(b.toString('utf8', s, end));
  return out;
}
