/**
 * Full garbage collections between a worker's audits. What one audit leaves behind (its file list, index, read files,
 * results) is garbage once its report is sent, but V8 lets a fresh isolate's old generation grow to half its limit
 * before its first full collection: with the watchdog's 2 GB limit, each worker's heap grew by about 2 MB per
 * portfolio repo audited, to 80 MB and more (bench/README.md), most of it garbage. Collecting when the heap has grown
 * by more than a margin since the last collection keeps each worker near its live size at the cost of one full
 * collection every few repositories (a few milliseconds each: the live heap is about 25 MB); after its first full
 * collection V8 also sets its own limits from the live size instead of the worker's 2 GB limit. It runs as the next
 * audit starts, not after the last one: a run of one repository (the CLI on a local folder) never pays for it, and
 * a worker about to be ended does not delay the end.
 *
 * The collector is reached through V8's `--expose-gc`, set for new contexts only: one small context of this worker
 * gets `gc`; the worker's own global is unchanged.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Growth of the used heap, since the last full collection, that makes the next one (a portfolio repo leaves ~2 MB). */
const GROWTH_BYTES = 8 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let liveAfterLast = -1;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    collect = typeof gc === 'function' ? () => void (gc as () => void)() : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Called as each audit starts: a full collection when the heap grew by more than the margin since the last one (or,
 * at the first audit, since the worker started).
 */
export function collectBetweenAudits(): void {
  const used = getHeapStatistics().used_heap_size;
  if (liveAfterLast < 0) {
    liveAfterLast = used;
    return;
  }
  if (used - liveAfterLast < GROWTH_BYTES) return;
  const gc = collector();
  if (!gc) return;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
}

/** A full collection now (after listing a large folder: git's index file and the listing's garbage are dead). */
export function collectNow(): void {
  const gc = collector();
  if (!gc) return;
  gc();
  liveAfterLast = getHeapStatistics().used_heap_size;
}

/**
 * A full collection now if the used heap grew by more than `bytes` since the last full collection made here; true if
 * it collected.
 */
export function collectIfGrown(bytes: number): boolean {
  if (liveAfterLast < 0 || getHeapStatistics().used_heap_size - liveAfterLast < bytes) return false;
  collectNow();
  return true;
}
