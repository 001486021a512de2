/**
 * Linear threshold scoring shared by the history metrics (and usable by any probe): `zero` is the value that scores 0,
 * `full` the value that scores 1, linear in between, clamped. Works in both directions (for "lower is better"
 * metrics such as days since the last commit, `full` < `zero`).
 */
export function linearScore(value: number, zero: number, full: number): number {
  if (!Number.isFinite(value)) return 0;
  if (full === zero) return (full > 0 ? value >= full : value <= full) ? 1 : 0;
  const t = (value - zero) / (full - zero);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

