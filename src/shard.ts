/**
 * Scale out with GitHub Actions, not a scheduler of our own: a matrix job audits one shard of the list
 * (`shard: i/n`) and uploads its JSON report; a final job merges the shards' reports into one portfolio report.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { UserError } from './errors.js';
import reportSchema from '../schema/report.schema.json' with { type: 'json' };
import { portfolioOf } from './portfolio.js';
import { describeSchemaError } from './rules/validate.js';
import type { Report, RepoReport } from './report/types.js';
import { READABLE_SCHEMA_VERSIONS, upgradeReport } from './report/upgrade.js';
import { looksRemote, parseRepoTarget, targetKey } from './sources/github-target.js';

/** A bad `shard` spec or bad reports to merge; `hint` says how to fix it. */
export class ShardError extends UserError {
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}

/** GitHub Actions runs at most 256 jobs per matrix. */
const MAX_SHARDS = 256;

/** Parses "i/n" (1-based: "1/4" … "4/4"). */
export function parseShard(spec: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const hint = 'Write the shard as i/n with 1 <= i <= n, e.g. "2/4"; in a matrix: shard: ${{ matrix.shard }}/4 with shard: [1, 2, 3, 4].';
  if (!m) throw new ShardError(`invalid shard "${spec}": expected i/n`, hint);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new ShardError(`invalid shard "${spec}": n must be from 1 to ${MAX_SHARDS}`, hint);
  if (index < 1 || index > count) throw new ShardError(`invalid shard "${spec}": i must be from 1 to ${count}`, hint);
  return { index, count };
}

/** Identity of a target for sharding: repositories case-insensitively (owner/name and its URL are one), paths as given. */
function shardKey(target: string): string {
  const s = target.trim();
  if (looksRemote(s)) {
    try {
      return targetKey(parseRepoTarget(s));
    } catch {
      /* an invalid name is still assigned to exactly one shard, which reports it */
    }
  }
  return s;
}

/** FNV-1a, 32 bits: a stable hash of a target's key. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The targets shard `spec` audits. A target's shard depends on its own name only (a hash of it), not on the rest of
 * the list: with `user:` every matrix job lists the user's repositories itself, and a repository pushed or created
 * between two jobs' listings must not shift the others into a different shard (that would audit some twice and
 * some never). Every target lands in exactly one shard; sizes are balanced on average, not exactly. The selected
 * targets keep their input order.
 */
export function selectShard(targets: string[], spec: string): string[] {
  const { index, count } = parseShard(spec);
  const keys = [...new Set(targets.map(shardKey).filter(Boolean))];
  const mine = new Set(keys.filter((k) => hash(k) % count === index - 1));
  const out: string[] = [];
  const taken = new Set<string>();
  for (const t of targets) {
    const k = shardKey(t);
    if (!mine.has(k) || taken.has(k)) continue;
    taken.add(k);
    out.push(t.trim());
  }
  return out;
}

const STATUS_RANK: Record<RepoReport['status'], number> = { ok: 0, partial: 1, skipped: 2, error: 3 };

function repoKey(repo: string): string {
  return looksRemote(repo) ? repo.toLowerCase() : repo;
}

/**
 * Merges shard reports into one: repos de-duplicated (a repo in two shards keeps its best status: ok, partial,
 * skipped, error), the portfolio recomputed from all of them. Every report must come from the same tool version, or
 * the scores would not be comparable; reports of the previous schemaVersion are read as the current one (upgradeReport).
 */
export function mergeReports(given: Report[]): Report {
  if (given.length === 0) throw new ShardError('no reports to merge', 'Give the JSON reports of the shards (the report-path output of the Action, or --format json on the command line).');
  const reports = given.map((r) => upgradeReport(r));
  const first = reports[0];
  for (const [i, r] of reports.entries()) {
    if (r.schemaVersion !== first.schemaVersion) {
      throw new ShardError(
        `report ${i + 1} has schemaVersion ${String(r.schemaVersion)}, report 1 has ${String(first.schemaVersion)}`,
        'Merge reports written by the same version of the tool (re-run the shards).',
      );
    }
    if (r.tool?.name !== first.tool?.name || r.tool?.version !== first.tool?.version) {
      throw new ShardError(
        `report ${i + 1} comes from ${r.tool?.name} ${r.tool?.version}, report 1 from ${first.tool?.name} ${first.tool?.version}`,
        'Merge reports written by the same version of the tool (pin the action version in every matrix job).',
      );
    }
  }
  const kept = new Map<string, RepoReport>();
  for (const r of reports) {
    for (const repo of r.repos) {
      const k = repoKey(repo.repo);
      const prev = kept.get(k);
      if (!prev || STATUS_RANK[repo.status] < STATUS_RANK[prev.status]) kept.set(k, repo);
    }
  }
  const repos = [...kept.values()];
  const generatedAt = reports.map((r) => r.generatedAt).sort().at(-1)!;
  // The shards ran with the same inputs: the first one's settings stand for all.
  return { schemaVersion: first.schemaVersion, tool: first.tool, generatedAt, portfolio: portfolioOf(repos), repos, ...(first.config ? { config: first.config } : {}) };
}

let validateReport: ValidateFunction | undefined;

/** The published report schema (schema/report.schema.json), compiled once. */
function reportValidator(): ValidateFunction {
  if (!validateReport) {
    // discriminator: a repo entry is checked against the shape its status names (audited or not), so its errors are
    // that shape's, not both branches of oneOf.
    const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
    validateReport = ajv.compile(reportSchema);
  }
  return validateReport;
}

const REPORT_HINT =
  "Give the JSON report a shard wrote (the Action's report-path output, or --format json on the command line), unedited; check that the merge glob matches only those files.";

/**
 * What a report's text cannot be, beyond the schema: a repository's `url` is where its evidence links point, so it
 * must be the https address of that very repository (a shard edited to link "ada/churn" to another site is refused).
 */
function beyondSchema(r: Report): string[] {
  const out: string[] = [];
  r.repos.forEach((repo, i) => {
    if (repo.url === undefined) return;
    let ok = false;
    try {
      const u = new URL(repo.url);
      ok = u.protocol === 'https:' && !u.username && !u.password && !u.search && !u.hash && u.pathname.replace(/\/+$/, '').toLowerCase() === `/${repo.repo.toLowerCase()}`;
    } catch {
      ok = false;
    }
    if (!ok) out.push(`repos.${i}.url: must be the https address of the repository ${JSON.stringify(repo.repo.slice(0, 100))} (https://HOST/${'<owner>/<name>'})`);
  });
  return out;
}

/**
 * Parses one shard's JSON report and validates it against the published schema; errors name the file and each bad
 * field. A shard report is a file anyone with write access to the artifacts can edit: its text is rendered as
 * audited text (see MarkdownOptions.untrusted), never as the tool's own Markdown.
 */
export function parseReport(text: string, file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ShardError(`${file}: not JSON (${(e as Error).message})`, REPORT_HINT);
  }
  const r = data as Partial<Report> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.repos) || typeof r.schemaVersion !== 'number' || !r.tool) {
    throw new ShardError(`${file}: not a report of this tool (no schemaVersion, tool or repos)`, REPORT_HINT);
  }
  if (!READABLE_SCHEMA_VERSIONS.includes(r.schemaVersion)) {
    throw new ShardError(
      `${file}: schemaVersion ${r.schemaVersion} is not supported (expected ${READABLE_SCHEMA_VERSIONS.join(' or ')})`,
      'Merge with the tool version that wrote the reports.',
    );
  }
  // A report of the previous version is validated as the current one it reads as.
  data = upgradeReport(r);
  const validate = reportValidator();
  const problems = validate(data) ? beyondSchema(data as Report) : [...new Set((validate.errors ?? []).map(describeSchemaError))];
  if (problems.length) {
    const shown = problems.slice(0, 10).map((p) => p.slice(0, 300));
    throw new ShardError(
      `${file}: not a valid report (schema/report.schema.json): ${shown.join('; ')}${problems.length > shown.length ? `; and ${problems.length - shown.length} more` : ''}`,
      REPORT_HINT,
    );
  }
  return data as Report;
}
