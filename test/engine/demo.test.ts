import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES_AUDIT_NOW, sampleRepos, samplesReport } from '../helpers/shared.js';
import { renderMarkdown, repoSection } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import type { Report } from '../../src/report/types.js';
import { auditTargets } from '../../src/run.js';
import { runDemo } from '../../src/demo/run.js';
import { audited } from '../helpers/audited.js';
import { tmpDir } from '../helpers/tmp.js';
import { bundleEntry } from '../helpers/worker-bundle.js';

describe('demo sample repos', async () => {
  const repos = sampleRepos();
  // The run's one audit of the samples (test/global-setup.ts), as auditTargets made it.
  const report = await samplesReport();
  const [strong, notebook, tutorial] = report.repos.map(audited);

  it('orders strong > notebook-only > tutorial copy', () => {
    expect(strong.status).toBe('ok');
    expect(strong.score).toBeGreaterThan(notebook.score);
    expect(notebook.score).toBeGreaterThan(tutorial.score);
    expect(strong.grade).toMatch(/[AB]/);
  });

  it('for real reasons: stages, history, originality', () => {
    expect(Object.values(strong.stages).every((s) => s.detected)).toBe(true);
    expect(notebook.stages.deployment.detected).toBe(false);
    expect(notebook.stages.training.detected).toBe(true);
    expect(strong.categories.history.score).toBeGreaterThan(notebook.categories.history.score);
    expect(tutorial.categories.originality.score).toBeLessThan(50);
    // The course cap (45) holds it down, or it scores below the cap on its own (its deployment is only a prop).
    expect(tutorial.score).toBeLessThanOrEqual(45);
    expect(tutorial.rules.some((r) => r.id.startsWith('no-course') || r.id === 'no-tutorial-template' ? r.score !== null && r.score < 0.5 : false)).toBe(true);
    for (const s of Object.values(strong.stages)) expect(s.evidence.length).toBeGreaterThan(0);
  });

  it('is deterministic', async () => {
    const again = await auditTargets({ targets: [repos.strong, repos.notebook, repos.tutorial], now: SAMPLES_AUDIT_NOW });
    expect(again.repos).toEqual(report.repos);
  });

  it('fix first: the notebook project is told to rewrite its README as one fix, worth more than deploying', () => {
    const groups = notebook.fixFirst!.groups;
    const readme = groups.find((g) => g.fix === 'readme')!;
    const deploy = groups.find((g) => g.fix === 'deployment')!;
    expect(readme.rules.length).toBeGreaterThanOrEqual(6);
    for (const r of readme.rules) expect(r.gain).toBeLessThan(deploy.gain);
    expect(readme.gain).toBeGreaterThan(deploy.gain);
    expect(groups.indexOf(readme)).toBeLessThan(groups.indexOf(deploy));
    // The per-rule list (nextActions) still puts deploying first.
    expect(notebook.nextActions[0].rule).toBe('stage-deployment');
  });

  it('fix first: the course copy is told to build an original project, never to commit over days', () => {
    const ff = tutorial.fixFirst!;
    expect(ff.groups[0].fix).toBe('original');
    expect(ff.groups.map((g) => g.fix)).not.toContain('history');
    expect(ff.omitted?.map((o) => o.fix)).toEqual(['history']);
    expect(tutorial.nextActions.filter((a) => a.rule.startsWith('history-'))).toEqual([]);
    expect(ff.caps.filter((c) => c.max === 45).length).toBeGreaterThan(0);
    const section = repoSection(tutorial);
    expect(section).not.toMatch(/several days|Commit as you work|commit each step/);
    expect(section).toContain('No history advice');
    const text = renderText({ ...report, repos: [tutorial] });
    expect(text).not.toMatch(/several days|Commit as you work|commit each step/);
  });

  it('renders Markdown with a stage row and top fixes', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('✅ Data');
    expect(md).toContain('Fix first');
    expect(md).toContain('<details>');
  });
});

describe('npm run demo', () => {
  const dirOf = (stderr: string): string => /sample repos generated in (\S+)/.exec(stderr)![1];

  it('prints the report of the three samples and removes them', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runDemo(['--format', 'json'], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as Report).repos.map((x) => x.repo.split('/').pop())).toEqual(['churn-radar', 'house-prices', 'deep-learning-course']);
    expect(stderr).toContain('removed after the run; npm run demo -- --keep keeps them');
    expect(existsSync(dirOf(stderr))).toBe(false);
  });

  it('as a process (src/demo/main.ts, which the npm script runs): keeps them with --keep', async () => {
    // The entry bundled with esbuild and run by node, not through tsx as `npm run demo` does: tsx compiles the engine
    // module by module in the process (~4 s of CPU against ~0.5 s for the bundle, built in ~0.2 s). What is tested is
    // main.ts as a process: its arguments, exit code, stdout and the folder it keeps. That tsx runs the sources is
    // shown by test/probes/fingerprints-build.test.ts's process (script/build-fingerprints.ts imports the engine's
    // probes) and by every `npx tsx` of the docs and benchmarks.
    const main = join(import.meta.dirname, '../../src/demo/main.ts');
    const bundle = await bundleEntry(main, join(tmpDir('mlpa-demo-bundle-'), 'demo.mjs'), join(import.meta.dirname, '../../src/audit-pool.ts'));
    // --concurrency 1 (passed on to the CLI, as `npm run demo -- …` passes it): one audit worker, not one per CPU (~0.3 s).
    const kept = spawnSync(process.execPath, [bundle, '--keep', '--format', 'json', '--quiet', '--concurrency', '1'], { encoding: 'utf8' });
    expect(kept.status, kept.stderr).toBe(0);
    const report = JSON.parse(kept.stdout) as Report;
    expect(report.repos).toHaveLength(3);
    // Audited, not stopped (a bundle that cannot find its audit worker or rules/ reports every repo partial).
    expect(report.repos.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(existsSync(join(dirOf(kept.stderr), 'churn-radar', '.git'))).toBe(true);
    rmSync(dirOf(kept.stderr), { recursive: true, force: true });
  }, 60_000);
});
