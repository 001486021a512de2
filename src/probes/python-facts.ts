/**
 * What one Python file or notebook says about itself, read from its logical lines (python-lines.ts): the modules it
 * imports, whether it runs anything when executed (a `__main__` guard, top-level calls), its top-level functions and
 * where their bodies end, the names it binds, and the files and modules its strings and shell lines name.
 */
import type { TextFile } from '../types.js';
import { pythonLines, pyTokens, type PyLine, type Token } from './python-lines.js';
import { codeCells } from '../facts/notebooks.js';
import { conditionals, type PyCond } from './python-guards.js';

interface PyImport {
  /** Dotted module path without the leading dots (`''` for `from . import x`). */
  module: string;
  /** Leading dots of a relative import (0 = absolute). */
  level: number;
  /** Names imported by `from … import a, b` (empty for `import a.b`). */
  names: string[];
}

/** A top-level function: its name, where it is (cell for notebooks) and the lines its body spans. */
export interface PyDef {
  name: string;
  cell?: number;
  start: number;
  end: number;
  decorated: boolean;
}

/** One block of logical lines: a whole .py file, or one notebook code cell. */
interface PyBlock {
  cell?: number;
  lines: PyLine[];
  /** Its `if` / `elif` / `else` clauses (python-guards.ts). */
  conds: PyCond[];
}

/** A module-level name bound to one literal (`WEAK_MODE = True`, `DEBUG = 0`): its truth and how it is written. */
export interface PyConst {
  value: boolean;
  text: string;
}

export interface PyFacts {
  blocks: PyBlock[];
  imports: PyImport[];
  /** `if __name__ == "__main__":` */
  mainGuard: boolean;
  /**
   * Code outside any def/class body does work when the file runs: a call, a loop, an assignment computed from other
   * names (a script run top to bottom). Imports, definitions and constants (`LR = 0.01`) do not.
   */
  topLevelCall: boolean;
  defs: PyDef[];
  /** Names bound anywhere in the file (assigned, imported, defined, parameters, loop and `as` targets). */
  bound: Set<string>;
  /** Names may come from where this scan cannot see (`from x import *`, `exec(`, `%run`, `globals()`): every name counts as bound. */
  openNames: boolean;
  /** Python files (`*.py`) and modules (`-m a.b`, `a.b:app`, dotted strings) named by its strings and shell lines. */
  mentions: string[];
  /** Functions may be called by a name built at run time (`getattr(`, `globals(`, `fire.Fire(`, `import_module(`). */
  dynamicCalls: boolean;
  /**
   * How many statements bind each name (assignments, imports, defs, loop and `as` targets, `global`, parameter names —
   * not the names read in defaults or annotations).
   */
  bindCount: Map<string, number>;
  /** Names bound by an assignment of one literal at module level (indentation 0). */
  consts: Map<string, PyConst>;
  /** Names bound by `from <module> import <name> [as <local>]`, by local name. */
  fromImports: Map<string, { module: string; level: number; name: string }>;
  /** Names this file sets on another object: `cfg.FLAG = …`, `setattr(cfg, "FLAG", …)`, `monkeypatch.setattr("a.FLAG", …)`. */
  setsAttributes: Set<string>;
  /** Sets names it does not spell (`setattr(obj, key, …)`, `globals()[…]`, `__dict__`): any module name may change. */
  setsAnyName: boolean;
}

/** Builtins that reach functions by a name built at run time (not `model.eval()`), and library calls that do. */
const DYNAMIC_BUILTINS = new Set(['getattr', 'globals', 'locals', 'vars', '__import__', 'exec', 'eval']);
const DYNAMIC_ATTRS = new Set(['Fire', 'import_module']);

const MAX_MENTIONS = 200;

/** Facts of a Python file or a notebook (code cells; `!`/`%` lines read as shell commands). */
export function pythonFacts(file: TextFile): PyFacts {
  const blocks: Array<Omit<PyBlock, 'conds'>> = file.cells
    ? codeCells(file).map((c) => ({ cell: c.index, lines: pythonLines(c.source, true) }))
    : [{ lines: pythonLines(file.text) }];
  const facts: PyFacts = {
    blocks: blocks.map((b) => ({ ...b, conds: [] })),
    imports: [],
    mainGuard: false,
    topLevelCall: false,
    defs: [],
    bound: new Set(),
    openNames: false,
    mentions: [],
    dynamicCalls: false,
    bindCount: new Map(),
    consts: new Map(),
    fromImports: new Map(),
    setsAttributes: new Set(),
    setsAnyName: false,
  };
  for (const b of facts.blocks) {
    // A `%%bash` / `%%script` cell is a shell script: it names scripts (`python train.py`), it is not Python.
    const first = b.lines[0];
    if (first?.magic && first.code.startsWith('%%')) {
      const cell = file.cells!.find((c) => c.index === b.cell);
      if (cell) addMentions(cell.source, facts);
      b.lines = [];
      continue;
    }
    readBlock(b, facts);
  }
  return facts;
}

function readBlock(block: PyBlock, f: PyFacts): void {
  const lines = block.lines;
  /** Inside the body of a top-level def or class (its lines are not top-level code). */
  let inBody = false;
  let openDef: PyDef | null = null;
  let decorated = false;
  const items: Array<{ line: PyLine; toks: Token[] }> = [];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    for (const s of l.strings) addMentions(s, f);
    if (l.magic) {
      addMentions(l.code, f);
      if (/^%(?:run|store|load|aimport|autoreload)\b/.test(l.code)) f.openNames = true;
      items.push({ line: l, toks: [] });
      continue;
    }
    const toks = pyTokens(l.code);
    if (!toks.length) continue;
    items.push({ line: l, toks });
    if (l.indent === 0) readConst(toks, f);
    readSetters(toks, l.strings, f);
    const first = toks[0]!.text;
    if (l.indent === 0) {
      if (openDef) {
        openDef.end = l.start - 1;
        openDef = null;
      }
      inBody = false;
      if (first === '@') {
        decorated = true;
      } else if (first === 'def' || (first === 'async' && toks[1]?.text === 'def') || first === 'class') {
        inBody = true;
        const name = toks[first === 'async' ? 2 : 1];
        if (first !== 'class' && name?.kind === 'name') {
          openDef = { name: name.text, ...(block.cell !== undefined ? { cell: block.cell } : {}), start: l.start, end: Number.MAX_SAFE_INTEGER, decorated };
          f.defs.push(openDef);
        }
        decorated = false;
      } else {
        decorated = false;
        if (first === 'if' && isMainGuard(toks, l.strings)) f.mainGuard = true;
      }
    }
    readStatement(toks, f);
    if (!inBody && !f.topLevelCall && doesWork(toks)) f.topLevelCall = true;
  }
  if (openDef) openDef.end = lines.length ? lines[lines.length - 1]!.end : openDef.start;
  block.conds = conditionals(items);
}

/** `NAME = <literal>` / `NAME: bool = <literal>` at module level: True, False, None or a number. */
function readConst(toks: Token[], f: PyFacts): void {
  const name = toks[0]!;
  if (name.kind !== 'name') return;
  let k = 1;
  if (toks[k]?.text === ':') {
    k++;
    while (k < toks.length && toks[k]!.text !== '=') k++;
  }
  if (toks[k]?.text !== '=' || toks.length !== k + 2) return;
  const v = toks[k + 1]!;
  let value: boolean | null = null;
  if (v.text === 'True' || v.text === 'False' || v.text === 'None') value = v.text === 'True';
  else if (v.kind === 'number') {
    const n = Number(v.text.replace(/_/g, ''));
    if (!Number.isNaN(n)) value = n !== 0;
  }
  if (value !== null) f.consts.set(name.text, { value, text: v.text });
}

/** Names set on other objects (`a.NAME = …`, `setattr(a, "NAME", …)`), and setters whose name is not spelt. */
function readSetters(toks: Token[], strings: string[], f: PyFacts): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== 'name') continue;
    if (t.text === '__dict__' || (t.text === 'globals' && toks[i + 1]?.text === '(')) f.setsAnyName = true;
    if (t.text === 'setattr' && toks[i + 1]?.text === '(') {
      // setattr(obj, "NAME", v) / monkeypatch.setattr("pkg.mod.NAME", v) / monkeypatch.setattr(mod, "NAME", v)
      const args = splitTop(toks.slice(i + 2, i + 66), ','); // the first arguments are enough: bounded per call
      const named = args.slice(0, 2).find((a) => a.length === 1 && a[0]!.kind === 'string');
      if (!named) {
        // setattr(self, key, value): an instance's attributes, not a module's names.
        const target = args[0]?.length === 1 ? args[0][0]!.text : '';
        if (target !== 'self' && target !== 'cls') f.setsAnyName = true;
        continue;
      }
      for (const s of strings) f.setsAttributes.add(s.slice(s.lastIndexOf('.') + 1));
    }
  }
}

/** `if __name__ == "__main__":` (string contents are set apart from the code by the line reader). */
function isMainGuard(toks: Token[], strings: string[]): boolean {
  return toks.some((t) => t.kind === 'name' && t.text === '__name__') && strings.includes('__main__');
}

const KEYWORDS_BEFORE_PAREN = new Set(['if', 'elif', 'while', 'for', 'in', 'not', 'and', 'or', 'return', 'yield', 'assert', 'del', 'with', 'as', 'is', 'lambda', 'else', 'await', 'import', 'from', 'raise', 'except']);

/** Statements that never do work by themselves (their bodies are judged line by line). */
const INERT = new Set(['import', 'from', 'def', 'class', 'async', '@', 'pass', 'global', 'nonlocal', 'try', 'except', 'finally', 'else', 'elif', 'if', 'return', 'raise', 'del', 'assert', 'break', 'continue', 'match', 'case']);
const LITERAL_NAMES = new Set(['True', 'False', 'None']);

/** Whether a top-level statement does work: a call, a loop, a `with`, or an assignment computed from other names. */
function doesWork(toks: Token[]): boolean {
  const first = toks[0]!;
  if (first.text === 'for' || first.text === 'while' || first.text === 'with') return true;
  if (hasCall(toks)) return true;
  if (INERT.has(first.text)) return false;
  // Assignments: `x = <value>`; augmented ones (`total += r`) always compute.
  let depth = 0;
  let eq = -1;
  for (let i = 0; i < toks.length; i++) {
    const x = toks[i]!.text;
    if (x === '(' || x === '[' || x === '{') depth++;
    else if (x === ')' || x === ']' || x === '}') depth--;
    else if (depth === 0 && x === '=') eq = i;
    else if (depth === 0 && x.length >= 2 && x.endsWith('=') && !['==', '!=', '<=', '>=', ':='].includes(x)) return true;
  }
  if (eq < 0) return false; // a bare expression without a call (a docstring, a name) does nothing
  const value = toks.slice(eq + 1);
  // A constant: literals only, or one (dotted) name used as an alias.
  const literal = value.every((t) => t.kind === 'number' || t.kind === 'string' || LITERAL_NAMES.has(t.text) || (t.kind === 'op' && '()[]{},:-'.includes(t.text)));
  const alias = value.length % 2 === 1 && value.every((t, i) => (i % 2 === 0 ? t.kind === 'name' : t.text === '.'));
  return !literal && !alias;
}

/** A call: a name, `)` or `]` directly followed by `(` (not a def/class header). */
function hasCall(toks: Token[]): boolean {
  if (toks[0]!.text === 'def' || toks[0]!.text === 'class' || (toks[0]!.text === 'async' && toks[1]?.text === 'def')) return false;
  for (let i = 1; i < toks.length; i++) {
    if (toks[i]!.text !== '(') continue;
    const p = toks[i - 1]!;
    if ((p.kind === 'name' && !KEYWORDS_BEFORE_PAREN.has(p.text)) || p.text === ')' || p.text === ']') return true;
  }
  return false;
}

/** Imports, bindings and name sources of one logical line (any indentation). */
function readStatement(toks: Token[], f: PyFacts): void {
  const first = toks[0]!.text;
  if (first === 'import') {
    // import a.b as c, d
    for (const part of splitTop(toks.slice(1), ',')) {
      const asAt = part.findIndex((t) => t.text === 'as');
      const path = dotted(asAt < 0 ? part : part.slice(0, asAt));
      if (!path) continue;
      f.imports.push({ module: path, level: 0, names: [] });
      const alias = asAt >= 0 ? part[asAt + 1] : part[0];
      if (alias?.kind === 'name') bindName(f, alias.text);
    }
    return;
  }
  if (first === 'from') {
    const at = toks.findIndex((t) => t.text === 'import');
    if (at < 0) return;
    let level = 0;
    let k = 1;
    for (; k < at && (toks[k]!.text === '.' || toks[k]!.text === '...'); k++) level += toks[k]!.text.length;
    const module = dotted(toks.slice(k, at)) ?? '';
    const names: string[] = [];
    for (const part of splitTop(toks.slice(at + 1).filter((t) => t.text !== '(' && t.text !== ')'), ',')) {
      if (part[0]?.text === '*') {
        f.openNames = true;
        continue;
      }
      const asAt = part.findIndex((t) => t.text === 'as');
      const name = part[0];
      if (name?.kind !== 'name') continue;
      names.push(name.text);
      const alias = asAt >= 0 ? part[asAt + 1] : name;
      if (alias?.kind === 'name') {
        bindName(f, alias.text);
        f.fromImports.set(alias.text, { module, level, name: name.text });
      }
    }
    f.imports.push({ module, level, names });
    return;
  }
  bindings(toks, f);
}

function bindName(f: PyFacts, name: string): void {
  f.bound.add(name);
  f.bindCount.set(name, (f.bindCount.get(name) ?? 0) + 1);
}

/** Names a statement binds; flags code that binds names out of sight. */
function bindings(toks: Token[], f: PyFacts): void {
  const b = f.bound;
  const bind = (name: string): void => {
    b.add(name);
    f.bindCount.set(name, (f.bindCount.get(name) ?? 0) + 1);
  };
  const n = toks.length;
  let depth = 0;
  let stmtStart = 0;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const x = t.text;
    if (x === '(' || x === '[' || x === '{') depth++;
    else if (x === ')' || x === ']' || x === '}') depth = Math.max(0, depth - 1);
    if (t.kind === 'name') {
      if ((x === 'exec' || x === 'globals' || x === 'locals' || x === 'vars' || x === '__import__') && toks[i + 1]?.text === '(') f.openNames = true;
      if (toks[i + 1]?.text === '(' && (DYNAMIC_ATTRS.has(x) || (DYNAMIC_BUILTINS.has(x) && toks[i - 1]?.text !== '.'))) f.dynamicCalls = true;
      if ((x === 'def' || x === 'class') && toks[i + 1]?.kind === 'name') {
        bind(toks[i + 1]!.text);
        // Every name in the parameter list (annotations and defaults too: generous, never stricter than Python).
        if (x === 'def' && toks[i + 2]?.text === '(') {
          for (let j = i + 3, d = 1; j < n && d > 0; j++) {
            const y = toks[j]!.text;
            if (y === '(' || y === '[' || y === '{') d++;
            else if (y === ')' || y === ']' || y === '}') d--;
            else if (toks[j]!.kind === 'name') {
              // Counted as a binding: the parameter's own name (after `(`, `,`, `*`, `**`), not a default's names.
              const before = toks[j - 1]!.text;
              if (d === 1 && (before === '(' || before === ',' || before === '*' || before === '**')) bind(y);
              else b.add(y);
            }
          }
        }
      } else if (x === 'lambda') {
        for (let j = i + 1; j < n && toks[j]!.text !== ':'; j++) if (toks[j]!.kind === 'name') bind(toks[j]!.text);
      } else if (x === 'for') {
        for (let j = i + 1; j < n && toks[j]!.text !== 'in'; j++) if (toks[j]!.kind === 'name') bind(toks[j]!.text);
      } else if (x === 'as' && toks[i + 1]?.kind === 'name') {
        bind(toks[i + 1]!.text);
      } else if ((x === 'global' || x === 'nonlocal') && i === stmtStart) {
        for (let j = i + 1; j < n && toks[j]!.text !== ';'; j++) if (toks[j]!.kind === 'name') bind(toks[j]!.text);
      } else if (toks[i + 1]?.text === ':=') {
        bind(x);
      }
      continue;
    }
    if (depth > 0) continue;
    if (x === ';') stmtStart = i + 1;
    else if (x === '=' || (x.length >= 2 && x.endsWith('=') && x !== '==' && x !== '!=' && x !== '<=' && x !== '>=' && x !== ':=')) {
      // Targets: every name from the statement start to this `=` that is not an attribute (`self.x`) — tuples and
      // starred targets included.
      for (let j = stmtStart; j < i; j++) {
        if (toks[j]!.kind !== 'name') continue;
        if (j === stmtStart && toks[j + 1]?.text === ':') continue; // `x: int = 3`: bound at its `:`
        if (toks[j - 1]?.text !== '.') bind(toks[j]!.text);
        else if (toks[j + 1]?.text === '=' || (toks[j + 1]?.text.endsWith('=') && j + 1 === i)) f.setsAttributes.add(toks[j]!.text); // cfg.FLAG = …
      }
      if (x === '=') stmtStart = i + 1; // a = b = c
    } else if (x === ':' && i > stmtStart && toks[stmtStart]!.kind === 'name' && i === stmtStart + 1) {
      bind(toks[stmtStart]!.text); // annotated name: `x: int = 3`
    }
  }
}

/** Splits tokens on a separator at bracket depth 0. */
export function splitTop(toks: Token[], sep: string): Token[][] {
  const out: Token[][] = [[]];
  let d = 0;
  for (const t of toks) {
    if (t.text === '(' || t.text === '[' || t.text === '{') d++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') d--;
    if (d === 0 && t.text === sep) {
      out.push([]);
      continue;
    }
    out[out.length - 1]!.push(t);
  }
  return out.filter((p) => p.length);
}

/** `a . b . c` → "a.b.c"; null when the tokens are not a dotted name. */
function dotted(toks: Token[]): string | null {
  if (!toks.length || toks.length % 2 === 0) return null;
  for (let i = 0; i < toks.length; i++) if (i % 2 === 0 ? toks[i]!.kind !== 'name' : toks[i]!.text !== '.') return null;
  return toks.map((t) => t.text).join('');
}

const WORD_SPLIT = /[^\w./:-]+/;
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

/**
 * Files and modules a text names: `*.py` paths, `-m a.b`, `a.b:app` (uvicorn, console scripts) and dotted names
 * (`mysite.urls`, `handler.main`). Split into words first, so no pattern runs over a long word.
 */
export function mentionsIn(text: string, max = MAX_MENTIONS): string[] {
  const out: string[] = [];
  const words = text.slice(0, 100_000).split(WORD_SPLIT);
  for (let i = 0; i < words.length && out.length < max; i++) {
    let w = words[i]!;
    if (!w || w.length > 300) continue;
    while (w.startsWith('./')) w = w.slice(2);
    w = trimEnd(w, '.:');
    if (w.endsWith('.py')) {
      out.push(w);
      continue;
    }
    const colon = w.indexOf(':');
    const head = colon > 0 ? w.slice(0, colon) : w;
    if (DOTTED.test(head) || (colon > 0 && /^[A-Za-z_]\w*$/.test(head))) out.push(`module:${head}`);
    else if (words[i - 1] === '-m' && /^[A-Za-z_]\w*$/.test(head)) out.push(`module:${head}`);
  }
  return out;
}

function addMentions(text: string, f: PyFacts): void {
  if (f.mentions.length >= MAX_MENTIONS) return;
  for (const m of mentionsIn(text)) if (f.mentions.length < MAX_MENTIONS) f.mentions.push(m);
}

/** `text` without the trailing characters listed in `chars` (no regex: a run of them costs one pass). */
export function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
