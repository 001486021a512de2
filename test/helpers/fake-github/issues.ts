import type { components } from '@octokit/openapi-types';
import { badCredentials, integrationForbidden, simpleUser, type FakeAuth } from './identity.js';
import type { FakeGitHub, FakeRequest, FakeResponse } from './server.js';

/**
 * Issue comments (pull requests are issues for comments), kept in memory:
 *   GET    /repos/:owner/:repo/issues/:issue_number/comments   (paginated: per_page ≤ 100, page, Link header)
 *   POST   /repos/:owner/:repo/issues/:issue_number/comments
 *   GET    /repos/:owner/:repo/issues/comments/:comment_id
 *   PATCH  /repos/:owner/:repo/issues/comments/:comment_id
 *   DELETE /repos/:owner/:repo/issues/comments/:comment_id
 * Authentication and permissions follow GitHub: unknown token → 401, read-only installation token (fork PR) → 403
 * "Resource not accessible by integration" on writes. Like GitHub, a token with write access may edit anyone's comment
 * (which is why the action must check the author, not only the marker).
 */

export type IssueComment = components['schemas']['issue-comment'];
type BasicError = components['schemas']['basic-error'];
type ValidationError = components['schemas']['validation-error'];

interface Stored {
  owner: string;
  repo: string;
  issue: number;
  comment: IssueComment;
}

const notFound = (anchor: string): FakeResponse => {
  const body: BasicError = { message: 'Not Found', documentation_url: `https://docs.github.com/rest/${anchor}`, status: '404' };
  return { status: 404, body };
};

export class FakeIssues {
  private store: Stored[] = [];
  private nextId = 1_000_001;
  /** Base of html_url / url values. */
  web = 'https://github.com';
  api = 'https://api.github.com';

  constructor(
    server: FakeGitHub,
    private readonly auth: FakeAuth,
  ) {
    this.install(server);
  }

  /** Adds a comment as if `login` had posted it. */
  seed(owner: string, repo: string, issue: number, login: string, body: string, at = '2025-01-01T00:00:00Z'): IssueComment {
    const c = this.make(owner, repo, issue, login, body, at);
    this.store.push({ owner, repo, issue, comment: c });
    return c;
  }

  /** The comments on one issue, oldest first. */
  list(owner: string, repo: string, issue: number): IssueComment[] {
    return this.store.filter((s) => s.owner === owner && s.repo === repo && s.issue === issue).map((s) => s.comment);
  }

  get(id: number): IssueComment | undefined {
    return this.store.find((s) => s.comment.id === id)?.comment;
  }

  private make(owner: string, repo: string, issue: number, login: string, body: string, at: string): IssueComment {
    const id = this.nextId++;
    return {
      id,
      node_id: `IC_fake${id}`,
      url: `${this.api}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `${this.web}/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      body,
      user: simpleUser(login),
      created_at: at,
      updated_at: at,
      issue_url: `${this.api}/repos/${owner}/${repo}/issues/${issue}`,
      author_association: login.endsWith('[bot]') ? 'NONE' : 'OWNER',
      performed_via_github_app: null,
    };
  }

  private install(server: FakeGitHub): void {
    const authed = (req: FakeRequest): FakeResponse | null => (this.auth.actor(req) ? null : badCredentials());

    server.route('GET', '/repos/:owner/:repo/issues/:issue_number/comments', (req) => {
      const denied = authed(req);
      if (denied) return denied;
      const { owner, repo } = req.params;
      const issue = Number(req.params.issue_number);
      const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
      const all = this.list(owner, repo, issue);
      const pages = Math.max(1, Math.ceil(all.length / perPage));
      const body: IssueComment[] = all.slice((page - 1) * perPage, page * perPage);
      const link = (p: number, rel: string): string =>
        `<${req.headers.host ? `http://${req.headers.host}` : ''}${req.path}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
      const links: string[] = [];
      if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
      if (page < pages) links.push(link(page + 1, 'next'), link(pages, 'last'));
      return { status: 200, body, headers: links.length ? { link: links.join(', ') } : {} };
    });

    server.route('POST', '/repos/:owner/:repo/issues/:issue_number/comments', (req) => {
      const a = this.auth.actor(req);
      if (!a) return badCredentials();
      if (a.readOnly) return integrationForbidden('issues/comments#create-an-issue-comment');
      const text = (req.body as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string' || text === '') return this.invalid('body', 'missing', 'issues/comments#create-an-issue-comment');
      if (text.length > 65536) return this.invalid('body', 'too long (maximum is 65536 characters)', 'issues/comments#create-an-issue-comment');
      const { owner, repo } = req.params;
      const issue = Number(req.params.issue_number);
      const c = this.make(owner, repo, issue, a.login, text, new Date().toISOString());
      this.store.push({ owner, repo, issue, comment: c });
      return { status: 201, body: c, headers: { location: c.url } };
    });

    server.route('GET', '/repos/:owner/:repo/issues/comments/:comment_id', (req) => {
      const denied = authed(req);
      if (denied) return denied;
      const c = this.get(Number(req.params.comment_id));
      return c ? { status: 200, body: c } : notFound('issues/comments#get-an-issue-comment');
    });

    server.route('PATCH', '/repos/:owner/:repo/issues/comments/:comment_id', (req) => {
      const a = this.auth.actor(req);
      if (!a) return badCredentials();
      const c = this.get(Number(req.params.comment_id));
      if (!c) return notFound('issues/comments#update-an-issue-comment');
      if (a.readOnly) return integrationForbidden('issues/comments#update-an-issue-comment');
      // Only the author edits a comment: an app's token gets GitHub's 403 on anyone else's.
      if (c.user?.login !== a.login) return integrationForbidden('issues/comments#update-an-issue-comment');
      const text = (req.body as { body?: unknown } | undefined)?.body;
      if (typeof text !== 'string' || text === '') return this.invalid('body', 'missing', 'issues/comments#update-an-issue-comment');
      if (text.length > 65536) return this.invalid('body', 'too long (maximum is 65536 characters)', 'issues/comments#update-an-issue-comment');
      c.body = text;
      c.updated_at = new Date().toISOString();
      return { status: 200, body: c };
    });

    server.route('DELETE', '/repos/:owner/:repo/issues/comments/:comment_id', (req) => {
      const a = this.auth.actor(req);
      if (!a) return badCredentials();
      const i = this.store.findIndex((s) => s.comment.id === Number(req.params.comment_id));
      if (i < 0) return notFound('issues/comments#delete-an-issue-comment');
      if (a.readOnly) return integrationForbidden('issues/comments#delete-an-issue-comment');
      this.store.splice(i, 1);
      return { status: 204 };
    });
  }

  private invalid(field: string, what: string, anchor: string): FakeResponse {
    const body: ValidationError = {
      message: 'Validation Failed',
      documentation_url: `https://docs.github.com/rest/${anchor}`,
      errors: [{ resource: 'IssueComment', code: 'custom', field, message: `${field} is ${what}` }],
    };
    return { status: 422, body };
  }
}
