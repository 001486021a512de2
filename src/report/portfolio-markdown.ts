/**
 * The portfolio section of the Markdown report: score with its arithmetic, the guides' skills table with a link to a
 * file that shows each skill, specialisations, project types and flags. Repo names, paths and evidence come from
 * audited repos and are untrusted: they go through md()/code() and URL encoding.
 */
import { code, md } from './escape.js';
import type { MarkdownOptions } from './markdown.js';
import type { PortfolioArchiveKind, PortfolioEvidence, PortfolioFlagKind, Report } from './types.js';
import { num } from './numbers.js';


/** Encodes one path segment for a URL, including the characters encodeURIComponent leaves (they break Markdown links). */
const encodeSegment = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Link to the evidence on GitHub (exact commit, line anchor for scripts), or null for a repo that was not read from
 * GitHub (a local path is never linked, even when it looks like owner/name).
 */
export function evidenceUrl(e: Pick<PortfolioEvidence, 'url' | 'commit' | 'path' | 'line' | 'cell'>): string | null {
  if (!e.url || !/^https:\/\/[^\s"'<>()]+$/.test(e.url)) return null;
  const base = e.url.replace(/\/+$/, '');
  const ref = e.commit && /^[0-9a-f]{7,40}$/i.test(e.commit) ? e.commit : 'HEAD';
  if (!e.path) return `${base}/commits/${ref}`;
  const path = e.path.split('/').map(encodeSegment).join('/');
  return `${base}/blob/${ref}/${path}${e.line && e.cell === undefined ? `#L${e.line}` : ''}`;
}

/** code() that is also safe as link text: no brackets, backticks, backslashes or emphasis marks left to Markdown. */
function linkCode(s: string): string {
  return code(s).replace(/[[\]`\\*_~]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const repoShort = (repo: string): string => repo.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || repo;

/** One piece of evidence as a link (GitHub) or as inline code (local path): "repo/path:line". */
export function evidenceLink(e: PortfolioEvidence): string {
  const where = e.path ? `${repoShort(e.repo)}/${e.path}${e.cell !== undefined ? ` (cell ${e.cell})` : e.line ? `:${e.line}` : ''}` : repoShort(e.repo);
  const url = evidenceUrl(e);
  return url ? `[${linkCode(where)}](${url})` : code(where);
}

function links(ev: PortfolioEvidence[], shown = 2): string {
  const more = ev.length - shown;
  return ev.slice(0, shown).map(evidenceLink).join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

export const FLAG_LABELS: Record<PortfolioFlagKind | PortfolioArchiveKind, string> = {
  'tutorial-copy': 'tutorial/course copy',
  fork: 'fork',
  'one-shot': 'one-shot upload',
  archived: 'archived',
  empty: 'empty',
  abandoned: 'abandoned',
};

/** The portfolio section (only rendered when the report has more than one repo). */
export function portfolioSection(report: Report, opts: MarkdownOptions = {}): string {
  const p = report.portfolio;
  const verdict = p.score !== undefined ? `${num(p.score)}/100 (${p.grade})` : 'not scored';
  const out = [`**Portfolio: ${verdict}** — ${md(p.explanation, 1200)}`, ''];

  if (p.skills) {
    out.push(
      '**Skills shown** — the guides’ skills table; each skill links to a file that shows it (original projects only, forks and tutorial copies left out); ❌ = not found.',
      '',
      '| Area | Skills |',
      '| --- | --- |',
    );
    for (const row of p.skills) {
      const cells = row.skills.map((s) => (s.evidence.length ? `✅ **${md(s.label)}** ${links(s.evidence)}` : `❌ ${md(s.label)}`));
      out.push(`| ${md(row.label)} | ${cells.join(' · ')} |`);
    }
    out.push('');
  }

  if (p.specialisations) {
    const items = p.specialisations.map((s) => (s.evidence.length ? `✅ ${md(s.label)} (${links(s.evidence)})` : `❌ ${md(s.label)}`));
    out.push(`**Specialisations:** ${items.join(' · ')}`, '');
  }

  if (p.projectTypes) {
    const items = p.projectTypes.map((t) => `${md(t.label)} (${links(t.evidence, 3)})`);
    out.push(`**Project types:** ${items.length ? items.join(' · ') : 'none recognised'}`, '');
  }

  if (p.flags?.length) {
    out.push('**Flags:**', '');
    const byRepo = new Map(report.repos.map((r) => [r.repo, r]));
    for (const f of p.flags) {
      out.push(`- ⚠️ ${code(f.repo)} — **${FLAG_LABELS[f.kind]}**: ${md(f.detail, 400)}`);
      for (const e of f.evidence.slice(0, 4)) {
        const r = byRepo.get(f.repo);
        const where = e.path ? `${evidenceLink({ repo: f.repo, commit: r?.commit ?? null, ...(r?.url ? { url: r.url } : {}), ...e })} ` : '';
        out.push(`  - ${where}${md(e.detail, 200)}`);
      }
    }
    out.push('');
  }

  const a = p.advice;
  if (a && (a.pin.length || a.improve || a.archive.length)) {
    out.push('**What to do** — the guides: 3–5 strong projects beat 15 tutorials.', '');
    if (a.pin.length) out.push(`- 📌 **Pin:** ${a.pin.map((x) => `${code(x.repo)} (${md(x.reason, 300)})`).join('; ')}`);
    if (a.improve) {
      const i = a.improve;
      // The fix text is ours (rules/) unless the report came from a file anyone could edit (merged shards).
      const what = i.title ? `${md(i.title, 200)}, starting with ${code(i.rule)}` : code(i.rule);
      out.push(`- 🔧 **Improve next:** ${code(i.repo)}, ${what} (+${num(i.gain)}: ${num(i.score)} → ${num(i.scoreAfter)}) — ${opts.untrusted ? md(i.text, 1000) : fold(i.text)}`);
    }
    if (a.archive.length) {
      out.push('- 🗄️ **Archive or make private:**');
      for (const x of a.archive) out.push(`  - ${code(x.repo)} (${x.kinds.map((k) => FLAG_LABELS[k]).join(', ')}) — ${md(x.reason, 600)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Remediation text is ours (rules/), written in Markdown; folded to one line for a list item. */
function fold(text: string): string {
  return text.replace(/(?<!\s)\s*\n\s*/g, ' ').trim();
}
