import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadRules } from '../../src/rules/load.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('CLI: rules and explain', () => {
  const set = loadRules();
  it('`rules` lists every rule with category, weight, cap and title', async () => {
    const r = await cli(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CATEGORY\s+WEIGHT\s+CAP\s+TITLE$/);
    expect(lines).toHaveLength(set.rules.length + 1);
    expect(r.stdout).toMatch(/^history-one-shot\s+history\s+3\s+below 0\.5 → above 65 keep 0\.14 \(max 69\.9\)\s+History — not a one-shot upload/m);
    expect(r.stdout).toMatch(/^readme-exists\s+readme\s+2\s+gate\s+README/m);
  });

  it('`explain <rule-id>` prints the page for the terminal', async () => {
    const r = await cli(['explain', 'no-secrets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no-secrets\n=+\n/);
    expect(r.stdout).toContain('THE GUIDE');
    expect(r.stdout).toContain('Fails:');
    expect(r.stdout).toContain('* an AWS key id hard-coded in a notebook');
    expect(r.stdout).toContain('HOW TO FIX');
    expect(r.stdout).not.toMatch(/<!--|```|^\*\*|^#/m);
    // Code spans keep their text: globs are not read as emphasis.
    expect(r.stdout).toContain('**/.env, **/.env.*, **/*.ipynb');
  });

  it('an unknown id is an input error that suggests the closest ids', async () => {
    const r = await cli(['explain', 'stage-trainig']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown rule "stage-trainig"; did you mean "stage-training"\?/);
    const none = await cli(['explain', 'qqqqqqqq']);
    expect(none.code).toBe(2);
    expect(none.stderr).not.toContain('did you mean');
  });

  it('a rules folder that does not exist is an input error', async () => {
    const r = await cli(['rules', '--rules', '/nonexistent/rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid file: .*not a folder of rules/);
  });
});
