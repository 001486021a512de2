/**
 * Errors of the sources: a user-facing one with a hint, and the code of a system error.
 */
import { UserError } from '../errors.js';

/** Bad input to a source (missing path, not a directory, ...). `hint` says how to fix it. */
export class SourceError extends UserError {
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}

export function errCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}
