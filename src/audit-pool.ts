/**
 * The audit watchdog. The rules run in worker threads, one repository at a time per worker. A remote snapshot stays
 * here and answers the worker's reads; a local folder is listed and read by the worker itself (auditLocal), so its
 * file list and history are never held here nor copied across (bench/README.md). A repository whose audit outlives
 * its budget (or that the caller stops: Ctrl-C, SIGTERM) has its worker terminated, which a blocked main thread could
 * not be: it is reported as partial, with the rules that did run, and the other repositories go on.
 */
import { existsSync, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assembleReport, type RuleRun } from './audit.js';
import { packFiles, wallClock, WORKER_FLAG, type AuditJob, type ListedLocal, type MainMessage, type Request, type WorkerMessage } from './audit-worker.js';
import type { Config } from './config/load.js';
import type { ConfigOrigin, AuditedRepoReport } from './report/types.js';
import type { RuleSet } from './rules/load.js';
import { shownName } from './sources/local.js';
import type { PhaseTimer } from './timings.js';
import { removeGitTempsAtExit } from './sources/local-git.js';
import { SourceError } from './sources/source-error.js';
import type { RepoSnapshot } from './types.js';

/** Each repository's audit (the rules, after its files are listed or fetched) gets this long by default. */
export const DEFAULT_AUDIT_TIMEOUT_MS = 120_000;
/** A worker that needs more heap than this is stopped (its repository is reported partial), not the whole run. */
const WORKER_HEAP_MB = 2048;
/**
 * Each worker's young generation (V8's default lets it reach about 48 MB per isolate). Capped, a worker's peak memory is
 * lower at no CPU cost measured on the benchmarks (bench/README.md: the 100,000-file repo and 32 portfolio repos).
 */
const WORKER_YOUNG_MB = 6;

export interface PoolAudit {
  snapshot: RepoSnapshot;
  /** The snapshot's prefetch plan, when the caller made it (AuditOptions.plan): the worker does not make it again. */
  plan?: string[];
  rules: RuleSet;
  /** The config that makes the configured score beside the standard one. */
  applied?: { config: Config; by: ConfigOrigin };
  now: Date;
  timer?: PhaseTimer;
  /** The audit's budget; past it the worker is stopped. 0: none. */
  timeoutMs: number;
  /** Stops the audit (the run was interrupted); the reason is the signal's. */
  signal?: AbortSignal;
}

/** A local folder's audit: the worker lists and reads the folder itself (see AuditJob). */
export type PoolLocalAudit = Omit<PoolAudit, 'snapshot'> & { path: string };

/** What a local folder's audit gives: its report and the config's hints, or `empty` (no files to audit). */
export type LocalOutcome = { report: AuditedRepoReport; hints: string[] } | { empty: string };

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The rules last sent to this worker, which it keeps: a job with the same rules does not send them again. */
  rules?: RuleSet;
}

/**
 * Where a worker starts. A shipped bundle (dist/index.js, dist/cli/index.js) starts the worker's own bundle,
 * dist/worker/index.js (`npm run package`: src/audit-worker-main.ts, the engine without the CLI and the Action, ~60 %
 * of their size), so each worker's isolate compiles and holds only that; without it (a bundle built on its own) the
 * bundle starts itself. From the sources, the worker entry runs through tsx (in the tests, a bundle of the worker built
 * once per run instead: see src/audit-worker-dev.mjs).
 */
function spawn(heapMb: number): Worker {
  const self = import.meta.url;
  const workerData = { flag: WORKER_FLAG };
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (self.endsWith('.ts')) {
    const entry = join(dirname(fileURLToPath(self)), 'audit-worker-dev.mjs');
    return new Worker(entry, { workerData, resourceLimits });
  }
  return new Worker(workerBundleOf(fileURLToPath(self)), { workerData, resourceLimits });
}

let workerBundle: { of: string; is: string } | undefined;

/**
 * The worker's bundle for the bundle at `self`: dist/worker/index.js beside dist/index.js, or beside dist/cli/ for
 * dist/cli/index.js; `self` when there is none (or `self` is the worker's bundle). Looked up once per process.
 */
export function workerBundleOf(self: string): string {
  if (workerBundle?.of !== self) {
    const dir = dirname(self);
    const near = [join(dir, 'worker', 'index.js'), join(dir, '..', 'worker', 'index.js')].find((f) => f !== self && existsSync(f));
    workerBundle = { of: self, is: near ?? self };
  }
  return workerBundle.is;
}

/** Workers of a pool by default: the CPUs, 1 to 4. */
export const DEFAULT_POOL_SIZE = Math.max(1, Math.min(availableParallelism(), 4));

export class AuditPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private jobs = 0;

  /**
   * @param size workers at most (default: the CPUs, 1 to 4)
   * @param heapMb heap limit of each worker; an audit that needs more is stopped and reported partial (default 2 GB)
   */
  constructor(
    /** Workers at most. */
    readonly size: number = DEFAULT_POOL_SIZE,
    private readonly heapMb: number = WORKER_HEAP_MB,
  ) {}

  /** Audits one snapshot in a worker; resolves with its report (partial when stopped). Rejects when the audit fails. */
  async audit(a: PoolAudit): Promise<AuditedRepoReport> {
    const out = await this.schedule(a, a.snapshot, null, a.plan);
    if ('empty' in out) throw new Error('a snapshot is never reported empty by the worker');
    return out.report;
  }

  /**
   * Audits a local folder in a worker, which lists and reads it itself: the main thread holds none of its files or
   * history. Rejects with the source's error when the folder cannot be read.
   */
  auditLocal(a: PoolLocalAudit): Promise<LocalOutcome> {
    removeGitTempsAtExit();
    return this.schedule(a, localStub(a.path), a.path);
  }

  private async schedule(a: Omit<PoolAudit, 'snapshot'>, snapshot: RepoSnapshot, local: string | null, plan?: string[]): Promise<LocalOutcome> {
    // An audit that waited for a worker while the run was stopped needs none: nothing of it ran.
    const stoppedBefore = (): LocalOutcome | null =>
      a.signal?.aborted ? { report: partialReport(snapshot, a.rules, [], `the audit was stopped: ${reasonOf(a.signal)}`), hints: [] } : null;
    const early = stoppedBefore();
    if (early) return early;
    const slot = await this.acquire();
    const late = stoppedBefore();
    if (late) {
      this.release(slot);
      return late;
    }
    try {
      return await this.run(slot, a, snapshot, local, plan);
    } finally {
      this.release(slot);
    }
  }

  /** Starts one worker ahead of the first audit, so its start overlaps the listing or fetching of the first repo. */
  warm(): void {
    if (this.slots.length === 0) this.add(false).worker.unref();
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    const all = this.slots.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const idle = this.slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        idle.worker.ref();
        return idle;
      }
      if (this.slots.length < this.size) return this.add(true);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * A new worker in the pool. A worker that fails or ends while idle (a bad start, a crash) leaves the pool at once, so
   * no audit is sent to it; during a job the job's own handlers report it.
   */
  private add(busy: boolean): Slot {
    const slot: Slot = { worker: spawn(this.heapMb), busy };
    const leave = (): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
    };
    slot.worker.on('error', leave);
    slot.worker.on('exit', leave);
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    slot.busy = false;
    // An idle worker does not keep the process alive.
    if (this.slots.includes(slot)) slot.worker.unref();
    this.waiting.shift()?.();
  }

  /** Drops a stopped worker; the next audit starts a fresh one. */
  private discard(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private run(slot: Slot, a: Omit<PoolAudit, 'snapshot'>, snapshot: RepoSnapshot, local: string | null, plan?: string[]): Promise<LocalOutcome> {
    const job = ++this.jobs;
    const { rules } = a;
    // A local folder: what the worker listed (id, commit, file count, notes) makes a partial report if it is stopped.
    let listedFiles = snapshot.files.length;
    const worker = slot.worker;
    const results: Array<RuleRun | undefined> = new Array(rules.rules.length);
    // A source's error (rate limit, auth, budget) crosses to the worker as its message; when the audit fails with
    // it, the original error is what the caller gets, so it is classified as if the audit had run here.
    const sourceErrors = new Map<string, unknown>();
    // The source's notes the worker has not had yet. By identity, not by position: a source may put a note first
    // (the local source puts the shallow-history note at the front once the history is read).
    const sent = new Set(snapshot.notes);
    const newNotes = (): RepoSnapshot['notes'] => {
      if (local !== null) return []; // the worker's own source: its notes are in its report already
      const delta = snapshot.notes.filter((n) => !sent.has(n));
      for (const n of delta) sent.add(n);
      return delta;
    };

    return new Promise<LocalOutcome>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        a.signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        f();
      };
      /** The report of what ran before the audit was stopped. */
      const stopped = (why: string): void => {
        this.discard(slot);
        finish(() => resolve({ report: partialReport(snapshot, rules, results, why, listedFiles), hints: [] }));
      };

      const answer = async (call: number, r: Request): Promise<void> => {
        let value: unknown;
        let error: string | undefined;
        try {
          if (r.op === 'read') value = await snapshot.read(r.path);
          else if (r.op === 'head') value = (await snapshot.head?.(r.path)) ?? null;
          else if (r.op === 'prefetch') await snapshot.prefetch?.(r.paths);
          else if (r.op === 'blobIds') value = await snapshot.blobIds?.(r.only ? new Set(r.only) : undefined);
          else if (r.op === 'history') {
            await snapshot.historyReady;
            value = snapshot.history;
          } else {
            await snapshot.sizesReady;
            value = snapshot.files.map((f) => f.size);
          }
        } catch (e) {
          error = (e as Error)?.message ?? String(e);
          sourceErrors.set(error, e);
        }
        if (settled) return;
        worker.postMessage({ type: 'reply', job, call, value, error, notes: newNotes() } satisfies MainMessage);
      };

      const onMessage = (m: WorkerMessage): void => {
        if (m.job !== job) return;
        if (m.type === 'request') void answer(m.call, m.request);
        else if (m.type === 'rule') results[m.index] = m.result;
        else if (m.type === 'listed') listedFiles = takeListed(snapshot, m.listed);
        else if (m.type === 'done') {
          finish(() => {
            for (const [phase, ms] of m.phases) a.timer?.add(phase, ms);
            // The report's clone and its wait in this thread's queue.
            a.timer?.add('receiving the report', Math.max(0, wallClock() - m.sentAt));
            const report = m.report;
            // Notes the source wrote after the last answer come last.
            report.notes = [...report.notes, ...newNotes()];
            resolve({ report, hints: m.hints ?? [] });
          });
        } else if (m.type === 'empty') {
          finish(() => {
            for (const [phase, ms] of m.phases) a.timer?.add(phase, ms);
            resolve({ empty: m.id });
          });
        } else finish(() => reject(sourceErrors.get(m.message) ?? (m.source ? new SourceError(m.message, m.hint ?? '') : new Error(m.message))));
      };
      const onError = (e: Error): void => {
        const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        stopped(oom ? `the audit was stopped: it needed more than ${this.heapMb} MB of memory` : `the audit was stopped: ${e.message}`);
      };
      const onExit = (): void => stopped('the audit was stopped: its worker ended');
      const onAbort = (): void => stopped(`the audit was stopped: ${reasonOf(a.signal)}`);

      const seconds = Math.round(a.timeoutMs / 100) / 10;
      const timer = a.timeoutMs > 0 ? setTimeout(() => stopped(`the audit was stopped after ${seconds} s (its time budget)`), a.timeoutMs) : undefined;
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      if (a.signal?.aborted) return onAbort();
      a.signal?.addEventListener('abort', onAbort, { once: true });
      // The rules cross once per worker (~0.5 MB cloned, and as much garbage in the worker, per audit otherwise); loadRules
      // returns the same read-only set for an unchanged folder, so they cross once also over many auditTargets.
      const sendRules = slot.rules !== rules;
      slot.rules = rules;
      const init: AuditJob = {
        type: 'audit',
        job,
        ...(sendRules ? { rules } : {}),
        snapshot: local !== null ? { local } : {
          id: snapshot.id,
          commit: snapshot.commit,
          files: packFiles(snapshot.files),
          history: snapshot.history,
          metadata: snapshot.metadata,
          notes: snapshot.notes,
          historyPending: snapshot.historyReady !== undefined,
          sizesPending: snapshot.sizesReady !== undefined,
          canPrefetch: snapshot.prefetch !== undefined,
          canHead: snapshot.head !== undefined,
          hasBlobIds: snapshot.blobIds !== undefined,
          ...(plan ? { plan } : {}),
        },
        ...(a.applied ? { applied: { config: a.applied.config, by: a.applied.by } } : {}),
        now: a.now.toISOString(),
        timings: a.timer !== undefined,
        sentAt: wallClock(),
      };
      worker.postMessage(init satisfies MainMessage);
    });
  }
}

/** Why a run was stopped, from its signal. */
function reasonOf(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return typeof r === 'string' ? r : 'the run was stopped';
}

/** A report of the rules that ran; the others are not measured and say why. Its score is not final (partial). */
function partialReport(snapshot: RepoSnapshot, rules: RuleSet, results: Array<RuleRun | undefined>, why: string, files = snapshot.files.length): AuditedRepoReport {
  const ran = results.filter((r) => r !== undefined).length;
  const filled: RuleRun[] = rules.rules.map(
    (rule, i) =>
      results[i] ?? {
        id: rule.id,
        title: rule.title,
        category: rule.category,
        ...(rule.stage ? { stage: rule.stage } : {}),
        score: null,
        weight: rule.weight,
        measurable: false,
        outcome: 'not-measurable',
        note: 'not run: the audit was stopped before this rule',
        evidence: [],
        remediation: rule.remediation,
        points: 0,
        maxPoints: 0,
      },
  );
  const report = assembleReport(snapshot, rules.rules, filled, files);
  report.status = 'partial';
  report.reason = `${why}; ${ran} of ${rules.rules.length} rules ran, the others are not scored`;
  return report;
}

/**
 * The main thread's stand-in for a local folder the worker lists: named as the source names it, no files or history
 * until the worker says what it listed (a partial report then has its id, commit, file count and notes).
 */
function localStub(path: string): RepoSnapshot {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // the worker reports why it cannot be read
  }
  return {
    id: shownName(path, real),
    commit: null,
    files: [],
    history: { commits: [], shallow: false, truncated: false, totalCount: 0 },
    metadata: {},
    notes: [],
    read: () => Promise.resolve(null),
  };
}

/** Fills the stand-in with what the worker listed; returns the file count. */
function takeListed(snapshot: RepoSnapshot, l: ListedLocal): number {
  snapshot.id = l.id;
  snapshot.commit = l.commit;
  snapshot.metadata = l.metadata;
  snapshot.notes.push(...l.notes);
  return l.files;
}

const shared = new Map<number | undefined, AuditPool>();

/**
 * The process's pool, shared by every run in it (the Action audits the head and then the base; tests audit many
 * times): a worker starts once and serves run after run. Idle workers do not keep the process alive. `size` asks for
 * a pool of that many workers (one pool per size), instead of the default (the CPUs, 1 to 4).
 */
export function sharedAuditPool(size?: number): AuditPool {
  let pool = shared.get(size);
  if (!pool) shared.set(size, (pool = new AuditPool(size)));
  return pool;
}
