/**
 * The report as one self-contained HTML page a candidate can link from a CV: the portfolio at a glance, per repo a
 * headline, charts (category scores, the five stages as a strip, commits over time) and the fixes worth most points,
 * the skill matrix with links to the files that show each skill.
 *
 * One pure function, report → string. No script, no outside font, image or style: a strict CSP meta tag allows only
 * inline styles and data: images. The charts are inline SVG drawn here, each an image with an accessible name that
 * says its numbers in words. Every string that came from a repository (names, paths, evidence, config file names) and
 * every field of the JSON report (a merged report is read from files) goes through htmlText(); numbers through num()
 * of a checked number; links only to https://github.com/<owner>/<repo>/blob/<sha>/<path>#L<n> built from checked parts.
 */
import { CATEGORIES, STAGES, type Category, type Evidence, type Stage } from '../types.js';
import { htmlText as h } from './escape.js';
import { num } from './numbers.js';
import { changesText, configuredSource, gateOf } from './configured.js';
import { capsSentence, fixListOf, gainLabel, thenParts } from './fix-list.js';
import { isAudited, type AuditedRepoReport, type Grade, type NotAuditedRepoReport, type PortfolioEvidence, type PortfolioFlagKind, type Report, type RepoReport, type RuleResult } from './types.js';
import type { CommitActivity } from '../activity.js';
import { MAX_BUCKETS } from '../activity.js';

interface HtmlOptions {
  /** How many fixes to list per repo (default 5). */
  topFixes?: number;
}

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STAGE_NAMES: Record<Stage, string> = {
  data: 'Data',
  preprocessing: 'Preprocessing',
  training: 'Training',
  evaluation: 'Evaluation',
  deployment: 'Deployment',
};

const CATEGORY_NAMES: Record<Category, string> = {
  pipeline: 'Pipeline',
  readme: 'README',
  history: 'History',
  engineering: 'Engineering',
  originality: 'Originality',
};

const FLAG_NAMES: Record<PortfolioFlagKind, string> = {
  'tutorial-copy': 'tutorial or course copy',
  fork: 'fork',
  'one-shot': 'one-shot upload',
  archived: 'archived',
  empty: 'empty',
};

/* ---------- checked values: a report read from a file may hold anything ---------- */

/** A finite number, else 0. */
const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
/** A score 0..100 for drawing (clamped). */
const pct = (x: unknown): number => Math.max(0, Math.min(100, n(x)));
const grade = (g: unknown): Grade | '?' => (typeof g === 'string' && /^[A-F]$/.test(g) && g !== 'E' ? (g as Grade) : '?');
const arr = <T>(x: T[] | undefined | null): T[] => (Array.isArray(x) ? x : []);
const audited = isAudited;
const plural = (k: number, one: string, many = `${one}s`): string => `${num(k)} ${k === 1 ? one : many}`;
/** Whole-number coordinates with at most one decimal, for SVG attributes. */
const c = (x: number): string => String(Math.round(x * 10) / 10);

/** The last part of a local path or owner/name, for headings and charts; the whole name is shown beside it. */
function repoShort(repo: unknown): string {
  const s = String(repo ?? '');
  return s.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || s;
}

/* ---------- links ---------- */

const GITHUB_REPO = /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/?$/;

/** https://github.com/<owner>/<repo> when `url` is exactly that (checked owner and name), else null. */
export function githubRepoUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const m = GITHUB_REPO.exec(url);
  if (!m || m[2] === '.' || m[2] === '..') return null;
  return `https://github.com/${m[1]}/${m[2]}`;
}

const encodeSegment = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The evidence's file at the audited commit on GitHub, with a line anchor (not for notebook cells):
 * https://github.com/<owner>/<repo>/blob/<sha>/<path>#L<n>. Null for a repo not read from GitHub (a local path is
 * never linked), without a full commit sha, or with a path that is not a plain relative path.
 */
export function evidenceHref(repoUrl: unknown, commit: unknown, e: Pick<Evidence, 'path' | 'line' | 'cell'>): string | null {
  const base = githubRepoUrl(repoUrl);
  if (!base || typeof commit !== 'string' || !/^[0-9a-f]{40}$/.test(commit)) return null;
  const path = e.path;
  if (typeof path !== 'string' || !path || path.length > 1000 || /[\u0000-\u001f\u007f\\]/.test(path)) return null;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  const line = e.line;
  const anchor = e.cell === undefined && typeof line === 'number' && Number.isInteger(line) && line > 0 ? `#L${line}` : '';
  return `${base}/blob/${commit}/${parts.map(encodeSegment).join('/')}${anchor}`;
}

/** "path:12" or "path (cell 3)". */
function whereText(e: Evidence): string {
  const cell = typeof e.cell === 'number' ? ` (cell ${num(n(e.cell))})` : '';
  const line = !cell && typeof e.line === 'number' && e.line > 0 ? `:${num(n(e.line))}` : '';
  return `${String(e.path ?? '')}${cell}${line}`;
}

/** One piece of evidence: a link to the file on GitHub, or the path as code. `label` is plain text. */
function evidenceRef(repoUrl: unknown, commit: unknown, e: Evidence, label = whereText(e)): string {
  const href = evidenceHref(repoUrl, commit, e);
  const text = `<code>${h(label, 160)}</code>`;
  return href ? `<a href="${h(href, 2000)}">${text}</a>` : text;
}

/* ---------- charts ---------- */

let ids = 0;
const id = (prefix: string): string => `${prefix}-${++ids}`;

/** An SVG image: role img, the accessible name as aria-label and <title> (a tooltip), a longer <desc>. */
function svg(viewW: number, viewH: number, cls: string, name: string, desc: string, body: string): string {
  const t = id('t');
  return (
    `<svg class="chart ${cls}" viewBox="0 0 ${c(viewW)} ${c(viewH)}" role="img" aria-label="${h(name, 2000)}" aria-describedby="${t}d" ` +
    `xmlns="http://www.w3.org/2000/svg" focusable="false"><title id="${t}">${h(name, 2000)}</title><desc id="${t}d">${h(desc, 4000)}</desc>${body}</svg>`
  );
}

/** A ring with the score in the middle. */
function gauge(score: number, g: string, label: string): string {
  const r = 50;
  const len = 2 * Math.PI * r;
  const filled = (pct(score) / 100) * len;
  const body =
    `<circle class="ring" cx="60" cy="60" r="${r}" fill="none" stroke-width="12"/>` +
    `<circle class="arc grade-${g}" cx="60" cy="60" r="${r}" fill="none" stroke-width="12" stroke-linecap="butt" ` +
    `stroke-dasharray="${c(filled)} ${c(len)}" transform="rotate(-90 60 60)"/>` +
    `<text x="60" y="62" text-anchor="middle" class="big">${h(num(score))}</text>` +
    `<text x="60" y="84" text-anchor="middle" class="small">of 100 · ${h(g)}</text>`;
  return svg(120, 120, 'gauge', `${label}: ${num(score)} out of 100, grade ${g}`, `${label}: ${num(score)} out of 100, grade ${g}.`, body);
}

/** Horizontal bars: category scores of one repo. */
function categoryChart(r: AuditedRepoReport, who: string): string {
  const cats = CATEGORIES.filter((k) => n(r.categories?.[k]?.weight) > 0);
  if (!cats.length) return '<p class="muted">No category was measured.</p>';
  const rowH = 34;
  const x0 = 100;
  const w = 190;
  let body = '';
  cats.forEach((k, i) => {
    const y = 8 + i * rowH;
    const v = pct(r.categories[k].score);
    body +=
      `<text x="0" y="${y + 13}" class="label">${CATEGORY_NAMES[k]}</text>` +
      `<text x="0" y="${y + 27}" class="small">weight ${h(num(n(r.categories[k].weight)))}</text>` +
      `<rect class="track" x="${x0}" y="${y + 4}" width="${w}" height="16" rx="3"/>` +
      (v > 0 ? `<rect class="bar" x="${x0}" y="${y + 4}" width="${c((w * v) / 100)}" height="16" rx="3"/>` : '') +
      `<text x="${x0 + w + 6}" y="${y + 17}" class="value">${h(num(n(r.categories[k].score)))}</text>`;
  });
  const words = cats.map((k) => `${CATEGORY_NAMES[k]} ${num(n(r.categories[k].score))} out of 100 (weight ${num(n(r.categories[k].weight))})`);
  return svg(340, 8 + cats.length * rowH, 'categories', `Category scores of ${who}: ${words.join(', ')}`, words.join('. ') + '.', body);
}

const CHECK = 'M-5 0.5 L-1.5 4 L5.5 -3.5';
const CROSS = 'M-4 -4 L4 4 M4 -4 L-4 4';

/** The five stages as a strip: a shape and a word for each (found: filled disc with a tick; missing: dashed ring with a cross). */
function stageStrip(r: AuditedRepoReport, who: string): string {
  const segW = 72;
  let body = '';
  STAGES.forEach((s, i) => {
    const found = r.stages?.[s]?.detected === true;
    const cx = i * segW + segW / 2;
    const x = i * segW + 2;
    body +=
      `<rect class="seg ${found ? 'found' : 'missing'}" x="${x}" y="2" width="${segW - 4}" height="84" rx="6"/>` +
      `<g transform="translate(${cx} 22)">` +
      (found
        ? `<circle class="icon-found" r="11"/><path class="tick" d="${CHECK}" fill="none" stroke-width="2.5"/>`
        : `<circle class="icon-missing" r="10" fill="none" stroke-width="2" stroke-dasharray="3 2.5"/><path class="cross" d="${CROSS}" fill="none" stroke-width="2"/>`) +
      `</g>` +
      (s === 'preprocessing'
        ? `<text x="${cx}" y="48" text-anchor="middle" class="stage">Pre-</text><text x="${cx}" y="61" text-anchor="middle" class="stage">processing</text>`
        : `<text x="${cx}" y="54" text-anchor="middle" class="stage">${STAGE_NAMES[s]}</text>`) +
      `<text x="${cx}" y="78" text-anchor="middle" class="small">${found ? 'found' : 'missing'}</text>`;
  });
  const found = STAGES.filter((s) => r.stages?.[s]?.detected === true);
  const words = STAGES.map((s) => `${STAGE_NAMES[s]} ${r.stages?.[s]?.detected === true ? 'found' : 'missing'}`);
  return svg(
    5 * segW,
    88,
    'stages',
    `Pipeline stages of ${who}: ${found.length} of 5 found. ${words.join(', ')}`,
    words.join('. ') + '.',
    body,
  );
}

/** The activity as the report holds it, checked: non-negative whole counts, at most 104, a real start date. */
function checkedActivity(a: unknown): CommitActivity | null {
  if (!a || typeof a !== 'object') return null;
  const x = a as CommitActivity;
  if ((x.unit !== 'week' && x.unit !== 'month') || typeof x.start !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(x.start)) return null;
  if (Number.isNaN(Date.parse(`${x.start}T00:00:00Z`)) || !Array.isArray(x.counts) || !x.counts.length) return null;
  const counts = x.counts.slice(0, MAX_BUCKETS).map((k) => Math.max(0, Math.floor(n(k))));
  return { unit: x.unit, start: x.start, counts, ...(n(x.earlier) > 0 ? { earlier: Math.floor(n(x.earlier)) } : {}) };
}

/** Start date of bucket i, YYYY-MM-DD (weeks) or YYYY-MM (months). */
function bucketLabel(a: CommitActivity, i: number): string {
  const t0 = Date.parse(`${a.start}T00:00:00Z`);
  if (a.unit === 'week') return new Date(t0 + i * 7 * 86_400_000).toISOString().slice(0, 10);
  const d = new Date(t0);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1)).toISOString().slice(0, 7);
}

/** Columns: commits per week or month. */
function activityChart(a: CommitActivity, who: string): string {
  const counts = a.counts;
  const max = Math.max(...counts);
  const total = counts.reduce((s, k) => s + k, 0);
  const busiest = counts.indexOf(max);
  const active = counts.filter((k) => k > 0).length;
  const unit = a.unit;
  const x0 = 28;
  const plotW = 306;
  const top = 10;
  const plotH = 78;
  const slot = plotW / counts.length;
  const gap = slot > 4 ? Math.min(2, slot * 0.2) : 0;
  let body =
    `<line class="axis" x1="${x0}" y1="${top + plotH}" x2="${x0 + plotW}" y2="${top + plotH}"/>` +
    `<text x="${x0 - 4}" y="${top + 8}" text-anchor="end" class="small">${h(num(max))}</text>` +
    `<text x="${x0 - 4}" y="${top + plotH}" text-anchor="end" class="small">0</text>` +
    `<text x="${x0}" y="${top + plotH + 16}" class="small">${h(bucketLabel(a, 0))}</text>` +
    `<text x="${x0 + plotW}" y="${top + plotH + 16}" text-anchor="end" class="small">${h(bucketLabel(a, counts.length - 1))}</text>`;
  counts.forEach((k, i) => {
    if (!k) return;
    const bh = Math.max(2, (plotH * k) / max);
    const bw = Math.min(24, Math.max(1, slot - gap));
    body += `<rect class="bar" x="${c(x0 + i * slot + (slot - bw) / 2)}" y="${c(top + plotH - bh)}" width="${c(bw)}" height="${c(bh)}"/>`;
  });
  const per = unit === 'week' ? 'week' : 'month';
  const first = bucketLabel(a, 0);
  const last = bucketLabel(a, counts.length - 1);
  const name =
    `Commits per ${per} of ${who}, ${unit === 'week' ? 'weeks starting ' : ''}${first} to ${last}: ` +
    `${plural(total, 'commit')} in ${plural(counts.length, per)}, commits in ${num(active)} of them; ` +
    `busiest ${per} ${bucketLabel(a, busiest)} with ${plural(max, 'commit')}` +
    (a.earlier ? `; ${plural(a.earlier, 'older commit')} not shown` : '');
  const list = counts.map((k, i) => (k ? `${bucketLabel(a, i)}: ${k}` : '')).filter(Boolean);
  return svg(340, top + plotH + 22, 'activity', name, `Commits per ${per}, ${per}s without commits left out: ${list.join(', ')}.`, body);
}

/** Horizontal bars: one per repo of a portfolio; "not audited" in place of a bar. */
function portfolioChart(report: Report): string {
  const repos = report.repos.slice(0, 40);
  const rowH = 24;
  const x0 = 140;
  const w = 100;
  let body = '';
  const words: string[] = [];
  repos.forEach((r, i) => {
    const y = 4 + i * rowH;
    const name = repoShort(r.repo);
    const shown = [...name].length > 18 ? `${[...name].slice(0, 17).join('')}…` : name;
    body += `<text x="0" y="${y + 15}" class="name">${h(shown)}</text>`;
    if (!audited(r)) {
      body += `<text x="${x0}" y="${y + 15}" class="small">not audited</text>`;
      words.push(`${name} not audited`);
      return;
    }
    const v = pct(r.score);
    const partial = r.status === 'partial' ? ' <tspan class="small">partial</tspan>' : '';
    body +=
      `<rect class="track" x="${x0}" y="${y + 4}" width="${w}" height="14" rx="3"/>` +
      (v > 0 ? `<rect class="bar" x="${x0}" y="${y + 4}" width="${c((w * v) / 100)}" height="14" rx="3"/>` : '') +
      `<text x="${x0 + w + 6}" y="${y + 15}" class="value">${h(num(n(r.score)))} ${h(grade(r.grade))}${partial}</text>`;
    words.push(`${name} ${num(n(r.score))} out of 100, grade ${grade(r.grade)}${r.status === 'partial' ? ' (partial, not final)' : ''}`);
  });
  const more = report.repos.length - repos.length;
  return svg(
    340,
    8 + repos.length * rowH,
    'repos',
    `Scores of ${plural(report.repos.length, 'repository', 'repositories')}: ${words.join('; ')}${more > 0 ? `; ${more} more in the table` : ''}`,
    words.join('. ') + '.',
    body,
  );
}

/* ---------- text blocks ---------- */

/** Remediation text from the rules (Markdown): escaped, then `code` spans as <code>. */
function prose(s: unknown, max = 1200): string {
  return h(s, max).replace(/`([^`]{1,200})`/g, '<code>$1</code>');
}

function gradePill(g: string, extra = ''): string {
  return `<span class="grade grade-${g}"${extra}>${h(g)}</span>`;
}

const statusText = (r: NotAuditedRepoReport): string => (r.status === 'error' ? 'could not be audited' : 'skipped');

function notAuditedBlock(r: NotAuditedRepoReport): string {
  const why = r.reason || 'no reason was recorded';
  return `<p class="not-audited"><strong>Not audited</strong> (${statusText(r)}): ${h(why, 800)}</p>`;
}

function configuredBlock(r: AuditedRepoReport): string {
  const cf = r.configured;
  if (!cf) return '';
  const gate = gateOf(r);
  const gated = gate ? ` Fail-under ${h(num(n(gate.value)))} gates ${gate.gates === 'standard' ? 'the standard score' : 'the score under this config'}.` : '';
  return (
    `<p class="configured"><span class="tag">configured</span> <strong>${h(num(n(cf.score)))}/100</strong> ${gradePill(grade(cf.grade))} ` +
    `under ${h(configuredSource(cf), 300)}: ${h(cf.summary, 300)} (${h(changesText(arr(cf.changes).filter((x) => x !== null && typeof x === 'object')), 1200)}). ` +
    `The standard score beside it uses the same rules and weights for every repository; no config changes it.${gated}</p>`
  );
}

function historyLine(r: AuditedRepoReport): string {
  const hs = r.history;
  if (!hs) return '';
  const k = n(hs.commits);
  const total = hs.totalCount !== null && n(hs.totalCount) > k ? ` of ${num(n(hs.totalCount))}` : '';
  const span =
    typeof hs.firstCommit === 'string' && typeof hs.lastCommit === 'string'
      ? `, ${h(hs.firstCommit.slice(0, 10), 10)} to ${h(hs.lastCommit.slice(0, 10), 10)}`
      : '';
  const cut = hs.shallow ? ' (shallow clone: only part of the history is visible)' : hs.truncated ? ' (the newest window of the history)' : '';
  return `${plural(k, 'commit')}${total} visible${span}${cut}`;
}

function activityBlock(r: AuditedRepoReport, who: string): string {
  const a = checkedActivity(r.history?.activity);
  if (a) return activityChart(a, who);
  const unknown = arr(r.notes).find((x) => x.kind === 'shallow')?.message;
  if (r.commit === null) return '<p class="muted">No commit history: not a git repository.</p>';
  if (r.history && n(r.history.commits) === 0) return `<p class="muted">No commit visible${unknown ? `: ${h(unknown)}` : ''}.</p>`;
  return '<p class="muted">Commits over time are not in this report (written by an older version).</p>';
}

/** A rule id as inline code, escaped. */
const codeId = (id: string): string => `<code>${h(id, 100)}</code>`;

/**
 * The fix-first list: the `top` groups (what a person does, its exact gain, the score after), each with its rules and
 * their own gains, and their advice under a <details>; the other groups on one line; what was left out and why.
 */
function fixesBlock(r: AuditedRepoReport, top: number): string {
  const list = fixListOf(r);
  const caps = capsSentence(list.caps, codeId);
  const capLine = caps ? `<p class="note">${caps}</p>` : '';
  const omitted = list.omitted.map((o) => `<p class="muted">${h(o.reason, 600)}</p>`).join('');
  if (!list.groups.length) return `${capLine}<p>Nothing left to fix: every measured rule passes.</p>${omitted}`;
  const titles = new Map(arr<RuleResult>(r.rules).map((x) => [x.id, x.title]));
  const items = list.groups.slice(0, top).map((g) => {
    const rules = g.rules.map((x) => `<li><span class="gain">${gainLabel(x, codeId, g)}</span> ${h(titles.get(x.rule) ?? x.rule, 200)} ${codeId(x.rule)}</li>`);
    const how = [...new Map(g.rules.filter((x) => x.text).map((x) => [x.text, x])).values()].map((x) => `<li>${codeId(x.rule)}: ${prose(x.text)}</li>`);
    const after = g.scoreAfter !== undefined ? ` <span class="muted">→ ${h(num(g.scoreAfter))}</span>` : '';
    return (
      `<li><span class="gain">${gainLabel(g, codeId)} point${g.gain === 1 ? '' : 's'}</span> <strong>${h(g.title, 200)}</strong>${after}` +
      `<ul class="fix-rules">${rules.join('')}</ul>${how.length ? `<details><summary>How</summary><ul class="fix-how">${how.join('')}</ul></details>` : ''}</li>`
    );
  });
  const rest = thenParts(list.groups, top, (g) => `${h(g.title, 200)} ${gainLabel(g, codeId, g)}`);
  const then = rest.length ? `<p class="muted">Then: ${rest.join(' · ')}</p>` : '';
  return `${capLine}<ol class="fixes">${items.join('')}</ol>${then}${omitted}`;
}

function stageEvidence(r: AuditedRepoReport): string {
  const items = STAGES.map((s) => {
    const st = r.stages?.[s];
    if (st?.detected !== true) return `<li><span aria-hidden="true" class="no">✗</span> ${STAGE_NAMES[s]}: <span class="muted">not found</span></li>`;
    const seen = new Set<string>();
    const ev = arr(st.evidence)
      .filter((e) => e && typeof e.path === 'string' && !seen.has(whereText(e)) && seen.add(whereText(e)))
      .slice(0, 3);
    const refs = ev.map((e) => evidenceRef(r.url, r.commit, e)).join(', ');
    return `<li><span aria-hidden="true" class="yes">✓</span> ${STAGE_NAMES[s]}: ${refs || '<span class="muted">found</span>'}</li>`;
  });
  return `<ul class="plain stage-evidence">${items.join('')}</ul>`;
}

function rulesTable(r: AuditedRepoReport): string {
  const rules = arr<RuleResult>(r.rules);
  if (!rules.length) return '';
  const rows = rules.map((x) => {
    const score = x.score === null || typeof x.score !== 'number' ? 'not measured' : `${Math.round(pct(x.score * 100))}%`;
    const ev = arr(x.evidence)
      .slice(0, 3)
      .map((e) => [e.path ? evidenceRef(r.url, r.commit, e) : '', h(e.detail, 160)].filter(Boolean).join(' '));
    if (x.note) ev.push(`<span class="muted">${h(x.note, 200)}</span>`);
    return (
      `<tr><td data-label="Rule">${h(x.title, 200)} <code>${h(x.id, 100)}</code></td><td data-label="Score">${score}</td>` +
      `<td data-label="Points">${h(num(n(x.points)))} of ${h(num(n(x.maxPoints)))}</td><td data-label="Evidence">${ev.join('<br>') || '—'}</td></tr>`
    );
  });
  return (
    `<details class="rules"><summary>All ${rules.length} rules, with their evidence</summary><div class="table-wrap">` +
    `<table class="stack"><thead><tr><th scope="col">Rule</th><th scope="col">Score</th><th scope="col">Points</th><th scope="col">Evidence</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></details>`
  );
}

/** One repo: headline, charts, where the stages show, fixes, all rules. */
function repoSection(r: RepoReport, i: number, opts: HtmlOptions): string {
  const short = repoShort(r.repo);
  const gh = githubRepoUrl(r.url);
  const full = String(r.repo ?? '') !== short ? `<p class="muted small-text">${h(r.repo, 400)}</p>` : '';
  const link = gh ? ` <a class="repo-link" href="${h(gh)}">on GitHub<span class="sr"> (${h(short)})</span></a>` : '';
  const head = `<h2 id="repo-${i}-h">${h(short, 120)}${link}</h2>${full}`;
  if (!audited(r)) return `<section class="card repo" id="repo-${i}" aria-labelledby="repo-${i}-h">${head}${notAuditedBlock(r)}</section>`;
  const g = grade(r.grade);
  const partial =
    r.status === 'partial' ? `<p class="warn"><strong>Partial result, the score is not final:</strong> ${h(r.reason ?? 'some data could not be read', 800)}</p>` : '';
  const capped = r.cappedBy ? `<p class="note">Score held to at most ${h(num(n(r.cappedBy.max)))} by ${codeId(String(r.cappedBy.rule))}.</p>` : '';
  const hist = historyLine(r);
  const facts = `<p class="muted">${plural(n(r.files), 'file')} audited${hist ? ` · ${hist}` : ''}${r.commit ? ` · commit <code>${h(String(r.commit).slice(0, 12), 12)}</code>` : ''}</p>`;
  const headline =
    `<p class="headline"><strong class="score">${h(num(n(r.score)))}/100</strong> ${gradePill(g)} <span class="tag">standard score</span>` +
    `${r.status === 'partial' ? ' <span class="tag warn-tag">partial, not final</span>' : ''}</p>`;
  const found = STAGES.filter((s) => r.stages?.[s]?.detected === true).length;
  return (
    `<section class="card repo" id="repo-${i}" aria-labelledby="repo-${i}-h">${head}${partial}` +
    `<div class="glance">${gauge(n(r.score), g, `Score of ${short}`)}<div>${headline}${configuredBlock(r)}${capped}` +
    `<p>${found} of 5 pipeline stages found.</p>${facts}</div></div>` +
    `<div class="charts">` +
    `<figure><figcaption>Category scores</figcaption>${categoryChart(r, short)}</figure>` +
    `<figure><figcaption>Pipeline stages</figcaption>${stageStrip(r, short)}</figure>` +
    `<figure><figcaption>Commits over time</figcaption>${activityBlock(r, short)}</figure>` +
    `</div>` +
    `<h3>Fix first</h3>${fixesBlock(r, opts.topFixes ?? 5)}` +
    `<h3>Where the stages show</h3>${stageEvidence(r)}` +
    rulesTable(r) +
    `</section>`
  );
}

/* ---------- portfolio ---------- */

function stagesCell(r: AuditedRepoReport): string {
  const missing = STAGES.filter((s) => r.stages?.[s]?.detected !== true);
  const found = 5 - missing.length;
  return missing.length ? `${found} of 5 (missing: ${missing.map((s) => STAGE_NAMES[s]).join(', ')})` : 'all 5';
}

function reposTable(report: Report): string {
  const flags = new Map<string, string[]>();
  for (const f of arr(report.portfolio?.flags)) flags.set(f.repo, [...(flags.get(f.repo) ?? []), FLAG_NAMES[f.kind] ?? 'flagged']);
  const rows = report.repos.map((r, i) => {
    const name = `<a href="#repo-${i}">${h(repoShort(r.repo), 120)}</a>`;
    const flag = flags.get(r.repo);
    const note = flag ? ` <span class="muted">(${h(flag.join(', '))})</span>` : '';
    if (!audited(r))
      return `<tr><td data-label="Repository">${name}${note}</td><td data-label="Score" colspan="3">not audited (${statusText(r)})</td></tr>`;
    const cf = r.configured ? ` <span class="muted">(configured: ${h(num(n(r.configured.score)))})</span>` : '';
    return (
      `<tr><td data-label="Repository">${name}${note}</td><td data-label="Score">${h(num(n(r.score)))}${r.status === 'partial' ? ' (partial)' : ''}${cf}</td>` +
      `<td data-label="Grade">${gradePill(grade(r.grade))}</td><td data-label="Stages">${stagesCell(r)}</td></tr>`
    );
  });
  return (
    `<div class="table-wrap"><table class="stack"><caption class="sr">Repositories</caption><thead><tr><th scope="col">Repository</th><th scope="col">Score</th>` +
    `<th scope="col">Grade</th><th scope="col">Pipeline stages</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** The portfolio headline: only for several repos. */
function portfolioGlance(report: Report): string {
  const p = report.portfolio;
  const total = report.repos.length;
  const ok = report.repos.filter(audited).length;
  const notAudited = total - ok;
  const counts = `${plural(ok, 'repository', 'repositories')} audited${notAudited ? `, ${num(notAudited)} not audited` : ''}.`;
  let head: string;
  if (!ok) head = `<p class="not-audited"><strong>Not audited:</strong> no repository could be audited. ${counts}</p>`;
  else {
    const g = grade(p.grade);
    const counted = arr(p.counted).map((x) => h(repoShort(x), 120));
    const strong = arr(p.strongProjects).map((x) => h(repoShort(x), 120));
    head =
      `<div class="glance">${gauge(n(p.score), g, 'Portfolio score')}<div>` +
      `<p class="headline"><strong class="score">${h(num(n(p.score)))}/100</strong> ${gradePill(g)} <span class="tag">portfolio score</span></p>` +
      `<p>${counts}${counted.length ? ` Counted: ${counted.join(', ')}.` : ''} ${strong.length ? `Strong end-to-end projects: ${strong.join(', ')}.` : 'No strong end-to-end project yet (score 70 or more with all five stages).'}</p>` +
      `<p class="muted">${h(p.explanation, 1500)}</p></div></div>`;
  }
  return (
    `<section class="card" aria-labelledby="glance-h"><h2 id="glance-h">Portfolio at a glance</h2>${head}` +
    `<figure><figcaption>Score per repository</figcaption>${portfolioChart(report)}</figure>${reposTable(report)}</section>`
  );
}

function evidenceList(ev: PortfolioEvidence[], shown = 2): string {
  const list = arr(ev);
  const refs = list.slice(0, shown).map((e) => evidenceRef(e.url, e.commit, e, e.path ? `${repoShort(e.repo)}/${whereText(e)}` : repoShort(e.repo)));
  const more = list.length - shown;
  return refs.join(', ') + (more > 0 ? ` <span class="muted">(+${more} more)</span>` : '');
}

/** The skill matrix, specialisations, project types and flags, with links to the files that show them. */
function skillsSection(report: Report): string {
  const p = report.portfolio;
  if (!p?.skills || !report.repos.some(audited)) return '';
  const rows = arr(p.skills).map((row) => {
    const cells = arr(row.skills).map((s) =>
      arr(s.evidence).length
        ? `<li class="skill"><span aria-hidden="true" class="yes">✓</span> <strong>${h(s.label, 80)}</strong><span class="sr"> shown in</span> ${evidenceList(s.evidence)}</li>`
        : `<li class="skill"><span aria-hidden="true" class="no">✗</span> ${h(s.label, 80)} <span class="muted">not found</span></li>`,
    );
    return `<tr><th scope="row">${h(row.label, 80)}</th><td><ul class="plain">${cells.join('')}</ul></td></tr>`;
  });
  const specs = arr(p.specialisations).map((s) =>
    arr(s.evidence).length
      ? `<li class="skill"><span aria-hidden="true" class="yes">✓</span> <strong>${h(s.label, 80)}</strong> ${evidenceList(s.evidence)}</li>`
      : `<li class="skill"><span aria-hidden="true" class="no">✗</span> ${h(s.label, 80)} <span class="muted">not found</span></li>`,
  );
  const types = arr(p.projectTypes).map((t) => `<li>${h(t.label, 80)}: ${evidenceList(t.evidence, 3)}</li>`);
  const byRepo = new Map(report.repos.map((r) => [r.repo, r]));
  const flags = arr(p.flags).map((f) => {
    const r = byRepo.get(f.repo);
    const ev = arr(f.evidence)
      .slice(0, 3)
      .map((e) => [e.path ? evidenceRef(r?.url, r?.commit, e) : '', h(e.detail, 200)].filter(Boolean).join(' '));
    return `<li><strong>${h(repoShort(f.repo), 120)}</strong>: ${h(FLAG_NAMES[f.kind] ?? 'flagged')}, ${h(f.detail, 400)}${ev.length ? `<br><span class="muted">${ev.join('; ')}</span>` : ''}</li>`;
  });
  return (
    `<section class="card" aria-labelledby="skills-h"><h2 id="skills-h">Skills shown</h2>` +
    `<p class="muted">The career guides’ skills table: each skill links to a file that shows it (original projects only; forks and tutorial copies are left out).</p>` +
    `<div class="table-wrap"><table class="stack skills"><caption class="sr">Skill matrix</caption><thead><tr><th scope="col">Area</th><th scope="col">Skills</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>` +
    (specs.length ? `<h3>Specialisations</h3><ul class="plain">${specs.join('')}</ul>` : '') +
    `<h3>Project types</h3>${types.length ? `<ul>${types.join('')}</ul>` : '<p class="muted">None recognised.</p>'}` +
    (flags.length ? `<h3>Flags</h3><ul>${flags.join('')}</ul>` : '') +
    `</section>`
  );
}

/* ---------- page ---------- */

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--border:#d1d9e0;--link:#0860ca;
--bar:#0969da;--track:#dde3ea;--ok:#1a7f37;--ok-bg:#dafbe1;--warn-bg:#fff8c5;--warn-border:#d4a72c;--na-bg:#ffebe9;--na-border:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--card:#151b23;--border:#3d444d;--link:#58a6ff;
--bar:#4493f8;--track:#2a313c;--ok:#3fb950;--ok-bg:#12261e;--warn-bg:#2e2410;--warn-border:#9e6a03;--na-bg:#2d1214;--na-border:#f85149}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif;overflow-wrap:break-word}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:1.75rem;margin:0 0 4px}
h2{font-size:1.35rem;margin:0 0 8px}
h3{font-size:1.05rem;margin:20px 0 8px}
a{color:var(--link)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px;border-radius:2px}
main:focus{outline:none}
code{font:0.875em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--track);padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.small-text{font-size:.875rem;margin-top:0}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:8px;top:-48px;background:var(--bg);padding:8px 12px;border:2px solid var(--link);z-index:1}
.skip:focus{top:8px}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:16px 20px;margin:16px 0}
.glance{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
.glance>div{flex:1 1 280px}
.headline{font-size:1.15rem;margin:0 0 8px}
.score{font-size:1.6rem}
.grade{display:inline-block;min-width:1.8em;text-align:center;font-weight:700;color:#fff;border-radius:4px;padding:0 6px;background:#59636e}
.grade-A{background:#1a7f37}.grade-B{background:#2f6f12}.grade-C{background:#7d5600}.grade-D{background:#a8420a}.grade-F{background:#c21f2b}
.tag{display:inline-block;font-size:.8rem;border:1px solid var(--border);border-radius:999px;padding:0 8px;color:var(--muted);vertical-align:middle}
.configured{border-left:4px solid var(--link);padding-left:10px}
.warn{background:var(--warn-bg);border:1px solid var(--warn-border);border-radius:6px;padding:8px 12px}
.not-audited{background:var(--na-bg);border:1px solid var(--na-border);border-radius:6px;padding:8px 12px}
.note{border-left:4px solid var(--warn-border);padding-left:10px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:16px 32px;margin:16px 0}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:4px}
svg.chart{display:block;width:100%;height:auto;max-width:440px;font-family:inherit}
svg.gauge{width:120px;flex:0 0 120px}
svg .track{fill:var(--track)}
svg .ring{stroke:var(--track)}
svg .arc{stroke:var(--bar)}
svg .arc.grade-A{stroke:#1a7f37}svg .arc.grade-B{stroke:#2f6f12}svg .arc.grade-C{stroke:#7d5600}svg .arc.grade-D{stroke:#a8420a}svg .arc.grade-F{stroke:#c21f2b}
svg .bar{fill:var(--bar)}
svg .axis{stroke:var(--muted);stroke-width:1}
svg text{fill:var(--fg);font-size:12px}
svg text.label{font-size:11px;font-weight:600}
svg text.name{font-size:12px}
svg text.stage{font-size:10.5px;font-weight:600}
svg text.small{fill:var(--muted);font-size:11px}
svg text.value{font-size:12px;font-weight:600}
svg text.big{font-size:30px;font-weight:700}
svg .seg.found{fill:var(--ok-bg);stroke:var(--ok);stroke-width:1.5}
svg .seg.missing{fill:none;stroke:var(--muted);stroke-width:1.5;stroke-dasharray:4 3}
svg .icon-found{fill:var(--ok)}
svg .tick{stroke:var(--bg)}
svg .icon-missing,svg .cross{stroke:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--border);vertical-align:top}
thead th{font-size:.875rem;color:var(--muted)}
.table-wrap{overflow-x:auto}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{margin:2px 0}
.skills ul.plain li{display:inline-block;margin:2px 14px 2px 0}
.yes{color:var(--ok);font-weight:700}
.no{color:var(--muted);font-weight:700}
.fixes>li{margin:0 0 8px}
.fix-rules{margin:2px 0;padding-left:18px}
.fix-how li{margin:0 0 4px}
.gain{font-weight:700;color:var(--ok)}
.gain code{color:var(--fg);font-weight:400}
details.rules{margin-top:16px}
summary{cursor:pointer;font-weight:600}
footer{padding-bottom:24px;font-size:.875rem;color:var(--muted)}
@media (max-width:600px){
header,main,footer{padding:0 12px}
header{padding-top:16px}
.card{padding:12px;border-radius:6px}
.charts{grid-template-columns:1fr}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;width:100%}
table.stack tr{border-bottom:1px solid var(--border);padding:6px 0}
table.stack td,table.stack th{border:0;padding:2px 0}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
}
@media print{
:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--border:#999;--link:#000;--bar:#333;--track:#ddd;--ok:#000;--ok-bg:#eee;--warn-bg:#fff;--na-bg:#fff}
body{font-size:11pt}
header,main,footer{max-width:none;padding:0}
.skip{display:none}
.card{break-inside:avoid-page;border-color:#999}
section.repo{break-inside:auto}
figure,tr,li{break-inside:avoid}
details::details-content{content-visibility:visible;display:block}
a{text-decoration:underline}
}
`.replace(/\n/g, '');

/** The whole report as one HTML page. */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  ids = 0;
  const repos = arr(report.repos);
  const safe: Report = { ...report, repos };
  const many = repos.length > 1;
  const single = repos.length === 1 ? repos[0] : undefined;
  let title: string;
  if (single) title = audited(single) ? `${repoShort(single.repo)}: ${num(n(single.score))}/100 (${grade(single.grade)})` : `${repoShort(single.repo)}: not audited`;
  else if (repos.some(audited)) title = `Portfolio: ${num(n(report.portfolio?.score))}/100 (${grade(report.portfolio?.grade)}), ${plural(repos.length, 'repository', 'repositories')}`;
  else title = repos.length ? 'Portfolio: not audited' : 'No repository';
  const when = typeof report.generatedAt === 'string' ? report.generatedAt.slice(0, 10) : '';
  const tool = `${String(report.tool?.name ?? 'ml-portfolio-audit')} ${String(report.tool?.version ?? '')}`.trim();
  const body = [
    many ? portfolioGlance(safe) : '',
    repos.length ? '' : '<section class="card"><h2>No repository</h2><p>This report holds no repository: nothing was audited.</p></section>',
    skillsSection(safe),
    ...repos.map((r, i) => repoSection(r, i, opts)),
  ].join('');
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="referrer" content="no-referrer">' +
    `<meta name="generator" content="${h(tool, 100)}">` +
    `<title>${h(title, 200)} · ML portfolio audit</title>` +
    `<style>${STYLE}</style></head><body>` +
    '<a class="skip" href="#main">Skip to the report</a>' +
    `<header><h1>ML portfolio audit</h1><p class="muted">${h(title, 200)}${when ? ` · audited ${h(when, 10)}` : ''}</p></header>` +
    `<main id="main" tabindex="-1">${body}</main>` +
    `<footer><p>Written by ${h(tool, 100)}${when ? ` on ${h(when, 10)}` : ''}. Scores 0 to 100 from the rules it ships, which cite the career guides in rules/sources.yml; grades A 85 and more, B 70, C 55, D 40, F below 40. ` +
    'This page loads nothing from the network.</p></footer>' +
    '</body></html>\n'
  );
}
