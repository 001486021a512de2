import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/**
 * Removes the folders tmpDir() created since the last call: test/setup-file.ts calls it after each test file's tests
 * (this module may be shared by the test files of one worker). Set MLPA_KEEP_TMP=1 to keep them.
 */
export function removeTmpDirs(): void {
  if (process.env.MLPA_KEEP_TMP) return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh empty directory under os.tmpdir(), removed after the test file's tests (test/setup-file.ts). The path is the real path
 * (on macOS os.tmpdir() is behind a symlink), so it compares equal to what git and fs.realpath report.
 * Call it inside tests or hooks, or at the top level of a test file.
 */
export function tmpDir(prefix = 'mlpa-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}
