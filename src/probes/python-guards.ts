/**
 * Conditionals whose test may be a constant, read from the logical lines of one Python block (a file or a notebook
 * cell): `if True:` / `if 0:` / `if not False:` / `if FLAG:` / `if not FLAG:`, their `elif` / `else` clauses, where each
 * body ends, whether the body always leaves the function (a `return` or `raise` among its own statements), and the
 * function it guards when it sits directly in a function body (and whether it is that function's first statement). Whether `FLAG` is a constant is decided by the reach
 * (code-reach.ts), which sees every file; this module only records the shapes. One pass with stacks: linear.
 */
import type { PyLine, Token } from './python-lines.js';

/** A function (any depth): where its body ends. */
interface PyScope {
  start: number;
  headerEnd: number;
  end: number;
}

/** The test of an `if` / `elif`: a literal (`True`, `0`) or one name, possibly negated. `else` has none. */
export type PyTest = { literal: boolean; text: string; negated: boolean } | { name: string; negated: boolean };

export interface PyCond {
  kind: 'if' | 'elif' | 'else';
  /** Null when the test is not one literal or one name (`if a and b:`), or for `else`. */
  test: PyTest | null;
  /** Physical lines of the header and of the whole clause (header to the end of its body). */
  start: number;
  headerEnd: number;
  end: number;
  /** The body is on the header line (`if FLAG: return None`). */
  inline: boolean;
  /** The body's own statements include a `return` / `raise` ("return" or "raise"; null when neither). */
  leaves: 'return' | 'raise' | null;
  /** The function this clause sits directly in (its body's own statement), when it does. */
  fn: PyScope | null;
  /** It is that function's first statement (a docstring aside). */
  opensFn: boolean;
  /** The clause before this one in its `if` / `elif` / `else` chain (null for `if`). */
  prev: PyCond | null;
}

const NAME_KEYWORDS = new Set(['True', 'False', 'None', 'not', 'and', 'or', 'is', 'in', 'lambda', 'await', 'yield']);

/** The test of `if <tokens>:` when it is one literal or one name, with an optional leading `not`. */
function readTest(toks: Token[]): PyTest | null {
  let negated = false;
  let k = 0;
  if (toks[k]?.text === 'not') {
    negated = true;
    k++;
  }
  if (toks.length !== k + 1) return null;
  const t = toks[k]!;
  if (t.text === 'True' || t.text === 'False' || t.text === 'None') return { literal: t.text === 'True', text: t.text, negated };
  if (t.kind === 'number') {
    const v = Number(t.text.replace(/_/g, ''));
    if (Number.isNaN(v)) return null;
    return { literal: v !== 0, text: t.text, negated };
  }
  if (t.kind === 'name' && !NAME_KEYWORDS.has(t.text)) return { name: t.text, negated };
  return null;
}

/** Index of the `:` closing a compound header (depth 0; `:=` is its own token). -1 when none. */
function headerColon(toks: Token[]): number {
  let d = 0;
  for (let i = 1; i < toks.length; i++) {
    const x = toks[i]!.text;
    if (x === '(' || x === '[' || x === '{') d++;
    else if (x === ')' || x === ']' || x === '}') d--;
    else if (d === 0 && x === ':') return i;
    else if (d === 0 && x === 'lambda') return -1; // a lambda's colon: not a shape this reads
  }
  return -1;
}

interface Open {
  indent: number;
  /** Indentation of the body's first statement (its own statements). */
  bodyIndent: number | null;
  cond: PyCond | null;
  fn: PyScope | null;
  /** A function's first statement (a docstring aside) has been seen. */
  started: boolean;
}

/** The conditionals of one block of logical lines (tokens given alongside, as the caller already has them). */
export function conditionals(items: Array<{ line: PyLine; toks: Token[] }>): PyCond[] {
  const out: PyCond[] = [];
  const open: Open[] = [];
  /** Open `if` / `elif` chains by indentation (innermost last), for the `elif` / `else` that continues them. */
  const chains: Array<{ indent: number; cond: PyCond }> = [];
  let lastEnd = 0;
  const close = (o: Open): void => {
    if (o.cond && !o.cond.inline) o.cond.end = Math.max(o.cond.headerEnd, lastEnd);
    if (o.fn) o.fn.end = Math.max(o.fn.start, lastEnd);
  };
  for (const { line: l, toks } of items) {
    if (!toks.length && !l.magic) continue;
    while (open.length && open[open.length - 1]!.indent >= l.indent) close(open.pop()!);
    const parent = open[open.length - 1];
    if (parent && parent.bodyIndent === null) parent.bodyIndent = l.indent;
    const own = parent && parent.bodyIndent === l.indent ? parent : null;
    const first = toks[0]?.text ?? '';
    const docstring = toks.length === 1 && toks[0]!.kind === 'string';
    const opensFn = !!own?.fn && !own.started && !docstring;
    if (opensFn) own!.started = true;
    if (own?.cond && !own.cond.leaves && (first === 'return' || first === 'raise')) own.cond.leaves = first;
    const clause = first === 'if' || first === 'elif' || first === 'else' ? first : null;
    if (clause !== 'elif' && clause !== 'else') while (chains.length && chains[chains.length - 1]!.indent >= l.indent) chains.pop();
    else while (chains.length && chains[chains.length - 1]!.indent > l.indent) chains.pop();
    if (clause && !l.magic) {
      const colon = headerColon(toks);
      const prevClause = clause === 'if' ? null : chains.length && chains[chains.length - 1]!.indent === l.indent ? chains[chains.length - 1]!.cond : null;
      if (colon > 0 && (clause === 'if' || prevClause)) {
        const tail = toks.slice(colon + 1);
        const inline = tail.length > 0;
        const tailFirst = tail[0]?.text;
        const cond: PyCond = {
          kind: clause,
          test: clause === 'else' ? null : readTest(toks.slice(1, colon)),
          start: l.start,
          headerEnd: l.end,
          end: l.end,
          inline,
          leaves: inline && (tailFirst === 'return' || tailFirst === 'raise') ? tailFirst : null,
          fn: own?.fn && !own.cond ? own.fn : null,
          opensFn,
          prev: prevClause,
        };
        out.push(cond);
        if (chains.length && chains[chains.length - 1]!.indent === l.indent) chains.pop();
        if (clause !== 'else') chains.push({ indent: l.indent, cond });
        if (!inline) open.push({ indent: l.indent, bodyIndent: null, cond, fn: null, started: false });
        lastEnd = l.end;
        continue;
      }
    }
    if (first === 'def' || (first === 'async' && toks[1]?.text === 'def')) {
      const colon = headerColon(toks.slice(0));
      if (colon > 0 && colon === toks.length - 1) {
        open.push({ indent: l.indent, bodyIndent: null, cond: null, fn: { start: l.start, headerEnd: l.end, end: Number.MAX_SAFE_INTEGER }, started: false });
      }
    } else if (toks.length && toks[toks.length - 1]!.text === ':' && headerColon(toks) === toks.length - 1) {
      // Any other compound statement (for, while, with, try, class…): its body is not the function's own statements.
      open.push({ indent: l.indent, bodyIndent: null, cond: null, fn: null, started: false });
    }
    lastEnd = l.end;
  }
  while (open.length) close(open.pop()!);
  return out;
}
