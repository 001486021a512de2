import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { buildSampleRepos } from './samples.js';

/**
 * `npm run demo [-- --format markdown|json]`: generates three sample ML repos with real git history in a temp dir,
 * audits them with the CLI and prints the report. The repos are removed afterwards.
 */
const dir = mkdtempSync(join(tmpdir(), 'mlpa-demo-'));
try {
  const repos = buildSampleRepos(dir);
  process.stderr.write(`sample repos generated in ${dir}\n`);
  const args = process.argv.slice(2);
  process.exitCode = await main([repos.strong, repos.notebook, repos.tutorial, '--now', '2025-12-01', ...args]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
