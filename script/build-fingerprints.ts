/**
 * Builds rules/fingerprints.json: fingerprints of widely copied course and template repositories, so an audit can
 * tell that a candidate's repo is one of them — as ids and hashes only, never content (nothing of those repositories
 * is stored here but blob ids, paths and 32-bit hashes).
 *
 *   npx tsx script/build-fingerprints.ts [--out rules/fingerprints.json] [--cap 400] [--origin owner/name='what it copies'] [--skip owner/name=folder] [--only owner/name=glob] [--fenced owner/name] [--tab owner/name=framework[,framework…]] [--export owner/name='what the export is'] [--all-fingerprints owner/name[=glob]] [--budget owner/name=n] [--scaffold owner/name=glob] owner/name=/path/to/bare.git ...
 *   npx tsx script/build-fingerprints.ts --add-to rules/fingerprints.json --scaffold owner/name=glob ...   (scaffold globs of sources it holds)
 *   npx tsx script/build-fingerprints.ts --add-to rules/fingerprints.json [options] owner/name=/path/to/bare.git ...
 *   npx tsx script/build-fingerprints.ts --examples      (rules/fingerprints-examples.json from script/fingerprint-examples/)
 *
 * Each argument names a source repository and a git directory holding it (bare or not); its HEAD commit is read with
 * `git ls-tree -r -l` and `git cat-file --batch`. Two kinds of fingerprints:
 *
 * - `blobs`: git blob ids of its distinctive files (a byte-identical copy). Skipped: files under 200 bytes, empty
 *   files, font files (`arial.ttf` and the like are copied into unrelated repos), LICENSE/COPYING,
 *   .gitignore/.gitattributes, `__init__.py`, requirements/environment/setup manifests, lock files, and files of
 *   more than 5 MB (data, weights). At most `--cap` files per repository (default 400), code and
 *   notebooks first, then by size (largest first), then path. Blobs shared by several sources list every one.
 * - `content`: for the code files among those (Python scripts and notebooks' code cells, R, Julia), winnowed k-gram
 *   hashes of the normalised tokens (src/probes/code-tokens.ts, src/probes/winnow.ts — the probe's own code), at most
 *   CONTENT.maxPerFile per file and CONTENT.maxPerSource per source (files in the order above; a file that no longer
 *   fits is left out). They recognise a retype: the same code renamed, reformatted, uncommented, moved. A source
 *   given `--fenced` (a course that teaches its code in its pages) also has the Python of its Markdown pages' fenced
 *   code blocks fingerprinted, one page as one code file; `--tab owner/name=framework[,framework…]` keeps, of a book written for
 *   several frameworks in `%%tab` blocks (d2l), the blocks of that framework and those common to all.
 *
 * A repository too large to snapshot can be given as a **partial export**: a local git repository holding the
 * source's files as far as they could be read (one commit whose message records the source repository and, per path,
 * the commit each file came from), named with `--export owner/name='partial export of … at …, N files'`. Its bytes are
 * not the source's, so it gives content fingerprints only (no blob ids), and the description is recorded as the
 * source's `export`. `--all-fingerprints owner/name[=glob]` keeps every winnowed fingerprint of its code files (those
 * the glob names; without one, all), not the smallest CONTENT.maxPerFile: a tutorial published as one long script or
 * notebook is copied split into several files, each of which keeps its own smallest fingerprints, and a capped source
 * holds few of them (a copy split in three matches about a third). `--budget owner/name=n` sets the source's
 * fingerprints (default CONTENT.maxPerSource). Both are recorded (`allFingerprints` as globs, `maxPerSource`).
 * `--scaffold owner/name=glob` records the files of a project template that its users keep for projects of their own
 * (`scaffold`: its folder generator, helpers, configuration manager, stage runners); the probe names them when matched
 * but does not let them alone cap (src/probes/fingerprints.ts). Given to `--add-to` with no sources, it sets the
 * globs of sources the catalogue already holds.
 *
 * `--add-to <catalogue>` builds the sources given and adds them to a catalogue already built (written back to it, or
 * to `--out`), without the snapshots of the sources it holds: the result is what one build over all of them writes
 * (addToFingerprints; a repository already in it is refused — rebuild it with the others).
 *
 * Deterministic for the same commits (test/probes/fingerprints-build.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { decodeFile } from '../src/sources/decode.js';
import { TOKENISER_VERSION, tokenLanguageOf } from '../src/probes/code-tokens.js';
import type { ContentCatalogue } from '../src/probes/retype-match.js';
import { encodeFingerprints, fileFingerprints } from '../src/probes/winnow.js';

export interface FingerprintSource {
  repo: string;
  commit: string;
  /**
   * What the snapshot is a copy of, when the template's author publishes it where no snapshot can be had (another
   * forge) and a faithful public copy of it is fingerprinted instead: named in the finding beside `repo`.
   */
  origin?: string;
  /**
   * Folders of the snapshot left out: what the copy added that is not the template's (a public dataset it trains on),
   * so a repo that only shares that data is not called a copy of the template.
   */
  skip?: string[];
  /**
   * Globs of the files kept, when only part of a large repository is the widely copied tutorial (Unsloth's notebooks
   * repo holds hundreds of notebooks; its GRPO notebooks are the ones copied): files matching none are left out.
   */
  only?: string[];
  /**
   * The course teaches its code in its pages, not in code files: the Python of the fenced code blocks of its Markdown
   * pages (`.md`, `.mdx`) is fingerprinted too, one page's blocks as one code file (a candidate's notebook that follows
   * the page holds the same code).
   */
  fenced?: boolean;
  /**
   * The pages are written for several frameworks, one block per framework marked `%%tab <names>` (Dive into Deep
   * Learning): only the blocks of this one (and `%%tab all` and unmarked blocks) are read.
   */
  tab?: string;
  /**
   * The git directory is a partial export of the repository, not a snapshot of it (the repository is too large to
   * snapshot): how it was made, the commits its files came from and how many. No blob ids are recorded for it.
   */
  export?: string;
  /** Globs of the code files whose every winnowed fingerprint is kept, not the smallest CONTENT.maxPerFile. */
  allFingerprints?: string[];
  /** Fingerprints kept for this source at most, when not CONTENT.maxPerSource. */
  maxPerSource?: number;
  /**
   * Globs of the source's scaffold: the files a project template's users keep for projects of their own (the script
   * that generates the folders, the YAML and directory helpers, the configuration manager, the stage runners). Still
   * fingerprinted and named when matched, but a retype of them alone is no copy of the template's project: the
   * `fingerprints` probe leaves them out of what caps.
   */
  scaffold?: string[];
  /** Files of the repository recorded (after the filters and the cap) and files in its tree. */
  files: number;
  treeFiles: number;
  /** Code files with content fingerprints, and how many fingerprints they have together. */
  codeFiles: number;
  fingerprints: number;
}

export interface Fingerprints {
  version: 2;
  description: string;
  sources: FingerprintSource[];
  /** blob id → [index into sources, path] pairs. */
  blobs: Record<string, Array<[number, string]>>;
  content: ContentCatalogue;
}

export interface TreeEntry {
  oid: string;
  size: number;
  path: string;
}

/** The per-source options, as FingerprintSource records them (origin, skip, only, fenced, tab, export, …). */
export type TreeOptions = Partial<Pick<FingerprintSource, 'origin' | 'skip' | 'only' | 'fenced' | 'tab' | 'export' | 'allFingerprints' | 'maxPerSource' | 'scaffold'>>;

/** A source repository's files at one commit (entries already without the skipped or not-kept files), and a way to read the bytes of some of them. */
export interface SourceTree extends TreeOptions {
  repo: string;
  commit: string;
  entries: TreeEntry[];
  read(entries: TreeEntry[]): Map<string, Uint8Array>;
}

/** Files kept per source at most, unless `--cap` says otherwise (a catalogue does not record it). */
const DEFAULT_CAP = 400;

/** The content fingerprint parameters (recorded in the catalogue; the probe uses the catalogue's). */
export const CONTENT: ContentParams = { k: 24, window: 8, maxPerFile: 32, maxPerSource: 3000 };

const MIN_BYTES = 200;
const MAX_BYTES = 5 * 1024 * 1024;
const COMMON =
  /(?:^|\/)(?:LICEN[CS]E[^/]*|COPYING[^/]*|\.gitignore|\.gitattributes|\.gitkeep|__init__\.py|requirements[^/]*\.txt|environment[^/]*\.ya?ml|setup\.(?:py|cfg)|pyproject\.toml|Pipfile(?:\.lock)?|poetry\.lock|package(?:-lock)?\.json|\.DS_Store|Thumbs\.db|CODE_OF_CONDUCT\.md|CONTRIBUTING\.md|\.pre-commit-config\.yaml|Makefile|Dockerfile|[^/]*\.(?:ttf|otf|woff2?|eot))$/i;
const CODE = /\.(?:py|ipynb|R|Rmd|jl|m|sql|sh)$/i;
const DOC_PAGE = /\.mdx?$/i;

const TAB_IF = /^(\s*)if\s+(tab\.selected\([^)]*\)(?:\s+or\s+tab\.selected\([^)]*\))*)\s*:\s*$/;

/**
 * One framework's code of a block written for several (d2l's `%%tab all` blocks): the body of an
 * `if tab.selected('pytorch', …):` (or several joined by `or`) that names `tab` is kept, dedented, and its `else:` dropped; the body of one that
 * does not is dropped, and its `else:` kept — as the book's build makes each framework's notebook.
 */
export function selectTab(lines: string[], tab: string): string[] {
  const out: string[] = [];
  const frames: Array<{ indent: number; keep: boolean }> = [];
  for (const line of lines) {
    if (!line.trim()) {
      if (frames.every((f) => f.keep)) out.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    let closed: { indent: number; keep: boolean } | undefined;
    while (frames.length && indent <= frames[frames.length - 1]!.indent) closed = frames.pop();
    if (closed && closed.indent === indent && /^else\s*:$/.test(line.trim())) {
      frames.push({ indent, keep: !closed.keep });
      continue;
    }
    const m = TAB_IF.exec(line);
    if (m) {
      const names = [...m[2]!.matchAll(/['"]([\w-]+)['"]/g)].map((x) => x[1]!.toLowerCase());
      frames.push({ indent, keep: names.includes(tab) });
      continue;
    }
    if (frames.every((f) => f.keep)) out.push(line.slice(Math.min(indent, 4 * frames.length)));
  }
  return out;
}

/**
 * The Python of a Markdown page's fenced code blocks (```py, ```python, or a class list ```{.python .input}), joined by
 * newlines: the code a course page teaches. Read line by line; a block left open runs to the end of the page. With
 * `tab`, a block whose first line is `%%tab <names>` is kept only when the names include `tab` or `all`, without
 * that line, and with only that framework's branches (selectTab).
 */
export function fencedPython(text: string, tab?: string): string {
  const out: string[] = [];
  let block: string[] | null = null;
  let fence = '';
  const flush = (lines: string[] | null): void => {
    if (!lines) return;
    const first = lines.findIndex((l) => l.trim() !== '');
    const marker = tab && first >= 0 ? /^%%tab\s+(\S.*)$/.exec(lines[first]!.trim()) : null;
    if (!tab) {
      out.push(...lines);
      return;
    }
    if (!marker) {
      out.push(...selectTab(lines, tab));
      return;
    }
    const names = marker[1]!.split(',').map((x) => x.trim().toLowerCase());
    if (names.includes(tab) || names.includes('all')) out.push(...selectTab([...lines.slice(0, first), ...lines.slice(first + 1)], tab));
  };
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!fence) {
      if (t.startsWith('```') || t.startsWith('~~~')) {
        const mark = t.slice(0, 3);
        let n = 0;
        while (n < t.length && t[n] === mark[0]) n++;
        fence = t.slice(0, n);
        const rest = t.slice(n).trim().toLowerCase();
        const info = rest.startsWith('{') ? (rest.slice(1).trim().split(/[\s}]/)[0] ?? '').replace(/^\./, '') : (rest.split(/[\s{]/)[0] ?? '');
        block = info === 'py' || info === 'python' || info === 'python3' ? [] : null;
      }
    } else if (t.startsWith(fence) && !t.slice(fence.length).trim()) {
      flush(block);
      fence = '';
      block = null;
    } else if (block) block.push(line);
  }
  flush(block);
  return out.join('\n');
}

/** The HEAD tree of a git directory (bare or not). */
export function gitTree(repo: string, gitDir: string, opts: TreeOptions = {}): SourceTree {
  const { origin, fenced, tab: framework, export: exported, maxPerSource } = opts;
  const scaffold = opts.scaffold?.length ? opts.scaffold : undefined;
  const allFingerprints = opts.allFingerprints?.length ? opts.allFingerprints : undefined;
  const skip = opts.skip?.length ? opts.skip : undefined;
  const only = opts.only?.length ? opts.only : undefined;
  const kept = only ? picomatch(only, { dot: true }) : undefined;
  const skipped = (path: string): boolean => !!skip?.some((d) => path.startsWith(d.endsWith('/') ? d : `${d}/`)) || (!!kept && !kept(path));
  const git = (args: string[], input?: string): Buffer =>
    execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1024 * 1024 * 1024, ...(input === undefined ? {} : { input }) });
  const commit = git(['rev-parse', 'HEAD^{commit}']).toString('utf8').trim();
  const entries: TreeEntry[] = [];
  for (const rec of git(['ls-tree', '-r', '-l', '-z', commit]).toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
    const path = rec.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !oid || skipped(path)) continue;
    entries.push({ oid, size: Number(size), path });
  }
  return {
    repo,
    commit,
    ...(origin ? { origin } : {}),
    ...(skip ? { skip } : {}),
    ...(only ? { only } : {}),
    ...(fenced ? { fenced } : {}),
    ...(framework ? { tab: framework } : {}),
    ...(exported ? { export: exported } : {}),
    ...(allFingerprints ? { allFingerprints } : {}),
    ...(maxPerSource ? { maxPerSource } : {}),
    ...(scaffold ? { scaffold } : {}),
    entries,
    read(wanted) {
      const out = new Map<string, Uint8Array>();
      if (!wanted.length) return out;
      const buf = git(['cat-file', '--batch'], wanted.map((e) => e.oid).join('\n') + '\n');
      let at = 0;
      for (const e of wanted) {
        const nl = buf.indexOf(10, at);
        const [oid, type, size] = buf.subarray(at, nl).toString('utf8').split(' ');
        const n = Number(size);
        if (oid !== e.oid || type !== 'blob' || !Number.isFinite(n)) throw new Error(`${repo}: git cat-file gave "${oid} ${type}" for ${e.oid}`);
        out.set(e.path, buf.subarray(nl + 1, nl + 1 + n));
        at = nl + 1 + n + 1;
      }
      return out;
    },
  };
}

/** A source held as files on disk that are not a git repository (the made-up sources of the rule examples). */
export function directoryTree(repo: string, dir: string, opts: Pick<TreeOptions, 'scaffold'> = {}): SourceTree {
  const entries: TreeEntry[] = [];
  const bytes = new Map<string, Uint8Array>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const b = readFileSync(full);
        const path = relative(dir, full).split('\\').join('/');
        bytes.set(path, b);
        entries.push({ path, size: b.byteLength, oid: createHash('sha1').update(`blob ${b.byteLength}\0`).update(b).digest('hex') });
      }
    }
  };
  walk(dir);
  return { repo, commit: '0'.repeat(40), ...(opts.scaffold?.length ? { scaffold: opts.scaffold } : {}), entries, read: (wanted) => new Map(wanted.map((e) => [e.path, bytes.get(e.path)!])) };
}

type Counts = Pick<FingerprintSource, 'files' | 'treeFiles' | 'codeFiles' | 'fingerprints'>;

/** A source's catalogue entry: its repo and commit, the options it was built with (those set), then its counts. */
function sourceEntry(tree: Pick<FingerprintSource, 'repo' | 'commit'> & TreeOptions, counts: Counts): FingerprintSource {
  return {
    repo: tree.repo,
    commit: tree.commit,
    ...(tree.origin ? { origin: tree.origin } : {}),
    ...(tree.skip ? { skip: tree.skip } : {}),
    ...(tree.only ? { only: tree.only } : {}),
    ...(tree.fenced ? { fenced: true } : {}),
    ...(tree.tab ? { tab: tree.tab } : {}),
    ...(tree.export ? { export: tree.export } : {}),
    ...(tree.allFingerprints ? { allFingerprints: tree.allFingerprints } : {}),
    ...(tree.maxPerSource ? { maxPerSource: tree.maxPerSource } : {}),
    ...(tree.scaffold?.length ? { scaffold: tree.scaffold } : {}),
    files: counts.files,
    treeFiles: counts.treeFiles,
    codeFiles: counts.codeFiles,
    fingerprints: counts.fingerprints,
  };
}

/**
 * Sets the scaffold globs of sources already in the catalogue (`--add-to` with `--scaffold` and no sources): their
 * fingerprints are unchanged, so the result is what a build of them with those `--scaffold` options writes. Every
 * source of a repository named (a book's tabs) gets them; a repository not in the catalogue is refused.
 */
export function setScaffold(base: Fingerprints, scaffolds: ReadonlyMap<string, string[]>): Fingerprints {
  checkCatalogue(base);
  const missing = [...scaffolds.keys()].filter((r) => !base.sources.some((s) => s.repo === r));
  if (missing.length) throw new Error(`--scaffold names a repository not in the catalogue: ${missing.join(', ')} (add it with its git directory)`);
  return { ...base, sources: base.sources.map((s) => (scaffolds.has(s.repo) ? sourceEntry({ ...s, scaffold: scaffolds.get(s.repo) }, s) : s)) };
}

export interface BuildOptions {
  /** Files per source at most (default 400). */
  cap?: number;
  description?: string;
  /** Content fingerprint parameters (default CONTENT; other values are for calibration only). */
  content?: ContentParams;
}

export type ContentParams = { k: number; window: number; maxPerFile: number; maxPerSource: number };

export function buildFingerprints(trees: SourceTree[], opts: BuildOptions = {}): Fingerprints {
  const cap = opts.cap ?? DEFAULT_CAP;
  const params = opts.content ?? CONTENT;
  const content: ContentCatalogue = {
    method:
      'Winnowed k-gram hashes of normalised code tokens (comments, docstrings, imports and whitespace dropped; identifiers, strings and numbers replaced by placeholders), after Schleimer, Wilkerson and Aiken, "Winnowing", SIGMOD 2003. k tokens per k-gram, the minimum of each window of k-gram hashes, the smallest maxPerFile per file. 32-bit values as hex; no code is stored.',
    tokeniser: TOKENISER_VERSION,
    ...params,
    files: [],
  };
  const out: Fingerprints = { version: 2, description: opts.description ?? DESCRIPTION, sources: [], blobs: {}, content };
  const sorted = [...trees].sort((a, b) => (a.repo < b.repo ? -1 : 1));
  for (const tree of sorted) {
    const kept = tree.entries
      .filter((e) => e.size >= MIN_BYTES && e.size <= MAX_BYTES && !COMMON.test(e.path))
      .sort((a, b) => Number(CODE.test(b.path)) - Number(CODE.test(a.path)) || b.size - a.size || (a.path < b.path ? -1 : 1))
      .slice(0, cap);
    const index = out.sources.length;
    // A partial export's files are not the source's bytes: their blob ids would name files no one has.
    if (!tree.export) for (const e of kept) (out.blobs[e.oid] ??= []).push([index, e.path]);
    const code = kept.filter((e) => tokenLanguageOf(e.path) || (tree.fenced && DOC_PAGE.test(e.path)));
    const bytes = tree.read(code);
    const uncapped = tree.allFingerprints ? picomatch(tree.allFingerprints, { dot: true }) : undefined;
    const whole = { ...params, maxPerFile: Number.MAX_SAFE_INTEGER };
    const sourceBudget = tree.maxPerSource ?? params.maxPerSource;
    let budget = sourceBudget;
    let codeFiles = 0;
    for (const e of code) {
      const lang = tokenLanguageOf(e.path);
      const file = decodeFile(e.path, bytes.get(e.path)!, []);
      if (!file) continue;
      const perFile = uncapped?.(e.path) ? whole : params;
      const fps = lang ? fileFingerprints(file.text, lang, perFile) : fileFingerprints(fencedPython(file.text, tree.tab), 'python', perFile);
      if (!fps.length || fps.length > budget) continue;
      budget -= fps.length;
      codeFiles++;
      content.files.push([index, e.path, encodeFingerprints(fps)]);
    }
    out.sources.push(sourceEntry(tree, { files: kept.length, treeFiles: tree.entries.length, codeFiles, fingerprints: sourceBudget - budget }));
  }
  out.blobs = Object.fromEntries(Object.entries(out.blobs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return out;
}

/** Refuses what is no fingerprint catalogue (version 2, with sources, blobs and content files). */
function checkCatalogue(base: Fingerprints): void {
  const b = base as Partial<Fingerprints> | null;
  if (!b || typeof b !== 'object' || b.version !== 2 || !Array.isArray(b.sources) || !b.blobs || typeof b.blobs !== 'object' || !Array.isArray(b.content?.files))
    throw new Error('the catalogue to add to is no fingerprint catalogue (version 2, with sources, blobs and content files): build it first');
}

/**
 * Adds the sources of `added` to the catalogue `base` without reading base's sources again (their snapshots may be
 * long gone): the result is byte for byte what one build over all of them writes — sources in repo order, each blob's
 * and each fingerprinted file's source indices renumbered. Both must be built with the same content parameters and
 * tokeniser, and a repository already in `base` must be rebuilt with the others, not added twice.
 */
export function addToFingerprints(base: Fingerprints, added: Fingerprints): Fingerprints {
  checkCatalogue(base);
  if (base.description !== DESCRIPTION)
    throw new Error('the catalogue to add to is not a copy catalogue of widely copied sources (its description is another: the rule examples\' catalogue is rebuilt with --examples)');
  const params = (c: ContentCatalogue): string => JSON.stringify({ ...c, files: [] });
  if (params(base.content) !== params(added.content))
    throw new Error('the added sources were built with other content parameters or another tokeniser than the catalogue: rebuild the whole catalogue');
  const have = new Set(base.sources.map((s) => s.repo));
  const twice = added.sources.filter((s) => have.has(s.repo)).map((s) => s.repo);
  if (twice.length) throw new Error(`already in the catalogue: ${[...new Set(twice)].join(', ')} (rebuild it with the others to change it)`);
  const all = [...base.sources.map((s, i) => ({ s, from: 0, i })), ...added.sources.map((s, i) => ({ s, from: 1, i }))];
  // Same order as buildFingerprints: by repo; one repo's sources (the tabs of a book) come from one side, in order.
  all.sort((a, b) => (a.s.repo < b.s.repo ? -1 : a.s.repo > b.s.repo ? 1 : a.i - b.i));
  const renumber = [new Map<number, number>(), new Map<number, number>()] as const;
  all.forEach((x, j) => renumber[x.from].set(x.i, j));
  const blobs: Fingerprints['blobs'] = {};
  for (const [from, fp] of [base, added].entries())
    for (const [oid, pairs] of Object.entries(fp.blobs)) (blobs[oid] ??= []).push(...pairs.map(([i, path]): [number, string] => [renumber[from]!.get(i)!, path]));
  // A blob's pairs and the fingerprinted files stay in source order, each source's in the order it was built.
  for (const pairs of Object.values(blobs)) pairs.sort((a, b) => a[0] - b[0]);
  const files = [base, added].flatMap((fp, from) => fp.content.files.map(([i, path, f]): (typeof fp.content.files)[number] => [renumber[from]!.get(i)!, path, f]));
  files.sort((a, b) => a[0] - b[0]);
  return {
    version: 2,
    description: base.description,
    sources: all.map((x) => x.s),
    blobs: Object.fromEntries(Object.entries(blobs).sort(([a], [b]) => (a < b ? -1 : 1))),
    content: { ...base.content, files },
  };
}

const DESCRIPTION =
  'Fingerprints of widely copied course and template repositories: git blob ids of distinctive files (ids and paths only) and content fingerprints of their code (hashes only). Built by script/build-fingerprints.ts.';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Options of the made-up sources, by folder (a project template's scaffold). */
const EXAMPLE_OPTIONS: Record<string, Pick<TreeOptions, 'scaffold'>> = {
  'synthetic-generator': { scaffold: ['template.py', 'main.py', 'src/*/utils/**', 'src/*/config/**', 'src/*/pipeline/stage_*.py'] },
};

/** The made-up sources of the rule examples: each folder of script/fingerprint-examples/ is one, named example/<folder>. */
export function buildExamples(): Fingerprints {
  const dir = join(root, 'script/fingerprint-examples');
  const trees = readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .map((d) => directoryTree(`example/${d}`, join(dir, d), EXAMPLE_OPTIONS[d]));
  return buildFingerprints(trees, {
    description:
      'Made-up sources for the rule examples of not-a-known-copy (script/fingerprint-examples/; no real repository). Built by script/build-fingerprints.ts --examples.',
  });
}

export const serialise = (fp: Fingerprints): string => JSON.stringify(fp) + '\n';

/** The catalogue `--add-to` names, read and parsed, or an error that names the file and what is wrong with it. */
function readCatalogue(file: string): Fingerprints {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--add-to ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text) as Fingerprints;
  } catch (e) {
    throw new Error(`--add-to ${file}: not JSON (${(e as Error).message})`);
  }
}

/** The command line (exported for the tests, which run it in process as well as in a process of its own). */
export function main(argv: string[]): void {
  let outFile: string | undefined;
  let addTo: string | undefined;
  let cap = DEFAULT_CAP;
  let examples = false;
  // Sources are read after every option, so a per-source option applies wherever it stands on the command line.
  const sources: Array<[string, string]> = [];
  const origins = new Map<string, string>();
  const skips = new Map<string, string[]>();
  const onlys = new Map<string, string[]>();
  const fenced = new Set<string>();
  const tabs = new Map<string, string>();
  const exports = new Map<string, string>();
  const allFingerprints = new Map<string, string[]>();
  const budgets = new Map<string, number>();
  const scaffolds = new Map<string, string[]>();
  /** `owner/name=value` of a per-source option: both parts, or an error naming the expected form. */
  const pair = (o: string | undefined, form: string): [string, string] => {
    const eq = (o ?? '').indexOf('=');
    if (eq < 0 || !o!.slice(eq + 1).trim()) throw new Error(`expected ${form}, got ${o ?? ''}`);
    return [o!.slice(0, eq), o!.slice(eq + 1).trim()];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') outFile = argv[++i]!;
    else if (a === '--add-to') {
      addTo = argv[++i];
      if (!addTo || addTo.startsWith('--')) throw new Error('--add-to needs the catalogue file to add to (rules/fingerprints.json)');
    }
    else if (a === '--origin') {
      const [name, v] = pair(argv[++i], "--origin owner/name='what it is a copy of'");
      origins.set(name, v);
    } else if (a === '--skip') {
      const [name, v] = pair(argv[++i], '--skip owner/name=folder');
      skips.set(name, [...(skips.get(name) ?? []), v]);
    } else if (a === '--only') {
      const [name, v] = pair(argv[++i], '--only owner/name=glob');
      onlys.set(name, [...(onlys.get(name) ?? []), v]);
    } else if (a === '--fenced') fenced.add(argv[++i] ?? '');
    else if (a === '--tab') {
      const [name, v] = pair(argv[++i], '--tab owner/name=framework[,framework…]');
      tabs.set(name, v.toLowerCase());
    } else if (a === '--export') {
      const [name, v] = pair(argv[++i], "--export owner/name='partial export of … at …, N files'");
      exports.set(name, v);
    } else if (a === '--all-fingerprints') {
      const o = argv[++i] ?? '';
      const eq = o.indexOf('=');
      const name = eq < 0 ? o : o.slice(0, eq);
      allFingerprints.set(name, [...(allFingerprints.get(name) ?? []), eq < 0 ? '**' : o.slice(eq + 1).trim()]);
    }
    else if (a === '--scaffold') {
      const [name, v] = pair(argv[++i], '--scaffold owner/name=glob');
      scaffolds.set(name, [...(scaffolds.get(name) ?? []), v]);
    } else if (a === '--budget') {
      const form = '--budget owner/name=n (a positive integer)';
      const [name, v] = pair(argv[++i], form);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`expected ${form}, got ${name}=${v}`);
      budgets.set(name, n);
    }
    else if (a === '--cap') {
      cap = Number(argv[++i]);
      if (!Number.isInteger(cap) || cap < 1) throw new Error(`expected --cap n (a positive integer), got ${argv[i] ?? ''}`);
    }
    else if (a === '--examples') examples = true;
    else {
      const eq = a.indexOf('=');
      if (eq < 0 || !/^[\w.-]+\/[\w.-]+$/.test(a.slice(0, eq))) throw new Error(`expected owner/name=/path/to/git-dir, got ${a}`);
      sources.push([a.slice(0, eq), a.slice(eq + 1)]);
    }
  }
  // `--tab owner/name=pytorch,tensorflow` makes one source per framework (a copy of the book in any of them is named).
  const trees = sources.flatMap(([name, dir]) =>
    (tabs.get(name)?.split(',').map((t) => t.trim()).filter(Boolean) ?? [undefined]).map((tab) =>
      gitTree(name, dir, {
        origin: origins.get(name),
        skip: skips.get(name),
        only: onlys.get(name),
        fenced: fenced.has(name),
        tab,
        export: exports.get(name),
        allFingerprints: allFingerprints.get(name),
        maxPerSource: budgets.get(name),
        scaffold: scaffolds.get(name),
      }),
    ),
  );
  if (addTo && !trees.length && scaffolds.size && !examples) {
    // Scaffold globs set on sources already built: no snapshot needed, the fingerprints stay as they are.
    outFile ??= addTo;
    const fp = setScaffold(readCatalogue(addTo), scaffolds);
    writeFileSync(outFile, serialise(fp));
    for (const s of fp.sources.filter((x) => scaffolds.has(x.repo))) process.stderr.write(`${s.repo}@${s.commit.slice(0, 12)}: scaffold ${s.scaffold!.join(', ')}\n`);
    return;
  }
  if (examples) {
    if (trees.length || addTo) throw new Error('--examples takes no sources');
    outFile = join(root, 'rules/fingerprints-examples.json');
  } else if (!trees.length) throw new Error('usage: build-fingerprints.ts [--out file] [--add-to catalogue.json] [--cap n] owner/name=/path/to/git-dir ... | --examples');
  // A catalogue does not record the cap its sources were built with: sources added under another cap would not be
  // what one build over all of them writes.
  if (addTo && cap !== DEFAULT_CAP) throw new Error(`--cap with --add-to: the catalogue does not record the cap it was built with; add with the default (${DEFAULT_CAP}) or rebuild the whole catalogue`);
  outFile ??= addTo ?? 'rules/fingerprints.json';
  const built = examples ? buildExamples() : buildFingerprints(trees, { cap });
  const fp = addTo ? addToFingerprints(readCatalogue(addTo), built) : built;
  writeFileSync(outFile, serialise(fp));
  for (const s of fp.sources)
    process.stderr.write(`${s.repo}@${s.commit.slice(0, 12)}${s.origin ? ` (${s.origin})` : ''}${s.export ? ` [${s.export}]` : ''}: ${s.files} of ${s.treeFiles} files; ${s.codeFiles} code files, ${s.fingerprints} content fingerprints\n`);
  process.stderr.write(`${Object.keys(fp.blobs).length} blob ids, ${fp.content.files.length} fingerprinted files written to ${outFile} (${statSync(outFile).size} bytes)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
