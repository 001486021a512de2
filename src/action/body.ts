import { STAGE_LABELS, evidenceWhere, fixFirstMarkdown, stageRow } from '../report/markdown.js';
import { fixListOf, omittedReasons } from '../report/fix-list.js';
import { code, md } from '../report/escape.js';
import { isAudited, type AuditedRepoReport, type Report, type RepoReport, type RuleResult } from '../report/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { FETCH_DEPTH_FIX, scoreLine, signed, type RuleChange, type ScoreChange } from './base-compare.js';
import { num } from '../report/numbers.js';
import { configuredHeadline, configuredMarkdown } from '../report/configured.js';

/**
 * The comment (and job summary) body, built from whole sections and fitted to a size limit by dropping sections,
 * never by cutting text: a <details> block or a code fence is either entirely in or entirely out, and the body says
 * what was left out.
 */

/** GitHub rejects issue comments longer than this ("Body is too long (maximum is 65536 characters)"). */
export const COMMENT_LIMIT = 65536;
/** Room kept free under the limit (line-ending normalisation, counting differences). */
const COMMENT_MARGIN = 512;
/** The runner refuses a step summary over 1 MiB; the budget is in bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;

interface Section {
  id: string;
  /** The section's text, Markdown; ends without a trailing blank line (sections are joined by one). */
  text: string;
  /** Smaller versions, tried in order before the section is dropped: [text, what it leaves out]. */
  smaller?: Array<{ text: string; leftOut: string }>;
  /** Sections with a lower number are dropped first; undefined = always kept. */
  dropOrder?: number;
  /** Words for the "left out" line when the whole section is dropped. */
  label: string;
}

interface Fitted {
  text: string;
  /** Labels of what was left out, in the order it was dropped. */
  leftOut: string[];
}

type Measure = (s: string) => number;
const utf16Length: Measure = (s) => s.length;
export const utf8Bytes: Measure = (s) => Buffer.byteLength(s, 'utf8');

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n') + '\n';
}

function leftOutLine(leftOut: string[], where: string): string {
  return `> ✂️ Left out to stay under GitHub's size limit: ${leftOut.join('; ')}. ${where}`;
}

/**
 * Joins sections and, while the result is over `limit`, shrinks or drops the section with the lowest dropOrder. The
 * "left out" notice goes just before the last section (the footer) and is counted in the budget.
 */
export function fitSections(sections: Section[], limit: number, opts: { measure?: Measure; where?: string } = {}): Fitted {
  const measure = opts.measure ?? utf16Length;
  const where = opts.where ?? '';
  const current = sections.map((s) => ({ s, text: s.text, step: 0 }));
  const leftOut: string[] = [];
  const render = (): string => {
    const texts = current.map((c) => c.text);
    if (leftOut.length) texts.splice(Math.max(0, texts.length - 1), 0, leftOutLine(leftOut, where));
    return join(texts);
  };
  let out = render();
  const order = current.filter((c) => c.s.dropOrder !== undefined).sort((a, b) => a.s.dropOrder! - b.s.dropOrder!);
  for (const c of order) {
    if (measure(out) <= limit) break;
    const variants = c.s.smaller ?? [];
    while (measure(out) > limit && c.text !== '') {
      if (c.step < variants.length) {
        const v = variants[c.step++];
        c.text = v.text;
        if (!leftOut.includes(v.leftOut)) leftOut.push(v.leftOut);
      } else {
        c.text = '';
        leftOut.push(c.s.label);
      }
      out = render();
    }
  }
  if (measure(out) > limit) {
    // Only the always-kept sections remain and they are still too long (cannot happen with real reports: each is
    // bounded). Keep the first section whole and say so; never cut through a block.
    const first = current.find((c) => c.s.dropOrder === undefined) ?? current[0];
    out = join([first.text, leftOutLine([...leftOut, 'everything but the headline'], where)]);
  }
  return { text: out, leftOut };
}

// ---------------------------------------------------------------------------------------------------------------
// Content


/** Remediation text is ours (rules/), Markdown; folded to one line for lists. */
const oneLine = (s: string): string => s.replace(/(?<!\s)\s*\n\s*/g, ' ').trim();

export type BaseInfo =
  | { kind: 'compared'; change: ScoreChange; baseSha: string }
  | { kind: 'unavailable'; baseSha: string; reason: string; fix?: string }
  | { kind: 'none' };

export interface BodyInput {
  report: Report;
  /** The repo entry of `report` to describe. */
  repo: RepoReport;
  base: BaseInfo;
  /** Hidden marker (comment only). */
  marker?: string;
  topFixes: number;
  /** Shown under the headline: pull request number, event. */
  context?: string;
  /** Extra notice at the top (e.g. why the comment could not be posted). */
  notice?: string;
  /** Where the full report is, for the "left out" line. */
  fullReportHint?: string;
  /**
   * The commit to name as the head. On a pull request, the PR's head commit (`pull_request.head.sha`): the checkout
   * is GitHub's merge commit, which nobody pushed. Default: the audited commit.
   */
  headSha?: string;
}

const CHECKOUT_SNIPPET = ['```yaml', '- uses: actions/checkout@v5', '  with:', '    fetch-depth: 0', '```'].join('\n');

function headline(input: BodyInput): string {
  const r = input.repo;
  const out: string[] = [];
  if (input.marker) out.push(input.marker);
  if (!isAudited(r)) {
    out.push(`## ML portfolio audit — ${code(r.repo)} could not be audited`, '', `> ${md(r.reason, 600)}`);
    return out.join('\n');
  }
  const configured = configuredHeadline(r, (s) => md(s));
  out.push(`## ML portfolio audit — ${num(r.score)}/100 (${r.grade})${configured ? ` ${configured}` : ''}${r.status === 'partial' ? ' — partial, not final' : ''}`, '');
  const shown = input.headSha || r.commit;
  const bits = [`${code(r.repo)}${shown ? ` at ${code(shown.slice(0, 7))}` : ''}`];
  if (input.base.kind === 'compared') {
    const c = input.base.change;
    const arrow = c.delta > 0 ? '📈' : c.delta < 0 ? '📉' : '➖';
    bits.push(`${arrow} **${scoreLine(c)}**${c.base.grade !== c.head.grade ? ` · grade ${c.base.grade} → ${c.head.grade}` : ''}`);
  }
  if (input.context) bits.push(md(input.context));
  out.push(bits.join(' · '));
  // The score under a config (the repo's own file, or the workflow's), labelled, with what it changed.
  const note = configuredMarkdown(r);
  if (note) out.push('', note);
  out.push('', `**Pipeline:** ${stageRow(r)}`);
  if (r.status === 'partial') out.push('', `> ⚠️ Partial result, the score is not final: ${md(r.reason ?? 'some data could not be read', 400)}`);
  return out.join('\n');
}

const points = (n: number): string => `${signed(n)} point${Math.abs(n) === 1 ? '' : 's'}`;

function changeItem(c: RuleChange, withFix: boolean): string {
  const pts = points(Math.round((c.pointsTo - c.pointsFrom) * 10) / 10);
  return `- ${c.title} (\`${c.id}\`) · ${pts}${withFix && c.remediation ? ` — ${oneLine(c.remediation)}` : ''}`;
}

/** `notAdvised`: rules whose advice the head report leaves out (a copy gets no history advice). */
function changeSection(base: BaseInfo, notAdvised: Map<string, string> = new Map()): Section | null {
  if (base.kind === 'none') return null;
  if (base.kind === 'unavailable') {
    const text = [
      '### What this pull request changed',
      '',
      `> ⚠️ Not measured: ${md(base.reason, 400)}.${base.fix ? ` To see the score change, ${base.fix}:` : ''}`,
      ...(base.fix === FETCH_DEPTH_FIX ? ['', CHECKOUT_SNIPPET] : []),
    ].join('\n');
    return { id: 'change', text, label: 'the score change', dropOrder: 8 };
  }
  const c = base.change;
  const out = ['### What this pull request changed', ''];
  out.push(`**${scoreLine(c)}** compared with the base commit ${code(base.baseSha.slice(0, 7))}.`);
  if (c.categories.length) out.push('', ...categoryChart(c.categories));
  if (c.newlyPassing.length) {
    out.push('', `✅ **Now passing (${c.newlyPassing.length})**`, '', ...c.newlyPassing.map((x) => changeItem(x, false)));
  }
  if (c.newlyFailing.length) {
    out.push('', `❌ **Now failing (${c.newlyFailing.length})**`, '', ...c.newlyFailing.map((x) => changeItem(x, !notAdvised.has(x.id))));
  }
  if (c.stagesGained.length || c.stagesLost.length) {
    const s = [
      ...c.stagesGained.map((x) => `✅ ${STAGE_LABELS[x]} now detected`),
      ...c.stagesLost.map((x) => `❌ ${STAGE_LABELS[x]} no longer detected`),
    ];
    out.push('', `**Pipeline stages:** ${s.join(' · ')}`);
  }
  if (!c.newlyPassing.length && !c.newlyFailing.length && !c.otherChanges.length && !c.stagesGained.length && !c.stagesLost.length) {
    out.push('', 'No rule changed its result.');
  }
  return { id: 'change', text: out.join('\n'), label: 'the lists of rules that now pass or fail', dropOrder: 6 };
}

/**
 * The category scores, base against head: a table, and the same numbers as a Mermaid chart GitHub renders (bars: this
 * pull request; line: the base). Category names are the rules' own (a fixed set), numbers only otherwise.
 */
function categoryChart(rows: Array<{ category: string; base: number; head: number }>): string[] {
  const names = rows.map((r) => r.category.replace(/[^a-z-]/gi, ''));
  return [
    '| Category | Base | This pull request |',
    '| --- | ---: | ---: |',
    ...rows.map((r, i) => `| ${names[i]} | ${num(r.base)} | ${num(r.head)}${r.head !== r.base ? ` (${signed(Math.round((r.head - r.base) * 10) / 10)})` : ''} |`),
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Category scores: this pull request (bars) and the base (line)"',
    `  x-axis [${names.map((n) => `"${n}"`).join(', ')}]`,
    '  y-axis "score" 0 --> 100',
    `  bar [${rows.map((r) => r.head).join(', ')}]`,
    `  line [${rows.map((r) => r.base).join(', ')}]`,
    '```',
  ];
}

function stateCell(state: string, score: number | null): string {
  return score === null || state === 'absent' || state === 'not measurable' ? state : `${state} (${Math.round(score * 100)}%)`;
}

function otherChangesSection(base: BaseInfo): Section | null {
  if (base.kind !== 'compared' || base.change.otherChanges.length === 0) return null;
  const rows = base.change.otherChanges.map(
    (c) =>
      `| ${c.title} (\`${c.id}\`) | ${stateCell(c.from, c.scoreFrom)} | ${stateCell(c.to, c.scoreTo)} | ${signed(Math.round((c.pointsTo - c.pointsFrom) * 10) / 10)} |`,
  );
  const text = [
    `<details><summary>${rows.length} other rule${rows.length === 1 ? '' : 's'} changed</summary>`,
    '',
    '| Rule | Before | After | Points |',
    '| --- | --- | --- | ---: |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
  return { id: 'other-changes', text, label: 'the other rule changes', dropOrder: 3 };
}

function shallowSection(r: AuditedRepoReport): Section | null {
  const shallow = r.history?.shallow || r.notes.some((n) => n.kind === 'shallow');
  if (!shallow) return null;
  const unmeasured = r.rules.filter((x) => !x.measurable && x.category === 'history');
  const which = unmeasured.length ? ` (${unmeasured.map((x) => `\`${x.id}\``).join(', ')})` : '';
  const text = [
    `> ⚠️ **History rules not measurable${which}:** this is a shallow checkout, so the commit history a hiring manager sees is not visible here. They are left out of the score, not scored as a one-commit history. Fix: set \`fetch-depth: 0\` on actions/checkout.`,
    '',
    CHECKOUT_SNIPPET,
  ].join('\n');
  return { id: 'shallow', text, label: 'the shallow-checkout note', dropOrder: 7 };
}

function fixesSection(r: AuditedRepoReport, top: number): Section | null {
  const fixes = fixFirstMarkdown(fixListOf(r), r.rules, { top });
  if (!fixes) return null;
  return { id: 'fixes', text: ['### Fix next', '', fixes].join('\n'), label: 'the fixes list', dropOrder: 5 };
}

function categoriesSection(r: AuditedRepoReport): Section | null {
  const rows = Object.entries(r.categories).filter(([, v]) => v.weight > 0);
  if (!rows.length) return null;
  const out = ['| Category | Score | Weight |', '| --- | ---: | ---: |', ...rows.map(([c, v]) => `| ${c} | ${num(v.score)} | ${num(v.weight)} |`)];
  return { id: 'categories', text: out.join('\n'), label: 'the category table', dropOrder: 4 };
}

function evidenceCell(x: RuleResult): string {
  if (!x.measurable) return `not measurable: ${md(x.note ?? '')}`;
  const items = x.evidence.slice(0, 3).map((e) => [evidenceWhere(e), md(e.detail, 120)].filter(Boolean).join(' '));
  if (x.note) items.push(md(x.note, 160));
  return items.join('<br>') || '—';
}

function evidenceTable(rules: RuleResult[], summary: string): string {
  const rows = rules.map((x) => {
    const s = x.score === null ? 'n/a' : `${Math.round(x.score * 100)}%`;
    return `| ${x.title} (\`${x.id}\`) | ${s} | ${num(x.points)}/${num(x.maxPoints)} | ${evidenceCell(x)} |`;
  });
  return [`<details><summary>${summary}</summary>`, '', '| Rule | Score | Points | Evidence |', '| --- | ---: | ---: | --- |', ...rows, '', '</details>'].join('\n');
}

function evidenceSection(r: AuditedRepoReport): Section | null {
  if (!r.rules.length) return null;
  const full = evidenceTable(r.rules, `Evidence for ${r.rules.length} rules`);
  const open = r.rules.filter((x) => x.measurable && (x.score ?? 0) < 0.99);
  const smaller = open.length && open.length < r.rules.length
    ? [{ text: evidenceTable(open, `Evidence for the ${open.length} rules not yet passing`), leftOut: 'evidence for passing rules' }]
    : [];
  return { id: 'evidence', text: full, smaller, label: 'the evidence table', dropOrder: 1 };
}

function notesSection(r: AuditedRepoReport): Section | null {
  const skipped = r.notes.filter((n) => n.kind !== 'shallow' && n.kind !== 'info');
  if (!skipped.length) return null;
  const out = [`<details><summary>${skipped.length} source note${skipped.length === 1 ? '' : 's'} (files skipped or unreadable)</summary>`, ''];
  for (const n of skipped.slice(0, 50)) out.push(`- ${n.path ? `${code(n.path)}: ` : ''}${md(n.message)}`);
  if (skipped.length > 50) out.push(`- … and ${skipped.length - 50} more`);
  out.push('', '</details>');
  return { id: 'notes', text: out.join('\n'), label: 'the source notes', dropOrder: 2 };
}

function footer(input: BodyInput): string {
  const r = input.repo;
  const bits = [`${TOOL_NAME} ${TOOL_VERSION}`];
  if (input.base.kind === 'compared') bits.push(`base ${input.base.baseSha.slice(0, 7)} → head ${(input.headSha || r.commit || 'work tree').slice(0, 7)}`);
  bits.push('rules cite the career guides listed in rules/sources.yml');
  return `<sub>${bits.join(' · ')}</sub>`;
}

/** All sections in display order. */
function bodySections(input: BodyInput): Section[] {
  const r = input.repo;
  const sections: Array<Section | null> = [];
  if (input.notice) sections.push({ id: 'notice', text: input.notice, label: 'the notice', dropOrder: 9 });
  sections.push({ id: 'headline', text: headline(input), label: 'the headline' });
  if (isAudited(r)) {
    sections.push(
      changeSection(input.base, omittedReasons(fixListOf(r))),
      otherChangesSection(input.base),
      fixesSection(r, input.topFixes),
      shallowSection(r),
      categoriesSection(r),
      evidenceSection(r),
      notesSection(r),
    );
  }
  sections.push({ id: 'footer', text: footer(input), label: 'the footer' });
  return sections.filter((s): s is Section => s !== null);
}

/** The sticky comment: under GitHub's 65,536-character limit. */
export function commentBody(input: BodyInput, limit = COMMENT_LIMIT - COMMENT_MARGIN): Fitted {
  return fitSections(bodySections(input), limit, {
    where: input.fullReportHint ?? 'The job summary and the JSON report have everything.',
  });
}

/** The job summary: same content, the runner's 1 MiB budget. */
export function summaryBody(input: BodyInput, limitBytes = SUMMARY_LIMIT_BYTES): Fitted {
  return fitSections(bodySections({ ...input, marker: undefined }), limitBytes, {
    measure: utf8Bytes,
    where: input.fullReportHint ?? 'The JSON report has everything.',
  });
}
