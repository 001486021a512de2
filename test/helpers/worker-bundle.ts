import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  try {
    return await bundleEntry(entry, join(dir, 'audit-worker.mjs'), entry);
  } catch (e) {
    process.stderr.write(`test/global-setup: the audit worker bundle was not built (${(e as Error)?.message ?? String(e)}); the audit workers run the sources through tsx\n`);
    return null;
  }
}

/**
 * Bundles the TypeScript module `entry` and what it imports (not node_modules' CommonJS packages' own `require`s, which
 * get one) into the ES module `outfile`, with esbuild, and returns `outfile`. `import.meta.url` in the bundle is
 * `metaFrom`'s URL: a source file in the folder whose neighbours the bundled code looks for. The engine's modules that
 * read it are src/audit-pool.ts (which starts src/audit-worker-dev.mjs, next to it, when its URL ends in `.ts`) and
 * src/rules/dir.ts (which walks up to rules/): with `metaFrom` a file of src/, both find what they find from the sources.
 * For a process of the sources without tsx's loader: tsx compiles each module in the process that runs it (~4 s of
 * CPU for the engine), esbuild bundles it in ~0.2 s.
 */
export async function bundleEntry(entry: string, outfile: string, metaFrom: string): Promise<string> {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(metaFrom).href) },
    // CommonJS dependencies that require() Node's modules need a require in an ES module.
    banner: { js: "import { createRequire as mlpaCreateRequire } from 'node:module'; const require = mlpaCreateRequire(import.meta.url);" },
  });
  return outfile;
}
