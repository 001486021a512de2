import { describe, expect, it } from 'vitest';
import { metricFamily, metricLiteralsOf, parseReadmeNumber, typedResults, type MetricLiteral } from '../../src/probes/readme/_shared/typed-results.js';

const lit = (family: string, value: number, line = 1): MetricLiteral => ({ family, value, text: `${family}: ${value}`, path: 'app.py', line });

describe('results typed into code', () => {
  it('finds decimal literals bound to a metric name, not other numbers', () => {
    expect(metricLiteralsOf(`"prophet": {"mae": 623.81, "rmse": 712.03, "rmspe": 0.1456},`).map((l) => [l.family, l.value])).toEqual([
      ['mae', 623.81],
      ['rmse', 712.03],
      ['rmspe', 0.1456],
    ]);
    expect(metricLiteralsOf('val_acc = 0.9312').map((l) => l.family)).toEqual(['accuracy']);
    // a learning rate, a split, a threshold named for nothing measured, an integer count
    expect(metricLiteralsOf('lr = 0.001; test_size=0.25; threshold = 0.75; n_estimators = 300')).toEqual([]);
  });

  it('reads README numbers with their precision and metric; plain small numbers are left out', () => {
    expect(parseReadmeNumber('13.42%', 'RMSPE')).toMatchObject({ value: 13.42, decimals: 2, percent: true, digits: 4, family: 'rmspe' });
    expect(parseReadmeNumber('589', ' MAE ')).toMatchObject({ value: 589, decimals: 0, digits: 3, family: 'mae' });
    expect(parseReadmeNumber('5', 'folds')).toBeNull();
    expect(parseReadmeNumber('100', 'accuracy')).toBeNull();
    expect(parseReadmeNumber('0.9', 'accuracy')).toBeNull(); // one significant digit
    expect(metricFamily('ROC-AUC')).toBe('auc');
    expect(metricFamily('Interpretation')).toBe('');
  });

  it('matches a number to a literal of the same metric, rounded as written or as a percentage', () => {
    const numbers = [parseReadmeNumber('13.42%', 'RMSPE')!, parseReadmeNumber('589', 'MAE')!, parseReadmeNumber('676', 'RMSE')!];
    const t = typedResults(numbers, [lit('rmspe', 0.1342), lit('mae', 589.34), lit('rmse', 675.92)]);
    expect(t.matched).toBe(3);
    expect(t.evidence[0]).toMatchObject({ path: 'app.py', problem: true });
    // the same values under another metric's name do not count
    expect(typedResults(numbers, [lit('accuracy', 0.1342), lit('f1', 589.34), lit('mae', 675.92)]).matched).toBe(0);
  });

  it('a number under no known metric needs three significant digits', () => {
    expect(typedResults([parseReadmeNumber('0.89', '')!], [lit('accuracy', 0.891)]).matched).toBe(0);
    expect(typedResults([parseReadmeNumber('0.973', '')!], [lit('accuracy', 0.9731)]).matched).toBe(1);
  });
});
