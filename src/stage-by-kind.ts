/**
 * Stage rules decided or qualified by the project kind (src/probes/project-kind.ts):
 *
 * - before the probe runs (`stageBeforeProbe`): a repo that is not ML gets every stage not applicable (0 of its
 *   weight, one plain note, no stage advice); ML in a language the stage rules do not analyse gets every stage not
 *   measurable, the language named (left out of the score, never 0 with Python advice);
 * - after it ran (`stageAfterProbe`): an LLM app built on pretrained models (retrieval, embeddings, a hosted or local
 *   LLM) that trains nothing has a training stage that does not apply — left out of the score, not a failure. Training
 *   that is there still counts; and a stage of an ML project whose ML code is JavaScript or JVM only (no Python, R or
 *   Julia) is advised in that language's terms by the rules' `remediationByLanguage` (src/project-language.ts).
 */
import type { Rule } from './rules/load.js';
import type { ProbeResult } from './types.js';
import type { ProjectKind } from './probes/project-kind.js';

/** What a repo that is not an ML project is told instead of five stage fixes. */
const NOT_ML_REMEDIATION =
  'No machine-learning library, model file or ML import was found, so the pipeline stages do not apply and this ' +
  'category earns nothing: an ML portfolio is judged on ML work. If the repository does hold a model, make it ' +
  'visible (declare the ML library in requirements.txt, package.json or pom.xml and commit the training code); ' +
  'if it is a web app or a tool without a model, present it as such and keep it out of the ML projects you show.';

/** What an application that only calls a hosted LLM from a small part of its code is told. */
const NOT_ML_LLM_REMEDIATION =
  'The only machine learning here is a call to a hosted LLM API from a small part of the code; no model is used, ' +
  'fitted or evaluated, so the pipeline stages do not apply and this category earns nothing. Present it as the ' +
  'application it is; for an ML portfolio, show a project where you choose data, build or adapt a model and measure ' +
  'it (for an LLM: retrieval or fine-tuning evaluated on questions you hold out).';

const LLM_APP_TRAINING_NOTE =
  'not applicable: an LLM app built on pretrained models (retrieval, embeddings, a hosted or local LLM) and no training code; left out of the score';

/** Below this a stage is not detected (score.ts STAGE_DETECTED_AT). */
const DETECTED_AT = 0.5;

/** A stage rule's result decided by the project kind without running its probe; undefined: the probe runs. */
export function stageBeforeProbe(rule: Rule, kind: ProjectKind): ProbeResult | undefined {
  if (!rule.stage) return undefined;
  if (kind.kind === 'not-ml')
    return {
      outcome: 'not-applicable',
      score: 0,
      evidence: kind.evidence,
      note: `not applicable: ${kind.note}`,
      remediation: kind.hostedLlmOnly ? NOT_ML_LLM_REMEDIATION : NOT_ML_REMEDIATION,
    };
  if (kind.kind === 'unknown-language') return { outcome: 'not-measurable', score: 0, evidence: kind.evidence, note: kind.note };
  return undefined;
}

/**
 * A stage rule's measured result qualified by the kind: the training stage of an LLM app that trains nothing is not
 * applicable and left out of the score (`leftOut`). Anything else is returned unchanged (advice in a JavaScript or JVM
 * project's own terms is the stage rules' `remediationByLanguage`, src/project-language.ts).
 */
export function stageAfterProbe(rule: Rule, kind: ProjectKind | undefined, r: ProbeResult): ProbeResult {
  if (!kind || !rule.stage || kind.kind !== 'ml' || r.outcome === 'error' || r.outcome === 'not-measurable') return r;
  if (rule.stage === 'training' && kind.families.includes('llm-app') && r.score < DETECTED_AT)
    return { outcome: 'not-applicable', score: 0, leftOut: true, evidence: r.evidence, note: LLM_APP_TRAINING_NOTE };
  return r;
}
