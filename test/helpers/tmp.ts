import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/**
 * Removes the folders tmpDir() created since the last call: test/setup-file.ts calls it after each test file's tests
 * (this module may be shared by the test files of one worker). Set MLPA_KEEP_TMP=1 to keep them.
 */
export function removeTmpDirs(): void {
  if (process.env.MLPA_KEEP_TMP) return;
  const dirs = created.splice(0);
  if (!dirs.length) return;
  // One `rm -rf` for the file's folders where there is one: fixture repositories are mostly .git folders of small files,
  // which Node's recursive rmSync removes with an lstat per entry and a failed rmdir (an exception) per folder; rm
  // removed 150 such repositories (163 entries each) with ~1.0-1.1 s of CPU against rmSync's ~1.8-1.9 s. Whatever rm
  // could not remove (or no rm at all: Windows) goes through rmSync, which throws on what it cannot remove.
  if (process.platform !== 'win32') spawnSync('rm', ['-rf', '--', ...dirs], { stdio: 'ignore' });
  for (const dir of dirs) if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
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
