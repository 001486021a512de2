/**
 * Who wrote the commits: bot detection and author identities merged by e-mail OR name (people commit from a laptop
 * and from the GitHub web editor under different e-mails), with GitHub no-reply addresses mapped to the login.
 */
import type { Commit } from '../../../types.js';

const BOT_NAME =
  /\[bot\]|^(dependabot|renovate|github-actions|github action|greenkeeper|snyk-bot|imgbot|allcontributors|all-contributors|pre-commit-ci|codecov|deepsource|mergify|semantic-release-bot|web-flow|actions-user|gitlab-bot|pyup-bot|restyled|sourcery-ai|copilot|kodiakhq|stale)\b/i;
const BOT_EMAIL = /\[bot\]@|^(action@github\.com|actions@github\.com|noreply@github\.com|bot@renovateapp\.com|support@dependabot\.com|.*bot@users\.noreply\.github\.com)$/i;

export function isBot(c: Pick<Commit, 'authorName' | 'authorEmail'>): boolean {
  return BOT_NAME.test(c.authorName.trim()) || BOT_EMAIL.test(c.authorEmail.trim());
}

/** Names too generic to merge identities on (shared by many machines). */
const GENERIC_NAMES = new Set(['root', 'user', 'ubuntu', 'admin', 'unknown', 'your name', 'name', 'developer', 'dev', 'pc', 'owner', 'github', 'git', 'localhost', 'default', 'runner', 'jovyan', 'colab']);

function normName(n: string): string {
  return n
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, ' ')
    .trim();
}

/** Login from a GitHub no-reply address ("12345+login@users.noreply.github.com" or "login@users.noreply.github.com"). */
function noreplyLogin(email: string): string | null {
  const m = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email.trim());
  return m ? m[1]!.toLowerCase() : null;
}

interface AuthorGroup {
  /** Display: the most frequent "Name <email>". */
  label: string;
  names: string[];
  emails: string[];
  logins: string[];
  commits: number;
}

/** Groups commits by identity: two commits are the same author when they share an e-mail, a name or a GitHub login. */
export function authorGroups(commits: Commit[]): AuthorGroup[] {
  // Commits per distinct "name <email>" first: a long history has thousands of commits by a handful of identities.
  const identities = new Map<string, { c: Commit; n: number }>();
  for (const c of commits) {
    const id = `${c.authorName}\0${c.authorEmail}`;
    const e = identities.get(id);
    if (e) e.n++;
    else identities.set(id, { c, n: 1 });
  }
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let x = k;
    while (parent.get(x) !== r) {
      const nx = parent.get(x)!;
      parent.set(x, r);
      x = nx;
    }
    return r;
  };
  const add = (k: string): void => {
    if (!parent.has(k)) parent.set(k, k);
  };
  const union = (a: string, b: string): void => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const keysOf = (c: Commit): string[] => {
    const keys: string[] = [];
    const email = c.authorEmail.trim().toLowerCase();
    if (email && email.includes('@')) keys.push('e:' + email);
    const name = normName(c.authorName);
    if (name && !GENERIC_NAMES.has(name)) keys.push('n:' + name);
    const login = noreplyLogin(email);
    if (login) keys.push('n:' + normName(login));
    if (!keys.length) keys.push('anon:' + (c.authorName || c.authorEmail || '?'));
    return keys;
  };
  const ids = [...identities.values()].map((e) => ({ ...e, keys: keysOf(e.c) }));
  for (const { keys } of ids) {
    add(keys[0]!);
    for (let i = 1; i < keys.length; i++) union(keys[0]!, keys[i]!);
  }
  const groups = new Map<string, typeof ids>();
  for (const id of ids) {
    const root = find(id.keys[0]!);
    const g = groups.get(root);
    if (g) g.push(id);
    else groups.set(root, [id]);
  }
  const out: AuthorGroup[] = [];
  for (const g of groups.values()) {
    const counts = new Map<string, number>();
    for (const { c, n } of g) {
      const l = `${c.authorName} <${c.authorEmail}>`;
      counts.set(l, (counts.get(l) ?? 0) + n);
    }
    const label = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const uniq = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))].sort();
    out.push({
      label,
      names: uniq(g.map(({ c }) => c.authorName)),
      emails: uniq(g.map(({ c }) => c.authorEmail.toLowerCase())),
      logins: uniq(g.map(({ c }) => noreplyLogin(c.authorEmail) ?? '')),
      commits: g.reduce((sum, { n }) => sum + n, 0),
    });
  }
  return out.sort((a, b) => b.commits - a.commits || (a.label < b.label ? -1 : 1));
}

/** True when a group looks like the GitHub account `login` (no-reply login, name, or e-mail local part equal to it). */
export function groupMatchesLogin(g: AuthorGroup, login: string): boolean {
  const l = login.toLowerCase();
  if (g.logins.includes(l)) return true;
  if (g.names.some((n) => n.toLowerCase() === l || normName(n) === normName(login))) return true;
  return g.emails.some((e) => e.split('@')[0] === l);
}
