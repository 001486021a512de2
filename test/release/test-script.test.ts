import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm test', () => {
  // On a CI runner (CI set) vitest's colour library colours even when FORCE_TTY=false: both cases are run.
  it.each([['on a developer machine', {}], ['on a CI runner (CI=true)', { CI: 'true' }]])('prints no ANSI codes when its output is piped (vitest colours regardless, unless told), %s', (_name, extra: NodeJS.ProcessEnv) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['FORCE_COLOR', 'FORCE_TTY', 'NO_COLOR', 'CI', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[k];
    Object.assign(env, extra);
    const r = spawnSync(process.execPath, [join(ROOT, 'script/test.mjs'), 'test/report/escape.test.ts'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('escape.test.ts');
    expect(r.stdout + r.stderr).not.toContain('\u001b[');
    expect(r.stdout + r.stderr).not.toMatch(/warn/i);
  });
});
