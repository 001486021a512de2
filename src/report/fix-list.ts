/**
 * The fix-first list as every format shows it (text, Markdown, the PR comment, HTML): groups of fixes by what a person
 * does, each with its exact gain and its rules under it, and one line naming the rules that hold a cap. The wording
 * lives here once; each renderer passes how it writes a rule id and plain text. Reports are read defensively (a
 * merged or hand-edited report may lack `fixFirst` or hold anything in it): a report of an older version, without
 * `fixFirst`, shows its per-rule `nextActions` as one-rule groups.
 */
import { num } from './numbers.js';
import type { FixCap, FixGain, AuditedRepoReport } from './types.js';

interface FixView {
  /** The action's id ("readme"); for an older report's per-rule fix, the rule id. */
  fix: string;
  title: string;
  gain: number;
  heldBy: string[];
  gainOnceLifted?: number;
  scoreAfter?: number;
  rules: Array<{ rule: string; gain: number; heldBy: string[]; gainOnceLifted?: number; text: string }>;
}

export interface FixListView {
  caps: FixCap[];
  groups: FixView[];
  omitted: Array<{ fix: string; rules: string[]; reason: string }>;
}

const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const s = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const strings = (x: unknown): string[] => arr(x).map(s).filter(Boolean);
const lifted = (x: unknown): { gainOnceLifted?: number } => (typeof x === 'number' && Number.isFinite(x) ? { gainOnceLifted: x } : {});

/** The fix-first list of a repo's report, or of its configured score. */
export function fixListOf(r: Pick<AuditedRepoReport, 'fixFirst' | 'nextActions' | 'rules' | 'cappedBy'>): FixListView {
  const titles = new Map(arr(r.rules).map((x) => [s(obj(x).id), s(obj(x).title)]));
  if (r.fixFirst && typeof r.fixFirst === 'object') {
    const ff = obj(r.fixFirst);
    return {
      caps: arr(ff.caps)
        .map(obj)
        .map((c) => {
          const soft = c.soft ? obj(c.soft) : null;
          return {
            rule: s(c.rule),
            max: n(c.max),
            holds: c.holds === true,
            ...(c.measured === false ? { measured: false as const } : {}),
            ...(soft ? { soft: { from: n(soft.from), keep: n(soft.keep) } } : {}),
          };
        }),
      groups: arr(ff.groups).map(obj).map((g) => ({
        fix: s(g.fix),
        title: s(g.title),
        gain: n(g.gain),
        heldBy: strings(g.heldBy),
        ...lifted(g.gainOnceLifted),
        ...(typeof g.scoreAfter === 'number' ? { scoreAfter: n(g.scoreAfter) } : {}),
        rules: arr(g.rules).map(obj).map((x) => ({ rule: s(x.rule), gain: n(x.gain), heldBy: strings(x.heldBy), ...lifted(x.gainOnceLifted), text: s(x.text) })),
      })),
      omitted: arr(ff.omitted).map(obj).map((o) => ({ fix: s(o.fix), rules: strings(o.rules), reason: s(o.reason) })),
    };
  }
  // An older report: each per-rule fix is a group of its own; one counted once the cap is lifted gains 0 now.
  const cap = r.cappedBy ? [s(r.cappedBy.rule)] : [];
  return {
    caps: r.cappedBy ? [{ rule: s(r.cappedBy.rule), max: n(r.cappedBy.max), holds: true }] : [],
    groups: arr(r.nextActions).map(obj).map((a) => {
      const held = a.afterCap === true ? { gain: 0, heldBy: cap, gainOnceLifted: n(a.gain) } : { gain: n(a.gain), heldBy: [] };
      const rule = s(a.rule);
      return { fix: rule, title: titles.get(rule) || rule, ...held, rules: [{ rule, ...held, text: s(a.text) }] };
    }),
    omitted: [],
  };
}

/** How a renderer writes a rule id (inline code, plain) and a list of them. */
type Name = (id: string) => string;

function names(ids: string[], name: Name): string {
  const shown = ids.map(name);
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * A gain as the list prints it: "+8.7"; "+8.7 (+14.3 once `history-one-shot` passes)" when another rule's cap limits
 * it; "+0 until `no-course-folders` passes (then +6)" when the cap takes all of it. Under a group held by the same
 * rules (`within`), a rule's gain says only "(+3 after the cap)".
 */
export function gainLabel(g: Pick<FixGain, 'gain' | 'gainOnceLifted'> & { heldBy?: string[] }, name: Name, within?: { heldBy?: string[] }): string {
  const held = g.heldBy ?? [];
  const base = `+${num(g.gain)}`;
  if (!held.length || g.gainOnceLifted === undefined) return base;
  const then = `+${num(g.gainOnceLifted)}`;
  if (within && held.every((id) => within.heldBy?.includes(id))) return g.gain > 0 ? `${base} (${then} after the cap)` : `${base} until the cap is lifted (then ${then})`;
  const who = `${names(held, name)} pass${held.length === 1 ? 'es' : ''}`;
  return g.gain > 0 ? `${base} (${then} once ${who})` : `${base} until ${who} (then ${then})`;
}

/**
 * One sentence naming every rule whose cap applies: "Score capped at 45 by `a` and `b`: other fixes gain nothing until
 * they pass. Above that, at most 65 until `c` passes." Null when no cap applies.
 */
export function capsSentence(caps: FixCap[], name: Name): string | null {
  if (!caps.length) return null;
  const levels: Array<{ max: number; caps: FixCap[] }> = [];
  for (const c of caps) {
    const last = levels[levels.length - 1];
    if (last && last.max === c.max) last.caps.push(c);
    else levels.push({ max: c.max, caps: [c] });
  }
  const who = (cs: FixCap[]): string =>
    names(
      cs.map((c) => c.rule),
      (id) => `${name(id)}${cs.find((c) => c.rule === id)?.measured === false ? ' (not measured: the history is missing, so it counts as failing)' : ''}`,
    );
  const them = (cs: FixCap[]): string => (cs.length === 1 ? 'it passes' : 'they all pass');
  const out: string[] = [];
  levels.forEach((l, i) => {
    const holds = l.caps.some((c) => c.holds);
    const soft = l.caps.every((c) => c.soft) ? l.caps[0]!.soft! : null;
    if (i === 0 && holds && soft)
      out.push(
        `Score held below ${num(l.max)} by ${who(l.caps)}: above ${num(soft.from)}, other fixes count for ${num(Math.round(soft.keep * 100))} % of their points until ${them(l.caps)}.`,
      );
    else if (i === 0 && holds) out.push(`Score capped at ${num(l.max)} by ${who(l.caps)}: other fixes gain nothing until ${them(l.caps)}.`);
    else if (i === 0 && soft)
      out.push(
        `Fixes count fully up to ${num(soft.from)}, then for ${num(Math.round(soft.keep * 100))} % of their points (at most ${num(l.max)}), until ${who(l.caps)} pass${l.caps.length === 1 ? 'es' : ''} (a cap).`,
      );
    else if (i === 0) out.push(`Fixes count only up to ${num(l.max)} until ${who(l.caps)} pass${l.caps.length === 1 ? 'es' : ''} (a cap).`);
    else out.push(`Above that, at most ${num(l.max)} until ${who(l.caps)} pass${l.caps.length === 1 ? 'es' : ''}.`);
  });
  return out.join(' ');
}

/** Groups named on the "then" line after the top ones, at most. */
const THEN_MAX = 6;

/** The "then" line's parts: each group after the `top` ones as `one(g)`, at most THEN_MAX, then "N more". */
export function thenParts(groups: FixView[], top: number, one: (g: FixView) => string): string[] {
  const rest = groups.slice(top);
  const shown = rest.slice(0, THEN_MAX).map(one);
  return rest.length > THEN_MAX ? [...shown, `${rest.length - THEN_MAX} more`] : shown;
}

/** Each listed rule's own fix (gain alone, what holds it, advice), by rule id. */
export function ruleFixes(list: FixListView): Map<string, FixView['rules'][number]> {
  return new Map(list.groups.flatMap((g) => g.rules.map((x) => [x.rule, x] as const)));
}

/** Why a rule's advice is left out (a copy gets no history advice), by rule id. */
export function omittedReasons(list: FixListView): Map<string, string> {
  return new Map(list.omitted.flatMap((o) => o.rules.map((id) => [id, o.reason] as const)));
}
