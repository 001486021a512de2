import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { strongProjectCommits } from '../../../src/demo/samples.js';
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
