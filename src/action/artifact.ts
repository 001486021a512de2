import { dirname } from 'node:path';
import * as core from '@actions/core';
import { logSafe } from '../report/escape.js';

/**
 * Uploads the HTML report as an artifact of the workflow run, in process, with @actions/artifact (the artifact
 * service actions/upload-artifact@v4+ uses): a zip holding report.html, named by the `html-artifact` input. Outputs
 * `html-artifact-id` and `html-artifact-url` (empty when nothing was uploaded). An upload that cannot happen (no
 * runtime token outside GitHub's runners, GitHub Enterprise Server, a server error) is a warning, never a failed step.
 */

/** Characters the artifact service refuses in a name (NTFS limits), as @actions/artifact validates them. */
const FORBIDDEN: ReadonlyArray<[string, string]> = [
  ['"', 'a double quote'],
  [':', 'a colon'],
  ['<', 'a less-than sign'],
  ['>', 'a greater-than sign'],
  ['|', 'a vertical bar'],
  ['*', 'an asterisk'],
  ['?', 'a question mark'],
  ['\r', 'a line break'],
  ['\n', 'a line break'],
  ['\\', 'a backslash'],
  ['/', 'a slash'],
];

/** What makes `name` unusable as an artifact name ("a colon"), or undefined when it is fine. */
export function badArtifactName(name: string): string | undefined {
  return FORBIDDEN.find(([c]) => name.includes(c))?.[1];
}

/**
 * The artifact name for a project in a sub-folder of the workspace: `<name>-<folder>` with the folder's slashes (and
 * any other character an artifact name cannot hold) as hyphens, so the jobs of a monorepo never share one name.
 */
export function folderArtifactName(name: string, folder: string): string {
  let out = '';
  for (const ch of folder) out += FORBIDDEN.some(([c]) => c === ch) ? '-' : ch;
  return `${name}-${out}`;
}

export interface HtmlArtifact {
  /** The artifact's name (validated; a sub-folder project's folder already appended). */
  name: string;
  /** Days the artifact is kept; undefined: the repository's default. */
  retentionDays?: number;
}

/** The part of @actions/artifact's client this module uses (tests of the failure paths pass their own). */
interface ArtifactService {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
  deleteArtifact(name: string): Promise<{ id: number }>;
}

async function defaultService(): Promise<ArtifactService> {
  // Loaded only when an upload happens: the audit workers that start this bundle never need it. ncc puts it in a chunk
  // of its own (dist/<id>.index.js); its name fixes the chunk's id, whatever folder node_modules resolves to.
  const { DefaultArtifactClient } = await import(/* webpackChunkName: "actions-artifact" */ '@actions/artifact');
  return new DefaultArtifactClient();
}

/**
 * GitHub Enterprise Server has no artifact service @actions/artifact 2+ can use (the same test as the package's:
 * a server other than github.com, *.ghe.com or *.localhost).
 */
export function isEnterpriseServer(env: NodeJS.ProcessEnv): boolean {
  let host: string;
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
  } catch {
    return false;
  }
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
}

/** The artifact's page on GitHub, as actions/upload-artifact gives it (output `artifact-url`). */
export function artifactUrl(env: NodeJS.ProcessEnv, id: number): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return '';
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`;
}

const isConflict = (e: unknown): boolean => /\(409\)/.test((e as Error)?.message ?? '');

/**
 * Uploads `htmlFile` as the artifact `spec.name` and sets the outputs `html-artifact-id` and `html-artifact-url`.
 * A re-run of the job (GITHUB_RUN_ATTEMPT above 1) finds the earlier attempt's artifact under the same name, which the
 * service refuses (409): it is deleted and the upload made again, so the run keeps the newest report. On a first
 * attempt the name is another job's (or step's) of this run, which is never deleted: a warning says to pick a name.
 */
export async function uploadHtmlReport(
  htmlFile: string,
  spec: HtmlArtifact | undefined,
  env: NodeJS.ProcessEnv,
  redact: (s: string) => string,
  service: () => Promise<ArtifactService> = defaultService,
): Promise<void> {
  core.setOutput('html-artifact-id', '');
  core.setOutput('html-artifact-url', '');
  if (!spec || !htmlFile) return;
  const where = `The report is still at ${logSafe(htmlFile)} (output html-path); input html-artifact: '' turns the upload off.`;
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    core.warning(
      `Did not upload the HTML report as the artifact ${logSafe(spec.name)}: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not both set, ` +
        `as GitHub's runners always set them (this run is elsewhere, e.g. under act without --artifact-server-path). ${where}`,
    );
    return;
  }
  if (isEnterpriseServer(env)) {
    core.warning(
      `Did not upload the HTML report as the artifact ${logSafe(spec.name)}: GitHub Enterprise Server has no artifact service ` +
        `@actions/artifact 2+ can use (nor actions/upload-artifact@v4+); upload the file with the upload-artifact version the server supports. ${where}`,
    );
    return;
  }
  const attempt = Number(env.GITHUB_RUN_ATTEMPT || '1');
  let id: number;
  core.startGroup(`Uploading the HTML report as the artifact ${logSafe(spec.name)}`);
  try {
    const client = await service();
    const upload = async (): Promise<number> => {
      const res = await client.uploadArtifact(spec.name, [htmlFile], dirname(htmlFile), spec.retentionDays ? { retentionDays: spec.retentionDays } : {});
      if (res.id === undefined) throw new Error('the artifact service answered without an artifact ID');
      return res.id;
    };
    try {
      id = await upload();
    } catch (e) {
      if (!isConflict(e) || !(attempt > 1)) throw e;
      const old = await client.deleteArtifact(spec.name);
      core.info(`Deleted the artifact ${logSafe(spec.name)} of an earlier attempt of this run (ID ${old.id}); uploading this attempt's report.`);
      id = await upload();
    }
  } catch (e) {
    core.endGroup();
    if (isConflict(e)) {
      core.warning(
        `Did not upload the HTML report: this workflow run already has an artifact named ${logSafe(spec.name)}, uploaded by another ` +
          `job or step. Give each job its own name with the html-artifact input (e.g. add the matrix values). ${where}`,
      );
    } else {
      const msg = logSafe(redact((e as Error)?.message ?? String(e)), 600);
      core.warning(`Could not upload the HTML report as the artifact ${logSafe(spec.name)}: ${msg}. The step does not fail because of this. ${where}`);
    }
    return;
  }
  core.endGroup();
  const url = artifactUrl(env, id);
  core.setOutput('html-artifact-id', String(id));
  core.setOutput('html-artifact-url', url);
  core.info(`Uploaded the HTML report as the artifact ${logSafe(spec.name)} (ID ${id}${url ? `: ${url}` : ''})`);
}
