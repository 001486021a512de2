import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { artifactUrl, badArtifactName, folderArtifactName, isEnterpriseServer, uploadHtmlReport, type HtmlArtifact } from '../../src/action/artifact.js';
import { FakeArtifactService } from '../helpers/fake-github/artifacts.js';
import { parseOutputFile } from '../helpers/fake-github/runner.js';
import { tmpDir } from '../helpers/tmp.js';
import { readZip } from '../helpers/zip.js';

/**
 * The HTML report uploaded as an artifact, in process, by the real @actions/artifact client against a real HTTP
 * server on 127.0.0.1 that speaks the artifact service (Twirp JSON endpoints, a JWT runtime token, the Azure blob
 * upload): the bytes that reach the service unzip to the file, and every failure is a warning with the outputs set.
 */

const service = new FakeArtifactService();
const HTML = '<!DOCTYPE html>\n<html lang="en"><title>ML portfolio audit</title><p>87.5/100 — ünïcode ✓</p></html>\n';
const noRedaction = (s: string): string => s;

let out = '';
let stdout = '';
let htmlFile = '';
const saved = { ...process.env };
const VARS = ['GITHUB_OUTPUT', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT'];

beforeAll(async () => {
  await service.start();
});
afterAll(() => service.stop());

beforeEach(() => {
  const dir = tmpDir('mlpa-artifact-');
  out = join(dir, 'output');
  writeFileSync(out, '');
  mkdirSync(join(dir, 'ml-portfolio-audit'));
  htmlFile = join(dir, 'ml-portfolio-audit', 'report.html');
  writeFileSync(htmlFile, HTML);
  stdout = '';
  // @actions/core and @actions/artifact write workflow commands and log lines to stdout.
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  for (const v of VARS) delete process.env[v];
  Object.assign(process.env, { GITHUB_OUTPUT: out, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ada/churn-radar', GITHUB_RUN_ID: '123456' });
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const v of VARS) delete process.env[v];
  for (const v of VARS) if (saved[v] !== undefined) process.env[v] = saved[v];
});

/** The variables the runner sets for job `jobId` of run `runId`, attempt `attempt`. */
function runner(runId: string, jobId: string, attempt = 1): NodeJS.ProcessEnv {
  Object.assign(process.env, service.env(runId, jobId), { GITHUB_RUN_ATTEMPT: String(attempt) });
  return process.env;
}

const outputs = (): Record<string, string> => parseOutputFile(readFileSync(out, 'utf8'));
const warnings = (): string[] => [...stdout.matchAll(/^::warning::(.*)$/gm)].map((m) => m[1]);
const callsFrom = (from: number): string[] => service.calls.slice(from).map((c) => `${c.op} ${c.status}`);

describe('artifact names', () => {
  it('refuses the characters the service refuses, names what is wrong', () => {
    expect(badArtifactName('ml-portfolio-audit-report')).toBeUndefined();
    expect(badArtifactName('report (week 12)')).toBeUndefined();
    expect(badArtifactName('a/b')).toBe('a slash');
    expect(badArtifactName('a:b')).toBe('a colon');
    expect(badArtifactName('a\nb')).toBe('a line break');
    expect(badArtifactName('a\\b')).toBe('a backslash');
  });

  it('a sub-folder project: the folder is added, every character a name cannot hold as a hyphen', () => {
    expect(folderArtifactName('ml-portfolio-audit-report', 'projects/churn')).toBe('ml-portfolio-audit-report-projects-churn');
    expect(folderArtifactName('r', 'a:b/c*d')).toBe('r-a-b-c-d');
    expect(badArtifactName(folderArtifactName('r', 'x/"y"/<z>|?'))).toBeUndefined();
  });

  it('the artifact URL is the run page’s, as actions/upload-artifact gives it; GHES is told apart from github.com and ghe.com', () => {
    expect(artifactUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ada/x', GITHUB_RUN_ID: '9' }, 42)).toBe('https://github.com/ada/x/actions/runs/9/artifacts/42');
    expect(artifactUrl({ GITHUB_SERVER_URL: 'https://github.com' }, 42)).toBe('');
    expect(isEnterpriseServer({ GITHUB_SERVER_URL: 'https://github.com' })).toBe(false);
    expect(isEnterpriseServer({ GITHUB_SERVER_URL: 'https://octo.ghe.com' })).toBe(false);
    expect(isEnterpriseServer({})).toBe(false);
    expect(isEnterpriseServer({ GITHUB_SERVER_URL: 'https://git.example.com' })).toBe(true);
  });
});

describe('uploading the HTML report', () => {
  const spec: HtmlArtifact = { name: 'ml-portfolio-audit-report' };

  it('creates the artifact, uploads the zip to the signed URL in blocks, finalizes it; the bytes unzip to report.html', async () => {
    const env = runner('run-ok', 'job-1');
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, spec, env, noRedaction);
    expect(warnings()).toEqual([]);
    expect(callsFrom(from)).toEqual(['CreateArtifact 200', 'block 201', 'blocklist 201', 'FinalizeArtifact 200']);
    const [a] = service.listed('run-ok');
    expect(a).toMatchObject({ name: 'ml-portfolio-audit-report', jobId: 'job-1', mimeType: 'application/zip', blobContentType: 'application/zip' });
    expect(a.expiresAt).toBeUndefined();
    const files = readZip(a.content!);
    expect([...files.keys()]).toEqual(['report.html']);
    expect(files.get('report.html')!.equals(readFileSync(htmlFile))).toBe(true);
    expect(outputs()).toEqual({
      'html-artifact-id': String(a.id),
      'html-artifact-url': `https://github.com/ada/churn-radar/actions/runs/123456/artifacts/${a.id}`,
    });
    expect(stdout).toContain(`Uploaded the HTML report as the artifact ml-portfolio-audit-report (ID ${a.id}: https://github.com/ada/churn-radar/actions/runs/123456/artifacts/${a.id})`);
    // The upload URL's signature is registered as a secret before any line shows it (the runner masks what follows).
    const withSig = stdout.split('\n').filter((l) => l.includes(a.sig));
    expect(withSig[0]).toBe(`::add-mask::${a.sig}`);
    expect(withSig.length).toBeGreaterThan(1);
  });

  it('a retention in days becomes the artifact’s expiry date', async () => {
    const env = runner('run-retention', 'job-1');
    await uploadHtmlReport(htmlFile, { name: 'kept-a-week', retentionDays: 7 }, env, noRedaction);
    const [a] = service.listed('run-retention');
    expect(a.name).toBe('kept-a-week');
    const days = (Date.parse(a.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7.05);
  });

  it('a re-run of the job (attempt 2) replaces the earlier attempt’s artifact: deleted, then uploaded again', async () => {
    const old = service.seed('ml-portfolio-audit-report', 'run-rerun', 'job-attempt-1', Buffer.from('earlier attempt'));
    const env = runner('run-rerun', 'job-attempt-2', 2);
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, spec, env, noRedaction);
    expect(warnings()).toEqual([]);
    expect(callsFrom(from)).toEqual([
      'CreateArtifact 409',
      'ListArtifacts 200',
      'DeleteArtifact 200',
      'CreateArtifact 200',
      'block 201',
      'blocklist 201',
      'FinalizeArtifact 200',
    ]);
    const list = service.listed('run-rerun');
    expect(list).toHaveLength(1);
    expect(list[0].id).not.toBe(old.id);
    expect(list[0].jobId).toBe('job-attempt-2');
    expect(readZip(list[0].content!).get('report.html')!.toString('utf8')).toBe(HTML);
    expect(outputs()['html-artifact-id']).toBe(String(list[0].id));
    expect(stdout).toContain(`Deleted the artifact ml-portfolio-audit-report of an earlier attempt of this run (ID ${old.id})`);
  });

  it('on a first attempt the name is another job’s: never deleted; a warning says to pick a name', async () => {
    const other = service.seed('ml-portfolio-audit-report', 'run-clash', 'job-other', Buffer.from('the other job'));
    const env = runner('run-clash', 'job-mine', 1);
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, spec, env, noRedaction);
    expect(callsFrom(from)).toEqual(['CreateArtifact 409']);
    expect(service.listed('run-clash')).toEqual([other]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Did not upload the HTML report: this workflow run already has an artifact named ml-portfolio-audit-report, uploaded by another job or step\. Give each job its own name with the html-artifact input/);
    expect(warnings()[0]).toContain(`The report is still at ${htmlFile} (output html-path)`);
    expect(outputs()).toEqual({ 'html-artifact-id': '', 'html-artifact-url': '' });
  });

  it('no runtime token (not on a GitHub runner, e.g. act): a warning, no request, empty outputs', async () => {
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, spec, process.env, noRedaction);
    expect(service.calls.length).toBe(from);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Did not upload the HTML report as the artifact ml-portfolio-audit-report: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not both set/);
    expect(outputs()).toEqual({ 'html-artifact-id': '', 'html-artifact-url': '' });
  });

  it('GitHub Enterprise Server: a warning naming it, no request', async () => {
    const env = runner('run-ghes', 'job-1');
    env.GITHUB_SERVER_URL = 'https://git.example.com';
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, spec, env, noRedaction);
    expect(service.calls.length).toBe(from);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/GitHub Enterprise Server has no artifact service/);
  });

  it('html-artifact empty, or no HTML file written: nothing uploaded, no warning, empty outputs', async () => {
    const env = runner('run-off', 'job-1');
    const from = service.calls.length;
    await uploadHtmlReport(htmlFile, undefined, env, noRedaction);
    await uploadHtmlReport('', spec, env, noRedaction);
    expect(service.calls.length).toBe(from);
    expect(warnings()).toEqual([]);
    expect(outputs()).toEqual({ 'html-artifact-id': '', 'html-artifact-url': '' });
  });

  it('the service unreachable (a self-hosted runner without access): a warning at once, empty outputs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const env = runner('run-down', 'job-1');
    env.ACTIONS_RESULTS_URL = `http://127.0.0.1:${port}/`;
    await uploadHtmlReport(htmlFile, spec, env, noRedaction);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Could not upload the HTML report as the artifact ml-portfolio-audit-report: Failed to CreateArtifact: Unable to make request: ECONNREFUSED/);
    expect(warnings()[0]).toContain('The step does not fail because of this.');
    expect(outputs()).toEqual({ 'html-artifact-id': '', 'html-artifact-url': '' });
  });

  // The client retries a 500 five times with its own back-off (about 25 to 35 seconds of waiting): the waits run on
  // fake timers (setTimeout only; the sockets are real), advanced while the upload is under way.
  it('the service answering 500: retried by the client, then a warning with the status, empty outputs', async () => {
    const env = runner('run-500', 'job-1');
    service.failures = { CreateArtifact: 500 };
    const from = service.calls.length;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let done = false;
      const upload = uploadHtmlReport(htmlFile, spec, env, noRedaction).finally(() => (done = true));
      while (!done) {
        await vi.advanceTimersByTimeAsync(1000);
        await new Promise((r) => setImmediate(r));
      }
      await upload;
    } finally {
      vi.useRealTimers();
      service.failures = {};
    }
    expect(callsFrom(from)).toEqual(Array(5).fill('CreateArtifact 500'));
    expect(service.listed('run-500')).toEqual([]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Could not upload the HTML report as the artifact ml-portfolio-audit-report: Failed to CreateArtifact: Failed to make request after 5 attempts: Failed request: \(500\)/);
    expect(outputs()).toEqual({ 'html-artifact-id': '', 'html-artifact-url': '' });
  }, 120_000);
});
