/**
 * Where an audit's time goes, by phase, summed over repositories (`--timings`). Phases of repositories audited at
 * the same time overlap, so their sum can exceed the wall time of a run of several.
 */
export class PhaseTimer {
  private readonly totals = new Map<string, number>();

  /** Adds `ms` to `phase`. */
  add(phase: string, ms: number): void {
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + ms);
  }

  /** Runs `work` and adds its duration to `phase`. */
  async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  }

  /** Milliseconds per phase, rounded, in the order the phases first ran. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.totals].map(([k, v]) => [k, Math.round(v)]));
  }
}
