/**
 * A vitest reporter for the suite benchmark (bench/test-files.mjs): for every test file, vitest's own diagnostic —
 * the time to set up the worker's harness (prepare), to import the test file with everything it imports (collect),
 * the setup files, the tests and hooks — the slowest imports (self and total time) and the tests that failed. Written as JSON to the file
 * named by MLPA_DIAG_OUT (nothing is written without it). For reading, never asserted.
 *
 *   MLPA_DIAG_OUT=out.json npx vitest run --reporter=default --reporter=./bench/vitest-diagnostics.mjs
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export default class Diagnostics {
  files = [];

  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestModuleEnd(mod) {
    const d = mod.diagnostic();
    const imports = Object.entries(d.importDurations ?? {})
      .map(([id, t]) => ({ id: relative(this.root, id), self: Math.round(t.selfTime), total: Math.round(t.totalTime) }))
      .sort((a, b) => b.total - a.total)
      .slice(0, 8);
    this.files.push({
      file: relative(this.root, mod.moduleId),
      project: mod.project.name,
      prepareMs: Math.round(d.prepareDuration),
      environmentMs: Math.round(d.environmentSetupDuration),
      setupMs: Math.round(d.setupDuration),
      collectMs: Math.round(d.collectDuration),
      testsMs: Math.round(d.duration),
      heap: d.heap,
      imports,
      // What failed, so that a measured run also says why it failed.
      failed: [...mod.children.allTests('failed')].map((t) => ({ name: t.fullName, error: (t.result().errors ?? []).map((e) => e.message).join('\n').slice(0, 2000) })),
    });
  }

  onTestRunEnd() {
    const out = process.env.MLPA_DIAG_OUT;
    if (!out) return;
    this.files.sort((a, b) => b.prepareMs + b.collectMs + b.testsMs - (a.prepareMs + a.collectMs + a.testsMs));
    writeFileSync(out, JSON.stringify(this.files, null, 2));
  }
}
