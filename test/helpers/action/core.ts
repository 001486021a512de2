import type * as real from '@actions/core';

/**
 * A stand-in for `@actions/core` (actions/typescript-action's `__fixtures__/core.ts` pattern), so the Action's `run()`
 * can be tested in the test's own process. Use it with, at the top of the test file:
 *
 *   vi.mock('@actions/core', () => import('../helpers/action/core.js'));
 *
 * It records what the real module would print and write, in the runner's own formats: each log line and workflow
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

export function startRecording(onLine?: (line: string) => void): CoreRecord {
  record = { lines: [], outputs: {}, summary: '', failed: false, ...(onLine ? { onLine } : {}) };
  return record;
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

export const info: typeof real.info = (message) => write(message);
export const debug: typeof real.debug = (message) => write(command('debug', {}, message));
export const notice: typeof real.notice = (message, props) => write(command('notice', annotation(props), text(message)));
export const warning: typeof real.warning = (message, props) => write(command('warning', annotation(props), text(message)));
export const error: typeof real.error = (message, props) => write(command('error', annotation(props), text(message)));
export const setFailed: typeof real.setFailed = (message) => {
  record.failed = true;
  error(message);
};
export const setSecret: typeof real.setSecret = (secret) => write(command('add-mask', {}, secret));
export const setOutput: typeof real.setOutput = (name, value) => {
  record.outputs[name] = toCommandValue(value);
};
export const startGroup: typeof real.startGroup = (name) => write(command('group', {}, name));
export const endGroup: typeof real.endGroup = () => write(command('endgroup', {}, ''));
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name);
  try {
    return await fn();
  } finally {
    endGroup();
  }
}
export const isDebug: typeof real.isDebug = () => false;

/** The job summary: `addRaw(...)` buffers, `write()` appends the buffer to what GITHUB_STEP_SUMMARY would hold. */
class FakeSummary {
  private buffer = '';
  addRaw(text: string, addEOL = false): this {
    this.buffer += text + (addEOL ? '\n' : '');
    return this;
  }
  addEOL(): this {
    return this.addRaw('\n');
  }
  async write(options?: { overwrite?: boolean }): Promise<this> {
    record.summary = (options?.overwrite ? '' : record.summary) + this.buffer;
    this.buffer = '';
    return this;
  }
  stringify(): string {
    return this.buffer;
  }
  isEmptyBuffer(): boolean {
    return this.buffer.length === 0;
  }
  emptyBuffer(): this {
    this.buffer = '';
    return this;
  }
}
export const summary = new FakeSummary();
