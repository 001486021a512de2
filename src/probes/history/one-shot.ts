/** `history-one-shot`: Did most of the project arrive in one dump (one commit or a burst of uploads) with little work around it? */
import { Type, type Static } from '@sinclair/typebox';
import type { ProbeResult, Evidence, Commit } from '../../types.js';
import { LINES_COUNTED_FILES } from '../../types.js';
import { defineProbe, type ProbeContext } from '../types.js';
import { HISTORY_IO, runMetric, thresholdParams, MIN_WORK_LINES, DAY_MS, type Dated, short, day, quote, count, pct, type Prepared } from './_shared/prepared.js';
import { linearScore } from './_shared/scale.js';
import { uploadStyle, classifyMessage } from './_shared/messages.js';
import { measured } from '../../types.js';
import { scanLines } from '../../facts/code-lines.js';
import { PLACEHOLDER_FILE } from '../stub-file.js';
import { fileByPath } from '../../sources/file-lookup.js';

function readmeOnly(c: Commit): boolean {
  if (!/readme/i.test(c.subject)) return false;
  return /^(update|create|edit|add|added|updated|fix|fixed)?\s*readme(\.md)?$/i.test(c.subject.trim().replace(/[.!\s]+$/, '')) || (c.filesChanged === 1 && /\breadme\b/i.test(c.subject));
}

/**
 * Files whose change is work on the project after an upload: code (scripts, notebooks, apps) and what deploys it
 * (Dockerfiles, compose files, requirements, CI workflows, platform configs). Not README, notes, docs, licences,
 * images or data.
 */
const CODE_OR_DEPLOY =
  /(?:^|\/)(?:Dockerfile[^/]*|(?:docker-)?compose[^/]*\.ya?ml|Procfile|requirements[^/]*\.(?:txt|in)|pyproject\.toml|setup\.(?:py|cfg)|environment\.ya?ml|Makefile|fly\.toml|render\.ya?ml|app\.ya?ml|vercel\.json)$|^\.github\/workflows\/[^/]+\.ya?ml$|\.(?:py|ipynb|r|rmd|qmd|jl|js|mjs|cjs|jsx|ts|tsx|java|scala|kt|m|go|rs|cpp|cc|c|h|hpp|sh|sql)$/i;

/**
 * Files among CODE_OR_DEPLOY whose substance is a few lines: deployment and configuration files (a Dockerfile, pins)
 * and shell or SQL scripts (a SLURM job, a query).
 */
const SHORT_FILE = /\.(?:sh|sql)$|(?:^|\/)(?:Dockerfile[^/]*|(?:docker-)?compose[^/]*\.ya?ml|Procfile|requirements[^/]*\.(?:txt|in)|pyproject\.toml|setup\.cfg|environment\.ya?ml|Makefile|fly\.toml|render\.ya?ml|app\.ya?ml|vercel\.json)$|^\.github\/workflows\/[^/]+\.ya?ml$/i;
/** A README (any folder): it describes the project's files, it is not one of them. */
const README_FILE = /(?:^|\/)readme(?:\.[a-z]{1,8})?$/i;

/** At most this many files changed after the upload are read to weigh their substance (the rest are not weighed). */
const MAX_LATER_READS = 300;

/** A file's substance at HEAD: enough lines to be work, some but too few (a stub), or none (comments only, empty). */
type Substance = 'work' | 'thin' | 'empty';

/**
 * The code or deployment files changed after the dump, each with its substance at HEAD: work is a script with at
 * least `minLines` code lines once comments are stripped (the facts layer's stripper; a notebook's code cells), or a
 * deployment or configuration file or shell script with at least `minConfigLines`. Changing a stub (comment lines
 * appended to `x = 1`) is not work; a file with no code line at all (comment-only) is not part of the project either.
 * A file deleted since counts as work (its removal is); files past the read budget are not in the map.
 */
async function laterFiles(later: readonly Prepared['work'][number][], present: { has(path: string): boolean }, ctx: ProbeContext, params: HistoryOneShotParams): Promise<Map<string, Substance> | null> {
  if (!later.length || later.some((c) => !c.paths)) return null;
  const paths = [...new Set(later.flatMap((c) => c.paths!.filter((f) => CODE_OR_DEPLOY.test(f))))];
  const out = new Map<string, Substance>();
  const toRead = paths.filter((f) => present.has(f)).slice(0, MAX_LATER_READS);
  const texts = await Promise.all(toRead.map((f) => ctx.read(f)));
  // Gone from the tree: deleted since, and removing a file (a Dockerfile given up for a Space) is work, as before.
  // Past the read budget: left out, neither a distinct file of work nor a hollow one.
  for (const f of paths) if (!present.has(f)) out.set(f, 'work');
  toRead.forEach((f, i) => {
    const t = texts[i];
    if (!t) return;
    // A short file's lines (requirements.txt is prose to the code scanner): those not blank and not `#` comments.
    const n = SHORT_FILE.test(f) ? scanLines(t, 'text').filter((l) => !l.text.trimStart().startsWith('#')).length : scanLines(t, 'code').length;
    out.set(f, n === 0 ? 'empty' : n >= (SHORT_FILE.test(f) ? params.laterMinConfigLines : params.laterMinLines) ? 'work' : 'thin');
  });
  return out;
}

/**
 * The work after the dump: commits later than its last commit that change code or deployment files (the paths are
 * known: local git) under a message that says what changed (not an upload or web-editor default, not a one-word
 * "update"). Counted with the days they fall on and the distinct code or deployment files they change, so that a dozen
 * edits of one file, README tweaks or a padded notes file do not add up to work; only files with substance at HEAD
 * count (see laterFiles), so comment lines appended to stubs do not either.
 */
function laterWork(later: readonly Prepared['work'][number][], substance: Map<string, Substance> | null): { commits: number; days: number; files: number } {
  // Paths unknown (the API): later work is not measured and earns nothing.
  if (!substance) return { commits: 0, days: 0, files: 0 };
  const files = new Set<string>();
  const days = new Set<number>();
  let commits = 0;
  for (const c of later) {
    const code = c.paths!.filter((f) => CODE_OR_DEPLOY.test(f) && substance.get(f) === 'work');
    if (!code.length || classifyMessage(c.subject, false).kind === 'low') continue;
    commits++;
    days.add(Math.floor(c.t / DAY_MS));
    for (const f of code) files.add(f);
  }
  return { commits, days: days.size, files: files.size };
}

/**
 * The lines a commit of work changed, as far as both sources know them: counted for a commit of fewer than
 * LINES_COUNTED_FILES files, `perFile` a file for a larger one (the rate the dump is measured at); null when unknown.
 */
function volumeOf(c: Commit, perFile: number): number | null {
  if (c.linesChanged !== null && c.linesChanged !== undefined) return c.linesChanged;
  return c.filesChanged !== null && c.filesChanged >= LINES_COUNTED_FILES ? c.filesChanged * perFile : null;
}

/**
 * How much of the credit the other work's volume allows: 0 under `otherMinLines` changed lines in all, 1 from
 * `otherLinesPerFile` lines per file of the dump (at least twice otherMinLines), linear between. Null (not weighed,
 * as before) when a commit's volume is unknown (a history past the source's window, files-changed unknown).
 */
function workVolume(dumpFiles: number, other: readonly Commit[], params: HistoryOneShotParams): { factor: number; other: number; need: number } | null {
  let lines = 0;
  for (const c of other) {
    const v = volumeOf(c, params.otherLinesPerFile);
    if (v === null) return null;
    lines += v;
  }
  const need = Math.max(2 * params.otherMinLines, Math.ceil(params.otherLinesPerFile * dumpFiles));
  return { factor: linearScore(lines, params.otherMinLines, need), other: lines, need };
}

async function oneShot(p: Prepared, ctx: ProbeContext, params: HistoryOneShotParams): Promise<ProbeResult> {
  const { zero, full } = params;
  const burstMs = params.burstHours * 3_600_000;
  const { minOtherCommits, minOtherDays } = params;
  let treeFiles = ctx.files.length;
  if (!treeFiles) return { score: 0, evidence: [], outcome: 'not-measurable', note: 'the tree has no files' };
  if (!p.dated.length) return { outcome: 'fail', score: 0, evidence: [], note: 'no dated commits' };
  // A dependency tree committed with the project (node_modules, a virtual environment: facts/vendored.ts) is someone
  // else's files: left out of the tree and, where the source lists a commit's paths (local git), of the commit's size
  // (held-out set 29: 1,398 files of node_modules in the first commit made a project worked on for weeks "100 % of
  // the files in one go"; committed in a later commit, the same tree would dilute a real dump's share).
  treeFiles = Math.max(1, ctx.facts.ownFiles().length);
  const ownSize = new Map<Dated, number>();
  const own = (c: Dated): number => {
    let n = ownSize.get(c);
    if (n === undefined) {
      n =
        c.paths?.length === c.filesChanged
          ? c.paths.filter((f) => !ctx.facts.isVendored(f)).length
          : Math.max(0, (c.filesChanged ?? 0) - (c.vendoredChanged ?? 0));
      ownSize.set(c, n);
    }
    return n;
  };
  const known = p.dated.filter((c) => c.filesChanged !== null);
  // The dump: the largest single commit, plus (for piecemeal web uploads) the low-information commits within
  // `burstHours` of it — "Add files via upload" ×5 over an afternoon is one dump, not five steps of work.
  let dumpCommits: Dated[];
  let dumpFiles: number;
  let basis: string;
  if (known.length) {
    // Files that only keep a folder in git (`.gitkeep`) are no part of an upload: a commit is as large as its other
    // files (attack13: three `.gitkeep` files outnumbered a notebook upload of two). Paths known: local git.
    const size = (c: Dated): number => (c.paths?.length === c.filesChanged ? own(c) - c.paths.filter((f) => PLACEHOLDER_FILE.test(f) && !ctx.facts.isVendored(f)).length : (c.filesChanged ?? 0));
    const largest = [...known].sort((a, b) => size(b) - size(a) || a.t - b.t)[0]!;
    // Upload-style: GitHub's upload button, web-editor defaults, Colab saves — not ordinary local commits.
    const uploadLike = known.filter((c) => c === largest || uploadStyle(c.subject));
    let best: { from: number; to: number; files: number } = { from: largest.t, to: largest.t, files: own(largest) };
    // Sliding window over the upload-like commits; it must contain the largest commit.
    for (let i = 0, j = 0, sum = 0; i < uploadLike.length; i++) {
      while (j < uploadLike.length && uploadLike[j]!.t - uploadLike[i]!.t <= burstMs) sum += own(uploadLike[j++]!);
      const from = uploadLike[i]!.t;
      const to = uploadLike[j - 1]!.t;
      if (largest.t >= from && largest.t <= to && sum > best.files) best = { from, to, files: sum };
      sum -= own(uploadLike[i]!);
    }
    dumpCommits = uploadLike.filter((c) => c.t >= best.from && c.t <= best.to);
    if (!dumpCommits.includes(largest)) dumpCommits.push(largest);
    dumpFiles = best.files;
    basis = `${dumpCommits.length === 1 ? `commit ${short(largest)} ${quote(largest.subject)}` : `${dumpCommits.length} upload-style commits ${day(best.from)}–${day(best.to)} (largest ${short(largest)} ${quote(largest.subject)})`} changed ${dumpFiles} files`;
  } else {
    // Files per commit unknown: fall back to the busiest day's share of commits.
    const perDay = new Map<string, Dated[]>();
    for (const c of p.dated) {
      const k = day(c.t);
      const list = perDay.get(k);
      if (list) list.push(c);
      else perDay.set(k, [c]);
    }
    dumpCommits = [...perDay.values()].sort((a, b) => b.length - a.length)[0]!;
    dumpFiles = Math.round((dumpCommits.length / p.dated.length) * treeFiles);
    basis = `${dumpCommits.length} of ${count(p.dated.length, 'commit')} on ${day(dumpCommits[0]!.t)} (files per commit unknown)`;
  }
  const inDump = new Set(dumpCommits.map((c) => c.sha));
  const dumpEnd = Math.max(...dumpCommits.map((c) => c.t));
  // The commits after the dump, and the paths at HEAD: read once for the substance of what they change and the credit.
  const later = p.work.filter((c) => c.t > dumpEnd && !inDump.has(c.sha));
  // What arrived after the dump is weighed with the small commits too (fewer than 3 lines, only stub files): they are
  // not work, and the hollow files they add must not dilute the dump's share of the tree either.
  const arrived = [...p.work, ...p.small].filter((c) => c.t > dumpEnd && !inDump.has(c.sha)).sort((a, b) => a.t - b.t);
  // (The tree looked up only when there is later work to weigh, by a binary search: no set of 100,000 paths.)
  const inTree = arrived.length ? fileByPath(ctx.files) : () => undefined;
  const present = { has: (path: string): boolean => inTree(path) !== undefined };
  const substance = await laterFiles(arrived, present, ctx, params);
  // Code files that arrived after the dump with no code line (comment-only scripts, empty stubs) are not part of the
  // project: they do not dilute the dump's share of the tree.
  if (substance) {
    const dumped = new Set(dumpCommits.flatMap((c) => c.paths ?? []));
    let hollow = 0;
    for (const [f, has] of substance) if (has === 'empty' && present.has(f) && !dumped.has(f)) hollow++;
    treeFiles = Math.max(1, treeFiles - hollow);
  }
  // Empty files and `.gitkeep`-style placeholders outside the dump are no part of the project either.
  const dumpedPaths = new Set(dumpCommits.flatMap((c) => c.paths ?? []));
  const placeholders = ctx.facts.ownFiles().filter((f) => PLACEHOLDER_FILE.test(f.path) && !dumpedPaths.has(f.path)).length;
  treeFiles = Math.max(1, treeFiles - placeholders);
  // A README committed apart from the upload describes what arrived; it is not half of the project (calibration set 28:
  // one notebook uploaded, its README written beside it, "50% of the 2 files" passed with 97.6 % of the lines in one
  // upload). Left out of the tree when a commit outside the dump is README-only (its subject names the README, as both
  // sources give it) and, where the source lists the dump's paths (local git), the dump did not bring it: GitHub's
  // "Initial commit" of README, LICENSE and .gitignore is a dump that holds its README. (The API lists no paths: there
  // the README-only commit decides alone.)
  const readmeApart = p.human.some((c) => !inDump.has(c.sha) && readmeOnly(c));
  const readmes = readmeApart ? ctx.facts.ownFiles().filter((f) => README_FILE.test(f.path) && !dumpedPaths.has(f.path)).length : 0;
  treeFiles = Math.max(1, treeFiles - readmes);
  const dumpShare = Math.min(1, dumpFiles / treeFiles);
  // A commit that only adds or changes a dependency tree is not work on the project.
  const other = p.work.filter((c) => !inDump.has(c.sha) && !readmeOnly(c) && !(c.filesChanged && (c.paths?.length === c.filesChanged || c.vendoredChanged !== undefined) && own(c) === 0));
  const otherDays = new Set(other.map((c) => Math.floor(c.t / DAY_MS))).size;
  const sustained = Math.min(1, other.length / minOtherCommits, otherDays / minOtherDays);
  // Work after the upload on the code and its deployment earns part of the credit (at most `laterCredit`): enough to
  // lift the cap, not as much as work spread over many days.
  const lw = laterWork(later, substance);
  const laterScore = Math.min(1, lw.commits / params.laterCommits, lw.days / params.laterDays, lw.files / params.laterFiles);
  // The volume of that work against the dump's: twelve comment lines after a 40-file upload are not the project's
  // work, however many commits and days they are spread over (lines as both sources count them; unknown: not weighed).
  const volume = workVolume(dumpFiles, other, params);
  const otherScore = Math.max(sustained, params.laterCredit * laterScore) * (volume?.factor ?? 1);
  const severity = 1 - linearScore(dumpShare, zero, full);
  const score = 1 - severity * (1 - otherScore);
  const evidence: Evidence[] = [
    {
      detail: `${dumpFiles > treeFiles ? `${basis.replace(/ files$/, ' file versions')}, covering ${pct(dumpShare)} of the ${treeFiles} files in the tree` : `${basis} = ${pct(dumpShare)} of the ${treeFiles} files in the tree`}${readmes ? ` (${readmes === 1 ? 'the README' : `${readmes} READMEs`}, edited apart, not counted)` : ''}`,
    },
    { detail: `other work: ${other.length} commit${other.length === 1 ? '' : 's'} on ${otherDays} day${otherDays === 1 ? '' : 's'} (README-only edits, empty commits, notes-only commits and commits of fewer than ${MIN_WORK_LINES} lines not counted)` },
  ];
  if (volume && volume.factor < 1 && severity > 0 && other.length)
    evidence.push({
      detail: `their volume: about ${count(volume.other, 'line')} changed (commits of ${LINES_COUNTED_FILES} files or more at ${params.otherLinesPerFile} a file), ${volume.other < params.otherMinLines ? `under ${params.otherMinLines} lines: not the project's work` : `${pct(volume.factor)} of the ${volume.need} (${params.otherLinesPerFile} a file of the dump) that would clear it`}`,
    });
  // Shown only when it lifts the score: where the paths are unknown (the API) the same history then reads the same.
  if (severity > 0 && otherScore > sustained)
    evidence.push({
      detail: `after the upload: ${count(lw.commits, 'commit')} changing code or deployment files under a message that says what changed, on ${count(lw.days, 'day')}, ${count(lw.files, 'distinct file')} (counted from the paths local git lists)`,
    });
  let note: string | undefined;
  if (severity > 0 && otherScore < 1)
    note = `most of the project arrived in one go (${pct(dumpShare)} of the files) with little work around it: ${count(other.length, 'other commit')} on ${count(otherDays, 'day')}`;
  return measured({ score, evidence, note });
}

const paramsSchema = Type.Object({ ...thresholdParams({ zero: 0.8, full: 0.5, unit: 'share of the tree arriving in one dump' }),
    /** Window (hours) in which a run of low-information upload commits counts as one dump. */
    burstHours: Type.Number({ exclusiveMinimum: 0, default: 48 }),
    /** Later/earlier work that clears a dump: this many substantive commits ... */
    minOtherCommits: Type.Integer({ minimum: 1, default: 10 }),
    /** ... on this many distinct days. */
    minOtherDays: Type.Integer({ minimum: 1, default: 5 }),
    /** Work after the upload that earns `laterCredit`: this many commits changing code or deployment files ... */
    laterCommits: Type.Integer({ minimum: 1, default: 10 }),
    /** ... on this many days ... */
    laterDays: Type.Integer({ minimum: 1, default: 2 }),
    /** ... changing this many distinct code or deployment files. */
    laterFiles: Type.Integer({ minimum: 1, default: 3 }),
    /** A script changed after the upload counts only with this many code lines at HEAD (comments stripped) ... */
    laterMinLines: Type.Integer({ minimum: 0, default: 10 }),
    /** ... a deployment or configuration file (Dockerfile, requirements, compose, CI workflow) or a shell or SQL script with this many. */
    laterMinConfigLines: Type.Integer({ minimum: 0, default: 3 }),
    /** The other work (commits of at least 3 lines each) clears nothing when it changed fewer lines than this in all ... */
    otherMinLines: Type.Integer({ minimum: 0, default: 20 }),
    /** ... and all it can only from this many lines per file of the dump (and twice otherMinLines); linear between. */
    otherLinesPerFile: Type.Number({ minimum: 0, maximum: 1000, default: 5 }),
    /** The most that work after the upload can clear (a share of the dump's penalty; 0 turns it off). */
    laterCredit: Type.Number({ minimum: 0, maximum: 1, default: 0.6 }) }, { additionalProperties: false });

type HistoryOneShotParams = Static<typeof paramsSchema>;

export const historyOneShotProbe = defineProbe({
  name: 'history-one-shot',
  description: 'Did most of the project arrive in one dump (one commit or a burst of uploads) with little work around it?',
  paramsSchema,
  ...HISTORY_IO,
  run: (params, ctx) => runMetric(ctx, (p) => oneShot(p, ctx, params), { window: true }),
});
