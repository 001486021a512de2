import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import { renderBadge } from '../report/badge.js';
import { renderSarif } from '../report/sarif.js';
import { renderHtml } from '../report/html.js';
import { logSafe } from '../report/escape.js';
import type { Report } from '../report/types.js';

/**
 * The files the action writes beside the JSON report: the SVG badge (always; output `badge-path`), the HTML report
 * (report.html next to the JSON report; output `html-path`) and, when the `sarif-file` input asks for it, the SARIF
 * log for code scanning (output `sarif-path`). A file that cannot be written is a warning, never a failed audit.
 * Returns the HTML report's path, empty when it was not written.
 */
export function writeReportExtras(
  report: Report,
  files: { badgeFile: string; sarifFile?: string; htmlFile?: string },
  opts: { sarifPathPrefix?: string } = {},
): { htmlPath: string } {
  core.setOutput('badge-path', write(files.badgeFile, renderBadge(report), 'badge') ? files.badgeFile : '');
  const html = files.htmlFile && write(files.htmlFile, renderHtml(report), 'HTML report');
  core.setOutput('html-path', html ? files.htmlFile : '');
  const sarif = files.sarifFile && write(files.sarifFile, renderSarif(report, { pathPrefix: opts.sarifPathPrefix }), 'SARIF file');
  core.setOutput('sarif-path', sarif ? files.sarifFile : '');
  return { htmlPath: html ? files.htmlFile! : '' };
}

function write(file: string, text: string, what: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return true;
  } catch (e) {
    core.warning(`Could not write the ${what} ${logSafe(file)}: ${logSafe((e as NodeJS.ErrnoException).code ?? (e as Error).message)}`);
    return false;
  }
}
