import type { Probe, ProbeRegistry } from './types.js';
import { pathsProbe } from './paths.js';
import { emptyFilesProbe } from './empty-files.js';
import { mlSpreadProbe } from './ml-spread.js';
import { codeProbe } from './code.js';
import { fingerprintsProbe } from './fingerprints.js';
import { README_PROBES } from './readme/index.js';
import { HISTORY_PROBES } from './history/index.js';
import { DEPENDENCIES_PROBES } from './dependencies/index.js';
import { metadataForkProbe } from './metadata/fork.js';
import { metadataArchivedProbe } from './metadata/archived.js';

const ALL: Probe[] = [
  pathsProbe,
  emptyFilesProbe,
  mlSpreadProbe,
  codeProbe,
  fingerprintsProbe,
  ...README_PROBES,
  ...HISTORY_PROBES,
  ...DEPENDENCIES_PROBES,
  metadataForkProbe,
  metadataArchivedProbe,
] as Probe[];

/** Every built-in probe, by the name rules use in their `probe:` field. Each answers one question. */
export const PROBES: ProbeRegistry = Object.fromEntries(ALL.map((p) => [p.name, p]));

/**
 * The probes that were families switched by a param before they were split (`probe: readme` + `check: dataset`), with that
 * param: each value of it is now a probe of its own, named `<family>-<value>` (readme-dataset).
 */
export const SPLIT_FAMILIES: Readonly<Record<string, 'check' | 'metric'>> = { readme: 'check', history: 'metric', dependencies: 'check', metadata: 'check' };

/** Whether a rule with this probe and params waits for the commit history (the history probes). */
export function readsHistory(probe: string, params: Record<string, unknown>, probes: ProbeRegistry = PROBES): boolean {
  return (Object.hasOwn(probes, probe) && probes[probe].needs?.(params as never)?.includes('history')) || false;
}
