import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import * as core from '@actions/core';
import { gateOf } from '../report/configured.js';
import { code, logSafe, md } from '../report/escape.js';
import type { Report, RepoReport } from '../report/types.js';
import { InputFileError } from '../rules/validate.js';
import { buildReport, describeError, errorReport } from '../report/build.js';
import { auditTargets } from '../run.js';
import { cancelSignal } from './interrupt.js';
import { redactor, secretPieces } from '../secrets.js';
import { TOOL_NAME } from '../version.js';
import { readmeAnnotations } from './annotations.js';
import { auditBaseCommit, compareReports, mergeBase, scoreLine } from './base-compare.js';
import { commentBody, summaryBody, type BaseInfo, type BodyInput } from './body.js';
import { createClient, httpStatus, NOT_ACCESSIBLE_BY_INTEGRATION, type GitHubClient } from './client.js';
import { markerFor, pullRequestForCommit, upsertStickyComment } from './comment.js';
import { tokenIdentity } from './identity.js';
import { envInputReader, InputError, readInputs, type ActionInputs } from './inputs.js';
import { runPortfolio } from './portfolio.js';
import { writeReportExtras } from './extras.js';
import { uploadHtmlReport } from './artifact.js';
import { num } from '../report/numbers.js';
import { capsSentence, fixListOf, gainLabel } from '../report/fix-list.js';

/**
 * The action: read and validate inputs, audit the workspace (and, on a pull request, its base commit), then publish:
 * sticky PR comment, job summary, JSON report file, outputs, README annotations, and `fail-under`.
 * Publishing problems (a fork's read-only token, a missing permission) are warnings, never a failed job; only bad
 * inputs, an audit that cannot run, and a score under `fail-under` fail the step.
 */

export interface PullRequestRef {
  number: number;
  baseSha: string;
  headSha: string;
  /** Head repository differs from the base repository. */
  fork: boolean;
}

export interface EventInfo {
  name: string;
  owner?: string;
  repo?: string;
  sha?: string;
  pr?: PullRequestRef;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function readEvent(env: NodeJS.ProcessEnv): EventInfo {
  const name = env.GITHUB_EVENT_NAME ?? '';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the event payload is read field by field below, each checked
  let payload: any = {};
  const path = env.GITHUB_EVENT_PATH;
  if (path && existsSync(path)) {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      core.warning(`cannot read the event payload (${logSafe((e as Error).message)}): pull request details are unavailable`);
    }
  }
  let [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) {
    owner = payload?.repository?.owner?.login;
    repo = payload?.repository?.name;
  }
  const info: EventInfo = { name, owner, repo, sha: env.GITHUB_SHA };
  const pr = payload?.pull_request;
  if (PR_EVENTS.has(name) && pr && typeof pr.number === 'number') {
    info.pr = {
      number: pr.number,
      baseSha: String(pr.base?.sha ?? ''),
      headSha: String(pr.head?.sha ?? ''),
      fork: !!pr.head?.repo?.full_name && pr.head.repo.full_name !== pr.base?.repo?.full_name,
    };
  }
  return info;
}

/** "owner/repo", plus the sub-folder when a monorepo path is audited. */
function displayId(inputs: ActionInputs, workspace: string, ev: EventInfo): { id: string; key: string } {
  const rel = relative(workspace, inputs.path).split('\\').join('/');
  const key = rel === '' ? '.' : rel;
  const repoName = ev.owner && ev.repo ? `${ev.owner}/${ev.repo}` : basename(workspace);
  if (key === '.') return { id: repoName, key };
  return { id: rel.startsWith('..') ? basename(inputs.path) : `${repoName}/${rel}`, key };
}

export async function run(): Promise<void> {
  const env = process.env;
  let redact = (s: string): string => s;
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const tempDir = env.RUNNER_TEMP || tmpdir();
    // Masked before anything else can fail, so no message can ever show it: the whole token and each of its lines (the
    // runner masks a value line by line only when each line is registered; a token with a line break is then refused).
    const token = envInputReader(env)('github-token');
    if (token) core.setSecret(token);
    for (const piece of secretPieces(token)) if (piece !== token) core.setSecret(piece);
    redact = redactor(token);
    let inputs: ActionInputs;
    try {
      inputs = readInputs(envInputReader(env), { workspace, tempDir });
    } catch (e) {
      if (e instanceof InputError) {
        core.setFailed(logSafe(e.message, 1000));
        return;
      }
      throw e;
    }
    if (inputs.repos.length || inputs.user || inputs.merge) await runPortfolio(inputs, env, redact);
    else await runWith(inputs, workspace, tempDir, env, redact);
  } catch (e) {
    core.setFailed(`${TOOL_NAME} failed: ${logSafe(redact(describeError(e)), 2000)}`);
  }
}

async function runWith(
  inputs: ActionInputs,
  workspace: string,
  tempDir: string,
  env: NodeJS.ProcessEnv,
  redact: (s: string) => string,
): Promise<void> {
  const ev = readEvent(env);
  const { id, key } = displayId(inputs, workspace, ev);
  const now = new Date();

  // ---- Where to comment (decided first: `comment: always` on a push looks the pull request up).
  let client: GitHubClient | undefined;
  const getClient = (): GitHubClient => (client ??= createClient(inputs.token, inputs.apiUrl || env.GITHUB_API_URL || 'https://api.github.com'));
  let pr = ev.pr;
  let wantComment = inputs.comment !== 'never' && (!!pr || inputs.comment === 'always');
  if (wantComment && !inputs.token) {
    core.warning('The github-token input is empty, so no pull request comment can be posted; the report is in the job summary.');
    wantComment = false;
  }
  if (wantComment && (!ev.owner || !ev.repo)) {
    core.warning('GITHUB_REPOSITORY is not set, so no pull request comment can be posted; the report is in the job summary.');
    wantComment = false;
  }
  /** The pull request was found from a pushed commit: the checkout is the branch, not GitHub's merge commit. */
  let viaPush = false;
  if (wantComment && !pr && ev.sha) {
    try {
      const found = await pullRequestForCommit(getClient(), ev.owner!, ev.repo!, ev.sha);
      if (found) {
        pr = { ...found, fork: false };
        viaPush = true;
      }
      else core.info(`comment: always — commit ${ev.sha.slice(0, 7)} belongs to no open pull request; publishing the job summary only.`);
    } catch (e) {
      core.warning(`Could not look up the pull request of commit ${ev.sha.slice(0, 7)}: ${logSafe(redact((e as Error).message))}`);
    }
  }
  if (!pr) wantComment = false;

  // ---- Audit the head (the workspace).
  core.info(`Auditing ${logSafe(inputs.path)}`);
  let report: Report;
  try {
    const raw = await auditTargets({
      targets: [inputs.path],
      configFile: inputs.config,
      repoConfig: inputs.repoConfig,
      ...(inputs.failUnder !== undefined ? { failUnder: { value: inputs.failUnder, from: 'input "fail-under"' } } : {}),
      now,
      signal: cancelSignal(),
    });
    report = buildReport(raw.repos.map((r) => ({ ...r, repo: id })), now, raw.config);
  } catch (e) {
    // A broken `config` file or rules folder: the project could not be audited. The comment, the summary and the
    // outputs say so (as for a broken config inside the project), so no earlier run's score stays up.
    const what = e instanceof InputFileError ? 'invalid file' : 'cannot audit';
    report = buildReport([errorReport(id, `${what}: ${describeError(e)}`)], now);
  }
  const head: RepoReport = report.repos[0];

  // ---- Audit the base commit on pull requests.
  let base: BaseInfo = { kind: 'none' };
  if (pr && inputs.compareBase && head.status !== 'error') {
    if (!pr.baseSha) {
      base = { kind: 'unavailable', baseSha: '', reason: 'the event payload names no base commit' };
    } else {
      // On a push, the branch is compared with where it left the base branch, not with the base branch's tip.
      const mb = viaPush && ev.sha ? await mergeBase(inputs.path, pr.baseSha, ev.sha) : undefined;
      const baseSha = mb?.ok ? mb.sha : pr.baseSha;
      if (mb?.ok) core.info(`Comparing with the merge base ${baseSha.slice(0, 7)} of the base branch (${pr.baseSha.slice(0, 7)}) and ${ev.sha!.slice(0, 7)}`);
      core.info(`Auditing the base commit ${baseSha.slice(0, 7)}`);
      const b = mb && !mb.ok ? mb : await auditBaseCommit({
        projectDir: inputs.path,
        baseSha,
        tempRoot: join(tempDir, 'ml-portfolio-audit'),
        id,
        configFile: inputs.config,
        repoConfig: inputs.repoConfig,
        now,
      });
      base = b.ok
        ? { kind: 'compared', change: compareReports(b.report, head), baseSha }
        : { kind: 'unavailable', baseSha, reason: b.reason, ...(b.fix ? { fix: b.fix } : {}) };
    }
  }

  // ---- Log, report file, outputs.
  // (An audit that failed is reported once, by setFailed below.)
  if (head.status === 'skipped') core.warning(`${logSafe(id)} was not audited: ${logSafe(redact(head.reason ?? ''), 1000)}`);
  else if (head.status !== 'error') core.info(`${logSafe(id)}: ${num(head.score)}/100 (${head.grade})`);
  if (base.kind === 'compared') core.info(`Pull request #${pr!.number}: ${scoreLine(base.change)}`);
  if (base.kind === 'unavailable') core.warning(`Score change not measured: ${logSafe(base.reason, 600)}${base.fix ? `. Fix: ${logSafe(base.fix)}` : ''}`);

  mkdirSync(dirname(inputs.reportFile), { recursive: true });
  writeFileSync(inputs.reportFile, JSON.stringify(report, null, 2) + '\n');
  // No score for a project that was not audited (an error, or skipped: an empty workspace): never a made-up 0 / F.
  const audited = head.status === 'ok' || head.status === 'partial';
  core.setOutput('score', audited ? num(head.score) : '');
  core.setOutput('grade', audited ? head.grade : '');
  core.setOutput('report-path', inputs.reportFile);
  const htmlPath = writeReportExtras(report, inputs, { sarifPathPrefix: key === '.' || key.startsWith('..') ? '' : key }).htmlPath;
  core.setOutput('base-score', base.kind === 'compared' ? num(base.change.base.score) : '');

  const bodyInput: BodyInput = {
    report,
    repo: head,
    base,
    topFixes: inputs.topFixes,
    // On pull_request the checkout is GitHub's merge commit: the comment names the PR's head commit instead.
    ...(ev.pr?.headSha ? { headSha: ev.pr.headSha } : {}),
    ...(pr ? { context: `pull request #${pr.number}` } : ev.name ? { context: `${ev.name} event` } : {}),
    fullReportHint: `The job summary and the JSON report (output \`report-path\`) have everything.`,
  };

  // ---- Sticky comment.
  let commentUrl = '';
  let notice: string | undefined;
  if (wantComment && pr) {
    const marker = markerFor(key);
    // When the head cannot be audited (e.g. a broken config in this PR), the comment says so instead of keeping the
    // previous run's score.
    const body =
      head.status === 'error'
        ? { text: failedAuditComment(marker, id, head.error ?? 'unknown error'), leftOut: [] as string[] }
        : commentBody({ ...bodyInput, marker });
    if (body.leftOut.length) core.info(`Comment shortened to fit GitHub's limit; left out: ${body.leftOut.join('; ')}`);
    try {
      const c = getClient();
      const who = await tokenIdentity(c);
      if (who.via === 'assumed-actions-bot') {
        core.info(`The token is a GitHub App installation token whose account could not be read; assuming ${who.login} (the workflow's GITHUB_TOKEN).`);
      }
      const res = await upsertStickyComment(c, { owner: ev.owner!, repo: ev.repo!, issueNumber: pr.number }, marker, who, body.text);
      commentUrl = res.url;
      notice = `> 💬 ${res.action === 'created' ? 'Posted' : 'Updated'} [the comment on pull request #${pr.number}](${res.url}).`;
      core.info(`${res.action === 'created' ? 'Created' : 'Updated'} the pull request comment ${res.url}`);
      if (res.removedDuplicates.length) core.info(`Deleted ${res.removedDuplicates.length} duplicate comment(s) of this action.`);
    } catch (e) {
      const status = httpStatus(e);
      const msg = logSafe(redact((e as Error).message ?? String(e)), 600);
      if (status === 403) {
        const why = pr.fork
          ? 'this pull request comes from a fork, and GitHub gives workflows triggered by fork pull requests a read-only GITHUB_TOKEN'
          : 'the token may not write pull request comments: add `permissions: pull-requests: write` to the workflow (or the job)';
        core.warning(
          `Could not post the pull request comment: GitHub answered 403 (${msg.includes(NOT_ACCESSIBLE_BY_INTEGRATION) ? NOT_ACCESSIBLE_BY_INTEGRATION : msg}). ` +
            `Probably ${why}. The full report is in this run's job summary instead; the job does not fail because of this.`,
        );
        notice = `> ℹ️ The pull request comment could not be posted (GitHub answered 403: ${pr.fork ? 'fork pull requests get a read-only token' : 'the token may not write comments'}). This summary has the full report.`;
      } else {
        core.warning(`Could not post the pull request comment: ${msg}. The full report is in this run's job summary.`);
        notice = `> ℹ️ The pull request comment could not be posted (${md(msg, 300)}). This summary has the full report.`;
      }
    }
  }
  core.setOutput('comment-url', commentUrl);

  // ---- Job summary.
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      const s = summaryBody({ ...bodyInput, ...(notice ? { notice } : {}) });
      await core.summary.addRaw(s.text).write();
    } catch (e) {
      core.warning(`Could not write the job summary: ${logSafe(redact((e as Error).message))}`);
    }
  } else {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
  }

  // ---- The HTML report as an artifact of the run (after the comment and the summary: they never wait for it).
  await uploadHtmlReport(htmlPath, inputs.htmlArtifact, env, redact);

  if (head.status === 'error') {
    core.setFailed(`could not audit ${logSafe(id)}: ${logSafe(redact(head.error ?? 'unknown error'), 1000)}`);
    return;
  }

  // ---- README annotations.
  for (const a of readmeAnnotations(head, inputs.path, workspace)) {
    core.warning(a.message, { title: a.title, file: a.file, startLine: a.line });
  }

  // ---- fail-under: as the report resolved it (the input; else the `config` file's; else the project's own file's,
  // which can set a bar only where the workflow set none). It gates the standard score, or the score under the
  // workflow's own `config` file when that file made one: the project's own file never moves the gate.
  const gate = head.status !== 'skipped' ? gateOf(head) : undefined;
  if (gate && gate.score < gate.value) {
    const scored = gate.gates === 'configured' && head.configured ? { ...head.configured, rules: head.rules } : head;
    const list = fixListOf(scored);
    const caps = capsSentence(list.caps, (x) => x);
    const lines = [
      ...(caps ? [caps] : []),
      ...list.groups.slice(0, Math.max(3, inputs.topFixes)).map((g, i) => `${i + 1}. ${g.title}: ${gainLabel(g, (x) => x)} points — ${g.rules.map((x) => `${x.rule} ${gainLabel(x, (y) => y, g)}`).join(', ')}`),
    ];
    const which = gate.gates === 'configured' ? ` (${gate.label})` : '';
    core.setFailed(
      logSafe(`${id} scores ${num(gate.score)}${which}, below ${gate.from} = ${num(gate.value)}.`, 600) +
        (lines.length ? `\nFix these first (the comment and the report say how):\n${lines.map((l) => logSafe(l, 600)).join('\n')}` : ''),
    );
  }
}

/** The sticky comment's body when the pull request's head could not be audited. */
export function failedAuditComment(marker: string, id: string, error: string): string {
  return [
    marker,
    '## ML portfolio audit — could not audit this pull request',
    '',
    `${code(id)}: ${md(error, 1000)}`,
    '',
    'The score from an earlier run no longer applies. Fix the problem above (the job log has the details) and push again.',
    '',
  ].join('\n');
}
