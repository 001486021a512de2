/**
 * The worker side of the audit watchdog (see audit-pool.ts). A worker thread runs the rules on one repository at a
 * time; the snapshot stays in the main thread, which answers the worker's reads. A worker whose audit outlives its
 * budget is terminated, which a blocked main thread could not be.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { auditSnapshot, type RuleRun } from './audit.js';
import { collectBetweenAudits, collectIfGrown, collectNow } from './audit-worker-gc.js';
import { applyConfig, excludeHints, type Config } from './config/load.js';
import { configuredScore } from './config/configured.js';
import { UserError } from './errors.js';
import { selectFiles } from './probes/glob-gate.js';
import type { ConfigOrigin, AuditedRepoReport } from './report/types.js';
import type { RuleSet } from './rules/load.js';
import { localSnapshot } from './sources/local.js';
import { SourceError } from './sources/source-error.js';
import { PhaseTimer } from './timings.js';
import type { FileEntry, RepoHistory, RepoMetadata, RepoSnapshot, SourceNote, TextFile } from './types.js';

/** Marks a worker started to serve audits (the bundle starts itself as the worker). */
export const WORKER_FLAG = 'ml-portfolio-audit:audit-worker';

/** What the main thread sends of a snapshot: everything but the functions, which become requests. */
interface SnapshotInit {
  id: string;
  commit: string | null;
  /** The file list as two flat values (a 100,000-entry list of objects is slow to clone and heavy to hold twice). */
  files: PackedFiles;
  history: RepoHistory;
  metadata: RepoMetadata;
  notes: SourceNote[];
  historyPending: boolean;
  sizesPending: boolean;
  canPrefetch: boolean;
  /** The source reads bytes (RepoSnapshot.head). */
  canHead?: boolean;
  hasBlobIds: boolean;
  /** The prefetch plan the main thread made (AuditOptions.plan). */
  plan?: string[];
}

export interface AuditJob {
  type: 'audit';
  job: number;
  /** The run's rules, loaded once in the main thread; absent when they are the rules of this worker's last job. */
  rules?: RuleSet;
  /**
   * What to audit: a snapshot the main thread read (a remote repository), or a local folder, which the worker lists
   * and reads itself, so the file list and the history (100,000 entries, 20,000 commits on the bench repos) are
   * built and held in this thread only, never in the main thread nor cloned across.
   */
  snapshot: SnapshotInit | { local: string };
  applied?: { config: Config; by: ConfigOrigin };
  now: string;
  timings: boolean;
  /** When the main thread posted the job (epoch ms, `wallClock()`): the worker's wait for it is timed (`--timings`). */
  sentAt: number;
}

/**
 * Milliseconds since the epoch at sub-millisecond resolution, comparable between threads (each thread's
 * `performance.now()` counts from its own start).
 */
/** From this many files a listing is large: the worker collects its garbage after listing and after the rules. */
const LARGE_LISTING = 20_000;

/** A full collection, timed as "collecting garbage". */
function collectTimed(timer: PhaseTimer | undefined): void {
  const t = performance.now();
  collectNow();
  timer?.add('collecting garbage', performance.now() - t);
}

/**
 * Between the rules of a large listing: a full collection once the used heap has grown by GROWTH_BETWEEN_RULES since
 * the last one. V8 lets the old generation grow far past the live size before collecting it, and the garbage of the
 * stage rules and of the history's parse was still there when the history rules ended: the worker's heap reached
 * ~85 MB used for ~62 MB live on the python-ml bench repo, the whole run's peak RSS (bench/README.md, mem18).
 */
function collectIfGrownTimed(timer: PhaseTimer | undefined): void {
  const t = performance.now();
  if (collectIfGrown(GROWTH_BETWEEN_RULES)) timer?.add('collecting garbage', performance.now() - t);
}

/** Growth of the used heap during a large listing's rules that makes a full collection (~3 on the bench repos). */
const GROWTH_BETWEEN_RULES = 16 * 1024 * 1024;

export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export type Request =
  | { op: 'read'; path: string }
  | { op: 'head'; path: string }
  | { op: 'prefetch'; paths: string[] }
  | { op: 'history' }
  | { op: 'sizes' }
  | { op: 'blobIds'; only?: string[] };

export type WorkerMessage =
  | { type: 'request'; job: number; call: number; request: Request }
  | { type: 'rule'; job: number; index: number; result: RuleRun }
  | { type: 'done'; job: number; report: AuditedRepoReport; phases: Array<[string, number]>; hints?: string[]; sentAt: number }
  /** A local folder with no files to audit. */
  | { type: 'empty'; job: number; id: string; phases: Array<[string, number]> }
  /** A local folder listed in the worker: what the main thread needs for a partial report if the audit is stopped. */
  | { type: 'listed'; job: number; listed: ListedLocal }
  /** `hint` and `source`: a source's error (SourceError), rebuilt as one in the main thread. */
  | { type: 'failed'; job: number; message: string; hint?: string; source?: boolean };

/** A local snapshot as the worker listed it, without its files and history. */
export interface ListedLocal {
  id: string;
  commit: string | null;
  files: number;
  metadata: RepoMetadata;
  notes: SourceNote[];
}

export type MainMessage =
  | AuditJob
  | { type: 'reply'; job: number; call: number; value?: unknown; error?: string; notes: SourceNote[] };

interface PackedFiles {
  /** Paths joined by NUL (a NUL cannot be in a git path). */
  paths: string;
  sizes: Float64Array;
}

export function packFiles(files: FileEntry[]): PackedFiles {
  const sizes = new Float64Array(files.length);
  files.forEach((f, i) => (sizes[i] = f.size));
  return { paths: files.map((f) => f.path).join('\0'), sizes };
}

function unpackFiles(p: PackedFiles): FileEntry[] {
  if (p.sizes.length === 0) return [];
  const paths = p.paths.split('\0');
  return paths.map((path, i) => ({ path, size: p.sizes[i]! }));
}

/** True in a worker thread started to serve audits. */
export function isAuditWorker(): boolean {
  return !isMainThread && (workerData as { flag?: string } | null)?.flag === WORKER_FLAG;
}

/** Serves audit jobs until the main thread ends the worker. */
export function serveAudits(): void {
  const port = parentPort;
  if (!port) return;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; notes: SourceNote[]; fromMain: Set<SourceNote> }>();
  let calls = 0;
  /** The rules of the last job (the main thread sends them again only when they change). */
  let rules: RuleSet | undefined;

  port.on('message', (m: MainMessage) => {
    const arrived = wallClock();
    if (m.type === 'reply') {
      const p = pending.get(m.call);
      if (!p) return;
      pending.delete(m.call);
      // The source's notes written while answering, in the order they were written.
      p.notes.push(...m.notes);
      for (const n of m.notes) p.fromMain.add(n);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.value);
      return;
    }
    // What the last audit left behind, collected now if it is much (see audit-worker-gc.ts).
    const gc0 = performance.now();
    collectBetweenAudits();
    const collected = performance.now() - gc0;
    rules = m.rules ?? rules;
    const base = rules;
    if (!base) {
      port.postMessage({ type: 'failed', job: m.job, message: 'internal error: an audit job came without rules' } satisfies WorkerMessage);
      return;
    }
    const timer = m.timings ? new PhaseTimer() : undefined;
    // The first job waits for this thread to start (Node's start-up, loading the bundle) and for the rules' clone.
    timer?.add('starting the worker', Math.max(0, arrived - m.sentAt));
    if (collected >= 1) timer?.add('collecting garbage', collected);
    void audit(m, base, timer).then(
      (done) => port.postMessage(done satisfies WorkerMessage),
      (e: unknown) =>
        port.postMessage({
          type: 'failed',
          job: m.job,
          message: (e as Error)?.message ?? String(e),
          ...(e instanceof UserError && e.hint !== undefined ? { hint: e.hint } : {}),
          ...(e instanceof SourceError ? { source: true } : {}),
        } satisfies WorkerMessage),
    );
  });

  async function audit(job: AuditJob, base: RuleSet, timer: PhaseTimer | undefined): Promise<WorkerMessage> {
    if ('local' in job.snapshot) return auditLocal(job, job.snapshot.local, base, timer);
    const init = job.snapshot;
    const files = unpackFiles(init.files);
    const notes = [...init.notes];
    // The main thread's notes (the source's) come in with each answer, for the probes that read them; the report
    // lists them in the main thread's order, then this audit's own, whatever the timing of the answers.
    const fromMain = new Set<SourceNote>(notes);
    const request = <T>(r: Request): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const call = ++calls;
        pending.set(call, { resolve: resolve as (v: unknown) => void, reject, notes, fromMain });
        port!.postMessage({ type: 'request', job: job.job, call, request: r } satisfies WorkerMessage);
      });
    const read = new Map<string, Promise<TextFile | null>>();
    const heads = new Map<string, Promise<Uint8Array | null>>();
    // Blob ids asked for, by filter (a probe's filter is one object for the whole audit; undefined: every id).
    const blobIds = new Map<ReadonlySet<string> | undefined, Promise<Map<string, string>>>();
    const snapshot: RepoSnapshot = {
      id: init.id,
      commit: init.commit,
      files,
      history: init.history,
      metadata: init.metadata,
      notes,
      read(path: string) {
        let r = read.get(path);
        if (!r) read.set(path, (r = request<TextFile | null>({ op: 'read', path })));
        return r;
      },
      ...(init.canHead
        ? {
            head(path: string) {
              let h = heads.get(path);
              if (!h) heads.set(path, (h = request<Uint8Array | null>({ op: 'head', path })));
              return h;
            },
          }
        : {}),
      ...(init.canPrefetch ? { prefetch: (paths: string[]) => request<void>({ op: 'prefetch', paths }) } : {}),
      ...(init.hasBlobIds
        ? {
            blobIds: (only?: ReadonlySet<string>) => {
              let ids = blobIds.get(only);
              if (!ids) blobIds.set(only, (ids = request<Map<string, string>>(only ? { op: 'blobIds', only: [...only] } : { op: 'blobIds' })));
              return ids;
            },
          }
        : {}),
    };
    if (init.historyPending) {
      snapshot.historyReady = request<RepoHistory>({ op: 'history' }).then((h) => void Object.assign(init.history, h));
      snapshot.historyReady.catch(() => {}); // handled where it is awaited
    }
    if (init.sizesPending) {
      snapshot.sizesReady = request<number[]>({ op: 'sizes' }).then((sizes) => {
        sizes.forEach((size, i) => {
          if (files[i]) files[i].size = size;
        });
      });
    }
    return run(job, snapshot, base, fromMain, timer, init.plan);
  }

  /** A local folder: listed, its history read and its files read here (src/sources/local.ts), as in one thread. */
  async function auditLocal(job: AuditJob, path: string, base: RuleSet, timer: PhaseTimer | undefined): Promise<WorkerMessage> {
    const t0 = performance.now();
    const snapshot = await localSnapshot(path, { deferred: true });
    timer?.add('listing the files', performance.now() - t0);
    if (snapshot.files.length >= LARGE_LISTING) collectTimed(timer);
    const { id, commit, metadata, notes } = snapshot;
    port!.postMessage({ type: 'listed', job: job.job, listed: { id, commit, files: snapshot.files.length, metadata, notes } } satisfies WorkerMessage);
    if (snapshot.files.length === 0) return { type: 'empty', job: job.job, id, phases: Object.entries(timer?.toJSON() ?? {}) };
    const done = await run(job, snapshot, base, new Set(), timer);
    // The config's excludes that match no file, said here where the file list is (src/run-repo.ts adds them).
    if (job.applied && done.type === 'done') done.hints = excludeHints(job.applied.config, (g) => selectFiles(snapshot.files, [g]).length > 0);
    return done;
  }

  async function run(
    job: AuditJob,
    snapshot: RepoSnapshot,
    base: RuleSet,
    fromMain: Set<SourceNote>,
    timer: PhaseTimer | undefined,
    plan?: string[],
  ): Promise<WorkerMessage & { type: 'done' }> {
    const now = new Date(job.now);
    const report = await auditSnapshot(snapshot, {
      rules: base,
      now,
      timer,
      ...(plan ? { plan } : {}),
      onRule: (index, result) => port!.postMessage({ type: 'rule', job: job.job, index, result } satisfies WorkerMessage),
      // A large repository: what the rules read and scanned is garbage now, and the skills add their own on top (the
      // run's peak RSS was there); one full collection (~30-50 ms on 100,000 files) keeps that peak ~10-15 MB lower.
      ...(snapshot.files.length < LARGE_LISTING ? {} : { afterRules: () => collectTimed(timer), betweenRules: () => collectIfGrownTimed(timer) }),
    });
    if (job.applied) {
      const configured = await configuredScore(report, snapshot, base, { ...job.applied, rules: applyConfig(base, job.applied.config) }, { now, timer });
      if (configured) report.configured = configured;
    }
    // The source's notes first, in the main thread's order (the order they arrived in), then the audit's own.
    const order = new Map([...fromMain].map((n, i) => [n, i]));
    const theirs = report.notes.filter((n) => order.has(n)).sort((a, b) => order.get(a)! - order.get(b)!);
    report.notes = [...theirs, ...report.notes.filter((n) => !order.has(n))];
    return { type: 'done', job: job.job, report, phases: Object.entries(timer?.toJSON() ?? {}), sentAt: wallClock() };
  }
}
