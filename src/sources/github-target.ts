/**
 * Remote targets: parsing `owner/name[@ref]` and GitHub URLs, telling them apart from local paths, and removing
 * inputs that name the same repository twice. No network here (canonical names after renames are resolved by the
 * GitHub source; see auditTargets in src/run.ts).
 */
import { UserError } from '../errors.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface RepoTarget {
  owner: string;
  name: string;
  /** Branch, tag or commit sha; absent = the default branch. */
  ref?: string;
  /** Host of a URL given as input (github.com or a GitHub Enterprise host); absent for owner/name. */
  host?: string;
}

/** An input that is not a valid repository name. `hint` says what is expected. */
export class TargetError extends UserError {
  constructor(message: string, hint = 'Expected owner/name, owner/name@ref or https://github.com/owner/name.') {
    super(message, hint);
  }
}

/** GitHub logins: letters, digits, hyphens (underscores for Enterprise managed users), at most 39 characters. */
const OWNER_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
/** Repository names: letters, digits, '.', '_', '-', at most 100 characters. */
const NAME_RE = /^[A-Za-z0-9._-]{1,100}$/;

function checkRef(ref: string, input: string): void {
  const bad =
    ref === '' ||
    ref.length > 255 ||
    /[\x00-\x20\x7f~^:?*[\\]/.test(ref) ||
    ref.includes('..') ||
    ref.includes('@{') ||
    ref.startsWith('/') ||
    ref.startsWith('-') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    ref.includes('//');
  if (bad) throw new TargetError(`invalid repository "${input}": "${ref}" is not a valid git ref name`, 'Give a branch, tag or commit sha after @.');
}

function checkOwnerName(owner: string, name: string, input: string): void {
  if (!OWNER_RE.test(owner)) {
    throw new TargetError(
      `invalid repository "${input}": owner "${owner}" is not a GitHub account name (letters, digits and hyphens, at most 39)`,
    );
  }
  if (!NAME_RE.test(name) || name === '.' || name === '..') {
    throw new TargetError(
      `invalid repository "${input}": "${name}" is not a repository name (letters, digits, '.', '_' and '-', at most 100)`,
    );
  }
}

/**
 * Parses `owner/name`, `owner/name@ref`, `https://github.com/owner/name[.git][/tree/<ref>]`, `github.com/owner/name`
 * and `git@github.com:owner/name.git`. Throws TargetError (with a hint) for anything else.
 */
export function parseRepoTarget(input: string): RepoTarget {
  const s = input.trim();
  if (!s) throw new TargetError('invalid repository "": empty name');
  let host: string | undefined;
  let path: string;
  let ref: string | undefined;
  const scp = /^git@([A-Za-z0-9.-]+):(.+)$/.exec(s);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(www\.)?(github|gitlab)\.com\//i.test(s) || /^(www\.)?bitbucket\.org\//i.test(s)) {
    let u: URL;
    try {
      u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
    } catch {
      throw new TargetError(`invalid repository "${input}": not a valid URL`);
    }
    if (!/^(https?|ssh|git):$/.test(u.protocol)) throw new TargetError(`invalid repository "${input}": unsupported URL scheme ${u.protocol}`);
    host = u.hostname.toLowerCase().replace(/^www\./, '');
    onlyGithub(host, input);
    const parts = u.pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
    if (parts.length < 2) throw new TargetError(`invalid repository "${input}": the URL does not name a repository`);
    path = `${parts[0]}/${parts[1]}`;
    if (parts.length >= 4 && (parts[2] === 'tree' || parts[2] === 'commit')) ref = parts.slice(3).join('/');
    else if (parts.length > 2) throw new TargetError(`invalid repository "${input}": give the repository's URL, not a page inside it`);
  } else if (scp) {
    host = scp[1].toLowerCase();
    onlyGithub(host, input);
    path = scp[2];
  } else {
    const at = s.indexOf('@');
    path = at >= 0 ? s.slice(0, at) : s;
    if (at >= 0) ref = s.slice(at + 1);
  }
  path = path.replace(/\.git$/i, '').replace(/\/+$/, '');
  const slash = path.split('/');
  if (slash.length !== 2) throw new TargetError(`invalid repository "${input}": expected exactly one "/" between owner and name`);
  const [owner, name] = slash;
  checkOwnerName(owner, name, input);
  if (ref !== undefined) checkRef(ref, input);
  return { owner, name, ...(ref !== undefined ? { ref } : {}), ...(host && host !== 'github.com' ? { host } : {}) };
}

/** "owner/name" or "owner/name@ref". */
export function formatTarget(t: Pick<RepoTarget, 'owner' | 'name' | 'ref'>): string {
  return `${t.owner}/${t.name}${t.ref ? `@${t.ref}` : ''}`;
}

/** Identity of a repository for de-duplication: GitHub names are case-insensitive, refs are not. */
export function targetKey(t: Pick<RepoTarget, 'owner' | 'name' | 'ref'>): string {
  return `${t.owner.toLowerCase()}/${t.name.toLowerCase()}${t.ref ? `@${t.ref}` : ''}`;
}

/** Hosts of other forges: their URLs get "only GitHub is supported", not a confusing GitHub API error. */
const OTHER_FORGES = /(^|\.)(gitlab\.com|bitbucket\.org|codeberg\.org|sr\.ht|gitee\.com)$|^(gitlab|bitbucket)\./;

function onlyGithub(host: string, input: string): void {
  if (OTHER_FORGES.test(host)) {
    throw new TargetError(
      `only GitHub is supported: "${input}" is on ${host}`,
      'Clone the repository and give its local folder (local folders are audited from any host), or give a GitHub repository.',
    );
  }
}

/** True when the input has the shape of a remote repository (it may still be invalid, e.g. a bad character). */
export function looksRemote(input: string): boolean {
  const s = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(www\.)?(github|gitlab)\.com\//i.test(s) || /^(www\.)?bitbucket\.org\//i.test(s) || /^git@[A-Za-z0-9.-]+:/.test(s)) return true;
  if (/^[.~/\\]/.test(s) || /^[A-Za-z]:[\\/]/.test(s) || s.includes('\\')) return false;
  const at = s.indexOf('@');
  const path = at >= 0 ? s.slice(0, at) : s;
  return path.split('/').length === 2 && !path.endsWith('/');
}

export type ResolvedTarget =
  | { kind: 'local'; input: string; path: string; key: string }
  | { kind: 'remote'; input: string; target: RepoTarget; key: string }
  | { kind: 'invalid'; input: string; error: TargetError; key: string };

/**
 * Classifies inputs: an existing path is local (even when it looks like owner/name), an owner/name-shaped input or a
 * URL is remote, anything else is a local path (missing paths fail later with the local source's message).
 * Inputs naming the same repository (owner/name and its URL, different letter case) or the same directory are
 * given once, in first-seen order; the dropped ones are listed in `duplicates`.
 */
export function resolveTargets(
  inputs: string[],
  opts: { exists?: (path: string) => boolean } = {},
): { targets: ResolvedTarget[]; duplicates: Array<{ input: string; sameAs: string }> } {
  const exists = opts.exists ?? existsSync;
  const seen = new Map<string, string>();
  const targets: ResolvedTarget[] = [];
  const duplicates: Array<{ input: string; sameAs: string }> = [];
  for (const raw of inputs) {
    const input = raw.trim();
    if (!input) continue;
    let t: ResolvedTarget;
    if (exists(input) || !looksRemote(input)) {
      t = { kind: 'local', input, path: input, key: `local:${resolve(input)}` };
    } else {
      try {
        const target = parseRepoTarget(input);
        t = { kind: 'remote', input, target, key: `${target.host ?? ''}|${targetKey(target)}` };
      } catch (e) {
        t = { kind: 'invalid', input, error: e as TargetError, key: `invalid:${input}` };
      }
    }
    const first = seen.get(t.key);
    if (first !== undefined) {
      duplicates.push({ input, sameAs: first });
      continue;
    }
    seen.set(t.key, input);
    targets.push(t);
  }
  return { targets, duplicates };
}

/** Splits the Action's `repos` input: one target per line or comma; blank lines and `#` comments ignored. */
export function splitTargetList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}
