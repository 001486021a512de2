/**
 * A committed table of repeated rows: a CSV whose rows are nearly all copies of a few (1,000 lines, 10 distinct) is
 * a stand-in for data, not a dataset (it is how a README can claim 100 % accuracy). Only tables of records count:
 * a label column (`y.csv` of 0/1), a log of small numbers, or categorical answers (rows that are combinations of a
 * few values per column) repeat by nature. Bounded: only files of at most
 * MAX_BYTES are read, and at most MAX_ROWS rows of each are counted.
 */
import type { FileEntry } from '../types.js';
import type { ProbeContext } from './types.js';

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 20_000;
/** Fewer rows than this say nothing about repetition. */
const MIN_ROWS = 20;
/** Average length of the distinct rows of a table of records (a label column or a log of small numbers is shorter). */
const MIN_ROW_CHARS = 16;
/** At most this share of the rows distinct: repeated rows. */
const MAX_DISTINCT_SHARE = 0.1;

/** This many of the most common rows… */
const TOP = 10;
/** …holding at least this share of the rows: copies of a few rows. */
const TOP_SHARE = 0.8;
/** A row repeated this many times is a heavy copy: an honest table repeats a record a few times (a Kaggle table of 1,025 rows holds 302 distinct, ~3 each). */
const HEAVY = 10;
/**
 * Heavy copies holding more than this share of the rows: copies, however many distinct rows are appended to lift the
 * other shares (attack14: 300 distinct rows after 1,000 copies of 10, +7.8). Half, not less: a binary table balanced
 * by oversampling copies its minority class up to exactly half the rows.
 */
const HEAVY_SHARE = 0.5;

/**
 * Whether distinct rows are combinations of a few values per column (a survey of categorical answers: `Male,18-25,Yes,
 * High`), whose rows repeat by nature: no column nearly tells the rows apart (each column holds fewer values than half
 * the distinct rows). Copies of a few records have a column that does: a message, a measurement, an id (attack14: a
 * 3,000-answer survey of 162 distinct rows lost its data stage, −7.8).
 */
function categorical(kinds: readonly string[]): boolean {
  if (kinds.length < 4) return false;
  const sep = [',', ';', '\t', '|'].find((d) => kinds[0]!.includes(d));
  if (!sep) return false;
  const values: Array<Set<string>> = [];
  for (const r of kinds) {
    r.split(sep).forEach((v, i) => {
      if (i >= 200) return;
      (values[i] ??= new Set()).add(v.trim());
    });
  }
  return values.every((v) => v.size * 2 < kinds.length);
}

export interface RepeatedRows {
  path: string;
  rows: number;
  distinct: number;
}

const cache = new WeakMap<FileEntry[], Map<string, RepeatedRows | null>>();

/**
 * The tracked file a path literal names, or null: the longest end of the literal that ends a tracked path (an absolute
 * path on the author's disk, `D:\\ML\\spam.csv`, names the committed `spam.csv`). With `suffix`, the tracked file
 * named by the literal plus it (`.dvc`: the DVC pointer of `data/data.csv`).
 */
function trackedFile(literal: string, files: FileEntry[], suffix = ''): FileEntry | null {
  if (literal.includes('://') || literal.includes('{')) return null;
  const segs = literal.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  for (let i = 0; i < segs.length; i++) {
    const end = `${segs.slice(i).join('/')}${suffix}`;
    const f = files.find((x) => x.path === end || x.path.endsWith(`/${end}`));
    if (f) return f;
  }
  return null;
}

/** The repetition of the committed table a path literal names, when its rows are nearly all repeats; else null. */
export async function repeatedRows(ctx: ProbeContext, literal: string): Promise<RepeatedRows | null> {
  const f = trackedFile(literal, ctx.files);
  if (!f || f.size > MAX_BYTES) return null;
  let byPath = cache.get(ctx.files);
  if (!byPath) cache.set(ctx.files, (byPath = new Map()));
  if (byPath.has(f.path)) return byPath.get(f.path)!;
  const file = await ctx.read(f.path);
  let out: RepeatedRows | null = null;
  if (file) {
    const lines = file.text.split('\n', MAX_ROWS + 1).slice(1);
    const rows = lines.map((l) => l.trim()).filter((l) => l !== '');
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r, (counts.get(r) ?? 0) + 1);
    const kinds = [...counts.keys()];
    const distinct = kinds.length;
    // Rows of records (two fields or more, text-long on average), not a label column or a log of small numbers,
    // which repeat by nature (`y.csv` of 0/1, an RL run's `2,4` scores).
    const records = kinds.every((r) => /[,;\t|]/.test(r)) && kinds.reduce((n, r) => n + r.length, 0) >= MIN_ROW_CHARS * distinct;
    // Copies of a few rows: at most 10 % of the rows distinct, or nearly all the rows (TOP_SHARE) copies of the TOP
    // most common ones (a few distinct rows appended to 1,000 copies of 10 do not make it data: attack14, +7.8).
    // Or more than half the rows copies of rows each repeated HEAVY (10) times or more (300 distinct rows appended to
    // 1,000 copies of 10: attack15).
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, TOP).reduce((n, c) => n + c, 0);
    let heavy = 0;
    for (const c of sorted) {
      if (c < HEAVY) break;
      heavy += c;
    }
    const copies = distinct <= rows.length * MAX_DISTINCT_SHARE || top >= rows.length * TOP_SHARE || heavy > rows.length * HEAVY_SHARE;
    if (records && rows.length >= MIN_ROWS && copies && !categorical(kinds)) out = { path: f.path, rows: rows.length, distinct };
  }
  byPath.set(f.path, out);
  return out;
}

/** The string literal a call's first argument is (`read_csv(r"spam.csv")` gives `spam.csv`), or null. */
export function literalArgument(line: string, at: number, match: string): string | null {
  const open = match.lastIndexOf('(');
  if (open < 0) return null;
  const m = /^\s*[rRbBuU]{0,2}(['"])([^'"\n]{1,200})\1/.exec(line.slice(at + open + 1, at + open + 1 + 220));
  return m ? m[2]! : null;
}

/** The most of a DVC pointer file read (a pointer is a few lines of YAML). */
const MAX_POINTER_BYTES = 16 * 1024;

export interface DvcOutput {
  /** The pointer file (`data/data.csv.dvc`). */
  pointer: string;
  /** The bytes its outputs hold, by its `size:` lines. */
  bytes: number;
}

/**
 * What a DVC pointer file says its outputs hold: the sum of its `size:` lines, or null when it is not a pointer of
 * files (no size, a folder output with `nfiles:`, too large to be a pointer). DVC keeps the data out of git; the
 * pointer's size is what the repo tells of it (set 58: a `data.csv.dvc` of 116 bytes, a handful of typed-in rows).
 */
export async function dvcPointerSize(ctx: ProbeContext, f: FileEntry): Promise<DvcOutput | null> {
  if (f.size > MAX_POINTER_BYTES) return null;
  const file = await ctx.read(f.path);
  if (!file) return null;
  if (/^[ \t]*(?:-[ \t]*)?nfiles[ \t]*:/m.test(file.text)) return null;
  let bytes = 0;
  let found = false;
  for (const m of file.text.matchAll(/^[ \t]*(?:-[ \t]*)?size[ \t]*:[ \t]*(\d{1,15})[ \t]*$/gm)) {
    bytes += Number(m[1]);
    found = true;
  }
  return found ? { pointer: f.path, bytes } : null;
}

/** The DVC output a path literal names (`data/data.csv` beside a tracked `data/data.csv.dvc`), by its pointer; else null. */
export async function dvcOutputNamed(ctx: ProbeContext, literal: string): Promise<DvcOutput | null> {
  const f = trackedFile(literal, ctx.files, '.dvc');
  return f ? dvcPointerSize(ctx, f) : null;
}

/** A DVC-tracked file that holds data in another shape than a table: an archive, an array, a data store. */
const DVC_DATA_STORE = /\.(?:zip|gz|tgz|tar|bz2|xz|7z|rar|npy|npz|tfrecords?|arff|mat|db|sqlite3?|duckdb|avro|orc|hdf5?|h5|lmdb|wav|flac|mp3|jpe?g|png|tiff?)$/i;

/**
 * The largest data table (or archive, array, data store: `DVC_DATA_STORE`) a DVC pipeline's lock file (`dvc.lock`
 * beside `dvc.yaml`) records among its stages' files (`- path: data/data.csv` then `size: 116`), or null when the lock is missing, records no table, or records a folder
 * (`nfiles:`, whose size is the folder's). The pipeline's data is no bigger than that.
 */
export async function dvcLockLargestTable(ctx: ProbeContext, pipeline: string): Promise<DvcOutput | null> {
  const lock = `${pipeline.slice(0, pipeline.lastIndexOf('/') + 1)}dvc.lock`;
  const f = ctx.files.find((x) => x.path === lock);
  if (!f || f.size > MAX_POINTER_BYTES * 4) return null;
  const file = await ctx.read(f.path);
  if (!file) return null;
  let largest = -1;
  let current: string | null = null;
  for (const line of file.text.split('\n')) {
    const p = /^\s*-\s*path\s*:\s*['"]?([^'"\s]{1,300})/.exec(line);
    if (p) {
      current = p[1]!;
      continue;
    }
    if (/^[ \t]*nfiles[ \t]*:/.test(line) && current) return null;
    const s = /^[ \t]*size[ \t]*:[ \t]*(\d{1,15})[ \t]*$/.exec(line);
    if (!s || !current) continue;
    // An archive, array or data store (`data/raw/images.zip`, 700 MB) is data in another shape than a table: it is
    // measured with the tables, so a pipeline over it is not judged by a 320-byte scores CSV (attack21). A
    // requirements file is no table.
    const table = /\.(?:csv|tsv|parquet|jsonl|ndjson|xlsx?|feather|arrow|txt)$/i.test(current) && !/(?:^|\/)requirements[^/]*\.txt$/i.test(current);
    if (table || DVC_DATA_STORE.test(current)) largest = Math.max(largest, Number(s[1]));
  }
  return largest >= 0 ? { pointer: f.path, bytes: largest } : null;
}
