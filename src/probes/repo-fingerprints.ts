/**
 * The content fingerprints (winnow.ts) of a repository's code files — Python scripts, notebooks' code cells, R,
 * Julia — read in the code probe's order, at most MAX_CODE_FILES files and MAX_FINGERPRINT_CHARS characters each.
 */
import type { ProbeContext } from './types.js';
import { DEFAULT_CODE_EXCLUDE, DEFAULT_CODE_GLOBS, orderForReading } from './code-scan.js';
import { tokenLanguageOf } from './code-tokens.js';
import type { RepoFileFingerprints } from './retype-match.js';
import { fileFingerprintsAndTokens, type WinnowParams } from './winnow.js';

/** Code files fingerprinted per repo at most (the code probe's default read budget). */
const MAX_CODE_FILES = 200;
/** Files asked for at once: a remote source fetches reads of the same tick in one request. */
const READ_BATCH = 50;

export async function repoFingerprints(
  ctx: Pick<ProbeContext, 'match' | 'read'>,
  params: WinnowParams,
): Promise<{ files: RepoFileFingerprints[]; skipped: number }> {
  const code = orderForReading(ctx.match(DEFAULT_CODE_GLOBS, DEFAULT_CODE_EXCLUDE).filter((f) => tokenLanguageOf(f.path)));
  const files: RepoFileFingerprints[] = [];
  const wanted = code.slice(0, MAX_CODE_FILES);
  for (let i = 0; i < wanted.length; i += READ_BATCH) {
    const batch = wanted.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map((f) => ctx.read(f.path)));
    batch.forEach((f, j) => {
      const file = texts[j];
      if (!file) return;
      const { fingerprints, tokens } = fileFingerprintsAndTokens(file.text, tokenLanguageOf(f.path)!, params);
      if (fingerprints.length) files.push({ path: f.path, fingerprints, tokens });
    });
  }
  return { files, skipped: Math.max(0, code.length - MAX_CODE_FILES) };
}
