import type { Category, Evidence, SourceNote, Stage } from '../types.js';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';
export type RepoStatus = 'ok' | 'partial' | 'skipped' | 'error';

export interface RuleResult {
  id: string;
  title: string;
  category: Category;
  stage?: Stage;
  /** 0..1; null when the rule could not be measured (left out of the score). */
  score: number | null;
  weight: number;
  measurable: boolean;
  note?: string;
  evidence: Evidence[];
  remediation: string;
  /** Repo score points this rule earned (0..100 scale); 0 when not measurable. */
  points: number;
}

export interface NextAction {
  rule: string;
  /** Repo score points gained if this rule passed fully (capped rules included). */
  gain: number;
  text: string;
}

export interface StageResult {
  detected: boolean;
  evidence: Evidence[];
}

export interface HistorySummary {
  commits: number;
  shallow: boolean;
  truncated: boolean;
  totalCount: number | null;
  firstCommit: string | null;
  lastCommit: string | null;
}

export interface RepoReport {
  repo: string;
  commit: string | null;
  status: RepoStatus;
  /** Why the status is not ok. */
  reason?: string;
  score: number;
  grade: Grade;
  categories: Record<Category, { score: number; weight: number }>;
  stages: Record<Stage, StageResult>;
  rules: RuleResult[];
  nextActions: NextAction[];
  /** A cap that limited the score (e.g. tutorial copy), if any. */
  cappedBy?: { rule: string; max: number };
  files: number;
  history?: HistorySummary;
  notes: SourceNote[];
  /** Present only when this repo could not be audited. */
  error?: string;
}

export interface PortfolioSummary {
  score: number;
  grade: Grade;
  /** Repos audited without error. */
  audited: number;
  /** Repos that counted toward the portfolio score (strongest 3–5). */
  counted: string[];
  /** Repos scoring at least 70 with all five stages detected. */
  strongProjects: string[];
  explanation: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  generatedAt: string;
  portfolio: PortfolioSummary;
  repos: RepoReport[];
}
