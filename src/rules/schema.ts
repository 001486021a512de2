import { CATEGORIES, STAGES } from '../types.js';
import { FIX_KINDS } from './fixes.js';
import { PROJECT_LANGUAGES } from '../facts/languages.js';

/** The portfolio flags a rule can raise (`flags:` in a rule file). */
const PORTFOLIO_FLAG_KINDS = ['tutorial-copy', 'fork', 'one-shot', 'archived', 'empty'] as const;

/** JSON Schema for one rule file (rules/<category>/<id>.yml). `params` is checked against the probe's own schema. */
export const RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'category', 'weight', 'criterion', 'probe', 'params', 'remediation', 'fix'],
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
    remediationByLanguage: {
      type: 'object',
      description:
        "Advice in the project's own language (src/project-language.ts) when that is not Python: keys are languages of the languages fact (Java, JavaScript, R, Julia, MATLAB, C++, Dart, …).",
      propertyNames: { enum: [...PROJECT_LANGUAGES] },
      additionalProperties: { type: 'string', minLength: 10 },
    },
    remediationByKind: {
      type: 'object',
      description:
        'Advice for a kind of project whose work differs (src/probes/project-kind.ts families: `rl`, a reinforcement-learning agent; `llm-app`, an app built on pretrained models): it replaces `remediation` (and `remediationByLanguage`) for that kind.',
      propertyNames: { enum: ['rl', 'llm-app'] },
      additionalProperties: { type: 'string', minLength: 10 },
    },
    fix: {
      enum: FIX_KINDS.filter((k) => k !== 'not-ml'),
      description: 'What a person does to fix the rule (src/rules/fixes.ts): the fix-first list groups rules by it.',
    },
    cap: {
      type: 'object',
      additionalProperties: false,
      required: ['below', 'max'],
      properties: {
        below: { type: 'number', minimum: 0, maximum: 1 },
        max: { type: 'number', minimum: 0, maximum: 100 },
        keep: {
          type: 'number',
          minimum: 0,
          exclusiveMaximum: 1,
          description:
            'A soft cap: the share of the points above `max` the repo keeps while the cap holds (0, the default: none). The score is then at most max + keep × (100 − max); scores under the cap keep their order.',
        },
      },
    },
    gate: { type: 'boolean' },
    flags: {
      type: 'array',
      description: 'Portfolio flags the rule raises when it scores below 0.5 (src/portfolio.ts).',
      uniqueItems: true,
      items: { enum: PORTFOLIO_FLAG_KINDS },
    },
    examples: { $ref: '#/$defs/examples' },
  },
  $defs: {
    examples: {
      type: 'object',
      additionalProperties: false,
      required: ['pass', 'fail'],
      description:
        'Small repositories on which the rule must pass (score >= 0.5), fail (< 0.5), or not be measurable (notMeasurable: the code it reads could not be read); run by test/rules/examples.test.ts.',
      properties: {
        pass: { type: 'array', minItems: 1, items: { $ref: '#/$defs/example' } },
        fail: { type: 'array', minItems: 1, items: { $ref: '#/$defs/example' } },
        notMeasurable: { type: 'array', minItems: 1, items: { $ref: '#/$defs/example' } },
      },
    },
    example: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 3 },
        files: { type: 'object', additionalProperties: { $ref: '#/$defs/file' } },
        commits: { type: 'array', items: { $ref: '#/$defs/commit' } },
        metadata: {
          type: 'object',
          additionalProperties: false,
          properties: {
            fork: { type: 'boolean' },
            parent: { type: 'string' },
            archived: { type: 'boolean' },
            description: { type: ['string', 'null'] },
            homepage: { type: ['string', 'null'] },
            topics: { type: 'array', items: { type: 'string' } },
          },
        },
        now: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
        score: { type: 'number', minimum: 0, maximum: 1 },
        params: { type: 'object', description: "Params merged over the rule's own for this example." },
      },
    },
    file: {
      oneOf: [
        { type: 'string' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['size'],
          description: 'A binary file of this size: bytes, or "12MB".',
          properties: { size: { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+(\\.\\d+)?(B|KB|MB)$' }] } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['latin1'],
          description: 'Text saved as Latin-1 (not UTF-8).',
          properties: { latin1: { type: 'string' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['text', 'repeat'],
          description: 'Text repeated this many times (a large file of one line or one block).',
          properties: { text: { type: 'string', minLength: 1 }, repeat: { type: 'integer', minimum: 1, maximum: 100000 } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['draws', 'words'],
          description:
            'Words drawn from a vocabulary (space-separated), six a line: uniformly, or with zipf the word of rank r with weight 1/r; with follows, one word in two is one of three successors of the word before it (words in an order).',
          properties: {
            draws: { type: 'string', minLength: 1 },
            words: { type: 'integer', minimum: 1, maximum: 100000 },
            zipf: { type: 'boolean' },
            follows: { type: 'boolean' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['notebook'],
          description: 'A Jupyter notebook: code cells as strings, Markdown cells as {markdown: text}.',
          properties: {
            notebook: {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'string' },
                  { type: 'object', additionalProperties: false, required: ['markdown'], properties: { markdown: { type: 'string' } } },
                ],
              },
            },
          },
        },
      ],
    },
    commit: {
      type: 'object',
      additionalProperties: false,
      required: ['subject', 'date'],
      properties: {
        subject: { type: 'string', description: 'Commit subject; when repeated, "{n}" is replaced by 1, 2, …, and "{work}" / "{terse}" by a different described subject for each commit (a counter alone makes one repeated message).' },
        date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
        author: { type: 'string', minLength: 1 },
        email: { type: 'string' },
        filesChanged: { type: ['integer', 'null'], minimum: 0 },
        linesChanged: { type: ['integer', 'null'], minimum: 0, description: 'Lines the commit changed (added + deleted); unknown when absent, and for a commit of 3 files or more (LINES_COUNTED_FILES), as both sources give it.' },
        paths: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 20, description: 'Paths the commit changed ("{n}" as in the subject); filesChanged defaults to their number.' },
        merge: { type: 'boolean' },
        repeat: { type: 'integer', minimum: 1, maximum: 500, description: 'This many commits, `every` days apart (default 1).' },
        every: { type: 'number', exclusiveMinimum: 0 },
      },
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
