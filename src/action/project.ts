import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import { describeError } from '../errors.js';
import { buildReport, errorReport } from '../report/build.js';
import { logSafe } from '../report/escape.js';
import { num } from '../report/numbers.js';
import { isAudited, type Report, type RepoReport } from '../report/types.js';
import { InputFileError } from '../rules/validate.js';
import { auditTargets } from '../run.js';
import { auditBaseCommit, compareReports, mergeBase, scoreLine } from './base-compare.js';
import type { BaseInfo, BodyInput } from './body.js';
import { createClient, type GitHubClient } from './client.js';
import { pullRequestForCommit } from './comment.js';
import { displayId, readEvent, type EventContext, type EventInfo, type PullRequestRef } from './event.js';
import { uploadHtmlReport } from './artifact.js';
import { writeReportExtras } from './extras.js';
import type { ActionInputs } from './inputs.js';
import { annotateReadme, checkGate, postComment, writeSummary } from './publish.js';

/**
 * Single-project mode: audit the workspace (and, on a pull request, its base commit), then publish: report file and
 * outputs, sticky pull request comment, job summary, README annotations, `fail-under`. Each step is one function below
 * (the publishing ones in publish.ts), run in this order by `runProject`.
 */

interface ProjectRun {
  inputs: ActionInputs;
  workspace: string;
  tempDir: string;
  env: NodeJS.ProcessEnv;
  context: EventContext;
  signal: AbortSignal;
  redact: (s: string) => string;
}

/** Where the comment goes. `viaPush`: the pull request was found from a pushed commit (the checkout is the branch). */
interface CommentTarget {
  pr?: PullRequestRef;
  wantComment: boolean;
  viaPush: boolean;
}

export async function runProject(run: ProjectRun): Promise<void> {
  const { inputs, workspace, env, redact } = run;
  const ev = readEvent(run.context);
  const { id, key } = displayId(inputs, workspace, ev);
  const now = new Date();
  let client: GitHubClient | undefined;
  const getClient = (): GitHubClient => (client ??= createClient(inputs.token, inputs.apiUrl || env.GITHUB_API_URL || 'https://api.github.com'));

  // Decided first: `comment: always` on a push looks the pull request up.
  const target = await commentTarget(inputs, ev, getClient, redact);
  const report = await auditHead(run, id, now);
  const head = report.repos[0];
  const base = await auditBase(run, target, ev, head, id, now);
  const pr = target.pr;

  logResult(id, head, base, pr, redact);
  const { htmlPath } = writeReportFiles(report, head, base, inputs, key);

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
  const posted = target.wantComment && pr ? await postComment(getClient, ev, pr, key, id, head, bodyInput, redact) : { url: '' };
  core.setOutput('comment-url', posted.url);
  await writeSummary(env, bodyInput, posted.notice, redact);
  // The HTML report as an artifact of the run (after the comment and the summary: they never wait for it).
  await uploadHtmlReport(htmlPath, inputs.htmlArtifact, env, redact);

  if (!isAudited(head)) {
    // Skipped (an empty workspace) was said in the log; an error fails the step.
    if (head.status === 'error') core.setFailed(`could not audit ${logSafe(id)}: ${logSafe(redact(head.reason), 1000)}`);
    return;
  }
  annotateReadme(head, inputs.path, workspace);
  checkGate(id, head, inputs.topFixes);
}

/** Whether and where to comment: the event's pull request, or (`comment: always` on a push) the commit's open one. */
async function commentTarget(
  inputs: ActionInputs,
  ev: EventInfo,
  getClient: () => GitHubClient,
  redact: (s: string) => string,
): Promise<CommentTarget> {
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
  let viaPush = false;
  if (wantComment && !pr && ev.sha) {
    try {
      const found = await pullRequestForCommit(getClient(), ev.owner!, ev.repo!, ev.sha);
      if (found) {
        pr = { ...found, fork: false };
        viaPush = true;
      } else core.info(`comment: always — commit ${ev.sha.slice(0, 7)} belongs to no open pull request; publishing the job summary only.`);
    } catch (e) {
      core.warning(`Could not look up the pull request of commit ${ev.sha.slice(0, 7)}: ${logSafe(redact((e as Error).message))}`);
    }
  }
  return { ...(pr ? { pr } : {}), wantComment: wantComment && !!pr, viaPush };
}

/**
 * Audits the workspace. A broken `config` file or rules folder: the project could not be audited, and the report says
 * so (as for a broken config inside the project), so the comment, the summary and the outputs keep no earlier score.
 */
async function auditHead(run: Pick<ProjectRun, 'inputs' | 'signal'>, id: string, now: Date): Promise<Report> {
  const { inputs } = run;
  core.info(`Auditing ${logSafe(inputs.path)}`);
  try {
    const raw = await auditTargets({
      targets: [inputs.path],
      configFile: inputs.config,
      repoConfig: inputs.repoConfig,
      ...(inputs.failUnder !== undefined ? { failUnder: { value: inputs.failUnder, from: 'input "fail-under"' } } : {}),
      now,
      signal: run.signal,
    });
    return buildReport(raw.repos.map((r) => ({ ...r, repo: id })), now, raw.config);
  } catch (e) {
    const what = e instanceof InputFileError ? 'invalid file' : 'cannot audit';
    return buildReport([errorReport(id, `${what}: ${describeError(e)}`)], now);
  }
}

/**
 * On a pull request (when `compare-base` is on and the head could be audited): audits the base commit and compares.
 * On a push, the branch is compared with where it left the base branch, not with the base branch's tip.
 */
async function auditBase(
  run: Pick<ProjectRun, 'inputs' | 'tempDir'>,
  target: CommentTarget,
  ev: EventInfo,
  head: RepoReport,
  id: string,
  now: Date,
): Promise<BaseInfo> {
  const { inputs } = run;
  const pr = target.pr;
  if (!pr || !inputs.compareBase || !isAudited(head)) return { kind: 'none' };
  if (!pr.baseSha) return { kind: 'unavailable', baseSha: '', reason: 'the event payload names no base commit' };
  const mb = target.viaPush && ev.sha ? await mergeBase(inputs.path, pr.baseSha, ev.sha) : undefined;
  const baseSha = mb?.ok ? mb.sha : pr.baseSha;
  if (mb?.ok) core.info(`Comparing with the merge base ${baseSha.slice(0, 7)} of the base branch (${pr.baseSha.slice(0, 7)}) and ${ev.sha!.slice(0, 7)}`);
  core.info(`Auditing the base commit ${baseSha.slice(0, 7)}`);
  const b =
    mb && !mb.ok
      ? mb
      : await auditBaseCommit({
          projectDir: inputs.path,
          baseSha,
          tempRoot: join(run.tempDir, 'ml-portfolio-audit'),
          id,
          configFile: inputs.config,
          repoConfig: inputs.repoConfig,
          now,
        });
  return b.ok
    ? { kind: 'compared', change: compareReports(b.report, head), baseSha }
    : { kind: 'unavailable', baseSha, reason: b.reason, ...(b.fix ? { fix: b.fix } : {}) };
}

/** The score (or why there is none) and the score change, in the log. An audit that failed is reported once, later. */
function logResult(id: string, head: RepoReport, base: BaseInfo, pr: PullRequestRef | undefined, redact: (s: string) => string): void {
  if (isAudited(head)) core.info(`${logSafe(id)}: ${num(head.score)}/100 (${head.grade})`);
  else if (head.status === 'skipped') core.warning(`${logSafe(id)} was not audited: ${logSafe(redact(head.reason), 1000)}`);
  if (base.kind === 'compared') core.info(`Pull request #${pr!.number}: ${scoreLine(base.change)}`);
  if (base.kind === 'unavailable') core.warning(`Score change not measured: ${logSafe(base.reason, 600)}${base.fix ? `. Fix: ${logSafe(base.fix)}` : ''}`);
}

/** The JSON report, the badge, HTML and SARIF files, and the outputs that name them and the score. Returns the HTML's path. */
function writeReportFiles(report: Report, head: RepoReport, base: BaseInfo, inputs: ActionInputs, key: string): { htmlPath: string } {
  mkdirSync(dirname(inputs.reportFile), { recursive: true });
  writeFileSync(inputs.reportFile, JSON.stringify(report, null, 2) + '\n');
  // A project that was not audited (an error, or skipped: an empty workspace) has no score: the outputs are empty.
  core.setOutput('score', isAudited(head) ? num(head.score) : '');
  core.setOutput('grade', isAudited(head) ? head.grade : '');
  core.setOutput('report-path', inputs.reportFile);
  const { htmlPath } = writeReportExtras(report, inputs, { sarifPathPrefix: key === '.' || key.startsWith('..') ? '' : key });
  core.setOutput('base-score', base.kind === 'compared' ? num(base.change.base.score) : '');
  return { htmlPath };
}
