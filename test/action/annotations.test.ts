import { describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS, readmeAnnotations } from '../../src/action/annotations.js';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { repoReport, rule } from '../helpers/fake-github/sample-report.js';

describe('README annotations', () => {
  const r = repoReport('ada/churn', 50, [
    rule('readme-setup', 0.2, { category: 'readme', title: 'Setup steps', remediation: 'Add a Setup section\nwith the commands.', evidence: [{ path: 'README.md', line: 12, detail: 'no install command ::error::oops', problem: true }, { path: 'README.md', line: 14, detail: 'a command that is fine' }] }),
    rule('readme-results', 1, { category: 'readme', evidence: [{ path: 'README.md', line: 30, detail: 'results table', problem: true }] }),
    rule('readme-links', 0.5, { category: 'readme', evidence: [{ path: 'README.md', detail: 'no line', problem: true }, { path: 'nb.ipynb', cell: 2, line: 1, detail: 'in a notebook', problem: true }] }),
    rule('history-x', 0, { category: 'history', evidence: [{ path: 'README.md', line: 1, detail: 'not a readme rule', problem: true }] }),
  ], { nextActions: [{ rule: 'readme-setup', gain: 6.5, text: '' }] });

  it('annotates the problem lines of failing README rules, relative to the repository root', () => {
    expect(readmeAnnotations(r, '/ws/projects/churn', '/ws')).toEqual([
      {
        file: 'projects/churn/README.md',
        line: 12,
        title: 'Setup steps (+6.5 points)',
        message: 'no install command :\u200b:error:\u200b:oops — Add a Setup section with the commands.',
      },
    ]);
    expect(readmeAnnotations(r, '/ws', '/ws')[0].file).toBe('README.md');
    expect(readmeAnnotations(r, '/elsewhere', '/ws')).toEqual([]);
  });

  it('stops at the runner limit of 10 per step', () => {
    const many = repoReport('r', 10, [rule('readme-a', 0, { category: 'readme', evidence: Array.from({ length: 30 }, (_, i) => ({ path: 'README.md', line: i + 1, detail: 'x', problem: true as const })) })]);
    expect(readmeAnnotations(many, '/ws', '/ws')).toHaveLength(MAX_ANNOTATIONS);
  });

  it('from a real audit: broken links and a command in a sentence are annotated, working links and code blocks are not', async () => {
    const readme = [
      '# Churn Radar', // 1
      '', // 2
      'Predicts which telecom customers are about to cancel, so the retention team can call them first.', // 3
      '', // 4
      'See [the guide](docs/guide.md) and [the notes](docs/missing.md).', // 5
      '', // 6
      '## Installation', // 7
      '', // 8
      'Run: pip install -r requirements.txt', // 9
      '', // 10
      '## Usage', // 11
      '', // 12
      '```bash', // 13
      'python src/train.py', // 14
      '```', // 15
      '', // 16
      '![chart](docs/chart.png)', // 17
      '',
    ].join('\n');
    const snapshot = memorySnapshot({
      id: 'me/churn',
      files: { 'README.md': readme, 'docs/guide.md': '# Guide\n', 'src/train.py': 'from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression().fit(X, y)\n', 'requirements.txt': 'scikit-learn==1.5.0\n' },
    });
    const report = await auditSnapshot(snapshot, { rules: loadRules(), now: new Date('2026-01-01') });
    const links = report.rules.find((r) => r.id === 'readme-links')!;
    // The rule fails and its evidence has both kinds: the working link is evidence too, but not a problem.
    expect(links.score).toBeLessThan(1);
    expect(links.evidence.find((e) => e.detail.includes('docs/guide.md'))).toMatchObject({ line: 5 });
    expect(links.evidence.find((e) => e.detail.includes('docs/guide.md'))!.problem).toBeUndefined();
    const annotations = readmeAnnotations(report, '/ws', '/ws');
    const on = (line: number, id: string, detail: string): boolean => {
      const rule = report.rules.find((r) => r.id === id)!;
      return annotations.some((x) => x.line === line && x.title.startsWith(rule.title) && x.message.startsWith(`${detail} — `));
    };
    expect(on(5, 'readme-links', 'link `docs/missing.md` — no such file in the repo')).toBe(true);
    expect(on(9, 'readme-setup', 'install command as plain text (put it in a code block): "Run: pip install -r requirements.txt"')).toBe(true);
    expect(on(17, 'readme-visuals', 'image file missing from the repo: docs/chart.png')).toBe(true);
    // Nothing about the working link, nor on the usage command in its code block.
    expect(annotations.filter((x) => x.message.includes('docs/guide.md'))).toEqual([]);
    expect(annotations.filter((x) => x.line === 14)).toEqual([]);
    for (const a of readmeAnnotations(report, '/ws', '/ws')) {
      const rule = report.rules.find((r) => a.title.startsWith(r.title))!;
      expect(rule.evidence.some((e) => e.line === a.line && e.problem)).toBe(true);
    }
  });
});
