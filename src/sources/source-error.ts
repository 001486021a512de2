/**
 * Errors of the sources: a user-facing one with a hint, and the code of a system error.
 */
/** Bad input to a source (missing path, not a directory, ...). `hint` says how to fix it. */
export class SourceError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'SourceError';
    this.hint = hint;
  }
}

export function errCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}
