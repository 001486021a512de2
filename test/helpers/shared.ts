import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { inject } from 'vitest';
import { buildSampleRepos, type SampleRepos } from '../../src/demo/samples.js';
import type { Report } from '../../src/report/types.js';
import { auditTargets } from '../../src/run.js';
import { SAMPLES_AUDIT_NOW, type Shared } from './shared-fixtures.js';
import { tmpDir } from './tmp.js';

export { SAMPLES_AUDIT_NOW } from './shared-fixtures.js';

/**
 * Fixtures built once per test run by test/global-setup.ts and shared by every test file. They are read-only: a test
 * that changes one copies or clones it first. Without the global setup (e.g. a test file run by another runner) each is
 * built in the test file's own temp folder.
 */

const provided = (): Shared | undefined => inject('mlpaShared') as Shared | undefined;

let own: SampleRepos | undefined;
let ownReport: Promise<Report> | undefined;

/** The demo's three sample repositories (strong, notebook, tutorial): git repositories, commits as in src/demo/samples.ts. */
export function sampleRepos(): SampleRepos {
  const shared = provided();
  if (shared) return shared.samples;
  return (own ??= buildSampleRepos(tmpDir('mlpa-samples-')));
}

/**
 * The report of `auditTargets({ targets: [strong, notebook, tutorial], now: SAMPLES_AUDIT_NOW })` on sampleRepos():
 * audited once per test worker at most and kept as JSON in the run's shared folder, so that the files that audit the
 * samples this way (demo, browser) share one audit. Each call returns a fresh copy: the caller may change it. Two
 * workers that ask at the same moment may each audit once; the file is written whole (renamed into place).
 */
export async function samplesReport(): Promise<Report> {
  const shared = provided();
  if (shared && existsSync(shared.samplesReport)) return JSON.parse(readFileSync(shared.samplesReport, 'utf8')) as Report;
  const { strong, notebook, tutorial } = sampleRepos();
  ownReport ??= auditTargets({ targets: [strong, notebook, tutorial], now: SAMPLES_AUDIT_NOW }).then((report) => {
    if (shared) {
      const part = `${shared.samplesReport}.${process.pid}.part`;
      writeFileSync(part, JSON.stringify(report));
      renameSync(part, shared.samplesReport);
    }
    return report;
  });
  return structuredClone(await ownReport);
}
