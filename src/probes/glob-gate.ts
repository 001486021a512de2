import picomatch from 'picomatch';
import { groupRuns } from './file-order.js';

/**
 * A cheap necessary condition for a glob, checked before picomatch's regex: every literal piece of the glob (a
 * literal path segment, or the text between `*` in a segment) must occur in the path. On a 100,000-file repo most
 * paths fail that substring test, so the rules' many globs cost a few `includes` per file instead of a regex each.
 * Never decides a match on its own: a path that passes still goes through picomatch.
 */

/**
 * The most globs one glob's braces may expand to. A config's exclude list or a rule is text anyone can write: 24
 * "{a,b}" groups (a 125-byte line) expand to 16 million globs, so expansion stops past this many and such a glob is
 * left to picomatch, which compiles braces to alternations without expanding them. The loaders reject such a glob
 * (globProblem), so this is the second line.
 */
export const MAX_BRACE_EXPANSIONS = 1000;

/**
 * Expands `{a,b}` alternatives (nested ones too); [glob] unchanged when braces are unbalanced; null when it would give
 * more than `limit` globs. The work is bounded by the limit: every step either yields a glob or splits in two or more.
 */
export function braceExpansions(glob: string, limit: number = MAX_BRACE_EXPANSIONS): string[] | null {
  const out: string[] = [];
  const stack = [glob];
  while (stack.length) {
    const g = stack.pop()!;
    const parts = splitFirstBrace(g);
    if (!parts) {
      out.push(g);
      continue;
    }
    // Pushed in reverse so that the expansions come out in order.
    for (let k = parts.length - 1; k >= 0; k--) stack.push(parts[k]);
    // Every pending glob yields at least one.
    if (out.length + stack.length > limit) return null;
  }
  return out;
}

/** The globs the first brace group of `glob` splits it into, or null when it has none to expand. */
function splitFirstBrace(glob: string): string[] | null {
  const open = glob.indexOf('{');
  if (open < 0) return null;
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') return null;
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        const parts: string[] = [];
        let from = open + 1;
        for (const k of commas) {
          parts.push(glob.slice(from, k));
          from = k + 1;
        }
        parts.push(glob.slice(from, i));
        if (parts.length === 1) return null; // "{x}" is literal in picomatch's brace rules; do not guess
        const head = glob.slice(0, open);
        const tail = glob.slice(i + 1);
        return parts.map((p) => head + p + tail);
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  return null;
}

const tooManyMemo = new Map<string, boolean>();

/** Whether a glob's braces expand to more than MAX_BRACE_EXPANSIONS globs (such a glob goes to picomatch alone). */
function tooManyBraces(glob: string): boolean {
  if (!glob.includes('{')) return false;
  let v = tooManyMemo.get(glob);
  if (v === undefined) {
    v = braceExpansions(glob) === null;
    if (tooManyMemo.size > 10_000) tooManyMemo.clear();
    tooManyMemo.set(glob, v);
  }
  return v;
}

/** Expands `{a,b}` alternatives (nested ones too); returns [glob] unchanged when braces are unbalanced or expand too far. */
export function expandBraces(glob: string): string[] {
  return braceExpansions(glob) ?? [glob];
}

/** The most separate "*" runs one path segment of a config or rule glob may have ("*train*" has 2). */
const MAX_STARS_PER_SEGMENT = 3;
/** The most "**" segments a config or rule glob may have. */
const MAX_GLOBSTARS = 3;

/** A glob shown in a message: at most 80 characters. */
const shownGlob = (glob: string): string => JSON.stringify(glob.length > 80 ? `${glob.slice(0, 77)}...` : glob);

/**
 * What is wrong with a glob from a config or a rule, for the loaders' errors; null when nothing. A glob whose braces
 * expand past MAX_BRACE_EXPANSIONS, or that picomatch cannot compile (longer than its limit), is an input error.
 */
export function globProblem(glob: string): string | null {
  if (tooManyBraces(glob)) {
    return `${shownGlob(glob)} has braces that expand to more than ${MAX_BRACE_EXPANSIONS} globs; write fewer {a,b} groups (or list the globs)`;
  }
  // picomatch compiles a glob to a backtracking regex: several stars in one segment, or many "**" segments, take
  // seconds to minutes on a long crafted path ("*a*a*a*c" on 250 characters: 0.5 s per file). No real glob needs them.
  // Each alternative of its braces on its own: "{*.pem,*.key}" is two globs of one star each.
  for (const one of expandBraces(glob)) {
    const segments = one.split('/');
    if (segments.some((seg) => seg !== '**' && (seg.match(/\*+/g)?.length ?? 0) > MAX_STARS_PER_SEGMENT)) {
      return `${shownGlob(glob)} has more than ${MAX_STARS_PER_SEGMENT} "*" in one folder or file name; such a glob takes too long to match`;
    }
    if (segments.filter((seg) => seg === '**').length > MAX_GLOBSTARS) {
      return `${shownGlob(glob)} has more than ${MAX_GLOBSTARS} "**" segments; such a glob takes too long to match`;
    }
  }
  try {
    picomatch.makeRe(glob, { dot: true });
  } catch (e) {
    return `${shownGlob(glob)} is not a glob picomatch can read (${(e as Error).message})`;
  }
  return null;
}

const SPECIAL = /[?[\]()!+@{}\\]/;

/** Literal pieces that any path matching `glob` (already brace-expanded) contains. */
function requiredPieces(glob: string): string[] {
  const pieces: string[] = [];
  for (const seg of glob.split('/')) {
    if (seg === '' || seg === '**' || SPECIAL.test(seg)) continue;
    for (const p of seg.split('*')) if (p) pieces.push(p);
  }
  return pieces;
}

interface Alternative {
  /** The path must end with this extension (".py"), when the glob's last segment is "*.<ext>". */
  ext?: string;
  /** Literal pieces the path must contain. */
  pieces: string[];
}

function alternativeOf(glob: string): Alternative {
  const segs = glob.split('/');
  const last = segs[segs.length - 1];
  const m = /^\*(\.[^*?[\]{}()!+@\\/.]+)$/.exec(last);
  if (!m) return { pieces: requiredPieces(glob) };
  return { ext: m[1], pieces: requiredPieces(segs.slice(0, -1).join('/')) };
}

function extOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot) : '';
}

/** A gate on a path (lower-cased already when case-insensitive) and its extension. */
type Gate = (p: string, ext: string) => boolean;

/** Splits a glob at its last "/" outside braces: [directory part, last segment]. */
function splitLast(glob: string): [string, string] {
  let depth = 0;
  for (let i = glob.length - 1; i >= 0; i--) {
    const c = glob[i];
    if (c === '}') depth++;
    else if (c === '{') depth--;
    else if (c === '/' && depth === 0) return [glob.slice(0, i), glob.slice(i + 1)];
  }
  return ['', glob];
}

/**
 * One glob's gate: its last segment as a regex on the file name (braces stay alternations, so "{a,b,…}_*.py" is one
 * test), plus the literal directory names of the rest as substrings.
 */
function singleGate(glob: string, nocase: boolean): Gate | null {
  const [dir, last] = splitLast(nocase ? glob.toLowerCase() : glob);
  if (last.includes('/') || last === '**' || last === '') return null;
  // The directory part's literal names; with braces, one of its alternatives' names ("{api,serve}/**" → api or serve).
  const dirAlts = expandBraces(dir).map(requiredPieces);
  const dirPieces = dirAlts.length === 1 ? dirAlts[0] : [];
  const someDir = dirAlts.length > 1 && dirAlts.every((a) => a.length > 0) ? dirAlts : null;
  const ext = alternativeOf(last).ext;
  if (ext !== undefined && dirPieces.length === 0 && !someDir) return (_p, e) => e === ext;
  const re = picomatch.makeRe(last, { dot: true, nocase });
  // Literal pieces of the name ("train" in "*train*.py") are a cheaper test than the regex.
  const namePieces = /[{}]/.test(last) ? [] : requiredPieces(last);
  const nameCheck = nameCondition(last);
  return (p, e) => {
    if (ext !== undefined && e !== ext) return false;
    for (const piece of dirPieces) if (!p.includes(piece)) return false;
    if (someDir && !someAll(someDir, p, 0)) return false;
    for (const piece of namePieces) if (!p.includes(piece)) return false;
    const start = p.lastIndexOf('/') + 1;
    if (nameCheck && !nameCheck(p, start)) return false;
    return re.test(p.slice(start));
  };
}

// Hot paths below run once per file of a 100,000-file repo: plain loops, no closures allocated per call.

/** Whether, for some alternative, every one of its pieces occurs in p (from `start`). */
function someAll(alternatives: string[][], p: string, start: number): boolean {
  outer: for (const pieces of alternatives) {
    for (const piece of pieces) if (p.indexOf(piece, start) < 0) continue outer;
    return true;
  }
  return false;
}

/** Whether the name at p[start..] is one of `names`, without slicing it out. */
function isNamed(p: string, start: number, names: string[]): boolean {
  for (const n of names) if (p.length - start === n.length && p.endsWith(n)) return true;
  return false;
}

function anyTest(tests: Array<(i: number) => boolean>, i: number): boolean {
  for (const t of tests) if (t(i)) return true;
  return false;
}

/** Literal beginnings and pieces are cut to this many characters for the name gate. */
const HEAD_CHARS = 3;
const WILD = /[*?[\]{}()!+@\\]/;

/**
 * For a last segment with braces ("{train,fit}{,_*}.py", "*{clean,feature}*.py"), a necessary condition on the name
 * at path[start..]: it starts with one of the alternatives' literal beginnings, or else contains one literal piece of
 * each alternative. Null when no such condition exists (or the braces expand too far).
 */
function nameCondition(last: string): ((p: string, start: number) => boolean) | null {
  if (!/[{}]/.test(last)) return null;
  const alts = braceExpansions(last, 500);
  if (alts === null || alts.some((a) => /[{}]/.test(a))) return null;
  const minimal = (xs: string[], covers: (a: string, b: string) => boolean): string[] =>
    [...new Set(xs)].filter((x, _, all) => !all.some((y) => y !== x && covers(y, x)));
  const heads = alts.map((a) => {
    const w = a.search(WILD);
    return w < 0 ? a : a.slice(0, w);
  });
  if (heads.every((h) => h.length > 0)) {
    // Short heads make a weaker but much cheaper test: "{eval,evaluate,evaluation}{,_*}.{py,R}" needs only "eva".
    const prefixes = minimal(
      heads.map((h) => h.slice(0, HEAD_CHARS)),
      (y, x) => x.startsWith(y),
    );
    return (p, start) => {
      for (const h of prefixes) if (p.startsWith(h, start)) return true;
      return false;
    };
  }
  // Text inside a class ("[ab]") or an extglob group ("@(a|b)") is no literal: no condition from such alternatives.
  if (alts.some((a) => /[[\]()|]/.test(a))) return null;
  const pieces = alts.map((a) => a.split(WILD).reduce((x, y) => (y.length > x.length ? y : x), ''));
  if (pieces.some((x) => x.length === 0)) return null;
  const needles = minimal(
    pieces.map((x) => x.slice(0, HEAD_CHARS)),
    (y, x) => x.includes(y),
  );
  return (p, start) => {
    for (const n of needles) if (p.indexOf(n, start) >= 0) return true;
    return false;
  };
}

const EXT_GLOB = /^\*\*\/\*\.[^*?[\]{}()!+@\\/.]+$/;
/** "**\/lit*", "**\/*lit" or "**\/*lit*": a test on the file name decides exactly, no regex needed. */
const NAME_GLOB = /^\*\*\/(?=\*|[^*]+\*$)(\*?)([^*?[\]{}()!+@\\/^$|]+)(\*?)$/;

/**
 * The exact test of a NAME_GLOB glob (see nameGlob) on file i. Case-insensitive, an ASCII literal found in the
 * lower-cased path of a file whose path is not ASCII is confirmed by picomatch ("\u212A" lower-cases to "k").
 */
function nameTest(ix: FileIndex, files: Array<{ path: string }>, glob: string, nocase: boolean): (i: number) => boolean {
  const [, lead, lit0, trail] = NAME_GLOB.exec(glob)!;
  const lit = nocase ? lit0.toLowerCase() : lit0;
  const paths = nocase ? ix.lowerPaths : ix.paths;
  const nameStart = nocase ? ix.lowerNameStart : ix.nameStart;
  const found: (i: number) => boolean =
    lead && trail
      ? (i) => paths[i].indexOf(lit, nameStart[i]) >= 0
      : trail
        ? (i) => paths[i].startsWith(lit, nameStart[i])
        : (i) => paths[i].length - nameStart[i] >= lit.length && paths[i].endsWith(lit);
  if (!nocase) return found;
  const full = compiled(glob, nocase);
  return (i) => found(i) && (isAscii(files[i].path) || full(files[i].path));
}

/** Whether a glob takes the NAME_GLOB fast path: picomatch reads "*.*" its own way, and beyond ASCII case folding differs. */
const nameGlob = (glob: string, nocase: boolean): boolean => NAME_GLOB.test(glob) && glob !== '**/*.*' && (!nocase || isAscii(glob));
const DIR_GLOB = /^\*\*\/([^*?[\]{}()!+@\\/|]+)\/\*\*$/;


/** Which directories of the index have one of `names` as a path segment (memoised per name list). */
function dirFlagsOf(ix: FileIndex, names: string[], nocase: boolean): Uint8Array {
  const key = JSON.stringify([names, nocase]);
  let flags = ix.dirFlags.get(key);
  if (!flags) {
    flags = new Uint8Array(ix.dirs.length);
    const bySegment = dirsBySegment(ix, nocase);
    for (const name of names) for (const d of bySegment.get(name) ?? []) flags[d] = 1;
    ix.dirFlags.set(key, flags);
  }
  return flags;
}

/** The directories (positions in `dirs`) by each of their path segments, lower-cased or not; built once per case. */
function dirsBySegment(ix: FileIndex, nocase: boolean): Map<string, number[]> {
  const k = nocase ? 1 : 0;
  let map = ix.segments[k];
  if (!map) {
    map = new Map();
    for (let d = 0; d < ix.dirs.length; d++) {
      if (!ix.dirs[d]) continue;
      for (const seg of new Set((nocase ? ix.dirs[d].toLowerCase() : ix.dirs[d]).split('/'))) {
        const list = map.get(seg);
        if (list) list.push(d);
        else map.set(seg, [d]);
      }
    }
    ix.segments[k] = map;
  }
  return map;
}

/** The files of each directory, in file order: those of directory d are files[start[d] .. start[d + 1]). */
function filesByDir(ix: FileIndex): { start: Int32Array; files: Int32Array } {
  if (!ix.byDir) {
    const start = new Int32Array(ix.dirs.length + 1);
    for (let i = 0; i < ix.dirOf.length; i++) start[ix.dirOf[i] + 1]++;
    for (let d = 0; d < ix.dirs.length; d++) start[d + 1] += start[d];
    const next = start.slice(0, ix.dirs.length);
    const files = new Int32Array(ix.dirOf.length);
    for (let i = 0; i < ix.dirOf.length; i++) files[next[ix.dirOf[i]]++] = i;
    ix.byDir = { start, files };
  }
  return ix.byDir;
}


/** "**\/<name>/**" matches a path that has <name> as one of its segments (picomatch: "a/venv" and "venv/x" alike). */
function segmentGate(name: string): Gate {
  const head = `${name}/`;
  const tail = `/${name}`;
  const mid = `/${name}/`;
  return (p) => p.includes(name) && (p === name || p.startsWith(head) || p.endsWith(tail) || p.includes(mid));
}

/**
 * Globs no fast path understands: alternation ("a|b", even outside parentheses), negation ("!**\/*.py") and quotes
 * (picomatch drops them).
 */
const picomatchOnly = (glob: string): boolean =>
  glob.includes('|') || glob.startsWith('!') || glob.includes('"') || tooManyBraces(glob);

/** picomatch reads "./lib/*" as "lib/*": the fast paths read it the same way. */
const withoutDotSlash = (glob: string): string => (glob.startsWith('./') ? glob.replace(/^(?:\.\/)+/, '') : glob);

const ASCII = /^[\x00-\x7f]*$/;
/**
 * Whether lower-casing decides case-insensitive matches of `text` exactly: for ASCII text it does; beyond ASCII,
 * lower-casing and the regex `i` flag part ways (the Kelvin sign, "İ", "ß"/"ẞ", final sigma).
 */
const isAscii = (text: string): boolean => ASCII.test(text);

function gateOf(globs: string[], nocase: boolean): Gate {
  // "|" is alternation for picomatch (even outside parentheses), a leading "!" negates: no piece is required then.
  // Case-insensitive beyond ASCII, a lower-cased piece is no necessary condition.
  if (globs.some(picomatchOnly) || (nocase && !globs.every(isAscii))) return () => true;
  const gates: Gate[] = [];
  const exts = new Set<string>();
  for (const g of globs) {
    const dirs = expandBraces(nocase ? g.toLowerCase() : g).map((x) => DIR_GLOB.exec(x)?.[1]);
    if (dirs.every((d) => d !== undefined)) {
      gates.push(...dirs.map((d) => segmentGate(d!)));
      continue;
    }
    const gate = singleGate(g, nocase);
    if (!gate) {
      // No file-name constraint: the literal pieces of its brace expansions, or nothing at all.
      const alts = expandBraces(nocase ? g.toLowerCase() : g).map(requiredPieces);
      if (alts.some((a) => a.length === 0)) return () => true;
      gates.push((p) => someAll(alts, p, 0));
      continue;
    }
    const ext = alternativeOf(nocase ? splitLast(g)[1].toLowerCase() : splitLast(g)[1]).ext;
    if (ext !== undefined && requiredPieces(splitLast(g)[0]).length === 0 && !/[{}]/.test(splitLast(g)[0])) exts.add(ext);
    else gates.push(gate);
  }
  return (p, ext) => {
    if (exts.has(ext)) return true;
    for (const gate of gates) if (gate(p, ext)) return true;
    return false;
  };
}

/** A gate for a glob list: false means no glob of the list can match the path. */
export function globGate(globs: string[], nocase: boolean): (path: string) => boolean {
  const gate = gateOf(globs.map(withoutDotSlash), nocase);
  return (path) => {
    const p = nocase ? path.toLowerCase() : path;
    return gate(p, extOf(p));
  };
}

interface FileIndex {
  /** Per file: the path, the path lower-cased, its extension, its lower-cased extension. */
  paths: string[];
  lowerPaths: string[];
  exts: string[];
  lowerExts: string[];
  /** The files' extensions (as they are) that are not ASCII; usually none. */
  nonAsciiExts: Set<string>;
  /** File indexes by lower-cased extension. */
  byExt: Map<string, Int32Array>;
  /** Per file: where its name (last segment) starts in the path. */
  nameStart: Int32Array;
  /** The same in the lower-cased path (lower-casing can change a string's length: "İ"). */
  lowerNameStart: Int32Array;
  /** Per file: its directory, as a position in `dirs` (the distinct directories, "" for the root). */
  dirOf: Int32Array;
  dirs: string[];
  /** Per (directory names, nocase): which directories have one of the names as a segment. */
  dirFlags: Map<string, Uint8Array>;
  /** dirsBySegment, case-sensitive [0] and lower-cased [1]; filesByDir; each built on first use. */
  segments: [Map<string, number[]> | null, Map<string, number[]> | null];
  byDir: { start: Int32Array; files: Int32Array } | null;
  /** byName and namesWith results by needle, memoised. */
  byName: Map<string, Int32Array>;
  /** File indexes by the first character of the lower-cased name; built on first use. */
  byFirst: Map<number, Int32Array> | null;
  /** The lower-cased names as one text, built on first use. */
  names: NameText | null;
  /** selectIndices results by (globs, exclude, nocase), and the files they stand for once asked. */
  memo: Map<string, { idx: Int32Array; files?: Array<{ path: string }> }>;
  /** The distinct memo entries of 1,024 files or more, by length: selections equal in content share one entry. */
  memoByLength: Map<number, Array<{ idx: Int32Array; files?: Array<{ path: string }> }>>;
  /** Per (exclude list, nocase): 1 for the files it excludes. */
  excluded: Map<string, Uint8Array>;
}

const indexes = new WeakMap<object, FileIndex>();
/** Index arrays already in file order (the extension buckets), which need no sorting. */
const inFileOrder = new WeakSet<Int32Array>();

/** Compact on purpose (typed arrays, no per-file containers): a repo can have 100,000 files. */
function indexOf(files: Array<{ path: string }>): FileIndex {
  let ix = indexes.get(files);
  if (!ix) {
    const n = files.length;
    const paths = new Array<string>(n);
    const lowerPaths = new Array<string>(n);
    const exts = new Array<string>(n);
    const lowerExts = new Array<string>(n);
    const nameStart = new Int32Array(n);
    const lowerNameStart = new Int32Array(n);
    const dirOf = new Int32Array(n);
    const dirs: string[] = [];
    const dirIds = new Map<string, number>();
    // Extensions as small ids, so neighbours with the same one share its string.
    const extIds = new Map<string, number>();
    const extNames: string[] = [];
    let prevExt = -1;
    for (let i = 0; i < n; i++) {
      const p = files[i].path;
      const lp = p.toLowerCase(); // the same string when already lower-case: no copy
      paths[i] = p;
      lowerPaths[i] = lp;
      const start = p.lastIndexOf('/') + 1;
      nameStart[i] = start;
      lowerNameStart[i] = lp.length === p.length ? start : lp.lastIndexOf('/') + 1;
      // Neighbours in path order mostly share a folder and an extension: compare with the previous file first.
      if (i > 0 && start === nameStart[i - 1] && p.startsWith(dirs[dirOf[i - 1]]) && (start === 0 || p.charCodeAt(start - 1) === 47)) {
        dirOf[i] = dirOf[i - 1];
      } else {
        const d = start ? p.slice(0, start - 1) : '';
        let id = dirIds.get(d);
        if (id === undefined) {
          id = dirs.length;
          dirs.push(d);
          dirIds.set(d, id);
        }
        dirOf[i] = id;
      }
      const dot = p.lastIndexOf('.');
      let e: number;
      if (dot < start) e = extId('');
      else if (prevExt >= 0 && p.length - dot === extNames[prevExt].length && p.endsWith(extNames[prevExt])) e = prevExt;
      else e = extId(p.slice(dot));
      exts[i] = extNames[e];
      // Lower-cased with the whole path, as selections see it (lower-casing can depend on context: "Σ").
      lowerExts[i] = lp === p ? extNames[e] : extOf(lp);
      prevExt = e;
    }
    function extId(ext: string): number {
      let id = extIds.get(ext);
      if (id === undefined) {
        id = extNames.length;
        extNames.push(ext);
        extIds.set(ext, id);
      }
      return id;
    }
    // Buckets by lower-cased extension (".PY" and ".py" share one), in file order.
    const lists = groupRuns(n, (i) => lowerExts[i]);
    const byExt = new Map<string, Int32Array>();
    for (const [l, list] of lists) {
      const bucket = Int32Array.from(list);
      inFileOrder.add(bucket);
      byExt.set(l, bucket);
    }
    ix = {
      paths,
      lowerPaths,
      exts,
      lowerExts,
      nonAsciiExts: new Set(extNames.filter((e) => !isAscii(e))),
      byExt,
      nameStart,
      lowerNameStart,
      dirOf,
      dirs,
      dirFlags: new Map(),
      segments: [null, null],
      byDir: null,
      byName: new Map(),
      byFirst: null,
      names: null,
      memo: new Map(),
      memoByLength: new Map(),
      excluded: new Map(),
    };
    indexes.set(files, ix);
  }
  return ix;
}

/**
 * Every lower-cased file name in one string, each between two NULs (which no path holds), and where each name starts.
 * A name search is then one native `indexOf` scan of about 15 bytes per file instead of a JavaScript call per file.
 */
interface NameText {
  text: string;
  /** starts[i]: where file i's name starts in `text`; starts[n] is one past the last separator. */
  starts: Int32Array;
}

function nameText(ix: FileIndex): NameText {
  if (!ix.names) {
    const n = ix.lowerPaths.length;
    const parts = new Array<string>(n + 2);
    const starts = new Int32Array(n + 1);
    parts[0] = '';
    let at = 1;
    for (let i = 0; i < n; i++) {
      const name = ix.lowerPaths[i].slice(ix.lowerNameStart[i]);
      parts[i + 1] = name;
      starts[i] = at;
      at += name.length + 1;
    }
    parts[n + 1] = '';
    starts[n] = at;
    ix.names = { text: parts.join('\0'), starts };
  }
  return ix.names;
}

/**
 * File indexes, in file order, whose lower-cased name contains `piece`, or starts with it (`atStart`). The search is
 * for the piece itself, never for a needle that starts with the separator: `indexOf` skips ahead on a needle's first
 * character, and the separator is everywhere. Memoised per piece.
 */
function namesWith(ix: FileIndex, piece: string, atStart: boolean): Int32Array {
  const key = `${atStart ? 's' : 'c'}${piece}`;
  let out = ix.byName.get(key);
  if (!out) {
    const { text, starts } = nameText(ix);
    const hits: number[] = [];
    let lo = 0;
    for (let pos = text.indexOf(piece); pos >= 0; ) {
      // The file whose name holds the match: the last start at or before it (binary search from the previous hit).
      let hi = starts.length - 2;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= pos) lo = mid;
        else hi = mid - 1;
      }
      if (!atStart || starts[lo] === pos) hits.push(lo);
      pos = text.indexOf(piece, starts[lo + 1]);
      lo++;
    }
    out = Int32Array.from(hits);
    inFileOrder.add(out);
    ix.byName.set(key, out);
  }
  return out;
}

/**
 * File indexes whose lower-cased name equals `name` (exact) or starts with it (prefix), in file order. A linear scan
 * (of the extension's bucket when the name has one), memoised: cheaper than a name map over 100,000 files, since
 * the rules ask for a few dozen names.
 */
function byName(ix: FileIndex, name: string, prefix: boolean): Int32Array {
  const key = `${prefix ? 'p' : 'n'}${name}`;
  let out = ix.byName.get(key);
  if (!out) {
    const { lowerPaths, lowerNameStart: nameStart } = ix;
    const hits: number[] = [];
    const test = prefix
      ? (i: number) => lowerPaths[i].startsWith(name, nameStart[i])
      : (i: number) => lowerPaths[i].length - nameStart[i] === name.length && lowerPaths[i].endsWith(name);
    // Only the files that can have the name: those with its extension ("" too), or its first character.
    const first = byFirstChar(ix, name.charCodeAt(0));
    const withExt = prefix ? first : (ix.byExt.get(extOf(name)) ?? EMPTY);
    const candidates = withExt.length < first.length ? withExt : first;
    for (const i of candidates) if (test(i)) hits.push(i);
    out = Int32Array.from(hits);
    inFileOrder.add(out);
    ix.byName.set(key, out);
  }
  return out;
}

/** File indexes whose lower-cased name starts with the character `code`, in file order (buckets built on first use). */
function byFirstChar(ix: FileIndex, code: number): Int32Array {
  if (!ix.byFirst) {
    const lists = new Map<number, number[]>();
    for (let i = 0; i < ix.lowerPaths.length; i++) {
      const c = ix.lowerPaths[i].charCodeAt(ix.lowerNameStart[i]);
      let l = lists.get(c);
      if (!l) lists.set(c, (l = []));
      l.push(i);
    }
    ix.byFirst = new Map([...lists].map(([c, l]) => [c, Int32Array.from(l)]));
    for (const b of ix.byFirst.values()) inFileOrder.add(b);
  }
  return ix.byFirst.get(code) ?? EMPTY;
}

const EMPTY = new Int32Array(0);

/** Last segment is a literal name: "Dockerfile", "requirements.txt". */
const LITERAL_NAME = /^[^*?[\]{}()!+@\\/]+$/;
/** Last segment ends with a literal extension: "*.py", "*_test.py", "*.conda-lock.yml". */
const ENDS_WITH_EXT = /(\.[^*?[\]{}()!+@\\/.]+)$/;
/** Last segment is a literal name then ".*": "Dockerfile.*", "LICENSE.*", ".env.*". */
const NAME_DOT_STAR = /^([^*?[\]{}()!+@\\/]*)\.\*$/;

/**
 * The smallest index bucket that holds every file a (brace-expanded) glob can match, or 'all' when the glob needs a
 * full scan: files with the glob's literal name, extension, name stem ("LICENSE.*") or first character, or files in
 * a folder with a literal name the glob requires ("**\/tests/**\/*.py").
 */
function bucketOf(ix: FileIndex, glob: string): Int32Array | undefined | 'all' {
  const r = bucketRecipeOf(glob);
  if (r === 'all') return 'all';
  const candidates: Array<Int32Array | undefined> = r.folders.map((name) => inFolderNamed(ix, name));
  const smallest = (xs: Array<Int32Array | undefined>): Int32Array | undefined => xs.reduce((a, b) => ((b?.length ?? 0) < (a?.length ?? 0) ? b : a));
  // "**/*env*/lib/python*/**": no name to go by, but the files must be under a folder named "lib".
  if (r.anyName) return candidates.length ? smallest(candidates) : 'all';
  if (r.name !== undefined) return byName(ix, r.name, false);
  if (r.ext !== undefined) candidates.push(ix.byExt.get(r.ext));
  if (r.stem !== undefined) candidates.push(byName(ix, `${r.stem}.`, true));
  else if (r.first !== undefined) candidates.push(byFirstChar(ix, r.first)); // "app*", "test_*.py"
  const best = candidates.length ? smallest(candidates) : 'all';
  // A large bucket (or none): one scan of the names for the segment's telling literal ("*train*", "*_test.py").
  if (best !== undefined && (best === 'all' || best.length * 8 > ix.paths.length)) {
    if (r.piece) {
      const found = namesWith(ix, r.piece.text, r.piece.atStart);
      if (best === 'all' || found.length < best.length) return found;
    }
  }
  return best;
}

/** What bucketOf looks up for a glob, whatever the file list: made once per glob (see bucketRecipeOf). */
interface BucketRecipe {
  /** Lower-cased folder names the files must be under (requiredFolders). */
  folders: string[];
  /** The last segment is "**" or empty: only the folders tell. */
  anyName: boolean;
  /** The last segment is this literal name (lower-cased). */
  name?: string;
  /** Its literal extension, name stem ("LICENSE" of "LICENSE.*") or first character. */
  ext?: string;
  stem?: string;
  first?: number;
  /** Its telling literal, for a name search (namePiece). */
  piece?: { text: string; atStart: boolean };
}

const bucketRecipes = new Map<string, BucketRecipe | 'all'>();

function bucketRecipeOf(glob: string): BucketRecipe | 'all' {
  return remembered(bucketRecipes, glob, () => bucketRecipe(glob));
}

function bucketRecipe(glob: string): BucketRecipe | 'all' {
  const last = glob.slice(glob.lastIndexOf('/') + 1).toLowerCase();
  // Buckets hold lower-cased names: beyond ASCII they may miss a match (final sigma), so such a glob scans every file.
  if (picomatchOnly(glob) || !isAscii(glob)) return 'all';
  const folders = requiredFolders(glob).map((name) => name.toLowerCase());
  if (last === '**' || last === '') return { folders, anyName: true };
  if (LITERAL_NAME.test(last)) return { folders, anyName: false, name: last };
  const ext = ENDS_WITH_EXT.exec(last)?.[1];
  const stem = NAME_DOT_STAR.exec(last)?.[1];
  const piece = namePiece(last, ext);
  return {
    folders,
    anyName: false,
    ...(ext !== undefined ? { ext } : {}),
    ...(stem !== undefined ? { stem } : !WILD.test(last[0]) ? { first: last.charCodeAt(0) } : {}),
    ...(piece ? { piece } : {}),
  };
}

/**
 * The most telling literal piece of a last segment whose only wildcard is "*", for a name search: its literal
 * beginning ("test_*.py" → "test_" at the start), else its longest inner piece ("*preprocess*.py" → "preprocess"),
 * else its literal end when that is more than the extension ("*_test.py" → "_test.py"). bucketOf passes ASCII globs
 * only, so the lower-cased names hold the piece whenever a file matches, case-insensitively or not.
 */
function namePiece(last: string, ext: string | undefined): { text: string; atStart: boolean } | undefined {
  if (/[?[\]{}()!+@\\]/.test(last) || !last.includes('*')) return undefined;
  const parts = last.split('*');
  if (parts[0]) return { text: parts[0], atStart: true };
  let inner = '';
  for (const p of parts.slice(1, -1)) if (p.length > inner.length) inner = p;
  const tail = parts[parts.length - 1];
  if (inner.length >= 2 && inner.length >= tail.length) return { text: inner, atStart: false };
  if (tail && tail !== ext) return { text: `${tail}\0`, atStart: false };
  return inner.length >= 2 ? { text: inner, atStart: false } : undefined;
}

const LITERAL_SEGMENT = /^[^*?[\]{}()!+@\\|]+$/;

/** A segment that needs at least one literal character, with "*" and "?" as its only wildcards. */
const NEEDS_TEXT = /^[^[\](){}!+@\\|]*[^*?[\](){}!+@\\|][^[\](){}!+@\\|]*$/;

/**
 * The literal folder names a (brace-expanded) glob requires its files to be under, at some depth: each literal segment
 * followed by a segment that needs some text ("**\/tests/**\/*.py" → tests; "**\/*env*\/lib/python*\/**" → lib).
 * One that only wildcards follow is left out: picomatch matches a file named "tests" with "**\/tests/**\/*", and one
 * named "venv" with "**\/venv/**".
 */
function requiredFolders(glob: string): string[] {
  const segs = glob.split('/');
  const out: string[] = [];
  for (let k = 0; k < segs.length - 1; k++) {
    const seg = segs[k];
    if (seg === '.' || seg === '..' || !LITERAL_SEGMENT.test(seg)) continue;
    if (segs.slice(k + 1).some((x) => NEEDS_TEXT.test(x))) out.push(seg);
  }
  return out;
}

/** Files under a folder named `name` (case-insensitive) at any depth, in file order; memoised. */
function inFolderNamed(ix: FileIndex, name: string): Int32Array {
  const key = `d${name}`;
  let out = ix.byName.get(key);
  if (!out) {
    const dirs = dirsBySegment(ix, true).get(name) ?? [];
    const { start, files } = filesByDir(ix);
    let total = 0;
    for (const d of dirs) total += start[d + 1] - start[d];
    out = new Int32Array(total);
    let k = 0;
    for (const d of dirs) {
      out.set(files.subarray(start[d], start[d + 1]), k);
      k += start[d + 1] - start[d];
    }
    if (dirs.length > 1) out.sort();
    inFileOrder.add(out);
    ix.byName.set(key, out);
  }
  return out;
}

const matcherCache = new Map<string, (p: string) => boolean>();

/** Compiled glob matcher (picomatch, dot files included, case-insensitive file systems are not assumed). */
export function globMatcher(globs: string[], opts: { nocase?: boolean } = {}): (path: string) => boolean {
  const key = JSON.stringify([globs, opts.nocase ?? false]);
  let m = matcherCache.get(key);
  if (!m) {
    if (globs.length === 0) m = () => false;
    else {
      const full = picomatch(globs, { dot: true, nocase: opts.nocase ?? false });
      const gate = globGate(globs, opts.nocase ?? false);
      m = (path: string) => gate(path) && full(path);
    }
    matcherCache.set(key, m);
  }
  return m;
}

/**
 * The files among `files` that match `globs` and none of `exclude`, in their order, without testing every file when
 * the globs allow: a glob whose last segment is a literal name, ends with a literal extension, or is "<name>.*" only
 * looks at the files with that name, extension or stem (an index built once per file list). Results are memoised per
 * file list, so rules that share globs share the work; the returned array must not be modified.
 */
export function selectFiles<F extends { path: string }>(
  files: F[],
  globs: string[],
  opts: { exclude?: string[]; nocase?: boolean } = {},
): readonly F[] {
  const entry = selection(files, globs, opts);
  if (!entry.files) entry.files = filesAt(files, entry.idx);
  return entry.files as F[];
}

/**
 * The files at positions `idx` (ascending), in an array of exactly that length (kept in the memo: Array.from grows
 * its array by half again, ~1 MB instead of 0.75 MB for 94,000 files); every file, in order: `files` itself.
 */
function filesAt<F>(files: F[], idx: Int32Array): F[] {
  if (idx.length === files.length) return files;
  const out = new Array<F>(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = files[idx[k]!]!;
  return out;
}

/** Like selectFiles, as positions in `files` (ascending). The returned array must not be modified. */
export function selectIndices(files: Array<{ path: string }>, globs: string[], opts: { exclude?: string[]; nocase?: boolean } = {}): Int32Array {
  return selection(files, globs, opts).idx;
}

/**
 * The files an exclude list removes (1 per excluded file), memoised per list: "**\/<name>/**" globs mark the files of
 * the folders that have <name> as a segment, and a file so named; other globs mark their own indexed selection,
 * confirmed by picomatch. The cost follows the files excluded, not the files listed.
 */
function exclusionOf(files: Array<{ path: string }>, ix: FileIndex, exclude: string[], nocase: boolean): Uint8Array | null {
  if (!exclude.length) return null;
  const key = JSON.stringify([exclude, nocase]);
  let out = ix.excluded.get(key);
  if (out) return out;
  out = new Uint8Array(files.length);
  const dirNames: string[] = [];
  const dirGlobs: string[] = [];
  const other: string[] = [];
  for (const g of exclude) {
    const names = expandBraces(nocase ? g.toLowerCase() : g).map((x) => DIR_GLOB.exec(x)?.[1]);
    // Case-insensitive beyond ASCII, lower-cased folder names can miss a match: such a glob goes through picomatch.
    if (names.every((d) => d !== undefined) && (!nocase || isAscii(g))) {
      dirNames.push(...(names as string[]));
      dirGlobs.push(g);
    } else other.push(g);
  }
  if (dirNames.length) {
    // Case-insensitive, a path beyond ASCII is confirmed by picomatch (a folder "\u212A" lower-cases to "k").
    const full = nocase ? compiled(dirGlobs, nocase) : null;
    const confirmed = (i: number): boolean => full === null || isAscii(files[i].path) || full(files[i].path);
    const flags = dirFlagsOf(ix, dirNames, nocase);
    const { start, files: inDir } = filesByDir(ix);
    for (let d = 0; d < flags.length; d++) {
      if (flags[d] === 1) for (let k = start[d]; k < start[d + 1]; k++) if (confirmed(inDir[k])) out[inDir[k]] = 1;
    }
    // "**/venv/**" matches a file named "venv" too.
    const paths = nocase ? ix.lowerPaths : ix.paths;
    const starts = nocase ? ix.lowerNameStart : ix.nameStart;
    for (const name of new Set(dirNames)) {
      // An ASCII name is found among the lower-cased names whatever the case; any other is looked for in every file.
      const cands = isAscii(name) ? byName(ix, name.toLowerCase(), false) : null;
      const count = cands ? cands.length : files.length;
      for (let k = 0; k < count; k++) {
        const i = cands ? cands[k] : k;
        if (isNamed(paths[i], starts[i], [name]) && confirmed(i)) out[i] = 1;
      }
    }
  }
  if (other.length) {
    const full = compiled(other, nocase);
    for (const i of selection(files, other, { nocase }).idx) if (full(files[i].path)) out[i] = 1;
  }
  ix.excluded.set(key, out);
  return out;
}

/**
 * What selection() makes of a glob list before it looks at any file (how each glob is decided, the compiled
 * matchers): the same for every file list, so made once per (globs, nocase) and shared by every repository of a run.
 */
interface GlobPlan {
  /** "**" is one of the globs. */
  all: boolean;
  /** "**\/*" is one of the globs: every plain path matches it (isPlainPath); others go through its gate and picomatch. */
  anyPlain: boolean;
  /** Globs the index decides exactly ("**\/*.<ext>"): their extensions. */
  exactExts: Set<string>;
  /** NAME_GLOB globs (nameTest). */
  nameGlobs: string[];
  /** Case-insensitive, picomatch on the exact-extension globs (a file extension beyond ASCII). */
  extFull: ((path: string) => boolean) | null;
  /** The other globs: gate, then picomatch. */
  restGate: Gate | null;
  restFull: ((path: string) => boolean) | null;
  /** The globs brace-expanded, for the index buckets. */
  expanded: string[];
}

const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * A path that "**\/*" (dot files included, either case) surely selects, as its gate and picomatch did: not empty, no
 * segment "." or ".." (here: no segment that starts with a dot at all), no line end (picomatch's "." stops there), not
 * ending in "/" (no listing holds one; the gate never passed it). Every other path is left to the gate and picomatch.
 * Exported for its differential test. On 100,000 files this is a few native scans per path instead of two regex tests
 * and a copy of the name (bench/README.md, audit14).
 */
export function isPlainPath(p: string): boolean {
  return p.length > 0 && p.charCodeAt(0) !== 46 && p.charCodeAt(p.length - 1) !== 47 && !p.includes('/.') && !LINE_END.test(p);
}

const globPlans = new Map<string, GlobPlan>();
/** Compiled matchers and plans kept at most (a config's globs are anyone's text; the rules use a few hundred). */
const COMPILED_MEMO_LIMIT = 5000;

function globPlanOf(rawGlobs: string[], nocase: boolean): GlobPlan {
  return remembered(globPlans, JSON.stringify([rawGlobs, nocase]), () => globPlan(rawGlobs, nocase));
}

function globPlan(rawGlobs: string[], nocase: boolean): GlobPlan {
  const globs = rawGlobs.map(withoutDotSlash);
  // Globs the index decides exactly ("**" and "**/*.<ext>") need no regex; the rest go through gate + picomatch.
  let all = false;
  let anyPlain = false;
  const exactExts = new Set<string>();
  const rest: string[] = [];
  const nameGlobs: string[] = [];
  const extGlobs: string[] = [];
  for (const g of globs) {
    if (picomatchOnly(g)) {
      rest.push(g);
      continue;
    }
    const alts = expandBraces(g);
    if (g === '**/*') anyPlain = true;
    if (g === '**') all = true;
    else if (alts.every((a) => EXT_GLOB.test(a) && isAscii(a))) {
      for (const a of alts) exactExts.add((nocase ? a.toLowerCase() : a).slice(4));
      extGlobs.push(g);
    } else if (nameGlob(g, nocase)) nameGlobs.push(g);
    else rest.push(g);
  }
  return {
    all,
    anyPlain,
    exactExts,
    nameGlobs,
    // Case-insensitive, a file extension beyond ASCII is confirmed by picomatch ("x.\u212A" lower-cases to "x.k").
    extFull: nocase && extGlobs.length ? compiled(extGlobs, nocase) : null,
    restGate: rest.length ? gateOf(rest, nocase) : null,
    restFull: rest.length ? compiled(rest, nocase) : null,
    expanded: globs.flatMap(expandBraces),
  };
}

const compiledMemo = new Map<string, (path: string) => boolean>();

/** picomatch's matcher for `globs` (dot files included), compiled once per (globs, nocase). */
function compiled(globs: string | string[], nocase: boolean): (path: string) => boolean {
  return remembered(compiledMemo, JSON.stringify([globs, nocase]), () => picomatch(globs, { dot: true, nocase }));
}

/** `memo`'s value for `key`, made once; a memo that reaches COMPILED_MEMO_LIMIT entries starts again empty. */
function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    if (memo.size >= COMPILED_MEMO_LIMIT) memo.clear();
    memo.set(key, v);
  }
  return v;
}

function selection(
  files: Array<{ path: string }>,
  rawGlobs: string[],
  opts: { exclude?: string[]; nocase?: boolean },
): { idx: Int32Array; files?: Array<{ path: string }> } {
  const ix = indexOf(files);
  const key = JSON.stringify([rawGlobs, opts.exclude ?? [], opts.nocase ?? false]);
  const memo = ix.memo.get(key);
  if (memo) return memo;
  if (opts.exclude?.some((g) => g.startsWith('./'))) opts = { ...opts, exclude: opts.exclude.map(withoutDotSlash) };
  const nocase = opts.nocase ?? false;
  const { all, anyPlain, exactExts, nameGlobs, extFull, restGate, restFull, expanded } = globPlanOf(rawGlobs, nocase);
  const nameTests = nameGlobs.map((g) => nameTest(ix, files, g, nocase));
  // Distinct buckets only: "{a,b,c}_*.py" expands to many globs that share the ".py" bucket.
  let buckets: Set<Int32Array> | undefined = new Set();
  for (const g of expanded) {
    const bucket = bucketOf(ix, g);
    if (bucket === 'all') {
      buckets = undefined;
      break;
    }
    if (bucket?.length) buckets.add(bucket);
  }
  /** null: every file. */
  let order: Int32Array | null;
  if (!buckets) order = null;
  else if (buckets.size === 1) {
    const only = [...buckets][0];
    order = inFileOrder.has(only) ? only : only.slice().sort();
  }
  else {
    let total = 0;
    for (const b of buckets) total += b.length;
    if (total * 8 < files.length) {
      // Small buckets: join, sort, drop repeats (no pass over every file).
      const all = new Int32Array(total);
      let k = 0;
      for (const b of buckets) all.set(b, (k += b.length) - b.length);
      all.sort();
      let m = 0;
      for (let j = 0; j < all.length; j++) if (j === 0 || all[j] !== all[j - 1]) all[m++] = all[j];
      order = all.subarray(0, m);
    } else {
      const picked = new Uint8Array(files.length);
      let count = 0;
      for (const b of buckets)
        for (const i of b)
          if (!picked[i]) {
            picked[i] = 1;
            count++;
          }
      const list = new Int32Array(count);
      for (let i = 0, k = 0; k < count; i++) if (picked[i]) list[k++] = i;
      order = list;
    }
  }
  // The files an exclude list removes, only when some file is a candidate.
  const excluded = order !== null && order.length === 0 ? null : exclusionOf(files, ix, opts.exclude ?? [], nocase);
  const paths = nocase ? ix.lowerPaths : ix.paths;
  const exts = nocase ? ix.lowerExts : ix.exts;
  const only = excluded === null && !all && !restGate && exactExts.size === 0 && nameTests.length === 1 ? nameTests[0] : null;
  const accept = (i: number): boolean => {
    if (only !== null) return only(i); // one "**/*lit*"-style glob, no exclusions (the `prefer` globs)
    if (excluded !== null && excluded[i] === 1) return false;
    return (
      all ||
      (anyPlain && isPlainPath(ix.paths[i])) ||
      (exactExts.has(exts[i]) && (!nocase || !ix.nonAsciiExts.has(ix.exts[i]) || extFull!(files[i].path))) ||
      anyTest(nameTests, i) ||
      (restGate !== null && restGate(paths[i], exts[i]) && restFull!(files[i].path))
    );
  };
  const count = order ? order.length : files.length;
  const out = new Int32Array(count);
  let k = 0;
  for (let j = 0; j < count; j++) {
    const i = order ? order[j] : j;
    if (accept(i)) out[k++] = i;
  }
  const entry = sharedEntry(ix, { idx: k === count ? out : out.slice(0, k) });
  ix.memo.set(key, entry);
  return entry;
}

/** Selections of at least this many files are compared with the memo's others of their length. */
const SHARED_MIN = 1024;

/**
 * The memo's entry equal in content to `entry` (the same files), or `entry` itself, now in the memo's list. Rules ask
 * for the same files under different globs or exclude lists (`**\/*.py` with and without the vendored folders, on a
 * repo that has none): one entry, so one array of ~94,000 files is made and kept instead of several (bench/README.md,
 * mem13). The memo's entries are never modified once made, except for `files`, which is the same for equal ones.
 */
function sharedEntry(ix: FileIndex, entry: { idx: Int32Array; files?: Array<{ path: string }> }): { idx: Int32Array; files?: Array<{ path: string }> } {
  const n = entry.idx.length;
  if (n < SHARED_MIN) return entry;
  let same = ix.memoByLength.get(n);
  if (!same) ix.memoByLength.set(n, (same = []));
  for (const other of same) {
    const a = other.idx;
    const b = entry.idx;
    // Ascending positions: equal ends first, then every position.
    if (a[0] !== b[0] || a[n - 1] !== b[n - 1]) continue;
    let i = 1;
    while (i < n - 1 && a[i] === b[i]) i++;
    if (i >= n - 1) return other;
  }
  same.push(entry);
  return entry;
}

/** Paths of the files whose name (last segment) is `name`, case-insensitive, in file-list order. */
export function filesNamed(files: Array<{ path: string }>, name: string): string[] {
  const ix = indexOf(files);
  return Array.from(byName(ix, name.toLowerCase(), false), (i) => ix.paths[i]);
}
