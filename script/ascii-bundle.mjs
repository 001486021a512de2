#!/usr/bin/env node
/**
 * Rewrites built bundles (dist/index.js, dist/cli/index.js) so that their source is ASCII: every character above
 * U+007F becomes a \uXXXX escape (astral characters as their two surrogates). Why: V8 keeps a script's source for
 * as long as the script lives (functions are compiled when first called), and a source with even one character
 * above U+00FF is held as two bytes per character. The bundles carry about 3,700 such characters (the Markdown
 * parser's entity table, the rules' messages: "—", "…", "×"), so each isolate that loads one (the main thread and
 * every audit worker) held ~5.3 MB of source instead of ~2.6 MB.
 *
 * The bundle is the compiler's output, so every such character is in a string, a template, a regular expression or
 * a comment, where the escape means the same character (no bundle reads a template's raw text: String.raw or a tag's
 * `strings.raw` make the check below fail). Refused, leaving the file unchanged: a character right after a backslash
 * (its escape would read differently), a line or paragraph separator (a line end inside a comment), String.raw, or a
 * result that `node --check` does not parse.
 *
 *   node script/ascii-bundle.mjs FILE...
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

let failed = false;
for (const file of process.argv.slice(2)) {
  const src = readFileSync(file, 'utf8');
  const problem = asciiProblem(src);
  if (problem) {
    console.error(`ascii-bundle: ${file}: ${problem}; left as it is`);
    failed = true;
    continue;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) continue;
    out += src.slice(from, i) + '\\u' + c.toString(16).padStart(4, '0');
    from = i + 1;
  }
  out += src.slice(from);
  const tmp = `${file}.ascii.tmp${file.endsWith('.js') ? '.js' : ''}`;
  writeFileSync(tmp, out);
  const check = spawnSync(process.execPath, ['--check', tmp], { encoding: 'utf8' });
  if (check.status !== 0) {
    console.error(`ascii-bundle: ${file}: the rewritten source does not parse; left as it is\n${check.stderr}`);
    failed = true;
    continue;
  }
  renameSync(tmp, file);
}
if (failed) process.exit(1);

/** Why the escapes might not mean the same characters here, or null. */
function asciiProblem(src) {
  if (/String\.raw|\b(?:strings|strs|literals|template|parts|quasis)\.raw\b/.test(src)) return "a template's raw text may be read";
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0x2028 || c === 0x2029) return `a line or paragraph separator at ${i}`;
    if (src.charCodeAt(i - 1) === 0x5c) return `a backslash before U+${c.toString(16)} at ${i}`;
  }
  return null;
}
