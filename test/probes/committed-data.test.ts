import { describe, expect, it } from 'vitest';
import { committedDataPaths, namesCommittedData } from '../../src/probes/committed-data.js';
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
