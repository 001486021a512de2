import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { PROBES } from '../../src/probes/index.js';
import { loadRules } from '../../src/rules/load.js';
import { CONFIG_SCHEMA, RULE_SCHEMA, SOURCES_SCHEMA } from '../../src/rules/schema.js';
import type { RuleCase } from './case.js';
import { snapshotOf } from './build-spec.js';

const ruleSet = loadRules();
const caseFiles = readdirSync(join(import.meta.dirname, 'cases')).filter((f) => f.endsWith('.ts'));
const cases: RuleCase[] = (
  await Promise.all(caseFiles.map(async (f) => ((await import(`./cases/${f.slice(0, -3)}.ts`)) as { cases: RuleCase[] }).cases))
).flat();

const DEFAULT_NOW = '2026-01-15T00:00:00Z';

describe('rule files', () => {
  it('every rule validates, cites a listed guide and has exactly one pass/fail case', () => {
    const guides = new Set(ruleSet.guides.map((g) => g.id));
    for (const r of ruleSet.rules) expect(guides.has(r.criterion.source), r.id).toBe(true);
    const ids = ruleSet.rules.map((r) => r.id).sort();
    const covered = cases.map((c) => c.rule).sort();
    expect(covered.filter((id, i) => covered.indexOf(id) !== i), 'rules with more than one case').toEqual([]);
    expect(ids.filter((id) => !covered.includes(id)), 'rules without a pass/fail case').toEqual([]);
    expect(covered.filter((id) => !ids.includes(id)), 'cases for rules that do not exist').toEqual([]);
  });
});

describe('schemas', () => {
  it('every schema the tool validates with is a valid JSON Schema (runs skip this check)', () => {
    const meta = new Ajv({ strict: false });
    const schemas: Array<[string, object]> = [
      ['rule', RULE_SCHEMA],
      ['sources', SOURCES_SCHEMA],
      ['config', CONFIG_SCHEMA],
      ...Object.values(PROBES).map((p): [string, object] => [`${p.name} params`, p.paramsSchema]),
    ];
    for (const [name, schema] of schemas) {
      expect(meta.validateSchema(schema), `${name}: ${meta.errorsText(meta.errors)}`).toBe(true);
      expect(() => meta.compile(schema), name).not.toThrow();
    }
    // A broken schema is caught here: the meta-schema check is real.
    expect(meta.validateSchema({ type: 'no-such-type' })).toBe(false);
  });
});

describe.each(cases.map((c) => [c.rule, c] as const))('rule %s', (id, c) => {
  const rule = ruleSet.rules.find((r) => r.id === id);
  const run = async (which: 'pass' | 'fail') => {
    const spec = c[which];
    const snap = await snapshotOf(spec);
    const ctx = createProbeContext(snap, new Date(spec.now ?? DEFAULT_NOW));
    return PROBES[rule!.probe].run(rule!.params, ctx);
  };
  it('passes on a repo that meets it', async () => {
    expect(rule, `rule ${id} exists`).toBeDefined();
    const r = await run('pass');
    expect(r.measurable, r.note).not.toBe(false);
    expect(r.score, JSON.stringify(r.evidence)).toBeGreaterThanOrEqual(0.99);
  });
  it('fails on a repo that does not', async () => {
    const r = await run('fail');
    expect(r.measurable, r.note).not.toBe(false);
    expect(r.score, JSON.stringify(r.evidence)).toBeLessThanOrEqual(c.failAtMost ?? 0.01);
  });
});
