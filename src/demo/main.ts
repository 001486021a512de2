import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { buildSampleRepos } from './samples.js';

/**
 * `npm run demo [-- --keep] [-- --format markdown|json …]`: generates three sample ML repos with real git history in
 * a temp dir, audits them with the CLI and prints the report. The repos are removed afterwards, unless --keep.
 */
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'mlpa-demo-'));
try {
  const repos = buildSampleRepos(dir);
  process.stderr.write(`sample repos generated in ${dir}${keep ? '' : ' (removed after the run; npm run demo -- --keep keeps them)'}\n`);
  process.exitCode = await main([repos.strong, repos.notebook, repos.tutorial, '--now', '2025-12-01', ...args.filter((a) => a !== '--keep')]);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
