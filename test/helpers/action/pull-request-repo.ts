import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { notebookProjectCommits, strongProjectCommits } from '../../../src/demo/samples.js';
import { buildGitRepo } from '../../../src/fixtures/git-repo.js';
import { tmpDir } from '../tmp.js';

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/**
 * A pull request's repository: `origin` holds the demo's strong sample project, whose first 5 commits are the base
 * (the first steps) and whose last commit is the head (data → training → evaluation → API); `full` is a full clone of
 * it (actions/checkout with fetch-depth: 0). Removed with the test file's temp folders.
 */
export function pullRequestRepo(): { origin: string; full: string; baseSha: string; headSha: string } {
  const root = tmpDir('mlpa-pr-repo-');
  const origin = join(root, 'origin');
  const commits = strongProjectCommits();
  const headSha = buildGitRepo(origin, commits);
  const baseSha = git(origin, 'rev-parse', `HEAD~${commits.length - 5}`);
  const full = join(root, 'full');
  execFileSync('git', ['clone', '-q', `file://${origin}`, full]);
  return { origin, full, baseSha, headSha };
}

/**
 * A weak repository (the demo's notebook project) whose last commit message and README carry workflow commands, HTML,
 * mentions and issue references: the fail-under tests check that none of it reaches the runner as a command.
 */
export function injectedWeakRepo(): { dir: string; sha: string } {
  const dir = join(tmpDir('mlpa-e2e-weak-'), 'ws');
  buildGitRepo(dir, [
    ...notebookProjectCommits(),
    {
      date: '2025-06-12T10:00:00Z',
      message: '::error::injected from a commit message, fixes #7 and octo/other#8',
      files: { 'README.md': '# House prices\n\ncc @octocat </details><script>alert(1)</script> see #12, GH-5 and octo/other#9\n::error file=x::injected from the README\n' },
    },
  ]);
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}
