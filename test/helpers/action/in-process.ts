import * as core from '@actions/core';
import { run } from '../../../src/action/run.js';
import type { EventContext } from '../../../src/action/event.js';
import { ROOT, runnerStep, workflowCommands, type ActionRun, type RunnerContext } from '../fake-github/runner.js';
import type * as fakeCore from './core.js';

/**
 * Runs the Action's `run()` in the test's own process, with what the runner would give it: the step's environment
 * (every input action.yml declares, defaults applied; GITHUB_*, RUNNER_TEMP; test/helpers/fake-github/runner.ts
 * `runnerStep`), @actions/github's `context` made from the same real webhook payload, and a cancel signal. @actions/core
 * is the fake in ./core.ts, so the result has the same shape as a subprocess run (`runAction`): the stdout lines and
 * workflow commands the real module would print, the outputs, the job summary, and `code` 1 when the step failed.
 *
 * The fake is in place of @actions/core in every test file of the `shared` project (test/setup-action-core.ts); it
 * records from the start of the run to its end, and passes calls to the real module otherwise. What is written to
 * process.stdout during the run (the Action's dependencies log through the real module they load from node_modules)
 * is recorded with it, in order.
 *
 * Use it for the Action's behaviour; keep subprocess runs of dist/ (`runAction`) for what only a real process proves.
 */

/** @actions/github's context for a runner context: the payload, event name, commit and repository it names. */
export function eventContext(ctx: Pick<RunnerContext, 'eventName' | 'payload' | 'sha' | 'repository'>): EventContext {
  const [owner, repo] = ctx.repository.split('/');
  return {
    eventName: ctx.eventName,
    sha: ctx.sha,
    payload: structuredClone(ctx.payload) as EventContext['payload'],
    repo: { owner, repo },
  };
}

export interface InProcessOptions {
  /** Cancel the run (as the runner's SIGINT does) once a line of the log contains this. */
  cancelWhen?: string;
  /** Extra environment variables for the step (or `undefined` to remove one the runner would set). */
  env?: Record<string, string | undefined>;
  /** The event context, when a test needs one that does not match `ctx` (e.g. no repository at all). */
  context?: EventContext;
}

export async function runInProcess(ctx: RunnerContext, inputs: Record<string, string> = {}, opts: InProcessOptions = {}): Promise<ActionRun> {
  const fake = core as unknown as typeof fakeCore;
  if (!fake.__fake) {
    throw new Error('runInProcess needs the fake @actions/core: test/setup-action-core.ts in the setup files of the project (vitest.config.ts)');
  }
  const step = runnerStep(ROOT, ctx, inputs);
  const env = { ...step.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const controller = new AbortController();
  const record = fake.startRecording((line) => {
    if (opts.cancelWhen && !controller.signal.aborted && line.includes(opts.cancelWhen)) {
      controller.abort(new Error('the workflow run was cancelled (SIGINT)'));
    }
  });
  // @actions/artifact reads the runner's variables from process.env, not from the env the Action is given: the context's
  // extra variables (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, …) are set there for the run, then put back.
  const saved = Object.keys(ctx.env ?? {}).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, ctx.env);
  // What the Action's dependencies write to stdout through their own copy of the real @actions/core is the step's log
  // too: recorded in order with the fake's lines, not printed.
  const realWrite = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    fake.recordStdout(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    await run({ env, context: opts.context ?? eventContext(ctx), signal: controller.signal });
  } finally {
    process.stdout.write = realWrite;
    fake.flushStdout();
    fake.stopRecording();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const stdout = record.lines.map((l) => `${l}\n`).join('');
  return { code: record.failed ? 1 : 0, stdout, stderr: '', outputs: { ...record.outputs }, summary: record.summary, commands: workflowCommands(stdout) };
}
