import { describe, expect, it } from 'vitest';
import { committedDataPaths, fillerBytes, holdsData, namesCommittedData, namesLargeCommittedFile } from '../../src/probes/committed-data.js';
import { literalArgument } from '../../src/probes/repeated-rows.js';
import type { FileEntry } from '../../src/types.js';

const f = (path: string, size = 2_000): FileEntry => ({ path, size });

describe('committedDataPaths / namesCommittedData', () => {
  const repo = [
    f('README.md'),
    f('main.py'),
    f('ml-100k/u1.base', 1_900_000),
    f('ml-100k/u.info', 40),
    f('ml-100k/allbut.pl', 700),
    f('data/cora/ind.cora.x', 30_000),
    f('data/cora/ind.cora.graph', 30_000),
    f('config/settings.json', 5_000),
    f('models/model.pkl', 90_000),
    f('stubs/one.dat', 8),
    f('notes.txt', 5_000),
  ];

  it('keeps data files inside a folder of at least 1 KB of them, whatever their extension', () => {
    expect(committedDataPaths(repo)).toEqual(['ml-100k/u1.base', 'ml-100k/u.info', 'data/cora/ind.cora.x', 'data/cora/ind.cora.graph']);
  });

  it('names a committed file by the end of its path, placeholders matching within a segment', () => {
    expect(namesCommittedData('ml-100k/u1.base', repo)).toBe('ml-100k/u1.base');
    expect(namesCommittedData('./ml-100k/u.info', repo)).toBe('ml-100k/u.info');
    expect(namesCommittedData('{}/ind.{}.{}', repo)).toBe('data/cora/ind.cora.x');
    expect(namesCommittedData('data/%s/ind.%s.graph', repo)).toBe('data/cora/ind.cora.graph');
  });

  it('names nothing for code, configuration, models, a stub, a file at the root, a URL or placeholders only', () => {
    for (const lit of ['ml-100k/allbut.pl', 'config/settings.json', 'models/model.pkl', 'stubs/one.dat', 'notes.txt', 'https://x.org/ml-100k/u1.base', '{}/{}', 'ml-100k/u9.base'])
      expect(namesCommittedData(lit, repo), lit).toBeNull();
  });
});

// attack14: every literal was compared with every data file: 40,000 distinct `open("q/zN.bin")` lines over 5,000
// committed data files took 63.6 s to audit (measured with tmp-style benchmark, not asserted); an exact last segment
// is now a map look-up (1.7 s), and literals with a placeholder in their last segment scan at most 256 times a repo.
describe('namesLargeCommittedFile', () => {
  const repo = [f('input.txt', 1_100_000), f('data/book.txt', 300_000), f('stub.txt', 2_000), f('requirements.txt', 200_000), f('src/big.txt', 500_000), f('models/vocab.txt', 400_000)];
  it('names a large committed text at the root or in a folder, by the end of its path', () => {
    expect(namesLargeCommittedFile('input.txt', repo, 102_400)).toBe('input.txt');
    expect(namesLargeCommittedFile('./input.txt', repo, 102_400)).toBe('input.txt');
    expect(namesLargeCommittedFile('book.txt', repo, 102_400)).toBe('data/book.txt');
    expect(namesLargeCommittedFile('data/book.txt', repo, 102_400)).toBe('data/book.txt');
  });
  it('names nothing for a small file, configuration, code or model folders, a placeholder, a missing file or a partial name', () => {
    for (const lit of ['stub.txt', 'requirements.txt', 'big.txt', 'vocab.txt', '{}.txt', 'other.txt', 'ook.txt', 'https://x/input.txt']) {
      expect(namesLargeCommittedFile(lit, repo, 102_400), lit).toBeNull();
    }
  });
});

describe('namesCommittedData on a hostile repository', () => {
  it('still names files by their exact last segment however many literals it is asked about', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => f(`data/f${i}.bin`, 10));
    for (let i = 0; i < 2_000; i++) expect(namesCommittedData(`q/z${i}.bin`, many)).toBeNull();
    expect(namesCommittedData('data/f4999.bin', many)).toBe('data/f4999.bin');
    expect(namesCommittedData('f17.bin', many)).toBe('data/f17.bin');
  });

  it('answers at most 256 placeholder scans per repository, then names nothing', () => {
    const many = Array.from({ length: 100 }, (_, i) => f(`data/f${i}.bin`, 100));
    expect(namesCommittedData('data/f{}.bin', many)).toBe('data/f0.bin');
    for (let i = 0; i < 300; i++) namesCommittedData(`q/{}z${i}.bin`, many);
    expect(namesCommittedData('data/f{}.bin', many)).toBeNull();
    expect(namesCommittedData('data/f5.bin', many)).toBe('data/f5.bin');
  });
});

describe('literalArgument', () => {
  it('gives the string literal a call is given first, raw or plain', () => {
    const line = 'df = pd.read_csv(r"D:\\ML\\spam.csv")  # local path';
    expect(literalArgument(line, line.indexOf('.read_csv'), '.read_csv(r"')).toBe('D:\\ML\\spam.csv');
    const plain = "x = read_csv('data/a.csv', sep=';')";
    expect(literalArgument(plain, plain.indexOf('read_csv'), 'read_csv(')).toBe('data/a.csv');
    const variable = 'x = read_csv(path)';
    expect(literalArgument(variable, variable.indexOf('read_csv'), 'read_csv(')).toBeNull();
  });
});

describe('holdsData on binary files (fillerBytes, RepoSnapshot.head)', () => {
  const junk = new Uint8Array([...new TextEncoder().encode('x'.repeat(1200)), 0]);
  let seed = 9;
  const random = Uint8Array.from({ length: 1200 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);

  it('judges the first bytes: few byte values or one block repeated are filler; MNIST-like labels and varied bytes are data', () => {
    expect(fillerBytes(junk)).toBe(true);
    expect(fillerBytes(new Uint8Array([...new TextEncoder().encode('abcdefghij'.repeat(30)), 0]))).toBe(true);
    let s = 3;
    const labels = Uint8Array.from({ length: 1000 }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24) % 10);
    expect(fillerBytes(new Uint8Array([0, 0, 8, 1, 0, 0, 3, 232, ...labels]))).toBe(false);
    expect(fillerBytes(random)).toBe(false);
  });

  it('a binary file the source gives no bytes of is taken as data; past 32 binary files a repository, the rest are too', async () => {
    const files: FileEntry[] = Array.from({ length: 40 }, (_, i) => ({ path: `data/j${i}.bin`, size: 1201 }));
    const noText = async () => null;
    let asked = 0;
    const head = async () => {
      asked++;
      return junk;
    };
    expect(await holdsData('data/j0.bin', 'data/j0.bin', files, noText)).toBe(true);
    const verdicts: boolean[] = [];
    for (let i = 1; i < 40; i++) verdicts.push(await holdsData(`data/j${i}.bin`, `data/j${i}.bin`, files, noText, head));
    expect(asked).toBe(32);
    expect(verdicts.slice(0, 32).every((v) => !v)).toBe(true);
    expect(verdicts.slice(32).every((v) => v)).toBe(true);
  });
});
