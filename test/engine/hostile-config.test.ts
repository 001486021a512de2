import { cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commentBody, summaryBody } from '../../src/action/body.js';
import { main } from '../../src/cli/main.js';
import { sampleRepos } from '../helpers/shared.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditedRepoReport, Report } from '../../src/report/types.js';

/** Text with its line breaks and indents read as single spaces (the terminal report wraps to a width). */
const flat = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';
import { reportValidator } from '../helpers/report-schema.js';

/**
 * "Hostile repos": the audited repository's own .ml-portfolio-audit.yml must not raise its standard score, its
 * headline, or let it pass a fail-under. A config's score is shown beside the standard one, labelled.
 */

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--now', '2026-01-15'], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

const validate = reportValidator();

function json(r: { code: number; stdout: string; stderr: string }): Report {
  const report = JSON.parse(r.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

const failingRules = (r: AuditedRepoReport): string[] => r.rules.filter((x) => x.score !== null && x.score < 1).map((x) => x.id);
const passingRules = (r: AuditedRepoReport): string[] => r.rules.filter((x) => x.score === 1).map((x) => x.id);
const CONFIG = '.ml-portfolio-audit.yml';

let weak = '';
let notebook = '';
let standard: AuditedRepoReport;
let standardPortfolio = 0;
beforeAll(async () => {
  // Copies of the shared samples (test/helpers/shared.ts: read-only; other files audit them at the same time): the
  // tests write a config file into each. Same folder names, so the repos are named as the samples are.
  const samples = sampleRepos();
  const own = tmpDir('mlpa-hostile-config-');
  [weak, notebook] = [samples.tutorial, samples.notebook].map((from) => {
    const to = join(own, basename(from));
    cpSync(from, to, { recursive: true });
    return to;
  });
  // The standard audit, with a config file that changes nothing (the file itself is one more file in the tree).
  writeFileSync(join(weak, CONFIG), '# nothing here\n');
  const report = json(await cli([weak, '--format', 'json', '-q']));
  standard = audited(report.repos[0]);
  standardPortfolio = report.portfolio.score!;
  expect(standard.grade).not.toBe('A');
  expect(standard.configured).toBeUndefined();
});

describe("a repository's own config cannot raise its score", () => {
  it('turning off every failing rule: the headline stays the standard score; the configured score is beside it, labelled', async () => {
    const off = failingRules(standard);
    expect(off.length).toBeGreaterThan(10);
    writeFileSync(join(weak, CONFIG), `fail-under: 0\nrules:\n${off.map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const report = json(await cli([weak, '--format', 'json', '-q']));
    const r = audited(report.repos[0]);
    expect([r.score, r.grade]).toEqual([standard.score, standard.grade]);
    expect(r.categories).toEqual(standard.categories);
    expect(r.nextActions).toEqual(standard.nextActions);
    expect(r.rules.map((x) => x.id)).toEqual(standard.rules.map((x) => x.id));
    expect(r.configured).toMatchObject({ score: 100, grade: 'A', by: 'repo', source: join(weak, CONFIG), summary: `${off.length} rules turned off` });
    expect(r.configured!.changes).toEqual(off.map((rule) => ({ change: 'disabled', rule })));
    expect(r.configured!.nextActions).toEqual([]);
    expect(report.portfolio.score).toBe(standardPortfolio);

    // Terminal and Markdown: the standard headline, then the configured score, labelled, with what changed.
    const text = (await cli([weak, '-q'])).stdout;
    // The terminal report may wrap the headline: compared with its line breaks and indents read as spaces.
    expect(flat(text)).toContain(`${standard.score}/100 (${standard.grade}) standard · 100/100 (A) under the repo's own .ml-portfolio-audit.yml`);
    expect(text).toContain(`configured: ${off.length} rules turned off: ${off[0]} turned off`);
    const mdText = renderMarkdown(report);
    expect(mdText).toMatch(new RegExp(`— ${standard.score}/100 \\(${standard.grade}\\) standard · 100/100 \\(A\\) under the repo's own`));
    expect(mdText).toContain(`${standard.score} (⚙️ 100 under the repo's own config)`);

    // The pull request comment and the job summary say it too, in the headline and in a labelled note.
    const input = { report, repo: r, base: { kind: 'none' as const }, topFixes: 3 };
    for (const body of [commentBody({ ...input, marker: '<!-- m -->' }).text, summaryBody(input).text]) {
      const head = body.split('\n').find((l) => l.startsWith('## '))!;
      expect(head).toMatch(new RegExp(`^## ML portfolio audit — ${standard.score}/100 \\(${standard.grade}\\) standard · 100/100 \\(A\\) under the repo`));
      expect(body).toContain(`> ⚙️ **100/100 (A) under the repo's own <code>.ml-portfolio-audit.yml</code>** — ${off.length} rules turned off`);
      expect(body).toContain(`The headline ${standard.score}/100 (${standard.grade}) is the standard score`);
      expect(body).toContain('### Fix next'); // the standard fixes, not the configured (empty) list
    }
  });

  it('raising weights cannot raise the headline', async () => {
    // A repo whose score no cap holds down, so that weights move its configured score.
    writeFileSync(join(notebook, CONFIG), '# nothing here\n');
    const base = audited(json(await cli([notebook, '--format', 'json', '-q'])).repos[0]);
    expect(base.cappedBy).toBeUndefined();
    const up = passingRules(base);
    expect(up.length).toBeGreaterThan(0);
    writeFileSync(join(notebook, CONFIG), `rules:\n${up.map((id) => `  ${id}: { weight: 100 }`).join('\n')}\n`);
    const r = audited(json(await cli([notebook, '--format', 'json', '-q'])).repos[0]);
    expect([r.score, r.grade, r.categories]).toEqual([base.score, base.grade, base.categories]);
    expect(r.rules.map((x) => x.weight)).toEqual(base.rules.map((x) => x.weight));
    expect(r.configured!.score).toBeGreaterThan(r.score);
    expect(r.configured!.changes.every((c) => c.change === 'weight' && c.to === 100)).toBe(true);
    expect(r.configured!.summary).toBe(`${up.length} weight${up.length === 1 ? '' : 's'} changed`);
  });

  it('exclude globs that hide failing evidence (course folders) change the configured score only', async () => {
    writeFileSync(join(weak, CONFIG), 'exclude: ["week*/**"]\n');
    const r = audited(json(await cli([weak, '--format', 'json', '-q'])).repos[0]);
    expect([r.score, r.grade, r.cappedBy]).toEqual([standard.score, standard.grade, standard.cappedBy]);
    expect(r.files).toBe(standard.files);
    expect(r.configured!.changes).toEqual([{ change: 'exclude', glob: 'week*/**', files: expect.any(Number) }]);
    expect((r.configured!.changes[0] as { files: number }).files).toBeGreaterThan(0);
    // The second pass adds no duplicate notes.
    expect(r.notes.length).toBe(new Set(r.notes.map((n) => JSON.stringify(n))).size);
  });
});

describe('fail-under', () => {
  it("a repo's own fail-under: 0 and disabled rules do not let it pass --fail-under; the report records the gate", async () => {
    writeFileSync(join(weak, CONFIG), `fail-under: 0\nrules:\n${failingRules(standard).map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const r = await cli([weak, '-q', '--fail-under', '60', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`scores ${standard.score}, below --fail-under 60`);
    const rep = audited(json(r).repos[0]);
    expect(rep.config).toEqual({ file: join(weak, CONFIG), by: 'repo', failUnder: { value: 60, from: '--fail-under', gates: 'standard' } });
  });

  it("a repo's own fail-under sets a bar only where the caller set none, on the standard score", async () => {
    writeFileSync(join(weak, CONFIG), `fail-under: 60\nrules:\n${failingRules(standard).map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const r = await cli([weak, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`scores ${standard.score}, below fail-under in ${join(weak, CONFIG)} 60`);
  });

  it("the caller's --config: its fail-under is honoured, and it gates the score under that config", async () => {
    writeFileSync(join(weak, CONFIG), 'fail-under: 0\n');
    const strict = join(tmpDir(), 'strict.yml');
    writeFileSync(strict, 'fail-under: 99\n');
    const a = await cli([weak, '-q', '--config', strict, '--format', 'json']);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(`scores ${standard.score}, below fail-under in ${strict} 99`);
    expect(audited(json(a).repos[0]).config).toEqual({
      file: strict,
      by: 'caller',
      ignored: { file: join(weak, CONFIG), reason: "the caller's config file applies instead" },
      failUnder: { value: 99, from: `fail-under in ${strict}`, gates: 'standard' },
    });
    // The caller turns off rules that do not apply to their project: the score under their config is the one gated.
    const tuned = join(tmpDir(), 'tuned.yml');
    writeFileSync(tuned, `fail-under: 90\nrules:\n${failingRules(standard).map((id) => `  ${id}: { enabled: false }`).join('\n')}\n`);
    const b = await cli([weak, '-q', '--config', tuned, '--format', 'json']);
    expect(b.code, b.stderr).toBe(0);
    const rep = audited(json(b).repos[0]);
    expect(rep.score).toBe(standard.score);
    expect(rep.configured).toMatchObject({ score: 100, by: 'caller', source: tuned });
    expect(rep.config?.failUnder).toEqual({ value: 90, from: `fail-under in ${tuned}`, gates: 'configured' });
    const text = (await cli([weak, '-q', '--config', tuned])).stdout;
    expect(flat(text)).toContain(`standard · 100/100 (A) under the config ${tuned}`);
  });
});
