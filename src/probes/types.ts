import type { FileEntry, ProbeResult, RepoSnapshot, TextFile } from '../types.js';
import type { ReadmeDoc } from './readme-doc.js';

/** What a probe gets to look at. Built once per repo by the auditor and shared by all probes. */
export interface ProbeContext {
  snapshot: RepoSnapshot;
  /** The snapshot's files minus the user's configured `exclude` globs. Probes use this, not snapshot.files. */
  files: FileEntry[];
  /** Files whose path matches any of the globs (picomatch, dot files included) and none of `exclude`, sorted by path. */
  match(globs: string[], exclude?: string[]): FileEntry[];
  /** Reads a file through the snapshot (cached). Null when unreadable (the snapshot adds a note). */
  read(path: string): Promise<TextFile | null>;
  /** The README at the repo root (any case, .md/.rst/.txt/none), parsed once. Null when there is none. */
  readme(): Promise<ReadmeDoc | null>;
  /** "Now" for recency rules; fixed by the caller so results are deterministic. */
  now: Date;
}

/**
 * A probe is code that gathers one kind of evidence. Rules (YAML data in rules/) name a probe and its params.
 * `paramsSchema` is a JSON Schema; rule files are validated against it on load, so a typo in a rule is an error
 * that names the file and field.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds probes of every params type
export interface Probe<P = any> {
  name: string;
  description: string;
  paramsSchema: Record<string, unknown>;
  /** Gathers the evidence. A probe that throws is caught by the auditor: the rule is not measurable, the repo 'partial'. */
  run(params: P, ctx: ProbeContext): Promise<ProbeResult>;
  /** Globs of files this probe reads for these params, so remote sources can fetch them in one go. */
  reads?(params: P): string[];
  /**
   * Parts of the snapshot these params use that a source may complete later (RepoSnapshot.historyReady,
   * sizesReady): the auditor runs such rules after the others, once those parts are in.
   */
  needs?(params: P): Array<'history' | 'sizes'>;
}
