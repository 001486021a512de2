import { UserError } from './errors.js';

/**
 * Tokens are pasted by hand into secrets, workflow inputs and shells, and a stray line break is a common slip. An HTTP
 * header cannot carry one: the request fails with an error that quotes the header up to the line break, the token's
 * first line included, and that message would reach the log and the report. So a token with a line break inside is
 * an input error (that never shows the token), and every line of a secret is redacted from any text we print.
 */

/** A token that cannot be sent. Its message never contains the token. */
export class TokenError extends UserError {}

/**
 * The token as it is sent: one trailing line break ("\n" or "\r\n", as `echo` or a secret pasted with its newline
 * leaves) is dropped; a line break or other control character inside it is a TokenError naming `shownAs`.
 */
export function checkToken(raw: string | undefined, shownAs: string): string | undefined {
  if (raw === undefined) return undefined;
  const token = raw.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(token)) {
    throw new TokenError(`${shownAs} contains a line break: a token is a single line (the token is not shown here; store it again without the line break)`);
  }
  if (/[\u0000-\u001f\u007f]/.test(token)) {
    throw new TokenError(`${shownAs} contains a control character: a token is a single line of printable characters (the token is not shown here)`);
  }
  return token;
}

/** The pieces of a secret to redact: the whole of it and each of its lines (trimmed; those of 4 characters or more). */
export function secretPieces(secret: string | undefined): string[] {
  if (!secret) return [];
  const lines = secret.split(/\r\n|\r|\n/).map((l) => l.trim());
  const pieces = [secret, secret.trim(), ...lines].filter((p) => p.length >= 4);
  // Longest first, so a line inside the whole secret does not leave the rest of it.
  return [...new Set(pieces)].sort((a, b) => b.length - a.length);
}

/** Replaces the secret, and every line of it, with "***". */
export function redactor(secret: string | undefined): (text: string) => string {
  const pieces = secretPieces(secret);
  if (!pieces.length) return (text) => text;
  return (text) => {
    let out = text;
    for (const p of pieces) if (out.includes(p)) out = out.split(p).join('***');
    return out;
  };
}

/** Redacts every string in a JSON-like value, in place (a report before it is written anywhere). */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
      return v;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}
