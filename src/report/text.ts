/**
 * The terminal report, laid out like a linter's (eslint's stylish, cargo's diagnostics): a summary table first when
 * several repos were audited; per repo the rules that fail or pass in part, each with its evidence and the fix (a
 * rule's advice is printed once per run, later repos refer to it); passing rules collapsed to a count unless verbose;
 * the portfolio and its advice; a legend. Colour only when asked for (the CLI decides from the terminal, NO_COLOR and
 * FORCE_COLOR); lines wrapped to `width` at word boundaries, so no advice is ever cut off.
 */
import { STAGES } from '../types.js';
import { plainLine } from './escape.js';
import { isAudited, type Report, type RepoReport, type RuleResult } from './types.js';
import { num } from './numbers.js';
import { configuredHeadline, configuredText } from './configured.js';
import { FLAG_LABELS } from './portfolio-markdown.js';
import { capsSentence, fixListOf, gainLabel, omittedReasons, ruleFixes, thenParts, type FixListView } from './fix-list.js';

export interface TextOptions {
  /** Also list the rules that pass, and those not measurable, with their first piece of evidence. */
  verbose?: boolean;
  /** ANSI colours (default off). */
  colour?: boolean;
  /** Wrap lines to this many columns (default 100; at least 40). */
  width?: number;
}

type Paint = (s: string) => string;
interface Style {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => (s ? `\u001b[${open}m${s}\u001b[${close}m` : s);
const COLOURS: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
const id: Paint = (s) => s;
const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

/** Untrusted text (from audited repos) on one line, never cut. */
const line = (s: string): string => plainLine(s, Number.MAX_SAFE_INTEGER);

/**
 * Word-wraps `text` to `width` columns: the first line after `first`, the others after `indent` (both plain text).
 * Words longer than a line stay whole.
 */
function wrap(text: string, width: number, first: string, indent = ' '.repeat(first.length)): string[] {
  const words = text.split(/ +/).filter(Boolean);
  const out: string[] = [];
  let cur = first;
  let empty = true;
  for (const w of words) {
    if (empty && cur.trim() && cur.length + w.length > width && indent.length + w.length < cur.length + w.length) {
      // The first word does not fit after a long lead ("  ✗   0%  +3.1  rule-id  "): it starts the next line.
      out.push(cur.trimEnd());
      cur = indent + w;
    } else if (!empty && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = indent + w;
    } else {
      cur += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  out.push(cur);
  return out;
}

const MARKS = { pass: '✓', partial: '~', fail: '✗', na: '-' } as const;

function markOf(x: RuleResult): keyof typeof MARKS {
  if (x.score === null || !x.measurable) return 'na';
  return x.score >= 0.99 ? 'pass' : x.score > 0 ? 'partial' : 'fail';
}

function paintMark(m: keyof typeof MARKS, st: Style): string {
  return m === 'pass' ? st.green(MARKS.pass) : m === 'partial' ? st.yellow(MARKS.partial) : m === 'fail' ? st.red(MARKS.fail) : st.dim(MARKS.na);
}

function paintGrade(g: string, st: Style): string {
  return g === 'A' || g === 'B' ? st.green(g) : g === 'C' ? st.yellow(g) : st.red(g);
}
import { projectLine } from './markdown.js';

function where(e: { path?: string; line?: number; cell?: number }): string {
  if (!e.path) return '';
  return e.cell !== undefined ? `${e.path} (cell ${e.cell}${e.line ? `, line ${e.line}` : ''})` : e.line ? `${e.path}:${e.line}` : e.path;
}

/** Remediation is Markdown written in rules/: bold marks go, the rest reads as it is. */
function prose(s: string): string {
  return line(s.replace(/\*\*([^*]+)\*\*/g, '$1'));
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Shared by the repos of one run: which rules' advice has been printed. */
interface Run {
  st: Style;
  width: number;
  verbose: boolean;
  advised: Set<string>;
}

/** Groups shown in the terminal's fix-first block; the others follow on one line. */
const TEXT_GROUPS = 3;

/**
 * The fix-first block: the top groups, each "1. Rewrite the README +8.7 → 65" with its rules and their own gains on
 * the lines under it (their advice follows in the rule list), then the other groups on one line.
 */
function fixFirstText(list: FixListView, run: Run): string[] {
  const { st, width } = run;
  if (!list.groups.length) return [];
  const out: string[] = [];
  const pad = ' '.repeat(17);
  list.groups.slice(0, TEXT_GROUPS).forEach((g, i) => {
    const head = `${line(g.title)} ${gainLabel(g, line)}${g.scoreAfter !== undefined ? ` →\u00a0${num(g.scoreAfter)}` : ''}`;
    const lead = i === 0 ? `  fix first:  ${i + 1}. ` : `${' '.repeat(14)}${i + 1}. `;
    out.push(...wrap(head, width, lead, pad).map((l, k) => (k === 0 ? `${lead}${st.bold(l.slice(lead.length))}` : l).replace(/\u00a0/g, ' ')));
    out.push(...wrap(g.rules.map((x) => `${line(x.rule)}\u00a0${gainLabel(x, line, g)}`).join(', '), width, pad).map((l) => l.replace(/\u00a0/g, ' ')));
  });
  const rest = thenParts(list.groups, TEXT_GROUPS, (g) => `${line(g.title)} ${gainLabel(g, line, g)}`);
  if (rest.length) out.push(...wrap(rest.join(' · '), width, `${' '.repeat(14)}then: `, pad));
  return out;
}

function repoText(r: RepoReport, run: Run): string[] {
  const { st, width } = run;
  const name = line(r.repo);
  if (!isAudited(r)) {
    const tag = r.status === 'error' ? st.red('error') : st.yellow('skipped');
    const out = [`${st.bold(name)}  ${tag}`];
    out.push(...wrap(line(r.reason), width, '  '));
    return [...out, ''];
  }
  const configured = configuredHeadline(r, line);
  const partialTag = r.status === 'partial' ? '[partial: not final]' : '';
  // The headline keeps the configured score and the partial tag on its line when they fit the width; else they wrap
  // under it (the repo's name alone may be longer than the width: a path is one word).
  const head = `${name}  ${num(r.score)}/100 (${r.grade})`;
  const fits = head.length + (configured ? 1 + configured.length : 0) + (partialTag ? 2 + partialTag.length : 0) <= width;
  const out = [
    `${st.bold(name)}  ${num(r.score)}/100 (${paintGrade(r.grade, st)})${fits && configured ? ` ${configured}` : ''}${fits && partialTag ? `  ${st.yellow(partialTag)}` : ''}`,
  ];
  if (!fits) {
    if (configured) out.push(...wrap(configured, width, ' '.repeat(14)));
    if (partialTag) out.push(' '.repeat(14) + st.yellow(partialTag));
  }
  if (r.status === 'partial') out.push(...wrap(`${line(r.reason ?? 'some data could not be read')} — the score is not final`, width, '  partial:    ', ' '.repeat(14)));
  for (const c of configuredText(r)) out.push(...wrap(c.trim().replace(/^configured: /, ''), width, '  configured: ', ' '.repeat(14)));
  // Non-breaking spaces keep a mark with its stage (and a category with its score) on one line when wrapped.
  // A stage with a status (not applicable: the repo is not ML) is "-", neither found nor missing.
  const stages = wrap(STAGES.map((s) => `${r.stages[s].status ? '-' : r.stages[s].detected ? '✓' : '✗'}\u00a0${s}`).join(' '), width, '  stages:     ', ' '.repeat(14));
  out.push(...stages.map((l) => l.replace(/\u00a0/g, ' ').replace(/✓/g, st.green('✓')).replace(/✗/g, st.red('✗'))));
  const kindLine = projectLine(r);
  if (kindLine) out.push(...wrap(line(kindLine), width, '  project:    ', ' '.repeat(14)));
  const categories = Object.entries(r.categories)
    .filter(([, v]) => v.weight > 0)
    .map(([c, v]) => `${line(c)}\u00a0${num(v.score)}`)
    .join(' · ');
  out.push(...wrap(categories, width, '  categories: ', ' '.repeat(14)).map((l) => l.replace(/\u00a0/g, ' ')));
  const list = fixListOf(r);
  const caps = capsSentence(list.caps, line);
  if (caps) out.push(...wrap(caps, width, '  capped:     ', ' '.repeat(14)).map(st.yellow));
  for (const n of r.notes.filter((x) => x.kind === 'shallow')) out.push(...wrap(line(n.message), width, `  ${st.yellow('warning:')} `, '    '));
  for (const n of r.notes.filter((x) => x.kind === 'info').slice(0, 5)) out.push(...wrap(line(n.message), width, '  note: ', '    '));

  out.push(...fixFirstText(list, run));

  // Each failing rule's own gain: what it adds now, or "(+N)" when a cap takes all of it until lifted.
  const fixes = ruleFixes(list);
  const omitted = omittedReasons(list);
  const gainOf = (id: string): string => {
    const a = fixes.get(id);
    return !a ? '' : a.gain > 0 || a.gainOnceLifted === undefined ? `+${num(a.gain)}` : `(+${num(a.gainOnceLifted)})`;
  };
  const sortGain = (id: string): number => fixes.get(id)?.gain || fixes.get(id)?.gainOnceLifted || 0;
  const failing = r.rules
    .filter((x) => markOf(x) === 'fail' || markOf(x) === 'partial')
    .sort((a, b) => sortGain(b.id) - sortGain(a.id) || (a.score ?? 0) - (b.score ?? 0) || (a.id < b.id ? -1 : 1));
  const shown = run.verbose ? [...failing, ...r.rules.filter((x) => !failing.includes(x))] : failing;
  const idWidth = Math.min(30, Math.max(0, ...shown.map((x) => x.id.length)));
  const gainWidth = Math.max(0, ...shown.map((x) => gainOf(x.id).length));
  let toldOmitted = false;
  if (shown.length) out.push('');
  for (const x of shown) {
    const m = markOf(x);
    const pct = x.score === null ? ' n/a' : `${String(Math.round(x.score * 100)).padStart(3)}%`;
    const a = fixes.get(x.id);
    const gain = gainOf(x.id).padEnd(gainWidth);
    const e = x.evidence[0];
    const ev = !x.measurable ? `not measurable: ${x.note ?? ''}` : e ? `${where(e)} ${line(e.detail).slice(0, 300)}`.trim() : (x.note ?? '');
    const bad = m === 'fail' || m === 'partial';
    const notAdvised = bad ? omitted.get(x.id) : undefined;
    const repeat = bad && !notAdvised && run.advised.has(x.id);
    // One line per rule, as a linter prints one per problem: the mark, the score, the points the fix adds, the rule
    // and what was found. The rule's title and its fix follow the first time the rule fails in this run.
    const message = `${line(ev || x.title)}${repeat ? ` (advice for ${line(x.id)}: see above)` : ''}`;
    const head = `  ${MARKS[m]} ${pct}  ${gain}${gainWidth ? '  ' : ''}${line(x.id).padEnd(idWidth)}  `;
    const body = wrap(message, width, head, ' '.repeat(head.length <= width * 0.6 ? head.length : 10));
    // Colour after wrapping, so widths are measured on plain text.
    body[0] = `  ${paintMark(m, st)} ${pct}  ${st.cyan(gain)}${gainWidth ? '  ' : ''}${st.bold(x.id.padEnd(idWidth))}  ${body[0].slice(head.length)}`;
    out.push(...body);
    if (notAdvised) {
      // A copy gets no history advice: the reason once, nothing after.
      if (!toldOmitted) out.push(...wrap(line(notAdvised), width, ' '.repeat(10)));
      toldOmitted = true;
    } else if (bad && !repeat) {
      run.advised.add(x.id);
      out.push(...wrap(`${ev ? `${line(x.title)}. ` : ''}Fix: ${prose(a?.text ?? x.remediation)}`, width, ' '.repeat(10)));
    }
  }
  if (!run.verbose) {
    const pass = r.rules.filter((x) => markOf(x) === 'pass').length;
    const na = r.rules.filter((x) => markOf(x) === 'na').length;
    const parts = [pass ? `${plural(pass, 'rule')} pass${pass === 1 ? 'es' : ''}` : '', na ? `${na} not measurable` : ''].filter(Boolean);
    if (parts.length) out.push(`  ${st.green(MARKS.pass)} ${parts.join(', ')} ${st.dim('(--verbose lists them)')}`);
  } else {
    const skipped = r.notes.filter((n) => n.kind !== 'shallow' && n.kind !== 'info');
    if (skipped.length) {
      const list = skipped.slice(0, 5).map((n) => `${line(n.path ?? '')} (${n.kind})`).join(', ');
      out.push(...wrap(`${skipped.length} file(s) skipped: ${list}${skipped.length > 5 ? ', …' : ''}`, width, '  '));
    }
  }
  out.push('');
  return out;
}

/** Shortens a name for a table cell in the middle, keeping both ends ("ada/very-lo…-model"). */
function fit(s: string, n: number): string {
  if (s.length <= n) return s.padEnd(n);
  const head = Math.ceil((n - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (n - 1 - head))}`;
}

/** One line per repo: score, grade, stages found, rules failing, the fix worth most. */
function summaryTable(report: Report, run: Run): string[] {
  const { st, width } = run;
  const names = report.repos.map((r) => line(r.repo));
  // The fixed columns take 31; the fix column keeps at least 14.
  const nameWidth = Math.max(4, Math.min(width - 2 - 31 - 14, Math.max(...names.map((n) => Math.min(40, n.length)))));
  const header = `  ${'repo'.padEnd(nameWidth)}  score  grade  stages  fails  fix first`;
  const out = [st.dim(header)];
  report.repos.forEach((r, i) => {
    const name = fit(names[i], nameWidth);
    if (!isAudited(r)) {
      const what = r.status === 'error' ? st.red('error') : st.yellow('skip ');
      out.push(`  ${name}  ${'—'.padStart(5)}  ${what}  ${' '.repeat(6)}  ${' '.repeat(5)}  ${st.dim('not audited (see below)')}`);
      return;
    }
    const stages = STAGES.filter((s) => r.stages[s].detected).length;
    const fails = r.rules.filter((x) => markOf(x) === 'fail' || markOf(x) === 'partial').length;
    const top = fixListOf(r).groups[0];
    const fix = top ? `${line(top.fix)} ${top.gain > 0 || top.gainOnceLifted === undefined ? `+${num(top.gain)}` : `(+${num(top.gainOnceLifted)})`}` : '—';
    const room = Math.max(8, width - (2 + nameWidth + 2 + 5 + 2 + 5 + 2 + 6 + 2 + 5 + 2));
    const partial = r.status === 'partial' ? '*' : ' ';
    out.push(
      `  ${name}  ${num(r.score).padStart(5)}  ${paintGrade(r.grade, st)}${partial}     ${`${stages}/5`.padEnd(6)}  ${String(fails).padStart(5)}  ${fix.length > room ? fix.slice(0, room - 1) + '…' : fix}`,
    );
  });
  if (report.repos.some((r) => r.status === 'partial')) out.push(st.dim('  * partial: some data could not be read, the score is not final'));
  return [...out, ''];
}

/** The report for a terminal. */
export function renderText(report: Report, opts: TextOptions = {}): string {
  const run: Run = {
    st: opts.colour ? COLOURS : PLAIN,
    width: Math.max(40, opts.width ?? 100),
    verbose: opts.verbose ?? false,
    advised: new Set(),
  };
  const { st } = run;
  const several = report.repos.length > 1;
  const out = [st.bold(`ML portfolio audit (${report.tool.name} ${report.tool.version})${several ? `: ${plural(report.repos.length, 'repo')}` : ''}`), ''];
  if (report.interrupted) out.push(st.yellow(`⚠ ${line(report.interrupted.message)}; the report lists the repos that finished`), '');
  if (several) out.push(...summaryTable(report, run));
  for (const r of report.repos) out.push(...repoText(r, run));
  if (several) out.push(...portfolioLines(report, run), '');
  out.push(...totals(report, run));
  return out.join('\n') + '\n';
}

/** The closing lines: grades and failures counted, and the legend of the marks. */
function totals(report: Report, run: Run): string[] {
  const { st, width } = run;
  const audited = report.repos.filter(isAudited);
  const grades = ['A', 'B', 'C', 'D', 'F'].map((g) => [g, audited.filter((r) => r.grade === g).length] as const).filter(([, n]) => n);
  const errors = report.repos.filter((r) => r.status === 'error').length;
  const skipped = report.repos.filter((r) => r.status === 'skipped').length;
  const fail = audited.reduce((n, r) => n + r.rules.filter((x) => markOf(x) === 'fail').length, 0);
  const partial = audited.reduce((n, r) => n + r.rules.filter((x) => markOf(x) === 'partial').length, 0);
  const summary = [
    `${plural(audited.length, 'repo')} audited${grades.length ? ` (${grades.map(([g, n]) => `${n} ${g}`).join(', ')})` : ''}`,
    errors ? plural(errors, 'error') : '',
    skipped ? `${skipped} skipped` : '',
    `${plural(fail, 'rule')} failing, ${partial} partly passing`,
  ].filter(Boolean);
  return [
    ...wrap(summary.join(' · '), width, ''),
    ...wrap(
      `${MARKS.pass} passes · ${MARKS.partial} passes in part · ${MARKS.fail} fails · ${MARKS.na} not measurable · +N score points the fix adds · (+N) once the cap is lifted`,
      width,
      'legend: ',
      '        ',
    ).map(st.dim),
  ];
}

/* ---- portfolio block (score, skills, specialisations, project types, flags, advice) ---- */
function portfolioLines(report: Report, run: Run): string[] {
  const { st, width } = run;
  const p = report.portfolio;
  const verdict = p.score !== undefined && p.grade !== undefined ? `${num(p.score)}/100 (${paintGrade(p.grade, st)})` : 'not scored';
  const out: string[] = [`${st.bold('portfolio')}  ${verdict}`];
  out.push(...wrap(line(p.explanation), width, '  '));
  if (p.skills) {
    const all = p.skills.flatMap((r) => r.skills);
    const shown = all.filter((s) => s.evidence.length).map((s) => s.label);
    out.push(...wrap(shown.join(', ') || 'none', width, `  skills (${shown.length}/${all.length}): `, '    '));
    const missing = all.filter((s) => !s.evidence.length).map((s) => s.label);
    if (missing.length) out.push(...wrap(missing.join(', '), width, '  not shown: ', '    '));
  }
  if (p.specialisations) out.push(...wrap(p.specialisations.filter((s) => s.evidence.length).map((s) => s.label).join(', ') || 'none', width, '  specialisations: ', '    '));
  if (p.projectTypes?.length) out.push(...wrap(p.projectTypes.map((t) => `${t.label} (${t.repos.length})`).join(', '), width, '  project types: ', '    '));
  for (const f of p.flags ?? []) out.push(...wrap(`${line(f.repo)} ${f.kind}: ${line(f.detail)}`, width, '  flag: ', '    '));
  const a = p.advice;
  if (a) {
    out.push('', st.bold('what to do'));
    for (const x of a.pin) out.push(...wrap(`${line(x.repo)} — ${line(x.reason)}`, width, `  ${st.green('pin')}      `, ' '.repeat(11)));
    if (a.improve) {
      const i = a.improve;
      const fix = run.advised.has(i.rule) ? `the advice for ${line(i.rule)} above` : prose(i.text);
      const what = i.title ? `${line(i.title)}, starting with ${line(i.rule)}` : line(i.rule);
      const text = `${line(i.repo)}: ${what} (+${num(i.gain)}: ${num(i.score)} → ${num(i.scoreAfter)}) — ${fix}`;
      out.push(...wrap(text, width, `  ${st.cyan('improve')}  `, ' '.repeat(11)));
    }
    for (const x of a.archive) {
      const kinds = x.kinds.map((k) => FLAG_LABELS[k] ?? k).join(', ');
      out.push(...wrap(`${line(x.repo)} (${kinds}) — ${line(x.reason)}`, width, `  ${st.yellow('archive')}  `, ' '.repeat(11)));
    }
  }
  return out;
}
