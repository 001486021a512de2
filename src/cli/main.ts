import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { logSafe } from '../report/escape.js';
import type { Report } from '../report/types.js';
import { InputFileError } from '../rules/validate.js';
import { auditTargets, describeError } from '../run.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

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

export function render(report: Report, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report);
}

/** Runs the CLI with `argv` (without node and script). Returns the exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const program = new Command()
    .name(TOOL_NAME)
    .description(
      'Audit machine-learning project repositories the way a hiring manager reads them:\n' +
        'score 0-100, grade, the five pipeline stages, and the fixes worth most points.',
    )
    .version(TOOL_VERSION, '-v, --version')
    .argument('[paths...]', 'local repositories or folders to audit', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', "config file for every repo (default: each repo's own .ml-portfolio-audit.yml)")
    .option('--fail-under <score>', 'exit 1 when any audited repo scores below this (0-100)', parseScore)
    .option('--rules <dir>', 'use rules from this folder instead of the shipped ones')
    .option('-q, --quiet', 'no progress lines on stderr')
    .addOption(new Option('--now <date>', 'treat this as the current date (reproducible recency rules)').argParser(parseDate).hideHelp())
    .addHelpText(
      'after',
      `
Exit codes:
  0  audited; every repo scores at or above --fail-under (if given)
  1  a score is below --fail-under
  2  usage or input error (bad option, missing path, broken config or rule file);
     the report still lists every repo that could be audited

Examples:
  $ ${TOOL_NAME}                         audit the current folder
  $ ${TOOL_NAME} ~/code/churn-model ~/code/cv-demo --format markdown -o report.md
  $ ${TOOL_NAME} . --format json --fail-under 60`,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT_ERROR;
    throw e;
  }
  const opts = program.opts<{ format: string; output?: string; config?: string; failUnder?: number; rules?: string; quiet?: boolean; now?: Date }>();
  const targets = program.processedArgs[0] as string[];
  const progress = !opts.quiet && targets.length > 1;

  let report: Report;
  try {
    report = await auditTargets({
      targets,
      configFile: opts.config,
      rulesDir: opts.rules,
      now: opts.now,
      onProgress: progress
        ? (e) =>
            io.stderr(
              `[${e.done}/${e.total}] ${logSafe(e.repo)}: ${e.status === 'error' ? `error: ${logSafe(e.message ?? '')}` : `${e.score}/100`}\n`,
            )
        : undefined,
    });
  } catch (e) {
    const what = e instanceof InputFileError ? 'invalid file' : 'error';
    io.stderr(`${TOOL_NAME}: ${what}: ${logSafe(describeError(e), 2000)}\n`);
    return EXIT_INPUT_ERROR;
  }

  const out = render(report, opts.format);
  if (opts.output) {
    try {
      writeFileSync(opts.output, out);
    } catch (e) {
      io.stderr(`${TOOL_NAME}: cannot write ${opts.output}: ${(e as Error).message}\n`);
      return EXIT_INPUT_ERROR;
    }
    if (!opts.quiet) io.stderr(`report written to ${opts.output}\n`);
  } else io.stdout(out);

  const failed = report.repos.filter((r) => r.status === 'error');
  for (const r of failed) io.stderr(`${TOOL_NAME}: ${logSafe(r.repo)}: ${logSafe(r.error ?? '')}\n`);
  if (failed.length) return EXIT_INPUT_ERROR;
  if (opts.failUnder !== undefined) {
    const below = report.repos.filter((r) => r.status !== 'skipped' && r.score < opts.failUnder!);
    if (below.length) {
      for (const b of below) io.stderr(`${TOOL_NAME}: ${logSafe(b.repo)} scores ${b.score}, below --fail-under ${opts.failUnder}\n`);
      return EXIT_BELOW_THRESHOLD;
    }
  }
  return EXIT_OK;
}
