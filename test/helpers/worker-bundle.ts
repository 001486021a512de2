import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The variable src/audit-worker-dev.mjs reads: the bundle its audit worker threads run instead of the sources. */
export const WORKER_BUNDLE_ENV = 'MLPA_AUDIT_WORKER_BUNDLE';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the audit worker (src/audit-worker-main.ts and the engine under it) into one ES module in `dir`, with
 * esbuild (tsx's own dependency). From the sources, every audit worker thread otherwise registers tsx and loads the
 * whole engine through it again, about 1 s of CPU per thread; the bundle loads in a fraction of that.
 *
 * `import.meta.url` in the bundle is the URL of the worker's source file, so code that looks for files next to its
 * module (src/rules/dir.ts: the rules/ folder, for the fingerprint catalogue) finds the checkout's, as from the sources.
 * Returns the bundle's path, or null (with a warning) when esbuild cannot be loaded or fails: the workers then run
 * through tsx as before.
 */
export async function buildWorkerBundle(dir: string): Promise<string | null> {
  const entry = join(root, 'src', 'audit-worker-main.ts');
  const outfile = join(dir, 'audit-worker.mjs');
  try {
    const { build } = await import('esbuild');
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) },
      // CommonJS dependencies that require() Node's modules need a require in an ES module.
      banner: { js: "import { createRequire as mlpaCreateRequire } from 'node:module'; const require = mlpaCreateRequire(import.meta.url);" },
    });
    return outfile;
  } catch (e) {
    process.stderr.write(`test/global-setup: the audit worker bundle was not built (${(e as Error)?.message ?? String(e)}); the audit workers run the sources through tsx\n`);
    return null;
  }
}
