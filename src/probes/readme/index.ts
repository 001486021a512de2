/** The README probes: one question each about the root README (src/probes/readme/_shared/ reads and parses it once). */
import { readmeExistsProbe } from './exists.js';
import { readmeTitleSummaryProbe } from './title-summary.js';
import { readmeProblemProbe } from './problem.js';
import { readmeSetupProbe } from './setup.js';
import { readmeUsageProbe } from './usage.js';
import { readmeDatasetProbe } from './dataset.js';
import { readmeResultsProbe } from './results.js';
import { readmeResultsTypedProbe } from './results-typed.js';
import { readmeDemoLinkProbe } from './demo-link.js';
import { readmeVisualsProbe } from './visuals.js';
import { readmeLengthProbe } from './length.js';
import { readmeLinksProbe } from './links.js';
import { readmePhrasesProbe } from './phrases.js';

export const README_PROBES = [
  readmeExistsProbe,
  readmeTitleSummaryProbe,
  readmeProblemProbe,
  readmeSetupProbe,
  readmeUsageProbe,
  readmeDatasetProbe,
  readmeResultsProbe,
  readmeResultsTypedProbe,
  readmeDemoLinkProbe,
  readmeVisualsProbe,
  readmeLengthProbe,
  readmeLinksProbe,
  readmePhrasesProbe,
];
