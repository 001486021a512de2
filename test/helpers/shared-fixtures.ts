import type { SampleRepos } from '../../src/demo/samples.js';

/**
 * What test/global-setup.ts provides to every test file (test/helpers/shared.ts reads it) and hands to a run started by
 * a test (in MLPA_TEST_SHARED). No vitest import here: the global setup loads this module too.
 */
export interface Shared {
  /** The shared folder, under the run's temp folder. */
  dir: string;
  samples: SampleRepos;
  /** Where `samplesReport()` keeps its audit as JSON, written by the first test file that asks (it may not exist yet). */
  samplesReport: string;
  /** The audit worker's bundle (test/helpers/worker-bundle.ts), or null when it could not be built. */
  bundle: string | null;
}

/** The variable a run started by a test finds the outer run's fixtures in (test/global-setup.ts). */
export const SHARED_ENV = 'MLPA_TEST_SHARED';

/** The `now` of the shared audit of the samples. */
export const SAMPLES_AUDIT_NOW = new Date('2025-12-01');

