import { isAbsolute, join, relative, sep } from 'node:path';
import { logSafe } from '../report/escape.js';
import type { AuditedRepoReport } from '../report/types.js';
import { PASS_AT } from './base-compare.js';
import { fixListOf, ruleFixes } from '../report/fix-list.js';

/**
 * Warnings on README lines: for every README rule that does not pass, one annotation on each line its evidence marks as
 * the problem (a link to a missing file, a command left in a sentence, a heading with no command). Evidence of what is
 * there (a working link, a results table) is never annotated. GitHub shows them on the pull request's "Files changed"
 * tab and in the run. The runner shows at most 10 warnings per step, so the rules worth most points come first.
 */

interface Annotation {
  /** Path relative to the repository root (GITHUB_WORKSPACE), POSIX separators. */
  file: string;
  line: number;
  title: string;
  message: string;
}

export const MAX_ANNOTATIONS = 10;

export function readmeAnnotations(r: AuditedRepoReport, projectDir: string, workspace: string, max = MAX_ANNOTATIONS): Annotation[] {
  const prefix = relative(workspace, projectDir);
  // A project outside the workspace cannot be annotated (the runner resolves files against the repository).
  if (prefix.startsWith('..') || isAbsolute(prefix)) return [];
  // Each rule's exact gain alone (0 while a cap takes it all): the fix-first list's.
  const gain = new Map([...ruleFixes(fixListOf(r))].map(([id, a]) => [id, a.gain]));
  const rules = r.rules
    .filter((x) => x.category === 'readme' && x.measurable && x.score !== null && x.score < PASS_AT)
    .sort((a, b) => (gain.get(b.id) ?? 0) - (gain.get(a.id) ?? 0) || b.weight - a.weight || (a.id < b.id ? -1 : 1));
  const out: Annotation[] = [];
  const seen = new Set<string>();
  for (const x of rules) {
    for (const e of x.evidence) {
      if (!e.problem || !e.path || !e.line || e.line < 1 || e.cell !== undefined) continue;
      const file = (prefix ? join(prefix, e.path) : e.path).split(sep).join('/');
      const key = `${x.id}\0${file}\0${e.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const g = gain.get(x.id);
      out.push({
        file: logSafe(file, 300),
        line: e.line,
        title: logSafe(`${x.title}${g ? ` (+${g} points)` : ''}`, 200),
        message: logSafe(`${e.detail} — ${x.remediation.replace(/\s+/g, ' ').trim()}`, 900),
      });
      if (out.length >= max) return out;
    }
  }
  return out;
}
