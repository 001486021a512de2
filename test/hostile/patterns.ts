/**
 * Every regular expression that can touch an audited repo's content, and the runs that attack it: rule patterns from
 * rules/ (any `regex:` or `contains:` under params) and every regex literal in src/ (found with the TypeScript
 * parser, so a new one is covered without a list to keep up to date).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import yaml from 'js-yaml';

export interface FoundRegex {
  where: string;
  re: RegExp;
}

function walk(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, ext, out);
    else if (ext.test(n)) out.push(p);
  }
  return out;
}

const compile = (source: string, flags: string): RegExp | null => {
  try {
    return new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
};

/** Patterns in rule files: `regex:` (with its sibling `flags:`), `contains:`, `unless:` and `topicless:` strings, at any depth. */
export function rulePatterns(root = 'rules'): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const file of walk(root, /\.ya?ml$/)) {
    const visit = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        for (const key of ['regex', 'contains', 'unless', 'topicless']) {
          if (typeof o[key] !== 'string') continue;
          const re = compile(o[key] as string, typeof o.flags === 'string' ? o.flags : '');
          if (re) out.push({ where: `${file}${path}.${key}`, re });
        }
        for (const [k, x] of Object.entries(o)) visit(x, `${path}.${k}`);
      }
    };
    visit(yaml.load(readFileSync(file, 'utf8')), '');
  }
  return out;
}

/** Regex literals in the engine's sources. */
export function sourcePatterns(root = 'src'): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const file of walk(root, /\.ts$/)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const end = text.lastIndexOf('/');
        const re = compile(text.slice(1, end), text.slice(end + 1));
        if (re) out.push({ where: `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`, re });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Characters that stand for the classes a pattern may repeat: word, digit, space, punctuation, non-ASCII. */
const CLASS_WITNESSES = ['a', 'A', '0', '_', ' ', '\t', '\n', '.', '-', '/', '#', '(', ')', '[', ']', '<', '>', '"', "'", ':', ',', '=', '*', '\\', 'é', '中'];

/**
 * The runs that attack one pattern: every class witness, every literal character and word of the pattern (alone and
 * followed by a space, a dot, a parenthesis), and two-character mixes that defeat a simple "one class" guard.
 */
export function attackUnits(re: RegExp): string[] {
  const src = re.source;
  const literals = [...new Set([...src].filter((c) => !/[\\[\]()?*+{}|^$]/.test(c)))];
  const words = [...new Set(src.match(/[A-Za-z_]{2,}/g) ?? [])].slice(0, 30);
  const units = new Set<string>([...CLASS_WITNESSES, ...literals, '()', 'a ', '1.', '0,', 'a.', 'a/', 'x_', '> ', '1. ']);
  for (const w of words) for (const tail of ['', ' ', '.', '(', '_']) units.add(w + tail);
  return [...units];
}

/** A string of `length` characters made of `unit` repeated. */
export const run = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/**
 * Milliseconds of CPU this process spent (user + system) since `since` (a `process.cpuUsage()`), for the time budgets
 * of these tests. Wall time counts the time the machine gave to others: at a load average of 20 a linear audit took
 * several times its budget's share of wall time while its CPU time stayed where it was. These files run in a process
 * of their own (test/projects.ts, ISOLATED), so the process's CPU is the engine's, plus V8's helper threads.
 */
export const cpuMsSince = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
