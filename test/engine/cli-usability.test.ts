import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, cpSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatOfFile, main, resolveFormat, useColour } from '../../src/cli/main.js';
import type { SampleRepos } from '../../src/demo/samples.js';
import { sampleRepos } from '../helpers/shared.js';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import type { Report } from '../../src/report/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';

const ROOT = join(import.meta.dirname, '../..');
/**
 * The bundled CLI (`npm run package`; CI checks it matches the sources), as a process of its own: signals, pipes, the
 * working directory, what only a real process shows. The behaviour behind them is tested in process with `main()`. The
 * bundle starts in ~0.2 s of CPU and its audit workers start from it; from the sources through tsx, each process and
 * each of its audit workers compiled or loaded every module again (~3 s of CPU a run).
 */
const CLI = join(ROOT, 'dist/cli/index.js');
const nodeArgs = (args: string[]): string[] => {
  expect(existsSync(CLI), 'dist/cli/index.js is missing: run `npm run package` first').toBe(true);
  return [CLI, ...args];
};
const childEnv = { ...process.env, GITHUB_TOKEN: '', NO_COLOR: '1', FORCE_COLOR: undefined };

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

let dir: string;
let repos: SampleRepos;
beforeAll(() => {
  dir = tmpDir('mlpa-cli-use-');
  repos = sampleRepos();
});

describe('output format from the -o extension', () => {
  it('maps extensions to formats', () => {
    expect(formatOfFile('out/report.json')).toBe('json');
    expect(formatOfFile('REPORT.MD')).toBe('markdown');
    expect(formatOfFile('ml.sarif')).toBe('sarif');
    expect(formatOfFile('ml.sarif.json')).toBe('sarif');
    expect(formatOfFile('badge.svg')).toBe('badge');
    expect(formatOfFile('report.html')).toBe('html');
    expect(formatOfFile('report.txt')).toBe('text');
    expect(formatOfFile('report.out')).toBeUndefined();
    expect(resolveFormat(undefined, 'x.out')).toEqual({ format: 'text' });
    expect(resolveFormat('markdown', undefined)).toEqual({ format: 'markdown' });
    expect(resolveFormat('text', 'x.log')).toEqual({ format: 'text' });
  });

  it('-o report.json without -f writes JSON; -o report.md writes Markdown', async () => {
    const json = join(dir, 'report.json');
    const r = await cli([repos.notebook, '-o', json, '-q', '--now', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as Report).repos[0].repo).toBe(repos.notebook);
    const md = join(dir, 'report.md');
    expect((await cli([repos.notebook, '-o', md, '-q'])).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^## /m);
  });

  it('a -f that contradicts the extension is a usage error, and nothing is audited or written', async () => {
    const out = join(dir, 'mismatch.md');
    const r = await cli([repos.notebook, '-f', 'json', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format json does not match the output file');
    expect(existsSync(out)).toBe(false);
    const merge = await cli(['merge', 'x.json', '-f', 'sarif', '-o', join(dir, 'm.svg')]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('does not match the output file');
  });
});

describe('usage errors people hit first', () => {
  it('--max-repos without --user', async () => {
    const r = await cli([repos.notebook, '--max-repos', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-repos limits the repositories of --user');
    expect(r.stdout).toBe('');
  });

  it('a GitLab or Bitbucket URL: only GitHub is supported', async () => {
    for (const url of ['https://gitlab.com/ada/churn', 'gitlab.com/ada/churn', 'git@bitbucket.org:ada/churn.git', 'https://bitbucket.org/ada/churn']) {
      const r = await cli([url, '--format', 'json', '-q']);
      expect(r.code, url).toBe(2);
      const rep = JSON.parse(r.stdout) as Report;
      expect(rep.repos[0].reason, url).toMatch(/only GitHub is supported/);
      expect(r.stderr).toContain('only GitHub is supported');
    }
  });
});

describe('the working directory', () => {
  // In process (main() with the working directory changed and changed back in a finally): the same run a `dist/cli`
  // process with its cwd in the repo made, without the process's start and its audit worker (~1 s of CPU). The bundled
  // CLI as a process is run below (a closed pipe, signals) and in test/engine/cli.test.ts.
  it('"." (the working directory) is shown by its folder name; a single repo: the portfolio verdict is its own score and grade', async () => {
    const cwd = process.cwd();
    process.chdir(repos.strong);
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(['--format', 'json', '-q']);
    } finally {
      process.chdir(cwd);
    }
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.repos[0].repo).toBe('churn-radar');
    expect(rep.portfolio.score).toBe(audited(rep.repos[0]).score);
    expect(rep.portfolio.grade).toBe(audited(rep.repos[0]).grade);
  });
});

describe('the CLI as a process', () => {
  it('a closed pipe (| head) ends quietly with exit 0', async () => {
    // One repo: the report (its longest form, --verbose) is written once, at the end, whatever the number of repos, so
    // the write that meets the closed pipe is the same with one (three cost two more audits in the child).
    const child = spawn(process.execPath, nodeArgs([repos.strong, '-q', '--verbose']), { env: childEnv });
    // The reader goes away before the report is written, as `| head -1` does after its line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => void (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  /**
   * 24 small repos, for the signal tests (a run long enough to be interrupted after the first repo). The runs audit one
   * repo at a time (`--concurrency 1`, which caps local audits too): one audit worker and one audit under way when the
   * signal comes, instead of a worker per CPU, each started and auditing only to be stopped (~0.4 s of CPU a run).
   */
  const manyRepos = (): string[] => {
    if (many.length) return many;
    const base = tmpDir('mlpa-signals-');
    // One repo built with git, the other 23 copies of its folder (the same commit at other paths: the runs count and
    // skip repos by path): 24 builds were ~1.1 s of git processes, the copies ~0.2 s.
    const first = join(base, 'repo-0');
    buildGitRepo(first, [{ date: '2025-01-01T00:00:00Z', message: 'Add training script', files: { 'README.md': '# Project\n\nPredicts churn.\n', 'train.py': 'model.fit(X, y)\n' } }]);
    many.push(first);
    for (let i = 1; i < 24; i++) {
      const d = join(base, `repo-${i}`);
      cpSync(first, d, { recursive: true });
      many.push(d);
    }
    return many;
  };
  const many: string[] = [];

  it('SIGINT: stops starting repos, writes those that finished marked as interrupted, exits 130', async () => {
    manyRepos();
    const out = join(tmpDir('mlpa-sigint-'), 'report.json');
    const child = spawn(process.execPath, nodeArgs([...many, '--concurrency', '1', '-o', out]), { env: childEnv });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      if (!signalled && /\[1\/24\]/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(signalled).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('SIGINT: no new repos are started');
    const rep = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const finished = rep.repos.filter((r) => r.status === 'ok' || r.status === 'partial');
    const skipped = rep.repos.filter((r) => r.status === 'skipped');
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(finished.length + skipped.length).toBe(24);
    expect(rep.interrupted).toEqual({ signal: 'SIGINT', notAudited: skipped.length, total: 24, message: `run interrupted: ${skipped.length} of 24 repos not audited` });
    expect(stderr).toContain(`run interrupted: ${skipped.length} of 24 repos not audited`);
  });

  it('SIGTERM exits 143; a second signal quits at once', async () => {
    manyRepos();
    /**
     * `twice`: the child's stdout is a FIFO the test has filled and never reads, so the report cannot go out and the
     * process can only end by the second signal, however fast the audits stop after the first (no timing luck: a run
     * that ended before the second signal arrived made this test fail on a fast machine).
     */
    const run = (twice: boolean) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
        const stdout = twice ? fullFifo(join(tmpDir('mlpa-sigterm-'), 'stdout')) : 'pipe';
        const child = spawn(process.execPath, nodeArgs([...many, '--concurrency', '1', '--format', 'json']), { env: childEnv, stdio: ['ignore', stdout, 'pipe'] });
        let stderr = '';
        let sent = false;
        let again = false;
        child.stdout?.resume();
        child.stderr!.on('data', (c: Buffer) => {
          stderr += c;
          if (!sent && /\[1\/24\]/.test(stderr)) {
            sent = true;
            child.kill('SIGTERM');
          }
          // The second signal once the first was taken in (two sent at once may arrive as one).
          if (twice && sent && !again && stderr.includes('no new repos are started')) {
            again = true;
            child.kill('SIGTERM');
            // A child that ignored it would wait on its stdout for ever: killed, it fails the test (not a timing check).
            guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
          }
        });
        let guard: NodeJS.Timeout | undefined;
        child.on('close', (code, signal) => {
          clearTimeout(guard);
          if (typeof stdout === 'number') closeSync(stdout);
          resolve({ code, signal, stderr });
        });
      });
    const once = await run(false);
    expect(once.code, once.stderr).toBe(143);
    expect(once.stderr).not.toContain('again: quitting');
    const twice = await run(true);
    expect(twice.code, twice.stderr).toBe(143);
    expect(twice.signal).toBeNull();
    expect(twice.stderr).toContain('SIGTERM again: quitting without a report');
  });
});

/**
 * A FIFO at `path`, opened for reading and writing without blocking and filled until the OS takes no more: a
 * process given it as stdout cannot write anything until someone reads, which this test never does. Returns the fd.
 */
function fullFifo(path: string): number {
  const made = spawnSync('mkfifo', [path]);
  expect(made.status, String(made.stderr)).toBe(0);
  const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  const chunk = Buffer.alloc(4096, 0x20);
  for (;;) {
    try {
      writeSync(fd, chunk);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return fd;
      throw e;
    }
  }
}

describe('colour', () => {
  it('follows the terminal, NO_COLOR and FORCE_COLOR', () => {
    expect(useColour({}, true)).toBe(true);
    expect(useColour({}, false)).toBe(false);
    expect(useColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColour({ TERM: 'dumb' }, true)).toBe(false);
    expect(useColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColour({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(useColour({ FORCE_COLOR: '0' }, true)).toBe(false);
  });

  it('the text report is coloured on a terminal only, never in a file', async () => {
    const tty = async (env: NodeJS.ProcessEnv) => {
      let stdout = '';
      await main([repos.notebook, '-q'], { stdout: (s) => void (stdout += s), stderr: () => {}, stdoutTTY: true, columns: 80 }, env);
      return stdout;
    };
    expect(await tty({})).toContain('\u001b[');
    expect(await tty({ NO_COLOR: '1' })).not.toContain('\u001b[');
    expect((await cli([repos.notebook, '-q'])).stdout).not.toContain('\u001b[');
    const file = join(dir, 'forced.txt');
    await main([repos.notebook, '-q', '-o', file], { stdout: () => {}, stderr: () => {}, stdoutTTY: true }, { FORCE_COLOR: '1' });
    expect(readFileSync(file, 'utf8')).not.toContain('\u001b[');
  });

  it('wraps to the terminal width', async () => {
    const text = async (columns: number): Promise<string> => {
      let stdout = '';
      await main([repos.notebook, repos.tutorial, '-q'], { stdout: (s) => void (stdout += s), stderr: () => {}, stdoutTTY: true, columns }, { NO_COLOR: '1' });
      return stdout;
    };
    // A line may run past the width only with one word that does not fit (a long path, whatever the temp folder's
    // length): what follows its last break point within the width is a single word.
    const unwrapped = (out: string): string[] =>
      out.split('\n').filter((l) => l.length > 60 && / \S+ /.test(l.slice(0, 60)) && l.slice(l.slice(0, 61).lastIndexOf(' ') + 1).includes(' '));
    expect(unwrapped(await text(60))).toEqual([]);
    expect(unwrapped(await text(200)).length).toBeGreaterThan(0); // the check sees a report that is not wrapped to 60
  });
});
