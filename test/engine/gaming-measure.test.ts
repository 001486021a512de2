import { it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { NOW, TRICKS, build } from './gaming-attack.js';

it.skipIf(!process.env.MEASURE)('measure', async () => {
  const rules = loadRules();
  const run = async (t: string[]) => auditSnapshot(memorySnapshot(build(t)), { rules, now: NOW, skills: false });
  const base = await run([]);
  const det = (r: typeof base) => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k).join(',');
  console.log('BASE', base.score, base.grade, det(base), base.rules.map((r) => `${r.id}=${r.score}`).join(' '));
  for (const t of Object.keys(TRICKS)) {
    const r = await run([t]);
    const changed = r.rules.filter((x, i) => x.score !== base.rules[i].score).map((x) => `${x.id}:${base.rules.find((b) => b.id === x.id)!.score}->${x.score}`);
    console.log((r.score - base.score).toFixed(1).padStart(5), r.grade, det(r), '|', t, '|', changed.join(' '));
  }
  const all = await run(Object.keys(TRICKS));
  console.log('ALL', all.score, all.grade, det(all), all.cappedBy);
});
