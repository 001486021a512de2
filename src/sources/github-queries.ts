/**
 * The GraphQL documents the GitHub source sends, and the shapes of their answers. Every document is validated
 * against GitHub's published schema by the tests (test/helpers/fake-github/graphql.ts), so a field GitHub would
 * reject fails the tests.
 */

/** One commit as the history probes need it. `author.date` is a GitTimestamp: the author's own offset, as `git log %aI`. */
const COMMIT_FRAGMENT = `fragment AuditCommit on Commit {
  oid
  message
  authoredDate
  changedFilesIfAvailable
  additions
  deletions
  author { name email date }
  parents(first: 2) { totalCount }
}`;

const HISTORY_FRAGMENT = `fragment AuditHistory on Commit {
  oid
  tree { oid }
  history(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ...AuditCommit }
  }
}`;

/**
 * Query 1 of a repo: metadata (canonical name after renames, fork, archived, empty, topics...) and the newest
 * `$first` commits of the default branch, or of `$ref` (branch, tag — annotated tags peeled — or sha).
 */
export function repoQuery(withRef: boolean): string {
  const target = withRef
    ? `
    defaultBranchRef { name }
    ref: object(expression: $ref) {
      ...AuditHistory
      ... on Tag { target { ...AuditHistory ... on Tag { target { ...AuditHistory } } } }
    }`
    : `
    defaultBranchRef { name target { ...AuditHistory } }`;
  return `query AuditRepo($owner: String!, $name: String!, $first: Int!${withRef ? ', $ref: String!' : ''}) {
  repository(owner: $owner, name: $name, followRenames: true) {
    nameWithOwner
    url
    isFork
    isArchived
    isEmpty
    isPrivate
    description
    homepageUrl
    stargazerCount
    parent { nameWithOwner }
    primaryLanguage { name }
    repositoryTopics(first: 20) { nodes { topic { name } } }${target}
  }
}
${HISTORY_FRAGMENT}
${COMMIT_FRAGMENT}`;
}

/** Further history pages (when a big history forced a smaller page, or more than one page is wanted). */
export const HISTORY_PAGE_QUERY = `query AuditHistoryPage($owner: String!, $name: String!, $oid: GitObjectID!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name, followRenames: true) {
    object(oid: $oid) {
      ... on Commit {
        history(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...AuditCommit }
        }
      }
    }
  }
}
${COMMIT_FRAGMENT}`;

/** Many blobs in one query, one alias each (`b0`, `b1`, ...). Object ids are hex, safe to inline. */
export function blobsQuery(oids: string[]): string {
  for (const o of oids) if (!/^[0-9a-f]{40,64}$/.test(o)) throw new Error(`not an object id: ${o}`);
  const fields = oids.map((o, i) => `    b${i}: object(oid: "${o}") { ...AuditBlob }`).join('\n');
  return `query AuditBlobs($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name, followRenames: true) {
${fields}
  }
}
fragment AuditBlob on Blob { oid byteSize isBinary isTruncated text }`;
}

/** A user's (or organization's) public repositories they own, newest push first, and their forks, in one query. */
export const USER_REPOS_QUERY = `query AuditUserRepos($login: String!, $first: Int!, $after: String, $withForks: Boolean!) {
  repositoryOwner(login: $login) {
    login
    owned: repositories(first: $first, after: $after, ownerAffiliations: [OWNER], privacy: PUBLIC, isFork: false, orderBy: { field: PUSHED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { nameWithOwner isArchived isEmpty pushedAt }
    }
    forks: repositories(first: 100, ownerAffiliations: [OWNER], privacy: PUBLIC, isFork: true, orderBy: { field: PUSHED_AT, direction: DESC }) @include(if: $withForks) {
      totalCount
      nodes { nameWithOwner isArchived parent { nameWithOwner } }
    }
  }
}`;

// ---------------------------------------------------------------------------------------------------------------
// Answer shapes (only the fields asked for above)

export interface GqlCommit {
  oid: string;
  message: string;
  authoredDate: string;
  changedFilesIfAvailable: number | null;
  /** Text lines added and deleted against the first parent (binary files count 0); the schema says never null. */
  additions: number | null;
  deletions: number | null;
  author: { name: string | null; email: string | null; date: string | null } | null;
  parents: { totalCount: number };
}

export interface GqlHistory {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<GqlCommit | null> | null;
}

export interface GqlHistoryHolder {
  oid?: string;
  tree?: { oid: string };
  history?: GqlHistory;
  target?: GqlHistoryHolder | null;
}

export interface GqlRepo {
  nameWithOwner: string;
  url: string;
  isFork: boolean;
  isArchived: boolean;
  isEmpty: boolean;
  isPrivate: boolean;
  description: string | null;
  homepageUrl: string | null;
  stargazerCount: number;
  parent: { nameWithOwner: string } | null;
  primaryLanguage: { name: string } | null;
  repositoryTopics: { nodes: Array<{ topic: { name: string } } | null> | null };
  defaultBranchRef: { name: string; target?: GqlHistoryHolder | null } | null;
  ref?: GqlHistoryHolder | null;
}

export interface GqlBlob {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

export interface GqlUserRepos {
  repositoryOwner: {
    login: string;
    owned: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<{ nameWithOwner: string; isArchived: boolean; isEmpty: boolean; pushedAt: string | null } | null> | null;
    };
    forks?: {
      totalCount: number;
      nodes: Array<{ nameWithOwner: string; isArchived: boolean; parent: { nameWithOwner: string } | null } | null> | null;
    };
  } | null;
}
