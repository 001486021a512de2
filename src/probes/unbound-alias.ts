/**
 * Code that cannot run: a Python file that calls through a common module alias it never binds (`pd.DataFrame(...)`
 * in an app that imports numpy and joblib but not pandas) raises a NameError on the line that uses it — an API route
 * that does so fails on every request. Judged on `*.py` files only (a notebook's names may come from a kernel state
 * the file does not show), and never when the file may bind names out of sight (`from x import *`, `exec(`).
 */
import type { PyFacts } from './python-facts.js';
import type { ScanLine } from '../facts/code-lines.js';
import { insidePythonTripleString } from './multiline-strings.js';

/** Aliases that name a module by convention: used as `alias.attr`, they are an import or a NameError. */
const ALIASES = new Set(['pd', 'np', 'tf', 'torch', 'plt', 'sns', 'joblib', 'pickle', 'st', 'gr', 'sklearn', 'cv2', 'nn', 'F', 'keras', 'xgb', 'lgb']);
const USE = /(?<![\w.])([A-Za-z_]\w{0,10})\.[A-Za-z_]\w*\s*\(/g;

export interface UnboundAlias {
  name: string;
  line: number;
  cell?: number;
}

/** The first call through a conventional module alias the file never binds, or null. */
export function unboundAlias(lines: readonly ScanLine[], facts: PyFacts): UnboundAlias | null {
  if (facts.openNames) return null;
  // A line inside a triple-quoted string is text: a module docstring's "np.array(rows) is what the client sends" is no
  // call (attack13: it cost a FastAPI app its deployment stage, 1 → 0).
  const inString = insidePythonTripleString(lines);
  for (const [i, l] of lines.entries()) {
    if (l.text.length > 2_000 || inString[i]) continue;
    USE.lastIndex = 0;
    for (let m = USE.exec(l.text); m; m = USE.exec(l.text)) {
      const name = m[1]!;
      if (!ALIASES.has(name) || facts.bound.has(name)) continue;
      if (insideString(l.text, m.index)) continue;
      return { name, line: l.line, ...(l.cell !== undefined ? { cell: l.cell } : {}) };
    }
  }
  return null;
}

/** Whether position i of a line is inside a quoted string (an odd number of unescaped quotes of one kind before it). */
function insideString(text: string, i: number): boolean {
  let single = false;
  let double = false;
  for (let k = 0; k < i; k++) {
    const c = text[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return single || double;
}
