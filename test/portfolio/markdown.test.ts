import { describe, expect, it } from 'vitest';
import { portfolioOf } from '../../src/portfolio.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { evidenceLink, evidenceUrl, portfolioSection } from '../../src/report/portfolio-markdown.js';
import { renderText } from '../../src/report/text.js';
import type { Report, RepoReport } from '../../src/report/types.js';
import { repo, SHA, tutorialCopy } from './fixtures.js';

const reportOf = (repos: RepoReport[]): Report => ({
  schemaVersion: 2,
  tool: { name: 'ml-portfolio-audit', version: '0.0.0-test' },
  generatedAt: '2026-01-15T00:00:00.000Z',
  portfolio: portfolioOf(repos),
  repos,
});

describe('portfolio Markdown', () => {
  const gh = repo('ada/churn-radar', { score: 88, skills: ['python', 'pandas'] });
  gh.skills!.skills.pandas = [{ path: 'churn/data.py', line: 3, detail: 'import pandas as pd' }];
  gh.skills!.skills.seaborn = [{ path: 'notebooks/eda.ipynb', cell: 2, line: 1, detail: 'import seaborn as sns' }];
  gh.skills!.skills.git = [{ detail: 'Git repository (36 commits)' }];
  const local = repo('../work/xray-cnn', { score: 80, skills: ['pytorch'] });
  local.skills!.skills.pytorch = [{ path: 'src/model.py', line: 7, detail: 'import torch' }];

  it('links each skill to the repo and file at the audited commit; local repos show the path in <code>', () => {
    const out = portfolioSection(reportOf([gh, local]));
    expect(out).toContain(`✅ **Pandas** [<code>churn-radar/churn/data.py&#58;3</code>](https://github.com/ada/churn-radar/blob/${SHA}/churn/data.py#L3)`);
    // notebooks: no line anchor (GitHub renders notebooks), cell shown in the text
    expect(out).toContain(`[<code>churn-radar/notebooks/eda.ipynb (cell 2)</code>](https://github.com/ada/churn-radar/blob/${SHA}/notebooks/eda.ipynb)`);
    // repo-level evidence (Git) links to the history
    expect(out).toContain(`(https://github.com/ada/churn-radar/commits/${SHA})`);
    // local path: no link
    expect(out).toContain('✅ **PyTorch** <code>xray-cnn/src/model.py&#58;7</code>');
    expect(out).not.toContain('github.com/../');
  });

  it('renders the skill matrix with the guide categories as rows and ❌ for missing skills', () => {
    const out = portfolioSection(reportOf([gh, local]));
    const rows = out.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| Area',
      '| ---',
      '| Programming',
      '| Data Tools',
      '| Visualization',
      '| ML Frameworks',
      '| Deep Learning',
      '| Cloud Platforms',
      '| MLOps',
    ]);
    expect(rows.find((r) => r.startsWith('| Cloud Platforms'))).toBe('| Cloud Platforms | ❌ AWS · ❌ GCP · ❌ Azure |');
    expect(out).toContain('❌ SQL');
    expect(out).toMatch(/\*\*Portfolio: [\d.]+\/100 \([A-F]\)\*\* — Base /);
    expect(out).toContain('**Specialisations:** ❌ Computer Vision');
  });

  it('shows flags with their evidence', () => {
    const out = portfolioSection(reportOf([gh, local, tutorialCopy('ada/dl-course')]));
    expect(out).toContain('- ⚠️ <code>ada/dl-course</code> — **tutorial/course copy**: score capped at 40 by &quot;Not a course copy&quot;');
    expect(out).toContain(`  - [<code>dl-course/week1/assignment.ipynb</code>](https://github.com/ada/dl-course/blob/${SHA}/week1/assignment.ipynb) course week folder`);
    expect(out).toContain('**one-shot upload**');
  });

  it('escapes a malicious file name, mentions and Markdown in evidence', () => {
    const evil = repo('ada/evil', { score: 90 });
    evil.skills!.skills.python = [{ path: 'src/<img src=x onerror=alert(1)>.py', line: 1, detail: 'x' }];
    evil.skills!.skills.pandas = [{ path: '@someone/[x](javascript:alert(1))`*_.py', line: 2, detail: 'y' }];
    evil.skills!.projectTypes.classification = [{ path: 'README.md', line: 1, detail: 'README: ping @someone <script>alert(1)</script>' }];
    evil.skills!.specialisations.nlp = [{ path: 'a|b.py', detail: 'pipe' }];
    const localEvil = repo('/home/@someone/<b>x</b>', { score: 85, skills: ['numpy'] });
    const out = portfolioSection(reportOf([evil, localEvil, repo('ada/third', { score: 80 })]));
    expect(out).not.toMatch(/<img|<script|<b>/i);
    expect(out).not.toMatch(/@someone/);
    expect(out).not.toContain('](javascript:');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;.py');
    expect(out).toContain('https://github.com/ada/evil/blob/' + SHA + '/src/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.py#L1');
    expect(out).toContain('/%40someone/%5Bx%5D%28javascript%3Aalert%281%29%29%60%2A_.py#L2');
    // link text cannot close the link or open code spans / emphasis
    expect(out).toContain('&#64;someone/&#91;x&#93;(javascript&#58;alert(1))&#96;&#42;&#95;.py&#58;2</code>]');
    // a table cell never gets a raw pipe from a path
    expect(out).toContain('a&#124;b.py');
    const matrixRows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    for (const row of matrixRows) expect(row.split(' | ').length, row).toBe(2);
  });

  it('evidenceUrl links only repos read from GitHub (they carry a url), with a safe ref', () => {
    const url = 'https://github.com/ada/x';
    expect(evidenceUrl({ url, commit: null, path: 'a b.py', line: 4 })).toBe('https://github.com/ada/x/blob/HEAD/a%20b.py#L4');
    expect(evidenceUrl({ url, commit: '../../evil', path: 'a.py' })).toBe('https://github.com/ada/x/blob/HEAD/a.py');
    expect(evidenceUrl({ url: 'https://ghe.example.com/ada/x', commit: SHA, path: 'a.py' })).toBe(`https://ghe.example.com/ada/x/blob/${SHA}/a.py`);
    // a local path that looks like owner/name is not linked; nor is a url that is not plain https
    expect(evidenceUrl({ commit: SHA, path: 'a.py' })).toBeNull();
    expect(evidenceUrl({ url: 'javascript:alert(1)', commit: SHA, path: 'a.py' })).toBeNull();
    expect(evidenceUrl({ url: 'https://x.com/a)b', commit: SHA, path: 'a.py' })).toBeNull();
    expect(evidenceLink({ repo: 'C:\\work\\proj', commit: null, path: 'a.py', detail: '' })).toBe('<code>proj/a.py</code>');
  });

  it('renderMarkdown includes the portfolio section only for more than one repo', () => {
    const two = renderMarkdown(reportOf([gh, local]));
    expect(two).toContain('**Skills shown**');
    expect(two.indexOf('**Portfolio:')).toBeLessThan(two.indexOf('| Repo | Score |'));
    const one = renderMarkdown(reportOf([gh]));
    expect(one).not.toContain('**Skills shown**');
    expect(one).not.toContain('**Portfolio:');
  });

  it('renders a report from an older producer (no skills fields) without the new blocks', () => {
    const r = reportOf([gh, local]);
    const { score, grade, audited, counted, strongProjects, explanation } = r.portfolio;
    const out = portfolioSection({ ...r, portfolio: { score, grade, audited, counted, strongProjects, explanation } });
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('text report has a short portfolio block with plain (escaped) names', () => {
    const evilFork = repo('ada/\u001b[31mred', { score: 50, fork: true });
    const out = renderText(reportOf([gh, local, evilFork]));
    expect(out).toMatch(/ {2}skills \(5\/18\): Python, Git, Pandas, Seaborn, PyTorch\n/);
    expect(out).toContain('  not shown: SQL, NumPy');
    expect(out).toContain('  flag: ada/[31mred fork: fork of another repository');
    expect(out).not.toContain('\u001b');
  });
});
