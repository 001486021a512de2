/**
 * The content fingerprints (winnow.ts) of a repository's code files — Python scripts, notebooks' code cells, R,
 * Julia — read in the code probe's order, at most MAX_CODE_FILES files and MAX_FINGERPRINT_CHARS characters each.
 */
import type { ProbeContext } from './types.js';
import { DEFAULT_CODE_EXCLUDE, DEFAULT_CODE_GLOBS, orderForReading } from './code-scan.js';
import { tokenLanguageOf } from './code-tokens.js';
import type { RepoFileFingerprints } from './retype-match.js';
import { fileFingerprints, type WinnowParams } from './winnow.js';

/** Code files fingerprinted per repo at most. */
export const MAX_CODE_FILES = 300;

export async function repoFingerprints(
  ctx: Pick<ProbeContext, 'match' | 'read'>,
  params: WinnowParams,
): Promise<{ files: RepoFileFingerprints[]; skipped: number }> {
  const code = orderForReading(ctx.match(DEFAULT_CODE_GLOBS, DEFAULT_CODE_EXCLUDE).filter((f) => tokenLanguageOf(f.path)));
  const files: RepoFileFingerprints[] = [];
  for (const f of code.slice(0, MAX_CODE_FILES)) {
    const file = await ctx.read(f.path);
    if (!file) continue;
    const fingerprints = fileFingerprints(file.text, tokenLanguageOf(f.path)!, params);
    if (fingerprints.length) files.push({ path: f.path, fingerprints });
  }
  return { files, skipped: Math.max(0, code.length - MAX_CODE_FILES) };
}
