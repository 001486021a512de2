import { afterEach, describe, expect, it } from 'vitest';
import {
  apiBaseUrl,
  graphqlUrl,
  looksRemote,
  parseRepoTarget,
  resolveTargets,
  splitTargetList,
  targetKey,
  TargetError,
} from '../../src/sources/github.js';
import { blobsQuery, HISTORY_PAGE_QUERY, repoQuery, USER_REPOS_QUERY } from '../../src/sources/github-queries.js';
import { validateGithubQuery } from '../helpers/fake-github/graphql.js';

describe('parseRepoTarget', () => {
  it.each([
    ['ada/churn-radar', { owner: 'ada', name: 'churn-radar' }],
    ['ada/churn-radar@v1.2', { owner: 'ada', name: 'churn-radar', ref: 'v1.2' }],
    ['ada/churn.radar_2@feature/new-model', { owner: 'ada', name: 'churn.radar_2', ref: 'feature/new-model' }],
    ['ada-l/x@0123456789abcdef0123456789abcdef01234567', { owner: 'ada-l', name: 'x', ref: '0123456789abcdef0123456789abcdef01234567' }],
    ['https://github.com/ada/churn-radar', { owner: 'ada', name: 'churn-radar' }],
    ['https://github.com/ada/churn-radar.git', { owner: 'ada', name: 'churn-radar' }],
    ['https://github.com/ada/churn-radar/', { owner: 'ada', name: 'churn-radar' }],
    ['https://www.github.com/ada/churn-radar/tree/dev/x', { owner: 'ada', name: 'churn-radar', ref: 'dev/x' }],
    ['github.com/ada/churn-radar', { owner: 'ada', name: 'churn-radar' }],
    ['git@github.com:ada/churn-radar.git', { owner: 'ada', name: 'churn-radar' }],
    ['https://ghe.example.com/team/model', { owner: 'team', name: 'model', host: 'ghe.example.com' }],
    ['  ada/x  ', { owner: 'ada', name: 'x' }],
  ])('%s', (input, want) => {
    expect(parseRepoTarget(input)).toEqual(want);
  });

  it.each([
    ['', /empty/],
    ['ada', /exactly one "\/"/],
    ['ada/x/y', /exactly one "\/"/],
    ['-ada/x', /owner "-ada" is not a GitHub account name/],
    ['ad a/x', /owner "ad a"/],
    ['a'.repeat(40) + '/x', /at most 39/],
    ['ada/x y', /"x y" is not a repository name/],
    ['ada/..', /".." is not a repository name/],
    ['ada/' + 'n'.repeat(101), /at most 100/],
    ['ada/x@', /"" is not a valid git ref name/],
    ['ada/x@a..b', /not a valid git ref name/],
    ['ada/x@has space', /not a valid git ref name/],
    ['https://github.com/ada', /does not name a repository/],
    ['https://github.com/ada/x/issues/3', /not a page inside it/],
    ['ftp://github.com/ada/x', /unsupported URL scheme/],
  ])('rejects %j', (input, msg) => {
    expect(() => parseRepoTarget(input)).toThrow(msg);
    try {
      parseRepoTarget(input);
    } catch (e) {
      expect(e).toBeInstanceOf(TargetError);
      expect((e as TargetError).hint).toBeTruthy();
    }
  });

  it('keys are case-insensitive for names, not refs', () => {
    expect(targetKey(parseRepoTarget('ADA/Churn'))).toBe(targetKey(parseRepoTarget('https://github.com/ada/churn.git')));
    expect(targetKey(parseRepoTarget('ada/churn@Main'))).not.toBe(targetKey(parseRepoTarget('ada/churn@main')));
  });
});

describe('local or remote', () => {
  it('looksRemote', () => {
    for (const s of ['ada/x', 'ada/x@v1', 'ada/x@feat/y', 'https://github.com/a/b', 'git@github.com:a/b', 'bad owner/x']) expect(looksRemote(s), s).toBe(true);
    for (const s of ['.', './ada/x', '../x', '/abs/path', 'projects/ml/churn', 'C:\\code\\x', 'dir\\x', 'single', '~/code/x'])
      expect(looksRemote(s), s).toBe(false);
  });

  it('resolveTargets: existing paths win, duplicates are dropped in first-seen order', () => {
    const exists = (p: string) => p === 'ada/x-local' || p === '.';
    const { targets, duplicates } = resolveTargets(
      ['ada/x-local', 'ada/churn', '.', 'https://github.com/ADA/churn', 'ada/churn@dev', 'bad owner/x', './', 'missing-dir', ''],
      { exists },
    );
    expect(targets.map((t) => [t.kind, t.input])).toEqual([
      ['local', 'ada/x-local'],
      ['remote', 'ada/churn'],
      ['local', '.'],
      ['remote', 'ada/churn@dev'],
      ['invalid', 'bad owner/x'],
      ['local', 'missing-dir'],
    ]);
    expect(duplicates).toEqual([
      { input: 'https://github.com/ADA/churn', sameAs: 'ada/churn' },
      { input: './', sameAs: '.' },
    ]);
  });

  it('splitTargetList: the Action input, newline or comma separated, comments ignored', () => {
    expect(splitTargetList('ada/a, ada/b\n\n  ada/c@v1  # the best one\n# ada/skipped\nhttps://github.com/ada/d,')).toEqual([
      'ada/a',
      'ada/b',
      'ada/c@v1',
      'https://github.com/ada/d',
    ]);
  });
});

describe('API URLs', () => {
  const saved = process.env.GITHUB_API_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_API_URL;
    else process.env.GITHUB_API_URL = saved;
  });

  it('GraphQL endpoint: github.com, GHES /api/v3 → /api/graphql, others', () => {
    expect(graphqlUrl('https://api.github.com')).toBe('https://api.github.com/graphql');
    expect(graphqlUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql');
    expect(graphqlUrl('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/graphql');
    expect(graphqlUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/graphql');
  });

  it('base URL: option, then GITHUB_API_URL, then api.github.com; bad URLs explained', () => {
    delete process.env.GITHUB_API_URL;
    expect(apiBaseUrl()).toBe('https://api.github.com');
    process.env.GITHUB_API_URL = 'https://ghe.example.com/api/v3/';
    expect(apiBaseUrl()).toBe('https://ghe.example.com/api/v3');
    expect(apiBaseUrl('https://other.example.com/api/v3')).toBe('https://other.example.com/api/v3');
    expect(() => apiBaseUrl('not a url')).toThrow(/invalid API URL "not a url": expected e.g. https:\/\/api.github.com/);
  });
});

describe('GraphQL documents against GitHub’s published schema', () => {
  it.each([
    ['repo, default branch', repoQuery(false), { owner: 'a', name: 'b', first: 100 }],
    ['repo, ref', repoQuery(true), { owner: 'a', name: 'b', first: 100, ref: 'v1' }],
    ['history page', HISTORY_PAGE_QUERY, { owner: 'a', name: 'b', oid: 'a'.repeat(40), first: 100, after: 'x' }],
    ['blobs', blobsQuery(Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(40, '0'))), { owner: 'a', name: 'b' }],
    ['user repos', USER_REPOS_QUERY, { login: 'a', first: 100, after: null, withForks: true }],
  ])('%s is valid and within GitHub’s limits', (_, query, vars) => {
    expect(validateGithubQuery(query, vars)).toEqual([]);
  });

  it('the validator rejects what GitHub rejects (unknown field, missing or too large page size)', () => {
    expect(validateGithubQuery('query { repository(owner: "a", name: "b") { nameWithOwnr } }')).toEqual([
      expect.stringContaining('Cannot query field "nameWithOwnr" on type "Repository"'),
    ]);
    expect(validateGithubQuery('query { repository(owner: "a", name: "b") { issues { totalCount } } }')).toEqual([
      expect.stringContaining('You must provide a `first` or `last` value'),
    ]);
    expect(validateGithubQuery('query { repository(owner: "a", name: "b") { issues(first: 101) { totalCount } } }')).toEqual([
      expect.stringContaining('exceeds the `first` limit of 100'),
    ]);
    const deep = 'query { search(query: "x", type: REPOSITORY, first: 100) { nodes { ... on Repository { issues(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }';
    expect(validateGithubQuery(deep)).toEqual([expect.stringContaining('exceeds the maximum limit of 500,000')]);
  });

  it('blobsQuery refuses anything but object ids (nothing is spliced into the query)', () => {
    expect(() => blobsQuery(['") { x } #'])).toThrow(/not an object id/);
  });
});
