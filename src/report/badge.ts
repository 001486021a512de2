import { isAudited, type Grade, type Report } from './types.js';
import { num } from './numbers.js';

/**
 * An SVG badge in the flat style that shields.io made the convention: a grey label half ("ML portfolio") and a value
 * half ("87.5 · A") coloured by grade. Text widths are estimated from Verdana's advance widths at 11 px (the font the
 * badge names first), as badge makers do, so the halves fit their text without a browser to measure it.
 */

export const BADGE_LABEL = 'ML portfolio';

/** Value-half colours per grade (shields.io's named colours: brightgreen, green, yellow, orange, red). */
export const GRADE_COLORS: Record<Grade, string> = {
  A: '#4c1',
  B: '#97ca00',
  C: '#dfb317',
  D: '#fe7d37',
  F: '#e05d44',
};
/** Nothing audited: no score to show. */
export const NO_SCORE_COLOR = '#9f9f9f';
const LABEL_COLOR = '#555';

/**
 * Verdana advance widths in font units (2048 per em) for the characters a badge usually holds; width in pixels at
 * 11 px = units / 2048 * 11. Anything not listed counts as wide as "m" (an overestimate is better than clipped text).
 */
const VERDANA_UNITS: Record<string, number> = {
  ' ': 720, '!': 824, '"': 1038, '#': 1716, $: 1302, '%': 2212, '&': 1478, "'": 550, '(': 931, ')': 931, '*': 1302,
  '+': 1716, ',': 745, '-': 889, '.': 745, '/': 1197, ':': 889, ';': 889, '<': 1716, '=': 1716, '>': 1716, '?': 1120,
  '@': 2048, '[': 931, '\\': 1197, ']': 931, '^': 1716, _: 1302, '`': 1302, '{': 1300, '|': 889, '}': 1300, '~': 1716,
  '·': 745, '–': 1302, '—': 2048,
  '0': 1302, '1': 1302, '2': 1302, '3': 1302, '4': 1302, '5': 1302, '6': 1302, '7': 1302, '8': 1302, '9': 1302,
  A: 1401, B: 1405, C: 1430, D: 1577, E: 1294, F: 1178, G: 1587, H: 1540, I: 862, J: 941, K: 1423, L: 1145, M: 1745,
  N: 1540, O: 1614, P: 1237, Q: 1614, R: 1429, S: 1401, T: 1243, U: 1508, V: 1401, W: 2028, X: 1405, Y: 1243, Z: 1405,
  a: 1229, b: 1276, c: 1067, d: 1276, e: 1220, f: 720, g: 1276, h: 1296, i: 562, j: 677, k: 1208, l: 562, m: 1992,
  n: 1296, o: 1243, p: 1276, q: 1276, r: 874, s: 1067, t: 807, u: 1296, v: 1208, w: 1675, x: 1208, y: 1208, z: 1051,
};
const UNKNOWN_UNITS = VERDANA_UNITS.m;

/** Estimated width of `text` in Verdana 11 px, in pixels (one decimal). */
export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += VERDANA_UNITS[ch] ?? UNKNOWN_UNITS;
  return Math.round((units / 2048) * 11 * 10) / 10;
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Bidi overrides and other invisible controls that could make a label read differently than it is. */
const INVISIBLE = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** One line of badge text: control characters removed, whitespace folded, at most `max` characters. */
function badgeText(s: string, max = 60): string {
  const one = s.replace(NOT_XML, '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = [...one];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : one;
}

/** Text for an XML text node or a double- or single-quoted attribute. */
function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/** A colour for `fill`: #rgb / #rrggbb, anything else falls back to the no-score grey (never raw text in an attribute). */
function safeColor(c: string): string {
  return /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c) ? c : NO_SCORE_COLOR;
}

interface BadgeSpec {
  label: string;
  message: string;
  color: string;
}

/** The flat badge for any label and message: both are treated as untrusted text. */
export function badgeSvg(spec: BadgeSpec): string {
  const label = badgeText(spec.label) || ' ';
  const message = badgeText(spec.message) || ' ';
  const pad = 5;
  const lw = Math.round(textWidth(label) + 2 * pad);
  const mw = Math.round(textWidth(message) + 2 * pad);
  const w = lw + mw;
  // Text is drawn at 10x size and scaled by .1 (finer positioning); textLength keeps it inside its half.
  const lx = lw * 5;
  const mx = lw * 10 + mw * 5;
  const ltl = (lw - 2 * pad) * 10;
  const mtl = (mw - 2 * pad) * 10;
  const title = xmlEscape(`${label}: ${message}`);
  const l = xmlEscape(label);
  const m = xmlEscape(message);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="${LABEL_COLOR}"/><rect x="${lw}" width="${mw}" height="20" fill="${safeColor(spec.color)}"/><rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    `<text aria-hidden="true" x="${lx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${ltl}">${l}</text>` +
    `<text x="${lx}" y="140" transform="scale(.1)" fill="#fff" textLength="${ltl}">${l}</text>` +
    `<text aria-hidden="true" x="${mx}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${mtl}">${m}</text>` +
    `<text x="${mx}" y="140" transform="scale(.1)" fill="#fff" textLength="${mtl}">${m}</text>` +
    `</g></svg>\n`
  );
}

/**
 * What the badge of a report shows: one repo's score and grade; for several repos (a portfolio), the portfolio's.
 * Null when nothing was audited (an error, an empty workspace, a skipped repo).
 */
export function badgeScore(report: Report): { score: number; grade: Grade } | null {
  if (report.repos.length === 1) {
    const r = report.repos[0];
    return isAudited(r) ? { score: r.score, grade: r.grade } : null;
  }
  const p = report.portfolio;
  return p.score !== undefined && p.grade !== undefined ? { score: p.score, grade: p.grade } : null;
}

/** The report's badge: "ML portfolio | 87.5 · A", or "ML portfolio | not audited" in grey. */
export function renderBadge(report: Report, label = BADGE_LABEL): string {
  const s = badgeScore(report);
  return s
    ? badgeSvg({ label, message: `${num(s.score)} · ${s.grade}`, color: GRADE_COLORS[s.grade] })
    : badgeSvg({ label, message: 'not audited', color: NO_SCORE_COLOR });
}
