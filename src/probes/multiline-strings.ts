/**
 * Which lines of a code file start inside a multi-line string literal, for the languages the stage rules read only
 * for their imports (Go, JavaScript/TypeScript, Swift, C#, Kotlin, Java, Scala, Dart, Rust, Ruby, PHP, C++). An import
 * line written inside such a string (`var help = \`` … `import "gorgonia.org/gorgonia"` … `` ` ``) is text, not an
 * import: the project-kind fact skips those lines.
 *
 * The delimiters, per language: Go and JavaScript backticks; `"""` (and Dart's `'''`) for Swift, C#, Kotlin, Java,
 * Scala and Dart; Rust raw strings `r"…"`, `r#"…"#`; Ruby heredocs `<<~ID` … `ID`; PHP heredocs `<<<ID` … `ID`; C++ raw
 * strings `R"tag(` … `)tag"`. An approximation of each lexer, made for the lines that matter (imports at the top of a
 * file): a delimiter inside an ordinary one-line string can mislead it, which at worst skips an import written after
 * it. Linear in the text: each line is scanned a bounded number of times.
 */

/** Lines (already without comments) of one file, in order. */
interface Line {
  readonly text: string;
}

type Scanner = (lines: readonly Line[]) => boolean[];

/** Toggle on every occurrence of `delim` (an odd count on a line flips the state for the next line). */
function toggling(delims: readonly string[]): Scanner {
  return (lines) => {
    const inside: boolean[] = [];
    let open: string | undefined;
    for (const { text } of lines) {
      inside.push(open !== undefined);
      // The next occurrence of each delimiter at or after `at`, found again only once passed: linear in the line.
      const next = delims.map((d) => text.indexOf(d));
      let at = 0;
      for (;;) {
        for (let k = 0; k < delims.length; k++) if (next[k]! >= 0 && next[k]! < at) next[k] = text.indexOf(delims[k]!, at);
        if (open === undefined) {
          let k = -1;
          for (let j = 0; j < delims.length; j++) if (next[j]! >= 0 && (k < 0 || next[j]! < next[k]!)) k = j;
          if (k < 0) break;
          open = delims[k];
          at = next[k]! + open!.length;
        } else {
          const k = delims.indexOf(open);
          if (next[k]! < 0) break;
          at = next[k]! + open.length;
          open = undefined;
        }
      }
    }
    return inside;
  };
}

/** A string opened by `start` (its closing text from the match) and closed by that text on a later line. */
function bracketed(start: RegExp, closing: (m: RegExpExecArray) => string, closeAtLineStart = false): Scanner {
  return (lines) => {
    const inside: boolean[] = [];
    let close: string | undefined;
    for (const { text } of lines) {
      inside.push(close !== undefined);
      if (close !== undefined) {
        const ends = closeAtLineStart ? text.trimStart().startsWith(close) : text.includes(close);
        if (ends) close = undefined;
        continue;
      }
      const m = start.exec(text.slice(0, 2000));
      if (!m) continue;
      const c = closing(m);
      // Closed on the same line (`r#"one line"#`): no string runs on.
      if (!closeAtLineStart && text.indexOf(c, m.index + m[0].length) >= 0) continue;
      close = c;
    }
    return inside;
  };
}

const SCANNERS: Array<{ path: RegExp; scan: Scanner }> = [
  { path: /\.(go|js|mjs|cjs|jsx|ts|tsx)$/i, scan: toggling(['`']) },
  { path: /\.dart$/i, scan: toggling(['"""', "'''"]) },
  { path: /\.(swift|cs|kts?|java|scala)$/i, scan: toggling(['"""']) },
  { path: /\.rs$/i, scan: bracketed(/\br(#{0,8})"/, (m) => `"${m[1]}`) },
  { path: /\.rb$/i, scan: bracketed(/<<[~-]?(['"]?)([A-Za-z_]\w{0,40})\1/, (m) => m[2]!, true) },
  { path: /\.php$/i, scan: bracketed(/<<<\s{0,4}(['"]?)([A-Za-z_]\w{0,40})\1/, (m) => m[2]!, true) },
  { path: /\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$/i, scan: bracketed(/\bR"([^()\\\s"]{0,16})\(/, (m) => `)${m[1]}"`) },
];

/**
 * Python: whether each line starts inside a `"""` / `'''` string. Outside one, an ordinary one-line string is
 * skipped whole (escapes honoured), so a triple quote inside it (`c.replace('"""', '')`, `QUOTE = '"""'`) opens
 * nothing: toggling on every occurrence took the rest of such a file for text (attack14: a cleaning script's
 * preprocessing went unseen, −7.9). One pass over each line.
 */
function pythonTriple(lines: readonly Line[]): boolean[] {
  const inside: boolean[] = [];
  let open: string | undefined;
  for (const { text } of lines) {
    inside.push(open !== undefined);
    let i = 0;
    while (i < text.length) {
      if (open !== undefined) {
        const end = text.indexOf(open, i);
        if (end < 0) break;
        i = end + 3;
        open = undefined;
        continue;
      }
      const c = text[i];
      if (c !== '"' && c !== "'") {
        i++;
        continue;
      }
      if (text.startsWith(c.repeat(3), i)) {
        open = c.repeat(3);
        i += 3;
        continue;
      }
      // An ordinary string: to its closing quote on this line (or the line's end).
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
    }
  }
  return inside;
}

/**
 * Python: for each line, whether it starts inside a triple-quoted string (a docstring, a prompt or help template).
 * Not in SCANNERS: the project-kind fact reads Python imports as before; code-reading probes ask for it.
 */
export const insidePythonTripleString: (lines: readonly Line[]) => boolean[] = pythonTriple;

/** For each line, whether it starts inside a multi-line string; undefined for a language not listed (none do). */
export function insideMultilineString(path: string, lines: readonly Line[]): boolean[] | undefined {
  return SCANNERS.find((x) => x.path.test(path))?.scan(lines);
}

/** Whether `path` is in a language whose multi-line strings are recognised. */
export function hasMultilineStrings(path: string): boolean {
  return SCANNERS.some((x) => x.path.test(path));
}
