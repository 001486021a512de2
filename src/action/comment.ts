import type { GitHubClient } from './client.js';
import { isOwnAccount, type TokenIdentity } from './identity.js';

/**
 * The sticky comment: exactly one per pull request (and per audited path), found again on every run by a hidden marker
 * *and* by its author being the token's account (login and account type: a User named like the bot is not the bot),
 * then updated in place. A comment by anyone else that carries the marker (a quote, a copy, a comment from an earlier
 * setup with another token, a look-alike account) is never edited or deleted.
 */

const MARKER_NAME = 'ml-portfolio-audit:sticky';

/**
 * The hidden marker for one audited path. `key` is the path relative to the workspace ('.' for the whole repo), so two
 * jobs auditing two projects of a monorepo keep two comments. Only characters that cannot end an HTML comment remain.
 */
export function markerFor(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/-{2,}/g, '-').slice(0, 200) || '.';
  return `<!-- ${MARKER_NAME} key=${safe} -->`;
}

interface StickyTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

interface StickyResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
  /** Other comments of ours with this marker (e.g. from two runs racing) that were deleted. */
  removedDuplicates: number[];
}

interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** Our comments for this marker, oldest first. */
export function ownComments<C extends CommentLike>(comments: C[], marker: string, identity: TokenIdentity): C[] {
  return comments
    .filter((c) => (c.body ?? '').includes(marker) && isOwnAccount(c.user, identity))
    .sort((a, b) => a.id - b.id);
}

/** Creates the sticky comment or updates it in place. Reads every page of the comment list. */
export async function upsertStickyComment(
  client: GitHubClient,
  target: StickyTarget,
  marker: string,
  identity: TokenIdentity,
  body: string,
): Promise<StickyResult> {
  const { owner, repo, issueNumber } = target;
  if (!body.includes(marker)) throw new Error('internal: the comment body must carry its marker');
  const all = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const mine = ownComments(all, marker, identity);
  if (mine.length === 0) {
    const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: 'created', id: data.id, url: data.html_url, removedDuplicates: [] };
  }
  // The newest is kept (it is where the conversation is); older ones of ours, left by two runs racing, are removed.
  const keep = mine[mine.length - 1];
  const extra = mine.slice(0, -1);
  const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
  const removed: number[] = [];
  for (const d of extra) {
    try {
      await client.rest.issues.deleteComment({ owner, repo, comment_id: d.id });
      removed.push(d.id);
    } catch {
      // A duplicate that cannot be deleted is harmless: the newest one stays the sticky comment.
    }
  }
  return { action: 'updated', id: data.id, url: data.html_url, removedDuplicates: removed };
}

/**
 * The open pull request a pushed commit belongs to (comment: always on push events). Prefers a PR whose head is this
 * very commit; null when there is none.
 */
export async function pullRequestForCommit(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<{ number: number; baseSha: string; headSha: string } | null> {
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 });
  const open = data.filter((p) => p.state === 'open');
  const pr = open.find((p) => p.head.sha === sha) ?? open[0];
  return pr ? { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha } : null;
}
