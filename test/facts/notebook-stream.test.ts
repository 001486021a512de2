import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_BYTES, chunksOf, streamNotebook } from '../../src/facts/notebook-stream.js';
import { parseNotebook } from '../../src/facts/notebooks.js';
import { decodeFile, sizeCapFor } from '../../src/sources/decode.js';
import { localSnapshot } from '../../src/sources/local.js';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import type { SourceNote } from '../../src/types.js';
import { tmpDir } from '../helpers/tmp.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAA' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(2000);

/** A notebook as Jupyter saves it after a run: real code cells, each with image outputs, and markdown. */
function savedNotebook(images: number, png = PNG): string {
  const cells: unknown[] = [
    { cell_type: 'markdown', metadata: {}, source: ['# Urban sound classification\n', 'MFCCs — «naïve» first, then a CNN.'] },
    { cell_type: 'code', execution_count: 1, metadata: { tags: ['setup'] }, outputs: [], source: ['import pandas as pd\n', 'meta = pd.read_csv("UrbanSound8K/metadata/UrbanSound8K.csv")\n'] },
    {
      cell_type: 'code',
      execution_count: 2,
      metadata: {},
      outputs: [],
      source:
        'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\n' +
        'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\nscaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\n',
    },
  ];
  for (let i = 0; i < images; i++) {
    cells.push({
      cell_type: 'code',
      execution_count: i + 3,
      metadata: {},
      outputs: [
        { name: 'stdout', output_type: 'stream', text: ['epoch 1: loss 0.52\n', 'path C:\\data\\"x"\n'] },
        { data: { 'image/png': png, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: { needs_background: 'light' }, output_type: 'display_data' },
      ],
      source: `history = model.fit(X_train, y_train, epochs=${i + 1})\nplt.plot(history.history["loss"])\nplt.show()`,
    });
  }
  cells.push({ cell_type: 'code', execution_count: 99, metadata: {}, outputs: [], source: 'from sklearn.metrics import classification_report\nprint(classification_report(y_test, model.predict(X_test)))\n' });
  return JSON.stringify({ cells, metadata: { kernelspec: { name: 'python3' }, language_info: { version: '3.11.4' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

describe('streamNotebook: a notebook over the size cap read in chunks, outputs stepped over', () => {
  it('gives the cells parseNotebook gives, whatever the chunk boundaries', () => {
    const texts = [
      savedNotebook(0),
      savedNotebook(3, 'AAAA\\nBBBB\\"CC'),
      JSON.stringify(JSON.parse(savedNotebook(1))),
      String.raw`{"cells": [{"cell_type": "code", "source": ["print(\"hi\")\n", "s = '\u00e9\ud83d\ude00' \/ 2\t\\ \b\f\r", "é 😀 kept"]}, {"cell\u005ftype": "markdown", "sou\u0072ce": "# t\u00EDtulo"}], "n": [1, -2.5e3, true, false, null]}`,
      '\ufeff{"cells": [{"cell_type": "code", "source": "x = 1", "outputs": [{"data": {"image/png": "AAAA"}}]}], "metadata": {}}',
    ];
    for (const text of texts) {
      const b = enc(text);
      const want = parseNotebook(text.replace(/^\ufeff/, ''));
      for (const size of [1, 2, 3, 7, 64, 4096, b.byteLength]) expect(streamNotebook(chunksOf(b, size)), `chunks of ${size}`).toEqual(want);
    }
  });

  it('is not sure of what is not a notebook it can read: no cells array, nbformat 3, truncated, garbage after, too deep, bad strings', () => {
    const cases = [
      '{"metadata": {}}',
      '[{"cells": []}]',
      '{"worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1"}]}]}',
      '{"cells": [{"cell_type": "code", "source": "x = 1"',
      '{"cells": []} x',
      '{"cells": [{"source": "\\u12"}]}',
      '{"cells": [{"source": "a\\xb"}]}',
      '{"cells": {"a": 1}}',
      `{"cells": [], "m": ${'['.repeat(300)}${']'.repeat(300)}}`,
    ];
    for (const text of cases) expect(streamNotebook(chunksOf(enc(text), 5)), text).toBeUndefined();
    // Invalid UTF-8 in kept code.
    const bad = enc('{"cells": [{"cell_type": "code", "source": "x = 1 XX"}]}');
    bad[bad.length - 6] = 0xff;
    expect(streamNotebook([bad])).toBeUndefined();
    // More code than it keeps.
    const huge = `{"cells": [{"cell_type": "code", "source": "${'x = 1\\n'.repeat(Math.ceil(MAX_KEPT_BYTES / 7) + 10)}"}]}`;
    expect(streamNotebook(chunksOf(enc(huge)))).toBeUndefined();
  });

  it('decodeFile reads a notebook over the cap by its code cells; a binary one stays binary, a broken one too large', () => {
    const text = savedNotebook(Math.ceil(sizeCapFor('x.ipynb') / PNG.length) + 2);
    const b = enc(text);
    expect(b.byteLength).toBeGreaterThan(sizeCapFor('x.ipynb'));
    const notes: SourceNote[] = [];
    const f = decodeFile('big.ipynb', b, notes);
    expect(notes).toEqual([]);
    expect(f?.cells).toEqual(parseNotebook(text));
    expect(f?.text).toContain('model.fit(X_train, y_train');
    expect(f?.text).not.toContain('iVBOR');
    const broken = b.slice(0, b.byteLength - 10);
    expect(decodeFile('broken.ipynb', broken, notes)).toBeNull();
    expect(notes.at(-1)).toMatchObject({ path: 'broken.ipynb', kind: 'too-large' });
    const binary = new Uint8Array(b.byteLength);
    binary[5] = 1;
    expect(decodeFile('bin.ipynb', binary, notes)).toBeNull();
    expect(notes.at(-1)).toMatchObject({ path: 'bin.ipynb', kind: 'binary' });
  });

  it('a real 60 MB notebook of image outputs in a checkout: its code is read and its stages measured, not skipped', async () => {
    const dir = tmpDir('mlpa-bignb-');
    const text = savedNotebook(Math.ceil((60 * 1024 * 1024) / PNG.length));
    expect(text.length).toBeGreaterThan(60 * 1024 * 1024);
    writeFileSync(join(dir, 'UrbanSound8K_Classification.ipynb'), text);
    writeFileSync(join(dir, 'README.md'), '# Urban sound classification\n');
    const snap = await localSnapshot(dir);
    const file = await snap.read('UrbanSound8K_Classification.ipynb');
    expect(snap.notes).toEqual([]);
    expect(file?.cells?.filter((c) => c.type === 'code').length).toBeGreaterThan(3);
    const r = await auditSnapshot(snap, { rules: loadRules(), now: new Date('2026-12-01T00:00:00Z'), skills: false });
    const stage = (id: string) => r.rules.find((x) => x.id === id)!;
    for (const id of ['stage-data', 'stage-preprocessing', 'stage-training', 'stage-evaluation']) expect(stage(id), id).toMatchObject({ measurable: true });
    expect(r.stages.training.detected).toBe(true);
    expect(r.stages.evaluation.detected).toBe(true);
    expect(r.rules.some((x) => x.unread)).toBe(false);
  });
});

describe('streamNotebook: byte-order marks', () => {
  it('steps over a whole mark split anywhere, and is not sure of a broken one', () => {
    const body = enc('{"cells": [{"cell_type": "code", "source": "x = 1"}]}');
    const withMark = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    for (const size of [1, 2, 3, 4]) expect(streamNotebook(chunksOf(withMark, size))).toEqual([{ index: 1, type: 'code', source: 'x = 1' }]);
    const broken = new Uint8Array([0xef, 0xbb, ...body]);
    for (const size of [1, 2, 5]) expect(streamNotebook(chunksOf(broken, size))).toBeUndefined();
  });
});
