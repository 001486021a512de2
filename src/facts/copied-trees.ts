/**
 * Copied library trees: folders of a repo whose code files mostly carry another project's copyright header — a
 * library's source pasted in (a `PaddleOCR/` tree, YOLOv5's `models/` and `utils/`), not code the candidate wrote.
 * The stage rules leave them out with the other copied code (`skipCopied`): a pasted OCR toolkit's `tools/train.py`
 * and `eval.py` gave a Flask template with no training of its own all five stages (held-out-17, set 43).
 *
 * Decided per folder, never for the repo root: one licensed file the candidate adapted (a helper with a framework's
 * header among their own modules) stays theirs. Once a folder is copied, a loose file elsewhere with such a header
 * (YOLOv5's `export.py` at the root) is copied too. A header names an organisation ("Copyright (c) 2020 PaddlePaddle
 * Authors", "The HuggingFace Team", "Google LLC", "NVIDIA CORPORATION") or a project's banner ("YOLOv5 🚀 by
 * Ultralytics"); a person's own notice ("Copyright 2024 Jane Doe") is not someone else's code.
 */
import type { FileEntry, TextFile } from '../types.js';
import { languageOf } from './languages.js';

/** The first characters of a file a header sits in. */
const HEAD_CHARS = 800;
/** A folder is judged with at least this many code files (of HEADER_MIN_BYTES or more) under it. */
const COPIED_MIN_FILES = 4;
/** Code files smaller than this (an empty `__init__.py`, a two-line shim) carry no header and are not counted. */
const HEADER_MIN_BYTES = 200;
/** Files read per folder (spread over its sorted files) and in all. */
const PER_FOLDER_READS = 40;
const TOTAL_READS = 400;
/** Folders deeper than this are not judged on their own (a copied tree sits near the top). */
const MAX_DEPTH = 3;

/**
 * A notice naming an organisation, or a project banner. Linear: bounded gaps, one alternation after each.
 * `(c)`/`©`/`copyright`, up to 80 characters on the same line, then an organisation word.
 */
const THIRD_PARTY_HEADER =
  /(?:copyright|\(c\)|©)[^\n]{0,80}?\b(?:authors|team|inc\b|llc\b|ltd\b|limited\b|corporation|corp\b|gmbh\b|foundation\b|contributors\b)|\bby\s+ultralytics\b|\bultralytics\s+(?:yolo\w*\s+)?🚀/i;

/** Whether a file's opening carries another project's header. */
function hasThirdPartyHeader(text: string): boolean {
  return THIRD_PARTY_HEADER.test(text.slice(0, HEAD_CHARS));
}

/** The code files a folder's verdict reads (no notebooks: they carry no headers). */
function isHeaderCode(f: FileEntry): boolean {
  return f.size >= HEADER_MIN_BYTES && !/\.ipynb$/i.test(f.path) && languageOf(f.path) !== null;
}

/** Up to `n` indices spread evenly over [start, end). */
function spread(start: number, end: number, n: number): number[] {
  const len = end - start;
  const out: number[] = [];
  for (let i = 0; i < Math.min(n, len); i++) out.push(start + (len <= n ? i : Math.floor((i * len) / n)));
  return out;
}

/**
 * The copied code of `files` (already without vendored trees), as globs: each copied folder (`<folder>/**`, shallowest
 * first: a folder with COPIED_MIN_FILES code files or more carrying a third-party header, at least half of those read),
 * then, when there is one, every other code file that carries such a header (its path).
 */
export async function copiedTrees(files: readonly FileEntry[], read: (path: string) => Promise<TextFile | null>): Promise<string[]> {
  const code = files.filter(isHeaderCode).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Sorted by path, the files under a folder are one run of `code`: each folder is kept as its run, [start, end), not
  // as a list of its files (a 100,000-file repository would hold a list per folder level of every file).
  const runs = new Map<string, [number, number]>();
  code.forEach((f, i) => {
    let at = f.path.indexOf('/');
    for (let d = 1; at >= 0 && d <= MAX_DEPTH; d++) {
      const dir = f.path.slice(0, at);
      const run = runs.get(dir);
      if (run) run[1] = i + 1;
      else runs.set(dir, [i, i + 1]);
      at = f.path.indexOf('/', at + 1);
    }
  });
  const folders = [...runs.entries()]
    // A folder named with glob characters is not judged: its verdict is handed on as a glob (`<folder>/**`).
    .filter(([dir, [start, end]]) => end - start >= COPIED_MIN_FILES && !/[*?[\]{}()!+@\\]/.test(dir))
    .sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const copied: string[] = [];
  const header = new Map<string, boolean>();
  let reads = 0;
  /** Whether the file carries a third-party header (read once); undefined once TOTAL_READS files were read. */
  const headed = async (path: string): Promise<boolean | undefined> => {
    let h = header.get(path);
    if (h === undefined) {
      if (reads >= TOTAL_READS) return undefined;
      reads++;
      const file = await read(path);
      h = file ? hasThirdPartyHeader(file.text) : false;
      header.set(path, h);
    }
    return h;
  };
  for (const [dir, [start, end]] of folders) {
    if (copied.some((c) => dir.startsWith(`${c}/`))) continue;
    let hits = 0;
    let seen = 0;
    for (const i of spread(start, end, PER_FOLDER_READS)) {
      const h = await headed(code[i]!.path);
      if (h === undefined) continue;
      seen++;
      if (h) hits++;
    }
    if (hits >= COPIED_MIN_FILES && hits * 2 >= seen) copied.push(dir);
  }
  if (!copied.length) return [];
  // A repo that pastes a library also pastes its loose files (YOLOv5's `export.py` beside its `models/`): with a copied
  // folder found, a file elsewhere that carries such a header is copied too. Without one, a single licensed file the
  // candidate adapted stays theirs.
  const loose: string[] = [];
  for (const f of code) {
    if (copied.some((c) => f.path.startsWith(`${c}/`)) || /[*?[\]{}()!+@\\]/.test(f.path)) continue;
    const h = await headed(f.path);
    if (h === undefined) break;
    if (h) loose.push(f.path);
  }
  return [...copied.map((d) => `${d}/**`), ...loose];
}
