import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule, RuleSet } from '../rules/load.js';
import { parseYamlText, readYamlFile } from '../rules/load.js';
import { CONFIG_SCHEMA } from '../rules/schema.js';
import { InputFileError, validateOrThrow } from '../rules/validate.js';

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
  return { ...(data as Config), file };
}

/** Validates a config file's text (e.g. a remote repository's own .ml-portfolio-audit.yml, read through the API). */
export function parseConfig(text: string, shownAs: string): Config {
  const data = parseYamlText(text, shownAs) ?? {};
  validateOrThrow(CONFIG_SCHEMA, data, shownAs);
  return { ...(data as Config), file: shownAs };
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
