import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';

/** The Octokit the action uses: REST methods, pagination, GraphQL, proxy support (from @actions/github), retries. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * `apiUrl` is GITHUB_API_URL (github.com, GHES or a test server). Transient failures (5xx, network) are retried twice;
 * 4xx answers are not (403 on a fork's read-only token must surface at once; 429 is a rate limit).
 */
export function createClient(token: string, apiUrl: string): GitHubClient {
  return getOctokit(
    token,
    { baseUrl: apiUrl.replace(/\/+$/, ''), retry: { retries: 2, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] } },
    retry,
  );
}

/** HTTP status of an Octokit RequestError, if it is one. */
export function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** The message GitHub sends when an installation token (e.g. the workflow's GITHUB_TOKEN) lacks a permission. */
export const NOT_ACCESSIBLE_BY_INTEGRATION = 'Resource not accessible by integration';

export function isIntegrationForbidden(e: unknown): boolean {
  return httpStatus(e) === 403 && String((e as Error)?.message ?? '').includes(NOT_ACCESSIBLE_BY_INTEGRATION);
}
