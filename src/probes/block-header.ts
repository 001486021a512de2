/**
 * Where a Python block header ends, on the code probe's lines (comments dropped, indentation kept): a header that goes
 * on over several lines (`def train(model: nn.Module,` … `) -> float:`) ends where its brackets close. Shared by the
 * readings of a function's body (loop-context.ts, whether it does work; stub-body.ts, whether it is a stub).
 */
import type { ScanLine } from '../facts/code-lines.js';

/** Columns of leading blanks (spaces and tabs). */
export function indentOf(text: string): number {
  let n = 0;
  while (n < text.length && (text[n] === ' ' || text[n] === '\t')) n++;
  return n;
}

/** Brackets a line opens minus those it closes, string literals on the line left out (`def f(x=")"):`). */
export function bracketDepth(text: string): number {
  let d = 0;
  for (const ch of text.replace(/"[^"\n]*"|'[^'\n]*'/g, '""')) {
    if (ch === '(' || ch === '[' || ch === '{') d++;
    else if (ch === ')' || ch === ']' || ch === '}') d--;
  }
  return d;
}

/**
 * The index of the line where the header on line `at` ends (its brackets closed), or null when they do not close
 * within `maxWalk` lines or the header's notebook cell.
 */
export function headerEnd(lines: readonly ScanLine[], at: number, maxWalk: number): number | null {
  const h = lines[at]!;
  let end = at;
  let depth = bracketDepth(h.text);
  while (depth > 0) {
    const next = lines[end + 1];
    if (!next || next.cell !== h.cell || end + 1 - at > maxWalk) return null;
    end++;
    depth += bracketDepth(next.text);
  }
  return end;
}
