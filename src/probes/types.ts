import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FileEntry, ProbeResult, RepoSnapshot, TextFile } from '../types.js';
import type { ReadmeDoc } from './readme-doc.js';
import type { RepoFacts } from '../facts/index.js';

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
  /** What is known of the repo before any rule asks (languages, manifests, code lines, notebooks, vendored files): src/facts/. */
  facts: RepoFacts;
  /**
   * The result of a rule this audit ran before (its full evidence, after the project kind qualified it), by id, for
   * a probe that declares the rule in `readsRules`; undefined when that rule was not run.
   */
  ruleResult?(id: string): ProbeResult | undefined;
}

/**
 * A probe is code that answers one question about a repository. Rules (YAML data in rules/) name a probe and its
 * params. `paramsSchema` is the params' one declaration (a TypeBox schema): it is the JSON Schema rule files are
 * validated against on load (a typo in a rule is an error that names the file and field), the TypeScript type of
 * `run`'s params (`Static<>`), and the defaults (`default:`), which the loader merges in before `run` sees them.
 */
export interface Probe<S extends TSchema = TSchema> {
  name: string;
  description: string;
  paramsSchema: S;
  /** Gathers the evidence. A probe that throws is caught by the auditor: the rule's outcome is 'error', the repo 'partial'. */
  run(params: Static<S>, ctx: ProbeContext): Promise<ProbeResult>;
  /** Globs of files this probe reads for these params, so remote sources can fetch them in one go. */
  reads?(params: Static<S>): string[];
  /**
   * Parts of the snapshot these params use that a source may complete later (RepoSnapshot.historyReady,
   * sizesReady): the auditor runs such rules after the others, once those parts are in.
   */
  needs?(params: Static<S>): Array<'history' | 'sizes'>;
  /**
   * Rules whose results these params read through `ctx.ruleResult` (the stage rules): the auditor runs this rule after
   * every other one, and a rule's examples run it with those rules.
   */
  readsRules?(params: Static<S>): string[];
}

/** Probes by the name rules use in their `probe:` field. The rule loader and the auditor take one (default: PROBES). */
export type ProbeRegistry = Readonly<Record<string, Probe>>;

/** Declares a probe; its params type is inferred from its schema. */
export function defineProbe<S extends TSchema>(probe: Probe<S>): Probe<S> {
  return probe;
}

/**
 * The params a probe's `run` gets: the rule's own over the schema's defaults (a copy; `params` is not changed).
 * The rule loader does this once per rule; tests that call a probe directly use it too.
 */
export function withDefaults<S extends TSchema>(probe: Probe<S>, params: unknown): Static<S> {
  return Value.Default(probe.paramsSchema, structuredClone(params ?? {})) as Static<S>;
}

/** Runs a probe on params as a rule file may write them (defaults left out): merges the defaults, then runs. */
export function runWithDefaults<S extends TSchema>(probe: Probe<S>, params: Partial<Static<S>>, ctx: ProbeContext): Promise<ProbeResult> {
  return probe.run(withDefaults(probe, params), ctx);
}
