/** The dependency probes (src/probes/dependencies/_shared/ reads the manifests once per snapshot). */
import { dependenciesManifestProbe } from './manifest.js';
import { dependenciesPinnedProbe } from './pinned.js';
import { dependenciesUsesProbe } from './uses.js';

export const DEPENDENCIES_PROBES = [dependenciesManifestProbe, dependenciesPinnedProbe, dependenciesUsesProbe];
