import type { PortfolioSummary, RepoReport } from './report/types.js';
import { gradeFor } from './score.js';

/** The guides: "3–5 strong projects outperform 15 small tutorials." */
export const PORTFOLIO_MIN = 3;
export const PORTFOLIO_MAX = 5;
export const STRONG_AT = 70;

/**
 * Portfolio score: the mean of the strongest 3–5 audited repos, where missing projects (fewer than 3) count as 0.
 * Extra weaker repos never lower it (dilution is not rewarded, nor punished).
 */
export function portfolioOf(repos: RepoReport[]): PortfolioSummary {
  const audited = repos.filter((r) => r.status === 'ok' || r.status === 'partial');
  const ranked = [...audited].sort((a, b) => b.score - a.score || (a.repo < b.repo ? -1 : 1));
  const counted = ranked.slice(0, PORTFOLIO_MAX);
  const slots = Math.max(PORTFOLIO_MIN, counted.length);
  const score = counted.length ? Math.round((10 * counted.reduce((s, r) => s + r.score, 0)) / slots) / 10 : 0;
  const strong = ranked.filter((r) => r.score >= STRONG_AT && Object.values(r.stages).every((s) => s.detected));
  const explanation =
    audited.length === 0
      ? 'No repository could be audited.'
      : `Mean of the strongest ${counted.length} of ${audited.length} audited repos` +
        (counted.length < PORTFOLIO_MIN ? ` (the guides ask for 3–5 strong projects; ${PORTFOLIO_MIN - counted.length} missing count as 0)` : '') +
        `; ${strong.length} strong end-to-end project${strong.length === 1 ? '' : 's'} (score ≥ ${STRONG_AT}, all five stages).`;
  return {
    score,
    grade: gradeFor(score),
    audited: audited.length,
    counted: counted.map((r) => r.repo),
    strongProjects: strong.map((r) => r.repo),
    explanation,
  };
}
