/**
 * A line-based reading of Python source, enough to follow imports, top-level statements and name bindings without a
 * parser: physical lines are joined into logical lines (open brackets, backslash continuations, triple-quoted
 * strings), comments are dropped, string contents are set apart from the code, and each logical line is split into
 * tokens. One pass over the characters, bounded in lines and length: linear on any input.
 */

/** One logical line: a statement (or a header such as `def f(...):`), possibly spanning several physical lines. */
export interface PyLine {
  /** 1-based first and last physical line. */
  start: number;
  end: number;
  /** Columns of leading whitespace on the first physical line. */
  indent: number;
  /** The code with comments dropped and string contents blanked (`"…"` becomes `""`); continuation lines joined with a space. */
  code: string;
  /** The contents of the string literals on this line (each bounded). */
  strings: string[];
  /** A notebook shell or magic line (`!python train.py`, `%run prep.py`): `code` holds it as written. */
  magic?: boolean;
}

/** Physical lines read per file; longer files are cut (the rest is treated as unknown, never as dead). */
const MAX_PY_LINES = 20_000;
/** A logical line longer than this keeps only its head. */
const MAX_CODE = 4_000;
/** A string literal keeps only its head (file names and module paths are short). */
const MAX_STRING = 300;
/** An unbalanced bracket or quote cannot swallow more than this many physical lines. */
const MAX_SPAN = 200;
const MAX_STRINGS = 64;

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Splits Python source into logical lines. `magics`: notebook cells, where `!` and `%` lines are shell or magic commands. */
export function pythonLines(source: string, magics = false): PyLine[] {
  const physical = source.split(/\r\n|\r|\n/, MAX_PY_LINES);
  const out: PyLine[] = [];
  let cur: PyLine | null = null;
  let depth = 0;
  let quote: string | null = null; // open string delimiter: ' " ''' """
  let strBuf = '';
  const finish = (): void => {
    if (cur && cur.code.trim()) out.push(cur);
    cur = null;
    depth = 0;
  };
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    const lineNo = i + 1;
    if (!cur) {
      let ws = 0;
      while (ws < raw.length && (raw[ws] === ' ' || raw[ws] === '\t')) ws++;
      if (ws === raw.length) continue; // blank line
      if (magics && (raw[ws] === '!' || raw[ws] === '%')) {
        out.push({ start: lineNo, end: lineNo, indent: ws, code: raw.slice(ws, ws + MAX_CODE), strings: [], magic: true });
        continue;
      }
      cur = { start: lineNo, end: lineNo, indent: ws, code: '', strings: [] };
    } else {
      cur.end = lineNo;
      if (cur.code.length < MAX_CODE) cur.code += ' ';
      if (quote && strBuf.length < MAX_STRING) strBuf += '\n';
    }
    const line: PyLine = cur;
    let cont = false;
    const n = raw.length;
    let j = 0;
    // Code is copied in runs (slices between quotes and comments), not character by character.
    let run = 0;
    const flush = (to: number): void => {
      const room = MAX_CODE - line.code.length;
      if (to > run && room > 0) line.code += raw.slice(run, Math.min(to, run + room));
    };
    const addString = (from: number, to: number): void => {
      const room = MAX_STRING - strBuf.length;
      if (to > from && room > 0) strBuf += raw.slice(from, Math.min(to, from + room));
    };
    while (j < n) {
      if (quote) {
        const q = quote.charCodeAt(0);
        let k = j;
        while (k < n) {
          const c = raw.charCodeAt(k);
          if (c === 92 || c === q) break;
          k++;
        }
        addString(j, k);
        if (k >= n) {
          j = n;
          break;
        }
        if (raw.charCodeAt(k) === 92) {
          // An escape: the backslash and the character after it belong to the string.
          addString(k, Math.min(k + 2, n));
          j = k + 2;
          continue;
        }
        if (raw.startsWith(quote, k)) {
          j = k + quote.length;
          if (line.code.length < MAX_CODE) line.code += quote[0];
          if (line.strings.length < MAX_STRINGS) line.strings.push(strBuf);
          quote = null;
          strBuf = '';
          run = j;
          continue;
        }
        addString(k, k + 1); // one quote inside a triple-quoted string
        j = k + 1;
        continue;
      }
      const ch = raw[j]!;
      if (ch === '#') {
        flush(j);
        run = n;
        j = n;
        break;
      }
      if (ch === '"' || ch === "'") {
        flush(j + 1); // the opening quote stays in the code
        quote = raw.startsWith(ch.repeat(3), j) ? ch.repeat(3) : ch;
        j += quote.length;
        run = j;
        continue;
      }
      if (ch === '\\' && j === n - 1) {
        flush(j);
        cont = true;
        j++;
        run = j;
        continue;
      }
      if (OPEN.has(ch)) depth++;
      else if (CLOSE.has(ch) && depth > 0) depth--;
      j++;
    }
    if (!quote) flush(n);
    const emit = (t: string): void => {
      if (line.code.length < MAX_CODE) line.code += t;
    };
    // A one-quote string left open at the end of a line (invalid Python, or a backslash continuation) closes here.
    if (quote && quote.length === 1 && !(raw.endsWith('\\') && j >= n)) {
      emit(quote);
      if (line.strings.length < MAX_STRINGS) line.strings.push(strBuf);
      quote = null;
      strBuf = '';
    }
    const open = quote !== null || depth > 0 || cont;
    if (!open || line.end - line.start >= MAX_SPAN) {
      if (quote) {
        quote = null;
        strBuf = '';
      }
      finish();
    }
  }
  finish();
  return out;
}

type TokenKind = 'name' | 'number' | 'string' | 'op';
export interface Token {
  kind: TokenKind;
  text: string;
}

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', ':=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>']);
const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
/** Letters that may prefix a string literal (r"", f"", b"", rb"", …). */
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * Tokens of one line of Python code (names, numbers, strings, operators). Strings are one token each, prefixes
 * included; a string left open runs to the end of the text. Bounded by the text, which callers bound.
 */
export function pyTokens(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      if (j < n && (text[j] === '"' || text[j] === "'") && STRING_PREFIX.test(word)) {
        const end = stringEnd(text, j);
        out.push({ kind: 'string', text: text.slice(i, end) });
        i = end;
        continue;
      }
      out.push({ kind: 'name', text: word });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isNameChar(text.charCodeAt(j)) || text[j] === '.')) j++;
      out.push({ kind: 'number', text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (text[i] === '"' || text[i] === "'") {
      const end = stringEnd(text, i);
      out.push({ kind: 'string', text: text.slice(i, end) });
      i = end;
      continue;
    }
    const three = text.slice(i, i + 3);
    if (THREE_CHAR_OPS.has(three)) {
      out.push({ kind: 'op', text: three });
      i += 3;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      out.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    out.push({ kind: 'op', text: text[i]! });
    i++;
  }
  return out;
}

/** Index just past the string literal opening at `i` (triple or single quotes; escapes honoured). */
function stringEnd(text: string, i: number): number {
  const ch = text[i]!;
  const q = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
  let j = i + q.length;
  while (j < text.length) {
    if (text[j] === '\\') {
      j += 2;
      continue;
    }
    if (text.startsWith(q, j)) return j + q.length;
    j++;
  }
  return text.length;
}
