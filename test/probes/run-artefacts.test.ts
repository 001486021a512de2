import { describe, expect, it } from 'vitest';
import { flatYamlKeys, judgeUltralyticsRun, MIN_ARGS, MIN_EPOCHS } from '../../src/probes/run-artefacts.js';

/** Real Ultralytics v8 settings, in the order args.yaml writes them. */
const V8_KEYS = (
  'patience batch imgsz save save_period cache device workers project name exist_ok pretrained optimizer verbose seed deterministic ' +
  'single_cls rect cos_lr close_mosaic resume amp fraction val split conf iou max_det lr0 lrf momentum weight_decay warmup_epochs box cls dfl ' +
  'hsv_h fliplr mosaic'
).split(' ');
const settings = (n: number, extra: Record<string, string> = {}): string => {
  const base: Record<string, string> = { task: 'detect', mode: 'train', model: 'yolov8n.pt', data: 'data.yaml', epochs: '20', ...extra };
  const lines = Object.entries(base).map(([k, v]) => `${k}: ${v}`);
  for (const k of V8_KEYS) if (lines.length < n) lines.push(`${k}: 1`);
  return lines.join('\n') + '\n';
};
const HEADER =
  'epoch,time,train/box_loss,train/cls_loss,metrics/precision(B),metrics/recall(B),metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,lr/pg0';
const rows = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `${from + i},${60 * (i + 1)},${(1.5 - i * 0.05).toFixed(3)},${(2 - i * 0.1).toFixed(3)},0.${50 + i},0.${40 + i},0.${45 + i},0.${20 + i},1.${30 - i},1.${40 - i},0.01`).join('\n');
const csv = (n: number): string => `${HEADER}\n${rows(n)}\n`;

describe('Ultralytics run record (results.csv beside args.yaml)', () => {
  it('counts a run folder: the settings of a training run and epochs counting up with validation metrics', () => {
    const r = judgeUltralyticsRun('runs/a/results.csv', csv(6), settings(40));
    expect(r.ok).toBe(true);
    expect(r.epochs).toBe(6);
    expect(r.metrics).toEqual(['metrics/precision(B)', 'metrics/recall(B)', 'metrics/mAP50(B)', 'metrics/mAP50-95(B)']);
    expect(r.why).toBe('6 epochs of yolov8n.pt on data.yaml');
  });
  it('does not count a results.csv with no args.yaml (a table typed by hand)', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(6), null)).toMatchObject({ ok: false, why: expect.stringMatching(/no args\.yaml or opt\.yaml/) });
  });
  it('does not count a stub args.yaml, nor one that is not a training run', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(6), 'mode: train\n').ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(MIN_ARGS - 1)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(40, { mode: 'val' })).why).toMatch(/not a training run/);
    expect(judgeUltralyticsRun('r/results.csv', csv(6), settings(40, { data: '' })).why).toMatch(/names no data/);
  });
  it('does not count too few epochs, skipped epochs, blanks, or more epochs than the run asked for', () => {
    expect(judgeUltralyticsRun('r/results.csv', csv(MIN_EPOCHS - 1), settings(40)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', `${HEADER}\n1,1,1,1,1,1,1,1,1,1,1\n3,1,1,1,1,1,1,1,1,1,1\n4,1,1,1,1,1,1,1,1,1,1\n`, settings(40)).why).toMatch(/one by one/);
    expect(judgeUltralyticsRun('r/results.csv', `${HEADER}\n${rows(4)}\n5,,1,1,1,1,1,1,1,1,1\n`, settings(40)).why).toMatch(/one number per column/);
    expect(judgeUltralyticsRun('r/results.csv', csv(25), settings(40)).why).toMatch(/more epochs \(25\) than args\.yaml asked for \(20\)/);
  });
  it('does not count a table without train losses or validation metrics', () => {
    expect(judgeUltralyticsRun('r/results.csv', 'epoch,metrics/mAP50(B)\n1,0.1\n2,0.2\n3,0.3\n', settings(40)).ok).toBe(false);
    expect(judgeUltralyticsRun('r/results.csv', 'epoch,train/box_loss\n1,1\n2,0.9\n3,0.8\n', settings(40)).ok).toBe(false);
  });
  it('does not count filler keys: the settings must be ones Ultralytics writes, with most of its core training settings', () => {
    const filler = ['task: detect', 'mode: train', 'model: yolov8n.pt', 'data: d.yaml', 'epochs: 20', ...Array.from({ length: 40 }, (_, i) => `k${i}: 1`)].join('\n');
    expect(judgeUltralyticsRun('r/results.csv', csv(6), filler).why).toMatch(/holds 5 Ultralytics settings/);
    // 30 known settings but few of the core training ones (lr0, momentum, imgsz, batch, optimizer, …)
    const noCore = ['task: detect', 'mode: train', 'model: m.pt', 'data: d.yaml', 'epochs: 20',
      ...'time save_period cache project name exist_ok verbose single_cls rect cos_lr close_mosaic resume amp fraction val split conf half dnn plots source vid_stride visualize augment agnostic_nms'.split(' ').map((k) => `${k}: 1`)].join('\n');
    expect(judgeUltralyticsRun('r/results.csv', csv(6), noCore).why).toMatch(/of the 24 training settings/);
  });
  it('does not count a results.csv without the columns a run writes (val twins of train losses, learning rates, full metric sets)', () => {
    const r3 = (h: string): string => `${h}\n` + [1, 2, 3].map((e) => [e, ...h.split(',').slice(1).map(() => 0.5)].join(',')).join('\n') + '\n';
    expect(judgeUltralyticsRun('r/results.csv', r3('epoch,train/box_loss,metrics/mAP50(B)'), settings(40)).why).toMatch(/has no val\/box_loss/);
    expect(judgeUltralyticsRun('r/results.csv', r3('epoch,train/box_loss,val/box_loss,metrics/mAP50(B)'), settings(40)).why).toMatch(/learning-rate/);
    expect(judgeUltralyticsRun('r/results.csv', r3('epoch,train/box_loss,val/box_loss,lr/pg0,metrics/mAP50(B)'), settings(40)).why).toMatch(/lack precision, recall, map50-95/);
    expect(judgeUltralyticsRun('r/results.csv', r3('epoch,train/loss,val/loss,lr/pg0,metrics/accuracy_top1,metrics/accuracy_top5'), settings(40)).ok).toBe(true);
  });
  it('counts a YOLOv5 run: opt.yaml of train.py options beside its padded results.csv (epochs from 0)', () => {
    const opt = 'weights: yolov5s.pt\ncfg: \'\'\ndata: data.yaml\nhyp:\n  lr0: 0.01\nepochs: 30\nbatch_size: 16\nimgsz: 640\n' +
      'rect resume nosave noval noautoanchor evolve bucket cache image_weights device multi_scale single_cls optimizer sync_bn workers project name exist_ok quad cos_lr label_smoothing patience save_period local_rank save_dir'
        .split(' ').map((k) => `${k}: x`).join('\n');
    const head = ['epoch', 'train/box_loss', 'train/obj_loss', 'train/cls_loss', 'metrics/precision', 'metrics/recall', 'metrics/mAP_0.5', 'metrics/mAP_0.5:0.95', 'val/box_loss', 'val/obj_loss', 'val/cls_loss', 'x/lr0', 'x/lr1', 'x/lr2'];
    const v5csv = [head.map((h) => h.padStart(20)).join(','), ...[0, 1, 2, 3].map((e) => [e, ...head.slice(1).map(() => 0.5)].map((v) => String(v).padStart(20)).join(','))].join('\n');
    expect(judgeUltralyticsRun('r/results.csv', v5csv, opt, 'opt.yaml')).toMatchObject({ ok: true, epochs: 4, why: '4 epochs of yolov5s.pt on data.yaml' });
    expect(judgeUltralyticsRun('r/results.csv', v5csv, 'weights: a.pt\ndata: d.yaml\nepochs: 9\n' + Array.from({ length: 30 }, (_, i) => `k${i}: 1`).join('\n'), 'opt.yaml').ok).toBe(false);
    // a v8 args.yaml is not read as v5's opt.yaml, nor the reverse
    expect(judgeUltralyticsRun('r/results.csv', v5csv, opt, 'args.yaml').ok).toBe(false);
  });
  it('reads the flat settings of args.yaml (top-level keys only)', () => {
    const k = flatYamlKeys('task: detect\nmode: train\n  nested: x\n# comment: y\nepochs: 50\n');
    expect([...k.keys()]).toEqual(['task', 'mode', 'epochs']);
    expect(k.get('epochs')).toBe('50');
  });
});
