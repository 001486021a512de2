/**
 * A pipeline whose code could not be read is "not measured", never 0 with advice to load data (issue #11, "No cheap
 * gaming": missing data must never beat measured data — say what was not measured and what the score can at most
 * become). set-15's Pedrooamaroo/UrbanSound8K_Classification, distilled: its only code, one notebook, missing.
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot, scoreInputs, unreadReason, type RuleRun } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { buildReport } from '../../src/report/build.js';
import { renderText } from '../../src/report/text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { commentBody } from '../../src/action/body.js';
import { markerFor } from '../../src/action/comment.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { STAGES } from '../../src/types.js';

const NOW = new Date('2026-12-06T00:00:00Z');
const rules = loadRules();
const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 61234567\n';
const commits = [0, 1, 2].map((d, i) => ({
  sha: String(i + 1).padStart(40, '0'),
  authorName: 'Pedro',
  authorEmail: 'p@example.com',
  date: new Date(NOW.getTime() - (30 - d) * 86_400_000).toISOString(),
  subject: `Add files via upload ${i}`,
  filesChanged: 1,
  merge: false,
}));
const readme = '# Urban sound classification\n\nA CNN and an MLP on UrbanSound8K (10 classes), 10-fold cross-validation.\n\n## Results\n\n| model | accuracy |\n|---|---|\n| MLP | 0.61 |\n| CNN | 0.68 |\n';
const notebook = (code: string[]): string =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: code.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c })) });

const audit = (nb: string): Promise<AuditedRepoReport> =>
  auditSnapshot(memorySnapshot({ id: 'pedro/urbansound', commit: 'a'.repeat(40), commits, files: { 'README.md': readme, 'requirements.txt': 'librosa\ntensorflow\n', 'UrbanSound8K_Classification_Project.ipynb': nb } }), { rules, now: NOW, skills: false });

describe('a pipeline whose only code could not be read', () => {
  it('is not measured, not failed: each stage names the file and why, no stage advice, the repo partial with what the score can at most become', async () => {
    const r = await audit(LFS);
    for (const s of STAGES) {
      expect(r.stages[s], s).toMatchObject({ detected: false, status: 'not-measurable' });
      const x = r.rules.find((y) => y.stage === s)!;
      expect(x).toMatchObject({ outcome: 'not-measurable', measurable: false, score: null, unread: { paths: ['UrbanSound8K_Classification_Project.ipynb'], countedAs: 0 } });
      expect(x.evidence).toContainEqual({ path: 'UrbanSound8K_Classification_Project.ipynb', detail: 'could not be read: Git LFS pointer (content is stored outside the repo)' });
      expect(r.nextActions.map((a) => a.rule)).not.toContain(x.id);
    }
    expect(r.fixFirst!.groups.flatMap((g) => g.rules.map((y) => y.rule)).filter((id) => id.startsWith('stage-'))).toEqual([]);
    expect(r.status).toBe('partial');
    expect(r.reason).toMatch(
      /^pipeline stages data, preprocessing, training, evaluation, deployment (and rules? (ml-code-substance, )?reproducibility )?not measured: code that may hold them could not be read \(UrbanSound8K_Classification_Project\.ipynb: Git LFS pointer \(content is stored outside the repo\)\); they count as 0 until measured, so [\d.]+ is a floor: with that file read the score can at most become [\d.]+$/,
    );
    const [, floor, most] = /so ([\d.]+) is a floor: .* at most become ([\d.]+)$/.exec(r.reason!)!;
    expect(Number(floor)).toBe(r.score);
    expect(Number(most)).toBeGreaterThan(r.score);
  });

  it('the reason takes why a file was unread from the rule\'s structured field, never from its evidence text; the report leaves the field out', async () => {
    const r = await audit(LFS);
    expect(JSON.stringify(r)).not.toContain('unreadWhy');
    const i = r.rules.findIndex((x) => x.id === 'stage-data');
    const h = { commits: [], shallow: false, truncated: false, totalCount: 0 } as unknown as Parameters<typeof scoreInputs>[0];
    const one = (x: RuleRun): string => {
      const results = r.rules.map((y, k) => (k === i ? x : { ...y, score: y.score ?? 0, unread: undefined }));
      return unreadReason(results, scoreInputs({ ...h, commits }, rules.rules, results, false))!;
    };
    const base = r.rules[i]!;
    // The structured field is read even when the evidence says nothing about the file …
    expect(one({ ...base, evidence: [], unreadWhy: [{ path: 'UrbanSound8K_Classification_Project.ipynb', why: 'Git LFS pointer' }] })).toContain('(UrbanSound8K_Classification_Project.ipynb: Git LFS pointer)');
    // … and evidence text that looks like a reason is not read as one.
    expect(one({ ...base, evidence: [{ path: 'UrbanSound8K_Classification_Project.ipynb', detail: 'could not be read: made up' }] })).toContain('(UrbanSound8K_Classification_Project.ipynb); ');
  });

  it('never scores higher than the same repo measured at its worst (a notebook with no pipeline in it)', async () => {
    const hidden = await audit(LFS);
    const worst = await audit(notebook(['print("hello")\n']));
    expect(worst.rules.filter((x) => x.stage).every((x) => x.measurable && x.score === 0)).toBe(true);
    expect(hidden.score).toBeLessThanOrEqual(worst.score);
    expect(hidden.categories.pipeline.score).toBe(0);
    // And the real notebook, read, is measured: the stages it holds are found.
    const real = await audit(
      notebook([
        'import pandas as pd\nimport librosa\nmeta = pd.read_csv("UrbanSound8K/metadata/UrbanSound8K.csv")\n',
        'from sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\nX_train = StandardScaler().fit_transform(X_train)\n',
        'history = model.fit(X_train, y_train, epochs=50)\n',
        'from sklearn.metrics import classification_report\nprint(classification_report(y_test, model.predict(X_test).argmax(1)))\n',
      ]),
    );
    expect(real.status).toBe('ok');
    expect(real.stages.training.detected).toBe(true);
    expect(real.score).toBeGreaterThan(hidden.score);
  });

  it('text, Markdown, HTML and the Action comment say it plainly', async () => {
    const r = await audit(LFS);
    const report = buildReport([r], NOW);
    const text = renderText(report, { width: 200 });
    expect(text).toContain('[partial: not final]');
    expect(text).toMatch(/partial: +pipeline stages data, .* not measured: code that may hold them could not be read/);
    expect(text).toMatch(/stages: +- data - preprocessing - training - evaluation - deployment/);
    expect(text).not.toContain('Fix: Show where the data comes from');
    const verbose = renderText(report, { width: 200, verbose: true });
    expect(verbose).toMatch(/stage-data +not measurable: not measured: 1 code file could not be read \(UrbanSound8K_Classification_Project\.ipynb\)/);
    const md = renderMarkdown(report);
    expect(md).toContain('partial, not final');
    expect(md).toMatch(/can at most become [\d.]+/);
    const html = renderHtml(report);
    expect(html).toMatch(/Partial result, the score is not final:<\/strong> pipeline stages data/);
    const comment = commentBody({ report, repo: r, base: { kind: 'none' }, topFixes: 3, marker: markerFor('.') }).text;
    expect(comment).toMatch(/Partial result, the score is not final: pipeline stages data, .*can at most become [\d.]+/);
  });
});
