import type { Category, Evidence, Outcome, SourceNote, Stage } from '../types.js';
import type { CommitActivity } from '../activity.js';
import type { FixKind } from '../rules/fixes.js';
import type { ProjectTypeId, SkillCategoryId, SkillId, SpecialisationId } from '../skills-catalog.js';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/**
 * The report contract's version (schema/report.schema.json). New optional fields may be added within a version;
 * removing or changing a field bumps it. 2: a repo that could not be audited has no score, grade or rules (v1 gave it
 * placeholders: 0, F, empty lists).
 */
export const SCHEMA_VERSION = 2;

export interface RuleResult {
  id: string;
  title: string;
  category: Category;
  stage?: Stage;
  /** 0..1; null when the rule could not be measured (left out of the score). */
  score: number | null;
  weight: number;
  measurable: boolean;
  /**
   * pass (1), partial, fail (0), not-applicable (scored 0, advice replaced), not-measurable or error (the probe failed):
   * left out of the score. Absent in reports of older versions.
   */
  outcome?: Outcome;
  note?: string;
  /** False when the rule does not apply to this kind of project (the pipeline stages of a repo that is not ML). */
  applicable?: false;
  evidence: Evidence[];
  remediation: string;
  /**
   * Present when the rule is not measured because code files it reads could not be read (too large, an LFS pointer,
   * missing from the checkout...) and the files read do not settle it: those files (at most 5), and the score it counts
   * as until measured (what the files read earn, often 0). Missing data never beats measured data: the repo is
   * `partial`, and its `reason` says what the score can at most become.
   */
  unread?: { paths: string[]; countedAs: number };
  /** Portfolio flags this rule raises when it scores below 0.5 (declared in the rule file as `flags:`). */
  flags?: PortfolioFlagKind[];
  /** Repo score points this rule earned (0..100 scale); 0 when not measurable. */
  points: number;
  /** Points this rule is worth when it passes fully (its weight's share of all measurable weights, 0..100 scale). */
  maxPoints: number;
}

export interface NextAction {
  rule: string;
  /**
   * Repo score points gained if this rule passed fully (caps included). For a gate rule at 0 (no README): if its whole
   * category passed. With `afterCap`: once the cap on the score is lifted.
   */
  gain: number;
  text: string;
  /** True when the gain counts only once the rule that caps the score is fixed (listed after those that lift it). */
  afterCap?: true;
}

/**
 * The fixes worth most points, grouped by what a person does ("Rewrite the README"), with gains that are exact: the
 * repo score re-computed with those rules passing, every cap and gate applied, minus the score now.
 */
export interface FixFirst {
  /** Every rule whose cap applies now (it scores below its cap's threshold), lowest cap first. */
  caps: FixCap[];
  /** Best first: by gain now, then by gain once the caps are lifted. */
  groups: FixGroup[];
  /** Groups of fixes left out on purpose, and why (no history advice for a copy). */
  omitted?: Array<{ fix: FixKind; rules: string[]; reason: string }>;
}

export interface FixCap {
  rule: string;
  /** The repo score is at most this while the rule fails. */
  max: number;
  /** True when the cap holds the score down now; false when it only limits what fixes can add (the score is below it). */
  holds: boolean;
  /** False when the rule is not measured (the history is missing) and counts as failing until it is. */
  measured?: false;
  /** A soft cap: above `from`, the score keeps only the share `keep` of its points (so scores under it keep their order). */
  soft?: { from: number; keep: number };
}

/** How much a fix adds. */
export interface FixGain {
  /** Exact repo score points added now: the score with these rules passing, caps included, minus the score now. */
  gain: number;
  /** Present when a cap held by another rule limits the gain: those rules, lowest cap first. */
  heldBy?: string[];
  /** With `heldBy`: the points added once those rules pass (exact, from the same scoring). */
  gainOnceLifted?: number;
}

export interface FixGroup extends FixGain {
  /** The action (a rule file's `fix:`); the rules of a gate's category (no README) join the gate's group. */
  fix: FixKind;
  title: string;
  /** The repo score with every rule of the group passing. */
  scoreAfter: number;
  /** The group's rules not yet passing, each with its own gain alone, most first. */
  rules: Array<FixGain & { rule: string; text: string }>;
}

export interface StageResult {
  detected: boolean;
  evidence: Evidence[];
  /** Present when the stage is not applicable (not an ML project) or not measurable (a language not analysed). */
  status?: 'not-applicable' | 'not-measurable';
}

/** What kind of project the repo is (src/probes/project-kind.ts). */
interface ProjectSummary {
  kind: 'ml' | 'not-ml' | 'unknown-language' | 'unclear';
  /** Languages with code, most files first. */
  languages: string[];
  /** Kinds of ML project whose advice differs ("rl"). */
  families?: string[];
  note: string;
}

interface HistorySummary {
  commits: number;
  shallow: boolean;
  truncated: boolean;
  totalCount: number | null;
  firstCommit: string | null;
  lastCommit: string | null;
  /**
   * Commits of the visible history per week or month (at most 104 buckets), for charts; absent when no commit is
   * visible or in reports of older versions. A shallow or truncated history counts only the commits it shows.
   */
  activity?: CommitActivity;
}

/** What every repo entry has, audited or not. */
interface RepoEntryBase {
  repo: string;
  /** Web address of the repository when it was read through the GitHub API (absent for local paths). */
  url?: string;
  commit: string | null;
  notes: SourceNote[];
  /** Portfolio report: what the host says about the repo (fork, archived); absent when unknown. */
  metadata?: RepoReportMetadata;
}

/**
 * A repo the rules ran on: `ok`, or `partial` (audited with something missing, `reason` says what; the score is not
 * final).
 */
export interface AuditedRepoReport extends RepoEntryBase {
  status: 'ok' | 'partial';
  /** Why the status is partial. */
  reason?: string;
  score: number;
  grade: Grade;
  categories: Record<Category, { score: number; weight: number }>;
  stages: Record<Stage, StageResult>;
  /** Is this an ML project, and in which languages (absent in reports of older versions). */
  project?: ProjectSummary;
  rules: RuleResult[];
  nextActions: NextAction[];
  /** The fixes grouped by what a person does, with exact gains, and the rules holding a cap (absent in reports of older versions). */
  fixFirst?: FixFirst;
  /** A cap that limited the score (e.g. tutorial copy), if any. */
  cappedBy?: { rule: string; max: number };
  files: number;
  history?: HistorySummary;
  /** Portfolio report: skills, specialisations and project types this repo shows (src/skills.ts). */
  skills?: RepoSkills;
  /**
   * The score under a config file (the caller's, or the repository's own), shown beside the standard score above.
   * Absent when no config applied or the config changed nothing that scores. `score`, `grade`, `categories` and
   * `nextActions` above are always the standard audit: shipped rules, standard weights, every file.
   */
  configured?: ConfiguredScore;
  /** This repo's effective config: which file made `configured`, which was left unapplied, and its fail-under. */
  config?: RepoConfig;
}

/**
 * A repo that could not be audited: `skipped` (not its fault: an empty repository, a fork listed with --user, the time
 * budget or rate limit spent, the run interrupted) or `error` (not found, no access, a broken source). It has no
 * score, grade or rules; `reason` says why.
 */
export interface NotAuditedRepoReport extends RepoEntryBase {
  status: 'skipped' | 'error';
  reason: string;
}

/** One repo of the report: audited (a score) or not (a reason). Read `status`, or use isAudited. */
export type RepoReport = AuditedRepoReport | NotAuditedRepoReport;

export function isAudited(r: RepoReport): r is AuditedRepoReport {
  return r.status === 'ok' || r.status === 'partial';
}

/** What a config file changed against the standard audit. */
export type ConfigChange =
  | { change: 'disabled'; rule: string }
  | { change: 'weight'; rule: string; from: number; to: number }
  /** `files`: how many of the repository's files the glob leaves out. */
  | { change: 'exclude'; glob: string; files: number };

/** Who supplied a config file: the caller (CLI --config, the Action's `config` input) or the audited repository. */
export type ConfigOrigin = 'caller' | 'repo';

export interface ConfiguredScore {
  score: number;
  grade: Grade;
  /** The config file: a path, or owner/name:.ml-portfolio-audit.yml for a repository read through the API. */
  source: string;
  by: ConfigOrigin;
  changes: ConfigChange[];
  /** What it changed, in a few words ("22 rules turned off; 1 weight changed"). */
  summary: string;
  categories: Record<Category, { score: number; weight: number }>;
  nextActions: NextAction[];
  fixFirst?: FixFirst;
  cappedBy?: { rule: string; max: number };
}

export interface FailUnder {
  value: number;
  /** Where the value came from: "--fail-under", "input \"fail-under\"", "fail-under in <file>". */
  from: string;
}

export interface RepoConfig {
  /** The config file applied to `configured`, and who supplied it; absent when none applied. */
  file?: string;
  by?: ConfigOrigin;
  /** The repository's own .ml-portfolio-audit.yml when it has one that was not applied, and why. */
  ignored?: { file: string; reason: string };
  /**
   * The threshold this repo is held to, and the score it gates: the standard score, or the configured one when the
   * caller's own config made it. A repository's own file can set a threshold only when the caller set none.
   */
  failUnder?: FailUnder & { gates: 'standard' | 'configured' };
}

/** The run's own settings, as the caller gave them. */
export interface RunConfig {
  /** The caller's config file (CLI --config, the Action's `config` input). */
  file?: string;
  /** Whether a repository's own .ml-portfolio-audit.yml was applied: to local folders only (default), always, never. */
  repoConfig: 'local' | 'always' | 'never';
  /** The caller's threshold: the --fail-under flag or the Action input, else `fail-under` in the caller's config file. */
  failUnder?: FailUnder;
}

export interface PortfolioSummary {
  /** Absent when no repository could be audited: there is no portfolio to score (never a made-up 0 / F). */
  score?: number;
  grade?: Grade;
  /** Repos audited without error. */
  audited: number;
  /** Repos that counted toward the portfolio score (strongest 3–5). */
  counted: string[];
  /** Repos scoring at least 70 with all five stages detected. */
  strongProjects: string[];
  explanation: string;
  /* ---- portfolio report (src/portfolio.ts); optional so older producers stay valid ---- */
  /** Mean of the strongest 3 original projects (missing ones count 0), before the breadth bonus. */
  baseScore?: number;
  breadth?: PortfolioBreadth;
  /** The guides' skills table: one row per category, each skill with the repos and files that show it. */
  skills?: PortfolioSkillRow[];
  /** The four specialisations the guides name, each with evidence (empty when not shown). */
  specialisations?: PortfolioSpecialisation[];
  /** Project types found, with the repos that show them. */
  projectTypes?: PortfolioProjectType[];
  /** Tutorial or course copies, forks, one-shot uploads, archived or empty repos, each with evidence. */
  flags?: PortfolioFlag[];
  /** What to do with the portfolio, as the guides advise: what to pin, improve next, archive (several repos only). */
  advice?: PortfolioAdvice;
}

/** "3–5 strong projects beat 15 tutorials": which repos to show, which to work on, which to take out of view. */
export interface PortfolioAdvice {
  /** The strongest original projects, best first, up to five (the 4th and 5th only when strong). */
  pin: Array<{ repo: string; score: number; grade: Grade; reason: string }>;
  /**
   * The fix worth most points across the portfolio: a repo's first fix-first group (its exact gain, all its rules
   * passing; `rule` and `text` are its first rule's), or from `nextActions` for reports without `fixFirst`.
   */
  improve?: { repo: string; rule: string; gain: number; score: number; scoreAfter: number; text: string; reason: string; fix?: FixKind; title?: string };
  /** Tutorial or course copies, forks, empty or abandoned repos: archive them or make them private. */
  archive: Array<{ repo: string; kinds: PortfolioArchiveKind[]; reason: string }>;
}

export type PortfolioArchiveKind = 'tutorial-copy' | 'fork' | 'empty' | 'archived' | 'abandoned';

/* ---- Portfolio report types (skills, specialisations, project types, flags) ---- */

export interface RepoSkills {
  /** Skills of the guides' table that this repo shows, in table order, each with up to 3 pieces of evidence. */
  skills: Partial<Record<SkillId, Evidence[]>>;
  specialisations: Partial<Record<SpecialisationId, Evidence[]>>;
  projectTypes: Partial<Record<ProjectTypeId, Evidence[]>>;
  /** The read budget: how many files were read out of how many candidates. */
  scanned: { files: number; candidates: number; truncated: boolean };
}

interface RepoReportMetadata {
  fork?: boolean;
  parent?: string;
  archived?: boolean;
}

/** Evidence in one repo of the portfolio; `commit` lets renderers link to the exact file version. */
export interface PortfolioEvidence extends Evidence {
  repo: string;
  commit: string | null;
  /** The repository's web address when it was read from GitHub; evidence links point there. */
  url?: string;
}

export interface PortfolioSkillRow {
  category: SkillCategoryId;
  label: string;
  skills: Array<{ skill: SkillId; label: string; evidence: PortfolioEvidence[] }>;
}

export interface PortfolioSpecialisation {
  id: SpecialisationId;
  label: string;
  evidence: PortfolioEvidence[];
}

export interface PortfolioProjectType {
  id: ProjectTypeId;
  label: string;
  repos: string[];
  evidence: PortfolioEvidence[];
}

export type PortfolioFlagKind = 'tutorial-copy' | 'fork' | 'one-shot' | 'archived' | 'empty';

export interface PortfolioFlag {
  repo: string;
  kind: PortfolioFlagKind;
  detail: string;
  evidence: Evidence[];
}

interface PortfolioBreadth {
  /** Skill categories of the guides' table shown by the counted projects. */
  skillCategories: number;
  skillCategoriesOf: number;
  specialisations: number;
  specialisationsOf: number;
  /** Points added to the base score (bounded; scaled by base/100 so breadth never lifts weak work). */
  bonus: number;
  maxBonus: number;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  portfolio: PortfolioSummary;
  repos: RepoReport[];
  /** How the run was configured (absent in reports of older versions). */
  config?: RunConfig;
  /** Present when the run was cut short (Ctrl-C, SIGTERM): the repos not audited are 'skipped' entries. */
  interrupted?: {
    signal: string;
    /** Repos not audited, out of `total` in the report. */
    notAudited: number;
    total: number;
    /** "run interrupted: 3 of 8 repos not audited". */
    message: string;
  };
}
