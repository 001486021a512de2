import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { runMember } from '../helpers/probes.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { RepoMetadata } from '../../src/types.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const run = (metadata: RepoMetadata | undefined, check: 'fork' | 'archived') =>
  runMember('metadata', 'check', { check }, createProbeContext(memorySnapshot({ files: {}, ...(metadata ? { metadata } : {}) }), NOW));

describe('metadata probe', () => {
  it('is not measurable when the host metadata is unknown (local checkout)', async () => {
    const r = await run(undefined, 'fork');
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toBe('fork status unknown for a local checkout');
    expect((await run({}, 'archived')).outcome).toBe('not-measurable');
  });

  it('scores 0 for a fork, naming the parent', async () => {
    const r = await run({ fork: true, parent: 'course/ml-template' }, 'fork');
    expect(r.score).toBe(0);
    expect(r.outcome).toBe('fail');
    expect(r.evidence[0]!.detail).toMatch(/fork of course\/ml-template/);
  });

  it('scores 1 for a repository that is not a fork', async () => {
    expect((await run({ fork: false }, 'fork')).score).toBe(1);
  });

  it('checks archived status', async () => {
    expect((await run({ archived: true }, 'archived')).score).toBe(0);
    expect((await run({ archived: false }, 'archived')).score).toBe(1);
  });
});
