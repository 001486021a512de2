/**
 * A notebook's cells read straight from its bytes, without building its outputs. A notebook saved after a run holds
 * its plots as base64 text in `outputs`: 1–5 MB of JSON of which the audit reads a few kilobytes (`cell_type` and
 * `source`). `JSON.parse` of the whole file needs the file as one string, then builds every output string; this
 * scanner checks the whole JSON grammar in one pass over the bytes and decodes only the values the cells are made
 * of (`cells`, each cell's `cell_type`, `source` and `input`), stepping over everything else.
 *
 * It answers only when it is sure to give what `parseNotebook` gives for the same file: valid UTF-8 (checked
 * natively, as the decoder would), no byte-order mark, strict JSON (a trailing comma, a control character in a
 * string, anything `JSON.parse` would reject), an object at the top with a `cells` array, nesting no deeper than
 * `MAX_DEPTH`. For anything else it returns `undefined` and the caller reads the file as before (decode, then
 * `parseNotebook`, with its lenient retry and its nbformat 3 worksheets): the result is then today's by construction.
 *
 * Linear time: every byte is looked at a bounded number of times (the native UTF-8 check, one scan, one decode of
 * the kept strings); no backtracking, no recursion deeper than the fixed shape of a notebook.
 */
import { isUtf8 } from 'node:buffer';
import type { NotebookCell } from '../types.js';
import { notebookCells } from './notebooks.js';

/** Deepest nesting stepped over inside a value the scanner does not keep (outputs, metadata); deeper: not sure. */
export const MAX_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;

/** Thrown inside the scanner when it is not sure; caught at the top (never escapes). */
class NotSure extends Error {}
const NOT_SURE = new NotSure('not sure');

/** What the scanner keeps of one cell: the three fields `parseNotebook` reads, as `JSON.parse` would give them. */
interface RawCell {
  cell_type?: unknown;
  source?: unknown;
  input?: unknown;
}

/** A value the cells read only as "not a string, not an array, not null" (a number, an object, a boolean...). */
const OTHER = 0;

class Scanner {
  private i = 0;
  private readonly buf: Buffer;
  /** Per open container inside a skipped value: 1 for an object, 2 for an array. */
  private readonly stack = new Uint8Array(MAX_DEPTH);

  /**
   * The bytes as aligned 32-bit words (from `wordBase`, a position in `b` whose address is a multiple of 4), for
   * plainUpTo; null for a short file.
   */
  private readonly words: Int32Array | null;
  private readonly wordBase: number;

  constructor(private readonly b: Uint8Array) {
    this.buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.wordBase = (4 - (b.byteOffset & 3)) & 3;
    const count = (b.byteLength - this.wordBase) >> 2;
    this.words = count > 0 ? new Int32Array(b.buffer, b.byteOffset + this.wordBase, count) : null;
  }

  /** The cells, or NOT_SURE thrown. */
  notebook(): RawCell[] {
    this.ws();
    if (this.b[this.i] !== OPEN_BRACE) throw NOT_SURE;
    let cells: RawCell[] | null = null;
    this.members((key) => {
      if (key === 'cells' && this.b[this.i] === OPEN_BRACKET) cells = this.cells();
      else {
        // A later `cells` that is not an array replaces an earlier array (the last key wins): not a notebook read
        // here (nbformat 3's `worksheets` is left to the full reader).
        if (key === 'cells') cells = null;
        this.skipValue();
      }
    });
    this.ws();
    if (this.i !== this.b.length || cells === null) throw NOT_SURE;
    return cells;
  }

  /** Walks an object's members at `this.i` (on its `{`), calling `each` with the key and `this.i` on the value. */
  private members(each: (key: string) => void): void {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_BRACE) {
      this.i++;
      return;
    }
    for (;;) {
      if (this.b[this.i] !== QUOTE) throw NOT_SURE;
      const key = this.string();
      this.ws();
      if (this.b[this.i] !== COLON) throw NOT_SURE;
      this.i++;
      this.ws();
      each(key);
      this.ws();
      const c = this.b[this.i];
      this.i++;
      if (c === CLOSE_BRACE) return;
      if (c !== COMMA) throw NOT_SURE;
      this.ws();
    }
  }

  /** Walks an array's elements at `this.i` (on its `[`), calling `each` with `this.i` on the element. */
  private elements(each: () => void): void {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_BRACKET) {
      this.i++;
      return;
    }
    for (;;) {
      each();
      this.ws();
      const c = this.b[this.i];
      this.i++;
      if (c === CLOSE_BRACKET) return;
      if (c !== COMMA) throw NOT_SURE;
      this.ws();
    }
  }

  private cells(): RawCell[] {
    const out: RawCell[] = [];
    this.elements(() => {
      if (this.b[this.i] !== OPEN_BRACE) {
        // Not an object: `parseNotebook` reads no field of it (a code cell with no source), whatever it is.
        this.skipValue();
        out.push({});
        return;
      }
      const cell: RawCell = {};
      this.members((key) => {
        if (key === 'cell_type') cell.cell_type = this.b[this.i] === QUOTE ? this.string() : (this.skipValue(), OTHER);
        else if (key === 'source') cell.source = this.source();
        else if (key === 'input') cell.input = this.source();
        else this.skipValue();
      });
      out.push(cell);
    });
    return out;
  }

  /** A `source` (or `input`) value as `cellSource` reads it: a string, the strings of an array, null, or OTHER. */
  private source(): unknown {
    const c = this.b[this.i];
    if (c === QUOTE) return this.string();
    if (c === OPEN_BRACKET) {
      const lines: string[] = [];
      this.elements(() => {
        if (this.b[this.i] === QUOTE) lines.push(this.string());
        else this.skipValue(); // not a string: `cellSource` leaves it out
      });
      return lines;
    }
    if (c === 0x6e /* n */) {
      this.literal('null');
      return null;
    }
    this.skipValue();
    return OTHER;
  }

  /** The string at `this.i` (on its opening quote), decoded as `JSON.parse` decodes it. */
  private string(): string {
    const start = this.i;
    const escaped = this.skipString();
    // Without escapes the bytes between the quotes are the string (valid UTF-8, checked for the whole file).
    if (!escaped) return this.buf.toString('utf8', start + 1, this.i - 1);
    return JSON.parse(this.buf.toString('utf8', start, this.i)) as string;
  }

  /** Steps over a string (on its opening quote), checking it as JSON does; true when it has escapes. */
  private skipString(): boolean {
    const b = this.b;
    const n = b.length;
    let i = this.i + 1;
    let escaped = false;
    for (;;) {
      // Four bytes at a time while none of them is a quote, a backslash or a control character (the base64 of a
      // plot is megabytes of such bytes); the byte loop below decides every other byte.
      if (this.words !== null && n - i >= 8) i = this.plainUpTo(i);
      if (i >= n) throw NOT_SURE;
      const c = b[i]!;
      if (c === QUOTE) break;
      if (c < 0x20) throw NOT_SURE;
      if (c === BACKSLASH) {
        escaped = true;
        const e = b[i + 1];
        if (e === 0x75 /* u */) {
          for (let k = i + 2; k < i + 6; k++) if (!isHex(b[k])) throw NOT_SURE;
          i += 6;
          continue;
        }
        if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw NOT_SURE;
        i += 2;
        continue;
      }
      i++;
    }
    this.i = i + 1;
    return escaped;
  }

  /**
   * The first position at or after `i` in whose aligned four-byte word there is a quote, a backslash or a byte below
   * 0x20 (or the last whole word's end): every byte from `i` up to it is none of those. Word tests (exact for "some
   * byte of the word"): a byte below 0x20 makes ((w - 0x20202020) & ~w & 0x80808080) non-zero, and a byte equal to x
   * makes the same zero-byte test of w ^ xxxxxxxx non-zero.
   */
  private plainUpTo(i: number): number {
    const words = this.words!;
    const base = this.wordBase;
    // The byte loop takes the bytes up to the next word boundary.
    let w = (i - base + 3) >> 2;
    if (base + (w << 2) !== i) return i;
    const end = (this.b.length - base) >> 2;
    for (; w < end; w++) {
      const x = words[w]!;
      const q = x ^ 0x22222222;
      const s = x ^ 0x5c5c5c5c;
      if (((x - 0x20202020) & ~x & 0x80808080) | ((q - 0x01010101) & ~q & 0x80808080) | ((s - 0x01010101) & ~s & 0x80808080)) break;
    }
    return base + (w << 2);
  }

  /** Steps over any JSON value, checking it, without building it. Iterative; nesting beyond MAX_DEPTH: not sure. */
  private skipValue(): void {
    const b = this.b;
    const stack = this.stack;
    let depth = 0;
    for (;;) {
      // A value starts at this.i.
      const c = b[this.i];
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.i++;
        this.ws();
        const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        if (b[this.i] === close) this.i++;
        else {
          if (depth >= MAX_DEPTH) throw NOT_SURE;
          stack[depth++] = c === OPEN_BRACE ? 1 : 2;
          if (c === OPEN_BRACE) this.key();
          continue;
        }
      } else if (c === QUOTE) this.skipString();
      else if (c === 0x74 /* t */) this.literal('true');
      else if (c === 0x66 /* f */) this.literal('false');
      else if (c === 0x6e /* n */) this.literal('null');
      else this.number();
      // After a value: close containers or go on to the next element.
      for (;;) {
        if (depth === 0) return;
        this.ws();
        const d = b[this.i];
        const inObject = stack[depth - 1] === 1;
        if (d === COMMA) {
          this.i++;
          this.ws();
          if (inObject) this.key();
          break;
        }
        if (d !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) throw NOT_SURE;
        this.i++;
        depth--;
      }
    }
  }

  /** A member's key and colon inside a skipped object; leaves `this.i` on the value. */
  private key(): void {
    if (this.b[this.i] !== QUOTE) throw NOT_SURE;
    this.skipString();
    this.ws();
    if (this.b[this.i] !== COLON) throw NOT_SURE;
    this.i++;
    this.ws();
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) if (this.b[this.i + k] !== word.charCodeAt(k)) throw NOT_SURE;
    this.i += word.length;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b;
    let i = this.i;
    if (b[i] === MINUS) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i]) && b[i] !== 0x30) while (isDigit(b[i])) i++;
    else throw NOT_SURE;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw NOT_SURE;
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === MINUS) i++;
      if (!isDigit(b[i])) throw NOT_SURE;
      while (isDigit(b[i])) i++;
    }
    this.i = i;
  }

  /** JSON whitespace: space, tab, line feed, carriage return. */
  private ws(): void {
    const b = this.b;
    let i = this.i;
    for (;;) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/**
 * The cells of the notebook whose bytes are `b`, as `parseNotebook` gives them for the decoded text; `undefined` when
 * the scanner is not sure (see above): the caller then decodes the file and parses it as before.
 */
export function scanNotebook(b: Uint8Array): NotebookCell[] | undefined {
  // A byte-order mark: the decoder drops it (and parseNotebook's caller one more), left to that path.
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return undefined;
  if (!isUtf8(b)) return undefined;
  try {
    return notebookCells(new Scanner(b).notebook());
  } catch (e) {
    if (e === NOT_SURE) return undefined;
    throw e;
  }
}
