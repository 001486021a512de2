import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { PROBES } from '../probes/index.js';
import type { Category, Stage } from '../types.js';
import { RULE_SCHEMA, SOURCES_SCHEMA } from './schema.js';
import { InputFileError, validateOrThrow } from './validate.js';

export interface Rule {
  id: string;
  title: string;
  category: Category;
  stage?: Stage;
  weight: number;
  criterion: { source: string; quote: string };
  probe: string;
  params: Record<string, unknown>;
  remediation: string;
  cap?: { below: number; max: number };
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

/**
 * Finds the rules/ directory shipped with the tool: walks up from this module's file (src/rules/ when run from
 * source, dist/ or dist/cli/ when bundled) until a folder holds rules/sources.yml. Works wherever the runner unpacks
 * the action or npm installs the package.
 */
export function findRulesDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'rules');
    if (existsSync(join(candidate, 'sources.yml'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the rules/ folder (looked upward from ${from}); reinstall the package`);
    dir = up;
  }
}

/** Parses a YAML file; a syntax error names the file, line and column. */
export function readYamlFile(file: string, shownAs: string = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputFileError(shownAs, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      throw new InputFileError(shownAs, [
        `invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${e.message.split('\n')[0]}`,
      ]);
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

/** Loads and validates every rule under `dir` (default: the shipped rules/). Throws InputFileError on the first bad file. */
export function loadRules(dir: string = findRulesDir()): RuleSet {
  const sourcesFile = join(dir, 'sources.yml');
  const sources = readYamlFile(sourcesFile, relative(process.cwd(), sourcesFile) || sourcesFile);
  validateOrThrow(SOURCES_SCHEMA, sources, sourcesFile);
  const guides = (sources as { guides: Guide[] }).guides;
  const guideIds = new Set(guides.map((g) => g.id));
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const rel of listYaml(dir)) {
    const abs = join(dir, rel);
    const shown = `rules/${rel}`;
    const data = readYamlFile(abs, shown);
    validateOrThrow(RULE_SCHEMA, data, shown);
    const r = data as Omit<Rule, 'file'>;
    const problems: string[] = [];
    const expectedId = basename(rel).replace(/\.ya?ml$/, '');
    if (r.id !== expectedId) problems.push(`id: "${r.id}" must match the file name "${expectedId}"`);
    const folder = rel.split('/')[0];
    if (rel.includes('/') && folder !== r.category) problems.push(`category: "${r.category}" must match the folder "${folder}"`);
    if (!guideIds.has(r.criterion.source))
      problems.push(`criterion.source: "${r.criterion.source}" is not a guide in rules/sources.yml (known: ${[...guideIds].join(', ')})`);
    if (r.category === 'pipeline' && !r.stage) problems.push('stage: pipeline rules must name the stage they detect');
    const probe = PROBES[r.probe];
    if (!probe) problems.push(`probe: "${r.probe}" is not a probe (known: ${Object.keys(PROBES).sort().join(', ')})`);
    if (seen.has(r.id)) problems.push(`id: "${r.id}" is also used by ${seen.get(r.id)}`);
    if (problems.length) throw new InputFileError(shown, problems);
    validateOrThrow(probe!.paramsSchema, r.params, shown, 'params');
    seen.set(r.id, shown);
    rules.push({ ...r, file: rel });
  }
  if (rules.length === 0) throw new InputFileError(dir, ['no rule files (*.yml) found']);
  return { dir, rules, guides };
}
