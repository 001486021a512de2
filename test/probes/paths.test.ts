import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { pathsProbe, type PathsParams } from '../../src/probes/paths.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { memorySnapshot } from '../../src/sources/memory.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const run = (files: Record<string, string | Uint8Array>, params: Partial<PathsParams>, exclude: string[] = []) =>
  runWithDefaults(pathsProbe, params, createProbeContext(memorySnapshot({ files }), NOW, exclude));

describe('paths probe', () => {
  it('scores presence, with evidence naming the matching files', async () => {
    const r = await run({ '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'src/a.py': 'x=1' }, { globs: ['.github/workflows/*.yml'], detail: 'CI configuration' });
    expect(r.score).toBe(1);
    expect(r.evidence).toEqual([{ path: '.github/workflows/ci.yml', detail: 'CI configuration' }]);
  });

  it('gives 0 with a note when nothing matches, and a partial score below `min`', async () => {
    const none = await run({ 'a.py': 'x' }, { globs: ['tests/**'] });
    expect(none.score).toBe(0);
    expect(none.note).toMatch(/no matching file/);
    const some = await run({ 'tests/a.py': 'x', 'tests/b.py': 'y' }, { globs: ['tests/**'], min: 4 });
    expect(some.score).toBe(0.5);
  });

  it('ignores files below minBytes and honours exclude globs (probe and user config)', async () => {
    expect((await run({ LICENSE: '' }, { globs: ['LICENSE'], minBytes: 10 })).score).toBe(0);
    expect((await run({ 'vendor/x.py': 'x' }, { globs: ['**/*.py'], exclude: ['vendor/**'] })).score).toBe(0);
    expect((await run({ 'vendor/x.py': 'x' }, { globs: ['**/*.py'] }, ['vendor/**'])).score).toBe(0);
  });

  it('matches case-insensitively when asked', async () => {
    expect((await run({ 'License.md': 'MIT licence text' }, { globs: ['{LICENSE,LICENSE.*}'] })).score).toBe(0);
    expect((await run({ 'License.md': 'MIT licence text' }, { globs: ['{LICENSE,LICENSE.*}'], nocase: true })).score).toBe(1);
  });

  it('expect absent with a size limit: only files larger than the limit count, sizes in evidence', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    const small = new Uint8Array(1024);
    const params: Partial<PathsParams> = { globs: ['**/*.{pkl,csv}'], expect: 'absent', largerThanMB: 10, detail: 'large artifact' };
    const ok = await run({ 'models/model.pkl': small, 'data/x.csv': 'a,b\n1,2\n' }, params);
    expect(ok.score).toBe(1);
    const bad = await run({ 'models/model.pkl': big, 'data/x.csv': 'a,b\n' }, params);
    expect(bad.score).toBe(0);
    expect(bad.evidence[0]!.path).toBe('models/model.pkl');
    expect(bad.evidence[0]!.detail).toMatch(/11\.0 MB/);
    // What a rule expects to be absent is a problem where it is found; what a rule looks for is not.
    expect(bad.evidence[0]!.problem).toBe(true);
    const present = await run({ 'models/model.pkl': small }, { globs: ['**/*.pkl'] });
    expect(present.evidence[0]).toEqual({ path: 'models/model.pkl', detail: 'present' });
  });

  it('absent with tolerate/min falls linearly, counting distinct regex matches', async () => {
    const params: Partial<PathsParams> = {
      globs: ['**/*.ipynb'],
      regex: '(?:^|/)week[-_ ]?\\d+',
      nocase: true,
      countBy: 'match',
      expect: 'absent',
      min: 2,
    };
    const one = await run({ 'Week1/a.ipynb': '{}', 'Week1/b.ipynb': '{}', 'week_1/c.ipynb': '{}' }, params);
    // "Week1" and "week_1" normalise to the same marker
    expect(one.score).toBe(0.5);
    expect(one.evidence[0]!.detail).toMatch(/"Week1" in the path/);
    const two = await run({ 'week1/a.ipynb': '{}', 'week2/b.ipynb': '{}' }, params);
    expect(two.score).toBe(0);
    const tol = await run(
      { '01-a/x.py': '', '02-b/x.py': '', '03-c/x.py': '', '04-d/x.py': '' },
      { globs: ['**/*.py'], regex: '^\\d+-[a-z]+(?=/)', countBy: 'match', expect: 'absent', tolerate: 2, min: 6 },
    );
    expect(tol.score).toBeCloseTo(0.5);
    expect(tol.evidence.every((e) => e.problem)).toBe(true);
    // Within what is tolerated, matches are shown but are not problems.
    const within = await run({ '01-a/x.py': '', '02-b/x.py': '' }, { globs: ['**/*.py'], regex: '^\\d+-[a-z]+(?=/)', countBy: 'match', expect: 'absent', tolerate: 2, min: 6 });
    expect(within.score).toBe(1);
    expect(within.evidence).toHaveLength(2);
    expect(within.evidence.some((e) => e.problem)).toBe(false);
  });

  it('counts distinct folders with countBy dir', async () => {
    const r = await run({ 'a/1.py': '', 'a/2.py': '', 'b/3.py': '' }, { globs: ['**/*.py'], countBy: 'dir', min: 3 });
    expect(r.score).toBeCloseTo(2 / 3);
  });

  it('returns a note instead of throwing on a bad regex', async () => {
    const r = await run({ 'a.py': '' }, { globs: ['**'], regex: '(' });
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/invalid regex/);
  });

  it('fileNameMaxDepth: a match in a deep file name does not count, one in a folder or a shallow file name does', async () => {
    const params: Partial<PathsParams> = { globs: ['**/*.md'], regex: '(?:^|/)task\\d', nocase: true, expect: 'absent', countBy: 'match', min: 2, fileNameMaxDepth: 3 };
    const deep = await run({ 'a/b/c/d/task2_report.md': 'x', 'a/b/c/e/task3_report.md': 'x' }, params);
    expect(deep.score).toBe(1);
    const shallow = await run({ 'tasks/task1_notes.md': 'x', 'a/b/c/task2.md': 'x' }, params);
    expect(shallow.score).toBe(0);
    const folder = await run({ 'a/b/c/task4/d/notes.md': 'x', 'a/b/c/task5/d/notes.md': 'x' }, params);
    expect(folder.score).toBe(0);
    const root = await run({ 'task1.md': 'x' }, params);
    expect(root.score).toBe(0.5);
  });
});
