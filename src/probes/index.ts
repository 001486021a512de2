import type { ProbeRegistry } from './types.js';
import { pathsProbe } from './paths.js';
import { codeProbe } from './code.js';
import { dependenciesProbe } from './dependencies.js';
import { metadataProbe } from './metadata.js';
import { readmeProbe } from './readme.js';
import { historyProbe } from './history.js';
import { fingerprintsProbe } from './fingerprints.js';

/** Every probe, by the name rules use in their `probe:` field. One module per kind of evidence. */
export const PROBES: ProbeRegistry = Object.fromEntries(
  [pathsProbe, codeProbe, dependenciesProbe, metadataProbe, readmeProbe, historyProbe, fingerprintsProbe].map((p) => [p.name, p]),
);
