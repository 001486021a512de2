import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigChange } from '../report/types.js';
import type { Rule, RuleSet } from '../rules/load.js';
import { parseYamlText, readYamlFile } from '../rules/load.js';
import { CONFIG_SCHEMA } from '../rules/schema.js';
import { InputFileError, validateOrThrow } from '../rules/validate.js';
import { globProblem } from '../probes/glob-gate.js';

export interface Config {
  rules?: Record<string, { weight?: number; enabled?: boolean }>;
  exclude?: string[];
  'fail-under'?: number;
  /** Where it was read from, for messages. */
  file?: string;
}

export const CONFIG_FILE_NAME = '.ml-portfolio-audit.yml';

/** Reads and validates a config file. A broken file is an InputFileError naming the file and field. */
export function loadConfig(file: string): Config {
  if (!existsSync(file)) throw new InputFileError(file, ['config file does not exist']);
  if (!statSync(file).isFile()) throw new InputFileError(file, ['is a folder, not a config file (give the path of a .ml-portfolio-audit.yml file)']);
  const data = readYamlFile(file) ?? {};
  validateOrThrow(CONFIG_SCHEMA, data, file);
  checkGlobs(data as Config, file);
  return { ...(data as Config), file };
}

/** Validates a config file's text (e.g. a remote repository's own .ml-portfolio-audit.yml, read through the API). */
export function parseConfig(text: string, shownAs: string): Config {
  const data = parseYamlText(text, shownAs) ?? {};
  validateOrThrow(CONFIG_SCHEMA, data, shownAs);
  checkGlobs(data as Config, shownAs);
  return { ...(data as Config), file: shownAs };
}

/** A config's exclude globs must be ones the tool can use in bounded time: an error names the file and the glob. */
function checkGlobs(config: Config, file: string): void {
  const problems = (config.exclude ?? []).flatMap((g, i) => {
    const p = globProblem(g);
    return p ? [`exclude.${i}: ${p}`] : [];
  });
  if (problems.length) throw new InputFileError(file, problems);
}

/** The repo's own .ml-portfolio-audit.yml, if it has one. */
export function findRepoConfig(repoDir: string): string | null {
  const f = join(repoDir, CONFIG_FILE_NAME);
  return existsSync(f) ? f : null;
}

/** Applies weight overrides and disabled rules. Unknown rule ids are an error (a typo would silently do nothing). */
export function applyConfig(set: RuleSet, config: Config | undefined): RuleSet {
  if (!config?.rules) return set;
  const known = new Set(set.rules.map((r) => r.id));
  const unknown = Object.keys(config.rules).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new InputFileError(
      config.file ?? 'config',
      unknown.map((id) => `rules.${id}: no such rule (see rules/ for the ids, e.g. ${[...known].slice(0, 3).join(', ')})`),
    );
  }
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
