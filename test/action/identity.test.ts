import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/action/client.js';
import { ACTIONS_BOT_LOGIN, IdentityError, isOwnAccount, sameLogin, tokenIdentity } from '../../src/action/identity.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeAuth, installIdentityRoutes } from '../helpers/fake-github/identity.js';

const gh = new FakeGitHub();
const auth = new FakeAuth({
  'ghp_personal': { kind: 'user', login: 'ada-candidate' },
  'ghs_workflow': { kind: 'installation', slug: 'github-actions' },
  'ghs_customapp': { kind: 'installation', slug: 'portfolio-bot' },
  'ghs_noviewer': { kind: 'installation', slug: 'github-actions', viewerFails: true },
});
installIdentityRoutes(gh, auth);
let url = '';
beforeAll(async () => {
  url = await gh.start();
});
afterAll(() => gh.stop());

describe('token identity (no GET /user for installation tokens)', () => {
  it('logins match case-insensitively, with or without the [bot] suffix', () => {
    expect(sameLogin('github-actions[bot]', 'github-actions')).toBe(true);
    expect(sameLogin('GitHub-Actions', 'github-actions[bot]')).toBe(true);
    expect(sameLogin('mallory', 'github-actions[bot]')).toBe(false);
    expect(sameLogin(undefined, 'github-actions[bot]')).toBe(false);
  });

  it("a comment is the account's own only when the type matches too: a User named like the bot is not the bot, nor a bot the user", () => {
    const bot = { login: 'github-actions[bot]', type: 'Bot' as const, via: 'graphql-viewer' as const };
    expect(isOwnAccount({ login: 'github-actions[bot]', type: 'Bot' }, bot)).toBe(true);
    expect(isOwnAccount({ login: 'github-actions', type: 'Bot' }, bot)).toBe(true);
    expect(isOwnAccount({ login: 'github-actions', type: 'User' }, bot)).toBe(false);
    expect(isOwnAccount({ login: 'GitHub-Actions', type: 'Organization' }, bot)).toBe(false);
    expect(isOwnAccount({ login: 'github-actions[bot]' }, bot)).toBe(false);
    const user = { login: 'ada', type: 'User' as const, via: 'rest-user' as const };
    expect(isOwnAccount({ login: 'Ada', type: 'User' }, user)).toBe(true);
    expect(isOwnAccount({ login: 'ada[bot]', type: 'Bot' }, user)).toBe(false);
    expect(isOwnAccount({ login: 'ada[bot]', type: 'User' }, user)).toBe(false);
    expect(isOwnAccount(null, user)).toBe(false);
  });

  it('a personal access token: GET /user answers, GraphQL is not needed', async () => {
    const before = gh.requests.length;
    expect(await tokenIdentity(createClient('ghp_personal', url))).toEqual({ login: 'ada-candidate', type: 'User', via: 'rest-user' });
    expect(gh.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user']);
  });

  it("the workflow's GITHUB_TOKEN: GET /user is 403 'Resource not accessible by integration', GraphQL viewer says github-actions[bot]", async () => {
    const res = await fetch(`${url}/user`, { headers: { authorization: 'token ghs_workflow' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      status: '403',
    });
    const before = gh.requests.length;
    expect(await tokenIdentity(createClient('ghs_workflow', url))).toEqual({ login: 'github-actions[bot]', type: 'Bot', via: 'graphql-viewer' });
    expect(gh.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user', 'POST /graphql']);
  });

  it('a GitHub App installation token (create-github-app-token): the app bot', async () => {
    expect(await tokenIdentity(createClient('ghs_customapp', url))).toEqual({ login: 'portfolio-bot[bot]', type: 'Bot', via: 'graphql-viewer' });
  });

  it('an installation token whose viewer query fails: assumes the Actions bot and says so', async () => {
    expect(await tokenIdentity(createClient('ghs_noviewer', url))).toEqual({ login: ACTIONS_BOT_LOGIN, type: 'Bot', via: 'assumed-actions-bot' });
  });

  it('a bad token is an error naming the input', async () => {
    const e = await tokenIdentity(createClient('nope', url)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IdentityError);
    expect((e as IdentityError).message).toContain('github-token');
    expect((e as IdentityError).message).not.toContain('nope');
  });
});
