import {
  isAudited,
  type AuditedRepoReport,
  type PortfolioAdvice,
  type PortfolioArchiveKind,
  type PortfolioEvidence,
  type PortfolioFlag,
  type PortfolioFlagKind,
  type PortfolioProjectType,
  type PortfolioSkillRow,
  type PortfolioSpecialisation,
  type PortfolioSummary,
  type RepoReport,
  type RuleResult,
} from './report/types.js';
import { gradeFor } from './score.js';
import { PROJECT_TYPES, SKILL_TABLE, SPECIALISATIONS } from './skills-catalog.js';
import type { Evidence } from './types.js';
import { num } from './report/numbers.js';

/** The guides: "3–5 strong projects outperform 15 small tutorials." */
const PORTFOLIO_MIN = 3;
const PORTFOLIO_MAX = 5;
const STRONG_AT = 70;
/** Breadth bonus: points per skill category or specialisation shown by the counted projects, and its cap. */
const BREADTH_PER_AREA = 0.5;
export const BREADTH_MAX = 5;
/** An originality rule scoring below this marks a tutorial or course copy. */
const COPY_BELOW = 0.5;
/** A history rule whose id contains "one-shot" scoring below this marks a one-shot upload. */
const ONE_SHOT_BELOW = 0.5;
/** Repos listed per skill, specialisation or project type in the portfolio. */
const MAX_REPOS_PER_CELL = 5;

const FLAG_ORDER: PortfolioFlagKind[] = ['tutorial-copy', 'fork', 'one-shot', 'archived', 'empty'];
/** Flags that take a repo out of the portfolio score: the work is not the candidate's own. */
const NOT_OWN_WORK: PortfolioFlagKind[] = ['tutorial-copy', 'fork'];

const round1 = (n: number): number => Math.round(n * 10) / 10;
const pct = (s: number | null): string => (s === null ? 'n/a' : `${Math.round(s * 100)}%`);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const failing = (r: RuleResult, below: number): boolean => r.measurable && r.score !== null && r.score < below;

function ruleEvidence(rules: RuleResult[]): Evidence[] {
  const out: Evidence[] = [];
  for (const x of rules) {
    out.push({ detail: `${x.title} (${x.id}): ${pct(x.score)}${x.note ? ` — ${x.note}` : ''}` });
    out.push(...x.evidence.slice(0, 3));
  }
  return out.slice(0, 8);
}

/**
 * Tutorial or course copy, fork, one-shot upload, archived, empty: each with the evidence that shows it. A repo that
 * was not audited can still be a fork or archived, by what its host says.
 */
export function flagsOf(r: RepoReport): PortfolioFlag[] {
  const flags: PortfolioFlag[] = [];
  const audited = isAudited(r) ? r : undefined;
  // No rule ran on a repo that was not audited: only the host's metadata speaks for it.
  const rules = audited?.rules ?? [];
  const flag = (kind: PortfolioFlagKind, detail: string, evidence: Evidence[]): void => {
    flags.push({ repo: r.repo, kind, detail, evidence });
  };

  // Which rules raise which flag: the `flags:` their rule files declare. Reports of older versions (merged shards)
  // carry no flags on any rule: there, the rules are recognised as those versions did (category and id).
  const declared = rules.some((x) => x.flags !== undefined);
  const raises = (x: RuleResult, kind: PortfolioFlagKind): boolean =>
    declared
      ? !!x.flags?.includes(kind)
      : kind === 'tutorial-copy'
        ? x.category === 'originality'
        : kind === 'fork'
          ? /(^|-)forks?(-|$)/.test(x.id)
          : kind === 'one-shot'
            ? x.category === 'history' && x.id.includes('one-shot')
            : kind === 'archived' && x.id.includes('archived');

  // Tutorial or course copy: a tutorial-copy rule below COPY_BELOW, or a score cap set by one.
  const copyRules = rules.filter((x) => raises(x, 'tutorial-copy') && failing(x, COPY_BELOW));
  const cappedBy = audited?.cappedBy;
  const capRule = cappedBy ? rules.find((x) => x.id === cappedBy.rule) : undefined;
  const capIsCopy = !!cappedBy && (capRule ? raises(capRule, 'tutorial-copy') : !declared);
  if (copyRules.length || capIsCopy) {
    const shown = capRule && capIsCopy && !copyRules.includes(capRule) ? [capRule, ...copyRules] : copyRules;
    const detail = [
      capIsCopy ? `score capped at ${num(cappedBy!.max)} by ${capRule ? `"${capRule.title}"` : cappedBy!.rule}` : '',
      ...copyRules.filter((x) => x !== capRule || !capIsCopy).map((x) => `"${x.title}" scored ${pct(x.score)}`),
    ].filter(Boolean);
    flag('tutorial-copy', detail.join('; '), ruleEvidence(shown));
  }

  const forkRules = rules.filter((x) => raises(x, 'fork') && failing(x, 0.5));
  if (r.metadata?.fork || forkRules.length) {
    const parent = r.metadata?.parent;
    const ev: Evidence[] = r.metadata?.fork ? [{ detail: `the host marks it as a fork${parent ? ` of ${parent}` : ''}` }] : [];
    flag('fork', parent ? `fork of ${parent}` : 'fork of another repository', [...ev, ...ruleEvidence(forkRules)].slice(0, 8));
  }

  const oneShotRules = rules.filter((x) => raises(x, 'one-shot'));
  const oneShotFailing = oneShotRules.filter((x) => failing(x, ONE_SHOT_BELOW));
  const h = audited?.history;
  if (oneShotFailing.length) {
    flag('one-shot', 'uploaded in one go: little or no history of the work', ruleEvidence(oneShotFailing));
  } else if (audited && !oneShotRules.length && h && h.commits === 1 && !h.shallow && !h.truncated && (h.totalCount ?? 1) === 1 && audited.files > 1) {
    flag('one-shot', 'uploaded in one go: the whole history is a single commit', [
      { detail: `1 commit${h.firstCommit ? ` (${h.firstCommit})` : ''} holds all ${audited.files} files` },
    ]);
  }

  const archivedRules = rules.filter((x) => raises(x, 'archived') && failing(x, 0.5));
  if (r.metadata?.archived || archivedRules.length) {
    flag('archived', 'archived (read-only) on the host', [
      ...(r.metadata?.archived ? [{ detail: 'the host marks it as archived' }] : []),
      ...ruleEvidence(archivedRules),
    ]);
  }

  if (audited) {
    // A plain folder (no git, commit null) has no history to show, but it is not an empty repository.
    const noCommits = !!h && h.commits === 0 && !h.totalCount && r.commit !== null;
    if (audited.files === 0 || noCommits) {
      const what = [audited.files === 0 ? 'no files' : '', noCommits ? 'no commits' : ''].filter(Boolean).join(' and ');
      flag('empty', what, [{ detail: `${plural(audited.files, 'file')}, ${plural(h?.commits ?? 0, 'commit')}` }]);
    }
  }
  return flags.sort((a, b) => FLAG_ORDER.indexOf(a.kind) - FLAG_ORDER.indexOf(b.kind));
}

const evidenceIn = (r: RepoReport, ev: Evidence): PortfolioEvidence => ({ repo: r.repo, commit: r.commit, ...(r.url ? { url: r.url } : {}), ...ev });

/** For each repo (best first) that has evidence for `key`, its first piece of evidence; at most MAX_REPOS_PER_CELL. */
function cell(repos: AuditedRepoReport[], pick: (r: AuditedRepoReport) => Evidence[] | undefined): PortfolioEvidence[] {
  const out: PortfolioEvidence[] = [];
  for (const r of repos) {
    const ev = pick(r);
    if (ev?.length) out.push(evidenceIn(r, ev[0]));
    if (out.length >= MAX_REPOS_PER_CELL) break;
  }
  return out;
}

function skillMatrixOf(repos: AuditedRepoReport[]): PortfolioSkillRow[] {
  return SKILL_TABLE.map((c) => ({
    category: c.id,
    label: c.label,
    skills: c.skills.map((s) => ({ skill: s.id, label: s.label, evidence: cell(repos, (r) => r.skills?.skills[s.id]) })),
  }));
}

function specialisationsOf(repos: AuditedRepoReport[]): PortfolioSpecialisation[] {
  return SPECIALISATIONS.map((s) => ({ id: s.id, label: s.label, evidence: cell(repos, (r) => r.skills?.specialisations[s.id]) }));
}

function projectTypesOf(repos: AuditedRepoReport[]): PortfolioProjectType[] {
  const out: PortfolioProjectType[] = [];
  for (const t of PROJECT_TYPES) {
    const having = repos.filter((r) => r.skills?.projectTypes[t.id]?.length);
    if (having.length) out.push({ id: t.id, label: t.label, repos: having.map((r) => r.repo), evidence: cell(having, (r) => r.skills?.projectTypes[t.id]) });
  }
  return out;
}

/**
 * Portfolio score, deterministic for any order of `repos`:
 * - only original work counts: forks and tutorial/course copies (see flagsOf) and repos that could not be audited are left out;
 * - base = mean of the strongest 3 (missing ones count 0); a 4th and 5th project count when they are strong (≥ STRONG_AT),
 *   adding breadth but never lowering the base — extra weak repos never change the score (dilution is not rewarded);
 * - breadth bonus = min(BREADTH_MAX, BREADTH_PER_AREA × skill categories and specialisations the counted projects show),
 *   scaled by base/100 so that breadth cannot lift weak work.
 */
export function portfolioOf(repos: RepoReport[]): PortfolioSummary {
  const audited = repos.filter(isAudited);
  const flags = repos.flatMap(flagsOf).sort((a, b) => byName(a.repo, b.repo) || FLAG_ORDER.indexOf(a.kind) - FLAG_ORDER.indexOf(b.kind));
  const notOwn = new Map<string, PortfolioFlagKind>();
  for (const f of flags) if (NOT_OWN_WORK.includes(f.kind) && !notOwn.has(f.repo)) notOwn.set(f.repo, f.kind);
  const eligible = audited.filter((r) => !notOwn.has(r.repo));
  const ranked = [...eligible].sort((a, b) => b.score - a.score || byName(a.repo, b.repo));
  const top = ranked.slice(0, PORTFOLIO_MIN);
  const extra = ranked.slice(PORTFOLIO_MIN, PORTFOLIO_MAX).filter((r) => r.score >= STRONG_AT);
  const counted = [...top, ...extra];
  const baseScore = round1(top.reduce((s, r) => s + r.score, 0) / PORTFOLIO_MIN);

  const shows = (pick: (r: AuditedRepoReport) => unknown): boolean => counted.some((r) => !!pick(r));
  const skillCategories = SKILL_TABLE.filter((c) => c.skills.some((s) => shows((r) => r.skills?.skills[s.id]?.length))).length;
  const specialisationCount = SPECIALISATIONS.filter((s) => shows((r) => r.skills?.specialisations[s.id]?.length)).length;
  const areas = skillCategories + specialisationCount;
  const rawBonus = Math.min(BREADTH_MAX, BREADTH_PER_AREA * areas);
  const bonus = round1((rawBonus * baseScore) / 100);
  const score = Math.min(100, round1(baseScore + bonus));

  const strong = ranked.filter((r) => r.score >= STRONG_AT && Object.values(r.stages).every((s) => s.detected));
  const forks = eligibleCount(audited, notOwn, 'fork');
  const copies = eligibleCount(audited, notOwn, 'tutorial-copy');
  const failed = repos.length - audited.length;
  const left = [
    copies ? plural(copies, 'tutorial/course copy', 'tutorial/course copies') : '',
    forks ? plural(forks, 'fork') : '',
    failed ? `${plural(failed, 'repo')} not audited` : '',
  ].filter(Boolean);
  const weaker = ranked.length - counted.length;

  let explanation: string;
  if (audited.length === 0) explanation = 'No repository could be audited.';
  else if (!ranked.length) explanation = `Score 0: none of the ${plural(audited.length, 'audited repo')} is original work (${left.join(', ')}).`;
  else {
    const missing = PORTFOLIO_MIN - top.length;
    const terms = [...top.map((r) => num(r.score)), ...Array<string>(missing).fill('0')];
    explanation =
      `Base ${num(baseScore)} = (${terms.join(' + ')}) / ${PORTFOLIO_MIN}, the strongest ${PORTFOLIO_MIN} original projects` +
      (missing ? ` (the guides ask for 3–5 strong projects; ${missing} missing ${missing === 1 ? 'counts' : 'count'} as 0)` : '') +
      `; breadth +${num(bonus)} = min(${BREADTH_MAX}, ${BREADTH_PER_AREA} × ${areas} areas: ${skillCategories}/${SKILL_TABLE.length} skill categories, ` +
      `${specialisationCount}/${SPECIALISATIONS.length} specialisations) × ${num(baseScore)}/100` +
      (extra.length ? ` (projects 4–5 count for breadth when they score ≥ ${STRONG_AT}: ${extra.length} did)` : '') +
      `; score ${num(score)}.` +
      (left.length ? ` Not counted: ${left.join(', ')}.` : '') +
      (weaker ? ` ${plural(weaker, 'weaker repo')} ${weaker === 1 ? 'does' : 'do'} not change the score.` : '') +
      ` ${plural(strong.length, 'strong end-to-end project')} (score ≥ ${STRONG_AT}, all five stages).`;
  }

  // One repository is not a portfolio: its verdict is the repo's own, never a third of it.
  const single = repos.length === 1 && audited.length === 1;
  if (single) {
    const only = audited[0];
    explanation =
      `One repository audited: the verdict is its own score, ${num(only.score)}/100 (${only.grade}). ` +
      `A portfolio score needs several repos (the guides ask for 3–5 strong projects): audit them together.`;
  }
  const finalScore = single ? audited[0].score : score;

  return {
    ...(audited.length ? { score: finalScore, grade: single ? audited[0].grade : gradeFor(score) } : {}),
    audited: audited.length,
    counted: counted.map((r) => r.repo),
    strongProjects: strong.map((r) => r.repo),
    explanation,
    baseScore,
    breadth: {
      skillCategories,
      skillCategoriesOf: SKILL_TABLE.length,
      specialisations: specialisationCount,
      specialisationsOf: SPECIALISATIONS.length,
      bonus,
      maxBonus: BREADTH_MAX,
    },
    skills: skillMatrixOf(ranked),
    specialisations: specialisationsOf(ranked),
    projectTypes: projectTypesOf(ranked),
    flags,
    ...(repos.length > 1 ? { advice: adviceOf(repos, ranked, counted, flags) } : {}),
  };
}

/** A repo with no commit for this long, and not strong, counts as abandoned. */
const ABANDONED_AFTER_DAYS = 2 * 365;

const ARCHIVE_KINDS: PortfolioArchiveKind[] = ['tutorial-copy', 'fork', 'empty', 'archived', 'abandoned'];

/**
 * The guides' advice, "3–5 strong projects beat 15 tutorials", made concrete:
 * - pin: the counted original projects (the strongest 3, a 4th and 5th when strong), not archived or empty;
 * - improve: the fix worth most points across the original projects (their best fix-first group; from nextActions
 *   in reports without fix-first groups);
 * - archive or make private: tutorial copies, forks, empty repos, repos archived on the host, and abandoned ones
 *   (no commit for ABANDONED_AFTER_DAYS, not strong, not pinned).
 */
function adviceOf(repos: RepoReport[], ranked: AuditedRepoReport[], counted: AuditedRepoReport[], flags: PortfolioFlag[]): PortfolioAdvice {
  const kindsOf = new Map<string, Set<PortfolioArchiveKind>>();
  const why = new Map<string, string[]>();
  const add = (repo: string, kind: PortfolioArchiveKind, reason: string): void => {
    if (!kindsOf.has(repo)) {
      kindsOf.set(repo, new Set());
      why.set(repo, []);
    }
    if (kindsOf.get(repo)!.has(kind)) return;
    kindsOf.get(repo)!.add(kind);
    why.get(repo)!.push(reason);
  };
  for (const f of flags) {
    if (f.kind === 'tutorial-copy') add(f.repo, f.kind, `reads as a tutorial or course copy (${f.detail}): it does not show your own work`);
    if (f.kind === 'fork') add(f.repo, f.kind, `${f.detail}: the work shown is someone else's unless the README says what you added`);
    if (f.kind === 'empty') add(f.repo, f.kind, `empty (${f.detail}): nothing to show`);
    if (f.kind === 'archived') add(f.repo, f.kind, 'archived on the host: unpin it, or make it private if it no longer represents you');
  }
  const pinned = counted.filter((r) => !kindsOf.has(r.repo));
  const latest = Math.max(0, ...repos.filter(isAudited).map((r) => Date.parse(r.history?.lastCommit ?? '') || 0));
  for (const r of ranked) {
    const last = Date.parse(r.history?.lastCommit ?? '');
    if (pinned.includes(r) || r.score >= STRONG_AT || !last || !latest) continue;
    const days = Math.floor((latest - last) / 86_400_000);
    if (days >= ABANDONED_AFTER_DAYS) add(r.repo, 'abandoned', `no commit for ${Math.floor(days / 365)} years before your latest work, and it scores ${num(r.score)}/100 (${r.grade})`);
  }

  const pin = pinned.map((r) => {
    const stages = STAGES_OF(r);
    const bits = [`${num(r.score)}/100 (${r.grade})`, `${stages}/5 pipeline stages`];
    if (r.score >= STRONG_AT && stages === 5) bits.push('a strong end-to-end project');
    else if (r.score < STRONG_AT) bits.push(`among your strongest originals, but below ${STRONG_AT}: improve it`);
    return { repo: r.repo, score: r.score, grade: r.grade, reason: bits.join(', ') };
  });

  let improve: PortfolioAdvice['improve'];
  const better = (gain: number, r: AuditedRepoReport): boolean => !improve || gain > improve.gain || (gain === improve.gain && r.score > improve.score);
  for (const r of ranked) {
    if (kindsOf.has(r.repo)) continue;
    // What a person does next: the repo's best fix-first group (exact gain with all its rules passing, caps applied).
    const g = r.fixFirst?.groups.find((x) => x.gain > 0 && x.rules.length);
    if (g) {
      if (better(g.gain, r)) {
        const first = g.rules[0]!;
        const n = g.rules.length;
        improve = {
          repo: r.repo,
          rule: first.rule,
          gain: g.gain,
          score: r.score,
          scoreAfter: g.scoreAfter,
          text: first.text,
          fix: g.fix,
          title: g.title,
          reason: `the largest gain in the portfolio: "${g.title}"${n > 1 ? ` (${n} rules)` : ''} is worth +${num(g.gain)} (${num(r.score)} → ${num(g.scoreAfter)})`,
        };
      }
      continue;
    }
    if (r.fixFirst) continue; // nothing to fix now (or only behind a cap)
    const a = r.nextActions.find((x) => !x.afterCap);
    if (!a) continue;
    if (better(a.gain, r)) {
      const rule = r.rules.find((x) => x.id === a.rule);
      const scoreAfter = Math.min(100, round1(r.score + a.gain));
      improve = {
        repo: r.repo,
        rule: a.rule,
        gain: a.gain,
        score: r.score,
        scoreAfter,
        text: a.text,
        reason: `the largest gain in the portfolio: ${rule ? `"${rule.title}"` : a.rule} is worth +${num(a.gain)} (${num(r.score)} → ${num(scoreAfter)})`,
      };
    }
  }

  const archive = [...kindsOf.entries()]
    .map(([repo, kinds]) => ({ repo, kinds: ARCHIVE_KINDS.filter((k) => kinds.has(k)), reason: why.get(repo)!.join('; ') }))
    .sort((a, b) => byName(a.repo, b.repo));
  return { pin, ...(improve ? { improve } : {}), archive };
}

const STAGES_OF = (r: AuditedRepoReport): number => Object.values(r.stages).filter((s) => s.detected).length;

function eligibleCount(audited: AuditedRepoReport[], notOwn: Map<string, PortfolioFlagKind>, kind: PortfolioFlagKind): number {
  return audited.filter((r) => notOwn.get(r.repo) === kind).length;
}
