import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { renderMarkdown } from '../report/markdown.js';
import { renderText, type TextOptions } from '../report/text.js';
import { renderBadge } from '../report/badge.js';
import { renderSarif } from '../report/sarif.js';
import { renderHtml } from '../report/html.js';
import { logSafe } from '../report/escape.js';
import { isAudited, type AuditedRepoReport, type NotAuditedRepoReport, type Report } from '../report/types.js';
import { failureText } from '../errors.js';
import { DEFAULT_MAX_REPOS, runAudit } from '../audit-run.js';
import { INTERRUPTED_REASON } from '../run.js';
import { gateOf, type Gate } from '../report/configured.js';
import { formatProgress } from '../report/progress.js';
import { mergeReports, parseReport, ShardError } from '../shard.js';
import { checkToken } from '../secrets.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { PhaseTimer } from '../timings.js';
import { explainRule, loadRules, rulesTable } from './rules-commands.js';

const EXIT_OK = 0;
const EXIT_BELOW_THRESHOLD = 1;
const EXIT_INPUT_ERROR = 2;

const EXIT_SIGINT = 130;
const EXIT_SIGTERM = 143;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is a terminal (progress lines). */
  isTTY?: boolean;
  /** True when stdout is a terminal: the text report is coloured (unless NO_COLOR) and wrapped to `columns`. */
  stdoutTTY?: boolean;
  /** The terminal's width (default 100). */
  columns?: number;
  /** Resolves once what was written to stdout has been handed to the OS (a reader that does not read keeps it waiting). */
  stdoutWritten?: () => Promise<void>;
}

const defaultIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY,
  stdoutTTY: process.stdout.isTTY,
  columns: process.stdout.columns,
  // An empty write's callback comes after every earlier write is out (or failed: a closed pipe, see quietOnClosedPipe).
  stdoutWritten: () => new Promise((resolve) => void process.stdout.write('', () => resolve())),
};

/**
 * A closed pipe (`| head`) ends the run quietly with exit 0: the reader has all it wanted. Other stdout errors are
 * thrown as before. Called once by the executable (src/cli.ts).
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(EXIT_OK);
    else throw e;
  });
}

function parseScore(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100.');
  return n;
}

function parseDate(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO date such as 2026-01-31.');
  return d;
}

/** Output formats of the audit and of `merge`. */
const FORMATS = ['text', 'markdown', 'json', 'sarif', 'badge', 'html'] as const;

function render(report: Report, format: string, text: TextOptions = {}, untrusted = false): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'sarif') return renderSarif(report);
  if (format === 'badge') return renderBadge(report);
  if (format === 'html') return renderHtml(report);
  if (format === 'markdown') return renderMarkdown(report, { untrusted });
  return renderText(report, text);
}

/** The format an output file's extension asks for (`-o report.json` without `-f`); undefined for other names. */
export function formatOfFile(file: string): string | undefined {
  const f = file.toLowerCase();
  if (f.endsWith('.sarif') || f.endsWith('.sarif.json')) return 'sarif';
  const ext = extname(f);
  return ({ '.json': 'json', '.md': 'markdown', '.markdown': 'markdown', '.svg': 'badge', '.html': 'html', '.htm': 'html', '.txt': 'text' } as Record<string, string>)[ext];
}

/**
 * The output format: -f when given, else the one the -o extension names, else text. A -f that contradicts the
 * extension (`-f json -o report.md`) is a usage error, as is an extension naming a format this build does not write.
 */
export function resolveFormat(format: string | undefined, output: string | undefined): { format: string } | { error: string } {
  const byExt = output ? formatOfFile(output) : undefined;
  if (format && byExt && format !== byExt) {
    return { error: `--format ${format} does not match the output file ${output} (its extension means ${byExt}): drop -f, or name the file for ${format}` };
  }
  const chosen = format ?? byExt ?? 'text';
  if (!(FORMATS as readonly string[]).includes(chosen)) return { error: `${output} asks for ${chosen} output, which this version does not write (formats: ${FORMATS.join(', ')}); pass -f` };
  return { format: chosen };
}

/** Colour on when FORCE_COLOR asks (not "0" or "false"), else off under NO_COLOR or TERM=dumb, else on a terminal. */
export function useColour(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return !!isTTY;
}

interface AuditOpts {
  format?: string;
  verbose?: boolean;
  output?: string;
  config?: string;
  repoConfig?: boolean;
  failUnder?: number;
  rules?: string;
  quiet?: boolean;
  now?: Date;
  user?: string;
  maxRepos?: number;
  token?: string;
  apiUrl?: string;
  shard?: string;
  concurrency?: number;
  timeBudget?: number;
  repoTimeout?: number;
  timings?: boolean;
}

function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/** Writes the report to --output or stdout. Returns false (after saying why) when the file cannot be written. */
function emit(out: string, opts: { output?: string; quiet?: boolean }, io: CliIO): boolean {
  if (!opts.output) {
    io.stdout(out);
    return true;
  }
  try {
    // A folder that does not exist yet is made, as `-o reports/today.md` suggests.
    mkdirSync(dirname(resolve(opts.output)), { recursive: true });
    writeFileSync(opts.output, out);
  } catch (e) {
    // The audit is done: it is not lost to a bad output path.
    io.stderr(`${TOOL_NAME}: cannot write ${opts.output} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the report follows on stdout\n`);
    io.stdout(out);
    return false;
  }
  if (!opts.quiet) io.stderr(`report written to ${opts.output}\n`);
  return true;
}

function usageError(message: string, io: CliIO): number {
  io.stderr(`${TOOL_NAME}: error: ${message}\n`);
  return EXIT_INPUT_ERROR;
}

const FORMAT_HELP = 'output format (default: from the -o extension, else text; sarif: SARIF 2.1.0 for code scanning; badge: an SVG badge; html: one self-contained page)';

/** The text report's look: colour and width follow the terminal when it goes to stdout; a file gets plain 100 columns. */
function textOptions(opts: { output?: string; verbose?: boolean }, io: CliIO, env: NodeJS.ProcessEnv): TextOptions {
  const toTerminal = !opts.output;
  const cols = Number(env.COLUMNS);
  const width = toTerminal && io.stdoutTTY ? (io.columns ?? (Number.isInteger(cols) && cols > 0 ? cols : 100)) : 100;
  return { verbose: !!opts.verbose, colour: toTerminal && useColour(env, io.stdoutTTY), width };
}

/** A failure that stops the command: "<tool>: <what>: message (hint)", the way the Action fails its step (failureText). */
function inputError(e: unknown, io: CliIO): number {
  io.stderr(`${TOOL_NAME}: ${logSafe(failureText(e), 2000)}\n`);
  return EXIT_INPUT_ERROR;
}

/**
 * Exit code for a finished report: 2 when a repo could not be audited, 1 below a threshold, else 0. The threshold is
 * the one the report recorded for each repo (--fail-under; else `fail-under` in --config; else in a repo's own
 * config, which can set a bar only where the caller set none), or merge's --fail-under. It gates the
 * standard score, or the score under --config when that file made one: a repo's own config never moves the gate.
 */
function exitCodeOf(report: Report, io: CliIO, gate: (r: AuditedRepoReport) => Gate | undefined = (r) => gateOf(r)): number {
  const failed = report.repos.filter((r): r is NotAuditedRepoReport => r.status === 'error');
  for (const r of failed) io.stderr(`${TOOL_NAME}: ${logSafe(r.repo)}: ${logSafe(r.reason)}\n`);
  if (failed.length) return EXIT_INPUT_ERROR;
  let below = 0;
  for (const r of report.repos) {
    const t = isAudited(r) ? gate(r) : undefined;
    if (t && t.score < t.value) {
      below++;
      const which = t.gates === 'configured' ? ` (${t.label})` : '';
      io.stderr(`${TOOL_NAME}: ${logSafe(r.repo)} scores ${t.score}${logSafe(which)}, below ${logSafe(t.from)} ${t.value}\n`);
    }
  }
  return below ? EXIT_BELOW_THRESHOLD : EXIT_OK;
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIO = defaultIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let result: Promise<number> = Promise.resolve(EXIT_OK);
  const program = new Command()
    .name(TOOL_NAME)
    .description(
      'Audit machine-learning project repositories the way a hiring manager reads them:\n' +
        'score 0-100, grade, the five pipeline stages, and the fixes worth most points.',
    )
    .version(TOOL_VERSION, '-v, --version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .argument('[targets...]', 'local folders, owner/name[@ref] or GitHub URLs (default: the current folder)')
    .addOption(new Option('-f, --format <format>', FORMAT_HELP).choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout (its extension sets the format when -f is not given)')
    .option('--verbose', 'text report: also list the rules that pass, with their evidence')
    .option('-c, --config <file>', 'config file for every repo: adds a configured score beside the standard one (and its fail-under)')
    .option('--repo-config', "also apply the own .ml-portfolio-audit.yml of repos read through the API (default: local folders only), to a separate configured score")
    .option('--no-repo-config', "never apply a repo's own .ml-portfolio-audit.yml")
    .option('--fail-under <score>', 'exit 1 when any audited repo scores below this (0-100)', parseScore)
    .option('-u, --user <name>', "also audit this GitHub user's public repositories (forks are listed, not scored)")
    .option('--max-repos <n>', `at most this many of the user's repositories, most recently pushed first (default ${DEFAULT_MAX_REPOS})`, parseCount)
    .option('--token <token>', 'GitHub token for remote targets (default: $GITHUB_TOKEN)')
    .option('--api-url <url>', 'GitHub API URL, for GitHub Enterprise Server: https://HOST/api/v3 (default: $GITHUB_API_URL or github.com)')
    .option('--shard <i/n>', 'audit only shard i of n of the target list (split a long list across jobs; see `merge`)')
    .option('--concurrency <n>', 'GitHub repositories audited at once (default 16)', parseCount)
    .option('--time-budget <seconds>', 'stop starting new repos after this long; the rest are reported as skipped', parseCount)
    .option('--repo-timeout <seconds>', 'each repository\'s time limit (default 120): a GitHub fetch past it is an error, an audit past it is stopped and reported partial; the others go on', parseCount)
    .option('--rules <dir>', 'use rules from this folder instead of the shipped ones')
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('--timings', 'print on stderr where the time went: start-up, audit and its phases, output (and CPU time, peak memory)')
    .addOption(new Option('--now <date>', 'treat this as the current date (reproducible recency rules)').argParser(parseDate).hideHelp())
    .addHelpText(
      'after',
      `
Exit codes:
  0  audited; every repo scores at or above --fail-under (if given)
  1  a repo scores below --fail-under
  2  usage or input error (bad option, missing path, invalid repo name, broken
     config or rule file); the report still lists every repo that was audited
  130, 143  interrupted (Ctrl-C, SIGTERM): the repos that finished are written,
     the report says how many were not audited; a second signal quits at once

Examples:
  $ ${TOOL_NAME}                         audit the current folder
  $ ${TOOL_NAME} ~/code/churn-model ~/code/cv-demo --format markdown -o report.md
  $ ${TOOL_NAME} octocat/churn-radar octocat/cv-demo@main --format json
  $ GITHUB_TOKEN=... ${TOOL_NAME} --user octocat --max-repos 20
  $ ${TOOL_NAME} --user octocat --shard 2/4 --format json -o shard-2.json
  $ ${TOOL_NAME} merge shard-*.json --format markdown
  $ ${TOOL_NAME} rules                   the rules: id, category, weight, cap, title
  $ ${TOOL_NAME} explain stage-data      one rule: guide, examples, params, fix
  $ ${TOOL_NAME} --format sarif -o ml-audit.sarif   findings for GitHub code scanning
  $ ${TOOL_NAME} --format badge -o badge.svg        score and grade as an SVG badge
  $ ${TOOL_NAME} --format html -o report.html       one self-contained page to link from a CV`,
    )
    .action((targets: string[], opts: AuditOpts) => {
      result = runAuditCommand(targets, opts, io, env);
    });

  program
    .command('merge')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .description("merge the JSON reports of several shards (--shard i/n) into one portfolio report")
    .argument('<reports...>', 'JSON report files written with --format json')
    .addOption(new Option('-f, --format <format>', FORMAT_HELP).choices(FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout (its extension sets the format when -f is not given)')
    .option('--verbose', 'text report: also list the rules that pass, with their evidence')
    .option('--fail-under <score>', 'exit 1 when any repo scores below this (0-100)', parseScore)
    .option('-q, --quiet', 'no messages on stderr')
    .action((files: string[], opts: { format?: string; output?: string; failUnder?: number; quiet?: boolean; verbose?: boolean }) => {
      result = (async () => {
        const format = resolveFormat(opts.format, opts.output);
        if ('error' in format) return usageError(format.error, io);
        let report: Report;
        try {
          report = mergeReports(files.map((f) => parseReport(readReportFile(f), f)));
        } catch (e) {
          return inputError(e, io);
        }
        // Shard reports are files anyone could have edited: rendered as audited text.
        if (!emit(render(report, format.format, textOptions(opts, io, env), true), opts, io)) return EXIT_INPUT_ERROR;
        // Only --fail-under here: the shards' own thresholds were their jobs' to apply.
        const flag = opts.failUnder;
        return exitCodeOf(report, io, flag === undefined ? () => undefined : (r) => gateOf(r, { value: flag, from: '--fail-under' }));
      })();
    });

  program
    .command('rules')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .description('list the rules: id, category, weight, cap, title (`explain <rule-id>` for one rule)')
    .option('--rules <dir>', 'use rules from this folder instead of the shipped ones')
    .action((opts: { rules?: string }) => {
      try {
        io.stdout(rulesTable(loadRules(opts.rules)));
      } catch (e) {
        result = Promise.resolve(inputError(e, io));
      }
    });

  program
    .command('explain')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .description("one rule's page: the guide it enforces, what passes and fails, its parameters and the fix")
    .argument('<rule-id>', 'a rule id, as `rules` lists them')
    .option('--rules <dir>', 'use rules from this folder instead of the shipped ones')
    .action((id: string, opts: { rules?: string }) => {
      try {
        const r = explainRule(loadRules(opts.rules), id);
        if (r.ok) io.stdout(r.text);
        else {
          io.stderr(`${TOOL_NAME}: ${r.text}\n`);
          result = Promise.resolve(EXIT_INPUT_ERROR);
        }
      } catch (e) {
        result = Promise.resolve(inputError(e, io));
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT_ERROR;
    throw e;
  }
  return result;
}

function readReportFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ShardError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 'Give the path of a JSON report.');
  }
}

/**
 * Ctrl-C and SIGTERM during an audit: the first stops new repos from starting and the audits under way (reported
 * partial, with the rules that ran), and the report of what finished is written, marked as interrupted; a second
 * quits at once, until the report has been handed to the OS (runAuditCommand waits for stdout).
 */
function interruptOnSignals(io: CliIO): { signal: AbortSignal; received: () => NodeJS.Signals | undefined; dispose: () => void } {
  const ac = new AbortController();
  let got: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals): void => {
    if (got) {
      io.stderr(`${TOOL_NAME}: ${sig} again: quitting without a report\n`);
      process.exit(sig === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT);
    }
    got = sig;
    io.stderr(`${TOOL_NAME}: ${sig}: no new repos are started and the audits under way are stopped; the report of what finished follows (${sig === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to quit now)\n`);
    ac.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: ac.signal,
    received: () => got,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** Resolves after the event loop has polled for I/O (and signals) at least once: two turns of its check phase. */
function afterNextPoll(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

async function runAuditCommand(targets: string[], opts: AuditOpts, io: CliIO, env: NodeJS.ProcessEnv): Promise<number> {
  if (opts.maxRepos !== undefined && !opts.user) return usageError('--max-repos limits the repositories of --user: give --user <name> too', io);
  const format = resolveFormat(opts.format, opts.output);
  if ('error' in format) return usageError(format.error, io);
  const signals = interruptOnSignals(io);
  try {
    const code = await auditAndWrite(targets, opts, format.format, io, env, signals);
    // The signals are handled until the report is out: a second one quits at once also while a slow reader takes it.
    await io.stdoutWritten?.();
    return code;
  } finally {
    signals.dispose();
  }
}

async function auditAndWrite(
  targets: string[],
  opts: AuditOpts,
  format: string,
  io: CliIO,
  env: NodeJS.ProcessEnv,
  signals: ReturnType<typeof interruptOnSignals>,
): Promise<number> {
  const list = targets.length || opts.user ? targets : ['.'];
  const progress = !opts.quiet && (list.length > 1 || Boolean(opts.user));
  // performance.now() counts from the start of the process: until here, Node start-up, loading the code, parsing argv.
  const started = performance.now();
  const timer = opts.timings ? new PhaseTimer() : undefined;
  let report: Report;
  try {
    // A line break inside the token is an input error that does not print it (one trailing line break is dropped).
    const token = checkToken(opts.token ?? env.GITHUB_TOKEN, opts.token !== undefined ? '--token' : 'GITHUB_TOKEN');
    report = await runAudit({
      targets: list,
      user: opts.user,
      maxRepos: opts.maxRepos,
      shard: opts.shard,
      token,
      apiUrl: opts.apiUrl,
      configFile: opts.config,
      repoConfig: opts.repoConfig,
      ...(opts.failUnder !== undefined ? { failUnder: { value: opts.failUnder, from: '--fail-under' } } : {}),
      rulesDir: opts.rules,
      now: opts.now,
      concurrency: opts.concurrency,
      timeBudgetMs: opts.timeBudget !== undefined ? opts.timeBudget * 1000 : undefined,
      repoTimeoutMs: opts.repoTimeout !== undefined ? opts.repoTimeout * 1000 : undefined,
      onProgress: progress ? (e) => io.stderr(formatProgress(e) + '\n') : undefined,
      onInfo: opts.quiet ? undefined : (m) => io.stderr(`${logSafe(m)}\n`),
      timer,
      signal: signals.signal,
    });
  } catch (e) {
    return inputError(e, io);
  }
  const audited = performance.now();
  // A signal that came while this thread was busy (stopping the audits under way: no I/O in between) waits in the
  // event loop until its next poll; without one before the handlers go it is lost, and a second signal did nothing.
  await afterNextPoll();
  const sig = signals.received();
  if (sig) markInterrupted(report, sig);
  const written = emit(render(report, format, textOptions(opts, io, env)), opts, io);
  if (opts.timings) {
    const ms = (x: number): number => Math.round(x);
    const cpu = process.cpuUsage();
    const t = {
      startupMs: ms(started),
      auditMs: ms(audited - started),
      outputMs: ms(performance.now() - audited),
      // CPU time of this process since it started, all of Node's threads (JIT compilers and GC helpers too); the git
      // processes it starts are not counted.
      cpuMs: ms((cpu.user + cpu.system) / 1000),
      peakRssMb: ms(process.resourceUsage().maxRSS / 1024),
      phasesMs: timer!.toJSON(),
    };
    io.stderr(`timings: ${JSON.stringify(t)}\n`);
  }
  if (report.interrupted) io.stderr(`${TOOL_NAME}: ${report.interrupted.message}\n`);
  if (sig) return sig === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
  if (!written) return EXIT_INPUT_ERROR;
  return exitCodeOf(report, io);
}

/** Marks a report cut short by a signal: how many repos were not audited, out of how many. */
function markInterrupted(report: Report, signal: NodeJS.Signals): void {
  const notAudited = report.repos.filter((r) => r.status === 'skipped' && r.reason === INTERRUPTED_REASON).length;
  const total = report.repos.length;
  report.interrupted = { signal, notAudited, total, message: `run interrupted: ${notAudited} of ${total} repos not audited` };
}
