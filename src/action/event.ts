import { basename, relative } from 'node:path';
import type { context as githubContext } from '@actions/github';
import type { ActionInputs } from './inputs.js';

/**
 * The workflow event the action runs on, read from @actions/github's `context` (the runner's GITHUB_EVENT_PATH
 * payload, GITHUB_EVENT_NAME, GITHUB_SHA, GITHUB_REPOSITORY): which repository, which commit, and on a pull request
 * its number, base and head commits, and whether it comes from a fork.
 */

/** The part of @actions/github's `context` the action reads (tests pass a plain object built from a real payload). */
export type EventContext = Pick<typeof githubContext, 'eventName' | 'sha' | 'payload' | 'repo'>;

export interface PullRequestRef {
  number: number;
  baseSha: string;
  headSha: string;
  /** Head repository differs from the base repository. */
  fork: boolean;
}

export interface EventInfo {
  name: string;
  owner?: string;
  repo?: string;
  sha?: string;
  pr?: PullRequestRef;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function readEvent(ctx: EventContext): EventInfo {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event payload is read field by field below, each checked
  const payload: any = ctx.payload ?? {};
  let owner: string | undefined;
  let repo: string | undefined;
  try {
    ({ owner, repo } = ctx.repo); // GITHUB_REPOSITORY, else the payload's repository; throws when neither is there
  } catch {
    /* neither: no comment can be posted (said where the comment is decided) */
  }
  if (!owner || !repo) {
    owner = payload?.repository?.owner?.login;
    repo = payload?.repository?.name;
  }
  const info: EventInfo = { name: ctx.eventName ?? '', owner, repo, sha: ctx.sha };
  const pr = payload?.pull_request;
  if (PR_EVENTS.has(info.name) && pr && typeof pr.number === 'number') {
    info.pr = {
      number: pr.number,
      baseSha: String(pr.base?.sha ?? ''),
      headSha: String(pr.head?.sha ?? ''),
      fork: !!pr.head?.repo?.full_name && pr.head.repo.full_name !== pr.base?.repo?.full_name,
    };
  }
  return info;
}

/** "owner/repo", plus the sub-folder when a monorepo path is audited; `key` is that sub-folder ('.' for the root). */
export function displayId(inputs: Pick<ActionInputs, 'path'>, workspace: string, ev: EventInfo): { id: string; key: string } {
  const rel = relative(workspace, inputs.path).split('\\').join('/');
  const key = rel === '' ? '.' : rel;
  const repoName = ev.owner && ev.repo ? `${ev.owner}/${ev.repo}` : basename(workspace);
  if (key === '.') return { id: repoName, key };
  return { id: rel.startsWith('..') ? basename(inputs.path) : `${repoName}/${rel}`, key };
}
