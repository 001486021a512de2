/**
 * Stub functions (Python): a `def` whose body does none of its work — only a docstring, `pass`, `...`, logging or
 * printing, constants assigned or returned (`x = 1`, `return {"bleu": 0.0}`), and `raise NotImplementedError` — or
 * whose body always raises NotImplementedError (one at the body's own level, with no `return` / `yield` before it: a
 * dispatcher that returns in its branches and raises for the rest is no stub). A scaffold of such functions named
 * `evaluate`, `compute_bleu` or `encode` is no evaluation and no preprocessing (issue #11, "Evidence must be
 * substance"; set 56: a platform whose every function raised NotImplementedError under a docstring made three stages).
 *
 * Lines are the code probe's (comments dropped, indentation kept). Bounded: at most MAX_BODY lines of a body are
 * looked at; a body longer than that, a header not closed within it, or one split over notebook cells is not a stub.
 */
import type { ScanLine } from '../facts/code-lines.js';
import { bracketDepth, headerEnd, indentOf } from './block-header.js';

const MAX_BODY = 400;
/** A function definition: its name in group 1. */
const DEF_HEADER = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/;
/** `raise NotImplementedError`, `raise NotImplementedError("…")`, `raise NotImplemented`. */
const RAISE_STUB = /^raise\s+NotImplemented(?:Error)?\b/;
/** A statement that only logs, prints or warns: `logger.info(…)`, `logging.warning(…)`, `self.log.debug(…)`, `print(…)`, `warnings.warn(…)`. */
const LOGS = /^(?:print|(?:(?:self\.)?_?(?:logger|logging|log|LOGGER|LOG)|warnings)\.(?:debug|info|warning|warn|error|critical|exception|log))\s*\(/;
/** A literal: a number, a string, None / True / False, or a list, tuple, set or dict of them (checked with names and calls emptied). */
const LITERAL_ATOM = /(?:[rRbBuUfF]{0,2}(?:"[^"\n]*"|'[^'\n]*')|-?\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|None|True|False)/g;
/** What remains of a literal once its atoms are emptied: brackets, commas, colons, blanks. */
const LITERAL_REST = /^[\s()[\]{},:]*$/;


/** Whether an expression is a constant: `0.0`, `"x"`, `None`, `{"bleu": 0.0}`, `[]`, `(1, 2)`. */
function isLiteral(expr: string): boolean {
  const e = expr.trim();
  if (!e) return true;
  return LITERAL_REST.test(e.replace(LITERAL_ATOM, ''));
}

/** A triple quote opening a bare string statement (a docstring): the quote, or null. */
function tripleStart(text: string): string | null {
  const m = /^[rRbBuUfF]{0,2}("""|''')/.exec(text);
  return m ? m[1]! : null;
}

/**
 * What one statement of a body is: idle (no work), `raise` (raise NotImplementedError), `return` (a return or yield
 * of something not constant: the function hands back a result) or `work`.
 */
function kindOf(stmt: string): 'idle' | 'raise' | 'return' | 'work' {
  const s = stmt.trim();
  if (s === 'pass' || s === '...' || /^[rRbBuUfF]{0,2}(?:"""|'''|"|')/.test(s)) return 'idle';
  if (RAISE_STUB.test(s)) return 'raise';
  if (LOGS.test(s)) return 'idle';
  const ret = /^(?:return|yield)\b(.*)$/s.exec(s);
  if (ret) return isLiteral(ret[1]!) ? 'idle' : 'return';
  // `x = 1`, `self.ready: bool = False`, `a = b = None`: a constant put in a name.
  const asg = /^(?:[\w.]+\s*(?::\s*[\w.[\], ]+)?=(?!=)\s*)+(.*)$/s.exec(s);
  if (asg && isLiteral(asg[1]!)) return 'idle';
  return 'work';
}

/**
 * Whether the `def` on line `at` is a stub (see the file's comment). Null when line `at` is no `def`, or when the body
 * cannot be judged (a header not closed, a body past MAX_BODY lines).
 */
export function isStubDef(lines: readonly ScanLine[], at: number): boolean | null {
  const h = lines[at];
  const head = h ? DEF_HEADER.exec(h.text) : null;
  if (!h || !head) return null;
  // The header may go on over several lines (`def f(a,` … `) -> dict:`).
  const end = headerEnd(lines, at, MAX_BODY);
  if (end === null) return null;
  const last = lines[end]!.text.trimEnd();
  const ind = indentOf(h.text);
  const stmts: { text: string; top: boolean }[] = [];
  if (!last.endsWith(':')) {
    // A one-line body after the header's colon (`def f(x): pass`).
    const colon = last.lastIndexOf(':');
    stmts.push({ text: last.slice(colon + 1), top: true });
  } else {
    let bodyIndent = -1;
    let open: string | null = null;
    let stmt = '';
    let stmtDepth = 0;
    let stmtTop = false;
    for (let k = end + 1; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.cell !== h.cell) break;
      if (k - end > MAX_BODY) return null;
      const text = l.text;
      if (open) {
        if (text.includes(open)) open = null;
        continue;
      }
      if (!text.trim()) continue;
      if (stmtDepth > 0) {
        stmt += ' ' + text.trim();
        stmtDepth += bracketDepth(text);
        if (stmtDepth <= 0) stmts.push({ text: stmt, top: stmtTop });
        continue;
      }
      const li = indentOf(text);
      if (li <= ind) break;
      if (bodyIndent < 0) bodyIndent = li;
      const t = text.trim();
      const q = tripleStart(t);
      if (q) {
        // A bare string over several lines: skip to its closing quote.
        if (t.split(q).length % 2 === 0) open = q;
        stmts.push({ text: '""', top: li === bodyIndent });
        continue;
      }
      stmtTop = li === bodyIndent;
      stmt = t;
      stmtDepth = bracketDepth(t);
      if (stmtDepth <= 0) stmts.push({ text: stmt, top: stmtTop });
    }
    if (stmtDepth > 0) stmts.push({ text: stmt, top: stmtTop });
  }
  let work = false;
  let returned = false;
  for (const s of stmts) {
    // Block headers (`if x:`, `for …:`, `try:`, `with …:`) are judged by the statements they hold, save a call in
    // their own line (`with open(p) as f:`, `for x in load():`).
    const t = s.text.trim();
    if (/^(?:if|elif|else|for|while|try|except|finally|with|async\s+(?:for|with))\b[^\n]*:$/.test(t)) {
      const cond = t.replace(/:$/, '');
      if (/\w\s*\(/.test(cond.replace(/^\w+\b/, '')) && !/^(?:else|try|finally)$/.test(cond)) work = true;
      continue;
    }
    const k = kindOf(t);
    if (k === 'raise' && s.top && !returned) return true;
    // Any way out before the raise (`return None` in a branch, `if k == "a": return A()`) makes it a dispatcher's.
    if (/(?:^|:\s*)(?:return|yield)\b/.test(t)) returned = true;
    if (k === 'work' || k === 'return') work = true;
  }
  return !work;
}

/** The name a `def` line defines, or null. */
function defName(text: string): string | null {
  return DEF_HEADER.exec(text)?.[2] ?? null;
}

/** Whether a match starting at `index` of a `def` line is the name the line defines (`def compute_bleu(`: a definition, not a call). */
export function matchIsDefName(text: string, index: number): boolean {
  const m = DEF_HEADER.exec(text);
  if (!m) return false;
  const at = text.indexOf(m[2]!, m[1]!.length);
  return index === at;
}

/** Per file (its lines): the line indexes of each `def name(`. */
const defsByFile = new WeakMap<readonly ScanLine[], Map<string, number[]>>();
/** Per file: whether each def (by line index) is a stub. */
const stubByFile = new WeakMap<readonly ScanLine[], Map<number, boolean>>();

export function defsIn(lines: readonly ScanLine[]): Map<string, number[]> {
  let m = defsByFile.get(lines);
  if (m) return m;
  m = new Map();
  for (let i = 0; i < lines.length; i++) {
    const name = defName(lines[i]!.text);
    if (!name) continue;
    const list = m.get(name);
    if (list) list.push(i);
    else m.set(name, [i]);
  }
  defsByFile.set(lines, m);
  return m;
}

export function stubAt(lines: readonly ScanLine[], i: number): boolean {
  let m = stubByFile.get(lines);
  if (!m) stubByFile.set(lines, (m = new Map()));
  let v = m.get(i);
  if (v === undefined) m.set(i, (v = isStubDef(lines, i) === true));
  return v;
}

/** The first bare or `self.` call in a matched text: `evaluate(` in `evaluate(model, val_loader`, `self.encode(`. */
const OWN_CALL = /(?:^|[^\w.]|\bself\.)(\w+)\s*\(/;

/**
 * Why a pattern's match on a Python line is no substance, or null when it may count: the match is the name a `def`
 * line defines and the pattern is no definition's (its regex does not say `def`); the `def` it matches is a stub; or it
 * calls (bare or through `self.`) a function of the file's own whose every definition is a stub.
 */
export function stubOf(lines: readonly ScanLine[], text: string, idx: number, mm: RegExpExecArray, regex: string): string | null {
  if (defName(text) !== null) {
    if (!/\bdef\b/.test(regex) && matchIsDefName(text, mm.index)) return 'a definition, not a call';
    if (stubAt(lines, idx)) return 'a stub: its body only raises NotImplementedError, logs, passes or returns a constant';
    return null;
  }
  const call = OWN_CALL.exec(mm[0]);
  const defs = call ? defsIn(lines).get(call[1]!) : undefined;
  if (defs?.length && defs.every((d) => stubAt(lines, d))) return `\`${call![1]}\` is a stub in this file: its body only raises NotImplementedError, logs, passes or returns a constant`;
  return null;
}

/** The name of the first bare call in a matched text (`compute_bleu` in `compute_bleu(preds, refs)`), or null. */
export function bareCallName(matched: string): string | null {
  const m = /(?:^|[^\w.])(\w+)\s*\(/.exec(matched);
  return m ? m[1]! : null;
}

/** Whether a file's lines import `name` by name from a module (`from metrics import compute_bleu, evaluate`). */
export function importsName(lines: readonly ScanLine[], name: string): boolean {
  const re = new RegExp(`^\\s*from\\s+[\\w.]+\\s+import\\s+[^\\n]*\\b${name}\\b`);
  return lines.some((l) => l.text.length <= 2000 && re.test(l.text));
}
