/**
 * Bounds on the Markdown a README may hand to the parser. micromark's time grows faster than the text on some shapes
 * no human writes: thousands of nested list markers or block quotes on one line ("1. 1. 1. …", "> > > …") take
 * minutes and gigabytes for 64 KB. A README is cut to PARSE_LIMIT characters, each line to MAX_LINE characters, and
 * container markers beyond MAX_NESTING on a line are dropped (their text stays). Every step is one linear pass.
 */

/** READMEs longer than this are parsed up to here; real project READMEs are a few KB, the longest about 60 KB. */
export const README_PARSE_LIMIT = 100_000;
/** A line longer than this is cut: no prose or table row needs more, and inline resolution grows with it. */
export const MAX_LINE = 20_000;
/** Block quotes and list items nested deeper than this on one line are flattened. */
export const MAX_NESTING = 8;

const SPACE = 32;
const TAB = 9;

/** The length of the container marker at `i` ("> ", "- ", "* ", "+ ", "12. ", "3) ") after up to 3 spaces, or 0. */
function markerAt(line: string, i: number): number {
  let j = i;
  while (j < line.length && j - i < 3 && line.charCodeAt(j) === SPACE) j++;
  const c = line[j];
  if (c === undefined) return 0;
  const gap = (k: number): number => {
    const d = line.charCodeAt(k);
    if (k >= line.length) return k - i;
    return d === SPACE || d === TAB ? k + 1 - i : 0;
  };
  if (c === '>') {
    const d = line.charCodeAt(j + 1);
    return d === SPACE || d === TAB ? j + 2 - i : j + 1 - i;
  }
  if (c === '-' || c === '*' || c === '+') return gap(j + 1);
  let k = j;
  while (k < line.length && k - j < 9 && line.charCodeAt(k) >= 48 && line.charCodeAt(k) <= 57) k++;
  if (k > j && (line[k] === '.' || line[k] === ')')) return gap(k + 1);
  return 0;
}

/** One line with at most MAX_NESTING container markers before its text. */
function boundLine(line: string): string {
  const cut = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  let i = 0;
  let depth = 0;
  let keep = -1; // where the markers past MAX_NESTING start
  for (;;) {
    const n = markerAt(cut, i);
    if (n === 0) break;
    depth++;
    if (depth === MAX_NESTING + 1) keep = i;
    i += n;
  }
  return keep < 0 ? cut : cut.slice(0, keep) + cut.slice(i);
}

/** The Markdown the parser gets: cut to README_PARSE_LIMIT, every line bounded as above. */
export function boundMarkdown(text: string): string {
  const t = text.length > README_PARSE_LIMIT ? text.slice(0, README_PARSE_LIMIT) : text;
  const lines = t.split('\n');
  let changed = false;
  for (let k = 0; k < lines.length; k++) {
    const b = boundLine(lines[k]!);
    if (b !== lines[k]) {
      lines[k] = b;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : t;
}
