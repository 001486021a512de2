import { Ajv, type ErrorObject } from 'ajv';

// The schemas are the tool's own (rules, probes' params, config, sources): a test checks each against the JSON Schema
// meta-schema once, so a run does not compile the meta-schema to check them again.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });

/** A data file (rule, config, sources list) that is malformed. The message names the file, the field and what is allowed. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'InputFileError';
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

/** Validates `data` against a JSON Schema; throws InputFileError naming `file` and every bad field. */
export function validateOrThrow(schema: object, data: unknown, file: string, prefix = ''): void {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (!validate(data)) {
    throw new InputFileError(
      file,
      (validate.errors ?? []).map((e) => (prefix ? `${prefix}.${describeSchemaError(e)}`.replace('.(top level)', '') : describeSchemaError(e))),
    );
  }
}
