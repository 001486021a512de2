import { inject } from 'vitest';
import { buildSampleRepos, type SampleRepos } from '../../src/demo/samples.js';
import { tmpDir } from './tmp.js';

/**
 * Fixtures built once per test run by test/global-setup.ts and shared by every test file. They are read-only: a test
 * that changes one copies or clones it first. Without the global setup (e.g. a test file run by another runner) each is
 * built in the test file's own temp folder.
 */

let own: SampleRepos | undefined;

/** The demo's three sample repositories (strong, notebook, tutorial): git repositories, commits as in src/demo/samples.ts. */
export function sampleRepos(): SampleRepos {
  const shared = inject('mlpaShared') as { samples: SampleRepos } | undefined;
  if (shared) return shared.samples;
  return (own ??= buildSampleRepos(tmpDir('mlpa-samples-')));
}
