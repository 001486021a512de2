/**
 * The configured score beside the standard one, and the fail-under gate, the same way in every output (terminal,
 * Markdown, the Action's comment and summary). A config file's name and exclude globs may come from the audited
 * repository: they are untrusted text, and the callers escape what these functions return for their medium (the
 * functions themselves return plain text; `md`/`plainLine` are applied by the renderers).
 */
import type { AuditedRepoReport, ConfigChange, ConfiguredScore, FailUnder } from './types.js';
import { code, md, plainLine } from './escape.js';
import { num } from './numbers.js';

/** "the repo's own .ml-portfolio-audit.yml" or "the config audit.yml". Plain text. */
export function configuredSource(c: Pick<ConfiguredScore, 'by' | 'source'>): string {
  return c.by === 'repo' ? "the repo's own .ml-portfolio-audit.yml" : `the config ${c.source}`;
}

/** One change as plain text: "history-recency turned off", "stage-deployment weight 3 → 6", "exclude src/** (12 files)". */
function changeText(c: ConfigChange): string {
  if (c.change === 'disabled') return `${c.rule} turned off`;
  if (c.change === 'weight') return `${c.rule} weight ${num(c.from)} → ${num(c.to)}`;
  return `exclude ${c.glob} (${c.files} file${c.files === 1 ? '' : 's'} left out)`;
}

/** The changes, at most `max` of them, then "… and N more". Plain text. */
export function changesText(changes: ConfigChange[], max = 12): string {
  const shown = changes.slice(0, max).map(changeText);
  return shown.join(', ') + (changes.length > max ? `, … and ${changes.length - max} more` : '');
}

export interface Gate {
  value: number;
  from: string;
  /** The score compared with the value: the standard one, or the configured one (caller's config only). */
  score: number;
  gates: 'standard' | 'configured';
  /** "the standard score" or "the score under the config audit.yml". Plain text. */
  label: string;
}

/**
 * The threshold a repo is held to, as the report recorded it (or `override`, e.g. `merge --fail-under`), and the score
 * it gates. Undefined when there is none. Only the caller's config can move the gate to the configured score.
 */
export function gateOf(r: AuditedRepoReport, override?: FailUnder): Gate | undefined {
  const recorded = r.config?.failUnder;
  const t = override ?? recorded;
  if (!t) return undefined;
  const configured = recorded?.gates === 'configured' && r.configured?.by === 'caller' ? r.configured : undefined;
  return {
    value: t.value,
    from: t.from,
    score: configured ? configured.score : r.score,
    gates: configured ? 'configured' : 'standard',
    label: configured ? `the score under ${configuredSource(configured)}` : 'the standard score',
  };
}

/**
 * Headline suffix: "standard · 100/100 (A) under the repo's own .ml-portfolio-audit.yml"; '' without one. `escape`
 * applies to the config's name (a caller's path).
 */
export function configuredHeadline(r: AuditedRepoReport, escape: (s: string) => string = (s) => s): string {
  const c = r.configured;
  return c ? `standard · ${num(c.score)}/100 (${c.grade}) under ${escape(configuredSource(c))}` : '';
}

/**
 * The Markdown note under a headline: the configured score, labelled, with what the config changed, and which score
 * fail-under gates; a repository's own config that was not applied is said too. Untrusted parts are escaped.
 */
export function configuredMarkdown(r: AuditedRepoReport): string {
  const out: string[] = [];
  const c = r.configured;
  if (c) {
    const gate = gateOf(r);
    const gated = gate ? ` \`fail-under\` ${num(gate.value)} gates ${gate.gates === 'standard' ? 'the standard score' : 'the score under this config'}.` : '';
    out.push(
      `> ⚙️ **${num(c.score)}/100 (${c.grade}) under ${c.by === 'repo' ? "the repo's own" : 'the config'} ${code(c.by === 'repo' ? '.ml-portfolio-audit.yml' : c.source)}** — ${md(c.summary)}: ${md(changesText(c.changes), 1500)}. ` +
        `The headline ${num(r.score)}/100 (${r.grade}) is the standard score: the same rules and weights for every repository, which no config changes.${gated}`,
    );
  }
  const ignored = r.config?.ignored;
  if (ignored && r.config?.by !== 'caller') {
    out.push(`> ℹ️ This repository has its own ${code('.ml-portfolio-audit.yml')}, not applied: ${md(ignored.reason, 400)}.`);
  }
  return out.join('\n>\n');
}

/** The same in plain text, for terminals; untrusted parts go through plainLine. */
export function configuredText(r: AuditedRepoReport): string[] {
  const c = r.configured;
  if (!c) return [];
  return [`  configured: ${plainLine(c.summary)}: ${plainLine(changesText(c.changes), 1500)}`];
}
