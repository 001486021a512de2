// Where the shipped rules/ folder is. Its own module (no imports from the engine), so the probes that read data files
// from rules/ (the fingerprint catalogue) do not import the rule loader, which imports every probe.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the rules/ directory shipped with the tool: walks up from this module's file (src/rules/ when run from
 * source, dist/ or dist/cli/ when bundled) until a folder holds rules/sources.yml. Works wherever the runner unpacks
 * the action or npm installs the package.
 */
export function findRulesDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'rules');
    if (existsSync(join(candidate, 'sources.yml'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the rules/ folder (looked upward from ${from}); reinstall the package`);
    dir = up;
  }
}
