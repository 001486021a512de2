/**
 * Measures the retype check of the `fingerprints` probe (rule not-a-known-copy): how much of each repository's code
 * matches its closest catalogued source, for originals (false positives) and for generated retypes of the sources
 * (true positives). Numbers and thresholds are recorded in retype.md.
 *
 *   npx tsx docs/calibration/retype-measure.ts [--catalogue rules/fingerprints.json] [--mirrors /work/.mirror]
 *       [--k 24 --window 8 --max-per-file 64 --max-per-source 4000] [--json] [--retype owner/name ...] <repo-dir-or-git-dir> ...
 *
 * Each argument is a clone (its HEAD is read, as git has it) or a bare git directory; `dir/*` style lists are
 * expanded by the shell. Sources: the catalogue's, read from `<mirrors>/<owner>+<name>/repo`. With --k/--window/…
 * the catalogue is rebuilt in memory from those mirrors with these parameters instead (for a sweep).
 *
 * For each source three retypes are generated (test/helpers/retype.ts): renamed, reformatted, uncommented, moved,
 * notebooks as scripts (edits 0), plus a statement added every 8th / 4th line and one removed every 16th / 8th
 * (edits 8, 4), and the edits-8 retype next to the code of an original repository (the largest given); with
 * `--retype owner/name` (repeatable) only for those sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildFingerprints, CONTENT, gitTree, type ContentParams, type Fingerprints, type SourceTree } from '../../script/build-fingerprints.js';
import { createProbeContext } from '../../src/probes/context.js';
import { tokenLanguageOf } from '../../src/probes/code-tokens.js';
import { repoFingerprints } from '../../src/probes/repo-fingerprints.js';
import { bestRetypeMatch, indexContent, type ContentIndex, type RetypeMatch } from '../../src/probes/retype-match.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { retypeProject } from '../../test/helpers/retype.js';

interface Row {
  name: string;
  kind: 'original' | 'source' | 'retype';
  files: number;
  match: RetypeMatch | null;
  source?: string;
}

const PARAM_FLAGS: Record<string, keyof ContentParams> = { '--k': 'k', '--window': 'window', '--max-per-file': 'maxPerFile', '--max-per-source': 'maxPerSource' };

function args(argv: string[]) {
  const o = { catalogue: 'rules/fingerprints.json', mirrors: '/work/.mirror', json: false, params: null as ContentParams | null, repos: [] as string[], retype: [] as string[] };
  const p: ContentParams = { ...CONTENT };
  let sweep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (): number => Number(argv[++i]);
    if (a === '--catalogue') o.catalogue = argv[++i]!;
    else if (a === '--mirrors') o.mirrors = argv[++i]!;
    else if (a === '--json') o.json = true;
    else if (a === '--retype') o.retype.push(argv[++i]!);
    else if (a in PARAM_FLAGS) {
      p[PARAM_FLAGS[a]!] = num();
      sweep = true;
    } else o.repos.push(a);
  }
  if (sweep) o.params = p;
  return o;
}

/** A clone or a source's mirror; a source is read with the options it was catalogued with (`only`, `skip`, `fenced`, `tab`, `export`, `allFingerprints`, `maxPerSource`). */
function treeOf(dir: string, source?: Fingerprints['sources'][number]): SourceTree {
  const gitDir = [join(dir, '.git'), join(dir, 'repo/.git'), join(dir, 'repo')].find((d) => existsSync(d)) ?? dir;
  return gitTree(basename(dir).replace('+', '/'), gitDir, source ? { origin: source.origin, skip: source.skip, only: source.only, fenced: source.fenced, tab: source.tab, export: source.export, allFingerprints: source.allFingerprints, maxPerSource: source.maxPerSource } : {});
}

/** The code files of a tree, as text. */
function codeFiles(tree: SourceTree): Record<string, string> {
  const code = tree.entries.filter((e) => tokenLanguageOf(e.path) && e.size <= 25 * 1024 * 1024);
  const out: Record<string, string> = {};
  for (const [path, b] of tree.read(code)) out[path] = new TextDecoder().decode(b);
  return out;
}

async function measure(index: ContentIndex, files: Record<string, string>): Promise<{ files: number; match: RetypeMatch | null }> {
  const ctx = createProbeContext(memorySnapshot({ files }), new Date(0));
  const fp = await repoFingerprints(ctx, index.params);
  return { files: fp.files.length, match: bestRetypeMatch(index, fp.files, 4) };
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const stored = JSON.parse(readFileSync(o.catalogue, 'utf8')) as Fingerprints;
  const sources = stored.sources.map((s) => treeOf(join(o.mirrors, s.repo.replace('/', '+')), s));
  const cat = o.params ? buildFingerprints(sources, { content: o.params }) : stored;
  const index = indexContent(cat.content);
  const sourceNames = new Set(cat.sources.map((s) => s.repo));
  const rows: Row[] = [];
  let largest: Record<string, string> = {};
  for (const dir of o.repos) {
    const tree = treeOf(dir);
    const files = codeFiles(tree);
    if (Object.values(files).join('').length > Object.values(largest).join('').length && !sourceNames.has(tree.repo)) largest = files;
    rows.push({ name: tree.repo, kind: sourceNames.has(tree.repo) ? 'source' : 'original', ...(await measure(index, files)) });
  }
  for (const tree of sources) {
    if (o.retype.length && !o.retype.includes(tree.repo)) continue;
    const files = codeFiles(tree);
    for (const edits of [0, 8, 4]) rows.push({ name: `${tree.repo} retype, edits ${edits}`, kind: 'retype', source: tree.repo, ...(await measure(index, retypeProject(files, { edits }))) });
    const mixed = { ...retypeProject(files, { edits: 8 }), ...Object.fromEntries(Object.entries(largest).map(([p, t]) => [`own/${p}`, t])) };
    rows.push({ name: `${tree.repo} retype, edits 8, next to an original's code`, kind: 'retype', source: tree.repo, ...(await measure(index, mixed)) });
  }
  const srcName = (m: RetypeMatch | null): string => (m ? cat.sources[m.source]!.repo : '—');
  if (o.json) {
    console.log(JSON.stringify({ params: cat.content, rows: rows.map((r) => ({ ...r, match: r.match && { ...r.match, pairs: r.match.pairs.length, source: srcName(r.match) } })) }, null, 1));
    return;
  }
  const { k, window, maxPerFile, maxPerSource } = cat.content;
  console.log(`k ${k}, window ${window}, max per file ${maxPerFile}, max per source ${maxPerSource}\n`);
  console.log('| repository | kind | code files | closest source | matched / fingerprints | share | file pairs |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const m = r.match;
    const wrong = r.kind === 'retype' && m && srcName(m) !== r.source ? ' (wrong source)' : '';
    console.log(`| ${r.name} | ${r.kind} | ${r.files} | ${srcName(m)}${wrong} | ${m ? `${m.matched} / ${m.total}` : '0'} | ${m ? (m.share * 100).toFixed(1) + '%' : '0%'} | ${m?.pairs.length ?? 0} |`);
  }
  const originals = rows.filter((r) => r.kind === 'original');
  const retypes = rows.filter((r) => r.kind === 'retype');
  const maxOf = (list: Row[], f: (m: RetypeMatch) => number): number => Math.max(0, ...list.map((r) => (r.match ? f(r.match) : 0)));
  const minOf = (list: Row[], f: (m: RetypeMatch) => number): number => Math.min(...list.map((r) => (r.match ? f(r.match) : 0)));
  console.log(`\noriginals: highest share ${(maxOf(originals, (m) => m.share) * 100).toFixed(1)}%, most matched ${maxOf(originals, (m) => m.matched)}`);
  console.log(`retypes: lowest share ${(minOf(retypes, (m) => m.share) * 100).toFixed(1)}%, fewest matched ${minOf(retypes, (m) => m.matched)}`);
}

await main();
