import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, scanNotebook } from '../../src/facts/notebook-scan.js';
import { parseNotebook } from '../../src/facts/notebooks.js';
import { decodeFile, SCAN_NOTEBOOKS_FROM } from '../../src/sources/decode.js';
import type { SourceNote } from '../../src/types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What the text path gives: the decoded file through parseNotebook, and whether it was read leniently. */
function reference(b: Uint8Array): { cells: ReturnType<typeof parseNotebook>; strict: boolean } | 'not-utf8' {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return 'not-utf8';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let lenient = false;
  const cells = parseNotebook(text, () => (lenient = true));
  return { cells, strict: !lenient };
}

/** The scanner's contract: when it answers, it answers what the text path gives, for a strictly valid notebook. */
function agrees(b: Uint8Array): boolean {
  const got = scanNotebook(b);
  if (got === undefined) return true;
  const ref = reference(b);
  if (ref === 'not-utf8' || !ref.strict) return false;
  expect(got).toEqual(ref.cells);
  return true;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAA' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(2000);

/** A notebook as Jupyter saves it after a run: code cells with image outputs, markdown, metadata. */
function savedNotebook(images = 4): string {
  const cells: unknown[] = [
    { cell_type: 'markdown', metadata: {}, source: ['# Churn model\n', 'We train a classifier — «naïve» first.'] },
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: { collapsed: false, tags: ['setup'] },
      outputs: [],
      source: ['import pandas as pd\n', 'df = pd.read_csv("data/train.csv")\n'],
    },
  ];
  for (let i = 0; i < images; i++) {
    cells.push({
      cell_type: 'code',
      execution_count: i + 2,
      metadata: {},
      outputs: [
        { name: 'stdout', output_type: 'stream', text: ['epoch 1: loss 0.52\n', 'epoch 2: loss -1.5e-3\n'] },
        { data: { 'image/png': PNG, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: { needs_background: 'light' }, output_type: 'display_data' },
      ],
      source: `plt.plot(history[${i}])\nplt.show()`,
    });
  }
  cells.push({ cell_type: 'raw', metadata: {}, source: 'raw text' });
  return JSON.stringify(
    { cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { version: '3.11.4' } }, nbformat: 4, nbformat_minor: 5 },
    null,
    1,
  );
}

describe('scanNotebook: a notebook read from its bytes, outputs stepped over', () => {
  it('gives the cells parseNotebook gives for a saved notebook with image outputs', () => {
    for (const text of [savedNotebook(0), savedNotebook(6), JSON.stringify(JSON.parse(savedNotebook(2)))]) {
      const b = enc(text);
      const got = scanNotebook(b);
      expect(got).toBeDefined();
      expect(got).toEqual(parseNotebook(text));
    }
  });

  it('decodes kept strings exactly as JSON.parse does (escapes, surrogates, non-ASCII, slashes)', () => {
    const text = String.raw`{"cells": [{"cell_type": "code", "source": ["print(\"hi\")\n", "s = '\u00e9\ud83d\ude00\ud800' \/ 2\t\\ \b\f\r", "é 😀 ${'\ufeff'} kept BOM"]}, {"cell\u005ftype": "markdown", "sou\u0072ce": "# t\u00EDtulo"}]}`;
    const got = scanNotebook(enc(text));
    expect(got).toBeDefined();
    expect(got).toEqual(parseNotebook(text));
    expect(got?.[0]?.source).toContain('\ud800');
    expect(got?.[1]?.type).toBe('markdown');
  });

  it('follows JSON.parse on repeated keys (the last wins) and odd cells', () => {
    const cases = [
      '{"cells": [{"cell_type": "markdown", "cell_type": 3, "source": "a", "source": ["b", 1, ["c"], null, "d"]}]}',
      '{"cells": [null, 1, "x", [], true, {}, {"source": null, "input": "from input"}, {"source": 0, "input": "no"}, {"input": ["i1", "i2"]}]}',
      '{"cells": "not yet", "cells": [{"cell_type": "raw", "source": {"a": 1}}]}',
      '{"nbformat": 4, "cells": [], "metadata": {"a": [1, 2.5, -0, 1e10, 2E-3, true, false, null, {}]}}',
      '{"cells": [{"cell_type": "code", "source": "x"}], "worksheets": 7}',
      ' \n\t{"cells":[{"source":"x","outputs":[{"data":{"image/png":"AAAA"}}]}]}\r\n ',
    ];
    for (const text of cases) {
      const got = scanNotebook(enc(text));
      expect(got, text).toBeDefined();
      expect(got, text).toEqual(parseNotebook(text));
    }
  });

  it('is not sure of what the text path reads another way, and decodeFile then gives what it gave before', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['trailing comma', enc('{"cells": [{"cell_type": "code", "source": ["x = 1", ]}]}')],
      ['nbformat 3', enc('{"worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1"}]}]}')],
      ['cells replaced by a non-array', enc('{"cells": [{"source": "x"}], "cells": {}}')],
      ['no cells', enc('{"metadata": {}}')],
      ['top-level array', enc('[{"cells": []}]')],
      ['top-level string', enc('"cells"')],
      ['truncated', enc('{"cells": [{"cell_type": "code", "source": "x = 1"')],
      ['raw control character', enc('{"cells": [{"source": "a\tb"}]}')],
      ['bad escape', enc('{"cells": [{"source": "a\\xb"}]}')],
      ['short unicode escape', enc('{"cells": [{"source": "\\u12"}]}')],
      ['leading zero', enc('{"cells": [], "n": 01}')],
      ['bare dot', enc('{"cells": [], "n": 1.}')],
      ['plus sign', enc('{"cells": [], "n": +1}')],
      ['NaN', enc('{"cells": [], "n": NaN}')],
      ['bad literal', enc('{"cells": [], "n": tru}')],
      ['trailing garbage', enc('{"cells": []} x')],
      ['two values', enc('{"cells": []}{}')],
      ['missing colon', enc('{"cells" []}')],
      ['single quotes', enc("{'cells': []}")],
      ['byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"cells": [{"source": "x"}]}')])],
      ['not UTF-8', new Uint8Array([...enc('{"cells": [{"source": "'), 0xc3, 0x28, ...enc('"}]}')])],
      ['encoded surrogate', new Uint8Array([...enc('{"cells": [{"source": "'), 0xed, 0xa0, 0x80, ...enc('"}]}')])],
    ];
    for (const [what, b] of cases) {
      expect(scanNotebook(b), what).toBeUndefined();
      // Made large enough for decodeFile to try the scanner (leading whitespace, after a byte-order mark), it gives
      // what the text path gives, notes included.
      const bom = b[0] === 0xef ? 3 : 0;
      const big = Buffer.concat([b.subarray(0, bom), Buffer.alloc(SCAN_NOTEBOOKS_FROM, ' '), b.subarray(bom)]);
      expect(scanNotebook(big), what).toBeUndefined();
      const before: SourceNote[] = [];
      const after: SourceNote[] = [];
      expect(decodeFile('n.ipynb', big, after), what).toEqual(textPath('n.ipynb', big, before));
      expect(after, what).toEqual(before);
    }
  });

  it('bounds the nesting it steps over; a deeper notebook is left to the text path', () => {
    const nested = (depth: number): string => `{"cells": [{"source": "x", "outputs": ${'['.repeat(depth)}0${']'.repeat(depth)}}]}`;
    expect(scanNotebook(enc(nested(MAX_DEPTH)))).toEqual(parseNotebook(nested(MAX_DEPTH)));
    expect(scanNotebook(enc(nested(MAX_DEPTH + 1)))).toBeUndefined();
    // Hostile shapes end in one pass: a megabyte of brackets, of backslashes, an unclosed string.
    expect(scanNotebook(enc(`{"cells": [], "x": ${'['.repeat(1 << 20)}`))).toBeUndefined();
    expect(scanNotebook(enc(`{"cells": ["${'\\\\'.repeat(1 << 19)}"]}`))).toEqual([{ index: 1, type: 'code', source: '' }]);
    expect(scanNotebook(enc(`{"cells": [], "x": "${'a'.repeat(1 << 20)}`))).toBeUndefined();
    expect(scanNotebook(enc(`{"cells": [], "x": ${'{"a":'.repeat(1 << 17)}`))).toBeUndefined();
  });

  it('agrees with the text path on thousands of corrupted notebooks (one byte changed, dropped or added)', () => {
    const base = enc(
      String.raw`{"cells": [{"cell_type": "markdown", "source": ["# T\u00edtulo\n", "text"]}, {"cell_type": "code", "execution_count": 12, "outputs": [{"data": {"image/png": "iVBORw0K", "text/plain": ["<Figure>"]}, "output_type": "display_data", "n": [-1.5e+3, 0, true, null]}], "source": "x = [1, 2]\n"}], "metadata": {}, "nbformat": 4}`,
    );
    const alphabet = enc('{}[]",:\\ u0-+.eE1tfn\n\t"a');
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    let answered = 0;
    for (let k = 0; k < 4000; k++) {
      const at = rand(base.length);
      const byte = alphabet[rand(alphabet.length)]!;
      const op = rand(3);
      const b =
        op === 0
          ? Uint8Array.from(base, (x, i) => (i === at ? byte : x))
          : op === 1
            ? Buffer.concat([base.subarray(0, at), base.subarray(at + 1)])
            : Buffer.concat([base.subarray(0, at), Uint8Array.of(byte), base.subarray(at)]);
      expect(agrees(b)).toBe(true);
      if (scanNotebook(b) !== undefined) answered++;
      // Whenever JSON.parse reads it as a notebook with a cells array, the scanner answers too.
      const ref = reference(b);
      if (ref !== 'not-utf8' && ref.strict && ref.cells) {
        const o = JSON.parse(new TextDecoder().decode(b)) as { cells?: unknown };
        if (Array.isArray(o.cells)) expect(scanNotebook(b)).toBeDefined();
      }
    }
    expect(answered).toBeGreaterThan(500);
  });
});

describe('scanNotebook: long strings, stepped over four bytes at a time', () => {
  it('finds a quote, a backslash or a control character at any position and alignment of a long string', () => {
    const long = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(3); // 105 bytes of base64
    const text = `{"cells": [{"cell_type": "code", "outputs": [{"data": {"image/png": "${long}"}}], "source": "x = 1"}], "nbformat": 4}`;
    const start = text.indexOf(long);
    const base = enc(text);
    const swaps = [0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1f, 0x22, 0x5c, 0x20, 0x7f];
    let notSure = 0;
    for (const shift of [0, 1, 2, 3]) {
      for (let at = start - 2; at < start + long.length + 2; at++) {
        for (const byte of swaps) {
          // At an offset of 0-3 bytes in its buffer, so the words fall on every alignment of the string.
          const holder = new Uint8Array(base.length + shift);
          holder.set(base, shift);
          holder[shift + at] = byte;
          const b = holder.subarray(shift);
          expect(agrees(b)).toBe(true);
          const inString = at >= start && at < start + long.length;
          if (inString && (byte < 0x20 || byte === 0x22)) {
            notSure++;
            expect(scanNotebook(b)).toBeUndefined(); // a raw control character, or a quote that ends the string early
          }
          // A backslash there starts an escape: valid before "n", "r", "t", "b", "f" or "/" (agrees() checks it).
          if (inString && byte === 0x5c && !'nrtbf/'.includes(String.fromCharCode(b[at + 1]!))) expect(scanNotebook(b)).toBeUndefined();
          if (inString && byte >= 0x20 && byte !== 0x22 && byte !== 0x5c) expect(scanNotebook(b)).toEqual(reference(b) !== 'not-utf8' && (reference(b) as { cells: unknown }).cells);
        }
        // A valid escape there: read as JSON.parse reads it.
        const escaped = enc(text.slice(0, at) + '\\n' + text.slice(at));
        const holder = new Uint8Array(escaped.length + shift);
        holder.set(escaped, shift);
        expect(agrees(holder.subarray(shift))).toBe(true);
      }
    }
    expect(notSure).toBeGreaterThan(1000);
  });
});

describe('decodeFile reads large notebooks through the scanner', () => {
  it('gives the same file and notes as the text path', () => {
    const text = savedNotebook(10);
    const b = enc(text);
    expect(b.byteLength).toBeGreaterThanOrEqual(SCAN_NOTEBOOKS_FROM);
    const notes: SourceNote[] = [];
    const before: SourceNote[] = [];
    expect(decodeFile('nb/train.ipynb', b, notes)).toEqual(textPath('nb/train.ipynb', b, before));
    expect(notes).toEqual([]);
    expect(before).toEqual([]);
  });

  it('a large notebook the scanner is not sure of still gets the lenient read and its note', () => {
    const text = savedNotebook(10).replace('"raw text"', '"raw text",');
    const b = enc(text.replace(/\}\s*\]\s*,\s*"metadata"/, (m) => m.replace(']', ',\n]')));
    expect(b.byteLength).toBeGreaterThanOrEqual(SCAN_NOTEBOOKS_FROM);
    expect(scanNotebook(b)).toBeUndefined();
    const notes: SourceNote[] = [];
    const before: SourceNote[] = [];
    const f = decodeFile('nb/train.ipynb', b, notes);
    expect(f?.cells?.length).toBe(13);
    expect(f).toEqual(textPath('nb/train.ipynb', b, before));
    expect(notes).toEqual(before);
    expect(notes[0]?.message).toContain('read leniently');
  });
});

/** decodeFile as it was before the scanner (decode, then parseNotebook), for comparison. */
function textPath(path: string, b: Uint8Array, notes: SourceNote[]): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    notes.push({ path, kind: 'not-utf8', message: 'skipped: not valid UTF-8 text' });
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const cells = parseNotebook(text, () =>
    notes.push({ path, kind: 'info', message: `${path}: read leniently: its JSON has a trailing comma, so Jupyter and GitHub will not open it` }),
  );
  if (!cells) {
    notes.push({ path, kind: 'unreadable', message: 'skipped: notebook is not valid JSON' });
    return null;
  }
  return { path, text: cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n'), cells };
}
