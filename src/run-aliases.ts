/**
 * Inputs that turned out to name a repository already audited (a renamed repo, another spelling of the same one):
 * each is noted on the report of the repository it names ("also given as …: audited once").
 */
import type { RepoReport } from './report/types.js';

export interface Alias {
  /** The input as given. */
  input: string;
  /** The input it turned out to repeat (itself possibly an alias). */
  sameAs: string;
}

/** Adds the notes; `byInput` maps each audited input to its report. Alias chains are followed, at most their length. */
export function noteAliases(byInput: Map<string, RepoReport>, aliases: Alias[]): void {
  const sameAs = new Map(aliases.map((d) => [d.input, d.sameAs]));
  for (const d of aliases) {
    let to = d.sameAs;
    for (let i = 0; i < aliases.length && !byInput.has(to) && sameAs.has(to); i++) to = sameAs.get(to)!;
    const r = byInput.get(to);
    if (r) r.notes = [...r.notes, { kind: 'info', message: `also given as "${d.input}": audited once` }];
  }
}
