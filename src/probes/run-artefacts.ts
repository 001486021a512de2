/**
 * Training runs committed as a framework's own artefacts, when the training code is not in the repo (it ran on Colab,
 * say) but the run's record is. LABELLING.md counts a stage when "code or artefacts for the stage exist at HEAD".
 *
 * Ultralytics (YOLOv5/v8/11) writes, for every training run, a folder with `args.yaml` (every setting of the run, about
 * a hundred `key: value` lines with `mode: train`, `model:`, `data:`, `epochs:`) and `results.csv` (one row per epoch:
 * the train losses, then precision, recall and mAP measured on the validation split). Both are checked so that a
 * hand-written table is not a run:
 * - `args.yaml` in the same folder, with `mode: train`, `model`, `data` and `epochs`, and at least MIN_ARGS keys;
 * - `results.csv` whose header has an `epoch` column, a train loss and a validation metric column, and at least
 *   MIN_EPOCHS rows whose epochs count up one by one, no more of them than the `epochs` the run was given, with
 *   numbers in every cell.
 * The weights (`weights/best.pt`) are often left out of Git (large binaries): they are not required.
 */
import type { FileEntry } from '../types.js';
import type { ProbeContext } from './types.js';

/** Ultralytics' args.yaml holds ~100 settings; a hand-written stub holds a handful. */
export const MIN_ARGS = 30;
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

const TRAIN_LOSS = /^train\/\w*loss$/i;
const VAL_METRIC = /^metrics\/(?:mAP50(?:-95)?|precision|recall|accuracy_top[15])(?:\([A-Z]\))?$/i;

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

/** Judges one `results.csv` against the run record beside it (no I/O: the two texts are given). */
export function judgeUltralyticsRun(path: string, csv: string, args: string | null): RunArtefact {
  const no = (why: string, epochs = 0, metrics: string[] = []): RunArtefact => ({ path, ok: false, why, epochs, metrics });
  if (args === null) return no('no args.yaml beside it (not a recorded training run)');
  const keys = flatYamlKeys(args);
  if (keys.size < MIN_ARGS) return no(`args.yaml holds ${keys.size} settings (a training run records ${MIN_ARGS} or more)`);
  if (keys.get('mode') !== 'train') return no('args.yaml is not a training run (mode is not train)');
  for (const k of ['model', 'data', 'epochs']) if (!keys.get(k)) return no(`args.yaml names no ${k}`);
  const planned = Number(keys.get('epochs'));

  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return no('results.csv is empty');
  const header = lines[0]!.split(',').map((h) => h.trim());
  const epochCol = header.findIndex((h) => h.toLowerCase() === 'epoch');
  const metrics = header.filter((h) => VAL_METRIC.test(h));
  if (epochCol < 0 || !header.some((h) => TRAIN_LOSS.test(h)) || !metrics.length) {
    return no('results.csv has no epoch, train-loss and validation-metric columns');
  }
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
  return { path, ok: true, why: `${rows.length} epochs of ${keys.get('model')} on ${keys.get('data')}`, epochs: rows.length, metrics };
}

/** Reads one candidate `results.csv` and the `args.yaml` beside it. */
export async function ultralyticsRunAt(ctx: ProbeContext, f: FileEntry): Promise<RunArtefact> {
  const csv = await ctx.read(f.path);
  if (!csv) return { path: f.path, ok: false, why: 'results.csv could not be read', epochs: 0, metrics: [] };
  const argsPath = `${dirOf(f.path)}args.yaml`;
  const has = ctx.files.some((x) => x.path === argsPath);
  const args = has ? await ctx.read(argsPath) : null;
  return judgeUltralyticsRun(f.path, csv.text, args ? args.text : null);
}
