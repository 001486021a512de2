/**
 * "Real inputs": a stage call whose inputs are only names the file never binds (`print(accuracy_score(a, b))` alone
 * in a file) computes nothing — the names do not exist, the line would raise a NameError. Such a match is not
 * evidence. Judged on Python files and notebooks only, on the call that the match ends in, when it closes on its line.
 */
import type { PyFacts } from './python-facts.js';
import { pyTokens, type Token } from './python-lines.js';
import { splitTop } from './python-facts.js';

/** Names Python binds itself; a call on `str` or `__file__` has real inputs. */
const BUILTINS = new Set(
  (
    'None True False Ellipsis NotImplemented __name__ __file__ __doc__ __spec__ __builtins__ self cls ' +
    'abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod ' +
    'enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance ' +
    'issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr ' +
    'reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip Exception ValueError'
  ).split(' '),
);

/**
 * The free names a matched call runs on, when every input of the call is a name the file never binds; null when the
 * call has a real input (a bound name, an expression, a literal data argument), no input, is a definition, spans
 * lines, or the file may bind names out of sight.
 *
 * The call is the last `(` inside the match that follows a name (or `)` / `]`). Keyword arguments with a literal value
 * (`normalize=True`, `cv=5`, `measures=["RMSE"]`) are options, not inputs; a positional literal (`read_csv("data.csv")`) is a real input.
 */
export function freeInputs(text: string, matchStart: number, matchEnd: number, facts: PyFacts): string[] | null {
  if (facts.openNames) return null;
  const paren = callParen(text, matchStart, matchEnd);
  if (paren < 0) return null;
  const toks = pyTokens(text.slice(paren, paren + 2_000));
  let depth = 0;
  let close = -1;
  for (let i = 0; i < toks.length; i++) {
    const x = toks[i]!.text;
    if (x === '(' || x === '[' || x === '{') depth++;
    else if (x === ')' || x === ']' || x === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  if (close < 0) return null; // continues on the next line: not judged
  const names: string[] = [];
  for (let arg of splitTop(toks.slice(1, close), ',')) {
    if (arg[0]!.text === '*' || arg[0]!.text === '**') arg = arg.slice(1);
    const keyword = arg.length >= 3 && arg[0]!.kind === 'name' && arg[1]!.text === '=';
    if (keyword) arg = arg.slice(2);
    // A keyword whose value is a list or tuple of literals (`measures=["RMSE", "MAE"]`) is an option too.
    if (keyword && arg.length > 1 && arg.every((t) => t.kind === 'string' || t.kind === 'number' || /^[[\](),]$/.test(t.text))) continue;
    if (arg.length !== 1) return null; // an expression: a real input
    const t: Token = arg[0]!;
    if (t.kind === 'name') {
      if (BUILTINS.has(t.text) || facts.bound.has(t.text)) return null;
      names.push(t.text);
    } else if (!keyword) return null; // a literal argument (`read_csv("data.csv")`) is real data
    // a keyword with a literal value is an option (`cv=5`, `scoring="f1"`), not an input
  }
  return names.length ? names : null;
}

/** Index of the `(` of the last call opened inside text[start, end), or -1 (no call, or a def/class header). */
function callParen(text: string, start: number, end: number): number {
  for (let i = Math.min(end, text.length) - 1; i >= start; i--) {
    if (text[i] !== '(') continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0) continue;
    const c = text[j]!;
    if (c === ')' || c === ']') return i;
    if (!/\w/.test(c)) continue;
    let k = j;
    while (k > 0 && /\w/.test(text[k - 1]!)) k--;
    let b = k - 1;
    while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
    const before = text.slice(Math.max(0, b - 5), b + 1);
    if (/(?:^|\W)(?:def|class)$/.test(before)) return -1;
    if (/^\d/.test(text[k]!)) continue;
    return i;
  }
  return -1;
}
