import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReportExtras } from '../../src/action/extras.js';
import { repoReport, reportOf, rule } from '../helpers/fake-github/sample-report.js';
import { tmpDir } from '../helpers/tmp.js';
import { parseXml } from '../helpers/xml.js';

/** Outputs as @actions/core writes them to GITHUB_OUTPUT: `name<<DELIM\nvalue\nDELIM\n`. */
function outputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm)) out[m[1]] = m[3];
  return out;
}

let saved: string | undefined;
let outFile: string;
beforeEach(() => {
  saved = process.env.GITHUB_OUTPUT;
  outFile = join(tmpDir('mlpa-extras-'), 'output');
  writeFileSync(outFile, '');
  process.env.GITHUB_OUTPUT = outFile;
});
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_OUTPUT;
  else process.env.GITHUB_OUTPUT = saved;
});

const report = reportOf(
  repoReport('ada/churn', 72, [rule('readme-links', 0, { category: 'readme', evidence: [{ path: 'README.md', line: 4, detail: 'dead link', problem: true }] })]),
);

describe('action: badge, HTML and SARIF files', () => {
  it('writes the badge next to the report and the SARIF file when asked, with their outputs', () => {
    const dir = tmpDir('mlpa-extras-');
    writeReportExtras(report, { badgeFile: join(dir, 'out', 'badge.svg'), sarifFile: join(dir, 'ml.sarif') }, { sarifPathPrefix: 'projects/churn' });
    const svg = readFileSync(join(dir, 'out', 'badge.svg'), 'utf8');
    expect(parseXml(svg).errors).toEqual([]);
    expect(svg).toContain('72 · B');
    const sarif = JSON.parse(readFileSync(join(dir, 'ml.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('projects/churn/README.md');
    expect(outputs(outFile)).toEqual({ 'badge-path': join(dir, 'out', 'badge.svg'), 'html-path': '', 'sarif-path': join(dir, 'ml.sarif') });
  });

  it('no sarif-file: no SARIF file and an empty output; an unwritable badge path is an empty output, not a failure', () => {
    const dir = tmpDir('mlpa-extras-');
    writeFileSync(join(dir, 'a-file'), '');
    writeReportExtras(report, { badgeFile: join(dir, 'a-file', 'badge.svg') });
    expect(outputs(outFile)).toEqual({ 'badge-path': '', 'html-path': '', 'sarif-path': '' });
  });

  it('writes the HTML report where asked, with its output; an unwritable path is an empty output', () => {
    const dir = tmpDir('mlpa-extras-');
    writeReportExtras(report, { badgeFile: join(dir, 'badge.svg'), htmlFile: join(dir, 'report.html') });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('72/100');
    expect(outputs(outFile)).toMatchObject({ 'html-path': join(dir, 'report.html') });
    writeFileSync(join(dir, 'a-file'), '');
    writeReportExtras(report, { badgeFile: join(dir, 'badge.svg'), htmlFile: join(dir, 'a-file', 'report.html') });
    expect(outputs(outFile)['html-path']).toBe('');
  });
});
