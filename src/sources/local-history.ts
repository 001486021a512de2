/**
 * Local source: the commit history of HEAD from `git log`, streamed and parsed without a Buffer per token.
 */
import { randomBytes } from 'node:crypto';
import type { Commit } from '../types.js';
import { COMMIT_PATHS_KEPT } from '../types.js';
import { runGit } from './local-git.js';
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

/**
 * Streams `git log` of `head` into commits. Each commit header starts with a random marker, so no file name can pass
 * for a header. The newest `limit` commits come from `git log --name-only` (file count per commit); when the history
 * turns out longer, a second, cheap `git log --skip=limit` without file names reads the rest: concurrently when the
 * history is known to be longer (`longer`: from gitInfo) or may be (not known), else only once the first read has
 * given `limit` commits (a short history, most projects: one git process instead of two).
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

  const run = async (args: string[], withNames: boolean): Promise<Commit[]> => {
    const commits: Commit[] = [];
    let cur: Commit | null = null;
    let count = 0;
    let names: string[] = [];
    let root = false;
    const finish = () => {
      if (!cur) return;
      // Merges list no files by default; the oldest visible commit of a shallow clone shows its whole tree as added.
      cur.filesChanged = !withNames || cur.merge || (o.shallow && root) ? null : count;
      if (withNames && cur.filesChanged !== null) cur.paths = names;
      commits.push(cur);
      cur = null;
    };
    const isHeader = (b: Buffer, start: number, end: number): boolean => {
      if (end - start < marker.length) return false;
      for (let k = 0; k < marker.length; k++) if (b[start + k] !== marker[k]) return false;
      return true;
    };
    const splitter = new NulSplitter((b, start, end) => {
      if (isHeader(b, start, end)) {
        finish();
        const f = b.toString('utf8', start + marker.length, end).split('\x1f');
        const parents = f[1] ? f[1].split(' ').filter(Boolean) : [];
        cur = {
          sha: f[0] ?? '',
          authorName: f[3] ?? '',
          authorEmail: f[4] ?? '',
          date: f[2] ?? '',
          subject: f.slice(5).join('\x1f'),
          filesChanged: null,
          merge: parents.length > 1,
        };
        root = parents.length === 0;
        count = 0;
        names = [];
      } else if (end > start) {
        count++;
        if (names.length < COMMIT_PATHS_KEPT) names.push(b.toString('utf8', start, end).replace(/^\n/, ''));
      }
    });
    const r = await runGit(dir, args, (chunk) => splitter.push(chunk), { toFile: true });
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

  if (!limited) return run([...base, '--name-only', ...tail], true);

  // The older part starts at once, in parallel (on a long history it is the longest read), unless HEAD's first-parent
  // chain is known to be no longer than `limit`: then it waits for the newest and runs only if those were `limit`
  // commits (a history with merges can still be longer), so a short history takes one git process.
  const readRest = (): Promise<Commit[]> => run([...base, `--skip=${limit}`, ...tail], false);
  let rest: Promise<Commit[]> | null = null;
  if (limit === 0 || o.longer !== false) {
    rest = readRest();
    rest.catch(() => {}); // awaited below; never an unhandled rejection if the first reader fails
  }
  if (limit === 0) return rest!;
  const newest = await run([...base, '--name-only', `--max-count=${limit}`, ...tail], true);
  if (newest.length < limit) {
    if (rest) await rest; // as before: an error of either read is the history's error
    return newest; // complete already: the older part is empty
  }
  const older = await (rest ?? readRest());
  // The oldest commits are where a one-shot upload usually sits: count their files too (one more `git log` over a
  // few named commits, --no-walk), so padding a dump with hundreds of small commits cannot hide it.
  const oldest = o.oldestCounted > 0 ? older.filter((c) => !c.merge).slice(-o.oldestCounted) : [];
  if (oldest.length && !o.shallow) {
    const counted = await run([...base, '--name-only', '--no-walk=unsorted', ...oldest.map((c) => c.sha), '--', ...(o.subdir ? ['.'] : [])], true);
    const bySha = new Map(counted.map((c) => [c.sha, c.filesChanged]));
    for (const c of oldest) c.filesChanged = bySha.get(c.sha) ?? null;
  }
  return newest.concat(older);
}
