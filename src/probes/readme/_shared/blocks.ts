/**
 * Flattens a README's mdast tree into the blocks the readme checks reason about (headings, paragraphs, code, HTML,
 * table rows), each with its plain text, its line and the heading it falls under. Structure always comes from the
 * parser; regexes only ever run over a node's text content.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { ReadmeDoc } from '../../readme-doc.js';

type BlockKind = 'heading' | 'paragraph' | 'code' | 'html' | 'table';

export interface Block {
  kind: BlockKind;
  /** Plain text (markup removed). Code: the code. HTML: tags stripped. Table: one `| a | b |` line per row. */
  text: string;
  /** 1-based line of the block's first line in the README. */
  line: number;
  /** Heading depth (1-6); pseudo-headings (a paragraph that is only bold text) get 6. */
  depth?: number;
  /** Code fence language, lower case ('' when none). */
  lang?: string;
  /** Code: line of the first line of code (after the opening fence). */
  contentLine?: number;
  /** The mdast node (null for blocks synthesised from HTML). */
  node: Nodes | null;
  /** Index (into `headings`) of the nearest heading above, -1 before the first heading. */
  heading: number;
  /** Index of this block in the flat list. */
  index: number;
  /** True for a paragraph directly inside a list item. */
  inList?: boolean;
}

export interface Section {
  /** The heading block. */
  head: Block;
  title: string;
  depth: number;
  /** Blocks under this heading, up to the next heading of the same or a higher level (subsections included). */
  blocks: Block[];
}

export interface ReadmeView {
  doc: ReadmeDoc;
  blocks: Block[];
  headings: Block[];
  sections: Section[];
  /** Last line of YAML front matter (Hugging Face Spaces READMEs start with it), 0 when none. */
  frontMatterEnd: number;
  /** Memoised `urls(view)`. */
  urlCache?: UrlRef[];
}

const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;

/** Strips HTML tags and decodes the few entities READMEs use. */
function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^<>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;

/**
 * Words with at least one letter or digit. Scripts written without spaces (Chinese, Japanese, Thai) count about one
 * word per two characters, so a README in those languages is not judged empty.
 */
export function countWords(text: string): number {
  let n = 0;
  for (const t of text.split(/\s+/)) {
    if (!/[\p{L}\p{N}]/u.test(t)) continue;
    const cjk = t.match(CJK)?.length ?? 0;
    n += cjk ? Math.max(1, Math.ceil(cjk / 2) + (t.replace(CJK, ' ').trim() ? t.replace(CJK, ' ').trim().split(/\s+/).length : 0)) : 1;
  }
  return n;
}

/**
 * YAML front matter is not Markdown: without a plugin remark reads it as a thematic break plus a setext heading.
 * Returns the line of the closing `---` (0 when the README has none).
 */
function frontMatterEnd(text: string): number {
  const lines = text.split('\n', 60);
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '---' || l === '...') return i + 1;
  }
  return 0;
}

function tableLines(t: Table): string {
  return t.children.map((row) => '| ' + row.children.map((c) => toString(c).trim()).join(' | ') + ' |').join('\n');
}

/** A paragraph that is only bold (or italic) text, short: authors use it as a heading. */
function pseudoHeading(node: Nodes): string | null {
  if (node.type !== 'paragraph') return null;
  const kids = node.children.filter((c) => !(c.type === 'text' && /^[\s:]*$/.test(c.value)));
  if (kids.length !== 1) return null;
  const k = kids[0]!;
  if (k.type !== 'strong' && k.type !== 'emphasis') return null;
  const t = toString(k).trim();
  return t && countWords(t) <= 8 ? t : null;
}

/** A plain-text label line, as READMEs written as text use for headings: "Dataset:" then the text below it. */
const LABEL_LINE = /^([^\n:：]{1,60})[:：][ \t]*\n/;

/**
 * A paragraph that opens with a short bold line and goes on on the next line ("**Dataset**  " then a link), or with a
 * short label line ("Dataset:" then the text): that line is its heading, the rest its text. Returns the heading and
 * the children after the line break.
 */
function leadingPseudoHeading(node: Nodes): { title: string; head: Paragraph; rest: Paragraph } | null {
  if (node.type !== 'paragraph') return null;
  const kids = node.children;
  const k = kids[0];
  if (k?.type === 'text') {
    const m = LABEL_LINE.exec(k.value);
    const title = m?.[1]!.trim();
    if (!m || !title || countWords(title) > 5) return null;
    const rest: PhrasingContent[] = [{ ...k, value: k.value.slice(m[0].length) }, ...kids.slice(1)];
    if (!rest.some((c) => toString(c).trim())) return null;
    const start = node.position?.start.line ?? 1;
    const end = node.position?.end ?? { line: start + 1, column: 1 };
    return {
      title,
      head: { type: 'paragraph', children: [{ type: 'text', value: title }] },
      rest: { type: 'paragraph', children: rest, position: { start: { line: start + 1, column: 1 }, end } },
    };
  }
  if (!k || (k.type !== 'strong' && k.type !== 'emphasis')) return null;
  let t = toString(k).trim();
  if (!t || countWords(t) > 8) return null;
  while (t.endsWith(':') || t.endsWith('：')) t = t.slice(0, -1).trimEnd();
  if (!t) return null;
  const next = kids[1];
  let rest: PhrasingContent[];
  if (next?.type === 'break') rest = kids.slice(2);
  else if (next?.type === 'text' && /^[ \t:：]*\n/.test(next.value)) rest = [{ ...next, value: next.value.replace(/^[ \t:：]*\n/, '') }, ...kids.slice(2)];
  else return null;
  if (!rest.some((c) => toString(c).trim())) return null;
  const restLine = (k.position?.end.line ?? node.position?.start.line ?? 1) + 1;
  const end = node.position?.end ?? { line: restLine, column: 1 };
  return {
    title: t,
    head: { type: 'paragraph', children: [k], ...(k.position ? { position: k.position } : {}) },
    rest: { type: 'paragraph', children: rest, position: { start: { line: restLine, column: 1 }, end } },
  };
}

const viewCache = new WeakMap<ReadmeDoc, ReadmeView>();

/** The flattened README, computed once per parsed document (every readme rule of a repo shares it). */
export function readmeView(doc: ReadmeDoc): ReadmeView {
  let v = viewCache.get(doc);
  if (!v) {
    v = buildView(doc);
    viewCache.set(doc, v);
  }
  return v;
}

function buildView(doc: ReadmeDoc): ReadmeView {
  const fm = frontMatterEnd(doc.text);
  const blocks: Block[] = [];
  const headings: Block[] = [];
  const push = (b: Omit<Block, 'index' | 'heading'>): void => {
    const block: Block = { ...b, index: blocks.length, heading: headings.length - 1 };
    if (b.kind === 'heading') {
      block.heading = headings.length;
      headings.push(block);
    }
    blocks.push(block);
  };
  visit(doc.tree as Root, (node: Nodes, _i, parent) => {
    if (node.type === 'root') return;
    const line = node.position?.start.line ?? 1;
    if (fm && line <= fm) return SKIP;
    switch (node.type) {
      case 'heading':
        push({ kind: 'heading', text: toString(node).trim(), line, depth: node.depth, node });
        return SKIP;
      case 'paragraph': {
        const ph = pseudoHeading(node);
        const lead = ph || parent?.type === 'listItem' ? null : leadingPseudoHeading(node);
        if (ph) push({ kind: 'heading', text: ph, line, depth: 6, node });
        else if (lead) {
          push({ kind: 'heading', text: lead.title, line, depth: 6, node: lead.head });
          push({ kind: 'paragraph', text: toString(lead.rest), line: lead.rest.position!.start.line, node: lead.rest, inList: false });
        } else push({ kind: 'paragraph', text: toString(node), line, node, inList: parent?.type === 'listItem' });
        return SKIP;
      }
      case 'code': {
        const span = (node.position?.end.line ?? line) - line + 1;
        const fenced = span > node.value.split('\n').length;
        push({ kind: 'code', text: node.value, line, contentLine: fenced ? line + 1 : line, lang: (node.lang ?? '').toLowerCase(), node });
        return SKIP;
      }
      case 'html': {
        const html = node.value;
        let rest = html;
        for (const m of html.matchAll(HTML_HEADING)) {
          const t = htmlText(m[2] ?? '');
          if (t) push({ kind: 'heading', text: t, line, depth: Number(m[1]), node: null });
          rest = rest.replace(m[0], ' ');
        }
        push({ kind: 'html', text: htmlText(rest), line, node });
        return SKIP;
      }
      case 'table':
        push({ kind: 'table', text: tableLines(node), line, node });
        return SKIP;
      default:
        return undefined;
    }
  });
  const sections: Section[] = headings.map((head, i) => {
    const next = headings.slice(i + 1).find((h) => (h.depth ?? 6) <= (head.depth ?? 6));
    const end = next ? next.index : blocks.length;
    return { head, title: head.text, depth: head.depth ?? 6, blocks: blocks.slice(head.index + 1, end) };
  });
  return { doc, blocks, headings, sections, frontMatterEnd: fm };
}

/** Sections whose heading matches `re`. */
export function sectionsMatching(view: ReadmeView, re: RegExp): Section[] {
  return view.sections.filter((s) => re.test(s.title));
}

/** The prose blocks (paragraph, HTML text, table) of a list of blocks. */
export function prose(blocks: Block[]): Block[] {
  return blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'html' || b.kind === 'table');
}

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const THAI = /\p{Script=Thai}/gu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LETTER = /[\p{L}\p{N}]/gu;
/** A Latin letter outside English's alphabet: the text is in another Latin-script language (German, Polish, Turkish…). */
const NON_ENGLISH_LATIN = /(?![A-Za-z])\p{Script=Latin}/u;
/**
 * Letters an English word's worth of content takes, by script, in running prose. German, Polish or Turkish say what
 * English says in fewer, longer words; Russian in about 0.8 as many words of 5.3 letters (English: about 4.7 letters).
 */
const LETTERS_PER_WORD = { latin: 5.5, cyrillic: 4.3 } as const;
/** English words' worth of one character of a script written without spaces (a Chinese sentence of 18 English words' content is ~30 Han characters). */
const CHAR_WORDS = { han: 0.6, kana: 0.5, hangul: 0.55, thai: 0.5 } as const;
/**
 * Letters never count more than this many times the words: five long compounds are not a paragraph, and ten long
 * English words are not fifteen (Russian needs about 1.25: 12 words for an English 15).
 */
const MAX_WORD_FACTOR = 1.3;

/**
 * How many English words the same content would take, so that a minimum set in English words is as hard to reach in
 * Russian, German, Polish or Turkish (fewer, longer words: counted by letters, at most 1.3 times the words) and in
 * Chinese, Japanese or Korean (written by characters: each character a fraction of a word) as in English. An English
 * text counts its words. Never less than the words.
 */
export function englishWordEquivalent(text: string): number {
  let words = 0;
  let latin = 0;
  let cyrillic = 0;
  let chars = 0;
  for (const t of text.split(/\s+/)) {
    if (!/[\p{L}\p{N}]/u.test(t)) continue;
    const han = t.match(HAN)?.length ?? 0;
    const kana = t.match(KANA)?.length ?? 0;
    const hangul = t.match(HANGUL)?.length ?? 0;
    const thai = t.match(THAI)?.length ?? 0;
    chars += han * CHAR_WORDS.han + kana * CHAR_WORDS.kana + hangul * CHAR_WORDS.hangul + thai * CHAR_WORDS.thai;
    const rest = han + kana + hangul + thai ? t.replace(CJK, ' ') : t;
    for (const w of rest.split(/\s+/)) {
      const letters = w.match(LETTER)?.length ?? 0;
      if (!letters) continue;
      words++;
      const cyr = w.match(CYRILLIC)?.length ?? 0;
      cyrillic += cyr;
      latin += letters - cyr;
    }
  }
  // Latin letters count only in a text with a letter English does not use (ä, ß, ł, ş, é…): English prose is judged by
  // its words, so a list of long English terms ("Audio classification (Keyword Spotting)") is no longer than it is.
  const byLetters = (NON_ENGLISH_LATIN.test(text) ? latin / LETTERS_PER_WORD.latin : 0) + cyrillic / LETTERS_PER_WORD.cyrillic;
  return Math.max(words, Math.min(byLetters, MAX_WORD_FACTOR * words)) + chars;
}

/** Word count of prose blocks (code excluded). */
export function proseWords(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.kind !== 'code') n += countWords(b.text);
  return n;
}

/** Line of the character at `offset` in a block's text (text keeps the source's line breaks). */
export function lineAt(block: Block, offset: number): number {
  // Newline offsets found once per block, then a binary search: callers ask for every line of a block, and counting
  // from the start each time would grow with the square of the block.
  let nl = newlines.get(block);
  if (!nl) {
    const found: number[] = [];
    const t = block.text;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) found.push(i);
    newlines.set(block, (nl = found));
  }
  let lo = 0;
  let hi = nl.length; // the number of newlines before `offset`
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nl[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return (block.kind === 'code' ? (block.contentLine ?? block.line) : block.line) + lo;
}

const newlines = new WeakMap<Block, number[]>();

/** Trims a matched snippet for evidence. */
export function snippet(s: string, max = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

interface UrlRef {
  url: string;
  /** Link text, image alt or surrounding text. */
  text: string;
  line: number;
  kind: 'link' | 'image' | 'definition' | 'html-link' | 'html-image' | 'bare';
  block: Block;
}

const BARE_URL = /\bhttps?:\/\/[^\s<>()[\]"'`]+[^\s<>()[\]"'`.,;:!?*_]/gi;

/**
 * Every URL in the README: Markdown links, images and definitions (from the tree), href/src in HTML, and bare URLs in
 * text (CommonMark does not autolink them without GFM).
 */
export function urls(view: ReadmeView): UrlRef[] {
  view.urlCache ??= collectUrls(view);
  return view.urlCache;
}

function collectUrls(view: ReadmeView): UrlRef[] {
  const out: UrlRef[] = [];
  for (const b of view.blocks) {
    if (b.kind === 'code') continue;
    if (b.kind === 'html') {
      const raw = b.node && b.node.type === 'html' ? b.node.value : '';
      for (const m of raw.matchAll(/<(a|img|source|video|iframe)\b[^>]*?\b(href|src)\s*=\s*["']([^"']+)["']/gi)) {
        const isImg = /^(img|source|video)$/i.test(m[1]!);
        out.push({ url: m[3]!.trim(), text: htmlText(raw), line: b.line, kind: isImg ? 'html-image' : 'html-link', block: b });
      }
      for (const m of b.text.matchAll(BARE_URL)) out.push({ url: m[0], text: b.text, line: lineAt(b, m.index), kind: 'bare', block: b });
      continue;
    }
    if (!b.node) continue;
    const seen = new Set<string>();
    visit(b.node, (n: Nodes) => {
      const line = n.position?.start.line ?? b.line;
      if (n.type === 'link') {
        out.push({ url: n.url, text: toString(n), line, kind: 'link', block: b });
        seen.add(n.url);
      } else if (n.type === 'image') {
        out.push({ url: n.url, text: n.alt ?? '', line, kind: 'image', block: b });
        seen.add(n.url);
      } else if (n.type === 'definition') {
        out.push({ url: n.url, text: n.label ?? '', line, kind: 'definition', block: b });
      } else if (n.type === 'html') {
        for (const m of n.value.matchAll(/<(a|img|source|video)\b[^>]*?\b(href|src)\s*=\s*["']([^"']+)["']/gi)) {
          const isImg = /^(img|source|video)$/i.test(m[1]!);
          out.push({ url: m[3]!.trim(), text: '', line, kind: isImg ? 'html-image' : 'html-link', block: b });
        }
      } else if (n.type === 'text' || n.type === 'inlineCode') {
        for (const m of n.value.matchAll(BARE_URL)) {
          if (seen.has(m[0])) continue;
          let l = line;
          for (let i = 0; i < m.index; i++) if (n.value.charCodeAt(i) === 10) l++;
          out.push({ url: m[0], text: b.text, line: l, kind: 'bare', block: b });
        }
      }
      return undefined;
    });
  }
  // Definitions are root-level blocks the flat list does not hold as their own kind.
  let bi = 0;
  visit(view.doc.tree as Root, 'definition', (n) => {
    const line = n.position?.start.line ?? 1;
    if (view.frontMatterEnd && line <= view.frontMatterEnd) return;
    while (bi < view.blocks.length - 1 && view.blocks[bi]!.line < line) bi++;
    const block = view.blocks[bi];
    if (block) out.push({ url: n.url, text: n.label ?? '', line, kind: 'definition', block });
  });
  return out;
}

/** True for absolute URLs (scheme or protocol-relative). */
export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/** Hostname (lower case) of an absolute http(s) URL, or null. */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(url.startsWith('//') ? 'https:' + url : url.replace(/^['"]|['"]$/g, ''));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Inline code spans inside a block, with their lines. */
export function inlineCodes(block: Block): Array<{ value: string; line: number }> {
  const out: Array<{ value: string; line: number }> = [];
  if (!block.node || block.kind === 'code') return out;
  visit(block.node, 'inlineCode', (n) => {
    out.push({ value: n.value, line: n.position?.start.line ?? block.line });
  });
  return out;
}

