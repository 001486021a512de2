import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import yaml from 'js-yaml';
import { strongProjectCommits } from '../../../src/demo/samples.js';
import { buildGitRepo } from '../../../src/fixtures/git-repo.js';
import { tmpDir } from '../tmp.js';
import { workflowDispatchEvent } from './events.js';

const parseYaml = (text: string): unknown => yaml.load(text, { schema: yaml.CORE_SCHEMA });

/**
 * Runs the built action (dist/index.js) the way the GitHub Actions runner does: a fresh `node` process, cwd = the
 * workspace, a clean environment holding only what the runner sets (INPUT_* with action.yml's defaults applied,
 * GITHUB_* context, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP) plus PATH and HOME.
 */

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export function requireDist(): string {
  const dist = join(ROOT, 'dist', 'index.js');
  if (!existsSync(dist)) {
    throw new Error('dist/index.js is missing: run `npm run package` before these tests (CI builds it before `npm test`).');
  }
  return dist;
}

/**
 * Copies the action the way the runner unpacks it (…/_actions/<owner>/<name>/<ref>/: action.yml, dist/, rules/) into a
 * folder unrelated to this checkout, so the test proves the rules are found next to the bundle wherever it lands.
 */
export function unpackAction(into = tmpDir('mlpa-runner-')): string {
  requireDist();
  const dir = join(into, '_actions', 'ada', 'ml-portfolio-audit', 'v1');
  mkdirSync(dir, { recursive: true });
  for (const p of ['action.yml', 'dist', 'rules']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  return dir;
}

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export function actionYml(dir = ROOT): ActionYml {
  return parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYml;
}

/** The README's Action tables, rendered from action.yml: the README must contain exactly these. */
export function actionTables(): { inputs: string; outputs: string } {
  const y = actionYml();
  const dflt = (d: string | undefined): string => (d === undefined || d === '' ? '*(empty)*' : `\`${d}\``);
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(y.inputs).map(([name, spec]) => `| \`${name}\` | ${dflt(spec.default)} | ${spec.description.trim()} |`),
  ].join('\n');
  const outputs = ['| Output | Description |', '| --- | --- |', ...Object.entries(y.outputs).map(([name, spec]) => `| \`${name}\` | ${spec.description.trim()} |`)].join('\n');
  return { inputs, outputs };
}

export interface RunnerContext {
  workspace: string;
  eventName: string;
  payload: unknown;
  repository: string;
  sha: string;
  apiUrl: string;
  token: string;
  /** More variables the runner sets (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, GITHUB_RUN_ATTEMPT on a re-run…). */
  env?: Record<string, string>;
}

/** A workflow_dispatch run of the repository ada/portfolio (a real payload), against the fake GitHub at `apiUrl`. */
export function dispatchContext(apiUrl: string, token: string, inputs: Record<string, string>, workspacePrefix = 'mlpa-dispatch-'): RunnerContext {
  return {
    workspace: tmpDir(workspacePrefix),
    eventName: 'workflow_dispatch',
    payload: workflowDispatchEvent({ owner: 'ada', repo: 'portfolio', inputs }),
    repository: 'ada/portfolio',
    sha: 'a'.repeat(40),
    apiUrl,
    token,
  };
}

/**
 * A workflow_dispatch run of ada/monorepo whose project lives in projects/churn with its own git history (the strong
 * sample project), against the fake GitHub at `apiUrl`.
 */
export function monorepoContext(apiUrl: string, token: string, workspacePrefix: string): RunnerContext {
  const workspace = tmpDir(workspacePrefix);
  buildGitRepo(join(workspace, 'projects', 'churn'), strongProjectCommits());
  return {
    workspace,
    eventName: 'workflow_dispatch',
    payload: workflowDispatchEvent({ owner: 'ada', repo: 'monorepo' }),
    repository: 'ada/monorepo',
    sha: 'b'.repeat(40),
    apiUrl,
    token,
  };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::name ...::message` workflow commands on stdout, as the runner would parse them. */
  commands: Array<{ name: string; props: string; message: string }>;
}

/** Parses GITHUB_OUTPUT as @actions/core writes it: `name<<DELIM\nvalue\nDELIM\n` per output. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing delimiter for ${name}`);
      out[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const j = lines[i].indexOf('=');
      out[lines[i].slice(0, j)] = lines[i].slice(j + 1);
    } else if (lines[i] !== '') {
      throw new Error(`GITHUB_OUTPUT: unexpected line ${JSON.stringify(lines[i])}`);
    }
  }
  return out;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** A signal the runner sends (as on a cancelled run) once the step's output contains `when`. */
export interface CancelAt {
  when: string;
  signal: NodeJS.Signals;
}

/** The files the runner gives a step (event payload, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) and its environment. */
export interface RunnerStep {
  dir: string;
  env: NodeJS.ProcessEnv;
  outputPath: string;
  summaryPath: string;
}

/**
 * Prepares a step as the runner does: a fresh folder (removed with the test file's temp folders) with the event payload
 * and empty output and summary files, and the environment: every input action.yml declares (`inputs` given, else its
 * default with `${{ github.workspace }}` / `${{ github.token }}` evaluated), the GITHUB_* context, RUNNER_TEMP, plus PATH
 * and HOME. An input action.yml does not declare is an error, as the runner's.
 */
export function runnerStep(actionDir: string, ctx: RunnerContext, inputs: Record<string, string> = {}): RunnerStep {
  const runnerDir = tmpDir('mlpa-run-');
  const eventPath = join(runnerDir, 'event.json');
  const outputPath = join(runnerDir, 'output.txt');
  const summaryPath = join(runnerDir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(ctx.payload, null, 2));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  mkdirSync(join(runnerDir, 'temp'));

  // The runner passes every declared input, defaults applied (expressions evaluated).
  const yml = actionYml(actionDir);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const [name, spec] of Object.entries(yml.inputs)) {
    const dflt = (spec.default ?? '')
      .replace('${{ github.workspace }}', ctx.workspace)
      .replace('${{ github.token }}', ctx.token);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = name in inputs ? inputs[name] : dflt;
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in yml.inputs)) throw new Error(`input ${name} is not declared in action.yml`);
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ctx.workspace,
    GITHUB_EVENT_NAME: ctx.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: ctx.repository,
    GITHUB_REPOSITORY_OWNER: ctx.repository.split('/')[0],
    GITHUB_SHA: ctx.sha,
    GITHUB_REF: ctx.eventName.startsWith('pull_request') ? 'refs/pull/7/merge' : 'refs/heads/main',
    GITHUB_ACTOR: 'ada',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'audit',
    GITHUB_ACTION: 'audit',
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_API_URL: ctx.apiUrl,
    GITHUB_GRAPHQL_URL: `${ctx.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_ENV: join(runnerDir, 'env.txt'),
    GITHUB_PATH: join(runnerDir, 'path.txt'),
    RUNNER_TEMP: join(runnerDir, 'temp'),
    RUNNER_OS: 'Linux',
  });
  Object.assign(env, ctx.env);
  return { dir: runnerDir, env, outputPath, summaryPath };
}

/** The `::name props::message` workflow commands in a step's stdout, as the runner parses them. */
export function workflowCommands(stdout: string): ActionRun['commands'] {
  return stdout
    .split(/\r?\n/)
    .map((l) => /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ name: m[1], props: m[2]?.trim() ?? '', message: unescapeData(m[3]) }));
}

/**
 * Runs the action in a fresh `node` process as the runner does (cwd = the workspace, the step's environment only).
 * For what only a real process proves: the bundle, the Node version (MLPA_ACTION_NODE), exit codes, signals, the
 * real @actions/core's files and commands. Behaviour is tested in process: test/helpers/action/in-process.ts.
 */
export async function runAction(actionDir: string, ctx: RunnerContext, inputs: Record<string, string> = {}, cancel?: CancelAt): Promise<ActionRun> {
  const { env, outputPath, summaryPath } = runnerStep(actionDir, ctx, inputs);
  const yml = actionYml(actionDir);

  // The runner runs the bundle with the Node version action.yml names (node24): .ci/run installs it from the npm
  // registry and names it in MLPA_ACTION_NODE; without it, this machine's Node runs the bundle.
  const node = process.env.MLPA_ACTION_NODE || process.execPath;
  const child = spawn(node, [join(actionDir, yml.runs.main)], { cwd: ctx.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    if (cancel && !sent && stdout.includes(cancel.when)) {
      sent = true;
      child.kill(cancel.signal);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const commands = workflowCommands(stdout);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    commands,
  };
}
