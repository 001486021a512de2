/** `rules` and `explain <rule-id>`: the rule table and one rule's page, from the same data as docs/rules/. */
import { loadRules, type RuleSet } from '../rules/load.js';
import { renderRulePage, ruleRows, suggestions } from '../rules/docs.js';
import { logSafe } from '../report/escape.js';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The table `ml-portfolio-audit rules` prints: id, category, weight, cap, title. */
export function rulesTable(set: RuleSet): string {
  const rows = ruleRows(set).map((r) => [r.id, r.category, String(r.weight), r.cap, r.title]);
  return table([['ID', 'CATEGORY', 'WEIGHT', 'CAP', 'TITLE'], ...rows]);
}

const prose = (s: string): string =>
  s
    .replace(/\[([^[\]]+)\]\([^()]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(?<![\w*])\*([^*\n]+)\*(?![\w*])/g, '$1')
    .replace(/\\\|/g, '|');

/** Markdown inline markup removed; code spans kept verbatim (without their backticks). */
function plain(s: string): string {
  let out = '';
  let i = 0;
  let from = 0;
  while (i < s.length) {
    if (s[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (s[i + n] === '`') n++;
    // The closing run: exactly n backticks.
    let j = i + n;
    let close = -1;
    while (j < s.length) {
      if (s[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (s[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    let inner = s.slice(i + n, close);
    if (inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ')) inner = inner.slice(1, -1);
    out += prose(s.slice(from, i)) + inner.replace(/\\\|/g, '|');
    i = from = close + n;
  }
  return out + prose(s.slice(from));
}

/** A generated Markdown page, for the terminal: headings underlined, tables aligned, code indented, no markup. */
function markdownToTerminal(md: string): string {
  const out: string[] = [];
  const lines = md.replace(/<!--[\s\S]*?-->\n?/g, '').split('\n');
  let fence: { marker: string; indent: string } | null = null;
  let rows: string[][] = [];
  const flush = (): void => {
    if (rows.length) out.push(table(rows).trimEnd().split('\n').map((l) => `  ${l}`).join('\n'));
    rows = [];
  };
  for (const line of lines) {
    if (fence) {
      if (line.trim() === fence.marker) fence = null;
      else out.push(`    ${line.startsWith(fence.indent) ? line.slice(fence.indent.length) : line}`);
      continue;
    }
    const f = /^(\s*)(`{3,})/.exec(line);
    if (f) {
      fence = { marker: f[2], indent: f[1] };
      continue;
    }
    if (/^\|.*\|$/.test(line)) {
      if (/^\|(\s*-+\s*\|)+$/.test(line)) continue;
      const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((c) => plain(c.trim()));
      if (cells.some((c) => c)) rows.push(cells);
      continue;
    }
    flush();
    const h = /^(#{1,6}) (.*)$/.exec(line);
    if (h) {
      const t = plain(h[2]);
      if (h[1].length === 1) out.push(t, '='.repeat(t.length));
      else if (h[1].length === 2) out.push(t.toUpperCase());
      else if (h[1].length === 3) out.push(`${t}:`);
      else out.push(`* ${t}`);
      continue;
    }
    out.push(plain(line.replace(/^> /, '  ')));
  }
  flush();
  return out.map((l) => l.trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

interface ExplainResult {
  ok: boolean;
  text: string;
}

/** One rule's page for the terminal, or an error that suggests close ids. */
export function explainRule(set: RuleSet, id: string): ExplainResult {
  const rule = set.rules.find((r) => r.id === id);
  if (rule) return { ok: true, text: markdownToTerminal(renderRulePage(rule, set)) };
  const near = suggestions(id, set.rules.map((r) => r.id));
  const hint = near.length ? `; did you mean ${near.map((x) => `"${x}"`).join(', ')}?` : '';
  return { ok: false, text: `unknown rule "${logSafe(id, 200)}"${hint} (\`rules\` lists them all)` };
}

export { loadRules };
