/**
 * Training runs committed as a framework's own artefacts, when the training code is not in the repo (it ran on Colab,
 * say) but the run's record is. LABELLING.md counts a stage when "code or artefacts for the stage exist at HEAD".
 *
 * Ultralytics (YOLOv8/11) writes, for every training run, a folder with `args.yaml` (every setting of the run, about
 * a hundred `key: value` lines with `mode: train`, `model:`, `data:`, `epochs:`) and `results.csv` (one row per epoch:
 * the train losses, the validation losses, precision, recall and mAP measured on the validation split, the learning
 * rates). YOLOv5 writes `opt.yaml` (its ~40 train.py options: `weights`, `data`, `hyp`, `epochs`, …) instead of
 * `args.yaml`, beside `hyp.yaml` and the same kind of `results.csv`. Both files are checked so that a hand-written table
 * and a padded settings file are not a run:
 * - the record in the same folder holds at least MIN_ARGS (v5: MIN_ARGS_V5) settings Ultralytics names (filler keys
 *   count nothing), three quarters of the core training settings every release writes (lr0, momentum, imgsz, batch,
 *   optimizer, patience, …), `mode: train` (v8), the model or weights, the data and the epochs;
 * - `results.csv` whose header has an `epoch` column, every train loss with its validation twin, a learning-rate column
 *   and full sets of validation metrics (precision, recall, mAP50 and mAP50-95; or top-1 and top-5 accuracy), and at
 *   least MIN_EPOCHS rows whose epochs count up one by one, no more of them than the `epochs` the run was given, with
 *   numbers in every cell.
 * The weights (`weights/best.pt`) are often left out of Git (large binaries): they are not required.
 */
import type { FileEntry } from '../types.js';
import type { ProbeContext } from './types.js';

/**
 * The settings Ultralytics writes to every training run's record, counted by name so that filler keys count nothing.
 * v8/11 `args.yaml` (one of the ~100 settings of `ultralytics/cfg/default.yaml`), and among them CORE_V8, the training
 * settings every v8 release records; YOLOv5 `opt.yaml` (train.py's ~40 command-line options) and its CORE_V5.
 */
const KNOWN_V8 = new Set(
  ('task mode model data epochs time patience batch imgsz save save_period cache device workers project name exist_ok pretrained ' +
    'optimizer verbose seed deterministic single_cls rect cos_lr close_mosaic resume amp fraction profile freeze multi_scale compile ' +
    'overlap_mask mask_ratio dropout val split save_json save_hybrid conf iou max_det half dnn plots source vid_stride stream_buffer ' +
    'visualize augment agnostic_nms classes retina_masks embed show save_frames save_txt save_conf save_crop show_labels show_conf ' +
    'show_boxes line_width format keras optimize int8 dynamic simplify opset workspace nms lr0 lrf momentum weight_decay warmup_epochs ' +
    'warmup_momentum warmup_bias_lr box cls dfl pose kobj label_smoothing nbs hsv_h hsv_s hsv_v degrees translate scale shear ' +
    'perspective flipud fliplr bgr mosaic mixup cutmix copy_paste copy_paste_mode auto_augment erasing crop_fraction cfg tracker ' +
    'save_dir v5loader hide_labels hide_conf boxes line_thickness image_weights min_memory fl_gamma').split(' '),
);
const CORE_V8 = ('epochs patience batch imgsz save device workers pretrained optimizer seed deterministic lr0 lrf momentum ' +
  'weight_decay warmup_epochs box cls dfl hsv_h fliplr mosaic iou max_det').split(' ');
const KNOWN_V5 = new Set(
  ('weights cfg data hyp epochs batch_size imgsz img_size rect resume nosave notest noval noautoanchor noplots evolve evolve_population ' +
    'resume_evolve bucket cache cache_images image_weights device multi_scale single_cls adam optimizer sync_bn workers project name ' +
    'exist_ok quad linear_lr cos_lr label_smoothing patience freeze save_period seed local_rank entity upload_dataset bbox_interval ' +
    'artifact_alias ndjson_console ndjson_file log_imgs log_artifacts world_size global_rank total_batch_size save_dir ' +
    'mask_ratio no_overlap').split(' '),
);
const CORE_V5 = ('weights cfg data hyp epochs batch_size rect resume nosave noautoanchor evolve bucket image_weights device ' +
  'multi_scale single_cls workers project name exist_ok save_dir').split(' ');
/** Known settings a run's record holds at least (v8 writes ~100, YOLOv5 ~40; a hand-written stub, a handful). */
export const MIN_ARGS = 30;
const MIN_ARGS_V5 = 25;
/** Share of the core training settings the record must hold. */
const CORE_SHARE = 0.75;
/** One or two rows are a smoke test or a typed-in line, not a run whose progress can be read. */
export const MIN_EPOCHS = 3;
/** Rows read at most (a run of many epochs is judged on its first rows). */
const MAX_ROWS = 2000;

export interface RunArtefact {
  /** The results.csv path. */
  path: string;
  ok: boolean;
  /** Why it does not count, or what it shows. */
  why: string;
  epochs: number;
  /** The validation metric columns found (e.g. `metrics/mAP50(B)`). */
  metrics: string[];
}

const TRAIN_LOSS = /^train\/(\w*loss)$/i;
const VAL_LOSS = /^val\/(\w*loss)$/i;
const VAL_METRIC = /^metrics\/(mAP50-95|mAP50|mAP_0\.5:0\.95|mAP_0\.5|precision|recall|accuracy_top[15])(\([A-Z]\))?$/i;
/** The learning rate of each parameter group, logged every epoch (v8 `lr/pg0`, YOLOv5 `x/lr0`, v5 classify `lr/0`). */
const LR_COL = /^(?:lr\/pg\d|x\/lr\d|lr\/\d)$/i;
const DET_METRICS = ['precision', 'recall', 'map50', 'map50-95'];

/** A metric column's name as v8 spells it (`metrics/mAP_0.5:0.95` → `map50-95`), lower case, without its `(B)` suffix. */
function metricName(m: RegExpExecArray): string {
  const n = m[1]!.toLowerCase();
  return n === 'map_0.5' ? 'map50' : n === 'map_0.5:0.95' ? 'map50-95' : n;
}

/**
 * Why the header is not the column set a run writes, or null: every train loss logged with its validation twin, the
 * learning rate of a parameter group, and validation metrics in full sets per suffix (precision, recall, mAP50 and
 * mAP50-95; or top-1 with top-5 accuracy).
 */
function columnsMissing(header: string[]): string | null {
  const train = header.map((h) => TRAIN_LOSS.exec(h)?.[1]?.toLowerCase()).filter((x): x is string => !!x);
  const val = new Set(header.map((h) => VAL_LOSS.exec(h)?.[1]?.toLowerCase()).filter((x): x is string => !!x));
  if (!train.length) return 'no train loss column';
  const unpaired = train.find((t) => !val.has(t));
  if (unpaired) return `train/${unpaired} has no val/${unpaired} column`;
  if (!header.some((h) => LR_COL.test(h))) return 'no learning-rate column (lr/pg0)';
  const bySuffix = new Map<string, Set<string>>();
  for (const h of header) {
    const m = VAL_METRIC.exec(h);
    if (!m) continue;
    const k = (m[2] ?? '').toUpperCase();
    bySuffix.set(k, (bySuffix.get(k) ?? new Set()).add(metricName(m)));
  }
  if (!bySuffix.size) return 'no validation metric column';
  for (const [suffix, got] of bySuffix) {
    const want = got.has('accuracy_top1') || got.has('accuracy_top5') ? ['accuracy_top1', 'accuracy_top5'] : DET_METRICS;
    const miss = want.filter((w) => !got.has(w));
    if (miss.length) return `metrics${suffix} lack ${miss.join(', ')}`;
  }
  return null;
}

/** Why a v8 `args.yaml` / YOLOv5 `opt.yaml` is not the record of a training run, or null. */
function recordMissing(keys: Map<string, string>, kind: RunRecord): string | null {
  const v5 = kind === 'opt.yaml';
  const known = [...keys.keys()].filter((k) => (v5 ? KNOWN_V5 : KNOWN_V8).has(k)).length;
  const min = v5 ? MIN_ARGS_V5 : MIN_ARGS;
  if (known < min) return `${kind} holds ${known} ${v5 ? 'YOLOv5' : 'Ultralytics'} settings (a training run records ${min} or more)`;
  const core = v5 ? CORE_V5 : CORE_V8;
  const have = core.filter((k) => keys.has(k)).length;
  if (have < Math.ceil(core.length * CORE_SHARE)) return `${kind} holds ${have} of the ${core.length} training settings a run records`;
  if (!v5 && keys.get('mode') !== 'train') return 'args.yaml is not a training run (mode is not train)';
  for (const k of v5 ? ['weights', 'data', 'epochs'] : ['model', 'data', 'epochs']) if (!keys.get(k)) return `${kind} names no ${k}`;
  return null;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** The top-level `key: value` settings of a flat YAML file (no nesting read: Ultralytics writes it flat). */
export function flatYamlKeys(text: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]{0,60}):(.{0,300})$/.exec(line);
    if (m) keys.set(m[1]!, m[2]!.trim());
  }
  return keys;
}

/** The file a run's settings are recorded in: Ultralytics v8/11 `args.yaml`, YOLOv5 `opt.yaml`. */
export type RunRecord = 'args.yaml' | 'opt.yaml';

/** Judges one `results.csv` against the run record beside it (no I/O: the two texts are given). */
export function judgeUltralyticsRun(path: string, csv: string, args: string | null, kind: RunRecord = 'args.yaml'): RunArtefact {
  const no = (why: string, epochs = 0, metrics: string[] = []): RunArtefact => ({ path, ok: false, why, epochs, metrics });
  if (args === null) return no('no args.yaml or opt.yaml beside it (not a recorded training run)');
  const keys = flatYamlKeys(args);
  const bad = recordMissing(keys, kind);
  if (bad) return no(bad);
  const planned = Number(keys.get('epochs'));

  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return no('results.csv is empty');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const epochCol = header.findIndex((h) => h.toLowerCase() === 'epoch');
  const metrics = header.filter((h) => VAL_METRIC.test(h));
  if (epochCol < 0) return no('results.csv has no epoch column');
  const cols = columnsMissing(header);
  if (cols) return no(`results.csv is not the column set of a run: ${cols}`);
  const rows = lines.slice(1, 1 + MAX_ROWS).map((l) => l.split(',').map((c) => c.trim()));
  let prev: number | null = null;
  for (const r of rows) {
    if (r.length !== header.length || r.some((c) => c === '' || !Number.isFinite(Number(c)))) return no('results.csv has rows that are not one number per column');
    const e = Number(r[epochCol]);
    if (prev !== null && e !== prev + 1) return no('the epochs of results.csv do not count up one by one');
    prev = e;
  }
  if (rows.length < MIN_EPOCHS) return no(`results.csv records ${rows.length} epoch(s) (a run shows ${MIN_EPOCHS} or more)`, rows.length, metrics);
  if (Number.isFinite(planned) && planned > 0 && rows.length > planned) return no(`results.csv records more epochs (${rows.length}) than args.yaml asked for (${planned})`, rows.length, metrics);
  return { path, ok: true, why: `${rows.length} epochs of ${keys.get(kind === 'opt.yaml' ? 'weights' : 'model')} on ${keys.get('data')}`, epochs: rows.length, metrics };
}

/** Reads one candidate `results.csv` and the run record beside it (`args.yaml`, else YOLOv5's `opt.yaml`). */
export async function ultralyticsRunAt(ctx: ProbeContext, f: FileEntry): Promise<RunArtefact> {
  const csv = await ctx.read(f.path);
  if (!csv) return { path: f.path, ok: false, why: 'results.csv could not be read', epochs: 0, metrics: [] };
  for (const kind of ['args.yaml', 'opt.yaml'] as const) {
    const recordPath = `${dirOf(f.path)}${kind}`;
    if (!ctx.files.some((x) => x.path === recordPath)) continue;
    const rec = await ctx.read(recordPath);
    return judgeUltralyticsRun(f.path, csv.text, rec ? rec.text : null, kind);
  }
  return judgeUltralyticsRun(f.path, csv.text, null);
}
