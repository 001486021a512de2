import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigChange } from '../report/types.js';
import type { Rule, RuleSet } from '../rules/load.js';
import { parseYamlText, readYamlFile } from '../rules/load.js';
import { CONFIG_SCHEMA } from '../rules/schema.js';
import { didYouMean, InputFileError, validationProblems } from '../rules/validate.js';
import { globProblem } from '../probes/glob-gate.js';

export interface Config {
  rules?: Record<string, { weight?: number; enabled?: boolean }>;
  exclude?: string[];
  'fail-under'?: number;
  /** Where it was read from, for messages. */
  file?: string;
}

export const CONFIG_FILE_NAME = '.ml-portfolio-audit.yml';

/**
 * Reads and validates a config file. A broken file is an InputFileError naming the file and every bad field at once;
 * with `rules`, rule ids that do not exist are among them. Unknown keys and ids come with a "did you mean".
 */
export function loadConfig(file: string, rules?: RuleSet): Config {
  if (!existsSync(file)) throw new InputFileError(file, ['config file does not exist']);
  if (!statSync(file).isFile()) throw new InputFileError(file, ['is a folder, not a config file (give the path of a .ml-portfolio-audit.yml file)']);
  const data = readYamlFile(file) ?? {};
  checkConfig(data, file, rules);
  return { ...(data as Config), file };
}

/** Validates a config file's text (e.g. a remote repository's own .ml-portfolio-audit.yml, read through the API). */
export function parseConfig(text: string, shownAs: string, rules?: RuleSet): Config {
  const data = parseYamlText(text, shownAs) ?? {};
  checkConfig(data, shownAs, rules);
  return { ...(data as Config), file: shownAs };
}

const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA.properties);
const OVERRIDE_KEYS = Object.keys(CONFIG_SCHEMA.properties.rules.additionalProperties.properties);

/** Every problem of a config at once: the schema's, then unknown rule ids; throws InputFileError when there is any. */
function checkConfig(data: unknown, file: string, rules?: RuleSet): void {
  const problems = validationProblems(CONFIG_SCHEMA, data).map((p) => {
    const m = /^(?:rules\.([^:]+)\.)?([^.:]+): unknown field$/.exec(p);
    if (!m) return p;
    return p + didYouMean(m[2], m[1] !== undefined ? OVERRIDE_KEYS : CONFIG_KEYS);
  });
  const overrides = (data as Config | null)?.rules;
  if (rules && overrides && typeof overrides === 'object' && !Array.isArray(overrides)) problems.push(...unknownRules(Object.keys(overrides), rules));
  // Exclude globs the tool cannot use in bounded time (brace bombs, star-heavy segments).
  const excl = (data as Config | null)?.exclude;
  if (Array.isArray(excl)) {
    excl.forEach((g, i) => {
      const p = typeof g === 'string' ? globProblem(g) : null;
      if (p) problems.push(`exclude.${i}: ${p}`);
    });
  }
  if (problems.length) throw new InputFileError(file, problems);
}

function unknownRules(ids: string[], set: RuleSet): string[] {
  const known = set.rules.map((r) => r.id);
  const has = new Set(known);
  return ids
    .filter((id) => !has.has(id))
    .map((id) => `rules.${id}: no such rule${didYouMean(id, known) || ` (see rules/ for the ids, e.g. ${known.slice(0, 3).join(', ')})`}`);
}

/** The repo's own .ml-portfolio-audit.yml, if it has one. */
export function findRepoConfig(repoDir: string): string | null {
  const f = join(repoDir, CONFIG_FILE_NAME);
  return existsSync(f) ? f : null;
}

/** Applies weight overrides and disabled rules. Unknown rule ids are an error (a typo would silently do nothing). */
export function applyConfig(set: RuleSet, config: Config | undefined): RuleSet {
  if (!config?.rules) return set;
  const unknown = unknownRules(Object.keys(config.rules), set);
  if (unknown.length) throw new InputFileError(config.file ?? 'config', unknown);
  const rules: Rule[] = [];
  for (const r of set.rules) {
    const o = config.rules[r.id];
    if (o?.enabled === false || o?.weight === 0) continue;
    rules.push(o?.weight !== undefined ? { ...r, weight: o.weight } : r);
  }
  return { ...set, rules };
}

/**
 * What a config changes against the standard audit: rules turned off, weights changed, paths left out (with how many
 * files each glob leaves out). A config with none of these (only `fail-under`) changes no score.
 */
export function configChanges(base: RuleSet, config: Config | undefined, count: (glob: string) => number): ConfigChange[] {
  if (!config) return [];
  const out: ConfigChange[] = [];
  for (const r of base.rules) {
    const o = config.rules?.[r.id];
    if (!o) continue;
    if (o.enabled === false || o.weight === 0) out.push({ change: 'disabled', rule: r.id });
    else if (o.weight !== undefined && o.weight !== r.weight) out.push({ change: 'weight', rule: r.id, from: r.weight, to: o.weight });
  }
  for (const glob of config.exclude ?? []) out.push({ change: 'exclude', glob, files: count(glob) });
  return out;
}

/** The changes in a few words: "22 rules turned off; 1 weight changed; 2 exclude globs (14 files left out)". */
export function changesSummary(changes: ConfigChange[]): string {
  const n = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;
  const off = changes.filter((c) => c.change === 'disabled').length;
  const weights = changes.filter((c) => c.change === 'weight').length;
  const ex = changes.filter((c): c is Extract<ConfigChange, { change: 'exclude' }> => c.change === 'exclude');
  const files = ex.reduce((t, c) => t + c.files, 0);
  return [
    off ? `${n(off, 'rule')} turned off` : '',
    weights ? `${n(weights, 'weight')} changed` : '',
    ex.length ? `${n(ex.length, 'exclude glob')} (${n(files, 'file')} left out)` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Notes for exclude globs that leave out nothing and look like a .gitignore habit ("vendor", "/data/", "*.csv"), with
 * the likely fix: globs match whole paths, as picomatch reads them. A well-formed glob that matches nothing here
 * ("**\/node_modules/**" in a shared config) is not worth a note.
 */
export function excludeHints(config: Config | undefined, matches: (glob: string) => boolean): string[] {
  if (!config) return [];
  const from = `config ${config.file ?? ''}`.trim();
  const out: string[] = [];
  for (const g of config.exclude ?? []) {
    const hint = excludeHint(g);
    if (hint && !matches(g)) out.push(`${from}: exclude "${g}" leaves out no file${hint}`);
  }
  return out;
}

/** The glob a .gitignore habit probably meant. */
function excludeHint(glob: string): string {
  const bare = glob.replace(/^\/+/, '').replace(/\/+$/, '');
  if (!bare) return '';
  if (!/[*?[{]/.test(bare)) return ` (a folder is written "${bare}/**", at any depth "**/${bare}/**"; a file at any depth "**/${bare}")`;
  if (glob.startsWith('/') || glob.endsWith('/')) return ` (globs match paths relative to the repository: try "${bare}${glob.endsWith('/') ? '/**' : ''}")`;
  if (!bare.includes('/')) return ` (without a folder part it matches top-level files only: try "**/${bare}")`;
  return '';
}
