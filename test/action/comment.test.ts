import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/action/client.js';
import { markerFor, ownComments, pullRequestForCommit, upsertStickyComment } from '../../src/action/comment.js';
import { installCommitPulls, pullRequestEvent } from '../helpers/fake-github/events.js';
import { FakeAuth, installIdentityRoutes } from '../helpers/fake-github/identity.js';
import { FakeIssues } from '../helpers/fake-github/issues.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';

const gh = new FakeGitHub();
const auth = new FakeAuth({
  ghs_workflow: { kind: 'installation', slug: 'github-actions' },
  ghs_fork: { kind: 'installation', slug: 'github-actions', readOnly: true },
});
installIdentityRoutes(gh, auth);
const issues = new FakeIssues(gh, auth);
const head = 'c'.repeat(40);
installCommitPulls(gh, auth, [pullRequestEvent({ owner: 'ada', repo: 'churn', number: 9, baseSha: 'b'.repeat(40), headSha: head }).pull_request]);
let url = '';
beforeAll(async () => {
  url = await gh.start();
});
afterAll(() => gh.stop());

const bot = { login: 'github-actions[bot]', type: 'Bot' as const, via: 'graphql-viewer' as const };
const marker = markerFor('.');

describe('sticky comment', () => {
  it('markers are per audited path and cannot end the HTML comment early', () => {
    expect(markerFor('.')).toBe('<!-- ml-portfolio-audit:sticky key=. -->');
    expect(markerFor('projects/cv')).toBe('<!-- ml-portfolio-audit:sticky key=projects/cv -->');
    const evil = markerFor('a --> <img src=x> <!-- b');
    expect(evil.slice(4, -3)).not.toMatch(/-->|<|>/);
  });

  it('creates one comment, then updates the same one on every run', async () => {
    const c = createClient('ghs_workflow', url);
    const t = { owner: 'ada', repo: 'churn', issueNumber: 1 };
    const first = await upsertStickyComment(c, t, marker, bot, `${marker}\nscore 62`);
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(c, t, marker, bot, `${marker}\nscore 71`);
    expect(second).toMatchObject({ action: 'updated', id: first.id, url: first.url });
    const list = issues.list('ada', 'churn', 1);
    expect(list).toHaveLength(1);
    expect(list[0].body).toBe(`${marker}\nscore 71`);
    expect(list[0].user?.login).toBe('github-actions[bot]');
  });

  it('finds its comment on a later page (paginates) and never touches a marked comment by someone else', async () => {
    for (let i = 0; i < 230; i++) issues.seed('ada', 'churn', 2, `reviewer${i % 7}`, `comment ${i}`);
    const quoted = issues.seed('ada', 'churn', 2, 'ada', `> ${marker}\n> quoting the bot`);
    const ours = issues.seed('ada', 'churn', 2, 'github-actions[bot]', `${marker}\nold`);
    const before = gh.count('GET', '/repos/ada/churn/issues/2/comments');
    const r = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 2 }, marker, bot, `${marker}\nnew`);
    expect(gh.count('GET', '/repos/ada/churn/issues/2/comments') - before).toBe(3); // 232 comments, 100 per page
    expect(r).toMatchObject({ action: 'updated', id: ours.id });
    expect(issues.get(ours.id as number)?.body).toBe(`${marker}\nnew`);
    expect(issues.get(quoted.id as number)?.body).toBe(`> ${marker}\n> quoting the bot`);
    expect(gh.requests.filter((q) => q.method === 'PATCH').map((q) => q.path)).not.toContain(`/repos/ada/churn/issues/comments/${quoted.id}`);
  });

  it("a marked comment by another user is not ours: a new comment is created beside it", async () => {
    const other = issues.seed('ada', 'churn', 3, 'someone-else', `${marker}\nfake audit: 100/100`);
    const r = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 3 }, marker, bot, `${marker}\nreal`);
    expect(r.action).toBe('created');
    expect(r.id).not.toBe(other.id);
    expect(issues.get(other.id as number)?.body).toBe(`${marker}\nfake audit: 100/100`);
  });

  it('a comment for another audited path is left alone', async () => {
    const mono = issues.seed('ada', 'churn', 4, 'github-actions[bot]', `${markerFor('projects/nlp')}\nnlp`);
    const r = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 4 }, markerFor('projects/cv'), bot, `${markerFor('projects/cv')}\ncv`);
    expect(r.action).toBe('created');
    expect(issues.get(mono.id as number)?.body).toContain('nlp');
  });

  it('duplicates of ours (two racing runs) converge to one: the newest is updated, the older one of ours removed, nobody else touched', async () => {
    const a = issues.seed('ada', 'churn', 5, 'github-actions[bot]', `${marker}\nA`);
    const lookalike = issues.seed('ada', 'churn', 5, 'github-actions', `${marker}\nlook-alike user`);
    const b = issues.seed('ada', 'churn', 5, 'github-actions[bot]', `${marker}\nB`);
    const other = issues.seed('ada', 'churn', 5, 'portfolio-bot[bot]', `${marker}\nanother app`);
    const r = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 5 }, marker, bot, `${marker}\nC`);
    expect(r).toMatchObject({ action: 'updated', id: b.id, removedDuplicates: [a.id] });
    expect(issues.list('ada', 'churn', 5).map((c) => c.body)).toEqual([`${marker}\nlook-alike user`, `${marker}\nC`, `${marker}\nanother app`]);
    expect(issues.get(lookalike.id as number)?.user?.type).toBe('User');
    expect(issues.get(other.id as number)?.body).toBe(`${marker}\nanother app`);
    // The next run finds exactly one and updates it.
    const again = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 5 }, marker, bot, `${marker}\nD`);
    expect(again).toMatchObject({ action: 'updated', id: b.id, removedDuplicates: [] });
  });

  it('a User whose login reads like the bot ("github-actions") is not the bot: its marked comment is neither edited nor deleted', async () => {
    const fake1 = issues.seed('ada', 'churn', 7, 'github-actions', `${marker}\nfake audit: 100/100`);
    const fake2 = issues.seed('ada', 'churn', 7, 'github-actions', `${marker}\nfake audit again`);
    const before = gh.requests.length;
    const r = await upsertStickyComment(createClient('ghs_workflow', url), { owner: 'ada', repo: 'churn', issueNumber: 7 }, marker, bot, `${marker}\nreal`);
    expect(r.action).toBe('created');
    const writes = gh.requests.slice(before).filter((q) => q.method === 'PATCH' || q.method === 'DELETE');
    expect(writes).toEqual([]);
    expect(issues.get(fake1.id as number)?.body).toBe(`${marker}\nfake audit: 100/100`);
    expect(issues.get(fake2.id as number)?.body).toBe(`${marker}\nfake audit again`);
    // A personal token's user "ada" does not own a bot "ada[bot]"'s comment either.
    const appComment = issues.seed('ada', 'churn', 7, 'ada[bot]', `${marker}\napp`);
    const mine = ownComments(issues.list('ada', 'churn', 7).map((c) => ({ ...c, id: Number(c.id) })), marker, { login: 'ada', type: 'User', via: 'rest-user' });
    expect(mine.map((c) => c.id)).not.toContain(Number(appComment.id));
  });

  it("a fork's read-only token gets GitHub's 403", async () => {
    const e = await upsertStickyComment(createClient('ghs_fork', url), { owner: 'ada', repo: 'churn', issueNumber: 6 }, marker, bot, `${marker}\nx`).catch((x: unknown) => x);
    expect((e as { status?: number }).status).toBe(403);
    expect((e as Error).message).toContain('Resource not accessible by integration');
    expect(issues.list('ada', 'churn', 6)).toEqual([]);
  });

  it('finds the open pull request of a pushed commit (comment: always)', async () => {
    expect(await pullRequestForCommit(createClient('ghs_workflow', url), 'ada', 'churn', head)).toEqual({ number: 9, baseSha: 'b'.repeat(40), headSha: head });
    expect(await pullRequestForCommit(createClient('ghs_workflow', url), 'ada', 'churn', 'd'.repeat(40))).toBeNull();
  });
});
