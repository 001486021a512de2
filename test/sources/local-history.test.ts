import { describe, expect, it } from 'vitest';
import { headerFields } from '../../src/sources/local-history.js';

/** What the history reader did before headerFields: the record decoded whole, then split (subject: the rest). */
function splitWhole(b: Buffer, start: number, end: number): string[] {
  const f = b.toString('utf8', start, end).split('\x1f');
  return [...f.slice(0, 5), f.slice(5).join('\x1f')];
}

describe('headerFields', () => {
  it('gives the fields of decoding the whole record and splitting it, on random bytes', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    // Separators, ASCII, lead and continuation bytes of UTF-8 (valid and broken sequences), NUL-free like git's output.
    const alphabet = [0x1f, 0x1f, 0x41, 0x20, 0x2d, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x80];
    for (let n = 0; n < 5000; n++) {
      const len = rand(40);
      const bytes = Buffer.from(Array.from({ length: len + 4 }, (_, i) => (i < 2 || i >= len + 2 ? 0x78 : alphabet[rand(alphabet.length)]!)));
      const got = headerFields(bytes, 2, len + 2);
      const want = splitWhole(bytes, 2, len + 2);
      // Fewer than six fields: the reader reads the missing ones as ''.
      for (let k = 0; k < 6; k++) expect(got[k] ?? '').toBe(want[k] ?? '');
    }
  });

  it('keeps separators inside the subject', () => {
    const b = Buffer.from('abc\x1fp1 p2\x1f2026-01-01T00:00:00Z\x1fAda\x1fada@x\x1fsubject\x1fwith\x1fseparators', 'utf8');
    expect(headerFields(b, 0, b.length)).toEqual(['abc', 'p1 p2', '2026-01-01T00:00:00Z', 'Ada', 'ada@x', 'subject\x1fwith\x1fseparators']);
  });
});
