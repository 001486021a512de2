import { describe, expect, it } from 'vitest';
import { portfolioOf } from '../../src/portfolio.js';
import type { Report, RepoReport } from '../../src/report/types.js';
import { buildReport, errorReport } from '../../src/report/build.js';
import { mergeReports, parseReport, parseShard, selectShard, ShardError } from '../../src/shard.js';

const NOW = new Date('2026-01-15T00:00:00Z');

function repo(name: string, score: number, status: RepoReport['status'] = 'ok'): RepoReport {
  const r = errorReport(name, 'x', status);
  delete r.error;
  delete r.reason;
  return { ...r, status, score, grade: score >= 70 ? 'B' : 'F' };
}

describe('selectShard', () => {
  const list = Array.from({ length: 23 }, (_, i) => `ada/repo-${String(i).padStart(2, '0')}`);

  it('every target in exactly one shard, roughly balanced, input order kept', () => {
    const shards = [1, 2, 3, 4].map((i) => selectShard(list, `${i}/4`));
    expect(shards.flat().sort()).toEqual([...list].sort());
    expect(new Set(shards.flat()).size).toBe(list.length);
    for (const s of shards) expect(s).toEqual(list.filter((t) => s.includes(t)));
    const many = Array.from({ length: 400 }, (_, i) => `user${i % 7}/project-${i}`);
    const sizes = [1, 2, 3, 4].map((i) => selectShard(many, `${i}/4`).length);
    for (const n of sizes) expect(n).toBeGreaterThan(70); // 100 on average
  });

  it("a target's shard does not depend on the rest of the list (user listings taken at different times)", () => {
    const earlier = list.slice(0, 15);
    const later = ['ada/new-project', ...list.slice(3)]; // one repo pushed since, three dropped out of max-repos
    for (const i of [1, 2, 3, 4]) {
      const a = selectShard(earlier, `${i}/4`);
      const b = selectShard(later, `${i}/4`);
      for (const t of a) if (later.includes(t)) expect(b).toContain(t);
    }
  });

  it('deterministic whatever the input order; the same repo spelled twice goes to one shard once', () => {
    const shuffled = [...list].reverse();
    for (const i of [1, 2, 3]) expect(selectShard(shuffled, `${i}/3`).sort()).toEqual(selectShard(list, `${i}/3`).sort());
    const spelled = ['ada/Churn', 'https://github.com/ada/churn', 'ada/churn', 'ada/other', './local/dir'];
    const got = [1, 2].map((i) => selectShard(spelled, `${i}/2`));
    expect(got.flat()).toHaveLength(3);
    expect(got.flat()).toContain('ada/Churn');
  });

  it('1/1 is everything; more shards than targets leaves some empty', () => {
    expect(selectShard(list, '1/1')).toEqual(list);
    expect([1, 2, 3].map((i) => selectShard(['a/b'], `${i}/3`).length).sort()).toEqual([0, 0, 1]);
  });

  it.each(['', '1', '0/3', '4/3', '1/0', 'a/b', '1/3/2', '-1/3', '1/257'])('rejects %j with the expected form', (spec) => {
    expect(() => parseShard(spec)).toThrow(ShardError);
    expect(() => parseShard(spec)).toThrow(/invalid shard/);
  });
  it('accepts spaces', () => expect(parseShard(' 2 / 4 ')).toEqual({ index: 2, count: 4 }));
});

describe('mergeReports', () => {
  const a = buildReport([repo('ada/one', 90), repo('ada/two', 40), repo('ada/dup', 10, 'error')], NOW);
  const b = buildReport([repo('ada/three', 80), repo('ADA/Dup', 75)], new Date('2026-01-15T01:00:00Z'));

  it('combines shards: repos de-duplicated (best status kept), portfolio recomputed', () => {
    const m = mergeReports([a, b]);
    expect(m.repos.map((r) => [r.repo, r.status, r.score])).toEqual([
      ['ada/one', 'ok', 90],
      ['ada/two', 'ok', 40],
      ['ADA/Dup', 'ok', 75],
      ['ada/three', 'ok', 80],
    ]);
    expect(m.portfolio).toEqual(portfolioOf(m.repos));
    expect(m.portfolio.counted).toEqual(expect.arrayContaining(['ada/one', 'ada/three', 'ADA/Dup']));
    expect(m.generatedAt).toBe('2026-01-15T01:00:00.000Z');
    expect(m.schemaVersion).toBe(1);
    expect(m.tool).toEqual(a.tool);
  });

  it('a single report merges to itself', () => {
    expect(mergeReports([a]).repos).toEqual(a.repos);
  });

  it('refuses reports with another schemaVersion or tool version, or no report at all', () => {
    const v2 = { ...b, schemaVersion: 2 } as unknown as Report;
    expect(() => mergeReports([a, v2])).toThrow(/report 2 has schemaVersion 2, report 1 has 1/);
    const other = { ...b, tool: { ...b.tool, version: '9.9.9' } };
    expect(() => mergeReports([a, other])).toThrow(/report 2 comes from .* 9\.9\.9/);
    expect(() => mergeReports([])).toThrow(/no reports to merge/);
  });

  it('parseReport names the file for bad input', () => {
    expect(parseReport(JSON.stringify(a), 'shard-1.json').repos).toHaveLength(3);
    expect(() => parseReport('{oops', 'shard-2.json')).toThrow(/shard-2\.json: not JSON/);
    expect(() => parseReport('{"hello": 1}', 'shard-3.json')).toThrow(/shard-3\.json: not a report of this tool/);
    expect(() => parseReport(JSON.stringify({ ...a, schemaVersion: 3 }), 's.json')).toThrow(/schemaVersion 3 is not supported/);
  });
});
