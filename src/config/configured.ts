/**
 * The score under a config file, beside the standard one. The standard audit (shipped rules, standard weights, every
 * file) is what a report's `score` always is: no config, neither the caller's nor the audited repository's own, can
 * raise it. A config makes a second, labelled score: rules turned off or re-weighted are re-scored from the standard
 * results; exclude globs change which files the rules read, so the rules run again on what is left.
 */
import { auditSnapshot, scoreInputs } from '../audit.js';
import { selectFiles } from '../probes/glob-gate.js';
import type { ConfigOrigin, ConfiguredScore, AuditedRepoReport } from '../report/types.js';
import type { RuleSet } from '../rules/load.js';
import { advisedOnly, fixFirstOf } from '../fix-first.js';
import { gradeFor, nextActionsOf, scoreOf } from '../score.js';
import type { RepoSnapshot, SourceNote } from '../types.js';
import type { PhaseTimer } from '../timings.js';
import { changesSummary, configChanges, type Config } from './load.js';

export interface AppliedConfig {
  config: Config;
  by: ConfigOrigin;
  /** The standard rules with the config's weights and disabled rules applied. */
  rules: RuleSet;
}

const noteKey = (n: SourceNote): string => `${n.kind}\u0000${n.path ?? ''}\u0000${n.message}`;

/** The configured score, or null when the config changes nothing that scores (e.g. it only sets fail-under). */
export async function configuredScore(
  standard: AuditedRepoReport,
  snapshot: RepoSnapshot,
  base: RuleSet,
  applied: AppliedConfig,
  opts: { now: Date; timer?: PhaseTimer },
): Promise<ConfiguredScore | null> {
  const changes = configChanges(base, applied.config, (g) => selectFiles(snapshot.files, [g]).length);
  if (!changes.length) return null;
  const exclude = applied.config.exclude ?? [];
  let scored: Pick<ConfiguredScore, 'score' | 'categories' | 'nextActions' | 'fixFirst' | 'cappedBy'>;
  if (exclude.length) {
    // The rules run again on the files the globs leave. The source's notes are shared: what this pass adds again
    // (a long README, a skipped file) is kept once.
    const before = snapshot.notes.length;
    const second = await auditSnapshot(snapshot, { rules: applied.rules, exclude, now: opts.now, timer: opts.timer, skills: false });
    const seen = new Set(snapshot.notes.slice(0, before).map(noteKey));
    const added = snapshot.notes.splice(before).filter((n) => !seen.has(noteKey(n)) && (seen.add(noteKey(n)), true));
    snapshot.notes.push(...added);
    scored = { score: second.score, categories: second.categories, nextActions: second.nextActions, ...(second.fixFirst ? { fixFirst: second.fixFirst } : {}), ...(second.cappedBy ? { cappedBy: second.cappedBy } : {}) };
  } else {
    // The standard results, re-scored with the config's rules, the way the standard score is (the same inputs).
    const byId = new Map(standard.rules.map((r) => [r.id, r]));
    const results = applied.rules.rules.map((rule) => ({ score: byId.get(rule.id)?.score ?? null }));
    const items = scoreInputs(snapshot.history, applied.rules.rules, results, standard.project?.kind === 'not-ml');
    const s = scoreOf(items);
    const texts = new Map(applied.rules.rules.map((r) => [r.id, byId.get(r.id)?.remediation ?? r.remediation]));
    const fixFirst = fixFirstOf(items, texts);
    scored = {
      score: s.score,
      categories: s.categories,
      // The advice the standard audit gave (a project kind's own advice included), else the rule's.
      nextActions: advisedOnly(nextActionsOf(items, texts), fixFirst),
      fixFirst,
      ...(s.cappedBy ? { cappedBy: s.cappedBy } : {}),
    };
  }
  return {
    score: scored.score,
    grade: gradeFor(scored.score),
    source: applied.config.file ?? 'config',
    by: applied.by,
    changes,
    summary: changesSummary(changes),
    categories: scored.categories,
    nextActions: scored.nextActions,
    ...(scored.fixFirst ? { fixFirst: scored.fixFirst } : {}),
    ...(scored.cappedBy ? { cappedBy: scored.cappedBy } : {}),
  };
}
