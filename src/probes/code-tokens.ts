/**
 * Normalising tokeniser for content fingerprints (see winnow.ts): turns code into the token stream a retype leaves
 * unchanged. Comments, docstrings (a string that is a statement by itself), import statements, notebook magics and
 * whitespace are dropped; every identifier becomes `V`, every string `S`, every number `N`; keywords and punctuation
 * stay as they are, one character per punctuation token; a trailing comma before a closing bracket is dropped (a
 * formatter adds it when it splits a call over lines). So renaming variables, reformatting, re-quoting, rewrapping
 * lines and removing comments give the same tokens; what stays is the structure of the code.
 *
 * One pass over the characters, no regular expressions, no backtracking: linear in the text. At most `maxTokens`
 * tokens are returned (the rest of the text is not read).
 */

export type TokenLanguage = 'python' | 'r' | 'julia';

/** Version of the normalisation: a catalogue built with another version is not comparable. */
export const TOKENISER_VERSION = 1;

/** Tokens read from one file at most (about 400 KB of dense code). */
export const MAX_TOKENS = 100_000;

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self'.split(' '),
);
const R_KEYWORDS = new Set('function if else for while repeat in next break return TRUE FALSE NULL NA Inf NaN'.split(' '));
const JULIA_KEYWORDS = new Set(
  'function end if elseif else for while in return begin let local global const struct mutable module using import export macro quote do try catch finally break continue true false nothing abstract type where'.split(' '),
);
const KEYWORDS: Record<TokenLanguage, Set<string>> = { python: PYTHON_KEYWORDS, r: R_KEYWORDS, julia: JULIA_KEYWORDS };
/** A statement that starts with one of these is an import: it says which libraries, not how the code is built. */
const IMPORTS: Record<TokenLanguage, Set<string>> = {
  python: new Set(['import', 'from']),
  r: new Set(['library', 'require', 'requireNamespace', 'suppressPackageStartupMessages']),
  julia: new Set(['using', 'import']),
};

/** The language a file's tokens are read as, from its extension; null for a file that is not fingerprinted. */
export function tokenLanguageOf(path: string): TokenLanguage | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = path.slice(dot + 1).toLowerCase();
  if (ext === 'py' || ext === 'ipynb') return 'python';
  if (ext === 'r') return 'r';
  if (ext === 'jl') return 'julia';
  return null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 13 || c === 0x0b;
const NL = 10;
const HASH = 35;
const STRING_PREFIX = /^[rbuf]{1,2}$/i;

/** The normalised tokens of one file's code (see the module comment). */
export function normalisedTokens(text: string, lang: TokenLanguage, maxTokens = MAX_TOKENS): string[] {
  const keywords = KEYWORDS[lang];
  const imports = IMPORTS[lang];
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  let depth = 0;
  // Where the current statement's tokens start in `out`, and whether the statement is being skipped (an import).
  let stmtStart = 0;
  let atStatementStart = true;
  let skipping = false;

  const endStatement = (): void => {
    // A statement that is a lone string is a docstring (or a string used as a comment): dropped.
    if (!skipping && out.length - stmtStart === 1 && out[out.length - 1] === 'S') out.pop();
    skipping = false;
    stmtStart = out.length;
    atStatementStart = true;
  };
  const emit = (tok: string): void => {
    atStatementStart = false;
    if (!skipping) out.push(tok);
  };
  const skipToLineEnd = (): void => {
    while (i < n && text.charCodeAt(i) !== NL) i++;
  };
  // A string from its opening quote at i: triple-quoted strings may span lines, others end at the line's end.
  const skipString = (): void => {
    const q = text.charCodeAt(i);
    const triple = (lang === 'python' || lang === 'julia') && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
    i += triple ? 3 : 1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i += 2;
        continue;
      }
      if (c === q) {
        if (!triple) {
          i++;
          return;
        }
        if (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q) {
          i += 3;
          return;
        }
      }
      // R strings may span lines; Python's and Julia's single-quoted strings end at the line's end.
      if (c === NL && !triple && lang !== 'r') return;
      i++;
    }
  };

  while (i < n && out.length < maxTokens) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      i++;
      if (depth === 0) endStatement();
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === HASH) {
      // Julia's block comment #= … =# (not nested here; the rest of the file at worst).
      if (lang === 'julia' && text.charCodeAt(i + 1) === 61) {
        const close = text.indexOf('=#', i + 2);
        i = close < 0 ? n : close + 2;
      } else skipToLineEnd();
      continue;
    }
    if (c === 92) {
      // A backslash before the line's end continues the statement.
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n || text.charCodeAt(j) === NL) {
        i = j + 1;
        continue;
      }
      i++;
      emit('\\');
      continue;
    }
    if (lang === 'python' && atStatementStart && depth === 0 && (c === 37 || c === 33)) {
      // Notebook magics and shell escapes: %matplotlib inline, !pip install …
      skipToLineEnd();
      continue;
    }
    if (c === 34 || c === 39 || (c === 96 && lang !== 'r')) {
      skipString();
      emit('S');
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isIdPart(d) || d === 46) i++;
        else if ((d === 43 || d === 45) && (text.charCodeAt(i - 1) | 32) === 101 && isDigit(text.charCodeAt(i + 1))) i++;
        else break;
      }
      emit('N');
      continue;
    }
    if (c === 96) {
      // R: a backquoted name is a name.
      i++;
      while (i < n && text.charCodeAt(i) !== 96 && text.charCodeAt(i) !== NL) i++;
      i++;
      emit('V');
      continue;
    }
    if (isIdStart(c) || (lang === 'r' && c === 46 && !isDigit(text.charCodeAt(i + 1)))) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isIdPart(d) || (lang === 'r' && d === 46)) i++;
        else break;
      }
      // Julia: push!, setindex! (but not != ).
      if (lang === 'julia' && text.charCodeAt(i) === 33 && text.charCodeAt(i + 1) !== 61) i++;
      const word = text.slice(start, i);
      const next = text.charCodeAt(i);
      if (lang === 'python' && (next === 34 || next === 39) && word.length <= 2 && STRING_PREFIX.test(word)) {
        skipString();
        emit('S');
        continue;
      }
      if (atStatementStart && depth === 0 && imports.has(word)) {
        atStatementStart = false;
        skipping = true;
        continue;
      }
      emit(keywords.has(word) ? word : 'V');
      continue;
    }
    i++;
    if (c === 59 && depth === 0) {
      endStatement();
      continue;
    }
    if (c === 40 || c === 91 || (c === 123 && lang === 'python')) depth++;
    else if (c === 41 || c === 93 || (c === 125 && lang === 'python')) {
      if (depth > 0) depth--;
      if (!skipping && out.length > stmtStart && out[out.length - 1] === ',') out.pop();
    } else if (c === 123 || c === 125) {
      // R and Julia braces are blocks: they end the statement before and after them.
      endStatement();
      emit(String.fromCharCode(c));
      endStatement();
      continue;
    }
    emit(String.fromCharCode(c));
  }
  if (out.length < maxTokens) endStatement();
  return out;
}
