import type { Evidence } from '../types.js';
import { TOOL_NAME, TOOL_URL, TOOL_VERSION } from '../version.js';
import { num } from './numbers.js';
import { isAudited, type Report, type RepoReport, type RuleResult } from './types.js';
import { fixListOf, gainLabel, omittedReasons, ruleFixes, type FixListView } from './fix-list.js';

/**
 * The report as SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif), the way scorecard-action
 * publishes its checks: one run; `tool.driver.rules` are the audit's rules; one result per failing or partly failing
 * rule and file it points at. Only evidence with a path becomes a result (code scanning shows results on files); a
 * rule with no such evidence (no tests at all, a short history) stays in the JSON report and the comment.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

/** The subset of the SARIF 2.1.0 object model this file writes. */
interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
interface SarifMessage {
  text: string;
  markdown?: string;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}
interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number };
  };
  message?: SarifMessage;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  properties: Record<string, unknown>;
}
interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: SarifRule[];
    };
  };
  results: SarifResult[];
  originalUriBaseIds?: Record<string, { description: SarifMessage }>;
  properties: Record<string, unknown>;
}

interface SarifOptions {
  /**
   * Folder of the audited project inside the repository that code scanning knows (the Action's `path` input relative
   * to the workspace, e.g. "projects/churn-model"); evidence paths are relative to the project, SARIF's to the
   * repository root. Empty: the project is the repository.
   */
  pathPrefix?: string;
  /** Results per rule at most (a rule that marks 40 README lines is one finding, not 40). Default 10. */
  maxPerRule?: number;
}

/**
 * Level from how much the rule lost: at least 4 points (a stage, a README section, a cap) is an error, at least 1 a
 * warning, less a note.
 */
export function levelFor(lostPoints: number): SarifLevel {
  if (lostPoints >= 4) return 'error';
  if (lostPoints >= 1) return 'warning';
  return 'note';
}

const lost = (r: RuleResult): number => Math.max(0, Math.round((r.maxPoints - r.points) * 10) / 10);
const failing = (r: RuleResult): boolean => r.measurable && r.score !== null && r.score < 1;

/** A repository-relative URI for an evidence path: POSIX separators, each segment percent-encoded, no leading "./". */
export function sarifUri(path: string, prefix = ''): string {
  const joined = [prefix, path]
    .map((p) => p.split('\\').join('/').replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '' && p !== '.')
    .join('/');
  return joined
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** Evidence to report for a failing rule: the pieces marked as the problem when there are any, else every one with a path. */
function locatedEvidence(r: RuleResult): Evidence[] {
  const withPath = r.evidence.filter((e) => typeof e.path === 'string' && e.path !== '');
  const problems = withPath.filter((e) => e.problem);
  return problems.length ? problems : withPath.slice(0, 1);
}

/**
 * The result's message: the points, the exact score gain of fixing the rule alone (the fix-first list's: caps
 * included, "+0 until X passes" while another rule's cap takes it), what was found and the fix, or why no fix is
 * advised (a copy gets no history advice).
 */
function resultMessage(r: RuleResult, e: Evidence, repo: RepoReport, manyRepos: boolean, list: FixListView): string {
  const where = e.cell !== undefined ? ` (cell ${e.cell})` : '';
  const own = ruleFixes(list).get(r.id);
  const gain = own ? `${gainLabel(own, (x) => x)} to the score if fixed` : `+${num(lost(r))} if fixed`;
  const head = `${r.title}: ${num(r.points)} of ${num(r.maxPoints)} points (${gain}).`;
  const detail = e.detail ? ` ${e.detail}${where}.` : where ? ` ${where.trim()}.` : '';
  const notAdvised = omittedReasons(list).get(r.id);
  const fix = notAdvised ? ` ${notAdvised}` : r.remediation ? ` Fix: ${r.remediation.replace(/\s+/g, ' ').trim()}` : '';
  return `${manyRepos ? `[${repo.repo}] ` : ''}${head}${detail}${fix}`;
}

/** The SARIF log of a report. Deterministic: the same report gives the same file. */
export function buildSarif(report: Report, opts: SarifOptions = {}): SarifLog {
  const maxPerRule = opts.maxPerRule ?? 10;
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const audited = report.repos.filter(isAudited);
  const manyRepos = audited.length > 1;
  for (const repo of audited) {
    for (const r of repo.rules) {
      if (index.has(r.id)) continue;
      index.set(r.id, rules.length);
      rules.push({
        id: r.id,
        name: r.title,
        shortDescription: { text: r.title },
        fullDescription: { text: `${r.title} (${r.category}${r.stage ? `, ${r.stage} stage` : ''}).` },
        help: { text: r.remediation || r.title },
        helpUri: `${TOOL_URL}/blob/main/rules/README.md`,
        defaultConfiguration: { level: 'warning' },
        properties: {
          category: r.category,
          ...(r.stage ? { stage: r.stage } : {}),
          weight: r.weight,
          tags: ['ml-portfolio', r.category, ...(r.stage ? [r.stage] : [])],
        },
      });
    }
  }
  const results: SarifResult[] = [];
  for (const repo of audited) {
    const list = fixListOf(repo);
    for (const r of repo.rules) {
      if (!failing(r)) continue;
      for (const e of locatedEvidence(r).slice(0, maxPerRule)) {
        const uri = sarifUri(e.path!, opts.pathPrefix);
        // A notebook's line is a line of one cell, not of the .ipynb file: no region then (the message names the cell).
        const line = e.cell === undefined && typeof e.line === 'number' && Number.isInteger(e.line) && e.line >= 1 ? e.line : undefined;
        results.push({
          ruleId: r.id,
          ruleIndex: index.get(r.id)!,
          level: levelFor(lost(r)),
          message: { text: resultMessage(r, e, repo, manyRepos, list) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri },
                ...(line !== undefined ? { region: { startLine: line } } : {}),
              },
            },
          ],
          properties: {
            repo: repo.repo,
            score: r.score,
            points: r.points,
            maxPoints: r.maxPoints,
            lostPoints: lost(r),
            ...(e.problem ? { problem: true } : {}),
          },
        });
      }
    }
  }
  const single = report.repos.length === 1 ? report.repos[0] : undefined;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URL,
            rules,
          },
        },
        results,
        properties: single
          ? isAudited(single)
            ? { repo: single.repo, status: single.status, score: single.score, grade: single.grade }
            : { repo: single.repo, status: single.status, reason: single.reason }
          : {
              ...(report.portfolio.score !== undefined ? { portfolioScore: report.portfolio.score, portfolioGrade: report.portfolio.grade } : {}),
              repos: report.repos.length,
            },
      },
    ],
  };
}

export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(report, opts), null, 2) + '\n';
}
