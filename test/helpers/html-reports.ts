import { buildReport, errorReport } from '../../src/report/build.js';
import type { AuditedRepoReport, Report } from '../../src/report/types.js';
import { repoReport, rule } from './fake-github/sample-report.js';

/** Hand-made reports for the HTML renderer's tests (unit and browser): every case the page must handle. */

export const SHA = '0123456789abcdef0123456789abcdef01234567';
export const HOSTILE = '<script>alert(1)</script>';
export const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

/** A repo read from GitHub with evidence links, a configured score and commits per week. */
export function githubRepo(name: string, score: number, o: Partial<AuditedRepoReport> = {}): AuditedRepoReport {
  const r = repoReport(name, score, [
    rule('stage-data', 1, { title: 'Data is loaded from a documented source', category: 'pipeline', stage: 'data', evidence: [{ path: 'src/data.py', line: 3, detail: 'pd.read_csv' }] }),
    rule('readme-results', 0, { title: 'README states results', category: 'readme', remediation: 'Add a `Results` section with the metric and its value.' }),
    rule('tests', 0.5, { title: 'Tests exist', category: 'engineering', remediation: 'Add tests under `tests/`.' }),
  ], { detected: ['data', 'training', 'evaluation'], commit: SHA });
  r.stages.data.evidence = [{ path: 'src/data.py', line: 3, detail: 'pd.read_csv' }];
  r.stages.training.evidence = [{ path: 'notebooks/train.ipynb', cell: 2, detail: 'model.fit' }];
  r.nextActions = [
    { rule: 'readme-results', gain: 8.4, text: 'Add a `Results` section with the metric and its value.' },
    { rule: 'tests', gain: 3, text: 'Add tests under `tests/`.' },
  ];
  r.history = { commits: 12, shallow: false, truncated: false, totalCount: 12, firstCommit: '2025-01-06T10:00:00Z', lastCommit: '2025-03-10T10:00:00Z', activity: { unit: 'week', start: '2025-01-06', counts: [3, 0, 2, 1, 0, 0, 4, 0, 1, 1] } };
  r.skills = {
    skills: { python: [{ path: 'src/data.py', line: 1, detail: 'import pandas' }], pandas: [{ path: 'src/data.py', line: 1, detail: 'import pandas' }] },
    specialisations: {},
    projectTypes: { classification: [{ path: 'src/train.py', line: 9, detail: 'LogisticRegression' }] },
    scanned: { files: 3, candidates: 3, truncated: false },
  };
  return { ...r, url: `https://github.com/${name}`, ...o };
}

/** A portfolio: GitHub repos (one with a configured score, one partial), an error, a skipped repo, a local path. */
export function portfolioReport(): Report {
  const churn = githubRepo('ada/churn', 78.5);
  churn.configured = {
    score: 91,
    grade: 'A',
    source: 'ada/churn:.ml-portfolio-audit.yml',
    by: 'repo',
    changes: [{ change: 'disabled', rule: 'tests' }],
    summary: '1 rule turned off',
    categories: churn.categories,
    nextActions: [],
  };
  const vision = githubRepo('ada/vision', 61.2, { status: 'partial', reason: 'commit history not returned by GitHub' });
  const local = githubRepo('/home/ada/code/nlp-demo', 55, { url: undefined });
  delete local.url;
  return buildReport(
    [
      churn,
      vision,
      local,
      errorReport('ada/private-thing', 'repository not found or not readable with this token (HTTP 404)'),
      errorReport('ada/late', 'skipped: the time budget (600 s) ran out before this repo started', 'skipped'),
    ],
    new Date('2026-01-15T00:00:00Z'),
  );
}

/** One repo whose every field from the repository is hostile text, and links that must not be made. */
export function hostileReport(): Report {
  const r = githubRepo(`ada/x${HOSTILE}`, 40, { url: 'javascript:alert(1)' });
  r.repo = `${HOSTILE}${HOSTILE_ATTR}`;
  r.rules[0].evidence = [{ path: `${HOSTILE_ATTR}.py`, line: 1, detail: `<iframe src="javascript:alert(1)"></iframe>` }];
  r.stages.data.evidence = [{ path: `../${HOSTILE_ATTR}`, line: 2, detail: HOSTILE }];
  r.nextActions = [{ rule: `x${HOSTILE}`, gain: 1, text: `Do <b>this</b> ${HOSTILE_ATTR}` }];
  r.notes = [{ kind: 'shallow', message: HOSTILE }];
  r.configured = {
    score: 50,
    grade: 'D',
    source: `${HOSTILE_ATTR}.yml`,
    by: 'caller',
    changes: [{ change: 'exclude', glob: HOSTILE, files: 2 }],
    summary: HOSTILE,
    categories: r.categories,
    nextActions: [],
  };
  const other = githubRepo('ada/ok', 80, { url: 'https://github.com.evil.example/ada/ok' });
  const report = buildReport([r, other, errorReport(HOSTILE_ATTR, HOSTILE)], new Date('2026-01-15T00:00:00Z'));
  report.portfolio.explanation = HOSTILE;
  return report;
}
