import type { Evidence, ProbeResult } from '../../types.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, loadReadme } from './_shared/load.js';
import { lineAt, snippet, urls, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev } from './_shared/result.js';


function phrases(view: ReadmeView, p: ReadmePhrasesParams): ProbeResult {
  const compiled: Array<{ re: RegExp; detail: string }> = [];
  for (const pat of p.patterns) {
    try {
      const flags = (pat.flags ?? 'i').replace(/g/g, '');
      compiled.push({ re: new RegExp(pat.regex, flags + 'g'), detail: pat.detail });
    } catch (e) {
      return { score: 0, evidence: [], outcome: 'not-measurable', note: `invalid pattern /${pat.regex}/: ${(e as Error).message}` };
    }
  }
  const hits: Evidence[] = [];
  const items: Array<{ text: string; block: Block; isUrl?: boolean; line?: number }> = [];
  for (const b of view.blocks) if (b.kind !== 'code' || p.includeCode) items.push({ text: b.text, block: b });
  for (const u of urls(view)) items.push({ text: u.url, block: u.block, isUrl: true, line: u.line });
  for (const { re, detail } of compiled) {
    for (const it of items) {
      re.lastIndex = 0;
      const m = re.exec(it.text);
      if (!m) continue;
      hits.push(ev(view, it.line ?? lineAt(it.block, m.index), `${detail}: "${snippet(m[0], 60)}"`, p.expect === 'absent'));
      break;
    }
  }
  if (p.expect === 'present') return result(hits.length ? 1 : 0, hits, hits.length ? undefined : 'none of the expected phrases found');
  return result(hits.length ? 0 : 1, hits, hits.length ? `found: ${hits.map((h) => h.detail.split(':')[0]).join('; ')}` : undefined);
}

const paramsSchema = Type.Object(
  {
    /** Regexes (JavaScript syntax, case-insensitive unless `flags` says otherwise) searched in the README text and link URLs. */
    patterns: Type.Array(
      Type.Object(
        {
          regex: Type.String({ minLength: 1 }),
          detail: Type.String({ minLength: 1 }),
          flags: Type.Optional(Type.String({ pattern: '^[imsu]*$' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /** present: a match passes; absent: a match fails. */
    expect: Type.Union([Type.Literal('present'), Type.Literal('absent')]),
    /** Search code blocks too. */
    includeCode: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

type ReadmePhrasesParams = Static<typeof paramsSchema>;

export const readmePhrasesProbe = defineProbe({
  name: 'readme-phrases',
  description: 'Does the README contain (or not contain) any of these phrases? Regexes over its text and link URLs.',
  paramsSchema,
  reads: () => README_GLOBS,
  async run(params, ctx) {
    const loaded = await loadReadme(ctx);
    if ('missing' in loaded) {
      // Nothing to search: a phrase that must be absent is not there, but that is not a measurement.
      if (params.expect === 'absent') return { score: 1, evidence: loaded.missing.evidence, outcome: 'not-measurable', note: `nothing to search: ${loaded.missing.note}` };
      return loaded.missing;
    }
    return phrases(loaded.view, params);
  },
});
