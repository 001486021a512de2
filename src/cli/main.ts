import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { renderBadge } from '../report/badge.js';
import { renderSarif } from '../report/sarif.js';
import { renderHtml } from '../report/html.js';
import { logSafe } from '../report/escape.js';
import type { Report } from '../report/types.js';
import { InputFileError } from '../rules/validate.js';
import { describeError } from '../report/build.js';
import { DEFAULT_MAX_REPOS, runAudit } from '../audit-run.js';
import { gateOf, type Gate } from '../report/configured.js';
import { formatProgress } from '../report/progress.js';
import { mergeReports, parseReport, ShardError } from '../shard.js';
import { checkToken } from '../secrets.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { PhaseTimer } from '../timings.js';
import { explainRule, loadRules, rulesTable } from './rules-commands.js';

export const EXIT_OK = 0;
export const EXIT_BELOW_THRESHOLD = 1;
export const EXIT_INPUT_ERROR = 2;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is a terminal (progress lines). */
  isTTY?: boolean;
}

const defaultIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY,
};

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
export const FORMATS = ['text', 'markdown', 'json', 'sarif', 'badge', 'html'] as const;

export function render(report: Report, format: string, untrusted = false): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'sarif') return renderSarif(report);
  if (format === 'badge') return renderBadge(report);
  if (format === 'html') return renderHtml(report);
  if (format === 'markdown') return renderMarkdown(report, { untrusted });
  return renderText(report);
}

interface AuditOpts {
  format: string;
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

function inputError(e: unknown, io: CliIO): number {
  const what = e instanceof InputFileError ? 'invalid file' : 'error';
  io.stderr(`${TOOL_NAME}: ${what}: ${logSafe(describeError(e), 2000)}\n`);
  return EXIT_INPUT_ERROR;
}

/**
 * Exit code for a finished report: 2 when a repo could not be audited, 1 below a threshold, else 0. The threshold is
 * the one the report recorded for each repo (--fail-under; else `fail-under` in --config; else in a repo's own
 * config, which can set a bar only where the caller set none), or merge's --fail-under. It gates the
 * standard score, or the score under --config when that file made one: a repo's own config never moves the gate.
 */
function exitCodeOf(report: Report, io: CliIO, gate: (r: Report['repos'][number]) => Gate | undefined = (r) => gateOf(r)): number {
  const failed = report.repos.filter((r) => r.status === 'error');
  for (const r of failed) io.stderr(`${TOOL_NAME}: ${logSafe(r.repo)}: ${logSafe(r.error ?? '')}\n`);
  if (failed.length) return EXIT_INPUT_ERROR;
  let below = 0;
  for (const r of report.repos) {
    const t = r.status === 'ok' || r.status === 'partial' ? gate(r) : undefined;
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
    .addOption(new Option('-f, --format <format>', 'output format (sarif: SARIF 2.1.0 for code scanning; badge: an SVG badge; html: one self-contained page)').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
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
    .option('--repo-timeout <seconds>', 'give up on one GitHub repository after this long (an error for it, the others go on; default 120)', parseCount)
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
    .addOption(new Option('-f, --format <format>', 'output format (sarif: SARIF 2.1.0 for code scanning; badge: an SVG badge; html: one self-contained page)').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <score>', 'exit 1 when any repo scores below this (0-100)', parseScore)
    .option('-q, --quiet', 'no messages on stderr')
    .action((files: string[], opts: { format: string; output?: string; failUnder?: number; quiet?: boolean }) => {
      result = (async () => {
        let report: Report;
        try {
          report = mergeReports(files.map((f) => parseReport(readReportFile(f), f)));
        } catch (e) {
          return inputError(e, io);
        }
        // Shard reports are files anyone could have edited: rendered as audited text.
        if (!emit(render(report, opts.format, true), opts, io)) return EXIT_INPUT_ERROR;
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

async function runAuditCommand(targets: string[], opts: AuditOpts, io: CliIO, env: NodeJS.ProcessEnv): Promise<number> {
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
    });
  } catch (e) {
    return inputError(e, io);
  }
  const audited = performance.now();
  const written = emit(render(report, opts.format), opts, io);
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
  if (!written) return EXIT_INPUT_ERROR;
  return exitCodeOf(report, io);
}
