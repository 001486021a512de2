import { httpStatus, isIntegrationForbidden, type GitHubClient } from './client.js';

/**
 * Which account a token posts as, so the sticky comment is found again by its author and never mistaken for a
 * comment someone else wrote (or quoted) with the same marker.
 *
 * What GitHub does:
 * - Personal access tokens (classic and fine-grained) and OAuth/user tokens: `GET /user` answers with the user.
 * - GitHub App installation tokens, which include the workflow's GITHUB_TOKEN: `GET /user` answers
 *   403 "Resource not accessible by integration" (the docs URL in the body points at "Get the authenticated user").
 *   `GET /app` needs the app's JWT, so it fails too. The GraphQL `viewer` does work for installation tokens and
 *   answers with the app's bot account, `<app-slug>[bot]`: `github-actions[bot]` for GITHUB_TOKEN, `my-app[bot]`
 *   for a token from actions/create-github-app-token. Comments posted with the token carry that same login.
 * So: `GET /user` first (one call for user tokens, and it works where GraphQL is unavailable); on the integration 403,
 * GraphQL `viewer { login }`; if that also fails, the token is an installation token and, the workflow's own token
 * being by far the most common, `github-actions[bot]` is assumed (and the log says so).
 */

export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface TokenIdentity {
  login: string;
  /**
   * The account's type as GitHub gives it on a comment's author ("User" or "Bot"). A user may pick a login that reads
   * like an app's bot ("github-actions", "portfolio-bot"): the type tells them apart.
   */
  type: 'User' | 'Bot';
  /** How the login was found. */
  via: 'rest-user' | 'graphql-viewer' | 'assumed-actions-bot';
}

export class IdentityError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'IdentityError';
  }
}

export async function tokenIdentity(client: GitHubClient): Promise<TokenIdentity> {
  let integration = false;
  try {
    const { data } = await client.rest.users.getAuthenticated();
    if (data?.login) return { login: data.login, type: data.type === 'Bot' ? 'Bot' : 'User', via: 'rest-user' };
  } catch (e) {
    const status = httpStatus(e);
    if (status === 401) throw new IdentityError('the token was rejected (401 Bad credentials): check the github-token input', 401);
    integration = isIntegrationForbidden(e);
  }
  try {
    const r = await client.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    const login = r?.viewer?.login;
    // After the integration 403 the token is an installation token, whose account is the app's bot.
    if (login) return { login, type: integration || /\[bot\]$/i.test(login) ? 'Bot' : 'User', via: 'graphql-viewer' };
  } catch (e) {
    if (httpStatus(e) === 401) throw new IdentityError('the token was rejected (401 Bad credentials): check the github-token input', 401);
    if (!integration) throw new IdentityError(`cannot tell which account the token belongs to (GET /user and GraphQL viewer failed: ${(e as Error).message})`, httpStatus(e));
  }
  if (integration) return { login: ACTIONS_BOT_LOGIN, type: 'Bot', via: 'assumed-actions-bot' };
  throw new IdentityError('cannot tell which account the token belongs to (GET /user and GraphQL viewer gave no login)');
}

/**
 * Logins compared case-insensitively and with any "[bot]" suffix dropped: GraphQL has been reported to name an app's
 * bot "github-actions" where REST comment authors read "github-actions[bot]".
 */
export function sameLogin(a: string | undefined | null, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\[bot\]$/, '');
  return !!a && norm(a) === norm(b);
}

/**
 * Whether a comment's author is the token's own account: same type (a comment without one is nobody's), and for a
 * Bot the same login with or without "[bot]" (see sameLogin), for a User exactly the same login (case-insensitive).
 * A User named "github-actions" is never github-actions[bot], and a bot "ada[bot]" is never the user "ada".
 */
export function isOwnAccount(user: { login?: string | null; type?: string | null } | null | undefined, identity: TokenIdentity): boolean {
  if (!user?.login || user.type !== identity.type) return false;
  if (identity.type === 'Bot') return sameLogin(user.login, identity.login);
  return user.login.toLowerCase() === identity.login.toLowerCase();
}
