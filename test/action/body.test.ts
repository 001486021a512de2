import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/action/base-compare.js';
import { COMMENT_LIMIT, commentBody, fitSections, summaryBody, type BodyInput } from '../../src/action/body.js';
import { markerFor } from '../../src/action/comment.js';
import { reportOf, repoReport, rule } from '../helpers/fake-github/sample-report.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { liveReferences } from '../helpers/render.js';
import { auditSnapshot } from '../../src/audit.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { loadRules } from '../../src/rules/load.js';
import { errorReport } from '../../src/report/build.js';

const marker = markerFor('.');

/** Every <details> opened is closed, and code fences pair up: nothing was cut through a block. */
function balanced(body: string): void {
  expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
  expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
}

function input(o: Partial<BodyInput> & { repo: BodyInput['repo'] }): BodyInput {
  return { report: reportOf(o.repo), base: { kind: 'none' }, topFixes: 3, marker, ...o };
}

describe('comment body', () => {
  it('a huge evidence list: the body stays under 65,536 characters by dropping whole sections and says so', () => {
    const long = 'x'.repeat(110);
    const rules = Array.from({ length: 1500 }, (_, i) =>
      rule(`rule-${i}`, i % 2 ? 1 : 0.2, {
        evidence: [
          { path: `src/module_${i}/file_${i}.py`, line: i + 1, detail: `${long} ${i}` },
          { path: `notebooks/${i}.ipynb`, cell: 3, line: 2, detail: `${long} cell` },
          { path: `docs/${i}.md`, detail: long },
        ],
      }),
    );
    const r = repoReport('ada/churn', 71, rules, { detected: ['data', 'training'] });
    const { text, leftOut } = commentBody(input({ repo: r }));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text.startsWith(marker)).toBe(true);
    expect(text).toContain('## ML portfolio audit — 71/100 (B)');
    expect(text).toContain('### Fix next');
    expect(leftOut).toEqual(['evidence for passing rules', 'the evidence table']);
    expect(text).toContain("Left out to stay under GitHub's size limit: evidence for passing rules; the evidence table.");
    expect(text).not.toContain('Evidence for');
    balanced(text);

    // The job summary has a 1 MiB budget: the full evidence table fits there.
    const s = summaryBody(input({ repo: r }));
    expect(s.leftOut).toEqual([]);
    expect(s.text).toContain('<details><summary>Evidence for 1500 rules</summary>');
    expect(s.text).not.toContain(marker);
    balanced(s.text);
  });

  it('keeps the evidence of rules not yet passing when only the full table is too big', () => {
    const rules = Array.from({ length: 400 }, (_, i) =>
      rule(`rule-${i}`, i < 380 ? 1 : 0, { evidence: [{ path: `f${i}.py`, line: 1, detail: 'y'.repeat(110) }, { path: `g${i}.py`, line: 2, detail: 'z'.repeat(110) }] }),
    );
    const { text, leftOut } = commentBody(input({ repo: repoReport('ada/churn', 90, rules) }));
    expect(leftOut).toEqual(['evidence for passing rules']);
    expect(text).toContain('<details><summary>Evidence for the 20 rules not yet passing</summary>');
    balanced(text);
  });

  it('fix next: the groups of a real audit, the cap holders named, and no history advice for a course copy', async () => {
    const nb = (code: string): string => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', metadata: {}, source: [code], outputs: [], execution_count: null }] });
    const snap = memorySnapshot({
      id: 'ada/dl-course',
      commit: 'c'.repeat(40),
      commits: [{ sha: '1'.repeat(40), authorName: 'Ada', authorEmail: 'ada@example.com', date: '2025-03-02T10:00:00Z', subject: 'Add files via upload', filesChanged: 6, merge: false }],
      files: {
        'README.md': '# Deep learning course\n\nMy solutions to the Coursera Deep Learning Specialization assignments.\n',
        'week1/assignment_logistic_regression.ipynb': nb('import numpy as np\nfrom sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression().fit(X, y)\n'),
        'week2/assignment_shallow_network.ipynb': nb('import torch\nmodel.fit(X_train, y_train)\n'),
        'week3/assignment_deep_network.ipynb': nb('import tensorflow as tf\nmodel.fit(x, y, epochs=5)\n'),
      },
    });
    const r = await auditSnapshot(snap, { rules: loadRules(), now: new Date('2025-12-01T00:00:00Z') });
    expect(r.fixFirst!.omitted?.map((o) => o.fix)).toEqual(['history']);
    const { text } = commentBody(input({ repo: r }));
    const fixes = text.slice(text.indexOf('### Fix next'));
    expect(fixes).toMatch(/> 🔒 (Score capped at|Fixes count only up to) 45 .*`no-course-(folders|readme)`/);
    // Groups by what a person does, each with its exact gain and the score after it, best first.
    const gains = [...fixes.matchAll(/^\d\. \*\*[^*]+: \+([\d.]+)\*\* → [\d.]+$/gm)].map((m) => Number(m[1]));
    expect(gains).toEqual(r.fixFirst!.groups.slice(0, 3).map((g) => g.gain));
    expect(fixes).toContain('Build an original project on what you learnt');
    expect(fixes).toContain('No history advice: the repo reads as a copy');
    expect(text).not.toMatch(/several days|Commit as you work|commit each step/);
    balanced(text);
  });

  it('fitSections drops by dropOrder, never the always-kept sections, and keeps fences whole', () => {
    const sections = [
      { id: 'h', text: '# head', label: 'head' },
      { id: 'code', text: '```yaml\n' + 'a: 1\n'.repeat(50) + '```', label: 'the snippet', dropOrder: 2 },
      { id: 'big', text: '<details>\n\n' + 'b'.repeat(500) + '\n\n</details>', label: 'the big block', dropOrder: 1 },
      { id: 'f', text: 'footer', label: 'footer' },
    ];
    const small = fitSections(sections, 400);
    expect(small.leftOut).toEqual(['the big block']);
    expect(small.text).toContain('```yaml');
    balanced(small.text);
    const tiny = fitSections(sections, 200);
    expect(tiny.leftOut).toEqual(['the big block', 'the snippet']);
    expect(tiny.text).toMatch(/^# head\n\n> ✂️ Left out .*the big block; the snippet\. \n\nfooter\n$/s);
    balanced(tiny.text);
  });

  it('shows the score change, rules that now pass or fail, and stage changes', () => {
    const base = repoReport('ada/churn', 62, [rule('readme-setup', 0), rule('tests', 0.2), rule('ci', 1), rule('eval', 0.6)], { detected: ['data'] });
    const head = repoReport('ada/churn', 71, [rule('readme-setup', 1), rule('tests', 1), rule('ci', 0.1, { remediation: 'Add a CI workflow.' }), rule('eval', 0.8)], { detected: ['data', 'evaluation'] });
    const change = compareReports(base, head);
    const { text } = commentBody(input({ repo: head, base: { kind: 'compared', change, baseSha: 'b'.repeat(40) } }));
    expect(text).toContain('**score 62 → 71 (+9)**');
    expect(text).toContain('grade C → B');
    expect(text).toMatch(/✅ \*\*Now passing \(2\)\*\*\n\n- Rule readme-setup \(`readme-setup`\) · \+5 points\n- Rule tests \(`tests`\) · \+4 points/);
    expect(text).toMatch(/❌ \*\*Now failing \(1\)\*\*\n\n- Rule ci \(`ci`\) · -4\.5 points — Add a CI workflow\./);
    expect(text).toContain('✅ Evaluation now detected');
    expect(text).toContain('<details><summary>1 other rule changed</summary>');
    expect(text).toContain('| Rule eval (`eval`) | partial (60%) | partial (80%) | +1 |');
    balanced(text);
  });

  it('shows the category scores, base against head, as a table and a Mermaid chart GitHub renders', () => {
    const base = repoReport('ada/churn', 62, [rule('readme-setup', 0), rule('ci', 1)]);
    const head = repoReport('ada/churn', 71, [rule('readme-setup', 1), rule('ci', 1)]);
    const change = compareReports(base, head);
    const { text } = commentBody(input({ repo: head, base: { kind: 'compared', change, baseSha: 'b'.repeat(40) } }));
    const rows = change.categories;
    expect(rows.length).toBeGreaterThan(0);
    expect(text).toContain('| Category | Base | This pull request |');
    const chart = /```mermaid\nxychart-beta\n(.*?)\n```/s.exec(text);
    expect(chart, text).not.toBeNull();
    const lines = chart![1].split('\n').map((l) => l.trim());
    expect(lines).toContain(`x-axis [${rows.map((r) => `"${r.category}"`).join(', ')}]`);
    expect(lines).toContain('y-axis "score" 0 --> 100');
    expect(lines).toContain(`bar [${rows.map((r) => r.head).join(', ')}]`);
    expect(lines).toContain(`line [${rows.map((r) => r.base).join(', ')}]`);
    // Only numbers and the rules' own category names go into the chart.
    for (const l of lines.filter((x) => /^(bar|line) /.test(x))) expect(l).toMatch(/^(bar|line) \[[\d., ]+\]$/);
    balanced(text);
  });

  it('when the base commit is missing, says what is missing and how to fix it', () => {
    const r = repoReport('ada/churn', 50, [rule('a', 0.5)]);
    const { text } = commentBody(
      input({
        repo: r,
        base: { kind: 'unavailable', baseSha: 'b'.repeat(40), reason: 'the base commit bbbbbbb is not in this checkout (it is a shallow clone)', fix: 'set `fetch-depth: 0` on actions/checkout so the base commit and the full history are fetched' },
      }),
    );
    expect(text).toContain('> ⚠️ Not measured: the base commit bbbbbbb is not in this checkout');
    expect(text).toContain('```yaml\n- uses: actions/checkout@v5\n  with:\n    fetch-depth: 0\n```');
  });

  it('a shallow checkout: history rules are "not measurable" with the fetch-depth fix', () => {
    const r = repoReport('ada/churn', 60, [rule('history-steady', null, { category: 'history', note: 'shallow clone' }), rule('a', 0.6)], {
      history: { commits: 1, shallow: true, truncated: false, totalCount: null, firstCommit: null, lastCommit: null },
    });
    const { text } = commentBody(input({ repo: r }));
    expect(text).toContain('**History rules not measurable (`history-steady`):** this is a shallow checkout');
    expect(text).toContain('fetch-depth: 0');
    expect(text).toContain('| Rule history-steady (`history-steady`) | n/a | 0/0 | not measurable: shallow clone |');
  });

  it('untrusted text is escaped: no live @mentions, no HTML breaking out of <details>, no raw links', () => {
    const r = repoReport('ada/churn', 40, [
      rule('readme-x', 0, {
        category: 'readme',
        evidence: [
          { path: 'README.md', line: 3, detail: 'hi @octocat </details><script>alert(1)</script> ::error::x https://evil.example' },
          { path: '</details><img src=x onerror=alert(1)>@team.py', line: 1, detail: '`code` | pipe' },
        ],
      }),
    ]);
    for (const body of [commentBody(input({ repo: r })).text, summaryBody(input({ repo: r })).text]) {
      expect(body).not.toMatch(/@octocat|@team/);
      expect(body).not.toContain('<script>');
      expect(body).not.toContain('<img');
      expect(body).not.toContain('https://evil');
      expect((body.match(/<\/details>/g) ?? []).length).toBe((body.match(/<details>/g) ?? []).length);
    }
  });

  it('issue references from the repo (#1, GH-2, owner/repo#3) are not live in the comment, the summary or the Markdown report', () => {
    const refs = 'closes #101, GH-102, octo/other#103';
    const r = repoReport('ada/churn', 40, [
      rule('readme-x', 0, {
        category: 'readme',
        note: `note ${refs}`,
        evidence: [
          { path: 'README.md', line: 3, detail: `README: ${refs}` },
          { detail: `commit message: "Fix ${refs}"` },
          { path: `src/#104/GH-105.py`, line: 1, detail: 'path' },
        ],
      }),
    ]);
    r.notes.push({ kind: 'info', message: `config .ml-portfolio-audit.yml: exclude "${refs}" leaves out no file` });
    r.notes.push({ kind: 'skipped', path: 'data/#106.csv', message: `unreadable ${refs}` } as never);
    const failed = errorReport('ada/other', `cannot read ${refs}`);
    const bodies = [
      commentBody(input({ repo: r })).text,
      summaryBody(input({ repo: r })).text,
      renderMarkdown(reportOf(r)),
      commentBody(input({ repo: failed })).text,
    ];
    for (const body of bodies) {
      expect(body).toMatch(/101/);
      expect(liveReferences(body)).toEqual([]);
    }
  });
});
