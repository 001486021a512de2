import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

let compiled: ValidateFunction | undefined;

/**
 * schema/report.schema.json compiled by ajv (all errors, formats checked), once per test worker: the test files that
 * validate reports against it share this one (a compile is ~150-200 ms of CPU; test files of a worker share its modules,
 * vitest.config.ts `isolate: false`).
 */
export function reportValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../schema/report.schema.json'), 'utf8')) as object);
  }
  return compiled;
}
