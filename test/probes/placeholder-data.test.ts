import { describe, expect, it } from 'vitest';
import { placeholderDataFolders } from '../../src/probes/placeholder-data.js';
import type { FileEntry } from '../../src/types.js';

const f = (path: string, size = 100): FileEntry => ({ path, size });

describe('placeholderDataFolders', () => {
  it('lists data folders that hold only a .gitkeep when the repo tracks no data file', () => {
    const files = [
      f('README.md'),
      f('assets/unet.png', 40_000),
      f('dataset/dataset.py'),
      f('dataset/image/.gitkeep', 0),
      f('dataset/mask/.gitkeep', 0),
      f('checkpoint/.gitkeep', 0),
      f('log/train.csv', 0),
      f('train/train.py'),
    ];
    // dataset/ holds code, so only its placeholder subfolders count; checkpoint/ is not named for data.
    expect(placeholderDataFolders(files)).toEqual(['dataset/image', 'dataset/mask']);
  });

  it('says nothing when any data file is tracked, even beside a placeholder folder', () => {
    expect(placeholderDataFolders([f('data/raw/.gitkeep', 0), f('data/processed/train.csv', 5_000), f('train.py')])).toEqual([]);
    expect(placeholderDataFolders([f('data/.gitkeep', 0), f('samples/cat.jpg', 30_000), f('train.py')])).toEqual([]);
  });

  it('does not take README pictures at the root or in docs folders for data', () => {
    expect(placeholderDataFolders([f('data/.gitkeep', 0), f('demo.png', 9_000), f('docs/arch.png', 9_000)])).toEqual(['data']);
  });

  it('a data folder with a README on how to get the data is not an empty placeholder', () => {
    expect(placeholderDataFolders([f('data/.gitkeep', 0), f('data/README.md', 300), f('train.py')])).toEqual([]);
  });

  it('a data file missing from a local work tree (size unknown, 0 here) is data, not an empty placeholder', () => {
    const absent = (path: string): FileEntry => ({ path, size: 0, absent: true });
    // The archive is on GitHub with its size; the clone lacks its blob (set 21: a corpus archive in data/).
    expect(placeholderDataFolders([absent('data/ldcc-20140209.tar.gz'), f('train.py')])).toEqual([]);
    // Near miss: a 0-byte file that is in the work tree is empty.
    expect(placeholderDataFolders([f('data/ldcc-20140209.tar.gz', 0), f('train.py')])).toEqual(['data']);
  });

  it('a parent that holds only placeholder subfolders covers them', () => {
    expect(placeholderDataFolders([f('data/raw/.gitkeep', 0), f('data/processed/.gitkeep', 0), f('src/train.py')])).toEqual(['data']);
  });

  it('no folder named for data: nothing to say', () => {
    expect(placeholderDataFolders([f('models/.gitkeep', 0), f('train.py')])).toEqual([]);
  });
});
