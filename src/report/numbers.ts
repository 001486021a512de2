import type { NextAction } from './types.js';

/** A score or a number of points as reports print it: whole numbers as they are, others with one decimal. */
export const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** "+8.4", or "+8.4 once the cap is lifted" for a fix whose points count only after the cap on the score is fixed. */
export const gainText = (a: NextAction): string => `+${num(a.gain)}${a.afterCap ? ' once the cap is lifted' : ''}`;
