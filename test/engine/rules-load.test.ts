import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConfig, changesSummary, configChanges, excludeHints, loadConfig } from '../../src/config/load.js';
import { FIX_KINDS } from '../../src/rules/fixes.js';
import { findRulesDir, loadRules, parseYamlText, withoutExamplesBlock, type RuleSet } from '../../src/rules/load.js';
import { Type } from '@sinclair/typebox';
import { PROBES } from '../../src/probes/index.js';
import { defineProbe, type ProbeRegistry } from '../../src/probes/types.js';
import { InputFileError } from '../../src/rules/validate.js';
import { tmpDir } from '../helpers/tmp.js';

/** A copy of the shipped rules in a temp dir, with one file replaced. */
function rulesWith(relPath: string, text: string | ((old: string) => string)): string {
  const dir = join(tmpDir('mlpa-rules-'), 'rules');
  cpSync(findRulesDir(), dir, { recursive: true });
  const file = join(dir, relPath);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    /* new file */
  }
  writeFileSync(file, typeof text === 'string' ? text : text(old));
  return dir;
}

function errorOf(fn: () => unknown): InputFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputFileError) return e;
    throw e;
  }
  throw new Error('expected an InputFileError');
}

const shipped = loadRules();
const sample = shipped.rules.find((r) => r.category === 'pipeline')!;
const samplePath = sample.file;

describe('loadRules', () => {
  it('loads the shipped rules with weights per category', () => {
    expect(shipped.rules.length).toBeGreaterThanOrEqual(20);
    const cats = new Set(shipped.rules.map((r) => r.category));
    expect([...cats].sort()).toEqual(['engineering', 'history', 'originality', 'pipeline', 'readme']);
  });

  it('names file, line and column for broken YAML', () => {
    const e = errorOf(() => loadRules(rulesWith('pipeline/broken.yml', 'id: [unclosed\n')));
    expect(e.message).toMatch(/rules\/pipeline\/broken\.yml: invalid YAML at line \d+, column \d+/);
  });

  it('names an unknown field and a missing one', () => {
    const e = errorOf(() => loadRules(rulesWith(samplePath, (t) => t.replace(/^title:.*$/m, 'titel: Typo'))));
    expect(e.message).toContain(`rules/${samplePath}`);
    expect(e.message).toContain('titel: unknown field');
    expect(e.message).toContain('title: required field is missing');
  });

  it('lists the allowed values for an enum field', () => {
    const e = errorOf(() => loadRules(rulesWith(samplePath, (t) => t.replace(/^stage:.*$/m, 'stage: modelling'))));
    expect(e.message).toMatch(/stage: must be one of "data", "preprocessing", "training", "evaluation", "deployment"/);
  });

  it('every rule names the action that fixes it (fix:), one of the fix-first groups; a missing or unknown one is a load error', () => {
    for (const r of shipped.rules) expect(FIX_KINDS, r.id).toContain(r.fix);
    // Every action has rules, so no group title is dead text; not-ml is the audit's own (the pipeline of a repo that is
    // not ML), never a rule file's.
    expect(FIX_KINDS.filter((k) => !shipped.rules.some((r) => r.fix === k))).toEqual(['not-ml']);
    const missing = errorOf(() => loadRules(rulesWith(samplePath, (t) => t.replace(/^fix:.*\n/m, ''))));
    expect(missing.message).toContain('fix: required field is missing');
    const unknown = errorOf(() => loadRules(rulesWith(samplePath, (t) => t.replace(/^fix:.*$/m, 'fix: rewrite-everything'))));
    expect(unknown.message).toMatch(/fix: must be one of "original", "readme", .*"history"/);
  });

  it('rejects a guide that is not in sources.yml, a wrong id and an unknown probe', () => {
    const e = errorOf(() =>
      loadRules(
        rulesWith(samplePath, (t) =>
          t.replace(/^id:.*$/m, 'id: other-id').replace(/^ {2}source:.*$/m, '  source: some-blog').replace(/^probe:.*$/m, 'probe: magic'),
        ),
      ),
    );
    expect(e.message).toContain('must match the file name');
    expect(e.message).toContain('criterion.source: "some-blog" is not a guide in rules/sources.yml');
    expect(e.message).toContain('probe: "magic" is not a probe');
  });

  it('rejects a regular expression that does not compile, naming the field', () => {
    const e = errorOf(() => loadRules(rulesWith('pipeline/stage-data.yml', (t) => t.replace(/^(\s*- regex: ).*$/m, "$1'(unclosed'"))));
    expect(e.message).toMatch(/stage-data\.yml: params\.[\w.]*regex: invalid regular expression/);
  });

  it('says what a rules folder needs when --rules points at the wrong folder', () => {
    const empty = tmpDir('mlpa-norules-');
    expect(errorOf(() => loadRules(empty)).message).toMatch(/no sources\.yml: a rules folder lists the guides/);
    expect(errorOf(() => loadRules(join(empty, 'nope'))).message).toMatch(/not a folder of rules/);
  });

  it('rejects a rule glob whose braces expand past the limit, naming the file and the field, in bounded time', () => {
    const bomb = `**/${'{a,{b,{c,d}}}'.repeat(20)}.py`;
    const t = performance.now();
    const e = errorOf(() => loadRules(rulesWith('pipeline/stage-data.yml', (x) => x.replace(/^params:\s*$/m, `params:\n  exclude: ["${bomb}"]`))));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(e.message).toMatch(/stage-data\.yml: params\.exclude\.0: ".*\.\.\." has braces that expand to more than 1000 globs/);
  });

  it("validates params against the probe's schema", () => {
    const e = errorOf(() => loadRules(rulesWith(samplePath, (t) => t.replace(/^params:\s*$/m, 'params:\n  no_such_param: 1'))));
    expect(e.message).toContain('params.no_such_param: unknown field');
  });

  it("merges the probe's param defaults into a rule's params, and keeps what the file declared apart", () => {
    const license = shipped.rules.find((r) => r.id === 'license-file')!;
    expect(license.declaredParams).not.toHaveProperty('expect');
    // paths: expect, min, tolerate, countBy come from the schema's defaults; what the file sets wins.
    expect(license.params).toMatchObject({ expect: 'present', min: 1, tolerate: 0, countBy: 'file', nocase: true, minBytes: 200 });
  });

  it('a rule in the form before the probes were split (probe: readme + check:) fails, naming the probe to use', () => {
    const old = (probe: string, params: string) => (t: string) => t.replace(/^probe:.*$/m, `probe: ${probe}`).replace(/^params:[\s\S]*?(?=^\S)/m, `params:\n${params}\n`);
    const readme = errorOf(() => loadRules(rulesWith('readme/readme-dataset.yml', old('readme', '  check: dataset'))));
    expect(readme.message).toContain(`rules/readme/readme-dataset.yml: probe: probe 'readme' with check 'dataset' is now probe 'readme-dataset'`);
    expect(readme.message).toContain('drop "check:" from params');
    const history = errorOf(() => loadRules(rulesWith('history/history-span.yml', old('history', '  metric: span\n  zero: 1\n  full: 30'))));
    expect(history.message).toContain(`probe 'history' with metric 'span' is now probe 'history-span'`);
    const fork = errorOf(() => loadRules(rulesWith('originality/not-a-fork.yml', old('metadata', '  check: fork'))));
    expect(fork.message).toContain(`probe 'metadata' with check 'fork' is now probe 'metadata-fork'`);
    // A value that names no probe: the message lists the probes the family became.
    const typo = errorOf(() => loadRules(rulesWith('engineering/dependencies-pinned.yml', old('dependencies', '  check: pinnned'))));
    expect(typo.message).toContain(`probe 'dependencies' is now one probe per check ('pinnned' is none of them): dependencies-manifest, dependencies-pinned, dependencies-uses`);
  });

  it('takes the probe registry it checks rules against', () => {
    const probes = Object.fromEntries(Object.entries(PROBES).filter(([name]) => name !== 'paths'));
    const e = errorOf(() => loadRules({ probes }));
    expect(e.message).toMatch(/probe: "paths" is not a probe \(known: [^)]*\bcode\b/);
    // A registry with a probe of its own: its defaults are merged too.
    const extra = defineProbe({
      name: 'paths',
      description: 'test double',
      paramsSchema: Type.Object({ globs: Type.Array(Type.String()), answer: Type.Integer({ default: 42 }) }),
      async run() {
        return { outcome: 'pass' as const, score: 1, evidence: [] };
      },
    });
    const set = loadRules({ probes: { ...PROBES, paths: extra } as ProbeRegistry });
    expect(set.rules.find((r) => r.id === 'no-large-files')!.params).toMatchObject({ globs: ['**'], answer: 42 });
    expect(set.rules.find((r) => r.id === 'ci-workflow')!.params).not.toHaveProperty('answer');
  });
});

describe('loadRules of a folder it loaded before', () => {
  it('gives the same read-only rule set: a change throws, and the next load is as it was', () => {
    const dir = rulesWith('sources.yml', (old) => old); // a folder of its own, loaded twice here
    const first = loadRules(dir);
    const asLoaded = JSON.stringify(first);
    const second = loadRules(dir);
    // The same object, so the audit workers that have it are not sent it again (src/audit-pool.ts).
    expect(second).toBe(first);
    expect(() => {
      first.rules[0].weight = 99;
    }).toThrow(TypeError);
    expect(() => {
      (first.rules[0].params as Record<string, unknown>).added = true;
    }).toThrow(TypeError);
    expect(() => first.rules.pop()).toThrow(TypeError);
    expect(() => (first.rules[0].criterion.quote = '')).toThrow(TypeError);
    const third = loadRules(dir);
    expect(JSON.stringify(third)).toBe(asLoaded);
    // A new set from it (a config's weights) is an ordinary object.
    expect(applyConfig(third, { rules: { [third.rules[0].id]: { weight: 2 } } }).rules[0].weight).toBe(2);
  });

  it('reads a file edited since (same size too) again, and an edit that breaks it is a load error', () => {
    const dir = rulesWith('sources.yml', (old) => old);
    const rel = `${sample.category}/${sample.id}.yml`;
    const before = loadRules(dir).rules.find((r) => r.id === sample.id)!;
    const text = readFileSync(join(dir, rel), 'utf8');
    const weight = /^weight: (\d)$/m.exec(text);
    expect(weight, `${rel} has a one-digit weight`).not.toBeNull();
    const other = weight![1] === '1' ? '2' : '1';
    writeFileSync(join(dir, rel), text.replace(/^weight: \d$/m, `weight: ${other}`));
    expect(loadRules(dir).rules.find((r) => r.id === sample.id)!.weight).toBe(Number(other));
    expect(before.weight).toBe(Number(weight![1]));
    writeFileSync(join(dir, rel), text.replace(/^weight: \d$/m, 'weight: x'));
    expect(errorOf(() => loadRules(dir)).message).toContain(rel);
  });
});

describe('loadRules without the examples (the audit\'s load, src/run.ts)', () => {
  /** The set as a load with examples gives it, each rule without its examples. */
  const stripped = (set: RuleSet) => ({ ...set, rules: set.rules.map(({ examples: _e, ...r }) => r) });

  it('cuts exactly the examples block out of every shipped rule file: the rest parses to the same data', () => {
    const dir = findRulesDir();
    const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.yml') && !f.endsWith('sources.yml'));
    expect(files.length).toBeGreaterThan(20);
    let cut = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const { examples, ...whole } = parseYamlText(text, f) as Record<string, unknown>;
      const short = withoutExamplesBlock(text);
      expect(parseYamlText(short, f), f).toEqual(whole);
      if (examples !== undefined) {
        cut++;
        expect(short.length, f).toBeLessThan(text.length);
      }
    }
    expect(cut).toBeGreaterThan(20);
    // A block followed by other keys, and comments inside it, stay apart.
    expect(withoutExamplesBlock('id: a\nexamples:\n  pass:\n# note\n    - name: x\n\nweight: 2\n')).toBe('id: a\nweight: 2\n');
    expect(withoutExamplesBlock('id: a\n')).toBe('id: a\n');
  });

  it('gives every rule as the whole load does, without its examples, for the shipped folder and for a changed copy', () => {
    expect(loadRules({ examples: false })).toEqual(stripped(loadRules()));
    expect(loadRules({ examples: false }).rules.some((r) => 'examples' in r)).toBe(false);
    // A folder that is not the shipped one is read whole and checked: a broken example is still a load error.
    const changed = rulesWith('sources.yml', (old) => `${old}\n# changed\n`);
    expect(loadRules({ dir: changed, examples: false })).toEqual(stripped(loadRules(changed)));
    const rel = `${sample.category}/${sample.id}.yml`;
    const broken = rulesWith(rel, (old) => old.replace(/^examples:\n/m, 'examples:\n  zzz: []\n'));
    expect(errorOf(() => loadRules({ dir: broken, examples: false })).message).toContain(rel);
  });
});

describe('config', () => {
  const dir = tmpDir('mlpa-config-');
  it('overrides weights and disables rules', () => {
    const f = join(dir, 'ok.yml');
    writeFileSync(f, `rules:\n  ${sample.id}:\n    weight: 1\n  ${shipped.rules[1].id}:\n    enabled: false\n`);
    const set = applyConfig(shipped, loadConfig(f));
    expect(set.rules.find((r) => r.id === sample.id)!.weight).toBe(1);
    expect(set.rules.find((r) => r.id === shipped.rules[1].id)).toBeUndefined();
  });

  it('names the bad field of a broken config', () => {
    const f = join(dir, 'bad.yml');
    writeFileSync(f, `rules:\n  ${sample.id}:\n    weight: heavy\nfail-under: 200\ncolour: red\n`);
    const e = errorOf(() => loadConfig(f));
    expect(e.message).toContain(`rules.${sample.id}.weight: must be number`);
    expect(e.message).toContain('fail-under: must be <= 100');
    expect(e.message).toContain('colour: unknown field');
  });

  it('rejects a folder given as config and empty or negated exclude globs', () => {
    expect(() => loadConfig(dir)).toThrow(/is a folder, not a config file/);
    const f = join(dir, 'exclude.yml');
    writeFileSync(f, 'exclude: ["", "!**/*.py"]\n');
    const e = errorOf(() => loadConfig(f));
    expect(e.message).toContain('exclude.0: must NOT have fewer than 1 characters');
    expect(e.message).toContain('exclude.1: must match pattern');
  });

  it('rejects exclude globs whose braces expand past the limit (flat, nested) and ones picomatch cannot read, naming file and glob', () => {
    const f = join(dir, 'brace-bomb.yml');
    const flat = '{a,b}'.repeat(24);
    const nested = `{${'{x,'.repeat(12)}y${'}'.repeat(12)},z}`.repeat(4);
    writeFileSync(f, `exclude: ["${flat}/**", "${nested}", "**/{1..100000}/**", "**/${'x'.repeat(70_000)}"]\n`);
    const t = performance.now();
    const e = errorOf(() => loadConfig(f));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(e.file).toBe(f);
    expect(e.message).toContain(`exclude.0: "${flat.slice(0, 77)}..." has braces that expand to more than 1000 globs`);
    expect(e.message).toContain('exclude.1: ');
    // A range is one character class for picomatch: no expansion, no error.
    expect(e.message).not.toContain('exclude.2');
    expect(e.message).toMatch(/exclude\.3: "\*\*\/x+\.\.\." is not a glob picomatch can read \(Input length/);
  });

  it('says what a config changed, and which .gitignore-style exclude globs leave out nothing, with the glob meant', () => {
    const f = join(dir, 'notes.yml');
    const off = shipped.rules[1].id;
    writeFileSync(f, `rules:\n  ${sample.id}:\n    weight: ${sample.weight + 1}\n  ${off}:\n    enabled: false\nexclude: ["vendor", "/data/", "*.csv", "docs/**", "**/node_modules/**"]\n`);
    const matching = new Set(['docs/**']);
    const config = loadConfig(f);
    const changes = configChanges(shipped, config, (g) => (matching.has(g) ? 2 : 0));
    expect(changes).toEqual([
      ...[
        { change: 'weight', rule: sample.id, from: sample.weight, to: sample.weight + 1 },
        { change: 'disabled', rule: off },
      ].sort((a, b) => shipped.rules.findIndex((r) => r.id === a.rule) - shipped.rules.findIndex((r) => r.id === b.rule)),
      ...['vendor', '/data/', '*.csv', 'docs/**', '**/node_modules/**'].map((glob) => ({ change: 'exclude', glob, files: glob === 'docs/**' ? 2 : 0 })),
    ]);
    expect(changesSummary(changes)).toBe('1 rule turned off; 1 weight changed; 5 exclude globs (2 files left out)');
    expect(excludeHints(config, (g) => matching.has(g))).toEqual([
      `config ${f}: exclude "vendor" leaves out no file (a folder is written "vendor/**", at any depth "**/vendor/**"; a file at any depth "**/vendor")`,
      `config ${f}: exclude "/data/" leaves out no file (a folder is written "data/**", at any depth "**/data/**"; a file at any depth "**/data")`,
      `config ${f}: exclude "*.csv" leaves out no file (without a folder part it matches top-level files only: try "**/*.csv")`,
    ]);
    expect(configChanges(shipped, undefined, () => 0)).toEqual([]);
    expect(excludeHints(undefined, () => false)).toEqual([]);
  });

  it('rejects an unknown rule id in a config', () => {
    const f = join(dir, 'typo.yml');
    writeFileSync(f, 'rules:\n  pipeline-trainign:\n    weight: 3\n');
    expect(() => applyConfig(shipped, loadConfig(f))).toThrow(/rules\.pipeline-trainign: no such rule/);
  });

  it('reports every problem of a config at once, with "did you mean" for unknown keys and rule ids', () => {
    const f = join(dir, 'many-typos.yml');
    writeFileSync(f, 'exlude: ["data/**"]\nfail-under: 120\nrules:\n  readme-resluts:\n    wieght: 3\n  tests-present:\n    weight: 500\n  zzzz-qqqq: {enabled: false}\n');
    const e = errorOf(() => loadConfig(f, shipped));
    expect(e.problems).toEqual(
      expect.arrayContaining([
        'exlude: unknown field (did you mean "exclude"?)',
        'fail-under: must be <= 100',
        'rules.readme-resluts.wieght: unknown field (did you mean "weight"?)',
        'rules.tests-present.weight: must be <= 100',
        'rules.readme-resluts: no such rule (did you mean "readme-results"?)',
      ]),
    );
    expect(e.problems.find((p) => p.startsWith('rules.zzzz-qqqq'))).toMatch(/no such rule \(see rules\/ for the ids/);
    expect(e.problems).toHaveLength(6);
  });
});

describe('rule flags', () => {
  it('the shipped originality and one-shot rules declare the portfolio flags they raise', () => {
    const flags = Object.fromEntries(shipped.rules.filter((r) => r.flags).map((r) => [r.id, r.flags]));
    expect(flags['not-a-fork']).toEqual(['fork']);
    expect(flags['history-one-shot']).toEqual(['one-shot']);
    for (const r of shipped.rules.filter((x) => x.category === 'originality' && x.id !== 'not-a-fork')) expect(r.flags).toEqual(['tutorial-copy']);
  });

  it('an unknown flag is a load error naming the allowed ones', () => {
    const dir = rulesWith(samplePath, (old) => old.replace(/^weight: (.*)$/m, 'weight: $1\nflags: [tutorial]'));
    expect(errorOf(() => loadRules(dir)).message).toMatch(/flags\.0: must be one of "tutorial-copy", "fork", "one-shot", "archived", "empty"/);
  });
});
