import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeReportExtras } from './extras.js';
import { uploadHtmlReport } from './artifact.js';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { glob } from 'tinyglobby';
import { runAudit } from '../audit-run.js';
import { loadConfig } from '../config/load.js';
import { logSafe } from '../report/escape.js';
import { renderMarkdown } from '../report/markdown.js';
import { formatProgress } from '../report/progress.js';
import type { NotAuditedRepoReport, Report } from '../report/types.js';
import { mergeReports, parseReport } from '../shard.js';
import { SUMMARY_LIMIT_BYTES, utf8Bytes } from './body.js';
import type { ActionInputs } from './inputs.js';

/**
 * Portfolio mode (`repos` and/or `user`, optionally `shard`) and merge mode (`merge`): many repositories through the
 * API, one report. Publishes the job summary, the JSON report file and the outputs (the portfolio's score and grade);
 * `fail-under` applies to the portfolio score. One line per repository is logged inside a collapsible group.
 */
export async function runPortfolio(inputs: ActionInputs, env: NodeJS.ProcessEnv, redact: (s: string) => string, signal: AbortSignal): Promise<void> {
  let report: Report;
  if (inputs.merge) {
    const files = (await glob(inputs.merge, { cwd: env.GITHUB_WORKSPACE || process.cwd(), absolute: true })).sort();
    if (files.length === 0) {
      core.setFailed(`Input "merge": no file matches ${JSON.stringify(inputs.merge)} (download the shards' artifacts first, e.g. actions/download-artifact with merge-multiple: true)`);
      return;
    }
    core.info(`Merging ${files.length} shard report(s): ${files.map((f) => logSafe(f)).join(', ')}`);
    report = mergeReports(files.map((f) => parseReport(readFileSync(f, 'utf8'), f)));
  } else {
    const what = [inputs.repos.length ? `${inputs.repos.length} listed repositories` : '', inputs.user ? `the repositories of ${inputs.user}` : '']
      .filter(Boolean)
      .join(' and ');
    core.startGroup(`Auditing ${what}${inputs.shard ? ` (shard ${inputs.shard})` : ''}`);
    try {
      report = await runAudit({
        targets: inputs.repos,
        user: inputs.user,
        maxRepos: inputs.maxRepos,
        shard: inputs.shard,
        token: inputs.token,
        apiUrl: inputs.apiUrl ?? env.GITHUB_API_URL,
        configFile: inputs.config,
        repoConfig: inputs.repoConfig,
        ...(inputs.failUnder !== undefined ? { failUnder: { value: inputs.failUnder, from: 'input "fail-under"' } } : {}),
        onProgress: (e) => core.info(redact(formatProgress(e))),
        onInfo: (m) => core.info(logSafe(redact(m))),
        signal,
      });
    } finally {
      core.endGroup();
    }
  }

  mkdirSync(dirname(inputs.reportFile), { recursive: true });
  writeFileSync(inputs.reportFile, JSON.stringify(report, null, 2) + '\n');
  const p = report.portfolio;
  // Nothing to audit (a shard the list's hash gave no repository, a user with forks only): no made-up 0 / F.
  const empty = report.repos.length === 0;
  // No repository audited (all failed or skipped): no score either.
  core.setOutput('score', p.score === undefined ? '' : String(p.score));
  core.setOutput('grade', p.grade ?? '');
  core.setOutput('report-path', inputs.reportFile);
  const { htmlPath } = writeReportExtras(report, inputs);
  core.setOutput('comment-url', '');
  core.setOutput('base-score', '');
  const nothing = `No repository to audit${inputs.shard ? ` in shard ${inputs.shard} (the list is split by a hash of each name, so a shard can be empty; the other shards have them)` : ''}.`;
  if (empty) core.info(nothing);
  else core.info(`Portfolio: ${p.score}/100 (${p.grade}) over ${p.audited} audited repositories`);

  if (env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(empty ? `## ML portfolio audit\n\n${nothing}\n` : summaryText(report, inputs.topFixes, Boolean(inputs.merge))).write();
  }
  // The whole portfolio's page, once per run: a shard job's page is a part of it, so the merge job uploads (the file
  // stays at html-path).
  if (inputs.shard && inputs.htmlArtifact) core.info(`Shard ${inputs.shard}: the HTML report is not uploaded as an artifact (the merge job uploads the whole portfolio's); it is at ${logSafe(htmlPath)}.`);
  await uploadHtmlReport(htmlPath, inputs.shard ? undefined : inputs.htmlArtifact, env, redact);
  if (empty) return;

  const failed = report.repos.filter((r): r is NotAuditedRepoReport => r.status === 'error');
  for (const r of failed) core.warning(`${logSafe(r.repo)}: ${logSafe(redact(r.reason), 600)}`);
  if (report.repos.length > 0 && p.audited === 0 && failed.length > 0) {
    core.setFailed(`No repository could be audited (${failed.length} failed; the first: ${logSafe(redact(failed[0].reason), 400)}).`);
    return;
  }
  // The threshold the report resolved: the input, else `fail-under` in the `config` file (never a repository's own).
  // The portfolio score is made of standard scores only: no config changes it.
  // A merge job audits nothing: its own `config` input is read here; else what the shards recorded.
  const mergeConfig = inputs.merge && inputs.failUnder === undefined && inputs.config ? loadConfig(inputs.config)['fail-under'] : undefined;
  const threshold =
    inputs.failUnder !== undefined
      ? { value: inputs.failUnder, from: 'input "fail-under"' }
      : mergeConfig !== undefined
        ? { value: mergeConfig, from: `fail-under in ${inputs.config}` }
        : report.config?.failUnder;
  if (threshold !== undefined && p.score !== undefined && p.score < threshold.value) {
    core.setFailed(`The portfolio scores ${p.score}, below ${logSafe(threshold.from)} = ${threshold.value}. ${logSafe(p.explanation, 600)}`);
  }
}

const LEFT_OUT = (what: string): string =>
  `\n> ✂️ ${what} left out to stay under the job summary's 1 MiB limit; the JSON report (output \`report-path\`) has everything.\n`;

/**
 * The job summary, within GitHub's 1 MiB: the full report; else without per-rule evidence; else the portfolio part
 * and the table only; else the table cut at a whole row.
 */
export function summaryText(report: Report, topFixes: number, untrusted = false): string {
  const full = renderMarkdown(report, { topFixes, untrusted });
  if (utf8Bytes(full) <= SUMMARY_LIMIT_BYTES) return full;
  const lean = renderMarkdown(report, { topFixes, evidence: false, untrusted });
  if (utf8Bytes(lean) + 300 <= SUMMARY_LIMIT_BYTES) return lean + LEFT_OUT('The per-rule evidence was');
  const head = renderMarkdown(report, { topFixes, evidence: false, repoSections: false, untrusted });
  if (utf8Bytes(head) + 300 <= SUMMARY_LIMIT_BYTES) return head + LEFT_OUT('The per-repository sections were');
  const kept: string[] = [];
  let bytes = 0;
  for (const l of head.split('\n')) {
    bytes += utf8Bytes(l) + 1;
    if (bytes + 400 > SUMMARY_LIMIT_BYTES) break;
    kept.push(l);
  }
  return kept.join('\n') + '\n' + LEFT_OUT('The rest of the table and the per-repository sections were');
}

