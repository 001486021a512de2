import { describe, expect, it } from 'vitest';
import { committedDataPaths, namesCommittedData, namesLargeCommittedFile } from '../../src/probes/committed-data.js';
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
