import type { components } from '@octokit/openapi-types';
import type { FakeGitHub, FakeRequest, FakeResponse } from './server.js';

/**
 * Tokens and "who am I" endpoints, the way GitHub answers them:
 * - a user token (PAT): GET /user → the user; GraphQL viewer → the user;
 * - an installation token (the workflow's GITHUB_TOKEN is one): GET /user → 403 "Resource not accessible by
 *   integration"; GraphQL viewer → the app's bot, "<slug>[bot]";
 * - an unknown token: 401 "Bad credentials" everywhere.
 * A read-only installation token (what a fork's pull request gets) can read but every write answers 403.
 */

type BasicError = components['schemas']['basic-error'];
type SimpleUser = components['schemas']['simple-user'];
type PrivateUser = components['schemas']['private-user'];

export type FakeToken =
  | { kind: 'user'; login: string; id?: number }
  | { kind: 'installation'; slug: string; readOnly?: boolean; viewerFails?: boolean };

export interface Actor {
  token: FakeToken;
  login: string;
  readOnly: boolean;
}

export const docs = (anchor: string): string => `https://docs.github.com/rest/${anchor}`;

/** GitHub's body for a missing permission of an installation token. */
export function integrationForbidden(anchor: string): FakeResponse {
  const body: BasicError = { message: 'Resource not accessible by integration', documentation_url: docs(anchor), status: '403' };
  return { status: 403, body };
}

export function badCredentials(): FakeResponse {
  const body: BasicError = { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' };
  return { status: 401, body };
}

export function loginOf(t: FakeToken): string {
  return t.kind === 'user' ? t.login : `${t.slug}[bot]`;
}

function idOf(login: string): number {
  if (login === 'github-actions[bot]') return 41898282;
  let h = 7;
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + h;
}

/** A user object as GitHub embeds it (comment authors etc.). */
export function simpleUser(login: string): SimpleUser {
  const id = idOf(login);
  const bot = login.endsWith('[bot]');
  const api = 'https://api.github.com/users/' + encodeURIComponent(login);
  return {
    login,
    id,
    node_id: `${bot ? 'BOT' : 'U'}_fake${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: bot ? `https://github.com/apps/${login.slice(0, -5)}` : `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: bot ? 'Bot' : 'User',
    site_admin: false,
    user_view_type: 'public',
  };
}

export class FakeAuth {
  constructor(readonly tokens: Record<string, FakeToken>) {}

  /** The caller, from "Authorization: token X" / "Bearer X"; null when missing or unknown. */
  actor(req: FakeRequest): Actor | null {
    const h = String(req.headers.authorization ?? '');
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(h);
    const t = m ? this.tokens[m[1].trim()] : undefined;
    if (!t) return null;
    return { token: t, login: loginOf(t), readOnly: t.kind === 'installation' && !!t.readOnly };
  }
}

/** GET /user and POST /graphql (viewer only). */
export function installIdentityRoutes(server: FakeGitHub, auth: FakeAuth): void {
  server.route('GET', '/user', (req) => {
    const a = auth.actor(req);
    if (!a) return badCredentials();
    if (a.token.kind === 'installation') return integrationForbidden('users/users#get-the-authenticated-user');
    const u = simpleUser(a.login);
    const body: PrivateUser = {
      ...u,
      name: a.login,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 3,
      public_gists: 0,
      followers: 1,
      following: 1,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
    };
    return { status: 200, body };
  });

  server.route('POST', '/graphql', (req) => {
    const a = auth.actor(req);
    if (!a) return badCredentials();
    const query = String((req.body as { query?: unknown } | undefined)?.query ?? '');
    if (!/\bviewer\b/.test(query)) {
      return { status: 200, body: { errors: [{ type: 'UNSUPPORTED', message: 'this fake server only answers viewer queries' }] } };
    }
    if (a.token.kind === 'installation' && a.token.viewerFails) {
      return { status: 200, body: { data: null, errors: [{ type: 'FORBIDDEN', path: ['viewer'], message: 'Resource not accessible by integration' }] } };
    }
    return { status: 200, body: { data: { viewer: { login: a.login } } } };
  });
}
