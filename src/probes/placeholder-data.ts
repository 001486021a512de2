/**
 * Data folders that are empty placeholders. A generic segmentation or classification repo often commits
 * `dataset/image/.gitkeep` and `dataset/mask/.gitkeep` and tells the reader to bring their own images: its dataset
 * class and image reads work on whatever the folder will hold, and the project has no data of its own. This module
 * says when that is the case, from the file list alone (no file is read): some folder named for data holds only
 * placeholder files, and the repo tracks no data file anywhere.
 */
import type { FileEntry } from '../types.js';

/** Folder names that hold a project's data (compared in lower case). */
const DATA_FOLDER_NAMES = new Set([
  'data',
  'dataset',
  'datasets',
  'input',
  'inputs',
  'raw',
  'image',
  'images',
  'img',
  'imgs',
  'mask',
  'masks',
  'label',
  'labels',
  'annotation',
  'annotations',
  'audio',
  'wav',
  'train',
  'training',
  'val',
  'valid',
  'validation',
  'test',
  'samples',
  'corpus',
]);

/** Files that only keep an empty folder in git. */
const PLACEHOLDER_FILE = /(?:^|\/)(?:\.gitkeep|\.keep|\.gitignore|\.placeholder|\.empty|\.emptydir|placeholder(?:\.txt)?)$/i;

/** Extensions of data files: tables, arrays, archives, images, audio, video, volumes. */
const DATA_EXT =
  /\.(?:csv|tsv|psv|parquet|feather|arrow|orc|avro|jsonl|ndjson|xlsx?|ods|sav|dta|sas7bdat|npy|npz|h5|hdf5|mat|rds|rdata|pkl|pickle|zip|gz|bz2|xz|7z|tar|tfrecords?|lmdb|db|sqlite3?|jpe?g|png|bmp|gif|tiff?|webp|wav|flac|mp3|ogg|m4a|mp4|avi|mov|nii|dcm|mha|mhd|nrrd)$/i;
const IMAGE_EXT = /\.(?:jpe?g|png|bmp|gif|tiff?|webp|svg)$/i;
/** Folders of pictures for the README, not data. */
const DOC_FOLDER = /(?:^|\/)(?:assets?|docs?|documentation|figures?|figs?|screenshots?|static|media|\.github|resources|results?|reports?|outputs?)\//i;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A tracked file that holds data: a data extension, some bytes, and not a README picture. */
function isDataFile(f: FileEntry): boolean {
  // A file missing from a local work tree has size 0 but is not empty: GitHub shows it with its size.
  if ((f.size === 0 && !f.absent) || !DATA_EXT.test(f.path)) return false;
  if (IMAGE_EXT.test(f.path) && (!f.path.includes('/') || DOC_FOLDER.test(f.path))) return false;
  return true;
}

/**
 * The data folders that hold only placeholders, when the repo has such a folder and tracks no data file at all;
 * otherwise an empty list. At most `max` folders are returned (for the evidence).
 */
export function placeholderDataFolders(files: FileEntry[], max = 3): string[] {
  /** Per folder named for data: does it hold anything but placeholders (in it or below it)? */
  const state = new Map<string, boolean>();
  for (const f of files) {
    if (isDataFile(f)) return [];
    const placeholder = PLACEHOLDER_FILE.test(f.path) || (f.size === 0 && !f.absent);
    const parts = dirOf(f.path).split('/');
    let prefix = '';
    for (const part of parts) {
      if (!part) break;
      prefix = prefix ? `${prefix}/${part}` : part;
      if (!DATA_FOLDER_NAMES.has(part.toLowerCase())) continue;
      // A folder named for data that also holds anything else (`dataset/dataset.py`, a README on how to get the
      // data) is not an empty placeholder; its placeholder-only subfolders (`dataset/image/`) still are.
      state.set(prefix, (state.get(prefix) ?? false) || !placeholder);
    }
  }
  const empty: string[] = [];
  for (const [dir, hasContent] of state) {
    if (hasContent) continue;
    // A parent already listed covers its children.
    if (empty.some((d) => dir.startsWith(`${d}/`))) continue;
    empty.push(dir);
    if (empty.length >= max) break;
  }
  return empty;
}
