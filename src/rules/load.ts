import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import yaml from 'js-yaml';
import { globProblem } from '../probes/glob-gate.js';
import { PROBES, SPLIT_FAMILIES } from '../probes/index.js';
import { withDefaults, type ProbeRegistry } from '../probes/types.js';
import type { Category, Stage } from '../types.js';
import type { PortfolioFlagKind } from '../report/types.js';
import type { ProjectFamily } from '../probes/project-kind.js';
import { RULE_SCHEMA, SOURCES_SCHEMA } from './schema.js';
import type { FixKind } from './fixes.js';
import { InputFileError, validateOrThrow } from './validate.js';
import { exampleProblems, type RuleExamples } from './examples.js';
import { findRulesDir } from './dir.js';
import { VALIDATED_RULES } from './validated.js';

export interface Rule {
  id: string;
  title: string;
  category: Category;
  stage?: Stage;
  weight: number;
  criterion: { source: string; quote: string };
  probe: string;
  /** The params `run` gets: the rule file's over the probe's defaults (merged by the loader). */
  params: Record<string, unknown>;
  /** The params as the rule file gives them (what the docs show as "this rule"). */
  declaredParams: Record<string, unknown>;
  remediation: string;
  /** The remediation in the project's own language when that is not Python (Java, JavaScript, R, MATLAB…). */
  remediationByLanguage?: Record<string, string>;
  /** The remediation for a kind of project whose work differs (a reinforcement-learning agent, an LLM app). */
  remediationByKind?: Partial<Record<ProjectFamily, string>>;
  /** What a person does to fix it ("rewrite the README"): the fix-first list groups rules by it. */
  fix: FixKind;
  cap?: { below: number; max: number; keep?: number };
  /**
   * The other rules of its category read what this rule checks (the README): while it scores 0, its fix is worth up
   * to the whole category, and theirs wait for it (nextActions).
   */
  gate?: boolean;
  /** Small repositories on which the rule passes and fails: its tests (test/rules/examples.test.ts) and its docs. */
  examples?: RuleExamples;
  /** Portfolio flags this rule raises when it scores below 0.5 (tutorial copy, fork, one-shot upload…). */
  flags?: PortfolioFlagKind[];
  /** Path of the rule file, relative to the rules directory. */
  file: string;
}

export interface Guide {
  id: string;
  title: string;
  author: string;
  date: string;
}

export interface RuleSet {
  dir: string;
  rules: Rule[];
  guides: Guide[];
}

export { findRulesDir };

/** Parses a YAML file; a syntax error names the file, line and column. */
export function readYamlFile(file: string, shownAs: string = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputFileError(shownAs, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  return parseYamlText(text, shownAs);
}

/** Parses YAML text; a syntax error names the file, line and column. */
export function parseYamlText(text: string, shownAs: string): unknown {
  try {
    // YAML 1.2 core schema: no dates or other types conjured from plain scalars; duplicate keys are an error.
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: shownAs });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const m = e.mark;
      throw new InputFileError(shownAs, [`invalid YAML${m ? ` at line ${m.line + 1}, column ${m.column + 1}` : ''}: ${e.reason}`]);
    }
    throw e;
  }
}

function listYaml(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => /\.ya?ml$/.test(f) && basename(f) !== 'sources.yml')
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/**
 * Every `regex` / `contains` string in a rule's params must compile (with its sibling `flags`), so a typo in a
 * pattern is a load error naming the field instead of a rule that silently scores 0.
 */
function invalidRegexes(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => invalidRegexes(v, `${path}.${i}`));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'regex' || k === 'contains') && typeof v === 'string') {
      try {
        new RegExp(v, typeof o.flags === 'string' ? o.flags.replace(/[gy]/g, '') : '');
      } catch (e) {
        out.push(`${path}.${k}: invalid regular expression (${(e as Error).message})`);
      }
    } else out.push(...invalidRegexes(v, `${path}.${k}`));
  }
  return out;
}

const GLOB_KEYS = new Set(['glob', 'globs', 'exclude', 'prefer']);

/** Every glob in a rule's params (`glob`, `globs`, `exclude`, `prefer`, at any depth) must be one picomatch reads in bounded time. */
function invalidGlobs(value: unknown, path: string, isGlob = false): string[] {
  if (typeof value === 'string') {
    const p = isGlob ? globProblem(value) : null;
    return p ? [`${path}: ${p}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => invalidGlobs(v, `${path}.${i}`, isGlob));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => invalidGlobs(v, `${path}.${k}`, GLOB_KEYS.has(k)));
}

/**
 * A rule in the form before probes were split (`probe: readme` + `check: dataset`): what to write instead, naming the
 * new probe when the old param names one.
 */
function splitFamilyProblem(family: string, params: Record<string, unknown>, probes: ProbeRegistry): string {
  const key = SPLIT_FAMILIES[family]!;
  const value = params?.[key];
  const members = Object.keys(probes)
    .filter((n) => n.startsWith(`${family}-`))
    .sort();
  const target = typeof value === 'string' ? `${family}-${value}` : undefined;
  if (target && Object.hasOwn(probes, target))
    return `probe: probe '${family}' with ${key} '${value}' is now probe '${target}': write "probe: ${target}" and drop "${key}:" from params (its other params stay)`;
  return `probe: probe '${family}' is now one probe per ${key}${typeof value === 'string' ? ` ('${value}' is none of them)` : ''}: ${members.join(', ')}; name one in "probe:" and drop "${key}:" from params`;
}

export interface LoadRulesOptions {
  /** The rules folder (default: the shipped rules/). */
  dir?: string;
  /** The probes rules may name (default: the built-in PROBES). */
  probes?: ProbeRegistry;
  /**
   * Check every file against the schemas even when the folder is one known to pass them (VALIDATED_RULES): the test
   * that keeps src/rules/validated.ts current, and `npm run docs`, which writes it.
   */
  validate?: 'always';
  /**
   * false: without the rules' `examples` (their tests and docs: more than half of the shipped YAML), which an audit
   * never reads. The audit's load (src/run.ts): less to parse in every process (~0.1 s of a CLI run's ~0.3 s load) and
   * less to send to each audit worker. A folder known to pass the checks (VALIDATED_RULES) is parsed without its
   * `examples:` blocks; another is read whole, checked, and its examples left out.
   */
  examples?: boolean;
}

/**
 * What a folder's validation depends on: the names and bytes of its YAML files (folderSignature) and the schemas
 * they are checked against (rule, sources, each probe's params). Equal to VALIDATED_RULES: the folder passed every
 * check of the loader when `npm run docs` last ran (the shipped rules/), so a load can skip the checks that cannot
 * fail on it (ajv's compile of ~40 schemas and their validation, the patterns' and globs' compiles: about two thirds
 * of a first load's ~190 ms).
 */
function validationKey(folder: string, probes: ProbeRegistry): string {
  const schemas = JSON.stringify([RULE_SCHEMA, SOURCES_SCHEMA, Object.keys(probes).sort().map((k) => [k, probes[k]!.paramsSchema])]);
  return createHash('sha1').update(folder).update('\0').update(schemas).digest('hex');
}

/** The validation key of a rules folder (see VALIDATED_RULES); null when its files cannot be read. */
export function rulesValidationKey(dir: string, probes: ProbeRegistry = PROBES): string | null {
  const folder = folderSignature(dir);
  return folder === null ? null : validationKey(folder, probes);
}

/**
 * Loads and validates every rule under `dir` (default: the shipped rules/) against the probes of `probes` (default:
 * the built-in ones), and merges each probe's param defaults into the rule's params. Throws InputFileError on the
 * first bad file. A string is the folder.
 *
 * The set is read-only (deeply frozen: a change throws), and a folder loaded before in this process whose YAML files
 * are unchanged (same names, same bytes: a hash of them, ~1 ms) is not parsed and validated again (~40 ms of CPU a
 * load: the YAML, the schemas, the patterns): the same set is returned. A process that audits many times (the
 * Action's head and base, a test run: ~300 loads) parses each folder once, and the audit workers, which keep the last
 * set they were sent (src/audit-pool.ts compares the object), get it once; a rule file edited in between is read
 * again. A caller that needs other rules builds a new set (config/load.ts `applyConfig`).
 */
export function loadRules(options: string | LoadRulesOptions = {}): RuleSet {
  const { dir = findRulesDir(), probes = PROBES, validate, examples = true } = typeof options === 'string' ? { dir: options } : options;
  const signature = folderSignature(dir);
  const byDir = loaded.get(probes) ?? new Map<string, { signature: string; set: RuleSet }>();
  loaded.set(probes, byDir);
  const key = `${resolve(dir)}\0${dir}\0${examples}`;
  const kept = signature === null || validate === 'always' ? undefined : byDir.get(key);
  if (kept && kept.signature === signature) return kept.set;
  const trusted = validate !== 'always' && signature !== null && validationKey(signature, probes) === VALIDATED_RULES;
  const set = deepFreeze(readRules(dir, probes, trusted, examples));
  if (signature !== null) byDir.set(key, { signature, set });
  return set;
}

/** `value`, with every object and array under it frozen (rule sets are plain data: objects, arrays, strings, numbers). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Rule sets loaded in this process, by probe registry and folder, with the signature of the files they came from. */
const loaded = new WeakMap<ProbeRegistry, Map<string, { signature: string; set: RuleSet }>>();

/** A hash of the names and contents of the folder's YAML files; null when they cannot be read (the load says why). */
function folderSignature(dir: string): string | null {
  try {
    const hash = createHash('sha1');
    for (const rel of ['sources.yml', ...listYaml(dir)]) hash.update(`${rel}\0`).update(readFileSync(join(dir, rel))).update('\0');
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * A rule file's text without its top-level `examples:` block: the lines from `examples:` to the next top-level line
 * (one that starts with neither a space nor a comment), or to the end. Only for a folder known to pass the checks
 * (its files are the shipped ones: test/engine/rules-load.test.ts compares this with a whole parse of each).
 */
export function withoutExamplesBlock(text: string): string {
  const start = /^examples:/m.exec(text);
  if (!start) return text;
  const rest = text.slice(start.index);
  const next = /\n(?=[^\s#])/.exec(rest);
  return text.slice(0, start.index) + (next ? rest.slice(next.index + 1) : '');
}

/**
 * `trusted`: the folder is one known to pass the schema, pattern and glob checks (see validationKey); they are skipped.
 * `examples` false: the rules come without their examples (LoadRulesOptions).
 */
function readRules(dir: string, probes: ProbeRegistry, trusted: boolean, examples = true): RuleSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputFileError(dir, ['not a folder of rules (give a folder with sources.yml and <category>/<id>.yml files, like the shipped rules/)']);
  }
  const sourcesFile = join(dir, 'sources.yml');
  if (!existsSync(sourcesFile)) {
    throw new InputFileError(dir, ['no sources.yml: a rules folder lists the guides its rules cite in sources.yml (copy the shipped rules/sources.yml)']);
  }
  const sources = readYamlFile(sourcesFile, relative(process.cwd(), sourcesFile) || sourcesFile);
  if (!trusted) validateOrThrow(SOURCES_SCHEMA, sources, sourcesFile);
  const guides = (sources as { guides: Guide[] }).guides;
  // Messages name the shipped rules as rules/…, a custom folder by its own path.
  let shownDir = dir;
  try {
    if (dir === findRulesDir()) shownDir = 'rules';
    else shownDir = relative(process.cwd(), dir) || dir;
  } catch {
    shownDir = relative(process.cwd(), dir) || dir;
  }
  const guideIds = new Set(guides.map((g) => g.id));
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const rel of listYaml(dir)) {
    const abs = join(dir, rel);
    const shown = `${shownDir}/${rel}`;
    const data = trusted && !examples ? parseYamlText(withoutExamplesBlock(readFileSync(abs, 'utf8')), shown) : readYamlFile(abs, shown);
    if (!trusted) validateOrThrow(RULE_SCHEMA, data, shown);
    const r = data as Omit<Rule, 'file' | 'declaredParams'>;
    const { examples: ruleExamples, ...withoutExamples } = r;
    const problems: string[] = [];
    const expectedId = basename(rel).replace(/\.ya?ml$/, '');
    if (r.id !== expectedId) problems.push(`id: "${r.id}" must match the file name "${expectedId}"`);
    const folder = rel.split('/')[0];
    if (rel.includes('/') && folder !== r.category) problems.push(`category: "${r.category}" must match the folder "${folder}"`);
    if (!guideIds.has(r.criterion.source))
      problems.push(`criterion.source: "${r.criterion.source}" is not a guide in rules/sources.yml (known: ${[...guideIds].join(', ')})`);
    if (r.category === 'pipeline' && !r.stage) problems.push('stage: pipeline rules must name the stage they detect');
    if (r.category !== 'pipeline' && r.stage) problems.push(`stage: only pipeline rules detect a stage (this rule is in "${r.category}")`);
    const probe = Object.hasOwn(probes, r.probe) ? probes[r.probe] : undefined;
    if (!probe && Object.hasOwn(SPLIT_FAMILIES, r.probe)) problems.push(splitFamilyProblem(r.probe, r.params, probes));
    else if (!probe) problems.push(`probe: "${r.probe}" is not a probe (known: ${Object.keys(probes).sort().join(', ')})`);
    if (ruleExamples) problems.push(...exampleProblems(ruleExamples));
    if (seen.has(r.id)) problems.push(`id: "${r.id}" is also used by ${seen.get(r.id)}`);
    if (problems.length) throw new InputFileError(shown, problems);
    const params = withDefaults(probe!, r.params) as Record<string, unknown>;
    if (!trusted) {
      validateOrThrow(probe!.paramsSchema, params, shown, 'params');
      const badRegex = [...invalidRegexes(r.params, 'params'), ...invalidGlobs(r.params, 'params')];
      if (badRegex.length) throw new InputFileError(shown, badRegex);
    }
    seen.set(r.id, shown);
    rules.push({ ...(examples ? r : withoutExamples), params, declaredParams: r.params, file: rel });
  }
  if (rules.length === 0) throw new InputFileError(dir, ['no rule files (*.yml) found']);
  return { dir, rules, guides };
}
