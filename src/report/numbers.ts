/** A score or a number of points as reports print it: whole numbers as they are, others with one decimal. */
export const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

