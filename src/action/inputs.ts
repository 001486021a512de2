import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_MAX_REPOS } from '../audit-run.js';
import { UserError } from '../errors.js';
import { badArtifactName, folderArtifactName, type HtmlArtifact } from './artifact.js';
import { checkToken, TokenError } from '../secrets.js';
import { parseShard } from '../shard.js';
import { splitTargetList } from '../sources/github-target.js';

/**
 * The action's inputs, read and validated once. Every problem is an InputError whose message names the input and
 * what it accepts, so the failed step says exactly what to change in the workflow file.
 */

type CommentMode = 'auto' | 'always' | 'never';
const COMMENT_MODES: readonly CommentMode[] = ['auto', 'always', 'never'];

export interface ActionInputs {
  /** Absolute path of the project to audit. */
  path: string;
  /** Empty when no token was given (then nothing is posted). */
  token: string;
  comment: CommentMode;
  failUnder?: number;
  /** Absolute path of a config file, when given. */
  config?: string;
  /** A repository's own .ml-portfolio-audit.yml: undefined = auto (the checked-out project yes, portfolio mode no). */
  repoConfig?: boolean;
  /** Audit the pull request's base commit and report the change. */
  compareBase: boolean;
  /** How many fixes to list. */
  topFixes: number;
  /** Absolute path where the JSON report is written. */
  reportFile: string;
  /** Absolute path of the SVG badge (default: badge.svg next to the JSON report). */
  badgeFile: string;
  /** Absolute path of the SARIF log, when asked for. */
  sarifFile?: string;
  /** Absolute path of the HTML report: report.html next to the JSON report. */
  htmlFile: string;
  /** The artifact the HTML report is uploaded as; undefined: no upload (input `html-artifact` empty). */
  htmlArtifact?: HtmlArtifact;
  /** Portfolio mode: GitHub repositories (owner/name[@ref]) to audit through the API. */
  repos: string[];
  /** Portfolio mode: a GitHub user or organization whose public repositories are audited. */
  user?: string;
  maxRepos: number;
  /** "i/n": audit only this shard of the list. */
  shard?: string;
  /** Merge mode: glob of shard JSON reports (relative to the workspace). */
  merge?: string;
  /** GitHub API URL (GitHub Enterprise Server); default GITHUB_API_URL. */
  apiUrl?: string;
}

/** A workflow input that is not valid: the message names it (Input "shard": …). */
export class InputError extends UserError {
  override readonly what = 'invalid input';
  constructor(
    readonly input: string,
    message: string,
    hint?: string,
  ) {
    super(`Input "${input}": ${message}`, hint);
  }
}

/** Reads one input the way the runner passes it: INPUT_<NAME> with spaces as underscores, upper case, trimmed. */
type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** YAML 1.2 core-schema booleans, the same set @actions/core accepts. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function bool(read: InputReader, name: string, dflt: boolean): boolean {
  const v = read(name);
  if (v === '') return dflt;
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new InputError(name, `expected true or false, got ${JSON.stringify(v)}`);
}

interface InputContext {
  /** GITHUB_WORKSPACE: relative paths are resolved against it. */
  workspace: string;
  /** RUNNER_TEMP (or the OS temp dir): where the default report file goes. */
  tempDir: string;
}

/** The github-token input; a line break inside it is an InputError that does not show the token. */
function tokenInput(read: InputReader): string {
  try {
    return checkToken(read('github-token'), 'the token') ?? '';
  } catch (e) {
    if (e instanceof TokenError) throw new InputError('github-token', `${e.message}. Check the secret the workflow passes as github-token.`);
    throw e;
  }
}

/** Reads and validates every input. Throws InputError on the first bad one. */
export function readInputs(read: InputReader, ctx: InputContext): ActionInputs {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(ctx.workspace, p));

  const rawPath = read('path') || '.';
  const path = abs(rawPath);
  if (!existsSync(path)) {
    throw new InputError('path', `${JSON.stringify(rawPath)} does not exist (expected the folder of the project to audit, relative to the workspace; default: the workspace). Did you run actions/checkout first?`);
  }
  if (!statSync(path).isDirectory()) {
    throw new InputError('path', `${JSON.stringify(rawPath)} is a file; expected the folder of the project to audit`);
  }

  const commentRaw = read('comment') || 'auto';
  if (!(COMMENT_MODES as readonly string[]).includes(commentRaw)) {
    throw new InputError(
      'comment',
      `unknown mode ${JSON.stringify(commentRaw)}; allowed: auto (comment on pull requests), always (also on pushes that belong to an open pull request), never`,
    );
  }

  let failUnder: number | undefined;
  const fu = read('fail-under');
  if (fu !== '') {
    const n = Number(fu);
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      throw new InputError('fail-under', `expected a number from 0 to 100 (or empty to never fail), got ${JSON.stringify(fu)}`);
    }
    failUnder = n;
  }

  let config: string | undefined;
  const cfg = read('config');
  if (cfg !== '') {
    config = abs(cfg);
    if (!existsSync(config) || !statSync(config).isFile()) {
      throw new InputError('config', `file ${JSON.stringify(cfg)} does not exist (paths are relative to the workspace; leave empty to use the project's own .ml-portfolio-audit.yml)`);
    }
  }

  const rc = read('repo-config') || 'auto';
  if (!['auto', ...TRUE, ...FALSE].includes(rc)) {
    throw new InputError('repo-config', `expected auto, true or false, got ${JSON.stringify(rc)}`);
  }
  const repoConfig = rc === 'auto' ? undefined : TRUE.includes(rc);

  const tf = read('top-fixes') || '3';
  const topFixes = Number(tf);
  if (!Number.isInteger(topFixes) || topFixes < 0 || topFixes > 10) {
    throw new InputError('top-fixes', `expected a whole number from 0 to 10, got ${JSON.stringify(tf)}`);
  }

  const rf = read('report-file');
  const reportFile = rf ? abs(rf) : resolve(ctx.tempDir, 'ml-portfolio-audit', 'report.json');
  const bf = read('badge-file');
  const badgeFile = bf ? abs(bf) : join(dirname(reportFile), 'badge.svg');
  const sf = read('sarif-file');
  const sarifFile = sf ? abs(sf) : undefined;
  // The HTML report beside the JSON one (never in its place, should the JSON report itself be named report.html).
  const htmlFile = join(dirname(reportFile), basename(reportFile) === 'report.html' ? 'ml-portfolio-audit.html' : 'report.html');

  const repos = splitTargetList(read('repos'));
  const user = read('user').replace(/^@/, '') || undefined;
  if (user !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(user)) {
    throw new InputError('user', `${JSON.stringify(user)} is not a GitHub account name (letters, digits and hyphens, e.g. octocat)`);
  }
  const mr = read('max-repos') || String(DEFAULT_MAX_REPOS);
  const maxRepos = Number(mr);
  if (!Number.isInteger(maxRepos) || maxRepos < 1 || maxRepos > 1000) {
    throw new InputError('max-repos', `expected a whole number from 1 to 1000, got ${JSON.stringify(mr)}`);
  }
  const shard = read('shard') || undefined;
  if (shard !== undefined) {
    try {
      parseShard(shard);
    } catch (e) {
      // The parser's own message says what is wrong ("expected i/n", "i must be from 1 to 2"); one example is enough.
      throw new InputError('shard', `${(e as Error).message} (shard i of n, 1 ≤ i ≤ n, e.g. 2/4)`);
    }
    if (!repos.length && !user) throw new InputError('shard', 'needs a list to split: set `repos` or `user` too');
  }
  const merge = read('merge') || undefined;
  if (merge !== undefined && (repos.length || user)) {
    throw new InputError('merge', 'cannot be combined with `repos` or `user`: a merge job only combines the JSON reports of earlier shard jobs');
  }
  const apiUrl = read('api-url') || undefined;
  if (apiUrl !== undefined && !/^https?:\/\//.test(apiUrl)) {
    throw new InputError('api-url', `expected a URL such as https://ghe.example.com/api/v3, got ${JSON.stringify(apiUrl)}`);
  }

  const htmlArtifact = artifactInput(read, { portfolio: repos.length > 0 || !!user || !!merge, path, workspace: ctx.workspace });

  return {
    repos,
    ...(user ? { user } : {}),
    maxRepos,
    ...(shard ? { shard } : {}),
    ...(merge ? { merge } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    path,
    token: tokenInput(read),
    comment: commentRaw as CommentMode,
    ...(failUnder !== undefined ? { failUnder } : {}),
    ...(config ? { config } : {}),
    ...(repoConfig !== undefined ? { repoConfig } : {}),
    compareBase: bool(read, 'compare-base', true),
    topFixes,
    reportFile,
    badgeFile,
    ...(sarifFile ? { sarifFile } : {}),
    htmlFile,
    ...(htmlArtifact ? { htmlArtifact } : {}),
  };
}

/** Longest retention GitHub offers (private repositories; public ones stop at 90, and the service caps it itself). */
const MAX_RETENTION_DAYS = 400;

/**
 * Inputs `html-artifact` and `html-artifact-retention-days`. Outside portfolio mode, a project in a sub-folder gets
 * its folder appended to the name (`ml-portfolio-audit-report-projects-cv`), so each job of a monorepo has its own.
 */
function artifactInput(read: InputReader, o: { portfolio: boolean; path: string; workspace: string }): HtmlArtifact | undefined {
  const name = read('html-artifact');
  if (name === '') return undefined;
  const bad = badArtifactName(name);
  if (bad) {
    throw new InputError('html-artifact', `${JSON.stringify(name)} contains ${bad}; an artifact name cannot contain " : < > | * ? \\ / or a line break (empty: no upload)`);
  }
  const rd = read('html-artifact-retention-days');
  const days = Number(rd);
  if (rd !== '' && (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)) {
    throw new InputError('html-artifact-retention-days', `expected a whole number of days from 1 to ${MAX_RETENTION_DAYS} (empty: the repository's setting), got ${JSON.stringify(rd)}`);
  }
  // A project outside the workspace: its folder's own name.
  const folder = relative(o.workspace, o.path).split('\\').join('/');
  const sub = o.portfolio || folder === '' ? '' : folder.startsWith('..') ? basename(o.path) : folder;
  return { name: sub ? folderArtifactName(name, sub) : name, ...(rd !== '' ? { retentionDays: days } : {}) };
}
