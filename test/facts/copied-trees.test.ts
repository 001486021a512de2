import { describe, expect, it } from 'vitest';
import { copiedTrees } from '../../src/facts/copied-trees.js';
import type { FileEntry, TextFile } from '../../src/types.js';

const HEADER = '# Copyright (c) 2020 PaddlePaddle Authors. All Rights Reserved.\n';
const body = (n: number): string => `def f${n}(x):\n    return x * ${n}\n`.repeat(12);

/** A repo of `files` (path → text) as the facts see it: entries and a reader that counts its reads. */
function repo(files: Record<string, string>) {
  const entries: FileEntry[] = Object.entries(files).map(([path, text]) => ({ path, size: Buffer.byteLength(text) }));
  const reads: string[] = [];
  const read = async (path: string): Promise<TextFile | null> => {
    reads.push(path);
    return files[path] === undefined ? null : ({ path, text: files[path]! } as TextFile);
  };
  return { entries, read, reads };
}

describe('copiedTrees', () => {
  it('names the folder whose code files mostly carry a third-party header, not a sibling whose name extends it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`ppocr/modeling/m${i}.py`] = HEADER + body(i);
    // `ppocr-own/` sorts among `ppocr/`'s neighbours by name ('-' before '/'), and is the candidate's own.
    for (let i = 0; i < 5; i++) files[`ppocr-own/step${i}.py`] = body(i + 10);
    files['train.py'] = body(99);
    const { entries, read } = repo(files);
    expect(await copiedTrees(entries, read)).toEqual(['ppocr/**']);
  });

  it('a folder with under half its files headed, or fewer than four, is the candidate\'s; a loose headed file counts only beside a copied folder', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`src/m${i}.py`] = (i < 3 ? HEADER : '') + body(i);
    files['helpers/adapted.py'] = HEADER + body(50);
    const { entries, read } = repo(files);
    expect(await copiedTrees(entries, read)).toEqual([]);
    for (let i = 0; i < 4; i++) files[`third/lib${i}.py`] = HEADER + body(60 + i);
    const again = repo(files);
    expect(await copiedTrees(again.entries, again.read)).toEqual(['third/**', 'helpers/adapted.py', 'src/m0.py', 'src/m1.py', 'src/m2.py']);
  });

  it('reads at most 40 files a folder, spread over it, whatever its size', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`lib/f${String(i).padStart(4, '0')}.py`] = HEADER + body(i);
    const { entries, read, reads } = repo(files);
    expect(await copiedTrees(entries, read)).toEqual(['lib/**']);
    expect(reads).toHaveLength(40);
    expect(reads[0]).toBe('lib/f0000.py');
    expect(reads[1]).toBe('lib/f0025.py');
  });
});
