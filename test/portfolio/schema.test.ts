import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { portfolioOf } from '../../src/portfolio.js';
import { buildReport, errorReport } from '../../src/report/build.js';
import { SCHEMA_VERSION, type AuditedRepoReport, type Report } from '../../src/report/types.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { commit, notebook, NOW, SHA } from './fixtures.js';
import { tmpDir } from '../helpers/tmp.js';
import { reportValidator } from '../helpers/report-schema.js';

const root = join(import.meta.dirname, '..', '..');
const validate = reportValidator();

/** A tiny rules dir: one originality rule with a cap (course week folders) and one README rule, both `paths`. */
function rulesDir(): string {
  const dir = tmpDir('mlpa-portfolio-rules-');
  writeFileSync(join(dir, 'sources.yml'), readFileSync(join(root, 'rules', 'sources.yml'), 'utf8'));
  mkdirSync(join(dir, 'originality'));
  mkdirSync(join(dir, 'readme'));
  const guide = 'jenkins-breaking-into-ai-ml-2024';
  writeFileSync(
    join(dir, 'originality', 'course-folders.yml'),
    `id: course-folders\ntitle: Not a course copy\ncategory: originality\nweight: 5\nfix: original\ncriterion:\n  source: ${guide}\n  quote: "3-5 strong projects outperform 15 small tutorials"\nprobe: paths\nparams:\n  globs: ['**/week*/**']\n  expect: absent\n  min: 2\n  countBy: dir\n  detail: course week folder\nremediation: Replace course assignments with a project of your own.\ncap:\n  below: 0.5\n  max: 40\n`,
  );
  writeFileSync(
    join(dir, 'readme', 'has-readme.yml'),
    `id: has-readme\ntitle: Has a README\ncategory: readme\nweight: 5\nfix: readme\ncriterion:\n  source: ${guide}\n  quote: "Every project needs a clear README file"\nprobe: paths\nparams:\n  globs: ['README.md']\nremediation: Add a README.md that explains the project.\n`,
  );
  return dir;
}

async function auditAll(): Promise<{ repos: AuditedRepoReport[]; prefetched: string[] }> {
  const rules = loadRules(rulesDir());
  const strong = memorySnapshot({
    id: 'ada/churn-radar',
    commit: SHA,
    commits: [commit(3), commit(2), commit(1)],
    metadata: { fork: false, archived: false },
    files: {
      'README.md': '# Churn Radar\n\nPredicts which customers will churn (classification).\n',
      'requirements.txt': 'pandas\nscikit-learn\nfastapi\n',
      'churn/train.py': 'import pandas as pd\nfrom sklearn.ensemble import GradientBoostingClassifier\nclf = GradientBoostingClassifier()\n',
      'churn/api.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      Dockerfile: 'FROM python:3.12-slim\n',
    },
  });
  const prefetched: string[] = [];
  strong.prefetch = async (paths) => {
    prefetched.push(...paths);
  };
  const course = memorySnapshot({
    id: 'ada/dl-course',
    commit: SHA,
    commits: [commit(1, 'Add files via upload')],
    metadata: { fork: true, parent: 'someone/dl-course', archived: true },
    files: {
      'README.md': '# Deep Learning course\n',
      'week1/assignment.ipynb': notebook([['code', 'import numpy as np\nfrom tensorflow import keras\n(x, y), _ = keras.datasets.mnist.load_data()\n']]),
      'week2/assignment.ipynb': notebook([['code', 'from tensorflow.keras import layers\nlayers.Conv2D(32, 3)\n']]),
    },
  });
  const repos = [await auditSnapshot(strong, { rules, now: NOW }), await auditSnapshot(course, { rules, now: NOW })];
  return { repos, prefetched };
}

describe('audit → report with skills, metadata and the portfolio', () => {
  it('auditSnapshot puts skills and host metadata on each RepoReport and prefetches the skill reads', async () => {
    const { repos, prefetched } = await auditAll();
    const [strong, course] = repos;
    expect(strong.skills!.skills.deployment?.map((e) => e.path)).toEqual(['churn/api.py', 'requirements.txt', 'Dockerfile']); // code, then manifests, then files
    expect(strong.skills!.skills['scikit-learn']?.[0]).toMatchObject({ path: 'churn/train.py', line: 2 });
    expect(strong.skills!.projectTypes.classification).toBeDefined();
    expect(strong.metadata).toEqual({ fork: false, archived: false });
    expect(prefetched).toEqual(expect.arrayContaining(['README.md', 'churn/train.py', 'churn/api.py', 'requirements.txt']));
    expect(new Set(prefetched).size).toBe(prefetched.length);
    expect(course.skills!.skills.cnn?.[0]).toMatchObject({ path: 'week2/assignment.ipynb', cell: 1, line: 2 });
    expect(course.metadata).toEqual({ fork: true, parent: 'someone/dl-course', archived: true });
    expect(course.cappedBy).toEqual({ rule: 'course-folders', max: 40 });

    const p = portfolioOf(repos);
    expect(p.counted).toEqual(['ada/churn-radar']);
    expect(p.flags!.filter((f) => f.repo === 'ada/dl-course').map((f) => f.kind)).toEqual(['tutorial-copy', 'fork', 'one-shot', 'archived']);
  });

  it('the JSON report with the new fields validates against schema/report.schema.json', async () => {
    const { repos } = await auditAll();
    const report: Report = { schemaVersion: SCHEMA_VERSION, tool: { name: 'ml-portfolio-audit', version: '0.0.0-test' }, generatedAt: NOW.toISOString(), portfolio: portfolioOf(repos), repos };
    const json = JSON.parse(JSON.stringify(report));
    expect(validate(json), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(json.portfolio.skills).toHaveLength(7);
    expect(json.portfolio.flags.length).toBeGreaterThan(0);
  });

  it('the schema constrains the new fields (unknown skill, bad flag kind, missing evidence repo)', async () => {
    const { repos } = await auditAll();
    const good = JSON.parse(JSON.stringify({ schemaVersion: SCHEMA_VERSION, tool: { name: 't', version: '0' }, generatedAt: NOW.toISOString(), portfolio: portfolioOf(repos), repos }));
    const badSkill = structuredClone(good);
    badSkill.repos[0].skills.skills.cobol = [{ detail: 'x' }];
    expect(validate(badSkill)).toBe(false);
    const badFlag = structuredClone(good);
    badFlag.portfolio.flags[0].kind = 'plagiarism';
    expect(validate(badFlag)).toBe(false);
    const badEvidence = structuredClone(good);
    delete badEvidence.portfolio.skills[0].skills[0].evidence[0].repo;
    expect(validate(badEvidence)).toBe(false);
  });

  it('a repo entry is audited (a score, a grade, the rules) or not (a reason, nothing scored): oneOf in the schema', async () => {
    const { repos } = await auditAll();
    const fork = { ...errorReport('ada/famous-lib', 'fork of someone/famous-lib: listed, not scored', 'skipped'), metadata: { fork: true, parent: 'someone/famous-lib' } };
    const report = JSON.parse(JSON.stringify(buildReport([...repos, errorReport('ada/private', 'repository not found (HTTP 404)'), fork], NOW)));
    expect(report.schemaVersion).toBe(2);
    expect(validate(report), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // What a not-audited entry carries: nothing made up.
    expect(report.repos[2]).toEqual({ repo: 'ada/private', commit: null, status: 'error', reason: 'repository not found (HTTP 404)', notes: [] });
    expect(Object.keys(report.repos[3]).sort()).toEqual(['commit', 'metadata', 'notes', 'reason', 'repo', 'status']);

    const broken = (change: (r: Record<string, unknown>[]) => void): boolean => {
      const r = structuredClone(report);
      change(r.repos);
      return validate(r) as boolean;
    };
    // The not-audited branch: no score, grade or rules; a reason; only skipped or error.
    expect(broken((r) => Object.assign(r[2], { score: 0, grade: 'F' }))).toBe(false);
    expect(broken((r) => Object.assign(r[3], { rules: [] }))).toBe(false);
    expect(broken((r) => delete r[2].reason)).toBe(false);
    expect(broken((r) => Object.assign(r[2], { error: 'repository not found' }))).toBe(false);
    expect(broken((r) => Object.assign(r[2], { status: 'ok' }))).toBe(false);
    // The audited branch: a score and a grade, and only ok or partial.
    expect(broken((r) => delete r[0].score)).toBe(false);
    expect(broken((r) => delete r[0].grade)).toBe(false);
    expect(broken((r) => Object.assign(r[0], { status: 'skipped', reason: 'x' }))).toBe(false);
    expect(broken((r) => Object.assign(r[0], { status: 'partial', reason: 'commit history not returned by GitHub' }))).toBe(true);
    // A report of the previous version is not this schema's (shard merging reads it: test/github/shard.test.ts).
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
  });
});
