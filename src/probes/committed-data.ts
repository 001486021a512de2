/**
 * Committed data files, and whether a path literal in code names one (`open("ml-100k/u1.base")`,
 * `open("{}/ind.{}.{}".format(dpath, name, x))` over a committed `data/cora/`): the code reads data the repository
 * holds, whatever the file's extension.
 *
 * A data file here is a tracked file inside a folder (not at the root), that is not code, prose, configuration, a
 * saved model or a dotfile, not under a web app's or documentation's folder, in a folder whose such files hold at least
 * MIN_FOLDER_BYTES in all (a 40-byte `u.info` beside MovieLens counts; a lone stub does not).
 *
 * Named is not enough: the file must hold data (`holdsData`). A picture, a sound or a video named by a literal of its
 * own is one sample (an app's logo, a test image), not a dataset: a folder of them is named with a placeholder
 * (`open(f"data/img_{i}.png", "rb")`), and one that reads as text is no picture (`open(f"pics/logo{n}.png")`, `n = ""`, over
 * 1 KB of "x"). A text file must read like records or a corpus, not filler: 1.2 KB of "x"
 * committed as `data/blob.bin` and opened once bought the data stage (attack14, +7.8; an image +9.1), as did 60 lines
 * "row N of the table" (attack15, +7.8: in text of letters, lines that differ only in their numbers are one line). A file the
 * source cannot read as text because it is binary is judged by its first bytes (RepoSnapshot.head, `fillerBytes`): 1.2 KB
 * of "x" and one zero byte was data (attack15, +7.8). One the source gives no bytes of (a Git LFS pointer's object,
 * over 1 MB) is taken as data.
 */
import type { FileEntry, TextFile } from '../types.js';

const NOT_DATA_EXT =
  /\.(?:py|pyc|pyi|ipynb|r|rmd|qmd|jl|js|mjs|cjs|ts|tsx|jsx|java|scala|kt|c|cc|cpp|h|hpp|cs|go|rs|rb|php|sh|bash|bat|ps1|pl|m|swift|md|markdown|rst|adoc|html?|css|scss|tex|ya?ml|toml|ini|cfg|conf|env|lock|pt|pth|h5|hdf5|keras|onnx|ckpt|safetensors|pkl|pickle|joblib|sav|tflite|pb|gguf|weights|log|gitkeep|keep)$/i;
const NOT_DATA_NAME = /(?:^|\/)(?:readme|license|licence|copying|notice|authors|changelog|makefile|dockerfile|procfile|requirements[^/]*|setup\.\w+|manifest[^/]*|\.[^/]*)$/i;
const NOT_DATA_DIR = /(?:^|\/)(?:\.[^/]*|node_modules|site-packages|venv|static|templates|assets|docs?|config|configs|settings|models?|checkpoints?|weights|saved_models?|artifacts|src|lib)\//i;
const MIN_FOLDER_BYTES = 1024;
/** Files of a repository looked at (a monorepo of a million files keeps its first ones). */
const MAX_FILES = 50_000;
/** Candidate files a literal is compared with. */
const MAX_CANDIDATES = 20_000;

const cache = new WeakMap<FileEntry[], string[]>();
/** The data files by their last path segment (a literal whose last segment has no placeholder looks there only). */
const byName = new WeakMap<FileEntry[], Map<string, string[]>>();
/**
 * Literals with a placeholder in their last segment compared with every data file, per repository: past it such a
 * literal names nothing (a hostile file of 40,000 distinct `open("{}/g{}N")` lines over 5,000 data files would be
 * 200 million comparisons; an exact last segment is a map look-up).
 */
const MAX_WILDCARD_SCANS = 256;
const wildcardScans = new WeakMap<FileEntry[], number>();

function dataByName(files: FileEntry[]): Map<string, string[]> {
  let m = byName.get(files);
  if (m) return m;
  m = new Map();
  for (const p of committedDataPaths(files)) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const list = m.get(name);
    if (list) list.push(p);
    else m.set(name, [p]);
  }
  byName.set(files, m);
  return m;
}

/** The paths of the repository's committed data files (see the module comment), in the list's order. */
export function committedDataPaths(files: FileEntry[]): string[] {
  let out = cache.get(files);
  if (out) return out;
  const bytes = new Map<string, number>();
  const cands: FileEntry[] = [];
  for (const f of files.slice(0, MAX_FILES)) {
    const slash = f.path.lastIndexOf('/');
    if (slash <= 0 || NOT_DATA_EXT.test(f.path) || NOT_DATA_NAME.test(f.path) || NOT_DATA_DIR.test(f.path)) continue;
    const dir = f.path.slice(0, slash);
    bytes.set(dir, (bytes.get(dir) ?? 0) + Math.max(0, f.size));
    cands.push(f);
  }
  out = cands.filter((f) => (bytes.get(f.path.slice(0, f.path.lastIndexOf('/'))) ?? 0) >= MIN_FOLDER_BYTES).slice(0, MAX_CANDIDATES).map((f) => f.path);
  cache.set(files, out);
  return out;
}

/** `{…}` (str.format, f-strings), `%s` / `%d` / `%03d`: any text within one path segment. */
const PLACEHOLDER = /\{[^{}\n]{0,80}\}|%0?\d{0,3}[sd]/g;

/** Whether a segment matches a pattern given as its literal pieces around wildcards (`pieces.length - 1` wildcards). */
function segmentMatches(seg: string, pieces: string[]): boolean {
  if (pieces.length === 1) return seg === pieces[0];
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (seg.length < first.length + last.length || !seg.startsWith(first) || !seg.endsWith(last)) return false;
  let at = first.length;
  const end = seg.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const p = pieces[i]!;
    const found = seg.indexOf(p, at);
    if (found < 0 || found + p.length > end) return false;
    at = found + p.length;
  }
  return true;
}

/**
 * The committed data file a path literal names, or null. The literal is matched against the end of each data file's
 * path (the folder may come from a variable, or the script may sit in a subfolder), placeholders standing for any text
 * within a segment. A literal of placeholders only, or with fewer than three characters of its own, names nothing.
 */
export function namesCommittedData(literal: string, files: FileEntry[]): string | null {
  const lit = literal.replace(/\\/g, '/').replace(/^(?:\.{1,2}\/)+/, '');
  if (!lit || lit.length > 300 || lit.startsWith('/') || lit.includes('://')) return null;
  const segs = lit.split('/').filter((s) => s !== '' && s !== '.');
  if (!segs.length) return null;
  const pieces = segs.map((s) => s.split(PLACEHOLDER));
  const own = pieces.reduce((n, p) => n + p.join('').length, 0);
  if (own < 3 || !pieces[pieces.length - 1]!.join('')) return null;
  const last = pieces[pieces.length - 1]!;
  let paths: readonly string[];
  if (last.length === 1) paths = dataByName(files).get(last[0]!) ?? [];
  else {
    const scans = wildcardScans.get(files) ?? 0;
    if (scans >= MAX_WILDCARD_SCANS) return null;
    wildcardScans.set(files, scans + 1);
    paths = committedDataPaths(files);
  }
  for (const path of paths) {
    const ps = path.split('/');
    if (ps.length < segs.length) continue;
    let ok = true;
    for (let i = 1; i <= segs.length && ok; i++) ok = segmentMatches(ps[ps.length - i]!, pieces[pieces.length - i]!);
    if (ok) return path;
  }
  return null;
}

/**
 * The committed file a path literal names when it is large (at least `minBytes`), in any folder or at the root, and
 * not code, prose, configuration, a saved model or a dotfile (a corpus such as a 1 MB `input.txt` read whole to train a
 * language model), or null. The literal is matched against the end of each path, as above, without placeholders: a
 * literal holding one names nothing here.
 */
export function namesLargeCommittedFile(literal: string, files: FileEntry[], minBytes: number): string | null {
  const lit = literal.replace(/\\/g, '/').replace(/^(?:\.{1,2}\/)+/, '');
  if (!lit || lit.length > 300 || lit.startsWith('/') || lit.includes('://') || PLACEHOLDER_TEST.test(lit)) return null;
  const base = lit.slice(lit.lastIndexOf('/') + 1);
  if (base.length < 3) return null;
  for (const f of files.slice(0, MAX_FILES)) {
    if (f.size < minBytes || (f.path !== lit && !f.path.endsWith(`/${lit}`))) continue;
    if (NOT_DATA_EXT.test(f.path) || NOT_DATA_NAME.test(f.path) || NOT_DATA_DIR.test(f.path)) continue;
    return f.path;
  }
  return null;
}
const PLACEHOLDER_TEST = /\{[^{}\n]{0,80}\}|%0?\d{0,3}[sd]/;

/** Pictures, sounds and videos: a literal naming one of them names a sample, not a dataset. */
const MEDIA_EXT = /\.(?:png|jpe?g|gif|bmp|webp|tiff?|ico|svg|heic|wav|mp3|flac|ogg|m4a|aac|mp4|avi|mov|mkv|webm)$/i;
/** Text read to judge a file: its head. */
const MAX_SNIFF_CHARS = 64 * 1024;
/** A text file of data has at least this many distinct non-empty lines… */
const MIN_DISTINCT_LINES = 2;
/** …and this many distinct characters (digits, letters, separators; filler repeats one or two). */
const MIN_DISTINCT_CHARS = 8;

const held = new WeakMap<FileEntry[], Map<string, boolean>>();

/** Whether a text's head reads like data: records or a corpus, not one character or one line repeated. */
export function readsLikeData(text: string): boolean {
  const head = text.slice(0, MAX_SNIFF_CHARS);
  const chars = new Set<string>();
  for (let i = 0; i < head.length && chars.size < MIN_DISTINCT_CHARS; i++) if (head[i]!.trim()) chars.add(head[i]!);
  if (chars.size < MIN_DISTINCT_CHARS) return false;
  const lines = new Set<string>();
  // A head cut inside a line ends in a piece of it: one line repeated over 64 KB is not two lines (review15).
  const whole = text.length > head.length ? head.slice(0, Math.max(0, head.lastIndexOf('\n'))) : head;
  for (const l of whole.split('\n')) {
    const t = l.trim();
    if (t) lines.add(t);
    if (lines.size >= MIN_DISTINCT_LINES) return true;
  }
  return false;
}

/**
 * Whether the committed data file `path`, named by `literal`, holds data (see the module comment): not a picture,
 * sound or video named on its own, and when readable as text, text that reads like data. One read per file, cached.
 */
export async function holdsData(
  path: string,
  literal: string,
  files: FileEntry[],
  read: (p: string) => Promise<TextFile | null>,
  head?: (p: string) => Promise<Uint8Array | null>,
): Promise<boolean> {
  if (MEDIA_EXT.test(path) && literal.split(PLACEHOLDER).length === 1) return false;
  // A picture or a sound that reads as text is not one (a real PNG, JPEG or WAV holds zero bytes in its header): an
  // SVG is text by nature.
  // Text: lines that differ only in a counter are one line ("row 1 of the table" … "row 60": attack15, +7.8).
  // Binary (no text): its first bytes, read as Latin-1, judged as text is (attack15: 1.2 KB of "x" and one zero byte,
  // +7.8). A file the source gives no bytes of (over 1 MB, an LFS pointer's object) is taken as data.
  return fileVerdict(held, path, files, read, async (file) => {
    if (MEDIA_EXT.test(path) && !/\.svg$/i.test(path)) return file === null;
    if (file) return !fillerText(file.text);
    if (!head) return true;
    // Past MAX_HEAD_READS binary files judged in a repository, the rest are taken as data: on GitHub each is a request
    // (a hostile repository of 10,000 junk files, each opened by a literal, would spend the API budget).
    const n = headReads.get(files) ?? 0;
    if (n >= MAX_HEAD_READS) return true;
    headReads.set(files, n + 1);
    const bytes = await head(path);
    return bytes === null || !fillerBytes(bytes);
  });
}

/** Binary files whose first bytes are read per repository (`holdsData`). */
const MAX_HEAD_READS = 32;
const headReads = new WeakMap<FileEntry[], number>();

/** A binary file of data holds at least this many distinct byte values in its head… */
const MIN_DISTINCT_BYTES = 8;
/** …and at least this share of its 64-byte windows distinct (raw pixels are mostly zeros, not one block repeated). */
const MIN_BYTE_WINDOWS_SHARE = 0.25;

/**
 * Whether a binary file's first bytes are filler: fewer than eight distinct byte values (1.2 KB of "x" and one zero
 * byte: attack15, +7.8), or one short block repeated (under a quarter of its 64-byte windows distinct). Not lines, as
 * text is judged: MNIST's idx labels (a header, then bytes 0–9) hold no newline byte. Real binary data (NumPy, pickle,
 * HDF5, Parquet, raw pixels or floats, compressed archives) holds many byte values in varied runs. Random bytes are
 * no filler (attack18: open). Linear in the head.
 */
export function fillerBytes(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, MAX_SNIFF_CHARS);
  const values = new Set<number>();
  for (let i = 0; i < head.length && values.size < MIN_DISTINCT_BYTES; i++) values.add(head[i]!);
  if (values.size < MIN_DISTINCT_BYTES) return true;
  const text = new TextDecoder('latin1').decode(head);
  const windows = text.length - CORPUS_CHUNK + 1;
  if (windows <= 0) return false;
  const need = MIN_BYTE_WINDOWS_SHARE * windows;
  const seen = new Set<string>();
  for (let i = 0; i < windows && seen.size < need; i++) seen.add(text.slice(i, i + CORPUS_CHUNK));
  return seen.size < need;
}

/** A verdict on one committed file's text (null: not readable as text), read once per snapshot and path and cached. */
async function fileVerdict(
  cache: WeakMap<FileEntry[], Map<string, boolean>>,
  path: string,
  files: FileEntry[],
  read: (p: string) => Promise<TextFile | null>,
  verdict: (file: TextFile | null) => boolean | Promise<boolean>,
): Promise<boolean> {
  let m = cache.get(files);
  if (!m) cache.set(files, (m = new Map()));
  const known = m.get(path);
  if (known !== undefined) return known;
  const out = await verdict(await read(path));
  m.set(path, out);
  return out;
}

/** A corpus's head is read in windows of this many characters (one at each position)… */
const CORPUS_CHUNK = 64;
/** …of which at least this share must be distinct (text, not a line or a block repeated). */
const MIN_CORPUS_DISTINCT_SHARE = 0.5;
/** A corpus holds at least this many distinct words (split at spaces), or as many distinct characters (Chinese). */
const MIN_CORPUS_WORDS = 100;

const corpora = new WeakMap<FileEntry[], Map<string, boolean>>();

/** Text that is mostly letters with every run of digits as one mark (`row 1`, `row 2`: one line); numbers kept. */
function digitsAsOne(head: string): string {
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (/\p{L}/u.test(head[i]!)) letters++;
  }
  return letters > digits ? head.replace(/\d+/g, '#') : head;
}

/** Prose is judged by its word frequencies from this many words… */
const MIN_PROSE_WORDS = 1000;
/** …in lines of at least this many words on average (not a list of names, one a line, nor a table)… */
const MIN_PROSE_WORDS_PER_LINE = 3;
/** …most of them words of letters (a trailing punctuation mark kept), not numbers… */
const MIN_PROSE_LETTER_SHARE = 0.6;
/** …and its most frequent word at least this share of them. */
const MIN_TOP_WORD_SHARE = 0.01;

/**
 * Whether a text of words is too even to be language: in text, a few words are very frequent (Zipf's law: "the" is
 * 5–7 % of English, "de" 4 % of French or Spanish; the most frequent word of 541 texts of three words a line or more in
 * the tuning clones, prose and code, was 2.1 % of them or more), while words drawn at random from a vocabulary of 200
 * are 0.5 % each (attack16, +7.8). Only for 1,000 words or more, three a line on average, 60 % of them letters. Words
 * drawn with Zipf's weights are as uneven as language, but not in its order (`independentWords`).
 */
function evenWords(head: string): boolean {
  const words = head.split(/\s+/).filter((w) => w);
  if (words.length < MIN_PROSE_WORDS) return false;
  let lines = 0;
  for (const l of head.split('\n')) if (l.trim()) lines++;
  if (words.length < MIN_PROSE_WORDS_PER_LINE * lines) return false;
  const counts = new Map<string, number>();
  let letters = 0;
  let top = 0;
  for (const w of words) {
    if (!/^\p{L}+\p{P}*$/u.test(w)) continue;
    letters++;
    const k = w.toLowerCase();
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > top) top = n;
  }
  if (letters < MIN_PROSE_LETTER_SHARE * words.length) return false;
  return top < MIN_TOP_WORD_SHARE * words.length || independentWords(words);
}

/** Word order is judged from this many words of letters… */
const MIN_ORDER_WORDS = 5000;
/** …whose distinct pairs of neighbours are at most this share of those of the same words shuffled. */
const MAX_ORDER_PAIR_RATIO = 0.96;

/**
 * Whether words follow each other as if drawn independently: in language the next word depends on the last ("of the",
 * "in the" recur), so a text has far fewer distinct pairs of neighbours than its own words shuffled — 0.80 of them at
 * the median of the long texts (5,000 words or more) in the tuning clones, 0.92 at most (a changelog; a novel 0.88) —
 * while words drawn one by one, even with Zipf's weights (attack18: rank r with weight 1/r from 200 made-up words,
 * +7.8), have as many as shuffled (0.99). Only from 5,000 words of letters (a corpus read as one is 100 KB or more).
 * The shuffle is a fixed one: the verdict repeats. Linear in the words.
 */
function independentWords(words: readonly string[]): boolean {
  const seq: string[] = [];
  for (const w of words) if (/^\p{L}+\p{P}*$/u.test(w)) seq.push(w.toLowerCase());
  if (seq.length < MIN_ORDER_WORDS) return false;
  const pairs = (xs: readonly string[]): number => {
    const seen = new Set<string>();
    for (let i = 1; i < xs.length; i++) seen.add(`${xs[i - 1]!} ${xs[i]!}`);
    return seen.size;
  };
  const inOrder = pairs(seq);
  const shuffled = seq.slice();
  let r = 7;
  for (let i = shuffled.length - 1; i > 0; i--) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    const j = Math.floor(((r >>> 8) / 2 ** 24) * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return inOrder > MAX_ORDER_PAIR_RATIO * pairs(shuffled);
}

/**
 * Whether a text's head reads like a corpus to train a language model on: most of its 64-character windows distinct
 * (one line repeated 2,700 times is 100 KB of one line: review15, +7.8), and at least 100 distinct words. In text
 * that is mostly letters, every run of digits is one mark first, so that "row 1 of the table" … "row 2700" is one
 * line repeated, not 2,700 lines; a table of numbers keeps its digits. Prose whose words are all about as frequent is
 * words drawn at random (`evenWords`). Linear in the head.
 */
export function readsLikeCorpus(text: string): boolean {
  const head = digitsAsOne(text.slice(0, MAX_SNIFF_CHARS));
  // Every 64-character window, not pieces cut every 64 characters: a block repeated whose length is no multiple of 64
  // (771 characters) starts each copy at another offset, and its cut pieces were all distinct (review16, +7.8).
  const windows = head.length - CORPUS_CHUNK + 1;
  if (windows > 0) {
    const need = MIN_CORPUS_DISTINCT_SHARE * windows;
    const seen = new Set<string>();
    for (let i = 0; i < windows && seen.size < need; i++) seen.add(head.slice(i, i + CORPUS_CHUNK));
    if (seen.size < need) return false;
  }
  if (evenWords(head)) return false;
  const words = new Set<string>();
  for (const w of head.split(/\s+/)) {
    if (w) words.add(w);
    if (words.size >= MIN_CORPUS_WORDS) return true;
  }
  const chars = new Set<string>();
  for (const ch of head) {
    chars.add(ch);
    if (chars.size >= MIN_CORPUS_WORDS) return true;
  }
  return false;
}

/**
 * Whether the large committed file `path` (`namesLargeCommittedFile`) holds a corpus: when readable as text, text
 * that reads like one (`readsLikeCorpus`); a file the source cannot read as text (over the size cap, binary) is taken
 * as one. One read per file, cached.
 */
export async function holdsCorpus(path: string, files: FileEntry[], read: (p: string) => Promise<TextFile | null>): Promise<boolean> {
  return fileVerdict(corpora, path, files, read, (file) => file === null || readsLikeCorpus(file.text));
}

const fillers = new WeakMap<FileEntry[], Map<string, boolean>>();

/**
 * Whether the committed file `path` reads as text but not like data (`readsLikeData`, also with runs of digits as one
 * mark in text of letters). One read per file, cached.
 */
export async function isFiller(path: string, files: FileEntry[], read: (p: string) => Promise<TextFile | null>): Promise<boolean> {
  return fileVerdict(fillers, path, files, read, (file) => file !== null && fillerText(file.text));
}

/**
 * Whether a text does not read like data (`readsLikeData`), also with runs of digits as one mark in text of letters:
 * lines that differ only in a counter are one line ("row 1 of the corpus" … "row 5000": attack16).
 */
function fillerText(text: string): boolean {
  const cut = text.length > MAX_SNIFF_CHARS ? text.lastIndexOf('\n', MAX_SNIFF_CHARS) : -1;
  const whole = cut > 0 ? text.slice(0, cut + 1) : text.slice(0, MAX_SNIFF_CHARS);
  return !readsLikeData(text) || !readsLikeData(digitsAsOne(whole));
}
