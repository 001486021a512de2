import { CATEGORIES, STAGES } from '../types.js';

/** The portfolio flags a rule can raise (`flags:` in a rule file). */
export const PORTFOLIO_FLAG_KINDS = ['tutorial-copy', 'fork', 'one-shot', 'archived', 'empty'] as const;

/** JSON Schema for one rule file (rules/<category>/<id>.yml). `params` is checked against the probe's own schema. */
export const RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'category', 'weight', 'criterion', 'probe', 'params', 'remediation'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    title: { type: 'string', minLength: 3 },
    category: { enum: CATEGORIES },
    stage: { enum: STAGES },
    weight: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
    criterion: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'quote'],
      properties: { source: { type: 'string' }, quote: { type: 'string', minLength: 10 } },
    },
    probe: { type: 'string' },
    params: { type: 'object' },
    remediation: { type: 'string', minLength: 10 },
    cap: {
      type: 'object',
      additionalProperties: false,
      required: ['below', 'max'],
      properties: {
        below: { type: 'number', minimum: 0, maximum: 1 },
        max: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    gate: { type: 'boolean' },
    flags: {
      type: 'array',
      description: 'Portfolio flags the rule raises when it scores below 0.5 (src/portfolio.ts).',
      uniqueItems: true,
      items: { enum: PORTFOLIO_FLAG_KINDS },
    },
  },
} as const;

export const SOURCES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['guides'],
  properties: {
    guides: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'author', 'date'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          author: { type: 'string' },
          date: { type: 'string' },
        },
      },
    },
  },
} as const;

/** JSON Schema for the user config file (.ml-portfolio-audit.yml or --config). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      description: 'Per-rule overrides, keyed by rule id.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          weight: { type: 'number', minimum: 0, maximum: 100 },
          enabled: { type: 'boolean' },
        },
      },
    },
    exclude: {
      type: 'array',
      description: 'Globs of paths to leave out of the audit (vendored code, generated files).',
      items: { type: 'string', minLength: 1, pattern: '^[^!]' },
    },
    'fail-under': { type: 'number', minimum: 0, maximum: 100 },
  },
} as const;
