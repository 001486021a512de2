/**
 * Core types shared by sources, probes, scoring and reports.
 * The engine (everything under src/ except src/action/ and src/index.ts) never imports @actions/*.
 */

/** One file in the repository's tree, path relative to the repo root, POSIX separators. */
export interface FileEntry {
  path: string;
  /** Size in bytes when known (local: stat; GitHub: tree entry size). */
  size: number;
  /**
   * A local checkout's tracked file missing from the work tree (deleted but not with `git rm`, or a blob the clone
   * lacks): on GitHub it is there with its size, so its size 0 here means unknown, not an empty file.
   */
  readonly absent?: boolean;
}

/** A note about something the source skipped or could not read (binary, LFS pointer, symlink leaving the repo, too large, unreadable). */
export interface SourceNote {
  path?: string;
  kind: 'binary' | 'lfs-pointer' | 'symlink-outside' | 'too-large' | 'unreadable' | 'not-returned' | 'not-utf8' | 'shallow' | 'truncated' | 'info';
  message: string;
}

/** A notebook cell (Jupyter), already decoded from the .ipynb JSON. */
export interface NotebookCell {
  /** The cell's number in the notebook, from 1, every cell counted (markdown too): as a reader counts them. */
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
}

/** Text content of a file, as the probes see it. */
export interface TextFile {
  path: string;
  /** Full decoded text. For .ipynb notebooks: code cells only (a Markdown notebook keeps its whole text), joined with "\n" (markdown cells are in `cells`). */
  text: string;
  /** Present for notebooks: .ipynb files, and Markdown notebooks (Jupytext, MyST) whose executable fences are code cells. */
  cells?: NotebookCell[];
}

export interface Commit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
  subject: string;
  /** Number of files the commit changed (added, modified, deleted) relative to its first parent; null when unknown. */
  filesChanged: number | null;
  /**
   * Lines the commit changed, for a commit of fewer than LINES_COUNTED_FILES files: text lines added + deleted against
   * its first parent (GitHub's additions + deletions, `git log --numstat`; a binary file counts 0); 0 for a commit
   * that changed no file. Null (or absent) otherwise: a commit of more files (its count says it has substance, and
   * diffing a dump would cost git a read of every blob), merges, the oldest visible commit of a shallow clone, commits
   * whose files are not counted (local git counts the newest and the oldest). Both sources give the same.
   */
  linesChanged?: number | null;
  /**
   * Paths the commit changed (at most the first COMMIT_PATHS_KEPT), when the source knows them (local git); absent
   * otherwise. Lets the history tell work on the project from busy work on a notes file.
   */
  paths?: string[];
  /**
   * Of `filesChanged`, how many are in a dependency tree (node_modules, a virtual environment: facts/vendored.ts), when
   * the source lists every changed path (local git) and some are; absent otherwise.
   */
  vendoredChanged?: number;
  /** True for merge commits (more than one parent). */
  merge: boolean;
}

/**
 * Commit.linesChanged is counted for commits that changed fewer files than this (both sources: local git diffs only
 * these, and the GitHub source leaves the others' additions + deletions out so the two agree).
 */
export const LINES_COUNTED_FILES = 3;

/** How many changed paths a source keeps per commit (Commit.paths). */
export const COMMIT_PATHS_KEPT = 20;

export interface RepoHistory {
  /** Newest first (as `git log` prints them). */
  commits: Commit[];
  /** True when the history visible is known to be cut (shallow clone, API page limit). */
  shallow: boolean;
  /** True when `commits` is a window of the newest commits (API source reads at most N). */
  truncated: boolean;
  /** Total commit count when known (API gives it even when only a window is fetched). */
  totalCount: number | null;
  /**
   * A git repository with nothing committed yet: its history is known to be empty (a plain directory's is unknown,
   * and its history rules are not measurable).
   */
  unborn?: boolean;
  /**
   * Why the history could not be read (e.g. "commit history not returned by GitHub"): it is unknown, not empty, and
   * the rules on it are not measurable.
   */
  unavailable?: string;
}

/** Metadata that only a hosting service knows; all optional. */
export interface RepoMetadata {
  fork?: boolean;
  parent?: string;
  archived?: boolean;
  description?: string | null;
  homepage?: string | null;
  topics?: string[];
  defaultBranch?: string;
  stars?: number;
  primaryLanguage?: string | null;
  url?: string;
}

/**
 * The one seam between where a repo comes from and how it is judged.
 * Probes never know whether this is a local checkout or an API response.
 */
export interface RepoSnapshot {
  /** "owner/name" or a local path as given. */
  id: string;
  /** Commit sha of the audited tree, or null (plain directory). */
  commit: string | null;
  /** Every file in the tree, sorted by path. Ignored files (per .gitignore) are not listed. */
  files: FileEntry[];
  history: RepoHistory;
  /**
   * When set, `history` is filled in once this resolves (a local source reading a long `git log` hands over the file
   * list first, so rules on files run meanwhile). Rejects when the history cannot be read. Consumers of `history`
   * await it; auditSnapshot does.
   */
  historyReady?: Promise<void>;
  /**
   * When set, file sizes of 4 GiB and more are exact only once this resolves (a local source takes sizes from git's
   * index, which keeps them modulo 4 GiB, and checks the disk for larger files meanwhile). Never rejects.
   */
  sizesReady?: Promise<void>;
  metadata: RepoMetadata;
  /** Things the source skipped or could not read, with reasons. Grows as files are read. */
  notes: SourceNote[];
  /**
   * Read a file as text. Returns null when missing, binary, an LFS pointer, too large, outside the repo, or unreadable
   * (a note says which). Cached. Only files in `plan` (see `prefetch`) are guaranteed to be readable from remote sources.
   */
  read(path: string): Promise<TextFile | null>;
  /**
   * The first HEAD_BYTES (64 KiB, sources/decode.ts) bytes of a file no larger than MAX_TEXT_BYTES, whatever they are
   * (binary too), or null (missing, larger, outside the repo, unreadable). Lets a probe judge a binary file `read` gives
   * no text for: junk bytes committed as data (committed-data.ts). Cached; absent when the source cannot read bytes.
   */
  head?(path: string): Promise<Uint8Array | null>;
  /**
   * Git blob ids (SHA-1 of the file as git stores it) by path, when the source knows them: a local git repository
   * (`git ls-files -s`), a GitHub tree (entry oids), a memory snapshot (computed). Lets a probe recognise files copied
   * from known repositories without reading them. Absent for a plain directory. With `only`, just the files whose blob
   * id is in it: a probe looking for known files need not have every id of a 100,000-file repository handed over.
   */
  blobIds?(only?: ReadonlySet<string>): Promise<Map<string, string>>;
  /** Tell the source which files will be read, so a remote source can fetch them in bulk. Optional for local sources. */
  prefetch?(paths: string[]): Promise<void>;
}

export interface Evidence {
  path?: string;
  line?: number;
  /** Notebook cell number (from 1, every cell counted) when the evidence is in a notebook. */
  cell?: number;
  /** What matched or what was measured, in plain words. Untrusted text is escaped when rendered. */
  detail: string;
  /**
   * True when this piece of evidence is what is wrong (a link to a missing file, a command left in a sentence, a
   * committed credential); absent when it shows what is there. The Action annotates only problem lines.
   */
  problem?: true;
}

export type Category = 'pipeline' | 'readme' | 'history' | 'engineering' | 'originality';
export const CATEGORIES: Category[] = ['pipeline', 'readme', 'history', 'engineering', 'originality'];

export type Stage = 'data' | 'preprocessing' | 'training' | 'evaluation' | 'deployment';
export const STAGES: Stage[] = ['data', 'preprocessing', 'training', 'evaluation', 'deployment'];

/**
 * What a probe found, as a state rather than a message: the rule passes fully, in part, or not at all; does not apply
 * to this kind of project; could not be measured here (a shallow history, metadata a local checkout does not have);
 * or its probe failed. Renderers, the score and the repo status read this, never the wording of a note.
 */
export type Outcome = 'pass' | 'partial' | 'fail' | 'not-applicable' | 'not-measurable' | 'error';

/** The outcome of a measured score: pass at 1, fail at 0, partial between. */
function outcomeOf(score: number): 'pass' | 'partial' | 'fail' {
  return score >= 1 ? 'pass' : score <= 0 ? 'fail' : 'partial';
}

/** A measured result, its outcome following from its score (pass at 1, fail at 0, partial between). */
export function measured(r: Omit<ProbeResult, 'outcome'>): ProbeResult {
  return { outcome: outcomeOf(r.score), ...r };
}

/** What a probe returns for one rule. */
export interface ProbeResult {
  /**
   * pass / partial / fail for a measured score (outcomeOf); not-measurable leaves the rule out of the score (e.g.
   * history of a shallow clone); not-applicable scores it 0 with the advice replaced (the pipeline of a repo that is
   * not ML), or with `leftOut` leaves it out of the score (the training stage of an LLM app that trains nothing); error: the probe failed (set by the auditor).
   */
  outcome: Outcome;
  /** 0..1 (ignored when not measurable). */
  score: number;
  evidence: Evidence[];
  /** Why not measurable, or a short explanation shown next to the score. */
  note?: string;
  /** Advice that fits this repo's kind better than the rule's own `remediation` (e.g. RL evaluation episodes). */
  remediation?: string;
  /** With not-applicable: left out of the score instead of scored 0 (a stage the project's kind does not have). */
  leftOut?: true;
  /**
   * With not-measurable: the files that could settle the rule could not be read (too large, an LFS pointer, binary,
   * not UTF-8, missing from the checkout or not returned by the host), and the files read do not settle it. Missing
   * data must never beat measured data: the rule counts as `score` (what the files read earn, often 0) until it is
   * measured, and as 1 in what the score can at most become. The paths not read, at most a few, each with why (the
   * source's words: "Git LFS pointer", "61234567 bytes is over the 26214400-byte cap").
   */
  unread?: Array<{ path: string; why: string }>;
}
