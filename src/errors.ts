/**
 * One user-facing error type. A UserError is something the person running the tool can act on: what went wrong
 * (`message`, naming the input, file or repository) and, when there is one, how to fix it (`hint`). Every error the
 * engine and the Action raise for bad input, a missing or rejected token, an unreadable repository or a malformed file
 * extends it; anything else reaching a front end is a bug. The CLI (src/cli/main.ts) and the Action (src/action/run.ts)
 * print a failure the same way, from failureText; a repo's report entry gives the reason as describeError.
 * Engine code: no @actions/* here.
 */
export class UserError extends Error {
  /** How to fix it, in one sentence or two; absent when the message says it all. */
  readonly hint?: string;
  /** What kind of failure, as the front ends label it: "error", "invalid file", "invalid input". */
  readonly what: string = 'error';

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    if (hint) this.hint = hint;
  }
}

/** "message (hint)": a UserError's hint appended to its message; any other error by its message. One line. */
export function describeError(e: unknown): string {
  if (e instanceof UserError) return e.hint ? `${e.message} (${e.hint})` : e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The failure as the CLI and the Action print it: "<what>: message (hint)", e.g. "invalid file: rules/x.yml: weight:
 * must be a number". Not escaped: each front end escapes it for its medium (logSafe) and prefixes the tool's name.
 */
export function failureText(e: unknown): string {
  return `${e instanceof UserError ? e.what : 'error'}: ${describeError(e)}`;
}
