import { describe, expect, it } from 'vitest';
import { collectIfGrown, collectNow } from '../../src/audit-worker-gc.js';

describe('collectIfGrown', () => {
  it('collects only once the used heap has grown by the margin since the last full collection', () => {
    collectNow();
    expect(collectIfGrown(256 * 1024 * 1024)).toBe(false);
    // ~10 MB of live objects: past a 1 MB margin.
    const kept = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `x${i}` }));
    expect(collectIfGrown(1024 * 1024)).toBe(true);
    // Measured from that collection now: no growth since.
    expect(collectIfGrown(8 * 1024 * 1024)).toBe(false);
    expect(kept.length).toBe(300_000);
  });
});
