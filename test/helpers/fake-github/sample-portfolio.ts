import { fakeRepoFromFiles, type FakeRepos } from './repos.js';

/** A small ML project's files (text written for these tests): data loading, training, a README. */
export const projectFiles = (i: number): Record<string, string> => ({
  'README.md': `# Project ${i}\n\nPredicts churn for a telecom operator.\n`,
  'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.0\n',
  'src/train.py': `import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndf = pd.read_csv("data/train.csv")\nmodel = LogisticRegression(C=${i})\nmodel.fit(df[["a"]], df["y"])\n`,
});

/** User "ada": three own projects (most recently pushed first: churn, vision, nlp) and one fork. */
export function addSamplePortfolio(store: FakeRepos): void {
  store.add(fakeRepoFromFiles('ada', 'churn', projectFiles(1), { pushedAt: '2025-12-01T00:00:00Z' }));
  store.add(fakeRepoFromFiles('ada', 'vision', projectFiles(2), { pushedAt: '2025-11-01T00:00:00Z' }));
  store.add(fakeRepoFromFiles('ada', 'nlp', projectFiles(3), { pushedAt: '2025-10-01T00:00:00Z' }));
  store.add(fakeRepoFromFiles('ada', 'their-fork', projectFiles(4), { pushedAt: '2025-09-01T00:00:00Z', isFork: true, parent: 'bigcorp/framework' }));
}

/** What an audit of ada's repositories reports for each, in order: the three projects audited, the fork skipped. */
export const SAMPLE_PORTFOLIO_STATUSES: Array<[string, string]> = [
  ['ada/churn', 'ok'],
  ['ada/vision', 'ok'],
  ['ada/nlp', 'ok'],
  ['ada/their-fork', 'skipped'],
];
