import { STAGES } from '../types.js';
import { plainLine } from './escape.js';
import type { Report, RepoReport } from './types.js';
import { num } from './numbers.js';
import { configuredHeadline, configuredText } from './configured.js';
import { projectLine } from './markdown.js';

function where(e: { path?: string; line?: number; cell?: number }): string {
  if (!e.path) return '';
  return e.cell !== undefined ? `${e.path} (cell ${e.cell}${e.line ? `, line ${e.line}` : ''})` : e.line ? `${e.path}:${e.line}` : e.path;
}

function repoText(r: RepoReport, verbose: boolean): string[] {
  const name = plainLine(r.repo);
  if (r.status === 'error' || r.status === 'skipped') return [`${name}  ${r.status.toUpperCase()}: ${plainLine(r.error ?? r.reason ?? '', 600)}`, ''];
  const configured = configuredHeadline(r, (s) => plainLine(s));
  const out = [`${name}  ${num(r.score)}/100 (${r.grade})${configured ? ` ${configured}` : ''}${r.status === 'partial' ? '  [partial: not final]' : ''}`];
  if (r.status === 'partial') out.push(`  partial:    ${plainLine(r.reason ?? 'some data could not be read', 600)} — the score is not final`);
  out.push(...configuredText(r));
  out.push(`  stages:     ${STAGES.map((s) => `${r.stages[s].status ? '-' : r.stages[s].detected ? '✓' : '✗'} ${s}`).join('  ')}`);
  const kindLine = projectLine(r);
  if (kindLine) out.push(`  project:    ${plainLine(kindLine, 300)}`);
  out.push(`  categories: ${Object.entries(r.categories).filter(([, v]) => v.weight > 0).map(([c, v]) => `${c} ${num(v.score)}`).join(' · ')}`);
  if (r.cappedBy) out.push(`  capped at ${num(r.cappedBy.max)} by ${r.cappedBy.rule}`);
  for (const n of r.notes.filter((x) => x.kind === 'shallow')) out.push(`  warning: ${plainLine(n.message)}`);
  for (const n of r.notes.filter((x) => x.kind === 'info').slice(0, 5)) out.push(`  note: ${plainLine(n.message)}`);
  if (r.nextActions.length) {
    out.push('  fix first:');
    for (const a of r.nextActions.slice(0, 3))
      out.push(`    ${`+${num(a.gain)}`.padEnd(6)} ${a.rule}${a.afterCap ? ' (once the cap is lifted)' : ''}: ${plainLine(a.text, 400)}`);
  }
  if (verbose) {
    out.push('  rules:');
    for (const x of r.rules) {
      const s = x.score === null ? ' n/a' : `${String(Math.round(x.score * 100)).padStart(3)}%`;
      const e = x.evidence[0];
      const ev = !x.measurable ? `not measurable: ${x.note ?? ''}` : x.applicable === false ? (x.note ?? 'not applicable') : e ? `${where(e)} ${e.detail}`.trim() : (x.note ?? '');
      out.push(`    ${x.score === null ? '-' : x.score >= 0.99 ? '✓' : x.score > 0 ? '~' : '✗'} ${s}  ${x.id.padEnd(30)} ${plainLine(ev, 140)}`);
    }
    const skipped = r.notes.filter((n) => n.kind !== 'shallow' && n.kind !== 'info');
    if (skipped.length) out.push(`  ${skipped.length} file(s) skipped: ${skipped.slice(0, 5).map((n) => `${plainLine(n.path ?? '')} (${n.kind})`).join(', ')}${skipped.length > 5 ? ', …' : ''}`);
  }
  out.push('');
  return out;
}

/** A readable terminal report. `verbose` adds one line per rule with its first piece of evidence. */
export function renderText(report: Report, opts: { verbose?: boolean } = {}): string {
  const p = report.portfolio;
  const out = [`ML portfolio audit (${report.tool.name} ${report.tool.version})`, ''];
  for (const r of report.repos) out.push(...repoText(r, opts.verbose ?? true));
  if (report.repos.length > 1) out.push(`portfolio: ${num(p.score)}/100 (${p.grade}) — ${p.explanation}`);
  if (report.repos.length > 1) out.push(...portfolioLines(report)); // skills, specialisations, flags
  return out.join('\n') + '\n';
}

/* ---- portfolio block (skills, specialisations, project types, flags) ---- */
function portfolioLines(report: Report): string[] {
  const p = report.portfolio;
  const out: string[] = [];
  if (p.skills) {
    const all = p.skills.flatMap((r) => r.skills);
    const shown = all.filter((s) => s.evidence.length).map((s) => s.label);
    out.push(`  skills (${shown.length}/${all.length}): ${shown.join(', ') || 'none'}`);
    const missing = all.filter((s) => !s.evidence.length).map((s) => s.label);
    if (missing.length) out.push(`  not shown: ${missing.join(', ')}`);
  }
  if (p.specialisations) out.push(`  specialisations: ${p.specialisations.filter((s) => s.evidence.length).map((s) => s.label).join(', ') || 'none'}`);
  if (p.projectTypes?.length) out.push(`  project types: ${p.projectTypes.map((t) => `${t.label} (${t.repos.length})`).join(', ')}`);
  for (const f of p.flags ?? []) out.push(`  flag: ${plainLine(f.repo)} ${f.kind}: ${plainLine(f.detail, 200)}`);
  return out;
}
