/**
 * Builds rules/fingerprints.json: git blob ids of the distinctive files of widely copied course and template
 * repositories, so an audit can tell that a candidate's repo shares files with one of them — by blob id only, never
 * by content (nothing of those repositories is stored here but ids and paths).
 *
 *   npx tsx script/build-fingerprints.ts [--out rules/fingerprints.json] [--cap 400] owner/name=/path/to/bare.git ...
 *
 * Each argument names a source repository and a git directory holding it (bare or not); its HEAD commit is read with
 * `git ls-tree -r -l`. Skipped: files under 200 bytes, empty files, LICENSE/COPYING, .gitignore/.gitattributes,
 * `__init__.py`, requirements/environment/setup manifests, lock files, and files of more than 5 MB (data, weights).
 * At most `--cap` files per repository (default 400), code and notebooks first, then by size (largest first), then path.
 * Blobs shared by several sources list every one. Deterministic for the same commits.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export interface FingerprintSource {
  repo: string;
  commit: string;
  /** Files of the repository recorded (after the filters and the cap) and files in its tree. */
  files: number;
  treeFiles: number;
}

export interface Fingerprints {
  version: 1;
  description: string;
  sources: FingerprintSource[];
  /** blob id → [index into sources, path] pairs. */
  blobs: Record<string, Array<[number, string]>>;
}

const MIN_BYTES = 200;
const MAX_BYTES = 5 * 1024 * 1024;
const COMMON =
  /(?:^|\/)(?:LICEN[CS]E[^/]*|COPYING[^/]*|\.gitignore|\.gitattributes|\.gitkeep|__init__\.py|requirements[^/]*\.txt|environment[^/]*\.ya?ml|setup\.(?:py|cfg)|pyproject\.toml|Pipfile(?:\.lock)?|poetry\.lock|package(?:-lock)?\.json|\.DS_Store|Thumbs\.db|CODE_OF_CONDUCT\.md|CONTRIBUTING\.md|\.pre-commit-config\.yaml|Makefile|Dockerfile)$/i;
const CODE = /\.(?:py|ipynb|R|Rmd|jl|m|sql|sh)$/i;

function treeOf(gitDir: string): { commit: string; entries: Array<{ oid: string; size: number; path: string }> } {
  const git = (...args: string[]): string => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const commit = git('rev-parse', 'HEAD^{commit}').trim();
  const entries: Array<{ oid: string; size: number; path: string }> = [];
  for (const rec of git('ls-tree', '-r', '-l', '-z', commit).split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
    if (type !== 'blob' || mode === '120000' || !oid) continue;
    entries.push({ oid, size: Number(size), path: rec.slice(tab + 1) });
  }
  return { commit, entries };
}

export function buildFingerprints(inputs: Array<{ repo: string; gitDir: string }>, cap = 400): Fingerprints {
  const out: Fingerprints = {
    version: 1,
    description: 'Git blob ids of distinctive files in widely copied course and template repositories (ids and paths only). Built by script/build-fingerprints.ts.',
    sources: [],
    blobs: {},
  };
  const sorted = [...inputs].sort((a, b) => (a.repo < b.repo ? -1 : 1));
  for (const { repo, gitDir } of sorted) {
    const { commit, entries } = treeOf(gitDir);
    const kept = entries
      .filter((e) => e.size >= MIN_BYTES && e.size <= MAX_BYTES && !COMMON.test(e.path))
      .sort((a, b) => Number(CODE.test(b.path)) - Number(CODE.test(a.path)) || b.size - a.size || (a.path < b.path ? -1 : 1))
      .slice(0, cap);
    const index = out.sources.length;
    out.sources.push({ repo, commit, files: kept.length, treeFiles: entries.length });
    for (const e of kept) (out.blobs[e.oid] ??= []).push([index, e.path]);
  }
  out.blobs = Object.fromEntries(Object.entries(out.blobs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return out;
}

function main(argv: string[]): void {
  let outFile = 'rules/fingerprints.json';
  let cap = 400;
  const inputs: Array<{ repo: string; gitDir: string }> = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') outFile = argv[++i]!;
    else if (a === '--cap') cap = Number(argv[++i]);
    else {
      const eq = a.indexOf('=');
      if (eq < 0 || !/^[\w.-]+\/[\w.-]+$/.test(a.slice(0, eq))) throw new Error(`expected owner/name=/path/to/git-dir, got ${a}`);
      inputs.push({ repo: a.slice(0, eq), gitDir: a.slice(eq + 1) });
    }
  }
  if (!inputs.length) throw new Error('usage: build-fingerprints.ts [--out file] [--cap n] owner/name=/path/to/git-dir ...');
  const fp = buildFingerprints(inputs, cap);
  writeFileSync(outFile, JSON.stringify(fp) + '\n');
  for (const s of fp.sources) process.stderr.write(`${s.repo}@${s.commit.slice(0, 12)}: ${s.files} of ${s.treeFiles} files\n`);
  process.stderr.write(`${Object.keys(fp.blobs).length} blob ids written to ${outFile}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
