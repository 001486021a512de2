import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { EXAMPLE_KINDS, exampleMismatch, runExample } from '../../src/rules/examples.js';
import { tmpDir } from '../helpers/tmp.js';

// Every rule's examples (the `examples:` block of rules/<category>/<id>.yml), run on in-memory snapshots: a pass
// example must score >= 0.5, a fail example < 0.5, both measurable, and `score` when given is the exact score.
const set = loadRules();
const MIN_EACH = 2;

describe('rule examples', () => {
  it(`every shipped rule has at least ${MIN_EACH} pass and ${MIN_EACH} fail examples, with distinct names`, () => {
    const short = set.rules.filter((r) => (r.examples?.pass.length ?? 0) < MIN_EACH || (r.examples?.fail.length ?? 0) < MIN_EACH).map((r) => r.id);
    expect(short, 'rules with fewer examples').toEqual([]);
    for (const r of set.rules) {
      const names = EXAMPLE_KINDS.flatMap((k) => r.examples?.[k] ?? []).map((e) => e.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i), `${r.id}: duplicate example names`).toEqual([]);
    }
  });

  const rows = set.rules.flatMap((rule) =>
    EXAMPLE_KINDS.flatMap((kind) => (rule.examples?.[kind] ?? []).map((ex) => ({ rule, kind, ex }))),
  );
  describe.each(set.rules.map((r) => [r.id, rows.filter((x) => x.rule === r)] as const))('%s', (_id, list) => {
    it.each(list.map((x) => [`${x.kind}: ${x.ex.name}`, x] as const))('%s', async (_name, { rule, kind, ex }) => {
      const got = await runExample(rule, set, ex);
      const why = exampleMismatch(kind, ex, got);
      expect(why, `${rule.file} ${kind} "${ex.name}": ${why}\nevidence: ${JSON.stringify(got.evidence)}`).toBeNull();
    });
  });
});

describe('example semantics and validation', () => {
  const out = (score: number | null, measurable = true) => ({ score, measurable, evidence: [] });
  it('pass means measurable and >= 0.5, fail measurable and < 0.5; `score` pins the value', () => {
    const ex = { name: 'x' };
    expect(exampleMismatch('pass', ex, out(0.5))).toBeNull();
    expect(exampleMismatch('pass', ex, out(0.49))).toMatch(/pass needs >= 0.5/);
    expect(exampleMismatch('fail', ex, out(0.49))).toBeNull();
    expect(exampleMismatch('fail', ex, out(0.5))).toMatch(/fail needs < 0.5/);
    expect(exampleMismatch('fail', ex, out(null, false))).toMatch(/not measurable/);
    expect(exampleMismatch('pass', { name: 'x', score: 0.75 }, out(0.749))).toBeNull();
    expect(exampleMismatch('pass', { name: 'x', score: 0.75 }, out(1))).toMatch(/expects 0.75/);
  });

  it('not measurable means outcome not-measurable (score null); measured, or not applicable, is a mismatch', () => {
    const ex = { name: 'x' };
    expect(exampleMismatch('notMeasurable', ex, { score: null, measurable: false, outcome: 'not-measurable', evidence: [] })).toBeNull();
    expect(exampleMismatch('notMeasurable', ex, out(0))).toMatch(/measured: scores 0/);
    expect(exampleMismatch('notMeasurable', ex, { score: null, measurable: false, outcome: 'error', evidence: [] })).toMatch(/outcome error/);
  });

  it('the stage rules each have not-measurable examples: code that could not be read is never a fail', () => {
    for (const r of set.rules.filter((x) => x.stage)) expect(r.examples?.notMeasurable?.length ?? 0, r.id).toBeGreaterThanOrEqual(2);
  });

  it('a malformed examples block is a load error naming the field', () => {
    const dir = tmpDir('mlpa-examples-');
    cpSync(join(set.dir, 'sources.yml'), join(dir, 'sources.yml'));
    mkdirSync(join(dir, 'engineering'));
    const rule = readFileSync(join(set.dir, 'engineering/license-file.yml'), 'utf8').replace(/\nexamples:[\s\S]*$/, '\n');
    const write = (examples: string): string => {
      writeFileSync(join(dir, 'engineering/license-file.yml'), rule + examples);
      try {
        loadRules(dir);
        return 'loaded';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(write('')).toBe('loaded');
    expect(write('examples:\n  pass:\n    - name: ok\n      files: { LICENSE: "x" }\n')).toMatch(/examples: required field is missing|examples\.fail/);
    expect(write('examples:\n  pass: [{ name: ok, filez: {} }]\n  fail: [{ name: bad }]\n')).toMatch(/filez: unknown field/);
    expect(write('examples:\n  pass: [{ name: okay, commits: [{ subject: s, date: "2025-13-45" }] }]\n  fail: [{ name: bad }]\n')).toMatch(/commits\.0\.date: "2025-13-45" is not a date/);
  });
});
