import type * as real from '@actions/core';

/**
 * A stand-in for `@actions/core` (actions/typescript-action's `__fixtures__/core.ts` pattern), so the Action's `run()`
 * can be tested in the test's own process. test/setup-action-core.ts puts it in place of @actions/core for every test
 * file of the `shared` project, passing every call to the real module except during a recording. During one it records what the real module would print and write, in the runner's own formats: each log line and workflow
 * command (`::warning file=…,line=…::message`, `::add-mask::…`, `::group::…`) as the real module writes it to stdout,
 * the outputs (what GITHUB_OUTPUT would hold), the job summary (what GITHUB_STEP_SUMMARY would receive) and whether the
 * step failed (`setFailed`: the real module's process.exitCode = 1). `startRecording()` starts a fresh record;
 * test/helpers/action/in-process.ts does that for each run. Reading inputs is not faked: the Action reads its inputs
 * from the environment it is given (`INPUT_*`), as the runner sets them.
 */

export const __fake = true;

export interface CoreRecord {
  /** stdout as the real module writes it, one entry per line. */
  lines: string[];
  outputs: Record<string, string>;
  summary: string;
  failed: boolean;
  /** Called with each line as it is written (e.g. to cancel a run at a given point). */
  onLine?: (line: string) => void;
}

let record: CoreRecord = { lines: [], outputs: {}, summary: '', failed: false };

/**
 * The real module, when this fake stands in for @actions/core in every test file of a worker
 * (test/setup-action-core.ts): outside a recording (from `startRecording()` to `stopRecording()`, i.e. outside
 * `runInProcess`) every call goes to it, so a test of a module that uses @actions/core sees the real one (its stdout,
 * GITHUB_OUTPUT, the job summary file). Without it (a file that mocks @actions/core itself) the fake always records.
 */
let actual: typeof real | undefined;
let recording = false;

export function passThroughTo(module: typeof real): void {
  actual = module;
}

export function startRecording(onLine?: (line: string) => void): CoreRecord {
  record = { lines: [], outputs: {}, summary: '', failed: false, ...(onLine ? { onLine } : {}) };
  recording = true;
  return record;
}

/** Ends the recording: with a real module to pass to, calls go to it again. */
export function stopRecording(): void {
  recording = false;
}

/** The real module when calls go to it, else undefined (the fake records). */
const through = (): typeof real | undefined => (recording ? undefined : actual);

type Fn = (...args: never[]) => unknown;
/** `fake`, or the real module's function of that name outside a recording. */
function passing<K extends keyof typeof real>(name: K, fake: (typeof real)[K] & Fn): (typeof real)[K] {
  return ((...args: never[]) => {
    const a = through();
    return a ? (a[name] as Fn)(...args) : fake(...args);
  }) as (typeof real)[K];
}

// ---- The runner's command format, as @actions/core writes it (lib/command.js, lib/utils.js).
const toCommandValue = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' || v instanceof String ? String(v) : JSON.stringify(v));
const escapeData = (v: unknown): string => toCommandValue(v).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (v: unknown): string => escapeData(v).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: string, props: Record<string, unknown>, message: unknown): string {
  const p = Object.entries(props)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${name}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

let pending = '';
/**
 * Text written straight to process.stdout during a recording (the real @actions/core that the Action's dependencies
 * load from node_modules — @actions/artifact's log lines and `::debug::` commands — writes there), split into lines as
 * the runner splits the step's output; a line not yet ended waits for the rest (`flushStdout` at the end of the run).
 */
export function recordStdout(text: string): void {
  const parts = (pending + text).split(/\r?\n/);
  pending = parts.pop()!;
  for (const line of parts) {
    record.lines.push(line);
    record.onLine?.(line);
  }
}

/** Ends the text written to stdout during the recording: a last line without a line break is a line too. */
export function flushStdout(): void {
  if (pending) recordStdout('\n');
  pending = '';
}

function write(text: string): void {
  // os.EOL-terminated writes; a message with line breaks is several lines of stdout.
  for (const line of text.split(/\r?\n/)) {
    record.lines.push(line);
    record.onLine?.(line);
  }
}

const annotation = (p: real.AnnotationProperties = {}): Record<string, unknown> =>
  Object.keys(p).length ? { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn } : {};
const text = (m: string | Error): string => (m instanceof Error ? m.toString() : m);

export const info = passing('info', (message: string) => write(message));
export const debug = passing('debug', (message: string) => write(command('debug', {}, message)));
export const notice = passing('notice', (message: string | Error, props?: real.AnnotationProperties) => write(command('notice', annotation(props), text(message))));
export const warning = passing('warning', (message: string | Error, props?: real.AnnotationProperties) => write(command('warning', annotation(props), text(message))));
export const error = passing('error', (message: string | Error, props?: real.AnnotationProperties) => write(command('error', annotation(props), text(message))));
export const setFailed = passing('setFailed', (message: string | Error) => {
  record.failed = true;
  error(message);
});
export const setSecret = passing('setSecret', (secret: string) => write(command('add-mask', {}, secret)));
export const setOutput = passing('setOutput', (name: string, value: unknown) => {
  record.outputs[name] = toCommandValue(value);
});
export const startGroup = passing('startGroup', (name: string) => write(command('group', {}, name)));
export const endGroup = passing('endGroup', () => write(command('endgroup', {}, '')));
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name);
  try {
    return await fn();
  } finally {
    endGroup();
  }
}
export const isDebug = passing('isDebug', () => false);

/** The job summary: `addRaw(...)` buffers, `write()` appends the buffer to what GITHUB_STEP_SUMMARY would hold. */
class FakeSummary {
  private buffer = '';
  addRaw(text: string, addEOL = false): this {
    const a = through();
    if (a) a.summary.addRaw(text, addEOL);
    else this.buffer += text + (addEOL ? '\n' : '');
    return this;
  }
  addEOL(): this {
    return this.addRaw('\n');
  }
  async write(options?: { overwrite?: boolean }): Promise<this> {
    const a = through();
    if (a) {
      await a.summary.write(options);
      return this;
    }
    record.summary = (options?.overwrite ? '' : record.summary) + this.buffer;
    this.buffer = '';
    return this;
  }
  stringify(): string {
    return through()?.summary.stringify() ?? this.buffer;
  }
  isEmptyBuffer(): boolean {
    return through()?.summary.isEmptyBuffer() ?? this.buffer.length === 0;
  }
  emptyBuffer(): this {
    const a = through();
    if (a) a.summary.emptyBuffer();
    else this.buffer = '';
    return this;
  }
}
export const summary = new FakeSummary();
