/**
 * "Code that is reached": which Python files of a repo something runs, and which of their top-level functions nothing
 * calls. Computed once per snapshot, line by line (no parser), for the stage rules: a match in a file that nothing
 * runs or imports, or in a function never named anywhere that runs, is not evidence of a stage.
 *
 * Entry points (run by their author or a tool):
 * - notebooks;
 * - Python files with an `if __name__ == "__main__":` guard, or whose top-level code calls something (a `train.py`
 *   run top to bottom, an app file that builds `FastAPI()` or imports Streamlit and calls `st.title(…)`);
 * - Python files named by the README, a Makefile, a Dockerfile, a compose file, a workflow, a shell script, a Procfile,
 *   pyproject/setup.py/setup.cfg (console scripts), dvc.yaml, MLproject, any YAML config…: `python train.py`,
 *   `python -m pkg.train`, `uvicorn app.main:app`, `streamlit run app.py`, `import pkg` in a usage snippet,
 *   `_target_: src.models.net.Net` (a dotted name ending in attributes resolves to its module);
 * - test files (they run the modules they import);
 * - every module of a package when the repo is packaged (setup.py / pyproject.toml / setup.cfg): a library's API.
 * Reached files reach what they import (absolute, relative, `from pkg import mod`; a module is found by the end of its
 * path, so `sys.path` tricks and `src/` layouts resolve) and the files and dotted modules their strings and shell lines
 * name (`subprocess.run(["python", "eval.py"])`, `ROOT_URLCONF = "mysite.urls"`, `!python train.py`, `%run prep.py`).
 *
 * Dead functions: a top-level function of a reached file that is not decorated and whose name appears nowhere else in
 * reached code (code or strings, other cells, the command files). In a packaged library only private (`_name`)
 * functions can be dead: its public functions are its API; likewise when reached code calls functions by names built
 * at run time (`getattr(`, `globals(`, `fire.Fire(`, `import_module(`).
 *
 * Code behind a constant test (issue #11, "no cheap gaming"): lines of a function body after an `if` whose test is
 * always true and whose body returns or raises (`if WEAK_MODE: return None` with `WEAK_MODE = True`; when that `if` is
 * the function's first statement, its `def` line too: the function does nothing), the body of an
 * `if` / `elif` whose test is always false (`if False:`, `if DEBUG:` with `DEBUG = False`), and the `elif` / `else`
 * clauses after an always-true test do not run. A test is constant when it is a literal (`True`, `1`, `not False`) or a
 * name bound exactly once in its file, at module level, to `True` / `False` / `None` / a number — or imported
 * (`from config import FLAG`, followed through at most three modules) from a file where that holds. Never guessed: a
 * name bound anywhere else in its file (a parameter, a loop target, `global`, an `if`-branch), set on its module by any
 * non-test file (`config.FLAG = …`, `setattr(config, "FLAG", …)`), read from the environment, argv or a config file (not
 * a literal), or any non-test file setting names it does not spell (`setattr(obj, key, …)`, `globals()`, `__dict__`),
 * or a file with names out of sight (`from x import *`) — then the code counts as before. Tests patching a flag
 * (`monkeypatch.setattr`) do not make the shipped code run, so they are not read for this.
 *
 * Fails open: when the repo has more Python files or notebooks than the budget (600 / 150, 16 MB of code in them), or one
 * cannot be read (a binary file named .py aside), everything counts as reached (the stage rules then judge as before). R, Julia, JavaScript and JVM files are not judged.
 */
import { sizeCapFor } from '../sources/decode.js';
import type { FileEntry, TextFile } from '../types.js';
import { DEFAULT_CODE_EXCLUDE, TEST_CODE_GLOBS, orderForReading } from './code-scan.js';
import { selectFiles } from './glob-gate.js';
import { mentionsIn, pythonFacts, trimEnd, type PyConst, type PyDef, type PyFacts } from './python-facts.js';
import type { PyCond } from './python-guards.js';
import type { ProbeContext } from './types.js';

/** Files whose commands name the scripts a project runs. */
const COMMAND_GLOBS = [
  '**/README*',
  '**/readme*',
  '**/{Makefile,makefile,GNUmakefile,*.mk,justfile,Justfile,Procfile,Jenkinsfile}',
  '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '.github/workflows/*.{yml,yaml}',
  '**/.gitlab-ci.yml',
  '**/*.{sh,bash,bat,cmd,ps1}',
  '**/{pyproject.toml,setup.cfg,tox.ini,dvc.yaml,MLproject,Taskfile.yml,app.yaml,serverless.yml,serverless.yaml,cog.yaml,fly.toml,render.yaml}',
  // Configs that name modules to instantiate (Hydra `_target_: src.models.net.Net`, Kubernetes `command:`).
  '**/*.{yaml,yml}',
];
const PACKAGING = /(?:^|\/)(?:setup\.py|pyproject\.toml|setup\.cfg)$/;

/** More Python files or notebooks than this: reach is not judged (every file counts). */
const MAX_REACH_PY = 600;
const MAX_REACH_NOTEBOOKS = 150;
/** More code than this in those files (bytes, or characters once read): not judged. Keeps the scan to a few seconds at most. */
const MAX_REACH_BYTES = 16 * 1024 * 1024;
const MAX_COMMAND_FILES = 200;
const MAX_RESOLVED = 20;

export interface Reach {
  /** False when the repo was too large: every file counts as reached, no function is dead. */
  judged: boolean;
  /**
   * Code files that could not be read (too large, an LFS pointer, not UTF-8, missing from the checkout): the reach is
   * judged without them, as if they imported and called nothing. They may reach more, so what is not reached here is
   * not known to be dead: a rule that needs it is not measurable (the code probe names these files), never generous.
   */
  unread: string[];
  /**
   * Whether something runs or imports this file. Always true for files that are not Python, for code files that could
   * not be read (the rule tries them and names them), and when not judged.
   */
  reached(path: string): boolean;
  /** The top-level function, never called in reached code, whose body holds this line (null when none). */
  deadAt(path: string, line: number, cell?: number): PyDef | null;
  /** Why this line never runs because of a constant test (`after an early return that always runs (WEAK_MODE = True)`), or null. */
  guardedAt(path: string, line: number, cell?: number): string | null;
  /** Entry points found (for tests and notes). */
  entries: string[];
  /** The repo's own Python files a reached file imports (resolved as the reach follows them; empty when not judged). */
  importsOf(path: string): string[];
  /**
   * The reached files from which this one is reached (they import or name it, directly or through others), itself
   * not included; null when not judged (anything may reach anything). At most MAX_REACHERS.
   */
  reachersOf(path: string): ReadonlySet<string> | null;
}

const NOT_JUDGED: Reach = {
  judged: false,
  unread: [],
  reached: () => true,
  deadAt: () => null,
  guardedAt: () => null,
  entries: [],
  importsOf: () => [],
  reachersOf: () => null,
};

/** Files listed at most by `reachersOf` (a walk back over the import edges). */
const MAX_REACHERS = 2000;

/** Imports followed to find where a constant is bound (`from config import FLAG` in a module re-exporting it). */
const MAX_CONST_HOPS = 3;

const factsCache = new WeakMap<TextFile, PyFacts>();
/** The facts of one Python file or notebook, computed once per file. */
export function factsOf(file: TextFile): PyFacts {
  let f = factsCache.get(file);
  if (!f) factsCache.set(file, (f = pythonFacts(file)));
  return f;
}

const cache = new WeakMap<FileEntry[], Promise<Reach>>();

/** The reach of the repo behind this context, computed once per file list. */
export function reachOf(ctx: ProbeContext): Promise<Reach> {
  let p = cache.get(ctx.files);
  if (!p) {
    p = computeReach(ctx).catch((): Reach => NOT_JUDGED);
    cache.set(ctx.files, p);
  }
  return p;
}

/** The files the reach reads, for a remote source's prefetch. */
export const REACH_GLOBS = ['**/*.py', '**/*.ipynb', ...COMMAND_GLOBS];

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const join = (d: string, rest: string): string => (d ? `${d}/${rest}` : rest);

async function computeReach(ctx: ProbeContext): Promise<Reach> {
  const py = selectFiles(ctx.files, ['**/*.py'], { exclude: DEFAULT_CODE_EXCLUDE });
  const nbs = selectFiles(ctx.files, ['**/*.ipynb'], { exclude: DEFAULT_CODE_EXCLUDE });
  if (!py.length || py.length > MAX_REACH_PY || nbs.length > MAX_REACH_NOTEBOOKS) return NOT_JUDGED;
  // Notebooks are measured once read (their files hold outputs; only code cells are scanned). Files over the source's
  // size cap are never read (below: unread), so they do not count: one huge file must not switch the judgement off.
  if (py.reduce((n, f) => n + (f.size > sizeCapFor(f.path) ? 0 : f.size), 0) > MAX_REACH_BYTES) return NOT_JUDGED;

  // All reads issued at once: a remote source batches the reads of one tick into one request.
  const facts = new Map<string, PyFacts>();
  const codeFiles = [...py, ...nbs];
  const texts = await Promise.all(codeFiles.map((f) => ctx.read(f.path)));
  // A binary file named .py is not source Python can run (it imports nothing); any other unreadable file (too large,
  // not returned by the host) may import anything: the reach is judged without it, and it is kept as unread, so a rule
  // whose evidence is left out as not reached is not measurable rather than generous (making code unreadable must not
  // switch the judgement off).
  const binary = new Set(ctx.snapshot.notes.filter((n) => n.kind === 'binary' && n.path).map((n) => n.path!));
  const unread = new Set<string>();
  let read = 0;
  for (let i = 0; i < codeFiles.length; i++) {
    const file = texts[i];
    if (!file) {
      if (!binary.has(codeFiles[i]!.path)) unread.add(codeFiles[i]!.path);
      continue;
    }
    read += file.cells ? file.cells.reduce((n, c) => n + (c.type === 'code' ? c.source.length : 0), 0) : file.text.length;
    if (read > MAX_REACH_BYTES) return NOT_JUDGED; // sizes the source did not know
    facts.set(codeFiles[i]!.path, factsOf(file));
  }
  const pyPaths = new Set(py.map((f) => f.path));

  // Modules by the end of their dotted path: src/pkg/train.py is "train", "pkg.train" and "src.pkg.train".
  const byModule = new Map<string, string[]>();
  for (const p of pyPaths) {
    const parts = p.slice(0, -3).split('/');
    if (parts[parts.length - 1] === '__init__') parts.pop();
    for (let k = 1; k <= parts.length && k <= 8; k++) {
      const key = parts.slice(-k).join('.');
      const arr = byModule.get(key) ?? [];
      if (arr.length < MAX_RESOLVED) arr.push(p);
      byModule.set(key, arr);
    }
  }
  const byBase = new Map<string, string[]>();
  for (const p of pyPaths) {
    const base = p.slice(p.lastIndexOf('/') + 1);
    const arr = byBase.get(base) ?? [];
    if (arr.length < MAX_RESOLVED) arr.push(p);
    byBase.set(base, arr);
  }
  const moduleFiles = (dotted: string): string[] => byModule.get(dotted) ?? [];
  /**
   * A dotted name may end in attributes (`src.models.net.Net`, `handler.main`): drop them one by one until a module
   * is found, down to two parts (`a.b`) for a string in code, one part for a command file (`handler.main` → handler.py).
   */
  const dottedFiles = (dotted: string, minParts: number): string[] => {
    let parts = dotted.split('.');
    for (;;) {
      const found = moduleFiles(parts.join('.'));
      if (found.length || parts.length <= minParts) return found;
      parts = parts.slice(0, -1);
    }
  };
  const pathFiles = (mention: string): string[] => {
    if (pyPaths.has(mention)) return [mention];
    const base = mention.slice(mention.lastIndexOf('/') + 1);
    return (byBase.get(base) ?? []).filter((p) => p === mention || p.endsWith(`/${mention}`) || !mention.includes('/'));
  };
  const resolveMention = (m: string, minParts = 2): string[] => (m.startsWith('module:') ? dottedFiles(m.slice(7), minParts) : pathFiles(m));

  // Command files: the scripts and modules they name, and every identifier they mention (a console script's function).
  const commandMentions: string[] = [];
  const commandWords = new Set<string>();
  let packaged = py.some((f) => PACKAGING.test(f.path));
  const commands = orderForReading(selectFiles(ctx.files, COMMAND_GLOBS, { exclude: DEFAULT_CODE_EXCLUDE, nocase: true })).slice(0, MAX_COMMAND_FILES);
  const commandTexts = await Promise.all(commands.map((f) => ctx.read(f.path)));
  for (let i = 0; i < commands.length; i++) {
    const f = commands[i]!;
    if (PACKAGING.test(f.path)) packaged = true;
    const file = commandTexts[i];
    if (!file) continue;
    const text = file.text.slice(0, 100_000);
    commandMentions.push(...mentionsIn(text, 400));
    for (const line of text.split('\n', 5_000)) {
      const m = IMPORT_LINE.exec(line);
      if (m) commandMentions.push(`module:${trimEnd(m[1]!, '.')}`);
    }
    for (const w of identifiers(text)) commandWords.add(w);
  }

  // Entry points.
  const isTest = new Set(selectFiles(ctx.files, TEST_CODE_GLOBS, {}).map((f) => f.path));
  const packageDirs = new Set([...pyPaths].filter((p) => p.endsWith('/__init__.py') || p === '__init__.py').map(dirOf));
  const entries: string[] = [];
  for (const f of nbs) entries.push(f.path);
  for (const p of pyPaths) {
    const x = facts.get(p);
    if (!x) continue;
    if (x.mainGuard || x.topLevelCall || isTest.has(p) || (packaged && packageDirs.has(dirOf(p)))) entries.push(p);
  }
  for (const m of commandMentions) entries.push(...resolveMention(m, 1));

  // Everything the entry points import or name, transitively.
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (p: string): void => {
    if (reached.has(p)) return;
    reached.add(p);
    queue.push(p);
    // Importing pkg/sub/mod.py runs pkg/__init__.py and pkg/sub/__init__.py first.
    for (let d = dirOf(p); d; d = dirOf(d)) {
      const init = join(d, '__init__.py');
      if (pyPaths.has(init) && init !== p) reach(init);
    }
  };
  for (const e of entries) reach(e);
  const imported = new Map<string, string[]>();
  /** Who imports or names whom, among reached files (for `reachersOf`). */
  const importedBy = new Map<string, Set<string>>();
  const edge = (from: string, to: string): void => {
    if (from === to) return;
    const set = importedBy.get(to) ?? new Set<string>();
    set.add(from);
    importedBy.set(to, set);
  };
  for (let q = 0; q < queue.length; q++) {
    const p = queue[q]!;
    const x = facts.get(p);
    if (!x) continue;
    const own: string[] = [];
    for (const imp of x.imports) {
      for (const t of importTargets(p, imp.module, imp.level, imp.names, pyPaths, moduleFiles)) {
        if (t !== p && own.length < MAX_RESOLVED && !own.includes(t)) own.push(t);
        edge(p, t);
        reach(t);
      }
    }
    if (own.length) imported.set(p, own);
    for (const m of x.mentions) {
      for (const t of resolveMention(m)) {
        edge(p, t);
        reach(t);
      }
    }
  }
  const reachersOf = (path: string): ReadonlySet<string> => {
    const out = new Set<string>();
    const todo = [path];
    for (let i = 0; i < todo.length && out.size < MAX_REACHERS; i++) {
      for (const from of importedBy.get(todo[i]!) ?? []) {
        if (from === path || out.has(from)) continue;
        out.add(from);
        todo.push(from);
      }
    }
    return out;
  };

  // Dead functions: top-level, undecorated, named nowhere else in reached code. When reached code calls functions by
  // names built at run time (`getattr(module, name)`, `fire.Fire()`), only private functions can be dead.
  const dynamic = [...reached].some((p) => facts.get(p)?.dynamicCalls);
  const candidates = new Map<string, Array<{ path: string; def: PyDef }>>();
  for (const p of reached) {
    const x = facts.get(p);
    if (!x || isTest.has(p)) continue; // test functions are called by the test runner
    const onlyPrivate = dynamic || (packaged && packageDirs.has(dirOf(p)));
    for (const def of x.defs) {
      if (def.decorated || def.name.startsWith('__') || (onlyPrivate && !def.name.startsWith('_'))) continue;
      if (commandWords.has(def.name)) continue;
      const arr = candidates.get(def.name) ?? [];
      arr.push({ path: p, def });
      candidates.set(def.name, arr);
    }
  }
  // A name seen outside a function's own body uses every function of that name but the one holding it (top-level
  // bodies of one file never overlap), so each name keeps at most one candidate after its first use: linear.
  if (candidates.size) {
    for (const p of reached) {
      const x = facts.get(p);
      if (!x) continue;
      for (const b of x.blocks) {
        for (const l of b.lines) {
          for (const w of lineIdentifiers(l.code, l.strings)) {
            const defs = candidates.get(w);
            if (!defs?.length) continue;
            const holder = defs.find(({ path, def }) => path === p && def.cell === b.cell && l.start >= def.start && l.start <= def.end);
            candidates.set(w, holder ? [holder] : []);
          }
        }
      }
    }
  }
  // Dead functions by file and cell, sorted by first line, for a binary search per matched line.
  const dead = new Map<string, Map<number | undefined, PyDef[]>>();
  for (const defs of candidates.values()) {
    for (const { path, def } of defs) {
      const byCell = dead.get(path) ?? new Map<number | undefined, PyDef[]>();
      dead.set(path, byCell);
      const arr = byCell.get(def.cell) ?? [];
      arr.push(def);
      byCell.set(def.cell, arr);
    }
  }
  for (const byCell of dead.values()) for (const arr of byCell.values()) arr.sort((a, b) => a.start - b.start);
  const deadAt = (path: string, line: number, cell?: number): PyDef | null => {
    const arr = dead.get(path)?.get(cell);
    if (!arr) return null;
    let lo = 0;
    let hi = arr.length - 1;
    let found: PyDef | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (arr[mid]!.start <= line) {
        found = arr[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && line <= found.end ? found : null;
  };

  const guardedAt = guardedLines(facts, reached, isTest, (p, imp) => importTargets(p, imp.module, imp.level, [], pyPaths, moduleFiles));

  return {
    judged: true,
    unread: [...unread],
    entries,
    reached: (path) => !pyPaths.has(path) || reached.has(path) || unread.has(path),
    deadAt,
    guardedAt,
    importsOf: (path) => imported.get(path) ?? [],
    reachersOf,
  };
}

interface Span {
  start: number;
  end: number;
  why: string;
}

/**
 * Lines of reached files that a constant test keeps from running, as disjoint spans per file and cell (an outer span
 * wins over the spans inside it), and a lookup by binary search.
 */
function guardedLines(
  facts: Map<string, PyFacts>,
  reached: Set<string>,
  isTest: Set<string>,
  importFiles: (from: string, imp: { module: string; level: number }) => string[],
): (path: string, line: number, cell?: number) => string | null {
  // Names non-test code sets on other objects, and whether some non-test code sets names it does not spell.
  const setNames = new Set<string>();
  let setsAny = false;
  for (const [p, x] of facts) {
    if (isTest.has(p)) continue;
    if (x.setsAnyName) setsAny = true;
    for (const n of x.setsAttributes) setNames.add(n);
  }
  const none = (): null => null;
  if (setsAny) return none;

  const constOf = (p: string, name: string, hops: number): (PyConst & { name: string }) | null => {
    const x = facts.get(p);
    if (!x || x.openNames || setNames.has(name) || x.bindCount.get(name) !== 1) return null;
    const c = x.consts.get(name);
    if (c) return { ...c, name };
    const imp = x.fromImports.get(name);
    if (!imp || hops >= MAX_CONST_HOPS) return null;
    const targets = [...new Set(importFiles(p, imp))];
    return targets.length === 1 && targets[0] !== p ? constOf(targets[0]!, imp.name, hops + 1) : null;
  };

  const spans = new Map<string, Map<number | undefined, Span[]>>();
  for (const p of reached) {
    const x = facts.get(p);
    if (!x) continue;
    for (const b of x.blocks) {
      if (!b.conds.length) continue;
      const out: Span[] = [];
      /** Each clause's constant value and how it reads (`WEAK_MODE = True`, `if True:`), when constant. */
      const known = new Map<PyCond, { value: boolean; shown: string; header: string }>();
      /** The clause of a chain that always runs, once one does. */
      const taken = new Map<PyCond, PyCond>();
      for (const c of b.conds) {
        if (c.prev) {
          const t = taken.get(c.prev) ?? (known.get(c.prev)?.value ? c.prev : undefined);
          if (t) {
            taken.set(c, t);
            const k = known.get(t)!;
            out.push({ start: c.start, end: c.end, why: `in the \`${c.kind}\` after \`${k.header}\`, which always runs${k.shown ? ` (${k.shown})` : ''}` });
            continue;
          }
        }
        const test = c.test;
        if (!test) continue;
        const neg = test.negated ? 'not ' : '';
        let value: boolean;
        let shown = '';
        let header: string;
        if ('name' in test) {
          const k = constOf(p, test.name, 0);
          if (!k) continue;
          value = k.value !== test.negated;
          shown = `${k.name} = ${k.text}`;
          header = `${c.kind} ${neg}${test.name}:`;
        } else {
          value = test.literal !== test.negated;
          header = `${c.kind} ${neg}${test.text}:`;
        }
        known.set(c, { value, shown, header });
        if (!value) {
          const start = c.inline ? c.start : c.headerEnd + 1;
          if (c.end >= start) out.push({ start, end: c.end, why: `inside \`${header}\`, which never runs${shown ? ` (${shown})` : ''}` });
        } else if (c.kind === 'if' && c.leaves && c.fn && c.fn.end > c.end) {
          const why = `an early ${c.leaves} that always runs (${shown || `\`${header}\``})`;
          out.push({ start: c.end + 1, end: c.fn.end, why: `after ${why}` });
          // Its first statement: the function does nothing, so its definition is no sign of the stage either.
          if (c.opensFn) out.push({ start: c.fn.start, end: c.fn.headerEnd, why: `a function that does nothing: it opens with ${why}` });
        }
      }
      if (!out.length) continue;
      const byCell = spans.get(p) ?? new Map<number | undefined, Span[]>();
      spans.set(p, byCell);
      byCell.set(b.cell, [...(byCell.get(b.cell) ?? []), ...out]);
    }
  }
  if (!spans.size) return none;
  for (const byCell of spans.values()) {
    for (const [cell, arr] of byCell) {
      arr.sort((a, b) => a.start - b.start || b.end - a.end);
      const merged: Span[] = [];
      for (const s of arr) {
        const last = merged[merged.length - 1];
        if (last && s.start <= last.end) {
          if (s.end > last.end) merged.push({ start: last.end + 1, end: s.end, why: s.why });
        } else merged.push(s);
      }
      byCell.set(cell, merged);
    }
  }
  return (path, line, cell) => {
    const arr = spans.get(path)?.get(cell);
    if (!arr) return null;
    let lo = 0;
    let hi = arr.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = arr[mid]!;
      if (line < s.start) hi = mid - 1;
      else if (line > s.end) lo = mid + 1;
      else return s.why;
    }
    return null;
  };
}

/** `from x import y` / `import x` at the start of a line of a README or script snippet. */
const IMPORT_LINE = /^\s*(?:>>>\s*)?(?:from|import)\s+([A-Za-z_][\w.]{0,200})/;

/** The files an import statement runs. */
function importTargets(from: string, module: string, level: number, names: string[], pyPaths: Set<string>, moduleFiles: (d: string) => string[]): string[] {
  const out: string[] = [];
  if (level > 0) {
    let base = dirOf(from);
    for (let i = 1; i < level; i++) base = dirOf(base);
    const target = module ? join(base, module.split('.').join('/')) : base;
    const add = (stem: string): void => {
      for (const c of [`${stem}.py`, join(stem, '__init__.py')]) if (pyPaths.has(c)) out.push(c);
    };
    if (module) add(target);
    else if (pyPaths.has(join(base, '__init__.py'))) out.push(join(base, '__init__.py'));
    for (const n of names) add(join(target, n));
    return out;
  }
  out.push(...moduleFiles(module));
  for (const n of names) out.push(...moduleFiles(`${module}.${n}`));
  return out;
}

/** Identifiers of a text, without a regex (long words cost one pass). */
function identifiers(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || (d >= 48 && d <= 57)) j++;
        else break;
      }
      if (j - i <= 100) out.push(text.slice(i, j));
      i = j;
    } else if (c >= 48 && c <= 57) {
      while (i < n && /\w/.test(text[i]!)) i++;
    } else i++;
  }
  return out;
}

function lineIdentifiers(code: string, strings: string[]): string[] {
  const out = identifiers(code);
  for (const s of strings) out.push(...identifiers(s));
  return out;
}
