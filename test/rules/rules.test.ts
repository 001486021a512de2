import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROBES } from '../../src/probes/index.js';
import { loadRules } from '../../src/rules/load.js';
import { CONFIG_SCHEMA, RULE_SCHEMA, SOURCES_SCHEMA } from '../../src/rules/schema.js';

// Each rule's pass/fail behaviour is tested by its own examples (test/rules/examples.test.ts).
const ruleSet = loadRules();

describe('rule files', () => {
  it('every rule validates and cites a listed guide', () => {
    const guides = new Set(ruleSet.guides.map((g) => g.id));
    for (const r of ruleSet.rules) expect(guides.has(r.criterion.source), r.id).toBe(true);
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
