import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSampleRepos } from '../src/demo/samples.js';
import { SHARED_ENV, type Shared } from './helpers/shared-fixtures.js';
import { buildWorkerBundle, WORKER_BUNDLE_ENV } from './helpers/worker-bundle.js';

/**
 * Once per `vitest run`, before any test file:
 * - a private temp folder for the whole run: TMPDIR points there for every test worker and every process they start
 *   (os.tmpdir(), git, tsx's cache). At the end it is removed, so a run leaves nothing in the machine's temp folder, and
 *   whatever a test file left in it is listed: the run fails naming it (each test file must remove what it creates;
 *   test/helpers/tmp.ts `tmpDir()` does). MLPA_KEEP_TMP=1 keeps the folder and prints where it is.
 * - the audit worker bundled once (test/helpers/worker-bundle.ts): every in-process audit runs in worker threads
 *   (src/audit-pool.ts), which from the sources load the whole engine through tsx again, thread after thread; with
 *   MLPA_AUDIT_WORKER_BUNDLE set (inherited by the test workers and the processes they start) they run the bundle.
 * - shared read-only fixtures, built once instead of once per test file: the demo's three sample repositories
 *   (test/helpers/shared.ts `sampleRepos()`), and where the one audit of them the files share is kept
 *   (`samplesReport()`: made by the first file that asks, in its test worker, where the engine is loaded already; an
 *   audit here, in vitest's main process, cost ~4 s of CPU to load the engine, more than it saved).
 *   Tests must not change them; copy or clone one to change it.
 * A run started by a test of this run (test/release/test-script.test.ts runs `npm test` on one file) finds the outer
 * run's fixtures in MLPA_TEST_SHARED and uses them instead of building its own; they stay the outer run's to remove.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    mlpaShared: Shared;
  }
}

/** The entries a test file's leftovers are compared against: the shared fixtures, the worker bundle, git's empty template and tsx's cache are expected. */
const EXPECTED = new Set(['shared', 'worker', 'git-template', 'tsx-0']);

/** The outer run's fixtures, when this run was started by one of its tests and they are all still there. */
function outerShared(): Shared | null {
  const raw = process.env[SHARED_ENV];
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Shared;
    const paths = [s.dir, s.samples.strong, s.samples.notebook, s.samples.tutorial, ...(s.bundle ? [s.bundle] : [])];
    return paths.every((p) => typeof p === 'string' && existsSync(p)) ? s : null;
  } catch {
    return null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outer = process.env.TMPDIR;
  const outerBundle = process.env[WORKER_BUNDLE_ENV];
  const outerShared_ = process.env[SHARED_ENV];
  const run = realpathSync(mkdtempSync(join(tmpdir(), 'mlpa-tests-')));
  process.env.TMPDIR = run; // inherited by the test workers, which start after this
  // An empty template for every `git init` and `git clone` of the run (the fixtures' repositories, the engine's
  // clones; inherited like TMPDIR): git otherwise copies its template (18 entries: sample hooks, info/exclude,
  // description) into each new .git, for hundreds of repositories a run, each created by git and removed after its test
  // file: ~2-3 ms of CPU a repository (150 `git init` and their removal, two runs each: 1.15-1.42 -> 0.86-0.99 s).
  // Nothing the audit reads is in them.
  const outerTemplate = process.env.GIT_TEMPLATE_DIR;
  const template = join(run, 'git-template');
  mkdirSync(template);
  process.env.GIT_TEMPLATE_DIR = template;
  let shared = outerShared();
  if (shared) {
    if (shared.bundle) process.env[WORKER_BUNDLE_ENV] = shared.bundle;
    else delete process.env[WORKER_BUNDLE_ENV];
  } else {
    const dir = join(run, 'shared');
    const bundle = await buildWorkerBundle(join(run, 'worker'));
    if (bundle) process.env[WORKER_BUNDLE_ENV] = bundle;
    else delete process.env[WORKER_BUNDLE_ENV]; // an outer run's bundle is removed with its temp folder
    shared = { dir, samples: buildSampleRepos(dir), bundle, samplesReport: join(dir, 'samples-report.json') };
    process.env[SHARED_ENV] = JSON.stringify(shared);
  }
  project.provide('mlpaShared', shared);

  return () => {
    if (outerTemplate === undefined) delete process.env.GIT_TEMPLATE_DIR;
    else process.env.GIT_TEMPLATE_DIR = outerTemplate;
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    if (outerBundle === undefined) delete process.env[WORKER_BUNDLE_ENV];
    else process.env[WORKER_BUNDLE_ENV] = outerBundle;
    if (outerShared_ === undefined) delete process.env[SHARED_ENV];
    else process.env[SHARED_ENV] = outerShared_;
    const left = readdirSync(run).filter((e) => !EXPECTED.has(e) && !/^tsx-\d+$/.test(e));
    if (process.env.MLPA_KEEP_TMP) {
      process.stderr.write(`MLPA_KEEP_TMP: the run's temp folder is kept at ${run}\n`);
      return;
    }
    rmSync(run, { recursive: true, force: true });
    if (left.length) {
      // Vitest prints an error thrown here but keeps its exit code: the exit code is set too.
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} entries in their temp folder (each test file must remove what it creates, e.g. with test/helpers/tmp.ts tmpDir()): ${left.slice(0, 20).join(', ')}`);
    }
  };
}
