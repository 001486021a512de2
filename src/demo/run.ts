import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIO } from '../cli/main.js';
import { buildSampleRepos } from './samples.js';

/**
 * `npm run demo [-- --keep] [-- --format markdown|json …]`: generates three sample ML repos with real git history in
 * a temp dir, audits them with the CLI and prints the report. The repos are removed afterwards, unless --keep.
 * Returns the CLI's exit code.
 */
export async function runDemo(args: string[], io?: CliIO): Promise<number> {
  const keep = args.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'mlpa-demo-'));
  try {
    const repos = buildSampleRepos(dir);
    const note = `sample repos generated in ${dir}${keep ? '' : ' (removed after the run; npm run demo -- --keep keeps them)'}\n`;
    if (io) io.stderr(note);
    else process.stderr.write(note);
    return await main([repos.strong, repos.notebook, repos.tutorial, '--now', '2025-12-01', ...args.filter((a) => a !== '--keep')], io);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
