import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { emptyFilesProbe, holdsNothing, type EmptyFilesParams } from '../../src/probes/empty-files.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { RepoSnapshot } from '../../src/types.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const PARAMS: Partial<EmptyFilesParams> = { globs: ['**/*.py'], exclude: ['**/__init__.py'], tolerate: 1, min: 3 };
const run = (snap: RepoSnapshot, params = PARAMS) => runWithDefaults(emptyFilesProbe, params, createProbeContext(snap, NOW));

describe('empty-files probe', () => {
  it('counts empty and comment-only files and names them', async () => {
    const snap = memorySnapshot({ files: { 'a.py': '', 'b.py': '# todo\npass\n', 'c.py': 'x = 1\n', 'pkg/__init__.py': '' } });
    const r = await run(snap);
    expect(r.score).toBe(0.5);
    expect(r.outcome).toBe('partial');
    expect(r.evidence.map((e) => e.path)).toEqual(['a.py', 'b.py']);
    expect(r.note).toBe('2 empty files');
  });

  it('a penalty only: none, or no more than tolerated, leaves the rule out of the score', async () => {
    const none = await run(memorySnapshot({ files: { 'c.py': 'x = 1\n' } }));
    expect(none).toMatchObject({ outcome: 'not-applicable', leftOut: true, note: 'no empty placeholder files' });
    const one = await run(memorySnapshot({ files: { 'a.py': '', 'c.py': 'x = 1\n' } }));
    expect(one).toMatchObject({ outcome: 'not-applicable', leftOut: true, note: '1 empty file; up to 1 tolerated' });
  });

  it('trusts blob ids over sizes: a file listed with size 0 whose blob is not empty (absent on disk) is not empty', async () => {
    const snap = memorySnapshot({ files: { 'a.py': 'import torch\n', 'b.py': 'x = 2\n' } });
    const listed: RepoSnapshot = { ...snap, files: snap.files.map((f) => ({ path: f.path, size: 0 })) };
    expect((await run(listed)).note).toBe('no empty placeholder files');
  });

  it('without blob ids (a plain directory) a size of 0 is an empty file', async () => {
    const snap = memorySnapshot({ files: { 'a.py': '', 'b.py': '', 'c.py': '', 'd.py': 'x = 1\n' } });
    const plain: RepoSnapshot = { ...snap, blobIds: undefined };
    expect((await run(plain)).score).toBe(0);
  });

  it('holdsNothing: blank lines, comments, pass and ... only', () => {
    expect(holdsNothing('')).toBe(true);
    expect(holdsNothing('# a\n// b\n-- c\n  pass\n...\n\n')).toBe(true);
    expect(holdsNothing('# a\nSEED = 1\n')).toBe(false);
    expect(holdsNothing('passes = 1\n')).toBe(false);
  });

  it('holdsNothing: a lone opening docstring or a bare raise NotImplementedError is nothing; code after them is not', () => {
    expect(holdsNothing('"""Training loop: to do."""\n')).toBe(true);
    expect(holdsNothing("# -*- coding: utf-8 -*-\nr'''\nModel\nserving.\n'''\n\nraise NotImplementedError('soon')\n")).toBe(true);
    expect(holdsNothing('raise NotImplementedError\n')).toBe(true);
    expect(holdsNothing('"""Config."""\nSEED = 42\n')).toBe(false);
    expect(holdsNothing('"""unterminated\nx = 1\n')).toBe(false);
    expect(holdsNothing('raise NotImplementedErrorX\n')).toBe(false);
    expect(holdsNothing('x = 1\n"""late"""\n')).toBe(false);
  });
});
