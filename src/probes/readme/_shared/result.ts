/** Helpers every README probe uses: a bounded result, an evidence line, matches in blocks, section labels. */
import type { Evidence, ProbeResult } from '../../../types.js';
import { countWords, lineAt, snippet, type Block, type ReadmeView, type Section } from './blocks.js';
import { measured } from '../../../types.js';

export const MAX_EVIDENCE = 5;

export function result(score: number, evidence: Evidence[], note?: string): ProbeResult {
  const r: ProbeResult = measured({ score: Math.max(0, Math.min(1, score)), evidence: evidence.slice(0, MAX_EVIDENCE) });
  if (note) r.note = note;
  return r;
}

export function ev(view: ReadmeView, line: number, detail: string, problem = false): Evidence {
  return problem ? { path: view.doc.path, line, detail, problem: true } : { path: view.doc.path, line, detail };
}

/** Blocks that are only badges, images or links carry no prose. */
export function isBadgeOrMediaOnly(b: Block): boolean {
  if (b.kind !== 'paragraph' || !b.node || b.node.type !== 'paragraph') return b.kind === 'html' && countWords(b.text) < 4;
  return b.node.children.every(
    (c) =>
      c.type === 'image' ||
      c.type === 'imageReference' ||
      c.type === 'break' ||
      c.type === 'html' ||
      (c.type === 'text' && /^[\s|·•-]*$/.test(c.value)) ||
      ((c.type === 'link' || c.type === 'linkReference') && c.children.every((k) => k.type === 'image' || k.type === 'imageReference' || (k.type === 'text' && !k.value.trim()))),
  );
}

/** Matches of `re` in the text of a list of blocks, with evidence lines. */
export function findIn(view: ReadmeView, blocks: Block[], re: RegExp): Array<{ block: Block; line: number; match: string }> {
  const out: Array<{ block: Block; line: number; match: string }> = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const b of blocks) {
    for (const m of b.text.matchAll(g)) out.push({ block: b, line: lineAt(b, m.index), match: m[0] });
  }
  return out;
}

export function sectionLabel(s: Section): string {
  return `section "${snippet(s.title, 50)}"`;
}
