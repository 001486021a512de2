import type { Evidence, Stage } from '../types.js';
import { STAGES } from '../types.js';
import { code, md } from './escape.js';
import { isAudited, type AuditedRepoReport, type Report, type RepoReport, type RuleResult } from './types.js';
import { portfolioSection } from './portfolio-markdown.js';
import { num } from './numbers.js';
import { capsSentence, fixListOf, gainLabel, thenParts, type FixListView } from './fix-list.js';
import { configuredHeadline, configuredMarkdown } from './configured.js';

export const STAGE_LABELS: Record<Stage, string> = {
  data: 'Data',
  preprocessing: 'Preprocessing',
  training: 'Training',
  evaluation: 'Evaluation',
  deployment: 'Deployment',
};

export interface MarkdownOptions {
  /** How many fixes to list per repo. */
  topFixes?: number;
  /** Include the per-rule evidence tables (inside <details>). */
  evidence?: boolean;
  /** Heading level of the report title (2 = "##"). */
  level?: number;
  /** Include one section per repo after the table (default true). */
  repoSections?: boolean;
  /**
   * The report came from outside (shard reports given to merge): its fix texts are rendered as audited text, escaped,
   * not as the rules' own Markdown. Titles, rule ids, category names and the tool's name are escaped always.
   */
  untrusted?: boolean;
}

/** A rule id in backticks; one that is not a plain id (a hand-edited report) as escaped inline code. */
function ruleRef(id: string): string {
  return /^[A-Za-z0-9._-]{1,100}$/.test(id) ? `\`${id}\`` : code(id);
}

const mark = (b: boolean): string => (b ? '✅' : '❌');

/** "path:line" or "path (cell 3, line 2)", as inline code. Untrusted: escaped. */
export function evidenceWhere(e: Evidence): string {
  if (!e.path) return '';
  const at = e.cell !== undefined ? ` (cell ${e.cell}${e.line ? `, line ${e.line}` : ''})` : e.line ? `:${e.line}` : '';
  return code(`${e.path}${at}`);
}

function evidenceCell(r: RuleResult): string {
  if (!r.measurable) return `not measurable: ${md(r.note ?? '')}`;
  if (r.applicable === false) return md(r.note ?? 'not applicable', 160);
  const items = r.evidence.slice(0, 3).map((e) => [evidenceWhere(e), md(e.detail, 120)].filter(Boolean).join(' '));
  if (r.note) items.push(md(r.note, 160));
  return items.join('<br>') || '—';
}

/** ✅ detected, ❌ not, ➖ not applicable (not an ML project) or not measurable (a language not analysed). */
function stageMark(st: AuditedRepoReport['stages'][Stage]): string {
  return st.status ? '➖' : mark(st.detected);
}

export function stageRow(r: AuditedRepoReport): string {
  return STAGES.map((s) => `${stageMark(r.stages[s])} ${STAGE_LABELS[s]}`).join(' · ');
}

/** One plain sentence when the pipeline does not apply or cannot be measured. */
export function projectLine(r: AuditedRepoReport): string | null {
  const p = r.project;
  if (p?.kind === 'not-ml') return `Not an ML project: ${p.note}. The pipeline stages do not apply and earn no points.`;
  if (p?.kind === 'unknown-language') return `${p.note.replace(/^pipeline/, 'Pipeline')}: the stages are left out of the score, not scored 0.`;
  if (p?.families?.includes('llm-app') && r.stages.training?.status === 'not-applicable')
    return 'LLM app built on pretrained models: nothing is trained, so the training stage does not apply and is left out of the score.';
  return null;
}

/** Remediation text is ours (rules/), written in Markdown; folded to one line for lists. */
function fix(text: string): string {
  return text.replace(/(?<!\s)\s*\n\s*/g, ' ').trim();
}

/**
 * The fix-first list in Markdown: the rules holding a cap, then the `top` groups, best first: "**Rewrite the README:
 * +17**" with its rules under it (gain alone, title, id) and their advice folded in a <details>; the other groups on
 * one line; what was left out and why. Empty when there is nothing to fix and no cap. Advice is the rules' own
 * Markdown, folded to one line; `untrusted` (a report from outside) escapes it.
 */
export function fixFirstMarkdown(list: FixListView, rules: Array<Pick<RuleResult, 'id' | 'title'>>, opts: { top: number; untrusted?: boolean }): string {
  const out: string[] = [];
  const caps = capsSentence(list.caps, ruleRef);
  if (caps) out.push(`> 🔒 ${caps}`, '');
  const title = new Map(rules.map((x) => [x.id, x.title]));
  const advice = (t: string): string => (opts.untrusted ? md(t, 1000) : fix(t));
  list.groups.slice(0, opts.top).forEach((g, i) => {
    out.push(`${i + 1}. **${md(g.title)}: ${gainLabel(g, ruleRef)}**${g.scoreAfter !== undefined ? ` → ${num(g.scoreAfter)}` : ''}`);
    for (const x of g.rules) {
      const t = title.get(x.rule);
      out.push(`   - ${gainLabel(x, ruleRef, g)} ${t ? `${md(t)} (${ruleRef(x.rule)})` : ruleRef(x.rule)}`);
    }
    const how = [...new Map(g.rules.filter((x) => x.text).map((x) => [x.text, x])).values()];
    if (how.length) {
      out.push('', `   <details><summary>How</summary>`, '');
      for (const x of how) out.push(`   - ${ruleRef(x.rule)}: ${advice(x.text)}`);
      out.push('', '   </details>', '');
    }
  });
  const then = thenParts(list.groups, opts.top, (g) => `${md(g.title)} ${gainLabel(g, ruleRef, g)}`);
  if (then.length) out.push('', `Then: ${then.join(' · ')}`);
  for (const o of list.omitted) out.push('', md(o.reason, 600));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** One repo's section: score, categories, stages, top fixes, evidence under <details>. */
export function repoSection(r: RepoReport, opts: MarkdownOptions = {}): string {
  const h = '#'.repeat((opts.level ?? 2) + 1);
  const out: string[] = [];
  if (!isAudited(r)) {
    out.push(`${h} ${code(r.repo)} — ${r.status === 'error' ? 'could not be audited' : 'skipped'}`, '', `> ${md(r.reason, 600)}`, '');
    return out.join('\n');
  }
  const configured = configuredHeadline(r, (s) => md(s));
  out.push(`${h} ${code(r.repo)} — ${num(r.score)}/100 (${r.grade})${configured ? ` ${configured}` : ''}${r.status === 'partial' ? ' — partial, not final' : ''}`, '');
  if (r.status === 'partial') out.push(`> ⚠️ **Partial result, the score is not final:** ${md(r.reason ?? 'some data could not be read', 600)}`, '');
  const note = configuredMarkdown(r);
  if (note) out.push(note, '');
  out.push(`**Pipeline:** ${stageRow(r)}`, '');
  const kindLine = projectLine(r);
  if (kindLine) out.push(`> ℹ️ **${md(kindLine)}**`, '');
  out.push('| Category | Score | Weight |', '| --- | ---: | ---: |');
  for (const [c, v] of Object.entries(r.categories)) if (v.weight > 0) out.push(`| ${md(c)} | ${num(v.score)} | ${num(v.weight)} |`);
  out.push('');
  const shallow = r.notes.find((n) => n.kind === 'shallow');
  if (shallow) out.push(`> ⚠️ ${md(shallow.message)} — history rules are not scored.`, '');
  const info = r.notes.filter((n) => n.kind === 'info');
  if (info.length) out.push(`ℹ️ ${info.slice(0, 5).map((n) => md(n.message)).join(' · ')}`, '');
  const fixes = fixFirstMarkdown(fixListOf(r), r.rules, { top: opts.topFixes ?? 3, untrusted: opts.untrusted });
  if (fixes) out.push('**Fix first:**', '', fixes, '');
  if (opts.evidence !== false && r.rules.length) {
    out.push(`<details><summary>Evidence for ${r.rules.length} rules</summary>`, '');
    out.push('| Rule | Score | Points | Evidence |', '| --- | ---: | ---: | --- |');
    for (const x of r.rules) {
      const s = x.score === null ? 'n/a' : `${Math.round(x.score * 100)}%`;
      out.push(`| ${md(x.title)} (${ruleRef(x.id)}) | ${s} | ${num(x.points)}/${num(x.maxPoints)} | ${evidenceCell(x)} |`);
    }
    out.push('', '</details>', '');
    const skipped = r.notes.filter((n) => n.kind !== 'shallow' && n.kind !== 'info');
    if (skipped.length) {
      out.push(`<details><summary>${skipped.length} source note${skipped.length === 1 ? '' : 's'} (files skipped or unreadable)</summary>`, '');
      for (const n of skipped.slice(0, 50)) out.push(`- ${n.path ? `${code(n.path)}: ` : ''}${md(n.message)}`);
      if (skipped.length > 50) out.push(`- … and ${skipped.length - 50} more`);
      out.push('', '</details>', '');
    }
  }
  return out.join('\n');
}

/** The portfolio table: one row per repo with score, grade and the five stages. */
function portfolioTable(report: Report): string {
  const out = [
    `| Repo | Score | Grade | ${STAGES.map((s) => STAGE_LABELS[s]).join(' | ')} |`,
    `| --- | ---: | :---: | ${STAGES.map(() => ':---:').join(' | ')} |`,
  ];
  for (const r of report.repos) {
    if (!isAudited(r))
      out.push(`| ${code(r.repo)} | — | ${r.status} | ${STAGES.map(() => '—').join(' | ')} |`);
    else {
      // The standard score; a configured one beside it, labelled (⚙️), never in its place.
      const c = r.configured ? ` (⚙️ ${num(r.configured.score)} ${r.configured.by === 'repo' ? "under the repo's own config" : 'under the config'})` : '';
      out.push(`| ${code(r.repo)} | ${num(r.score)}${r.status === 'partial' ? ' (partial)' : ''}${c} | ${r.grade} | ${STAGES.map((s) => stageMark(r.stages[s])).join(' | ')} |`);
    }
  }
  return out.join('\n');
}

/** The whole report as GitHub-flavoured Markdown (comments, job summaries, files). */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const h = '#'.repeat(opts.level ?? 2);
  const out = [`${h} ML portfolio audit`, ''];
  if (report.interrupted) out.push(`> ⚠️ **${md(report.interrupted.message)}**; the report lists the repos that finished.`, '');
  if (report.repos.length > 1) out.push(portfolioSection(report, opts), ''); // score, skills matrix, flags: portfolio-markdown.ts
  out.push(portfolioTable(report), '');
  if (opts.repoSections !== false) for (const r of report.repos) out.push(repoSection(r, opts));
  out.push(`<sub>${md(report.tool.name, 100)} ${md(report.tool.version, 50)} · rules cite the career guides listed in rules/sources.yml</sub>`, '');
  return out.join('\n');
}
