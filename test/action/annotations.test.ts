import { describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS, readmeAnnotations } from '../../src/action/annotations.js';
import { repoReport, rule } from '../helpers/fake-github/sample-report.js';

describe('README annotations', () => {
  const r = repoReport('ada/churn', 50, [
    rule('readme-setup', 0.2, { category: 'readme', title: 'Setup steps', remediation: 'Add a Setup section\nwith the commands.', evidence: [{ path: 'README.md', line: 12, detail: 'no install command ::error::oops' }] }),
    rule('readme-results', 1, { category: 'readme', evidence: [{ path: 'README.md', line: 30, detail: 'results table' }] }),
    rule('readme-links', 0.5, { category: 'readme', evidence: [{ path: 'README.md', detail: 'no line' }, { path: 'nb.ipynb', cell: 2, line: 1, detail: 'in a notebook' }] }),
    rule('history-x', 0, { category: 'history', evidence: [{ path: 'README.md', line: 1, detail: 'not a readme rule' }] }),
  ], { nextActions: [{ rule: 'readme-setup', gain: 6.5, text: '' }] });

  it('annotates failing README rules on their lines, relative to the repository root', () => {
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
    const many = repoReport('r', 10, [rule('readme-a', 0, { category: 'readme', evidence: Array.from({ length: 30 }, (_, i) => ({ path: 'README.md', line: i + 1, detail: 'x' })) })]);
    expect(readmeAnnotations(many, '/ws', '/ws')).toHaveLength(MAX_ANNOTATIONS);
  });
});
