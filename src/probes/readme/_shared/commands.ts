/** Setup and usage commands in a README: where they are (code block, inline code, plain text) and how runnable. */
import type { ProbeResult } from '../../../types.js';
import { inlineCodes, lineAt, sectionsMatching, snippet, type ReadmeView, type Section } from './blocks.js';
import { result, ev, sectionLabel } from './result.js';
import type { ProbeContext } from '../../types.js';
import { fileRefs, repoIndex, resolveRefs } from './refs.js';
import { measured } from '../../../types.js';
import { isStubFile, STUB_CODE_LINES } from '../../stub-file.js';
import { fileByPath } from '../../../sources/file-lookup.js';

export interface CmdHit {
  /** 1: a command in a code block or a Python example; below 1 the hit is also what to fix (shown as a problem). */
  score: number;
  line: number;
  detail: string;
}

function commandHits(view: ReadmeView, patterns: RegExp[], what: string): CmdHit[] {
  const hits: CmdHit[] = [];
  const match = (text: string): RegExpExecArray | null => {
    for (const re of patterns) {
      const m = re.exec(text);
      if (m) return m;
    }
    return null;
  };
  for (const b of view.blocks) {
    if (b.kind === 'code') {
      const lines = b.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (/[├└│]/.test(lines[i]!)) continue; // a project tree, not a command
        const m = match(lines[i]!);
        if (m) {
          hits.push({ score: 1, line: (b.contentLine ?? b.line) + i, detail: `${what} in a code block: \`${snippet(lines[i]!, 70)}\`` });
          break;
        }
      }
    } else if (b.kind === 'paragraph' || b.kind === 'html' || b.kind === 'table') {
      let inline = false;
      for (const ic of inlineCodes(b)) {
        if (match(ic.value)) {
          hits.push({ score: 0.75, line: ic.line, detail: `${what} in inline code: \`${snippet(ic.value, 70)}\`` });
          inline = true;
          break;
        }
      }
      if (inline) continue;
      const lines = b.text.split('\n');
      for (let i = 0, off = 0; i < lines.length; off += lines[i]!.length + 1, i++) {
        const t = lines[i]!.trim().replace(/^(\d+[.)]|[-*•])\s+/, '');
        // A command written as plain text (not in a code block) is runnable but easy to mistype.
        const m = match(t);
        if (m && (m.index <= 2 || /:\s*$/.test(t.slice(0, m.index)) || /\b(run|running|use|using|execute|executing|type|typing|with|via|command|enter)\s*(?::|->|=>|→)?\s*$/i.test(t.slice(0, m.index)))) {
          hits.push({ score: 0.6, line: lineAt(b, off), detail: `${what} as plain text (put it in a code block): "${snippet(t, 70)}"` });
          break;
        }
      }
    }
  }
  return hits;
}

export function commandCheck(
  view: ReadmeView,
  opts: { patterns: RegExp[]; heading: RegExp; what: string; sectionWord: string; extra?: (sections: Section[]) => CmdHit[] },
): ProbeResult {
  const hits = commandHits(view, opts.patterns, opts.what);
  const sections = sectionsMatching(view, opts.heading);
  // A command inside the matching section is what a reader looks for first.
  const inSection = (line: number): boolean => sections.some((s) => line >= s.head.line && (s.blocks.length ? line <= lastLine(s) : false));
  if (opts.extra) hits.push(...opts.extra(sections));
  if (sections.length) {
    const s = sections[0]!;
    hits.push({ score: 0.3, line: s.head.line, detail: `${sectionLabel(s)} without a runnable command` });
  }
  if (!hits.length) return result(0, [], `no ${opts.sectionWord} section and no ${opts.what}`);
  hits.sort((a, b) => b.score - a.score || (inSection(b.line) ? 1 : 0) - (inSection(a.line) ? 1 : 0) || a.line - b.line);
  const top = hits[0]!;
  const evidence = hits.filter((h) => h.score >= top.score * 0.5 && !(h.score === 0.3 && top.score > 0.3)).map((h) => ev(view, h.line, h.detail, h.score < 1));
  let note: string | undefined;
  if (top.score < 1 && top.score >= 0.6) note = `${opts.what} found, but not in a fenced code block`;
  else if (top.score <= 0.3) note = `a ${opts.sectionWord} section but no runnable ${opts.what}`;
  return result(top.score, evidence, note);
}

function lastLine(s: Section): number {
  const b = s.blocks[s.blocks.length - 1];
  return b?.node?.position?.end.line ?? b?.line ?? s.head.line;
}


/**
 * Setup and usage commands that name files the repo does not have (`pip install -r requirements.txt` with none), or
 * only stubs of at most one code line (`python train.py` where train.py is `x = 1`: stub-file.ts).
 */
export async function commandsBacked(r: ProbeResult, view: ReadmeView, ctx: ProbeContext, what: string): Promise<ProbeResult> {
  if (r.score === 0) return r;
  const index = repoIndex(ctx.snapshot.files);
  const refs = resolveRefs(fileRefs(view, index), index).filter((x) => x.kind === 'command');
  const lines = new Set(r.evidence.map((e) => e.line).filter((l): l is number => l !== undefined));
  // The commands this rule counted that name a missing file; when the rule shows no line, any such command.
  const missing = refs.filter((x) => x.found === undefined && (!lines.size || lines.has(x.line)));
  const found = refs.filter((x) => x.found !== undefined && (!lines.size || lines.has(x.line)));
  if (!missing.length && !found.length) return r;
  const byPath = fileByPath(ctx.snapshot.files);
  const stub = await Promise.all(found.map((x) => isStubFile(ctx, byPath(x.found!))));
  if (found.some((_, i) => !stub[i])) return r;
  const stubs = found.filter((_, i) => stub[i]);
  const names = [...new Set(missing.map((x) => x.ref))].slice(0, 3);
  const stubNames = [...new Set(stubs.map((x) => x.ref))].slice(0, 3);
  const claims = [
    ...(names.length ? [`names ${names.map((n) => `\`${snippet(n, 40)}\``).join(', ')}, not in the repo`] : []),
    ...(stubNames.length ? [`runs ${stubNames.map((n) => `\`${snippet(n, 40)}\``).join(', ')}, a stub of at most ${STUB_CODE_LINES} code line`] : []),
  ];
  const first = (missing[0] ?? stubs[0])!;
  return measured({
    score: Math.min(r.score, 0.5),
    evidence: [...r.evidence.slice(0, 4), { path: view.doc.path, line: first.line, detail: `unsupported claim: the ${what} command ${claims.join('; it ')}`, problem: true }],
    note: [
      ...(names.length ? [`the ${what} instructions name files the repo does not have (${names.join(', ')})`] : []),
      ...(stubNames.length ? [`the ${what} instructions run files that hold at most ${STUB_CODE_LINES} line of code (${stubNames.join(', ')})`] : []),
    ].join('; '),
  });
}
