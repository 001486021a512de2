/** `history-message-quality`: What share of commit messages say what changed? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence, Commit } from '../../types.js';
import { defineProbe } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, short, quote, pct, count, MIN_WORK_LINES, type Prepared } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { classifyMessage } from './_shared/messages.js';
import { measured } from '../../types.js';

/** A subject repeated at least this often, over at least this share of the messages, is a habit, not a description. */
const REPEAT_MIN = 5;
const REPEAT_SHARE = 0.25;

/**
 * A subject as a habit repeats it: spacing and case aside, and every run of digits one mark — "update 1" … "update 40",
 * "Add feature 7", "daily sync 2025-03-14" are one message with a counter or a date, as a script or a habit writes it,
 * not forty descriptions of what changed (issue #11: 40 generated "feat: update data.py (step N)" commits rated 98 %
 * informative, +12.8).
 */
const normal = (subject: string): string =>
  subject.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#').toLowerCase().replace(NUMBER_WORD, '#').replace(/#(?:[ -]#)+/g, '#');

/**
 * A counter written in words or Roman numerals is a counter too ("step one" … "step twenty-two", "part ii", "the
 * third update"): attack14, the 30 generated subjects of the digit trick rated 100 % informative again this way (+6.1).
 */
const NUMBER_WORD =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth|fortieth|fiftieth|(?=[ivxl])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\b/g;

/**
 * A word that can be a counter in letters ("step a" … "step z", "part aa") or in the words of an ordered list — the
 * spelling alphabet ("step alfa" … "step zulu"), the Greek letters, the planets, the months and the days of the week
 * (a date in words, as "2025-03-14" is one in digits) — its punctuation kept; `#`: a number. attack15: 30 subjects
 * "(step alfa)" … "(step zulu)" were rated 100 % informative (+6.1), attack16 the same in months (+6.1). "Add the March
 * data" … "Add the May data" over a year of monthly drops is one habit, as "Add data 2024-03" … is. Such a word varies only
 * where five subjects or more are otherwise the same and it takes three values or more, so "tune alpha" and "tune
 * gamma" beside other work stay two messages.
 */
const LETTER_COUNTER =
  /^(\W*)(?:[a-z]{1,2}|#|(alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|x-?ray|yankee|zulu|beta|gamma|epsilon|zeta|eta|theta|iota|kappa|lambda|omicron|rho|sigma|tau|upsilon|phi|chi|psi|omega|mercury|venus|earth|mars|jupiter|saturn|uranus|neptune|pluto|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun))(\W*)$/;
/** The punctuation a word ends with (its last characters that are not letters, digits or `_`). */
function trailing(word: string): string {
  let i = word.length;
  while (i > 0 && !/\w/.test(word[i - 1]!)) i--;
  return word.slice(i);
}
/** Words of a subject looked at for a letter counter. */
const MAX_COUNTER_WORDS = 16;
/** Subjects longer than this are no generated counter (and a hostile 10 KB subject makes no 16 copies of itself). */
const MAX_COUNTER_SUBJECT = 200;
/** The mark of a template whose word is any word (habitKeys): it must cover REPEAT_SHARE of the history. */
const ANY = '\u0000';
/** Distinct letters a counter runs through at least (one letter repeated is one subject repeated). */
const MIN_COUNTER_VALUES = 3;

/**
 * Each subject's habit key: its `normal` form, or, when it is one of REPEAT_MIN subjects or more that are the same but
 * for one word of one or two letters taking MIN_COUNTER_VALUES values or more ("update a", "update b", … "update
 * ba"), that form with the word as a mark: a counter in letters (attack14: 30 subjects "(step a)" … rated 100 %
 * informative, +6.1). Only such short words vary: "fix typo in train.py" and "fix typo in model.py" stay two —
 * unless such subjects, any one word varying, are a quarter of the history (`ANY`, attack19).
 */
function habitKeys(commits: readonly Commit[]): Map<string, string> {
  const normals = new Map<string, string>();
  for (const c of commits) if (!normals.has(c.subject)) normals.set(c.subject, normal(c.subject));
  /** Subjects rated informative on their own: only they make an `ANY` template ("Update README.md" says nothing already). */
  const said = new Map<string, boolean>();
  for (const k of normals.keys()) said.set(k, classifyMessage(k, false).kind === 'informative');
  /** Templates (the subject with one short word as `@`): how many commits, and which words. */
  const templates = new Map<string, { count: number; values: Set<string>; single: boolean }>();
  /**
   * `single`: the template marks one word; else a word of an ordered list and the word after it. Any word at all
   * varies too, in a template of its own kind (`ANY`) that must cover a quarter of the history (REPEAT_SHARE): a
   * counter in the words of any list ("step hydrogen" … "step zinc", the zodiac, colours; attack18, +6.1) is a habit
   * when it is that much of the history, as a subject repeated is; beside other work "fix typo in train.py" and "… in
   * model.py", or five models added one by one, stay messages of their own. Only subjects rated informative on their
   * own make such a template: GitHub's "Update README.md", "Update eval.py" say nothing already, and counted they
   * made "update dataset", "update model" beside them a habit (set 43, a good repo: 63.9 → 62.9).
   */
  const templatesOf = (k: string, anyWord: boolean): Array<{ t: string; single: boolean }> => {
    if (k.length > MAX_COUNTER_SUBJECT) return [];
    const words = k.split(' ');
    const out: Array<{ t: string; single: boolean }> = [];
    for (let i = 0; i < words.length && i < MAX_COUNTER_WORDS; i++) {
      if (anyWord && words.length > 1) out.push({ t: ANY + [...words.slice(0, i), '@', ...words.slice(i + 1)].join(' '), single: true });
      const m = LETTER_COUNTER.exec(words[i]!);
      if (!m) continue;
      out.push({ t: [...words.slice(0, i), `${m[1]}@${m[3]}`, ...words.slice(i + 1)].join(' '), single: true });
      // A word of an ordered list runs out (26 letters of the spelling alphabet): "step alfa again" goes on where
      // "step zulu" stopped, the next word part of the counter (attack15's 30 subjects, 4 of them "… again").
      // Only beside subjects where the word stands alone (review16: "Add alpha blending to images", "Add gamma correction
      // to images", "Add sigma clipping …" are five changes, not a counter — no subject there is "Add alpha to images").
      const next = words[i + 1];
      if (m[2] && !m[3] && next !== undefined) out.push({ t: [...words.slice(0, i), `${m[1]}@${trailing(next)}`, ...words.slice(i + 2)].join(' '), single: false });
    }
    return out;
  };
  for (const c of commits) {
    const k = normals.get(c.subject)!;
    for (const { t, single } of templatesOf(k, said.get(c.subject)!)) {
      const e = templates.get(t) ?? { count: 0, values: new Set<string>(), single: false };
      e.count++;
      if (single) e.single = true;
      if (e.values.size < MIN_COUNTER_VALUES) e.values.add(k);
      templates.set(t, e);
    }
  }
  const out = new Map<string, string>();
  for (const [subject, k] of normals) {
    let best: string | null = null;
    let bestCount = 0;
    for (const { t } of templatesOf(k, said.get(subject)!)) {
      const e = templates.get(t)!;
      const share = !t.startsWith(ANY) || e.count >= REPEAT_SHARE * commits.length;
      if (share && e.single && e.count >= REPEAT_MIN && e.values.size >= MIN_COUNTER_VALUES && e.count > bestCount) {
        best = t;
        bestCount = e.count;
      }
    }
    out.set(subject, best ?? k);
  }
  return out;
}

/**
 * Subjects written the same way over much of the history ("Improve the model" × 40 of 120, "Update step 1" … "Update
 * step 40", "update a" … "update z"), by their habit key: whatever their words, they say nothing about what each
 * commit changed.
 */
function repeatedSubjects(commits: readonly Commit[], keys: ReadonlyMap<string, string>): Map<string, { first: string; numbered: boolean }> {
  const n = new Map<string, { count: number; first: string; numbered: boolean }>();
  for (const c of commits) {
    const k = keys.get(c.subject)!;
    const e = n.get(k);
    if (e) {
      e.count++;
      if (!e.numbered && c.subject.trim() !== e.first) e.numbered = true;
    } else n.set(k, { count: 1, first: c.subject.trim(), numbered: false });
  }
  const out = new Map<string, { first: string; numbered: boolean }>();
  for (const [k, e] of n) if (e.count >= REPEAT_MIN && e.count >= REPEAT_SHARE * commits.length) out.set(k, e);
  return out;
}

/** The messages rated, and how many say what changed, each weighed (see `messageQuality`). */
interface Rated {
  rated: number;
  ratedWeight: number;
  goodWeight: number;
  good: Commit[];
  low: Map<string, { count: number; reason: string; sha: string }>;
  smallGood: number;
  smallWeight: number;
  workRated: number;
}

/**
 * The messages rated, once per history and `smallShare`: history-message-quality and the rules that weigh by the
 * messages (informativeShare) rate the same commits with the same share by default. Each rating of a 20,000-commit
 * history made ~50 MB of short-lived strings and objects (bench/README.md, mem13). The result is not changed by
 * its users.
 */
const ratedCache = new WeakMap<Prepared, Map<number, Rated>>();

function rateMessages(p: Prepared, smallShare: number): Rated {
  let byShare = ratedCache.get(p);
  if (!byShare) ratedCache.set(p, (byShare = new Map()));
  let r = byShare.get(smallShare);
  if (!r) byShare.set(smallShare, (r = rateMessagesOnce(p, smallShare)));
  return r;
}

function rateMessagesOnce(p: Prepared, smallShare: number): Rated {
  const oldest = p.human[0];
  const low = new Map<string, { count: number; reason: string; sha: string }>();
  const good: Commit[] = [];
  let rated = 0;
  // Messages of busy work (a line added to notes.md, an empty commit) say nothing about the project, however they are
  // worded. Those of small commits (fewer than 3 lines, only stub files) are rated: "Remove the SARIMAX fallback" on a
  // one-line change says what changed — left out, honest histories lost the credit of their small, well-described
  // fixes (calibration set 15). But the well-worded ones weigh together at most `smallShare` (half) of the commits of
  // work rated: a small fix fixes some work, it is not the work, and twelve well-worded one-line commits after a
  // one-commit upload are padding (issue #11). A small commit under a message that says nothing counts in full.
  const work = new Set([...p.work, ...p.small].map((c) => c.sha));
  const small = new Set(p.small.map((c) => c.sha));
  const rate = p.busy > p.tiny ? p.human.filter((x) => work.has(x.sha)) : p.human;
  const keys = habitKeys(rate);
  const repeated = repeatedSubjects(rate, keys);
  /** A repeated subject is listed once, under its first wording, however its numbers change. */
  const shown = new Map<string, string>();
  const kinds = rate.map((c): { kind: 'informative' | 'low' | 'neutral'; reason?: string } => {
    const rep = repeated.get(keys.get(c.subject)!);
    if (!rep) return classifyMessage(c.subject, c === oldest);
    shown.set(c.sha, rep.first);
    return { kind: 'low', reason: rep.numbered ? 'the same message with a different number, over much of the history' : 'the same message over much of the history' };
  });
  let workRated = 0;
  let smallGood = 0;
  rate.forEach((c, i) => {
    const kind = kinds[i]!.kind;
    if (kind === 'neutral') return;
    if (!small.has(c.sha)) workRated++;
    else if (kind === 'informative') smallGood++;
  });
  /** What one well-worded small commit's message weighs: 1, or less when they are more than `smallShare` of the work. */
  const smallMax = smallShare * workRated;
  const smallWeight = smallGood > smallMax ? smallMax / smallGood : 1;
  let goodWeight = 0;
  let ratedWeight = 0;
  for (const [i, c] of rate.entries()) {
    const k = kinds[i]!;
    if (k.kind === 'neutral') continue;
    const w = small.has(c.sha) && k.kind === 'informative' ? smallWeight : 1;
    ratedWeight += w;
    rated++;
    if (k.kind === 'informative') {
      good.push(c);
      goodWeight += w;
    } else {
      const key = shown.get(c.sha) ?? (c.subject.trim() || '(empty)');
      const e = low.get(key);
      if (e) e.count++;
      else low.set(key, { count: 1, reason: k.reason ?? 'low information', sha: short(c) });
    }
  }
  return { rated, ratedWeight, goodWeight, good, low, smallGood, smallWeight, workRated };
}

/** The default thresholds and small-commit share of history-message-quality (its rule file sets the same). */
const MESSAGE_DEFAULTS = { zero: 0.2, full: 0.7, smallShare: 0.5 } as const;

const describedCache = new WeakMap<Prepared, number | null>();

/**
 * The share of informative messages as history-message-quality weighs them; null when no message is rated (only an
 * initial commit). Shared by the rules that count commits, days and span: a
 * history whose messages say nothing shows less work than the same history described (issue #11, calibration
 * sets 5–22: the labellers rate 140 "Update Test.py" commits over 30 days, or 136 "no message" commits, as a
 * boilerplate history, 2 of 5).
 */
function informativeShare(p: Prepared): number | null {
  if (describedCache.has(p)) return describedCache.get(p)!;
  const r = rateMessages(p, MESSAGE_DEFAULTS.smallShare);
  const v = !r.rated ? null : !r.ratedWeight ? 0 : r.goodWeight / r.ratedWeight;
  describedCache.set(p, v);
  return v;
}

/**
 * Scales a count, days or span score by how well the messages describe the work: a history whose messages all say
 * nothing keeps `floor` of it, one whose messages mostly say what changed keeps all of it. Adds a line of evidence
 * when it costs something.
 */
export function weighByMessages(p: Prepared, score: number, floor: number, evidence: Evidence[]): number {
  const share = informativeShare(p);
  if (share === null || floor >= 1 || score <= 0) return score;
  const d = linearScore(share, MESSAGE_DEFAULTS.zero, MESSAGE_DEFAULTS.full);
  if (d >= 1) return score;
  const f = floor + (1 - floor) * d;
  evidence.push({ detail: `weighed ×${f.toFixed(2)}: ${pct(share)} of the commit messages say what changed (${pct(MESSAGE_DEFAULTS.full)} for the full count; history-message-quality)` });
  return score * f;
}

/** The param of the count, days and span rules: the share of their score a history keeps when no message says what changed. */
export const undescribedParam = {
  undescribed: Type.Number({ minimum: 0, maximum: 1, default: 0.5, description: 'share of the score kept when no commit message says what changed (1: messages not weighed)' }),
};

function messageQuality(p: Prepared, params: HistoryMessageQualityParams): ProbeResult {
  const { zero, full } = params;
  const oldest = p.human[0];
  const { rated, ratedWeight, goodWeight, good, low, smallGood, smallWeight, workRated } = rateMessages(p, params.smallShare);
  if (!rated) return { outcome: 'fail', score: 0, evidence: [{ detail: `only an initial commit: ${quote(oldest?.subject ?? '')}` }], note: 'no commit messages besides the initial commit' };
  if (!ratedWeight)
    return {
      outcome: 'fail',
      score: 0,
      evidence: [{ detail: `only small commits besides the initial commit ${quote(oldest?.subject ?? '')}: ${count(smallGood, 'commit')} of fewer than ${MIN_WORK_LINES} lines or only stub files` }],
      note: 'no commit of work to rate: the messages of small commits weigh at most half the commits of work rated',
    };
  const share = goodWeight / ratedWeight;
  const lowCount = rated - good.length;
  const initial = rated < p.human.length ? ' (the initial commit is not rated)' : '';
  const evidence: Evidence[] = [{ detail: `${good.length} of ${rated === 1 ? '1 message says' : `${rated} messages say`} what changed (${pct(share)}${smallWeight < 1 ? ' by weight' : ''}); ${lowCount} say nothing${initial}` }];
  if (smallWeight < 1)
    evidence.push({
      detail: `the ${smallGood} well-worded small commits (fewer than ${MIN_WORK_LINES} lines, or only stub files) weigh together as ${+(smallGood * smallWeight).toFixed(2)}: ${pct(params.smallShare)} of the ${count(workRated, 'commit')} of work rated, no more`,
    });
  // The three most repeated low-information subjects (ties by subject): one pass, no sort of thousands of subjects.
  const examples: Array<[string, { count: number; reason: string; sha: string }]> = [];
  const before = (a: (typeof examples)[number], b: (typeof examples)[number]): boolean => a[1].count > b[1].count || (a[1].count === b[1].count && a[0] < b[0]);
  for (const entry of low) {
    if (examples.length === 3 && !before(entry, examples[2]!)) continue;
    if (examples.length === 3) examples.pop();
    examples.push(entry);
    for (let k = examples.length - 1; k > 0 && before(examples[k]!, examples[k - 1]!); k--) [examples[k - 1], examples[k]] = [examples[k]!, examples[k - 1]!];
  }
  for (const [subject, e] of examples) evidence.push({ detail: `${quote(subject)}${e.count > 1 ? ` × ${e.count}` : ` (${e.sha})`} — ${e.reason}` });
  if (good.length) evidence.push({ detail: `informative, e.g. ${short(good[good.length - 1]!)} ${quote(good[good.length - 1]!.subject)}` });
  const r: ProbeResult = measured({ score: linearScore(share, zero, full), evidence: evidence.slice(0, 5) });
  if (share < full) r.note = `${pct(1 - share)} of commit messages are low-information (e.g. ${quote(examples[0]?.[0] ?? '')})`;
  return r;
}

/** A README-only change does not show work on the project itself. */

const paramsSchema = Type.Object(
  {
    ...thresholdParams({ zero: 0.2, full: 0.7, unit: 'share of informative messages' }),
    /** The well-worded messages of small commits (fewer than 3 lines, only stub files) weigh together at most this share of the commits of work rated. */
    smallShare: Type.Number({ minimum: 0, maximum: 10, default: 0.5, description: 'well-worded small commits weigh together at most this share of the commits of work rated' }),
  },
  { additionalProperties: false },
);

type HistoryMessageQualityParams = Static<typeof paramsSchema>;

export const historyMessageQualityProbe = defineProbe({
  name: 'history-message-quality',
  description: 'What share of commit messages say what changed?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => messageQuality(p, params), { window: true }),
});
