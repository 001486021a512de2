
import { Type } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, onReadme } from './_shared/load.js';
import type { ProbeContext } from '../types.js';
import { fileRefs, repoIndex, resolveRefs, type FileRef } from './_shared/refs.js';
import { snippet, type ReadmeView } from './_shared/blocks.js';
import type { Evidence, FileEntry, ProbeResult } from '../../types.js';
import { measured } from '../../types.js';
import { isPlaceholderFile, isStubFile, STUB_CODE_LINES } from '../stub-file.js';
import { fileByPath } from '../../sources/file-lookup.js';
async function links(view: ReadmeView, ctx: ProbeContext): Promise<ProbeResult> {
  // Existence is checked against every file in the tree (a reference to a file the user excluded from scoring still resolves).
  const index = repoIndex(ctx.snapshot.files);
  const refs = resolveRefs(fileRefs(view, index), index);
  // Count each referenced target once.
  const byKey = new Map<string, FileRef>();
  for (const r of refs) {
    const key = r.candidates[0] ?? r.ref;
    const prev = byKey.get(key);
    if (!prev || (!prev.found && r.found)) byKey.set(key, r);
  }
  const unique = [...byKey.values()];
  if (!unique.length)
    return { score: 1, evidence: [], outcome: 'not-measurable', note: 'the README links to no repo files and names none in commands: nothing to check' };
  // A command that runs a stub (a source file of at most one code line: stub-file.ts) points at no code.
  const byPath = fileByPath(ctx.snapshot.files);
  const stub = await Promise.all(unique.map((r) => (r.kind === 'command' && r.found !== undefined ? isStubFile(ctx, byPath(r.found)) : false)));
  const stubs = new Set(unique.filter((_, i) => stub[i]));
  // A code folder a project tree lists that holds only placeholders (`src/.gitkeep`) is an empty folder, not code.
  const hollow = hollowFolders(unique.filter((r) => r.kind === 'tree' && r.found?.endsWith('/')).map((r) => r.found!), ctx.snapshot.files);
  for (const r of unique) if (r.kind === 'tree' && r.found !== undefined && hollow.has(r.found)) stubs.add(r);
  const ok = unique.filter((r) => r.found !== undefined && !stubs.has(r));
  const bad = unique.filter((r) => r.found === undefined || stubs.has(r));
  const kindWord: Record<FileRef['kind'], string> = {
    link: 'link',
    image: 'image',
    command: 'command names',
    inline: 'inline code names',
    tree: 'project tree lists',
  };
  const evidence: Evidence[] = [
    ...bad.map((r) => ({
      problem: true as const,
      path: view.doc.path,
      line: r.line,
      detail: stubs.has(r)
        ? r.kind === 'tree'
          ? `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` → ${r.found}, a folder holding only placeholders (${PLACEHOLDER_NAMES})`
          : `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` → ${r.found}, a stub of at most ${STUB_CODE_LINES} code line`
        : /^(www\.)?[\w-]+(\.[\w-]+)*\.(com|org|io|net|ai|dev|app|co|me|edu)(\/|$)/i.test(r.ref)
        ? `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` is missing https:// and points to a repo file that does not exist`
        : `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` — no such ${r.ref.endsWith('/') ? 'folder' : 'file'} in the repo`,
    })),
    ...ok.slice(0, Math.max(0, 5 - bad.length)).map((r) => ({ path: view.doc.path, line: r.line, detail: `${kindWord[r.kind]} \`${snippet(r.ref, 60)}\` → ${r.found || '(root)'}` })),
  ];
  const score = ok.length / unique.length;
  const note = bad.length
    ? `${bad.length} of ${unique.length} files the README refers to do not exist${stubs.size ? ' or are stubs' : ''}: ${bad.slice(0, 3).map((r) => r.ref).join(', ')}${bad.length > 3 ? ', …' : ''}`
    : `all ${unique.length} file references resolve`;
  return measured({ score, evidence: evidence.slice(0, 5), note });
}

const PLACEHOLDER_NAMES = '.gitkeep, .keep, .gitignore or empty files';

/**
 * Of the folders given (`src/`), those whose every file is a placeholder or empty (issue #11, attack13: a README tree
 * of `src/`, `app/`… each holding a `.gitkeep` earned readme-links in full). One pass over the files.
 */
function hollowFolders(folders: readonly string[], files: readonly FileEntry[]): Set<string> {
  const out = new Set<string>();
  if (!folders.length) return out;
  const seen = new Set<string>();
  const full = new Set<string>();
  const wanted = new Set(folders);
  for (const f of files) {
    const real = !isPlaceholderFile(f);
    for (let i = f.path.indexOf('/'); i > 0; i = f.path.indexOf('/', i + 1)) {
      const d = f.path.slice(0, i + 1);
      if (!wanted.has(d)) continue;
      seen.add(d);
      if (real) full.add(d);
    }
  }
  for (const d of seen) if (!full.has(d)) out.add(d);
  return out;
}

const paramsSchema = Type.Object({}, { additionalProperties: false });


export const readmeLinksProbe = defineProbe({
  name: 'readme-links',
  description: 'Do the files the README links to or names in commands exist in the repo?',
  paramsSchema,
  reads: () => README_GLOBS,
  run: (_params, ctx) => onReadme(ctx, (view) => links(view, ctx)),
});
