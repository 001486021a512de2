import { spreadDates, type FixtureCommit } from '../../../src/fixtures/git-repo.js';
import type { RuleCase, RepoSpec } from '../case.js';

const STEPS = [
  'Load the raw churn CSV and profile columns',
  'Drop duplicate customers and fix tenure types',
  'Add EDA notebook with churn by contract type',
  'Encode categorical features with one-hot encoding',
  'Split train and test sets stratified by churn',
  'Train logistic regression baseline',
  'Add gradient boosting model with early stopping',
  'Tune learning rate and depth with Optuna',
  'Evaluate on the test set: F1 and ROC-AUC',
  'Plot confusion matrix and ROC curve',
  'Save the model pipeline with joblib',
  'Add FastAPI predict endpoint',
  'Write Dockerfile for the API',
  'Add unit tests for the feature pipeline',
  'Document results and usage in the README',
];

/** A project built step by step: `n` commits spread over `days` days from `start`, each touching one or two files. */
function worked(n: number, days: number, start = '2025-09-01T09:00:00Z', author?: FixtureCommit['author']): FixtureCommit[] {
  return spreadDates(start, days, n).map((date, i) => ({
    date,
    message: `${STEPS[i % STEPS.length]}${i >= STEPS.length ? ` (part ${Math.floor(i / STEPS.length) + 1})` : ''}`,
    author,
    files: { [`src/step_${i % 12}.py`]: `# step ${i}\nVALUE = ${i}\n`, ...(i % 3 === 0 ? { 'notes.md': `progress ${i}\n` } : {}) },
  }));
}

/** The whole project pushed in one go ("Add files via upload"), then a README tweak. */
function uploaded(date = '2025-10-05T20:00:00Z'): RepoSpec {
  const files: Record<string, string> = { 'README.md': '# churn\n' };
  for (let i = 0; i < 24; i++) files[`src/module_${i}.py`] = `X = ${i}\n`;
  files['notebook.ipynb'] = '{"cells": [], "nbformat": 4}';
  const later = new Date(Date.parse(date) + 3_600_000).toISOString();
  return {
    commits: [
      { date, message: 'Add files via upload', files },
      { date: later, message: 'Update README.md', files: { 'README.md': '# churn\n\nChurn model.\n' } },
    ],
  };
}

export const cases: RuleCase[] = [
  {
    rule: 'history-commit-count',
    pass: { commits: worked(30, 40) },
    fail: { commits: worked(1, 0) },
  },
  {
    rule: 'history-active-days',
    pass: { commits: worked(20, 40) },
    // 12 commits in one evening: one active day.
    fail: { commits: worked(12, 0.1, '2025-09-01T18:00:00Z') },
  },
  {
    rule: 'history-span',
    pass: { commits: worked(10, 45) },
    fail: { commits: worked(10, 0.2) },
  },
  {
    rule: 'history-message-quality',
    pass: { commits: worked(12, 20) },
    fail: {
      commits: [
        ...uploaded().commits,
        { date: '2025-10-06T10:00:00Z', message: 'Update app.py', files: { 'app.py': 'print(1)\n' } },
        { date: '2025-10-07T10:00:00Z', message: 'fix', files: { 'app.py': 'print(2)\n' } },
        { date: '2025-10-08T10:00:00Z', message: 'final changes', files: { 'app.py': 'print(3)\n' } },
      ],
    },
  },
  {
    rule: 'history-one-shot',
    // A template scaffold first, then weeks of real work.
    pass: {
      commits: [
        {
          date: '2025-08-20T09:00:00Z',
          message: 'Initialize project from the data science template',
          files: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/step_${i}.py`, '# todo\n'])),
        },
        ...worked(20, 30),
      ],
    },
    fail: uploaded(),
  },
  {
    rule: 'history-recency',
    pass: { commits: worked(5, 20, '2025-10-01T09:00:00Z'), now: '2026-01-15T00:00:00Z' },
    fail: { commits: worked(5, 20, '2021-03-01T09:00:00Z'), now: '2026-01-15T00:00:00Z' },
  },
  {
    rule: 'history-main-author-share',
    pass: { commits: worked(10, 20) },
    // Ten people, one commit each: nobody's project.
    fail: {
      commits: worked(10, 20).map((c, i) => ({ ...c, author: { name: `Student ${i}`, email: `student${i}@uni.example` } })),
    },
  },
];
