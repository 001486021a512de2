import { createRequire } from 'node:module';
import type { components } from '@octokit/openapi-types';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import type { FakeAuth } from './identity.js';
import { badCredentials } from './identity.js';
import type { FakeGitHub } from './server.js';

/**
 * Real webhook payloads (from @octokit/webhooks-examples, GitHub's own examples) with the fields a test controls
 * overridden: repository, number, base/head sha, and whether the head lives in a fork.
 */

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];

export interface PullRequestEventOptions {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** Head branch in another user's fork (read-only GITHUB_TOKEN on GitHub). */
  forkOwner?: string;
  action?: 'opened' | 'synchronize';
}

function example(name: string, action?: string): Record<string, any> {
  const def = definitions.find((d) => d.name === name);
  const ex = def?.examples.find((e) => action === undefined || (e as { action?: string }).action === action);
  if (!ex) throw new Error(`@octokit/webhooks-examples has no ${name}.${action} example`);
  return structuredClone(ex) as Record<string, any>;
}

function retarget(repoObj: Record<string, any>, owner: string, repo: string): void {
  const from = repoObj.full_name as string;
  const to = `${owner}/${repo}`;
  const json = JSON.stringify(repoObj).split(from).join(to);
  const next = JSON.parse(json) as Record<string, any>;
  next.name = repo;
  next.full_name = to;
  next.owner.login = owner;
  next.fork = false;
  Object.assign(repoObj, next);
}

/** A `pull_request` event payload, as the runner writes it to GITHUB_EVENT_PATH. */
export function pullRequestEvent(o: PullRequestEventOptions): Record<string, any> {
  const ev = example('pull_request', o.action ?? 'opened');
  const pr = ev.pull_request as Record<string, any>;
  retarget(ev.repository, o.owner, o.repo);
  retarget(pr.base.repo, o.owner, o.repo);
  ev.number = o.number;
  pr.number = o.number;
  pr.url = `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}`;
  pr.html_url = `https://github.com/${o.owner}/${o.repo}/pull/${o.number}`;
  pr.issue_url = `https://api.github.com/repos/${o.owner}/${o.repo}/issues/${o.number}`;
  pr.base.sha = o.baseSha;
  pr.base.label = `${o.owner}:main`;
  pr.base.ref = 'main';
  pr.head.sha = o.headSha;
  if (o.forkOwner) {
    retarget(pr.head.repo, o.forkOwner, o.repo);
    pr.head.repo.fork = true;
    pr.head.label = `${o.forkOwner}:feature`;
    pr.head.user.login = o.forkOwner;
  } else {
    retarget(pr.head.repo, o.owner, o.repo);
    pr.head.label = `${o.owner}:feature`;
  }
  pr.head.ref = 'feature';
  return ev;
}

/** A `push` event payload. */
export function pushEvent(o: { owner: string; repo: string; before: string; after: string }): Record<string, any> {
  const ev = example('push');
  retarget(ev.repository, o.owner, o.repo);
  return { ...ev, ref: 'refs/heads/main', before: o.before, after: o.after };
}

type PullRequestSimple = components['schemas']['pull-request-simple'];

/** GET /repos/:owner/:repo/commits/:sha/pulls — the pull requests a commit belongs to (from a webhook PR object). */
export function installCommitPulls(server: FakeGitHub, auth: FakeAuth, prs: Array<Record<string, any>>): void {
  server.route('GET', '/repos/:owner/:repo/commits/:sha/pulls', (req) => {
    if (!auth.actor(req)) return badCredentials();
    const body = prs.filter((p) => p.head?.sha === req.params.sha) as unknown as PullRequestSimple[];
    return { status: 200, body };
  });
}

/** A `workflow_dispatch` event payload with the given inputs. */
export function workflowDispatchEvent(o: { owner: string; repo: string; inputs?: Record<string, string> }): Record<string, any> {
  const ev = example('workflow_dispatch');
  retarget(ev.repository, o.owner, o.repo);
  return { ...ev, inputs: o.inputs ?? {} };
}
