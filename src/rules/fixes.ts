/**
 * What a person does to fix a rule: each rule names one of these in its file (`fix:`), and the fix-first list groups
 * the rules by it, so "rewrite the README" is one line worth its rules together, not six small lines.
 */
export const FIX_ACTIONS = {
  original: 'Build an original project on what you learnt',
  readme: 'Rewrite the README',
  pipeline: 'Complete the pipeline: real data, cleaning, training',
  evaluation: 'Add an evaluation on held-out data',
  deployment: 'Deploy the model behind an app or API',
  tests: 'Add tests and run them in CI',
  packaging: 'Make it run anywhere: pinned dependencies, seeds, a licence',
  cleanup: 'Clean the repository: no binaries, large files, credentials or empty placeholders',
  history: 'Keep working on it in commits',
  /** Only for the pipeline of a repo that is not ML (audit.ts scoreInputs); no rule file names it. */
  'not-ml': 'Not an ML project: add a model, or keep it out of the ML projects you show',
} as const;

export type FixKind = keyof typeof FIX_ACTIONS;

export const FIX_KINDS = Object.keys(FIX_ACTIONS) as FixKind[];
