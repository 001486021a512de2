/**
 * Stub source files: a code file that holds at most one line of code (comments and blank lines aside) — `x = 1`,
 * an empty module. A commit that adds only stubs is not work by its file count, and a README command that runs one
 * is not backed by code (issue #11, "no cheap gaming": three one-line stubs made a padded history and a stuffed
 * README's `python train.py` look real).
 */
import type { FileEntry } from '../types.js';
import type { ProbeContext } from './types.js';

/** Source files whose code lines can be counted; prose, data, config, notebooks and shell scripts (one command is a real script) are never stubs here. */
const STUB_CODE_PATH = /\.(?:py|pyw|js|mjs|cjs|jsx|ts|tsx|r|jl|java|kt|kts|scala|go|rs|c|cc|cpp|h|hpp|cs|rb|php|swift|lua)$/i;
/** A stub holds at most this many code lines. */
export const STUB_CODE_LINES = 1;
/** Files larger than this are not read for it (a stub of one line and a few comments is far smaller). */
const STUB_MAX_BYTES = 4096;

/** Files that keep an empty folder in git: `.gitkeep`, `.keep`, `.gitignore`, `.placeholder`, `.empty`. */
export const PLACEHOLDER_FILE = /(?:^|\/)\.(?:gitkeep|keep|gitignore|placeholder|empty)$/i;

/** An empty file, or a file that only keeps a folder in git: no work by its count (attack13: three `.gitkeep` files were a commit of work). */
export function isPlaceholderFile(f: FileEntry | undefined): boolean {
  return !!f && (f.size === 0 || PLACEHOLDER_FILE.test(f.path));
}

/** Cheap check before any read: a source file small enough to be read for it. */
export function mayBeStub(f: FileEntry | undefined): f is FileEntry {
  return !!f && STUB_CODE_PATH.test(f.path) && f.size <= STUB_MAX_BYTES;
}

/** True when the file is a source file of at most STUB_CODE_LINES code lines; false when it is not or cannot be read. */
export async function isStubFile(ctx: ProbeContext, f: FileEntry | undefined): Promise<boolean> {
  if (!mayBeStub(f)) return false;
  const lines = await ctx.facts.codeLines(f.path);
  return lines !== null && lines.filter((l) => l.text.trim() !== '').length <= STUB_CODE_LINES;
}
