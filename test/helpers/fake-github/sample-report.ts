import type { AuditedRepoReport, Report, RepoReport, RuleResult } from '../../../src/report/types.js';
import { buildReport } from '../../../src/report/build.js';
import { gradeFor } from '../../../src/score.js';
import { CATEGORIES, STAGES, type Category, type Stage } from '../../../src/types.js';

/** Hand-made reports for the action's unit tests (body, diff, annotations): every field explicit, nothing audited. */

export function rule(id: string, score: number | null, o: Partial<RuleResult> = {}): RuleResult {
  const weight = o.weight ?? 5;
  return {
    id,
    title: o.title ?? `Rule ${id}`,
    category: o.category ?? 'engineering',
    ...(o.stage ? { stage: o.stage } : {}),
    score,
    weight,
    measurable: score !== null,
    evidence: o.evidence ?? [],
    remediation: o.remediation ?? `Do what ${id} asks.`,
    points: o.points ?? (score === null ? 0 : Math.round(score * weight * 10) / 10),
    maxPoints: o.maxPoints ?? (score === null ? 0 : weight),
    ...(o.note ? { note: o.note } : {}),
  };
}

export function repoReport(repo: string, score: number, rules: RuleResult[], o: Partial<AuditedRepoReport> & { detected?: Stage[] } = {}): AuditedRepoReport {
  const detected = new Set(o.detected ?? []);
  return {
    repo,
    commit: o.commit ?? 'a'.repeat(40),
    status: o.status ?? 'ok',
    score,
    grade: gradeFor(score),
    categories: Object.fromEntries(CATEGORIES.map((c: Category) => [c, { score: 50, weight: c === 'pipeline' ? 40 : 10 }])) as AuditedRepoReport['categories'],
    stages: Object.fromEntries(STAGES.map((s) => [s, { detected: detected.has(s), evidence: [] }])) as unknown as AuditedRepoReport['stages'],
    rules,
    nextActions: o.nextActions ?? rules.filter((r) => r.score !== null && r.score < 1).map((r) => ({ rule: r.id, gain: 2, text: r.remediation })),
    files: 10,
    notes: o.notes ?? [],
    ...(o.history ? { history: o.history } : {}),
  };
}

export function reportOf(r: RepoReport): Report {
  return buildReport([r], new Date('2026-01-15T00:00:00Z'));
}
