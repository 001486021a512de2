import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import type { Report } from '../../src/report/types.js';
import { addSamplePortfolio, projectFiles } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';
import { tmpDir } from '../helpers/tmp.js';

const files = projectFiles;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../schema/report.schema.json'), 'utf8')));

let server: FakeGitHub;
let store: FakeRepos;
let baseUrl: string;

beforeEach(async () => {
  server = new FakeGitHub();
  store = new FakeRepos();
  addSamplePortfolio(store);
  ({ baseUrl } = await startFakeGithub(server, store));
});
afterEach(async () => {
  await server.stop();
  expect(store.rejectedQueries).toEqual([]);
});

async function cli(args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: 'test-token' }) {
  let stdout = '';
  let stderr = '';
  const code = await main(['--api-url', baseUrl, '--now', '2026-01-15', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, env);
  return { code, stdout, stderr };
}

describe('CLI with GitHub repositories', () => {
  it('audits owner/name and a local path in one run, with progress lines', async () => {
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-05-01T00:00:00Z', message: 'Add training script', files: files(9) }]);
    const r = await cli(['ada/churn', local, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => [x.repo, x.status])).toEqual([
      ['ada/churn', 'ok'],
      [local, 'ok'],
    ]);
    expect(report.repos[0].stages.training.detected).toBe(true);
    expect(r.stderr).toMatch(/\[\d\/2\] ada\/churn: [\d.]+\/100 · \d+ requests · [\d,]+ left until \d\d:\d\d UTC/);
  });

  it("--user audits the user's repositories and lists forks without scoring them", async () => {
    const r = await cli(['--user', 'ada', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => [x.repo, x.status])).toEqual([
      ['ada/churn', 'ok'],
      ['ada/vision', 'ok'],
      ['ada/nlp', 'ok'],
      ['ada/their-fork', 'skipped'],
    ]);
    expect(report.repos[3].reason).toBe("fork of bigcorp/framework: listed, not scored as the user's own work");
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.repos[0].url).toMatch(/\/ada\/churn$/);
    expect(report.portfolio.counted).not.toContain('ada/their-fork');
    expect(r.stderr).toContain('ada: 3 of 3 owned public repositories, 1 fork listed, not scored');
  });

  it('--user without a token is an input error that says how to pass one', async () => {
    const r = await cli(['--user', 'ada'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a GitHub token.*--token or set GITHUB_TOKEN/);
  });

  it('a --user that cannot be listed (no token, an unknown user) is an entry of its own; the other targets are still audited', async () => {
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-05-01T00:00:00Z', message: 'Add training script', files: files(9) }]);
    const noToken = await cli(['--user', 'ada', local, '--format', 'json'], {});
    expect(noToken.code).toBe(2);
    const a = JSON.parse(noToken.stdout) as Report;
    expect(a.repos.map((x) => [x.repo, x.status])).toEqual([
      ['ada (--user)', 'error'],
      [local, 'ok'],
    ]);
    expect(a.repos[0].error).toMatch(/needs a GitHub token.*--token or set GITHUB_TOKEN/);
    expect(noToken.stderr).toMatch(/ada \(--user\): --user ada needs a GitHub token/);
    expect(validateReport(a), JSON.stringify(validateReport.errors)).toBe(true);
    const unknown = await cli(['--user', 'nobody-here', 'ada/churn', '--format', 'json']);
    expect(unknown.code).toBe(2);
    const b = JSON.parse(unknown.stdout) as Report;
    expect(b.repos.map((x) => [x.repo, x.status])).toEqual([
      ['nobody-here (--user)', 'error'],
      ['ada/churn', 'ok'],
    ]);
    expect(b.repos[0].error).toMatch(/user "nobody-here": not found/);
    expect(b.portfolio.counted).toEqual(['ada/churn']);
  });

  it('a remote target without a token is an error entry; the local ones are still audited', async () => {
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-05-01T00:00:00Z', message: 'Add training script', files: files(9) }]);
    const r = await cli(['ada/churn', local, '--format', 'json'], {});
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => x.status)).toEqual(['error', 'ok']);
    expect(report.repos[0].error).toMatch(/--token or set GITHUB_TOKEN/);
  });

  it('shards split the list and merge puts the shards back together', async () => {
    const dir = tmpDir();
    const out = (i: number) => join(dir, `shard-${i}.json`);
    for (const i of [1, 2]) {
      const r = await cli(['--user', 'ada', '--shard', `${i}/2`, '--format', 'json', '--output', out(i)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`shard ${i}/2: \\d of 3 targets`));
    }
    const shards = [1, 2].map((i) => JSON.parse(readFileSync(out(i), 'utf8')) as Report);
    const names = shards.flatMap((s) => s.repos.map((x) => x.repo)).sort();
    expect(names).toEqual(['ada/churn', 'ada/nlp', 'ada/their-fork', 'ada/vision']);
    let stdout = '';
    const code = await main(['merge', out(1), out(2), '--format', 'json'], { stdout: (s) => void (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    const merged = JSON.parse(stdout) as Report;
    expect(merged.repos.map((x) => x.repo).sort()).toEqual(names);
    expect(merged.portfolio.audited).toBe(3);
  });

  it("a remote repository's own .ml-portfolio-audit.yml is not applied unless asked for, and then only to the configured score", async () => {
    const own = 'rules:\n  history-recency: { enabled: false }\n  readme-usage: { weight: 40 }\nexclude: ["src/**"]\nfail-under: 0\n';
    store.add(fakeRepoFromFiles('ada', 'configured', { ...files(5), '.ml-portfolio-audit.yml': own }));
    store.add(fakeRepoFromFiles('ada', 'plain', { ...files(5), '.ml-portfolio-audit.yml': '# nothing changed\n' }));
    const plain = (JSON.parse((await cli(['ada/plain', '--format', 'json'])).stdout) as Report).repos[0];

    // Default (API mode): not applied; the report says it is there and why it was left out.
    const r = await cli(['ada/configured', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const rep = report.repos[0];
    expect(rep.configured).toBeUndefined();
    expect(rep.score).toBe(plain.score);
    expect(rep.rules.map((x) => x.id)).toContain('history-recency');
    expect(rep.stages.training.detected).toBe(true);
    expect(rep.config?.ignored).toEqual({ file: 'ada/configured:.ml-portfolio-audit.yml', reason: expect.stringMatching(/--repo-config/) });
    expect(rep.config?.failUnder).toBeUndefined(); // its fail-under is not read either
    expect(report.config).toEqual({ repoConfig: 'local' });
    expect((await cli(['ada/configured'])).stdout).toContain('note: .ml-portfolio-audit.yml not applied');

    // --repo-config: a configured score beside the unchanged standard one.
    const opted = await cli(['ada/configured', '--repo-config', '--format', 'json']);
    expect(opted.code, opted.stderr).toBe(0);
    const optedReport = JSON.parse(opted.stdout) as Report;
    expect(validateReport(optedReport), JSON.stringify(validateReport.errors)).toBe(true);
    const o = optedReport.repos[0];
    expect(optedReport.config?.repoConfig).toBe('always');
    expect(o.score).toBe(plain.score);
    expect(o.grade).toBe(plain.grade);
    expect(o.stages.training.detected).toBe(true);
    expect(o.configured).toMatchObject({ source: 'ada/configured:.ml-portfolio-audit.yml', by: 'repo' });
    expect(o.configured?.changes).toContainEqual({ change: 'disabled', rule: 'history-recency' });
    expect(o.configured?.changes).toContainEqual({ change: 'exclude', glob: 'src/**', files: expect.any(Number) });
    expect(o.configured?.score).not.toBe(o.score);
    expect(o.config).toMatchObject({ file: 'ada/configured:.ml-portfolio-audit.yml', by: 'repo', failUnder: { value: 0, gates: 'standard' } });

    // A broken own file is never read by default; asked for, it is that repo's error (the others are audited).
    store.add(fakeRepoFromFiles('ada', 'broken-config', { ...files(6), '.ml-portfolio-audit.yml': 'rules:\n  no-such-rule: {weight: 2}\n' }));
    const quiet = await cli(['ada/broken-config', '--format', 'json']);
    expect((JSON.parse(quiet.stdout) as Report).repos[0].status).toBe('ok');
    const bad = await cli(['ada/broken-config', 'ada/churn', '--repo-config', '--format', 'json']);
    const reps = (JSON.parse(bad.stdout) as Report).repos;
    expect(reps.map((x) => x.status)).toEqual(['error', 'ok']);
    expect(reps[0].error).toMatch(/ada\/broken-config:\.ml-portfolio-audit\.yml: rules\.no-such-rule: no such rule/);
  });

  it("--user: a candidate's own config never sets the portfolio score, even with --repo-config", async () => {
    const sample: Record<string, [number, string]> = { churn: [1, '2025-12-01T00:00:00Z'], vision: [2, '2025-11-01T00:00:00Z'], nlp: [3, '2025-10-01T00:00:00Z'] };
    const withConfig = (text: string | ((name: string) => string)): void => {
      for (const [name, [i, pushedAt]] of Object.entries(sample)) {
        const own = typeof text === 'string' ? text : text(name);
        Object.assign(store.find('ada', name)!.repo, fakeRepoFromFiles('ada', name, { ...files(i), '.ml-portfolio-audit.yml': own }, { pushedAt }));
      }
    };
    withConfig('# no changes\n');
    const before = JSON.parse((await cli(['--user', 'ada', '--format', 'json', '--repo-config'])).stdout) as Report;
    expect(before.repos.every((x) => x.configured === undefined)).toBe(true);
    // Each repo's own config turns off its failing rules and raises the weights of the passing ones.
    withConfig((name) => {
      const x = before.repos.find((y) => y.repo === `ada/${name}`)!;
      const off = x.rules.filter((y) => y.score !== null && y.score < 1).map((y) => `  ${y.id}: { enabled: false }`);
      const up = x.rules.filter((y) => y.score === 1).map((y) => `  ${y.id}: { weight: 50 }`);
      expect(off.length).toBeGreaterThan(3);
      return `rules:\n${[...off, ...up].join('\n')}\n`;
    });
    for (const flags of [[], ['--repo-config']]) {
      const after = JSON.parse((await cli(['--user', 'ada', '--format', 'json', ...flags])).stdout) as Report;
      expect(validateReport(after), JSON.stringify(validateReport.errors)).toBe(true);
      expect(after.portfolio.score).toBe(before.portfolio.score);
      expect(after.repos.map((x) => [x.repo, x.score, x.grade])).toEqual(before.repos.map((x) => [x.repo, x.score, x.grade]));
      const churn = after.repos.find((x) => x.repo === 'ada/churn')!;
      if (flags.length) expect(churn.configured).toMatchObject({ score: 100, grade: 'A', by: 'repo' });
      else expect(churn.configured).toBeUndefined();
    }
  });

  it('an empty shard audits nothing (never the current folder)', async () => {
    const r = await cli(['--user', 'ada', '--shard', '4/4', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const names = report.repos.map((x) => x.repo);
    expect(names).not.toContain('.');
    expect(names.every((n) => n.startsWith('ada/'))).toBe(true);
    expect(r.stderr).toMatch(/shard 4\/4: \d of 3 targets/);
  });

  it('rejects a bad shard spec and a bad repo name clearly', async () => {
    const bad = await cli(['ada/churn', '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/shard/i);
    const name = await cli(['ada/churn', 'bad owner!/x', '--format', 'json']);
    expect(name.code).toBe(2);
    const report = JSON.parse(name.stdout) as Report;
    expect(report.repos.map((x) => x.status)).toEqual(['ok', 'error']);
  });
});
