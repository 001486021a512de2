/**
 * Measures "the project starts from someone else's code" on clones: does the history open with commits by an author
 * who is not the repository's main author, and how much of HEAD still comes from them? Numbers and the decision are
 * recorded in set-10.md ("Session 8: history that starts from someone else's code").
 *
 *   npx tsx docs/calibration/starter-measure.ts <labels.json> <clones-dir>
 *
 * Each labelled repo is read from `<clones-dir>/<owner>+<name>` (its HEAD, as git has it). Columns:
 * - starter: the leading commits (oldest first, merges and bots left out) whose author is not in the main author's
 *   group (the project's own identity merging, src/probes/history/_shared/authors.ts);
 * - count measures, which the GitHub source could give too (authors and files changed per commit, when the window
 *   reaches the oldest commit): files changed by the starter commits against the files in the tree, days between the
 *   starter's last commit and the main author's first, commits by anyone but the main author after that;
 * - content measures, which need the local clone: HEAD code files first added by a starter commit (paths, no rename
 *   following), and the share of HEAD code lines `git blame -M -C` gives to starter commits (notebooks left out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorGroups, isBot } from '../../src/probes/history/_shared/authors.js';
import type { Commit } from '../../src/types.js';

const CODE = /\.(?:py|r|rmd|qmd|jl|js|ts|tsx|jsx|java|scala|cpp|c|h|m|go|rs|sql|sh)$/i;
const MAX_BLAME_FILES = 300;

const git = (dir: string, args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });

interface Full extends Commit {
  paths: string[];
  t: number;
}

function history(dir: string): Full[] {
  const log = git(dir, ['log', '--reverse', '--no-renames', '--format=%x1e%H%x1f%P%x1f%aI%x1f%an%x1f%ae%x1f%s', '--name-only', 'HEAD']);
  return log
    .split('\x1e')
    .filter(Boolean)
    .map((block) => {
      const [head, ...rest] = block.split('\n');
      const [sha = '', parents = '', date = '', authorName = '', authorEmail = '', ...subject] = head!.split('\x1f');
      const paths = rest.filter(Boolean);
      return { sha, authorName, authorEmail, date, subject: subject.join('\x1f'), merge: parents.split(' ').filter(Boolean).length > 1, filesChanged: paths.length, paths, t: Date.parse(date) };
    })
    .filter((c) => !c.merge && !isBot(c));
}

function blameShare(dir: string, files: string[], starter: Set<string>): { lines: number; fromStarter: number; skipped: number } {
  let skipped = 0;
  let lines = 0;
  let fromStarter = 0;
  for (const f of files.slice(0, MAX_BLAME_FILES)) {
    // -C reads other commits' blobs; a partial clone may lack some: fall back to -M, then skip the file.
    let out: string;
    try {
      out = git(dir, ['blame', '-M', '-C', '--porcelain', 'HEAD', '--', f]);
    } catch {
      try {
        out = git(dir, ['blame', '-M', '--porcelain', 'HEAD', '--', f]);
      } catch {
        skipped++;
        continue;
      }
    }
    for (const line of out.split('\n')) {
      const m = /^([0-9a-f]{40}) \d+ \d+ (\d+)$/.exec(line); // the first line of each group: sha, lines in the group
      if (!m) continue;
      const n = Number(m[2]);
      lines += n;
      if (starter.has(m[1]!)) fromStarter += n;
    }
  }
  return { lines, fromStarter, skipped };
}

const [labelsPath, clones] = process.argv.slice(2);
if (!labelsPath || !clones) throw new Error('usage: starter-measure.ts <labels.json> <clones-dir>');
const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Array<{ repo: string; tier: string }>;
console.log('| repo | tier | commits | starter commits | starter files changed / tree files | gap (days) | others after | HEAD code files from starter | HEAD code lines from starter (blame) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
let none = 0;
for (const { repo, tier } of labels) {
  const dir = join(clones, repo.replace('/', '+'));
  if (!existsSync(dir)) {
    console.log(`| ${repo} | ${tier} | clone missing | | | | | | |`);
    continue;
  }
  const commits = history(dir);
  if (!commits.length) continue;
  const main = authorGroups(commits)[0]!;
  const inMain = (c: Commit): boolean => main.emails.includes(c.authorEmail.toLowerCase()) || main.names.includes(c.authorName);
  const k = commits.findIndex(inMain);
  if (k <= 0) {
    none++;
    continue;
  }
  const starter = commits.slice(0, k);
  const tree = git(dir, ['ls-files']).split('\n').filter(Boolean);
  const code = tree.filter((p) => CODE.test(p));
  const starterFiles = starter.reduce((s, c) => s + c.filesChanged!, 0);
  const gap = (commits[k]!.t - starter[k - 1]!.t) / 86_400_000;
  const othersAfter = commits.slice(k).filter((c) => !inMain(c)).length;
  const added = new Set(starter.flatMap((c) => c.paths));
  const codeFromStarter = code.filter((p) => added.has(p)).length;
  const b = blameShare(dir, code, new Set(starter.map((c) => c.sha)));
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  console.log(
    `| ${repo} | ${tier} | ${commits.length} | ${k} | ${starterFiles} / ${tree.length} (${pct(starterFiles / tree.length)}) | ${gap.toFixed(0)} | ${othersAfter} | ${codeFromStarter} / ${code.length} | ${b.fromStarter} / ${b.lines} (${pct(b.fromStarter / Math.max(1, b.lines))})${b.skipped ? `, ${b.skipped} file(s) unreadable` : ''} |`,
  );
}
console.log(`\n${none} of ${labels.length} repos open with a commit by the main author (no starter).`);
