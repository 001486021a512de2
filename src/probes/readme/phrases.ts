import type { Evidence, ProbeResult } from '../../types.js';
import { Type, type Static } from '@sinclair/typebox';
import { defineProbe } from '../types.js';
import { README_GLOBS, loadReadme } from './_shared/load.js';
import { lineAt, snippet, urls, type Block, type ReadmeView } from './_shared/blocks.js';
import { result, ev } from './_shared/result.js';


/** A URL written out in prose (as the text of a link, or bare). */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>()[\]"'`]{1,2000}/gi;
/** Hosts of repositories, whose first two path segments name the owner and the project. */
const CODE_HOST = /(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|kaggle\.com)$/i;
const REPO_PATH = /^\/([^/?#\s]{1,100}(?:\/[^/?#\s]{1,100})?)/;
/** The host of an absolute URL (`//host`, `scheme://host`). */
const HOST = /^(?:[a-z][\w+.-]{0,20}:)?\/\/(?:[^@/?#\s]{0,200}@)?([^/?#:\s]{1,253})/i;

/**
 * What of a link target is searched with `linkTargets: host`: the host of an absolute URL (a link to coursera.org is
 * the course platform; on a code host, with the owner and project: github.com/DataTalksClub/machine-learning-zoomcamp),
 * the whole of a relative one (a path in the repo, named by its author). The path of a page on
 * another site is that site's naming: a reference to `takuti.me/note/coursera-recommender-systems` is no claim that
 * the project is a course's (calibration set 28).
 */
function hostOf(url: string): string {
  const m = HOST.exec(url.trim());
  if (m) {
    // On a code host the owner and repository are a project's names: a link to github.com/DataTalksClub/machine-learning-zoomcamp names the course.
    const repo = CODE_HOST.test(m[1]!) ? REPO_PATH.exec(url.trim().slice(m[0].length)) : null;
    return repo ? `${m[1]!}/${repo[1]!}` : m[1]!;
  }
  return /^[a-z][\w+.-]{0,20}:/i.test(url.trim()) ? '' : url;
}

/**
 * A README's title area, where it says what the project is: its blocks before its first section heading (a heading of
 * depth 1–5 after the README's first heading; a line of bold text alone, a pseudo-heading of depth 6, does not end it).
 */
function titleArea(blocks: readonly Block[]): Set<Block> {
  const out = new Set<Block>();
  let firstHeading = true;
  for (const b of blocks) {
    if (b.kind === 'heading' && (b.depth ?? 6) <= 5) {
      if (!firstHeading) break;
      firstHeading = false;
    }
    out.add(b);
  }
  return out;
}

function phrases(view: ReadmeView, p: ReadmePhrasesParams): ProbeResult {
  const compiled: Array<{ re: RegExp; detail: string; unless?: RegExp }> = [];
  let topicless: RegExp | undefined;
  try {
    topicless = p.topicless ? new RegExp(p.topicless, 'i') : undefined;
  } catch (e) {
    return { score: 0, evidence: [], outcome: 'not-measurable', note: `invalid pattern /${p.topicless ?? ''}/: ${(e as Error).message}` };
  }
  for (const pat of p.patterns) {
    try {
      const flags = (pat.flags ?? 'i').replace(/g/g, '');
      compiled.push({ re: new RegExp(pat.regex, flags + 'g'), detail: pat.detail, ...(pat.unless ? { unless: new RegExp(pat.unless, 'i') } : {}) });
    } catch (e) {
      return { score: 0, evidence: [], outcome: 'not-measurable', note: `invalid pattern /${pat.regex}/: ${(e as Error).message}` };
    }
  }
  const hits: Evidence[] = [];
  const items: Array<{ text: string; block: Block; isUrl?: boolean; line?: number }> = [];
  const hostOnly = p.linkTargets === 'host';
  // With `linkTargets: host`, a URL written out in the text is searched as a link target (its host), not as words.
  for (const b of view.blocks) if (b.kind !== 'code' || p.includeCode) items.push({ text: hostOnly ? b.text.replace(URL_IN_TEXT, (u) => ' '.repeat(u.length)) : b.text, block: b });
  for (const u of urls(view)) {
    const text = hostOnly ? hostOf(u.url) : u.url;
    if (text) items.push({ text, block: u.block, isUrl: true, line: u.line });
  }
  const title = titleArea(view.blocks);
  // The README's title: its first heading of depth 1–5 (a line of bold text alone, depth 6, is a subtitle).
  const heading = view.blocks.find((b) => b.kind === 'heading' && (b.depth ?? 6) <= 5);
  // attack19: an exception said of a project whose title names no problem of its own ("# Capstone project" over "part
  // of the Udacity … Nanodegree", the set dog classifier described below it: +34.8) is no exception.
  const topicNamed = !topicless || (heading !== undefined && !topicless.test(heading.text.trim()));
  for (const { re, detail, unless: unlessRe } of compiled) {
    const unless = topicNamed ? unlessRe : undefined;
    // A pattern with `unless` does not count in a README whose title area matches that (review16: "my capstone project
    // is in another repo" under "See also", or "not a capstone project", lifted a nanodegree's cap, +34.3), nor in a
    // block that matches it itself.
    if (unless && items.some((it) => !it.isUrl && title.has(it.block) && unless.test(it.text))) continue;
    for (const it of items) {
      re.lastIndex = 0;
      const m = re.exec(it.text);
      if (!m) continue;
      if (unless && !it.isUrl && unless.test(it.text)) continue;
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
          /**
           * The pattern does not count in a README whose title area (its blocks before its first section heading)
           * matches this regex (case-insensitive), nor in a block that matches it: a programme's phrase said of a
           * capstone the student chose, not one mentioned under "See also".
           */
          unless: Type.Optional(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /**
     * A README title (its first heading of depth 1–5) that matches this regex (case-insensitive) names no problem of
     * its own ("Capstone project", "Udacity Nanodegree capstone"): in a README with such a title, or none, no
     * pattern's `unless` counts — a capstone the student chose is named by its problem.
     */
    topicless: Type.Optional(Type.String({ minLength: 1 })),
    /** present: a match passes; absent: a match fails. */
    expect: Type.Union([Type.Literal('present'), Type.Literal('absent')]),
    /** Search code blocks too. */
    includeCode: Type.Boolean({ default: false }),
    /**
     * What of a link target is searched: `full` (the whole URL), or `host` (an absolute URL's host only, and URLs
     * written out in the text are not searched as words): the path of a page on another site is that site's naming.
     */
    linkTargets: Type.Union([Type.Literal('full'), Type.Literal('host')], { default: 'full' }),
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
