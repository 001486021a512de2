import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/sources/decode.js';
import { parseNotebook, withoutTrailingCommas } from '../../src/facts/notebooks.js';
import type { SourceNote } from '../../src/types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('notebooks with a trailing comma (edited by hand)', () => {
  const broken = '{"cells": [{"cell_type": "code", "source": ["from pyspark.ml.feature import StringIndexer\\n", "x = 1"]},\n {"cell_type": "markdown", "source": ["# Evidencia,\\n", ],\n }\n ], "nbformat": 4}';

  it('drops only the commas before a closing bracket, never one inside a string', () => {
    expect(withoutTrailingCommas('[1, 2, ]')).toBe('[1, 2 ]');
    expect(withoutTrailingCommas('{"a": ",]", "b": [1,\n\t]}')).toBe('{"a": ",]", "b": [1\n\t]}');
    expect(withoutTrailingCommas('{"a": "\\",}"}')).toBeNull();
    expect(withoutTrailingCommas('[1, 2]')).toBeNull();
  });

  it('reads the cells and says the notebook will not open in Jupyter', () => {
    expect(() => JSON.parse(broken)).toThrow();
    const notes: SourceNote[] = [];
    const f = decodeFile('entrega/income.ipynb', enc(broken), notes);
    expect(f?.cells?.map((c) => c.type)).toEqual(['code', 'markdown']);
    expect(f?.text).toContain('StringIndexer');
    expect(notes).toEqual([{ path: 'entrega/income.ipynb', kind: 'info', message: 'entrega/income.ipynb: read leniently: its JSON has a trailing comma, so Jupyter and GitHub will not open it' }]);
  });

  it('still skips a notebook that is broken in another way', () => {
    const notes: SourceNote[] = [];
    expect(decodeFile('a.ipynb', enc('{"cells": [{"cell_type": "code", "source": "x = 1"'), notes)).toBeNull();
    expect(notes[0]?.message).toBe('skipped: notebook is not valid JSON');
    expect(parseNotebook('{"cells": [1, 2,], "oops"}')).toBeNull();
  });

  it('a valid notebook gives no note', () => {
    const notes: SourceNote[] = [];
    expect(decodeFile('ok.ipynb', enc('{"cells": [{"cell_type": "code", "source": "x = 1"}]}'), notes)?.cells).toHaveLength(1);
    expect(notes).toEqual([]);
  });
});
