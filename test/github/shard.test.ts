import { describe, expect, it } from 'vitest';
import { portfolioOf } from '../../src/portfolio.js';
import { isAudited, type Report, type RepoReport } from '../../src/report/types.js';
import { buildReport, errorReport } from '../../src/report/build.js';
import { repoReport } from '../helpers/fake-github/sample-report.js';
import { mergeReports, parseReport, parseShard, selectShard, ShardError } from '../../src/shard.js';

const NOW = new Date('2026-01-15T00:00:00Z');

function repo(name: string, score: number): RepoReport {
  return repoReport(name, score, [], { commit: null });
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
  const a = buildReport([repo('ada/one', 90), repo('ada/two', 40), errorReport('ada/dup', 'repository not found (HTTP 404)')], NOW);
  const b = buildReport([repo('ada/three', 80), repo('ADA/Dup', 75)], new Date('2026-01-15T01:00:00Z'));

  it('combines shards: repos de-duplicated (best status kept), portfolio recomputed', () => {
    const m = mergeReports([a, b]);
    expect(m.repos.map((r) => [r.repo, r.status, isAudited(r) ? r.score : null])).toEqual([
      ['ada/one', 'ok', 90],
      ['ada/two', 'ok', 40],
      ['ADA/Dup', 'ok', 75],
      ['ada/three', 'ok', 80],
    ]);
    expect(m.portfolio).toEqual(portfolioOf(m.repos));
    expect(m.portfolio.counted).toEqual(expect.arrayContaining(['ada/one', 'ada/three', 'ADA/Dup']));
    expect(m.generatedAt).toBe('2026-01-15T01:00:00.000Z');
    expect(m.schemaVersion).toBe(2);
    expect(m.tool).toEqual(a.tool);
  });

  it('a single report merges to itself', () => {
    expect(mergeReports([a]).repos).toEqual(a.repos);
  });

  it('refuses reports with an unknown schemaVersion or another tool version, or no report at all', () => {
    const v3 = { ...b, schemaVersion: 3 } as unknown as Report;
    expect(() => mergeReports([a, v3])).toThrow(/report 2 has schemaVersion 3, report 1 has 2/);
    const other = { ...b, tool: { ...b.tool, version: '9.9.9' } };
    expect(() => mergeReports([a, other])).toThrow(/report 2 comes from .* 9\.9\.9/);
    expect(() => mergeReports([])).toThrow(/no reports to merge/);
  });

  it('parseReport names the file for bad input', () => {
    expect(parseReport(JSON.stringify(a), 'shard-1.json').repos).toHaveLength(3);
    expect(() => parseReport('{oops', 'shard-2.json')).toThrow(/shard-2\.json: not JSON/);
    expect(() => parseReport('{"hello": 1}', 'shard-3.json')).toThrow(/shard-3\.json: not a report of this tool/);
    expect(() => parseReport(JSON.stringify({ ...a, schemaVersion: 3 }), 's.json')).toThrow(/schemaVersion 3 is not supported \(expected 1 or 2\)/);
  });

  it('a bad entry is described by the shape its status names (audited or not), not by both branches of oneOf', () => {
    const bad = JSON.parse(JSON.stringify(a));
    bad.repos[0].grade = 'Z';
    bad.repos[2].score = 0;
    const message = (() => {
      try {
        parseReport(JSON.stringify(bad), 'x.json');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toBe('x.json: not a valid report (schema/report.schema.json): repos.0.grade: must be one of "A", "B", "C", "D", "F"; repos.2.score: unknown field');
  });

  describe('reports of the previous schemaVersion (1)', () => {
    /** A shard as schemaVersion 1 wrote it: a repo not audited had placeholders (0, F, empty lists) and `error`. */
    function v1(report: Report): Record<string, unknown> {
      const out = JSON.parse(JSON.stringify(report));
      out.schemaVersion = 1;
      out.repos = out.repos.map((r: Record<string, unknown>) =>
        r.status === 'ok' || r.status === 'partial'
          ? r
          : {
              ...r,
              score: 0,
              grade: 'F',
              categories: Object.fromEntries(['pipeline', 'readme', 'history', 'engineering', 'originality'].map((c) => [c, { score: 0, weight: 0 }])),
              stages: Object.fromEntries(['data', 'preprocessing', 'training', 'evaluation', 'deployment'].map((st) => [st, { detected: false, evidence: [] }])),
              rules: [],
              nextActions: [],
              files: 0,
              ...(r.status === 'error' ? { error: r.reason } : {}),
            },
      );
      return out;
    }
    const late = { ...errorReport('ada/late', 'time budget of 600s exhausted before this repo was audited', 'skipped'), metadata: { archived: true } };
    const old = v1(buildReport([repo('ada/four', 85), errorReport('ada/gone', 'repository not found (HTTP 404)'), late], NOW));

    it('parseReport reads one as the current version: its not-audited entries lose their placeholders, the rest is unchanged', () => {
      const r = parseReport(JSON.stringify(old), 'shard-old.json');
      expect(r.schemaVersion).toBe(2);
      expect(r.repos[0]).toEqual((old.repos as RepoReport[])[0]);
      expect(r.repos[1]).toEqual({ repo: 'ada/gone', commit: null, status: 'error', reason: 'repository not found (HTTP 404)', notes: [] });
      expect(r.repos[2]).toEqual({ repo: 'ada/late', commit: null, status: 'skipped', reason: 'time budget of 600s exhausted before this repo was audited', notes: [], metadata: { archived: true } });
      // A v1 error entry that had only `error` (no reason) keeps its message.
      const onlyError = structuredClone(old) as { repos: Array<Record<string, unknown>> };
      delete onlyError.repos[1].reason;
      expect(parseReport(JSON.stringify(onlyError), 's.json').repos[1]).toMatchObject({ status: 'error', reason: 'repository not found (HTTP 404)' });
      // Still validated: a v1 report with a broken audited entry is refused.
      const bad = structuredClone(old) as { repos: Array<Record<string, unknown>> };
      delete bad.repos[0].grade;
      expect(() => parseReport(JSON.stringify(bad), 'bad.json')).toThrow(/bad\.json: not a valid report/);
    });

    it('merges with reports of the current version (one shard upgraded before the other was re-run)', () => {
      const merged = mergeReports([parseReport(JSON.stringify(old), 'shard-1.json'), parseReport(JSON.stringify(b), 'shard-2.json')]);
      expect(merged.schemaVersion).toBe(2);
      expect(merged.repos.map((r) => [r.repo, r.status])).toEqual([
        ['ada/four', 'ok'],
        ['ada/gone', 'error'],
        ['ada/late', 'skipped'],
        ['ada/three', 'ok'],
        ['ADA/Dup', 'ok'],
      ]);
      expect(merged.repos.filter((r) => !isAudited(r)).every((r) => !('score' in r) && !('grade' in r))).toBe(true);
      expect(merged.portfolio).toEqual(portfolioOf(merged.repos));
      expect(merged.portfolio.audited).toBe(3);
      // mergeReports given the v1 object itself (the library API, no parse) reads it the same way.
      expect(mergeReports([old as unknown as Report, b]).repos).toEqual(merged.repos);
    });
  });
});
