import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { exampleMismatch, runExample, type ExampleKind } from '../../src/rules/examples.js';

// Every rule's examples (the `examples:` block of rules/<category>/<id>.yml), run on in-memory snapshots: a pass
// example must score >= 0.5, a fail example < 0.5, both measurable, and `score` when given is the exact score.
const set = loadRules();
const MIN_EACH = 2;

describe('rule examples', () => {
  it(`every shipped rule has at least ${MIN_EACH} pass and ${MIN_EACH} fail examples, with distinct names`, () => {
    const short = set.rules.filter((r) => (r.examples?.pass.length ?? 0) < MIN_EACH || (r.examples?.fail.length ?? 0) < MIN_EACH).map((r) => r.id);
    expect(short, 'rules with fewer examples').toEqual([]);
    for (const r of set.rules) {
      const names = [...(r.examples?.pass ?? []), ...(r.examples?.fail ?? [])].map((e) => e.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i), `${r.id}: duplicate example names`).toEqual([]);
    }
  });

  const rows = set.rules.flatMap((rule) =>
    (['pass', 'fail'] as ExampleKind[]).flatMap((kind) => (rule.examples?.[kind] ?? []).map((ex) => ({ rule, kind, ex }))),
  );
  describe.each(set.rules.map((r) => [r.id, rows.filter((x) => x.rule === r)] as const))('%s', (_id, list) => {
    it.each(list.map((x) => [`${x.kind}: ${x.ex.name}`, x] as const))('%s', async (_name, { rule, kind, ex }) => {
      const got = await runExample(rule, set, ex);
      const why = exampleMismatch(kind, ex, got);
      expect(why, `${rule.file} ${kind} "${ex.name}": ${why}\nevidence: ${JSON.stringify(got.evidence)}`).toBeNull();
    });
  });
});
