import { describe, expect, it } from 'vitest';
import { flatYamlKeys, judgeUltralyticsRun, MIN_ARGS, MIN_EPOCHS } from '../../src/probes/run-artefacts.js';

const settings = (n: number, extra: Record<string, string> = {}): string => {
  const base: Record<string, string> = { task: 'detect', mode: 'train', model: 'yolov8n.pt', data: 'data.yaml', epochs: '20', ...extra };
  const lines = Object.entries(base).map(([k, v]) => `${k}: ${v}`);
  for (let i = lines.length; i < n; i++) lines.push(`setting_${i}: ${i % 3 === 0 ? 'true' : i / 10}`);
  return lines.join('\n') + '\n';
};
const HEADER = 'epoch,time,train/box_loss,train/cls_loss,metrics/precision(B),metrics/recall(B),metrics/mAP50(B),val/box_loss';
const rows = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `${from + i},${60 * (i + 1)},${(1.5 - i * 0.05).toFixed(3)},${(2 - i * 0.1).toFixed(3)},0.${50 + i},0.${40 + i},0.${45 + i},1.${30 - i}`).join('\n');
const csv = (n: number): string => `${HEADER}\n${rows(n)}\n`;

describe('Ultralytics run record (results.csv beside args.yaml)', () => {
  it('counts a run folder: the settings of a training run and epochs counting up with validation metrics', () => {
    const r = judgeUltralyticsRun('runs/a/results.csv', csv(6), settings(40));
    expect(r.ok).toBe(true);
    expect(r.epochs).toBe(6);
    expect(r.metrics).toEqual(['metrics/precision(B)', 'metrics/recall(B)', 'metrics/mAP50(B)']);
    expect(r.why).toBe('6 epochs of yolov8n.pt on data.yaml');
  });
  it('does not count a results.csv with no args.yaml (a table typed by hand)', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(6), null)).toMatchObject({ ok: false, why: expect.stringMatching(/no args\.yaml/) });
  });
  it('does not count a stub args.yaml, nor one that is not a training run', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(6), 'mode: train\n').ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(MIN_ARGS - 1)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(40, { mode: 'val' })).why).toMatch(/not a training run/);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(40, { data: '' })).why).toMatch(/names no data/);
  });
  it('does not count too few epochs, skipped epochs, blanks, or more epochs than the run asked for', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(MIN_EPOCHS - 1), settings(40)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', `${HEADER}\n1,1,1,1,1,1,1,1\n3,1,1,1,1,1,1,1\n4,1,1,1,1,1,1,1\n`, settings(40)).why).toMatch(/one by one/);
    expect(judgeUltralyticsRun('r/results.csv', `${HEADER}\n${rows(4)}\n5,,1,1,1,1,1,1\n`, settings(40)).why).toMatch(/one number per column/);
    expect(judgeUltralyticsRun('r/results.csv', csv(25), settings(40)).why).toMatch(/more epochs \(25\) than args\.yaml asked for \(20\)/);
  });
  it('does not count a table without train losses or validation metrics', () => {
    expect(judgeUltralyticsRun('r/results.csv', 'epoch,metrics/mAP50(B)\n1,0.1\n2,0.2\n3,0.3\n', settings(40)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', 'epoch,train/box_loss\n1,1\n2,0.9\n3,0.8\n', settings(40)).ok).toBe(false);
  });
  it('reads the flat settings of args.yaml (top-level keys only)', () => {
    const k = flatYamlKeys('task: detect\nmode: train\n  nested: x\n# comment: y\nepochs: 50\n');
    expect([...k.keys()]).toEqual(['task', 'mode', 'epochs']);
    expect(k.get('epochs')).toBe('50');
  });
});
