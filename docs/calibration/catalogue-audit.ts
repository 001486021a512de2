/**
 * Audits a fingerprint catalogue against the labelled calibration sets: runs the `fingerprints` probe (rule
 * not-a-known-copy, with the rule's own parameters) on every labelled clone, once per catalogue given, and prints one
 * row per repository whose result differs between the catalogues or that any catalogue flags (score below 1) or
 * names (its closest source holds `minShared` or more of its fingerprints). Originals (strong, good, weak, non-ML)
 * that a catalogue flags are false positives. Numbers are recorded in retype.md.
 *
 *   npx tsx docs/calibration/catalogue-audit.ts --catalogue fingerprints.json --catalogue fingerprints-new.json \
 *       [--sets 5-22] [--clones /tmp/set] [--all]
 *
 * Catalogues are file names in rules/ (the probe's `catalogue` parameter). Clones: `<clones><N>/<owner>+<name>`,
 * labels: docs/calibration/set-<N>-labels.json. `--all` prints every repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintsProbe, retypedFiles, type FingerprintParams } from '../../src/probes/fingerprints.js';
import { repoFingerprints } from '../../src/probes/repo-fingerprints.js';
import { bestRetypeMatch, indexContent, type ContentCatalogue, type ContentIndex } from '../../src/probes/retype-match.js';
import { findRulesDir } from '../../src/rules/dir.js';
import { createProbeContext } from '../../src/probes/context.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { loadRules } from '../../src/rules/load.js';
import { localSnapshot } from '../../src/sources/local.js';

interface Label {
  repo: string;
  tier: string;
}

function args(argv: string[]) {
  const o = { catalogues: [] as string[], from: 5, to: 22, clones: '/tmp/set', all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--catalogue') o.catalogues.push(argv[++i]!);
    else if (a === '--sets') [o.from, o.to] = argv[++i]!.split('-').map(Number) as [number, number];
    else if (a === '--clones') o.clones = argv[++i]!;
    else if (a === '--all') o.all = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.catalogues.length) o.catalogues.push('fingerprints.json');
  return o;
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const params = loadRules().rules.find((r) => r.id === 'not-a-known-copy')!.params as FingerprintParams;
  const here = import.meta.dirname;
  const cats = o.catalogues.map((c) => {
    const raw = JSON.parse(readFileSync(join(findRulesDir(), c), 'utf8')) as { sources: Array<{ repo: string }>; content: ContentCatalogue };
    return { sources: raw.sources, index: indexContent(raw.content) as ContentIndex };
  });
  console.log(`| set | repository | tier | ${o.catalogues.map((c) => `${c}: score, note`).join(' | ')} |`);
  console.log(`| --- | --- | --- | ${o.catalogues.map(() => '---').join(' | ')} |`);
  const flagged = new Map<string, { originals: number; tutorials: number }>(o.catalogues.map((c) => [c, { originals: 0, tutorials: 0 }]));
  let n = 0;
  for (let set = o.from; set <= o.to; set++) {
    const labelsFile = join(here, `set-${set}-labels.json`);
    if (!existsSync(labelsFile)) continue;
    for (const l of JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[]) {
      const dir = `${o.clones}${set}/${l.repo.replace('/', '+')}`;
      if (!existsSync(dir)) continue;
      n++;
      const snapshot = await localSnapshot(dir);
      const cells: string[] = [];
      const scores: number[] = [];
      for (const [i, c] of o.catalogues.entries()) {
        const ctx = createProbeContext(snapshot, new Date(0));
        const r = await runWithDefaults(fingerprintsProbe, { ...params, catalogue: c }, ctx);
        // The closest source, named even under minShared (the probe names it only from there).
        const { files } = await repoFingerprints(createProbeContext(snapshot, new Date(0)), cats[i]!.index.params);
        const m = bestRetypeMatch(cats[i]!.index, files, 4);
        const closest = m ? `${cats[i]!.sources[m.source]!.repo} ${m.matched}/${m.total} (${(m.share * 100).toFixed(1)}%, ${m.pairs.length} pairs, ${retypedFiles(m).length} whole)` : 'no match';
        cells.push(`${r.score.toFixed(3)}: ${closest}${r.score < 1 ? `; ${r.note ?? ''}` : ''}`);
        scores.push(r.score);
        if (r.score < 1) flagged.get(c)![l.tier === 'tutorial' ? 'tutorials' : 'originals']++;
      }
      const differs = cells.some((x) => x !== cells[0]);
      if (o.all || differs || scores.some((s) => s < 1) || cells.some((x) => Number(/ (\d+)\/\d+ \(/.exec(x)?.[1] ?? 0) >= 20)) console.log(`| ${set} | ${l.repo} | ${l.tier} | ${cells.join(' | ')} |`);
    }
  }
  console.log(`\n${n} repositories.`);
  for (const [c, f] of flagged) console.log(`${c}: ${f.originals} originals flagged (score < 1), ${f.tutorials} tutorials flagged`);
}

await main();
