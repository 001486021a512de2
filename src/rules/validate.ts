import { Ajv, type ErrorObject } from 'ajv';
import { UserError } from '../errors.js';

// The schemas are the tool's own (rules, probes' params, config, sources): a test checks each against the JSON Schema
// meta-schema once, so a run does not compile the meta-schema to check them again.
// Made on first use: a run on the shipped rules (src/rules/validated.ts) and no config file validates nothing, and
// the audit worker threads never do.
let ajv: Ajv | undefined;

/** A data file (rule, config, sources list) that is malformed. The message names the file, the field and what is allowed. */
export class InputFileError extends UserError {
  override readonly what = 'invalid file';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** One schema error as "field.path: what is wrong". */
export function describeSchemaError(e: ErrorObject): string {
  const field = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${field === '(top level)' ? '' : field + '.'}${String(p.additionalProperty)}: unknown field`;
    case 'required':
      return `${field === '(top level)' ? '' : field + '.'}${String(p.missingProperty)}: required field is missing`;
    case 'enum':
      return `${field}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${field}: ${e.message ?? 'is invalid'}`;
  }
}

const cache = new WeakMap<object, ReturnType<Ajv['compile']>>();

/** Every way `data` breaks a JSON Schema, one message per bad field ("rules.x.weight: must be <= 100"); [] when valid. */
export function validationProblems(schema: object, data: unknown, prefix = ''): string[] {
  let validate = cache.get(schema);
  if (!validate) {
    validate = (ajv ??= new Ajv({ allErrors: true, strict: false, validateSchema: false })).compile(schema);
    cache.set(schema, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => (prefix ? `${prefix}.${describeSchemaError(e)}`.replace('.(top level)', '') : describeSchemaError(e)));
}

/** Validates `data` against a JSON Schema; throws InputFileError naming `file` and every bad field. */
export function validateOrThrow(schema: object, data: unknown, file: string, prefix = ''): void {
  const problems = validationProblems(schema, data, prefix);
  if (problems.length) throw new InputFileError(file, problems);
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `word` when it is close enough to be a typo of it (" (did you mean "x"?)"), else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const w = word.toLowerCase();
  let best = '';
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD || (d === bestD && c < best)) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (best && (bestD <= limit || best.toLowerCase().includes(w) || (w.length >= 4 && w.includes(best.toLowerCase())))) return ` (did you mean "${best}"?)`;
  return '';
}
