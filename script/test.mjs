#!/usr/bin/env node
/**
 * `npm test`: vitest run, with no ANSI colours when the output is not a terminal (a pipe, a CI log file). Vitest's
 * colour library turns colours on whatever stdout is, and always when CI is set, unless NO_COLOR is set (FORCE_TTY=false
 * alone is not enough on a CI runner); FORCE_COLOR, when set, still wins. Arguments are passed on
 * (`npm test -- test/report`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const env = { ...process.env };
if (!process.stdout.isTTY && env.FORCE_COLOR === undefined) {
  env.FORCE_TTY = 'false';
  env.NO_COLOR = '1';
}
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
