import * as core from '@actions/core';
import { gateOf } from '../report/configured.js';
import { code, logSafe, md } from '../report/escape.js';
import { capsSentence, fixListOf, gainLabel } from '../report/fix-list.js';
import { num } from '../report/numbers.js';
import type { AuditedRepoReport, RepoReport } from '../report/types.js';
import { readmeAnnotations } from './annotations.js';
import { commentBody, summaryBody, type BodyInput } from './body.js';
import { httpStatus, NOT_ACCESSIBLE_BY_INTEGRATION, type GitHubClient } from './client.js';
import { markerFor, upsertStickyComment } from './comment.js';
import type { EventInfo, PullRequestRef } from './event.js';
import { tokenIdentity } from './identity.js';

/**
 * Publishing a single project's audit: the sticky pull request comment, the job summary, the README annotations and
 * the `fail-under` gate. Publishing problems (a fork's read-only token, a missing permission) are warnings, never a
 * failed job; only a score under `fail-under` (and an audit that could not run, see project.ts) fails the step.
 */

/**
 * Creates or updates the action's sticky comment on the pull request. Returns its URL and a line for the job summary
 * (where it went, or why it could not be posted); '' when it could not be posted.
 */
export async function postComment(
  getClient: () => GitHubClient,
  ev: EventInfo,
  pr: PullRequestRef,
  key: string,
  id: string,
  head: RepoReport,
  bodyInput: BodyInput,
  redact: (s: string) => string,
): Promise<{ url: string; notice?: string }> {
  const marker = markerFor(key);
  // When the head cannot be audited (e.g. a broken config in this PR), the comment says so instead of keeping the
  // previous run's score.
  const body =
    head.status === 'error'
      ? { text: failedAuditComment(marker, id, head.reason), leftOut: [] as string[] }
      : commentBody({ ...bodyInput, marker });
  if (body.leftOut.length) core.info(`Comment shortened to fit GitHub's limit; left out: ${body.leftOut.join('; ')}`);
  try {
    const c = getClient();
    const who = await tokenIdentity(c);
    if (who.via === 'assumed-actions-bot') {
      core.info(`The token is a GitHub App installation token whose account could not be read; assuming ${who.login} (the workflow's GITHUB_TOKEN).`);
    }
    const res = await upsertStickyComment(c, { owner: ev.owner!, repo: ev.repo!, issueNumber: pr.number }, marker, who, body.text);
    core.info(`${res.action === 'created' ? 'Created' : 'Updated'} the pull request comment ${res.url}`);
    if (res.removedDuplicates.length) core.info(`Deleted ${res.removedDuplicates.length} duplicate comment(s) of this action.`);
    return { url: res.url, notice: `> 💬 ${res.action === 'created' ? 'Posted' : 'Updated'} [the comment on pull request #${pr.number}](${res.url}).` };
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
      return {
        url: '',
        notice: `> ℹ️ The pull request comment could not be posted (GitHub answered 403: ${pr.fork ? 'fork pull requests get a read-only token' : 'the token may not write comments'}). This summary has the full report.`,
      };
    }
    core.warning(`Could not post the pull request comment: ${msg}. The full report is in this run's job summary.`);
    return { url: '', notice: `> ℹ️ The pull request comment could not be posted (${md(msg, 300)}). This summary has the full report.` };
  }
}

/** The job summary (when the runner gives a GITHUB_STEP_SUMMARY file), with `notice` saying where the comment went. */
export async function writeSummary(env: NodeJS.ProcessEnv, bodyInput: BodyInput, notice: string | undefined, redact: (s: string) => string): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return;
  }
  try {
    const s = summaryBody({ ...bodyInput, ...(notice ? { notice } : {}) });
    await core.summary.addRaw(s.text).write();
  } catch (e) {
    core.warning(`Could not write the job summary: ${logSafe(redact((e as Error).message))}`);
  }
}

/** A warning annotation on each README line the report marks as a problem. */
export function annotateReadme(head: AuditedRepoReport, projectDir: string, workspace: string): void {
  for (const a of readmeAnnotations(head, projectDir, workspace)) {
    core.warning(a.message, { title: a.title, file: a.file, startLine: a.line });
  }
}

/**
 * fail-under, as the report resolved it (the input; else the `config` file's; else the project's own file's, which can
 * set a bar only where the workflow set none). It gates the standard score, or the score under the workflow's own
 * `config` file when that file made one: the project's own file never moves the gate. Fails the step naming the fixes.
 */
export function checkGate(id: string, head: AuditedRepoReport, topFixes: number): void {
  const gate = gateOf(head);
  if (!gate || gate.score >= gate.value) return;
  const scored = gate.gates === 'configured' && head.configured ? { ...head.configured, rules: head.rules } : head;
  const list = fixListOf(scored);
  const caps = capsSentence(list.caps, (x) => x);
  const lines = [
    ...(caps ? [caps] : []),
    ...list.groups.slice(0, Math.max(3, topFixes)).map((g, i) => `${i + 1}. ${g.title}: ${gainLabel(g, (x) => x)} points — ${g.rules.map((x) => `${x.rule} ${gainLabel(x, (y) => y, g)}`).join(', ')}`),
  ];
  const which = gate.gates === 'configured' ? ` (${gate.label})` : '';
  core.setFailed(
    logSafe(`${id} scores ${num(gate.score)}${which}, below ${gate.from} = ${num(gate.value)}.`, 600) +
      (lines.length ? `\nFix these first (the comment and the report say how):\n${lines.map((l) => logSafe(l, 600)).join('\n')}` : ''),
  );
}

/** The sticky comment's body when the pull request's head could not be audited. */
function failedAuditComment(marker: string, id: string, error: string): string {
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
