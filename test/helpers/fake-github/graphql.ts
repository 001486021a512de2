/**
 * GraphQL for the loopback GitHub: every document is validated against GitHub's published schema
 * (@octokit/graphql-schema's schema.json through graphql's buildClientSchema) plus GitHub's own limits (every
 * connection needs `first` or `last` from 1 to 100; at most 500,000 nodes), then executed by graphql-js against the
 * FakeRepos store, so answers have exactly the shape the query asks for. A rejected query answers like GitHub
 * (HTTP 200 with `errors`) and is recorded in `store.rejectedQueries`, so tests fail on a query GitHub would reject.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema,
  execute,
  getNamedType,
  GraphQLError,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { FakeCommit, FakeRepo, FakeRepos } from './repos.js';
import { GRAPHQL_TIMEOUT_MESSAGE, primaryRateLimited } from './repos.js';
import type { FakeGitHub, FakeRequest, FakeResponse } from './server.js';

let cached: GraphQLSchema | undefined;

/**
 * @octokit/graphql-schema's schema.json, read as a file: the package's entry point parses it twice and builds a second
 * schema of its own at import (its `validate`, ~0.3 s of CPU per test worker), and its exports name no other file.
 */
function schemaJsonPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const p = join(dir, 'node_modules', '@octokit', 'graphql-schema', 'schema.json');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) throw new Error('@octokit/graphql-schema/schema.json not found in any node_modules above test/helpers');
  }
}

/** GitHub's GraphQL schema, built once per process. */
export function githubSchema(): GraphQLSchema {
  cached ??= buildClientSchema(JSON.parse(readFileSync(schemaJsonPath(), 'utf8')) as IntrospectionQuery);
  return cached;
}

/**
 * A query text parsed and validated against the schema once per process: the engine sends the same few documents
 * with different variables, and each request parsed it twice (validation, execution) and validated it against the
 * whole schema again. `errors` holds the spec's validation errors (GitHub's limits depend on the variables).
 */
const documents = new Map<string, { doc: DocumentNode; errors: string[] } | { syntax: string }>();

function parsedQuery(query: string): { doc: DocumentNode; errors: string[] } | { syntax: string } {
  let d = documents.get(query);
  if (!d) {
    try {
      const doc = parse(query);
      d = { doc, errors: validate(githubSchema(), doc).map((e) => e.message) };
    } catch (e) {
      d = { syntax: (e as Error).message };
    }
    if (documents.size >= 1000) documents.clear();
    documents.set(query, d);
  }
  return d;
}

function argValue(v: ValueNode | undefined, vars: Record<string, unknown>): unknown {
  if (!v) return undefined;
  if (v.kind === Kind.VARIABLE) return vars[v.name.value];
  if (v.kind === Kind.INT) return Number(v.value);
  return undefined;
}

/**
 * GitHub's limits beyond the GraphQL spec: each connection needs `first` or `last` (1..100), and a query may ask for
 * at most 500,000 nodes (the product of the page sizes along each path, summed).
 */
export function githubLimitErrors(schema: GraphQLSchema, doc: DocumentNode, vars: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let nodes = 0;
  const walk = (set: SelectionSetNode | undefined, type: GraphQLNamedType | undefined | null, mult: number, depth: number): void => {
    if (!set || !type || depth > 30) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (!(isObjectType(type) || isInterfaceType(type))) continue;
        const def = type.getFields()[sel.name.value];
        if (!def) continue;
        const named = getNamedType(def.type);
        let m = mult;
        if (named.name.endsWith('Connection')) {
          const first = argValue(sel.arguments?.find((a) => a.name.value === 'first')?.value, vars);
          const last = argValue(sel.arguments?.find((a) => a.name.value === 'last')?.value, vars);
          const n = (first ?? last) as number | undefined;
          if (n === undefined || n === null) {
            errors.push(`You must provide a \`first\` or \`last\` value to properly paginate the \`${sel.name.value}\` connection.`);
          } else if (typeof n !== 'number' || n < 1 || n > 100) {
            errors.push(`Requesting ${n} records on the \`${sel.name.value}\` connection exceeds the \`first\` limit of 100 records.`);
          } else {
            m = mult * n;
            nodes += m;
          }
        }
        walk(sel.selectionSet, named, m, depth + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type, mult, depth + 1);
      } else {
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet, schema.getType(f.typeCondition.name.value), mult, depth + 1);
      }
    }
  };
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, d.operation === 'query' ? schema.getQueryType() : schema.getMutationType(), 1, 0);
  }
  if (nodes > 500_000) errors.push(`This query requests up to ${nodes} possible nodes which exceeds the maximum limit of 500,000.`);
  return errors;
}

/** Validation errors GitHub would answer for this document (empty when GitHub would run it). */
export function validateGithubQuery(query: string, variables: Record<string, unknown> = {}): string[] {
  const d = parsedQuery(query);
  if ('syntax' in d) return [d.syntax];
  return d.errors.length ? [...d.errors] : githubLimitErrors(githubSchema(), d.doc, variables);
}

// ---------------------------------------------------------------------------------------------------------------
// Resolvers over the store

class Timeout extends Error {}

const notFound = (message: string): GraphQLError => new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });

const toUtc = (d: string): string => new Date(d).toISOString().replace(/\.000Z$/, 'Z');

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.byteLength, 8000);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

function connection<T>(items: T[], args: { first?: number; last?: number; after?: string }): unknown {
  const start = args.after ? Number(Buffer.from(args.after, 'base64').toString('utf8').split(' ')[1]) + 1 : 0;
  const n = args.first ?? args.last ?? items.length;
  const page = items.slice(start, start + n);
  const cursor = (i: number): string => Buffer.from(`cursor ${i}`).toString('base64');
  return {
    totalCount: items.length,
    nodes: page,
    edges: page.map((node, i) => ({ node, cursor: cursor(start + i) })),
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursor(start) : null,
      endCursor: page.length ? cursor(start + page.length - 1) : null,
    },
  };
}

export interface GraphqlOptions {
  /** GraphQL endpoint path: '/graphql' (github.com) or '/api/graphql' (GHES). */
  path?: string;
  /** A history page larger than this "times out" like GitHub does on big histories. */
  historyTimeoutAbove?: number;
}

function resolvers(store: FakeRepos, opts: GraphqlOptions): Record<string, unknown> {
  const blobNode = (repo: FakeRepo, oid: string): unknown => {
    const b = repo.blobs.get(oid);
    if (!b) return null;
    const binary = looksBinary(b);
    let text: string | null = null;
    if (!binary) {
      const cut = b.byteLength > store.blobTextLimit ? b.subarray(0, store.blobTextLimit) : b;
      try {
        text = new TextDecoder('utf-8', { fatal: b.byteLength <= store.blobTextLimit }).decode(cut);
      } catch {
        text = null; // not UTF-8: no text (the source then fetches the bytes over REST)
      }
    }
    return {
      __typename: 'Blob',
      id: `B_${oid}`,
      oid,
      abbreviatedOid: oid.slice(0, 7),
      byteSize: b.byteLength,
      isBinary: binary,
      isTruncated: !binary && b.byteLength > store.blobTextLimit,
      text,
    };
  };

  const commitNode = (repo: FakeRepo, index: number): unknown => {
    const c: FakeCommit = repo.commits[index];
    return {
      __typename: 'Commit',
      id: `C_${c.oid}`,
      oid: c.oid,
      abbreviatedOid: c.oid.slice(0, 7),
      message: c.message,
      messageHeadline: c.message.split('\n')[0],
      authoredDate: toUtc(c.authorDate),
      committedDate: toUtc(c.committedDate),
      author: { __typename: 'GitActor', name: c.authorName, email: c.authorEmail, date: c.authorDate, user: null },
      committer: { __typename: 'GitActor', name: c.authorName, email: c.authorEmail, date: c.committedDate, user: null },
      changedFilesIfAvailable: c.changedFiles,
      additions: c.additions,
      deletions: c.deletions,
      tree: { __typename: 'Tree', id: `T_${c.treeOid}`, oid: c.treeOid },
      parents: (args: { first?: number }) =>
        connection(
          c.parents.map((oid) => ({ __typename: 'Commit', oid })),
          args,
        ),
      history: (args: { first?: number; after?: string }) => {
        if (opts.historyTimeoutAbove !== undefined && (args.first ?? 0) > opts.historyTimeoutAbove) throw new Timeout();
        return connection(
          repo.commits.slice(index).map((_, k) => commitNode(repo, index + k)),
          args,
        );
      },
    };
  };

  const objectOf = (repo: FakeRepo, args: { oid?: string; expression?: string }): unknown => {
    const byOid = (oid: string): unknown => {
      const ci = repo.commits.findIndex((c) => c.oid === oid);
      if (ci >= 0) return commitNode(repo, ci);
      const tag = Object.values(repo.tags ?? {}).find((t) => t.oid === oid);
      if (tag) return tagNode(tag);
      if (repo.trees.has(oid)) return { __typename: 'Tree', id: `T_${oid}`, oid };
      return blobNode(repo, oid);
    };
    const tagNode = (t: { oid: string; commit: string }): unknown => ({
      __typename: 'Tag',
      id: `TAG_${t.oid}`,
      oid: t.oid,
      target: byOid(t.commit),
    });
    if (args.oid) return byOid(args.oid);
    const expr = args.expression ?? '';
    const [rev, path] = expr.split(':');
    let commitOid: string | undefined;
    if (rev === 'HEAD' || rev === repo.defaultBranch) commitOid = repo.commits[0]?.oid;
    else if (repo.tags?.[rev]) return path === undefined ? tagNode(repo.tags[rev]) : null;
    else if (repo.refs?.[rev]) commitOid = repo.refs[rev];
    else if (/^[0-9a-f]{7,40}$/.test(rev)) commitOid = repo.commits.find((c) => c.oid.startsWith(rev))?.oid;
    if (!commitOid) return null;
    if (path === undefined) return byOid(commitOid);
    const c = repo.commits.find((x) => x.oid === commitOid)!;
    const e = repo.trees.get(c.treeOid)?.entries.find((x) => x.path === path && x.type === 'blob');
    return e ? blobNode(repo, e.sha) : null;
  };

  const repoNode = (repo: FakeRepo): unknown => {
    const parentRepo = repo.parent ? store.find(...(repo.parent.split('/') as [string, string]))?.repo : undefined;
    const empty = repo.commits.length === 0;
    return {
      __typename: 'Repository',
      id: `R_${repo.id}`,
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: `${repo.owner}/${repo.name}`,
      owner: { __typename: 'User', login: repo.owner },
      url: `https://github.com/${repo.owner}/${repo.name}`,
      isFork: !!repo.isFork,
      isArchived: !!repo.isArchived,
      isEmpty: empty,
      isPrivate: !!repo.isPrivate,
      description: repo.description ?? null,
      homepageUrl: repo.homepageUrl ?? null,
      stargazerCount: repo.stars ?? 0,
      pushedAt: repo.pushedAt ?? null,
      parent: () => {
        if (!repo.parent) return null;
        if (parentRepo?.hidden) {
          throw new GraphQLError(`Resource not accessible: ${repo.parent}`, { extensions: { type: 'FORBIDDEN' } });
        }
        return parentRepo ? repoNode(parentRepo) : { __typename: 'Repository', nameWithOwner: repo.parent };
      },
      primaryLanguage: repo.primaryLanguage ? { __typename: 'Language', name: repo.primaryLanguage } : null,
      repositoryTopics: (args: { first?: number }) =>
        connection(
          (repo.topics ?? []).map((name) => ({ __typename: 'RepositoryTopic', topic: { __typename: 'Topic', name } })),
          args,
        ),
      defaultBranchRef: empty ? null : { __typename: 'Ref', name: repo.defaultBranch ?? 'main', target: commitNode(repo, 0) },
      object: (args: { oid?: string; expression?: string }) => (empty ? null : objectOf(repo, args)),
    };
  };

  const ownerNode = (login: string): unknown => {
    const mine = store.repos.filter((r) => r.owner.toLowerCase() === login.toLowerCase() && !r.hidden && !r.isPrivate);
    if (!mine.length) return null;
    return {
      __typename: 'User',
      login: mine[0].owner,
      repositories: (args: { first?: number; after?: string; isFork?: boolean; privacy?: string; isArchived?: boolean }) => {
        const list = mine
          .filter((r) => args.isFork === undefined || !!r.isFork === args.isFork)
          .filter((r) => args.isArchived === undefined || !!r.isArchived === args.isArchived)
          .sort((a, b) => (b.pushedAt ?? '').localeCompare(a.pushedAt ?? '') || a.name.localeCompare(b.name))
          .map(repoNode);
        return connection(list, args);
      },
    };
  };

  return {
    repository: (args: { owner: string; name: string; followRenames?: boolean }) => {
      const f = store.find(args.owner, args.name);
      if (!f || f.repo.hidden || (f.renamed && args.followRenames === false)) {
        throw notFound(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
      }
      return repoNode(f.repo);
    },
    repositoryOwner: (args: { login: string }) => ownerNode(args.login),
    user: (args: { login: string }) => {
      const o = ownerNode(args.login);
      if (!o) throw notFound(`Could not resolve to a User with the login of '${args.login}'.`);
      return o;
    },
  };
}

/** Registers POST /graphql (or /api/graphql) answering from `store`. */
export function mountGraphql(server: FakeGitHub, store: FakeRepos, opts: GraphqlOptions = {}): { options: GraphqlOptions } {
  const schema = githubSchema();
  const options = { ...opts };
  const answer = async (req: FakeRequest): Promise<FakeResponse> => {
    const spent = store.spend('graphql');
    const headers = spent.headers;
    if (spent.exhausted) {
      const r = primaryRateLimited(store.budget!.reset, 'graphql');
      return { status: 200, body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] }, headers: { ...r.headers, ...headers } };
    }
    if (!req.headers.authorization) {
      return { status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' }, headers };
    }
    const body = (req.body ?? {}) as { query?: string; variables?: Record<string, unknown> };
    const query = String(body.query ?? '');
    const variables = body.variables ?? {};
    const problems = validateGithubQuery(query, variables);
    if (problems.length) {
      store.rejectedQueries.push({ query, errors: problems });
      return { status: 200, body: { errors: problems.map((message) => ({ message })) }, headers };
    }
    const result = await execute({
      schema,
      document: (parsedQuery(query) as { doc: DocumentNode }).doc,
      rootValue: resolvers(store, options),
      variableValues: variables,
    });
    const errors = result.errors ?? [];
    if (errors.some((e) => e.originalError instanceof Timeout)) {
      return {
        status: 200,
        body: {
          data: null,
          errors: [{ message: GRAPHQL_TIMEOUT_MESSAGE }],
        },
        headers,
      };
    }
    const out: Record<string, unknown> = { data: result.data ?? null };
    if (errors.length) {
      out.errors = errors.map((e) => ({
        ...(e.extensions?.type ? { type: e.extensions.type } : {}),
        path: e.path,
        locations: e.locations,
        message: e.message,
      }));
    }
    return { status: 200, body: out, headers };
  };
  server.route('POST', options.path ?? '/graphql', async (req: FakeRequest): Promise<FakeResponse> => {
    const faulted = await store.applyFault('graphql', req, () => answer(req));
    return faulted ?? answer(req);
  });
  return { options };
}
