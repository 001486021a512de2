import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildSarif, levelFor, renderSarif, sarifUri } from '../../src/report/sarif.js';
import { buildReport } from '../../src/report/build.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { TOOL_NAME, TOOL_VERSION } from '../../src/version.js';
import { repoReport, reportOf, rule } from '../helpers/fake-github/sample-report.js';
import { tmpDir } from '../helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..', '..');

function validator(schemaFile: string): ValidateFunction {
  // unicodeRegExp off: the official schema's language pattern is not valid with the u flag (ajv's default).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // Ajv 8 reads draft-07; the official file is draft-04, whose only keyword it uses that draft-07 spells differently
  // is the top-level "id" (now "$id"). Its meta-schema URI need not be fetched.
  delete schema.$schema;
  if (typeof schema.id === 'string') {
    schema.$id = schema.id;
    delete schema.id;
  }
  return ajv.compile(schema);
}

const subset = validator(join(ROOT, 'test', 'fixtures', 'sarif-2.1.0-subset.schema.json'));
/** The official SARIF 2.1.0 schema (sarif-2.1.0-rtm.5), as shipped by the devDependency @microsoft/jest-sarif. */
const OFFICIAL = process.env.MLPA_SARIF_SCHEMA ?? join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const official = existsSync(OFFICIAL) ? validator(OFFICIAL) : null;

function expectValid(log: unknown): void {
  expect(subset(log), JSON.stringify(subset.errors, null, 2)).toBe(true);
  if (official) expect(official(log), JSON.stringify(official.errors, null, 2)).toBe(true);
}

const report = reportOf(
  repoReport('ada/churn', 61, [
    rule('readme-links', 0.5, {
      category: 'readme',
      title: 'README links resolve',
      weight: 4,
      evidence: [
        { path: 'README.md', line: 3, detail: 'links to docs/setup.md, which exists' },
        { path: 'README.md', line: 12, detail: 'links to data/missing.csv, which does not exist', problem: true },
        { path: 'README.md', line: 20, detail: 'links to img/plot.png, which does not exist', problem: true },
      ],
    }),
    rule('stage-training', 0, {
      category: 'pipeline',
      stage: 'training',
      title: 'Training code',
      weight: 8,
      evidence: [{ path: 'notebooks/My Analysis.ipynb', line: 2, cell: 4, detail: 'only a fit call on toy data' }],
    }),
    rule('tests', 0, { title: 'Tests', weight: 3, evidence: [{ detail: 'no test files found' }] }),
    rule('license-file', 1, { title: 'Licence', weight: 1, evidence: [{ path: 'LICENSE', detail: 'MIT' }] }),
    rule('history-shallow', null, { category: 'history', title: 'History', weight: 0 }),
    rule('small', 0.9, { title: 'Small thing', weight: 2, evidence: [{ path: 'src/a.py', line: 0, detail: 'almost' }] }),
  ]),
);

describe('SARIF', () => {
  it('is valid SARIF 2.1.0 with one run, the tool and every rule', () => {
    const log = buildSarif(report);
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: TOOL_NAME, version: TOOL_VERSION });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r) => r.id)).toEqual(['readme-links', 'stage-training', 'tests', 'license-file', 'history-shallow', 'small']);
    expect(driver.rules[0]).toMatchObject({
      name: 'README links resolve',
      shortDescription: { text: 'README links resolve' },
      help: { text: 'Do what readme-links asks.' },
      properties: { category: 'readme', tags: ['ml-portfolio', 'readme'] },
    });
    expect(driver.rules[1].properties).toMatchObject({ stage: 'training' });
  });

  it('reports failing and partial rules at the files their evidence names, problem lines first', () => {
    const results = buildSarif(report).runs[0].results;
    const rules = buildSarif(report).runs[0].tool.driver.rules;
    // Passing (license-file), unmeasurable (history-shallow) and path-less (tests) rules give no result.
    expect(results.map((r) => r.ruleId)).toEqual(['readme-links', 'readme-links', 'stage-training', 'small']);
    for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    // Only the evidence marked as the problem, with its line.
    expect(results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'README.md' }, region: { startLine: 12 } });
    expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 20 });
    expect(results[0].message.text).toContain('data/missing.csv');
    expect(results[0].message.text).toContain('Do what readme-links asks.');
    // A notebook line is a line of a cell, not of the .ipynb file: no region; the path is percent-encoded.
    expect(results[2].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'notebooks/My%20Analysis.ipynb' } });
    expect(results[2].message.text).toContain('cell 4');
    // Line 0 is no line.
    expect(results[3].locations[0].physicalLocation.region).toBeUndefined();
  });

  it('takes the level from the points the rule lost', () => {
    const results = buildSarif(report).runs[0].results;
    expect(results.map((r) => r.level)).toEqual(['warning', 'warning', 'error', 'note']);
    expect(levelFor(8)).toBe('error');
    expect(levelFor(4)).toBe('error');
    expect(levelFor(1)).toBe('warning');
    expect(levelFor(0.2)).toBe('note');
    expect(results[2].properties).toMatchObject({ lostPoints: 8, maxPoints: 8, points: 0 });
  });

  it('makes URIs relative to the repository root when the project is a sub-folder', () => {
    const log = buildSarif(report, { pathPrefix: 'projects/churn' });
    expectValid(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('projects/churn/README.md');
    expect(sarifUri('./a b/c#d.py', 'x/')).toBe('x/a%20b/c%23d.py');
    expect(sarifUri('README.md', '.')).toBe('README.md');
    expect(sarifUri('dir\\file.py')).toBe('dir/file.py');
  });

  it('names the repo in each message of a several-repo report, and stays valid with hostile text', () => {
    const evil = rule('readme-links', 0, {
      title: '"><script>',
      evidence: [{ path: '../../etc/passwd\u0000 ?#', line: 1, detail: '`$(rm -rf ~)` \u202e', problem: true }],
    });
    const many = buildReport([repoReport('ada/a', 50, [evil]), repoReport('ada/b', 70, [])], new Date('2026-01-15T00:00:00Z'));
    const text = renderSarif(many);
    const log = JSON.parse(text);
    expectValid(log);
    expect(log.runs[0].results[0].message.text).toMatch(/^\[ada\/a\] /);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('../../etc/passwd%00%20%3F%23');
  });

  it('comes out of the CLI (--format sarif) for a real audit, valid', async () => {
    const dir = tmpDir('mlpa-sarif-');
    buildGitRepo(join(dir, 'repo'), [
      { date: '2025-03-01T10:00:00Z', message: 'Add notebook', files: { 'README.md': '# Churn\n\nSee [the data](data/missing.csv).\n', 'train.py': 'import pandas as pd\n' } },
    ]);
    let out = '';
    const code = await main([join(dir, 'repo'), '--format', 'sarif', '-q'], { stdout: (s) => void (out += s), stderr: () => {} });
    expect(code).toBe(0);
    const log = JSON.parse(out);
    expectValid(log);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(20);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\/|^[A-Za-z]:/);
  });

  it('the schemas used here reject what SARIF does not allow', () => {
    const log = buildSarif(report);
    const bad = structuredClone(log) as any;
    bad.runs[0].results[0].level = 'fatal';
    bad.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    bad.runs[0].tool.driver.extra = true;
    for (const v of [subset, official].filter(Boolean) as ValidateFunction[]) {
      expect(v(bad)).toBe(false);
      expect(v({ version: '2.0.0', runs: [] })).toBe(false);
    }
  });

  it.skipIf(!official)('validates against the official schema (needs the devDependency @microsoft/jest-sarif)', () => {
    expect(official).not.toBeNull();
  });
});
