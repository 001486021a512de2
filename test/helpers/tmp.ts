import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];

// One cleanup per test file (vitest loads this module once per file). Set MLPA_KEEP_TMP=1 to keep the dirs.
afterAll(() => {
  if (process.env.MLPA_KEEP_TMP) return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh empty directory under os.tmpdir(), removed after the test file's tests. The path is the real path
 * (on macOS os.tmpdir() is behind a symlink), so it compares equal to what git and fs.realpath report.
 * Call it inside tests or hooks, or at the top level of a test file.
 */
export function tmpDir(prefix = 'mlpa-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}
