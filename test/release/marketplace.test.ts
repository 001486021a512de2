import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionYml, ROOT } from '../helpers/fake-github/runner.js';

/** What the Marketplace and a reader of the README need to be true: only commands and refs that resolve. */

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Lines inside the README's fenced code blocks. */
function codeLines(md: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of md.split('\n')) {
    if (/^\s*```/.test(line)) inside = !inside;
    else if (inside) out.push(line);
  }
  return out;
}

describe('Marketplace and install instructions', () => {
  it("action.yml: a description the Marketplace takes (at most 125 characters) and branding", () => {
    const y = actionYml() as ReturnType<typeof actionYml> & { name: string; description: string; branding?: { icon?: string; color?: string } };
    expect(y.description.length).toBeLessThanOrEqual(125);
    expect(y.description.length).toBeGreaterThan(40);
    expect(y.name).toBeTruthy();
    expect(y.branding?.icon).toBeTruthy();
    expect(y.branding?.color).toBeTruthy();
  });

  it('the README runs no package from the npm registry under this name (nothing is published there)', () => {
    for (const line of codeLines(readme)) {
      expect(line, line).not.toMatch(/\bnpx\s+(--yes\s+|-y\s+)?ml-portfolio-audit\b/);
      expect(line, line).not.toMatch(/\bnpm\s+(i|install|add)\b[^#\n]*\bml-portfolio-audit\b/);
    }
    const npx = codeLines(readme).filter((l) => /^\s*npx\s/.test(l));
    expect(npx.length).toBeGreaterThan(0);
    for (const line of npx) expect(line, line).toMatch(/^\s*npx (github:[\w.-]+\/ml-portfolio-audit|\.\/ml-portfolio-audit-\d+\.\d+\.\d+\.tgz)\b/);
    // The tarball the README names is the one `npm pack` writes for this version.
    expect(readme).toContain(`ml-portfolio-audit-${pkg.version}.tgz`);
  });

  it("the README's `uses:` lines name a ref that exists: main, or a tag of this repository", () => {
    const tags = new Set(execFileSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));
    const refs = [...readme.matchAll(/uses:\s*ml-portfolio-audit\/ml-portfolio-audit@(\S+)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref === 'main' || tags.has(ref), `@${ref} exists (main or a git tag)`).toBe(true);
  });

  it('the Quick start keeps exactly its two set-up commands', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5));
    const block = quick.slice(quick.indexOf('```bash') + 7, quick.indexOf('```', quick.indexOf('```bash') + 7));
    const commands = block.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('CHANGELOG.md has an Unreleased section and the package version', () => {
    const log = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(log).toMatch(/^## \[Unreleased\]$/m);
    expect(log).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
    expect(pkg.files).toContain('CHANGELOG.md');
  });
});
