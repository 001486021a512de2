/**
 * A notebook too large to hold whole (over the source's size cap: a saved run's image outputs, 60 MB of base64 around
 * a few kilobytes of code), read in chunks: each cell's `cell_type` and `source` (`input` in nbformat 3 cells) are
 * kept, everything else — outputs, attachments, metadata — is stepped over as it streams by. Memory holds one chunk
 * and the kept code (at most `MAX_KEPT_BYTES`), never the outputs; time is linear: strings are crossed by jumping
 * from quote to backslash with `indexOf`, each searched again only once passed (a backslash-heavy string never makes
 * a search run over the rest of the chunk twice).
 *
 * It reads the JSON grammar loosely (it keeps the structure — objects, arrays, strings, escapes — and does not check
 * numbers or literals): it is only asked about files that would otherwise not be read at all. Anything it is not sure
 * of (no `cells` array at the top, nesting deeper than `MAX_DEPTH`, a kept string that is not valid UTF-8 or JSON, too
 * much code) gives `undefined`, and the file stays "too large" with its note.
 */
import type { NotebookCell } from '../types.js';
import { notebookCells } from './notebooks.js';

/** Deepest nesting stepped over (outputs, metadata); deeper: not sure. */
const MAX_DEPTH = 256;
/** Most bytes of cell text (sources and cell types, as written in the JSON) kept; more: not sure. */
export const MAX_KEPT_BYTES = 16 * 1024 * 1024;
/** Longest object key remembered (the keys looked for are short; a longer one is some other key). */
const MAX_KEY = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BOM = [0xef, 0xbb, 0xbf];

class NotSure extends Error {}
const NOT_SURE = new NotSure('not sure');

/** What a container is, for what its values mean. */
const enum Role {
  Top,
  Cells,
  Cell,
  Source,
  Skip,
}

interface Frame {
  role: Role;
  object: boolean;
  /** Objects: the next string is a key. */
  wantKey: boolean;
  /** Objects: the key of the value being read (only the few looked for; '' otherwise). */
  key: string;
}

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
  input?: unknown;
}

/** Streams a notebook's bytes (`push` each chunk in order, then `end`) into its cells. */
export class NotebookStream {
  private readonly stack: Frame[] = [];
  private started = false;
  private done = false;
  private failed = false;
  private readonly cells: RawCell[] = [];
  private cell: RawCell | null = null;
  private sawCells = false;
  /** Inside a string: 'skip' (stepped over), 'key', or the field it fills ('cell_type', 'source', 'sourceItem'). */
  private str: null | 'skip' | 'key' | 'cell_type' | 'source' | 'input' | 'sourceItem' = null;
  /** The last byte was a backslash inside a string (an escape that crosses a chunk boundary). */
  private escape = false;
  /** The raw bytes of a kept string or key, in pieces. */
  private parts: Uint8Array[] = [];
  private partLength = 0;
  private kept = 0;
  /** Items of the `source` array being read. */
  private items: string[] | null = null;
  private itemsField: 'source' | 'input' = 'source';
  /** Inside a number or literal that may go on in the next chunk. */
  private scalar = false;
  /** Bytes seen so far, and how many bytes of a byte-order mark were stepped over at the start. */
  private offset = 0;
  private bom = 0;
  /**
   * The chunk being scanned, and its next backslash and quote at or after the scan (-1: none left in it): each is
   * searched for again only once passed, so every byte of a chunk is searched once for each, whatever the escapes.
   */
  private chunk: Uint8Array | null = null;
  private nextBs = -1;
  private nextQuote = -1;

  push(chunk: Uint8Array): void {
    if (this.failed || !chunk.byteLength) return;
    try {
      // A byte-order mark (EF BB BF) at the start is stepped over, even split across chunks.
      let skip = 0;
      while (this.offset + skip < 3 && skip < chunk.byteLength && this.bom === this.offset + skip && chunk[skip] === BOM[this.bom]) {
        this.bom++;
        skip++;
      }
      if (this.bom > 0 && this.bom < 3 && skip < chunk.byteLength) throw NOT_SURE; // a mark broken off
      const b = skip ? chunk.subarray(skip) : chunk;
      this.offset += chunk.byteLength;
      this.chunk = b;
      this.nextBs = b.indexOf(BACKSLASH);
      this.nextQuote = b.indexOf(QUOTE);
      this.scan(b);
    } catch (e) {
      if (e !== NOT_SURE) throw e;
      this.failed = true;
    }
  }

  /** The cells, or undefined when the bytes were not a notebook the stream is sure of. */
  end(): NotebookCell[] | undefined {
    if (this.failed || !this.done || !this.sawCells) return undefined;
    return notebookCells(this.cells);
  }

  private get top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private scan(b: Uint8Array): void {
    const n = b.byteLength;
    let i = 0;
    while (i < n) {
      if (this.str !== null) {
        i = this.inString(b, i);
        continue;
      }
      if (this.scalar) {
        while (i < n && !isDelimiter(b[i]!)) i++;
        if (i < n) this.scalar = false;
        continue;
      }
      const c = b[i]!;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c || c === 0x3a) {
        // Whitespace, commas and colons: the frames already know whether a key or a value comes next.
        if (c === 0x3a) this.afterColon();
        i++;
        continue;
      }
      if (this.done) throw NOT_SURE; // bytes after the top-level object
      if (c === QUOTE) {
        this.openString();
        i++;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        this.open(c === 0x7b);
        i++;
        continue;
      }
      if (c === 0x7d || c === 0x5d) {
        this.close(c === 0x7d);
        i++;
        continue;
      }
      // A number or a literal (true, false, null): a value, stepped over to the next delimiter (maybe in the next chunk).
      this.value();
      this.scalar = true;
    }
  }

  /** A value starts in the current frame: an object's key is used up. */
  private value(): void {
    const f = this.top;
    if (!f) throw NOT_SURE;
    if (f.object) {
      if (f.wantKey) throw NOT_SURE;
      f.wantKey = true;
      f.key = '';
    }
  }

  private afterColon(): void {
    const f = this.top;
    if (!f || !f.object || f.wantKey) throw NOT_SURE;
  }

  /** The role a value opened here plays. */
  private roleHere(): Role {
    const f = this.top;
    if (!f) return Role.Top;
    if (f.role === Role.Top && f.object && f.key === 'cells') return Role.Cells;
    if (f.role === Role.Cells && !f.object) return Role.Cell;
    if (f.role === Role.Cell && f.object && (f.key === 'source' || f.key === 'input')) return Role.Source;
    return Role.Skip;
  }

  private open(object: boolean): void {
    if (this.stack.length >= MAX_DEPTH) throw NOT_SURE;
    if (!this.started) {
      if (!object) throw NOT_SURE;
      this.started = true;
      this.stack.push({ role: Role.Top, object: true, wantKey: true, key: '' });
      return;
    }
    const role = this.roleHere();
    const parent = this.top!;
    const parentKey = parent.key;
    this.value();
    if (role === Role.Cells) {
      if (object) throw NOT_SURE;
      this.sawCells = true;
    } else if (role === Role.Cell) {
      if (!object) throw NOT_SURE;
      this.cell = {};
    } else if (role === Role.Source) {
      if (object) {
        this.stack.push({ role: Role.Skip, object, wantKey: true, key: '' });
        return;
      }
      this.items = [];
      this.itemsField = parentKey === 'input' ? 'input' : 'source';
    }
    this.stack.push({ role, object, wantKey: object, key: '' });
  }

  private close(object: boolean): void {
    const f = this.stack.pop();
    if (!f || f.object !== object || (object && !f.wantKey)) throw NOT_SURE;
    if (f.role === Role.Cell) {
      this.cells.push(this.cell ?? {});
      this.cell = null;
    } else if (f.role === Role.Source && this.cell && this.items) {
      this.cell[this.itemsField] = this.items;
      this.items = null;
    }
    if (!this.stack.length) this.done = true;
  }

  private openString(): void {
    const f = this.top;
    if (!f) throw NOT_SURE;
    if (f.object && f.wantKey) {
      this.str = 'key';
    } else {
      const role = this.roleHere();
      if (f.role === Role.Source && !f.object) this.str = 'sourceItem';
      else if (f.role === Role.Cell && f.object && f.key === 'cell_type') this.str = 'cell_type';
      else if (role === Role.Source) this.str = f.key === 'input' ? 'input' : 'source';
      else this.str = 'skip';
      this.value();
    }
    this.escape = false;
    this.parts = [];
    this.partLength = 0;
  }

  /** Reads inside a string from `i`; returns where scanning goes on. */
  private inString(b: Uint8Array, i: number): number {
    const n = b.byteLength;
    const start = i;
    const keep = this.str !== 'skip';
    let end = -1;
    while (i < n) {
      if (this.escape) {
        this.escape = false;
        i++;
        continue;
      }
      const q = this.quoteFrom(i);
      const s = this.backslashFrom(i);
      if (s !== -1 && (q === -1 || s < q)) {
        this.escape = true;
        i = s + 1;
        continue;
      }
      if (q === -1) {
        i = n;
        break;
      }
      end = q;
      break;
    }
    if (keep) this.keep(b.subarray(start, end === -1 ? n : end));
    if (end === -1) return n;
    this.finishString();
    return end + 1;
  }

  /** The next quote of the current chunk at or after i (-1: none). */
  private quoteFrom(i: number): number {
    if (this.nextQuote !== -1 && this.nextQuote < i) this.nextQuote = this.chunk!.indexOf(QUOTE, i);
    return this.nextQuote;
  }

  /** The next backslash of the current chunk at or after i (-1: none). */
  private backslashFrom(i: number): number {
    if (this.nextBs !== -1 && this.nextBs < i) {
      this.nextBs = this.chunk!.indexOf(BACKSLASH, i);
    }
    return this.nextBs;
  }

  private keep(piece: Uint8Array): void {
    if (!piece.byteLength) return;
    if (this.str === 'key') {
      if (this.partLength + piece.byteLength > MAX_KEY) {
        this.partLength = MAX_KEY + 1; // some other key
        return;
      }
    } else {
      this.kept += piece.byteLength;
      if (this.kept > MAX_KEPT_BYTES) throw NOT_SURE;
    }
    // Copied: the chunk's buffer may be reused by the reader.
    this.parts.push(piece.slice());
    this.partLength += piece.byteLength;
  }

  private text(): string {
    const raw = new Uint8Array(this.partLength);
    let o = 0;
    for (const p of this.parts) {
      raw.set(p, o);
      o += p.byteLength;
    }
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      return JSON.parse(`"${decoded}"`) as string;
    } catch {
      throw NOT_SURE;
    }
  }

  private finishString(): void {
    const kind = this.str;
    this.str = null;
    if (kind === 'skip') return;
    if (kind === 'key') {
      const f = this.top!;
      f.key = this.partLength > MAX_KEY ? '' : this.text();
      f.wantKey = false;
      return;
    }
    const value = this.text();
    if (kind === 'sourceItem') this.items?.push(value);
    else if (this.cell && kind) this.cell[kind] = value;
  }
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Largest notebook read by streaming (its code cells only); larger ones stay "too large". */
export const MAX_STREAMED_NOTEBOOK_BYTES = 512 * 1024 * 1024;
/** The chunk size the sources read a streamed notebook in. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

/** The cells of a notebook given as chunks (any split), or undefined when the stream is not sure. */
export function streamNotebook(chunks: Iterable<Uint8Array>): NotebookCell[] | undefined {
  const s = new NotebookStream();
  for (const c of chunks) s.push(c);
  return s.end();
}

/** A notebook already in memory, read as the stream reads it (the memory source, a fetched blob). */
export function* chunksOf(b: Uint8Array, size = STREAM_CHUNK_BYTES): Generator<Uint8Array> {
  for (let o = 0; o < b.byteLength; o += size) yield b.subarray(o, Math.min(b.byteLength, o + size));
}
