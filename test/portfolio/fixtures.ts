import { createProbeContext } from '../../src/probes/context.js';
import type { AuditedRepoReport, RepoSkills, RuleResult } from '../../src/report/types.js';
import { extractSkills } from '../../src/skills.js';
import type { SkillId, SpecialisationId } from '../../src/skills-catalog.js';
import { memorySnapshot, type MemoryRepo } from '../../src/sources/memory.js';
import { CATEGORIES, STAGES, type Commit } from '../../src/types.js';

export const SHA = 'a'.repeat(40);
export const NOW = new Date('2026-01-15T00:00:00Z');

export function commit(i: number, subject = `step ${i}`): Commit {
  return { sha: String(i).padStart(40, '0'), authorName: 'Ada', authorEmail: 'ada@example.com', date: `2025-0${1 + (i % 9)}-01T00:00:00Z`, subject, filesChanged: 1, merge: false };
}

/** Skills of an in-memory repo, as audit.ts computes them. */
export async function skillsOf(files: MemoryRepo['files'], extra: Partial<MemoryRepo> = {}): Promise<RepoSkills> {
  const snap = memorySnapshot({ id: 'ada/demo', commit: SHA, commits: [commit(1)], files, ...extra });
  return extractSkills(createProbeContext(snap, NOW));
}

/** A Jupyter notebook with the given cells. */
export function notebook(cells: Array<['code' | 'markdown', string]>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(([t, src]) => ({ cell_type: t, metadata: {}, source: src.split(/(?<=\n)/), ...(t === 'code' ? { outputs: [], execution_count: null } : {}) })),
  });
}

export function rule(id: string, category: RuleResult['category'], score: number | null, extra: Partial<RuleResult> = {}): RuleResult {
  return { id, title: `Rule ${id}`, category, score, weight: 5, measurable: score !== null, evidence: [], remediation: 'Do the thing properly.', points: 0, maxPoints: 0, ...extra } as RuleResult;
}

export interface RepoOpts {
  score: number;
  skills?: SkillId[];
  specialisations?: SpecialisationId[];
  rules?: RuleResult[];
  allStages?: boolean;
  status?: AuditedRepoReport['status'];
  fork?: boolean;
  archived?: boolean;
  cappedBy?: AuditedRepoReport['cappedBy'];
  files?: number;
  commits?: number;
}

/** A RepoReport as auditSnapshot would produce it, with chosen score, skills and flags. */
export function repo(name: string, o: RepoOpts): AuditedRepoReport {
  const skills: RepoSkills = { skills: {}, specialisations: {}, projectTypes: {}, scanned: { files: 1, candidates: 1, truncated: false } };
  for (const s of o.skills ?? []) skills.skills[s] = [{ path: `src/${s}.py`, line: 1, detail: `uses ${s}` }];
  for (const s of o.specialisations ?? []) skills.specialisations[s] = [{ path: `src/${s}.py`, line: 2, detail: `shows ${s}` }];
  const commits = o.commits ?? 20;
  return {
    repo: name,
    // Repos named owner/name come from the GitHub source in these fixtures; paths are local.
    ...(/^[\w.-]+\/[\w.-]+$/.test(name) && !name.startsWith('.') ? { url: `https://github.com/${name}` } : {}),
    commit: SHA,
    status: o.status ?? 'ok',
    score: o.score,
    grade: 'C',
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, { score: o.score, weight: 10 }])) as AuditedRepoReport['categories'],
    stages: Object.fromEntries(STAGES.map((s) => [s, { detected: o.allStages ?? o.score >= 70, evidence: [] }])) as unknown as AuditedRepoReport['stages'],
    rules: o.rules ?? [],
    nextActions: [],
    ...(o.cappedBy ? { cappedBy: o.cappedBy } : {}),
    files: o.files ?? 12,
    history: { commits, shallow: false, truncated: false, totalCount: commits, firstCommit: commits ? '2025-01-01T00:00:00Z' : null, lastCommit: commits ? '2025-03-01T00:00:00Z' : null },
    notes: [],
    skills,
    ...(o.fork !== undefined || o.archived !== undefined ? { metadata: { ...(o.fork !== undefined ? { fork: o.fork } : {}), ...(o.archived !== undefined ? { archived: o.archived } : {}) } } : {}),
  };
}

/** A course copy: capped by an originality rule that found week folders. */
export function tutorialCopy(name: string, score = 30): AuditedRepoReport {
  return repo(name, {
    score,
    skills: ['python', 'numpy', 'tensorflow'],
    specialisations: ['computer-vision'],
    cappedBy: { rule: 'course-folders', max: 40 },
    rules: [rule('course-folders', 'originality', 0, { title: 'Not a course copy', evidence: [{ path: 'week1/assignment.ipynb', detail: 'course week folder' }] })],
    commits: 1,
  });
}

/** Deterministic shuffle (no Math.random in tests). */
export function shuffled<T>(xs: T[], seed = 7): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
