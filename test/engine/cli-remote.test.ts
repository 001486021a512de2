import { readFileSync, writeFileSync } from 'node:fs';
import { micromark } from 'micromark';
import { liveReferences } from '../helpers/render.js';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit-run.js';
import { main } from '../../src/cli/main.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { redactor } from '../../src/secrets.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { isAudited, type Report } from '../../src/report/types.js';
import { SAMPLE_PORTFOLIO_STATUSES, addSamplePortfolio, projectFiles } from '../helpers/fake-github/sample-portfolio.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { FakeRepos, fakeRepoFromFiles, startFakeGithub } from '../helpers/fake-github/repos.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';
import { reportValidator } from '../helpers/report-schema.js';

const files = projectFiles;

const validateReport = reportValidator();

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
    expect(audited(report.repos[0]).stages.training.detected).toBe(true);
    expect(r.stderr).toMatch(/\[\d\/2\] ada\/churn: [\d.]+\/100 · \d+ requests · [\d,]+ left until \d\d:\d\d UTC/);
  });

  it("--user audits the user's repositories and lists forks without scoring them", async () => {
    const r = await cli(['--user', 'ada', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => [x.repo, x.status])).toEqual(SAMPLE_PORTFOLIO_STATUSES);
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
    expect(a.repos[0].reason).toMatch(/needs a GitHub token.*--token or set GITHUB_TOKEN/);
    expect(noToken.stderr).toMatch(/ada \(--user\): --user ada needs a GitHub token/);
    expect(validateReport(a), JSON.stringify(validateReport.errors)).toBe(true);
    const unknown = await cli(['--user', 'nobody-here', 'ada/churn', '--format', 'json']);
    expect(unknown.code).toBe(2);
    const b = JSON.parse(unknown.stdout) as Report;
    expect(b.repos.map((x) => [x.repo, x.status])).toEqual([
      ['nobody-here (--user)', 'error'],
      ['ada/churn', 'ok'],
    ]);
    expect(b.repos[0].reason).toMatch(/user "nobody-here": not found/);
    expect(b.portfolio.counted).toEqual(['ada/churn']);
  });

  it('a remote target without a token is an error entry; the local ones are still audited', async () => {
    const local = tmpDir();
    buildGitRepo(local, [{ date: '2025-05-01T00:00:00Z', message: 'Add training script', files: files(9) }]);
    const r = await cli(['ada/churn', local, '--format', 'json'], {});
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.repos.map((x) => x.status)).toEqual(['error', 'ok']);
    expect(report.repos[0].reason).toMatch(/--token or set GITHUB_TOKEN/);
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

  it('merge validates every shard against the published schema: a hand-edited one is refused naming the file and the field', async () => {
    const dir = tmpDir();
    const good = join(dir, 'good.json');
    expect((await cli(['ada/churn', 'ada/nlp', '--format', 'json', '--output', good])).code).toBe(0);
    const base = JSON.parse(readFileSync(good, 'utf8')) as Report;
    const edits: Array<[string, (r: Report) => void, RegExp]> = [
      ['score.json', (r) => ((r.repos[0] as unknown as Record<string, unknown>).score = 'high'), /score\.json: not a valid report \(schema\/report\.schema\.json\): repos\.0\.score: must be number/],
      ['category.json', (r) => ((audited(r.repos[0]).rules[0] as unknown as Record<string, unknown>).category = '<img src=x>'), /category\.json: .*repos\.0\.rules\.0\.category: must be one of "pipeline"/],
      ['grade.json', (r) => ((r.portfolio as unknown as Record<string, unknown>).grade = 'A+'), /grade\.json: .*portfolio\.grade: must be one of "A"/],
      ['url.json', (r) => (r.repos[0].url = 'https://evil.example/phish'), /url\.json: .*repos\.0\.url: must be the https address of the repository "ada\/churn"/],
      ['date.json', (r) => (r.generatedAt = 'yesterday'), /date\.json: .*generatedAt: must match format "date-time"/],
    ];
    for (const [name, edit, expected] of edits) {
      const r = structuredClone(base);
      edit(r);
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(r));
      let stderr = '';
      let stdout = '';
      const code = await main(['merge', good, file, '--format', 'markdown'], { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x) });
      expect(code, name).toBe(2);
      expect(stderr).toMatch(expected);
      expect(stdout).toBe('');
    }
  });

  it('merge renders everything from a shard as audited text: no live HTML, mention, issue reference or link', async () => {
    const dir = tmpDir();
    const file = join(dir, 'edited.json');
    expect((await cli(['ada/churn', 'ada/nlp', '--format', 'json', '--output', file])).code).toBe(0);
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const evil = '<img src=x onerror=alert(1)> @octocat #12 octo/other#3 [click](https://evil.example/x) <b>bold</b>';
    const repo = audited(r.repos[0]);
    repo.rules[0].title = evil;
    repo.rules[0].remediation = evil;
    (repo.categories as Record<string, { score: number; weight: number }>)[evil] = { score: 50, weight: 5 };
    repo.nextActions = [{ rule: `x\` ${evil}`, gain: 3, text: evil }];
    repo.cappedBy = { rule: evil, max: 50 };
    r.tool.name = evil;
    writeFileSync(file, JSON.stringify(r));
    let stdout = '';
    const code = await main(['merge', file, '--format', 'markdown'], { stdout: (x) => void (stdout += x), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('octocat');
    const html = micromark(stdout, { allowDangerousHtml: true });
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).not.toContain('href="https://evil');
    expect(liveReferences(stdout)).toEqual([]);
    // The terminal rendering has no control sequences from it either.
    (repo.categories as Record<string, { score: number; weight: number }>)['\u001b[31mred'] = { score: 1, weight: 1 };
    writeFileSync(file, JSON.stringify(r));
    let text = '';
    await main(['merge', file], { stdout: (x) => void (text += x), stderr: () => {} });
    expect(text).not.toContain('\u001b');
  });

  it("a remote repository's own .ml-portfolio-audit.yml is not applied unless asked for, and then only to the configured score", async () => {
    const own = 'rules:\n  history-recency: { enabled: false }\n  readme-usage: { weight: 40 }\nexclude: ["src/**"]\nfail-under: 0\n';
    store.add(fakeRepoFromFiles('ada', 'configured', { ...files(5), '.ml-portfolio-audit.yml': own }));
    store.add(fakeRepoFromFiles('ada', 'plain', { ...files(5), '.ml-portfolio-audit.yml': '# nothing changed\n' }));
    const plain = audited((JSON.parse((await cli(['ada/plain', '--format', 'json'])).stdout) as Report).repos[0]);

    // Default (API mode): not applied; the report says it is there and why it was left out.
    const r = await cli(['ada/configured', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const rep = audited(report.repos[0]);
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
    const o = audited(optedReport.repos[0]);
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
    expect(reps[0].reason).toMatch(/ada\/broken-config:\.ml-portfolio-audit\.yml: rules\.no-such-rule: no such rule/);
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
    // The fork of the user's is listed, not audited: it has no config and no score.
    expect(before.repos.filter(isAudited).every((x) => x.configured === undefined)).toBe(true);
    // Each repo's own config turns off its failing rules and raises the weights of the passing ones.
    withConfig((name) => {
      const x = audited(before.repos.find((y) => y.repo === `ada/${name}`));
      const off = x.rules.filter((y) => y.score !== null && y.score < 1).map((y) => `  ${y.id}: { enabled: false }`);
      const up = x.rules.filter((y) => y.score === 1).map((y) => `  ${y.id}: { weight: 50 }`);
      expect(off.length).toBeGreaterThan(3);
      return `rules:\n${[...off, ...up].join('\n')}\n`;
    });
    for (const flags of [[], ['--repo-config']]) {
      const after = JSON.parse((await cli(['--user', 'ada', '--format', 'json', ...flags])).stdout) as Report;
      expect(validateReport(after), JSON.stringify(validateReport.errors)).toBe(true);
      expect(after.portfolio.score).toBe(before.portfolio.score);
      expect(after.repos.map((x) => [x.repo, x.status, isAudited(x) ? `${x.score} ${x.grade}` : null])).toEqual(before.repos.map((x) => [x.repo, x.status, isAudited(x) ? `${x.score} ${x.grade}` : null]));
      const churn = audited(after.repos.find((x) => x.repo === 'ada/churn'));
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

  it('a token with a line break inside is an input error that never prints the token (GITHUB_TOKEN, --token); one trailing line break is fine', async () => {
    const first = 'ghp_FIRSTLINEsecret0123';
    const second = 'SECONDLINEsecret4567';
    for (const [args, env, named] of [
      [[], { GITHUB_TOKEN: `${first}\n${second}` }, 'GITHUB_TOKEN'],
      [['--token', `${first}\r\n${second}\n`], {}, '--token'],
    ] as const) {
      const before = server.requests.length;
      const r = await cli(['ada/churn', '--format', 'markdown', ...args], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${named} contains a line break: a token is a single line`);
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toContain(first);
        expect(out).not.toContain(second);
      }
      expect(server.requests.length - before).toBe(0);
    }
    // A secret stored with its trailing newline still works.
    const ok = await cli(['ada/churn', '--format', 'json'], { GITHUB_TOKEN: 'test-token\n' });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a server that quotes the token in its error messages: no line of the token reaches the report, progress or messages', async () => {
    const token = 'ghp_QUOTEDsecret0123456789';
    server.route('POST', '/graphql', (req) => ({ status: 400, body: { message: `bad request with header ${String(req.headers.authorization)}` } }));
    server.route('GET', '/users/:user/repos', (req) => ({ status: 400, body: { message: `no: ${String(req.headers.authorization)}` } }));
    const seen: string[] = [];
    const report = await runAudit({
      targets: ['ada/churn'],
      user: 'ada',
      token,
      apiUrl: baseUrl,
      now: new Date('2026-01-15'),
      onProgress: (e) => seen.push(JSON.stringify(e)),
      onInfo: (m) => seen.push(m),
    });
    const text = JSON.stringify(report) + renderMarkdown(report) + seen.join('\n');
    expect(report.repos.some((r) => r.status === 'error')).toBe(true);
    expect(text).toContain('***');
    expect(text).not.toContain(token);
    expect(text).not.toContain('QUOTEDsecret');
    // A multi-line token given to the engine directly is refused before any request.
    const before = server.requests.length;
    await expect(runAudit({ targets: ['ada/churn'], token: 'ghp_a1b2c3d4\nline2x', apiUrl: baseUrl })).rejects.toThrow(/line break/);
    expect(server.requests.length - before).toBe(0);
  });

  it('redactor(): the whole secret and each of its lines', () => {
    const r = redactor('ghp_first-line\nsecond-line\n');
    expect(r('a ghp_first-line b second-line c ghp_first-line\nsecond-line')).toBe('a *** b *** c ***');
    expect(redactor(undefined)('x')).toBe('x');
  });
});

