/**
 * The root README as every README probe reads it: found (any case, .md/.rst/.txt/none; .github/ or docs/ too),
 * parsed once per snapshot (ctx.readme()), flattened (blocks.ts). When there is none, or it cannot be read, the
 * result every README probe gives instead.
 */
import type { ProbeResult } from '../../../types.js';
import type { ProbeContext } from '../../types.js';
import { findReadme } from '../../readme-doc.js';
import { readmeView, type ReadmeView } from './blocks.js';

/** Globs of the README files, for remote sources to fetch up front. */
export const README_GLOBS = ['[Rr][Ee][Aa][Dd][Mm][Ee]', '[Rr][Ee][Aa][Dd][Mm][Ee].*'];

/** Why the README could not be read, from the source's notes (binary, not UTF-8, too large, LFS pointer). */
function unreadableReason(ctx: ProbeContext, path: string): string {
  const n = [...ctx.snapshot.notes].reverse().find((x) => x.path === path);
  if (!n) return 'could not be read';
  switch (n.kind) {
    case 'binary':
      return 'is a binary file, not text';
    case 'not-utf8':
      return 'is not UTF-8 text (save it as UTF-8)';
    case 'too-large':
      return 'is too large to read';
    case 'lfs-pointer':
      return 'is a Git LFS pointer, not the text itself';
    default:
      return n.message.replace(/^skipped:\s*/, '');
  }
}

type Loaded = { view: ReadmeView } | { missing: ProbeResult };

export async function loadReadme(ctx: ProbeContext): Promise<Loaded> {
  const entry = findReadme(ctx.files);
  if (!entry) return { missing: { outcome: 'fail', score: 0, evidence: [], note: 'no README at the repository root (nor in .github/ or docs/)' } };
  let doc;
  try {
    doc = await ctx.readme();
  } catch (e) {
    return { missing: { outcome: 'fail', score: 0, evidence: [{ path: entry.path, detail: 'README could not be parsed' }], note: `README could not be parsed: ${(e as Error).message}` } };
  }
  if (!doc) {
    // The host did not return the text (a partial API answer): not measured, not "no README".
    const gone = [...ctx.snapshot.notes].reverse().find((x) => x.path === entry.path);
    if (gone?.kind === 'not-returned') {
      return { missing: { score: 0, evidence: [], outcome: 'not-measurable', note: `${entry.path} was not returned by the API: not scored` } };
    }
    const why = unreadableReason(ctx, entry.path);
    return { missing: { outcome: 'fail', score: 0, evidence: [{ path: entry.path, detail: `README ${why}` }], note: `${entry.path} ${why}` } };
  }
  return { view: readmeView(doc) };
}


/** Runs `check` on the README's view; without a readable README, the result that says why (no README, unreadable). */
export async function onReadme(ctx: ProbeContext, check: (view: ReadmeView) => ProbeResult | Promise<ProbeResult>): Promise<ProbeResult> {
  const loaded = await loadReadme(ctx);
  return 'missing' in loaded ? loaded.missing : check(loaded.view);
}
