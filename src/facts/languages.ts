/**
 * The repo's programming languages, by file extension, with their file count and bytes; vendored, copied and built
 * trees left out (vendored.ts). The project kind reads them, and rules may be gated on them (facts in rules/README.md).
 */
import type { FileEntry } from '../types.js';

export interface LanguageShare {
  /** "Python" (scripts and notebooks), "R", "Julia", "JavaScript" (TypeScript too), "Java", "C++", "MATLAB"… */
  language: string;
  /** Non-empty files of the language. */
  files: number;
  /** Their total size in bytes (as listed: the working tree's, or the GitHub tree's). */
  bytes: number;
}

const LANGUAGE_OF: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.(py|ipynb)$/i, 'Python'],
  [/\.(r|rmd|qmd)$/i, 'R'],
  [/\.jl$/i, 'Julia'],
  [/\.(js|mjs|cjs|jsx|ts|tsx)$/i, 'JavaScript'],
  [/\.java$/i, 'Java'],
  [/\.scala$/i, 'Scala'],
  [/\.kts?$/i, 'Kotlin'],
  [/\.(c|cc|cpp|cxx|cu|h|hh|hpp|hxx)$/i, 'C++'],
  [/\.(m|mlx)$/i, 'MATLAB'],
  [/\.cs$/i, 'C#'],
  [/\.go$/i, 'Go'],
  [/\.rs$/i, 'Rust'],
  [/\.swift$/i, 'Swift'],
  [/\.rb$/i, 'Ruby'],
  [/\.php$/i, 'PHP'],
  [/\.dart$/i, 'Dart'],
];

/** Every language the fact names. */
export const PROJECT_LANGUAGES: readonly string[] = [...new Set(LANGUAGE_OF.map(([, l]) => l))];

/** The language of a code file by its extension, or null (data, docs, config, unknown). */
export function languageOf(path: string): string | null {
  for (const [re, lang] of LANGUAGE_OF) if (re.test(path)) return lang;
  return null;
}

/**
 * Languages of `files` (already without vendored trees), most bytes first, then by name. `all` is every file of the
 * repo: a `.m` file next to Objective-C headers and no MATLAB data is Objective-C, so MATLAB is left out then.
 */
export function languagesOf(files: readonly FileEntry[], all: readonly FileEntry[] = files): LanguageShare[] {
  const by = new Map<string, LanguageShare>();
  for (const f of files) {
    if (f.size <= 0) continue;
    const language = languageOf(f.path);
    if (!language) continue;
    const s = by.get(language) ?? { language, files: 0, bytes: 0 };
    s.files++;
    s.bytes += f.size;
    by.set(language, s);
  }
  if (by.has('MATLAB') && all.some((f) => /\.(h|mm)$/i.test(f.path)) && !all.some((f) => /\.mlx$|\.mat$/i.test(f.path))) by.delete('MATLAB');
  return [...by.values()].sort((a, b) => b.bytes - a.bytes || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
}
