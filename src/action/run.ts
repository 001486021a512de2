import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { context as githubContext } from '@actions/github';
import { failureText } from '../errors.js';
import { logSafe } from '../report/escape.js';
import { redactor, secretPieces } from '../secrets.js';
import { TOOL_NAME } from '../version.js';
import type { EventContext } from './event.js';
import { envInputReader, readInputs, type ActionInputs } from './inputs.js';
import { cancelSignal } from './interrupt.js';
import { runPortfolio } from './portfolio.js';
import { runProject } from './project.js';

/**
 * The action: mask the token, read and validate the inputs, then run one of the two modes: a single project (the
 * workspace; project.ts) or a portfolio of repositories through the API, or a merge of shard reports (portfolio.ts).
 * Only bad inputs, an audit that cannot run, and a score under `fail-under` fail the step.
 */

interface ActionDeps {
  /** The runner's environment: INPUT_* (declared inputs, defaults applied), GITHUB_*, RUNNER_TEMP. */
  env: NodeJS.ProcessEnv;
  /** The workflow event: @actions/github's `context`. */
  context: EventContext;
  /** Aborted when the workflow run is cancelled (the runner's SIGINT / SIGTERM). */
  signal: AbortSignal;
}

/** The runner calls this with nothing: process.env, @actions/github's context, and the process's signals. */
export async function run(deps: Partial<ActionDeps> = {}): Promise<void> {
  const env = deps.env ?? process.env;
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
    const inputs: ActionInputs = readInputs(envInputReader(env), { workspace, tempDir });
    const signal = deps.signal ?? cancelSignal();
    if (inputs.repos.length || inputs.user || inputs.merge) await runPortfolio(inputs, env, redact, signal);
    else await runProject({ inputs, workspace, tempDir, env, context: deps.context ?? githubContext, signal, redact });
  } catch (e) {
    // A bad input, file or token (a UserError) and anything unexpected fail the step the way the CLI exits: "<tool>:
    // <what>: message (hint)".
    core.setFailed(`${TOOL_NAME}: ${logSafe(redact(failureText(e)), 2000)}`);
  }
}
