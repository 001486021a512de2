/**
 * Stage rules decided or qualified by the project kind (src/probes/project-kind.ts):
 *
 * - before the probe runs (`stageBeforeProbe`): a repo that is not ML gets every stage not applicable (0 of its
 *   weight, one plain note, no stage advice); ML in a language the stage rules do not analyse gets every stage not
 *   measurable, the language named (left out of the score, never 0 with Python advice);
 * - after it ran (`stageAfterProbe`): an LLM app built on pretrained models (retrieval, embeddings, a hosted or local
 *   LLM) that trains nothing has a training stage that does not apply — left out of the score, not a failure. Training
 *   that is there still counts; and a stage of an ML project whose ML code is JavaScript or JVM only (no Python, R or
 *   Julia) is advised in that language's terms, never with pandas, scikit-learn or FastAPI.
 */
import type { Rule } from './rules/load.js';
import type { ProbeResult, Stage } from './types.js';
import { NOT_ML_NOTE, type ProjectKind } from './probes/project-kind.js';

/** What a repo that is not an ML project is told instead of five stage fixes. */
export const NOT_ML_REMEDIATION =
  'No machine-learning library, model file or ML import was found, so the pipeline stages do not apply and this ' +
  'category earns nothing: an ML portfolio is judged on ML work. If the repository does hold a model, make it ' +
  'visible (declare the ML library in requirements.txt, package.json or pom.xml and commit the training code); ' +
  'if it is a web app or a tool without a model, present it as such and keep it out of the ML projects you show.';

export const LLM_APP_TRAINING_NOTE =
  'not applicable: an LLM app built on pretrained models (retrieval, embeddings, a hosted or local LLM) and no training code; left out of the score';

/** Below this a stage is not detected (score.ts STAGE_DETECTED_AT). */
const DETECTED_AT = 0.5;

/** A stage rule's result decided by the project kind without running its probe; undefined: the probe runs. */
export function stageBeforeProbe(rule: Rule, kind: ProjectKind): ProbeResult | undefined {
  if (!rule.stage) return undefined;
  if (kind.kind === 'not-ml')
    return { outcome: 'not-applicable', score: 0, evidence: kind.evidence, note: `not applicable: ${NOT_ML_NOTE}`, remediation: NOT_ML_REMEDIATION };
  if (kind.kind === 'unknown-language') return { outcome: 'not-measurable', score: 0, evidence: kind.evidence, note: kind.note };
  return undefined;
}

/** Languages whose stage advice is the rule's own (pandas, scikit-learn, FastAPI; R and Julia rules carry their own). */
const OWN_ADVICE = new Set(['Python', 'R', 'Julia']);

interface LanguageTerms {
  train: string;
  split: string;
  prep: string;
  serve: string;
}

const TERMS: Record<'JavaScript' | 'JVM', LanguageTerms> = {
  JavaScript: {
    train: '`model.fit(xs, ys, { epochs, validationSplit })` in TensorFlow.js, or a brain.js / ml5 training call',
    split: 'shuffle with `tf.util.shuffle` and slice off a test part; `model.evaluate(xsTest, ysTest)` or accuracy, precision and recall computed on it',
    prep: 'normalise numeric inputs (`tf.tensor2d(...).sub(min).div(max.sub(min))`), encode categories with `tf.oneHot`, drop or fill bad rows',
    serve: 'a web page that runs the model in the browser with TensorFlow.js, or a Node/Express endpoint, deployed on GitHub Pages, Vercel or Netlify',
  },
  JVM: {
    train: '`classifier.buildClassifier(train)` (Weka), `RandomForest.fit(formula, df)` (Smile), `model.fit(trainIter, epochs)` (DL4J) or a DJL `EasyTrain.fit`',
    split: 'a held-out split (`train.trainCV` / `Instances` split in Weka, `DataSet.splitTestAndTrain` in DL4J) and a metric on it (`Evaluation.evaluateModel`, `model.evaluate(testIter)`)',
    prep: 'filters and normalisation (Weka `Normalize` / `ReplaceMissingValues`, DL4J `NormalizerStandardize`, Smile `Scaler`), categories encoded',
    serve: 'a Spring Boot or Javalin `/predict` endpoint in a Dockerfile, deployed to a cloud service, or an Android app that ships the model',
  },
};

function stageAdvice(stage: Stage, language: string, t: LanguageTerms): string {
  switch (stage) {
    case 'data':
      return `Show where the data comes from in the ${language} code: load a real dataset (a CSV or JSON file committed or downloaded by a script, a public API) instead of hard-coded or generated arrays, and name its source, size and licence in the README.`;
    case 'preprocessing':
      return `Make the preparation visible in the ${language} code, in one function or module the training calls: ${t.prep}.`;
    case 'training':
      return `Train the model in ${language} code you wrote and can re-run: ${t.train}, with its settings in one place, and save the trained model.`;
    case 'evaluation':
      return `Measure the model on data it did not train on, in the ${language} code: ${t.split}; put the number in the README.`;
    case 'deployment':
      return `Put the model behind something a person can use: ${t.serve}, with the live link in the README.`;
  }
}

/** Stage advice in the project's own ML language when that is JavaScript or the JVM only; undefined otherwise. */
function languageAdvice(stage: Stage, kind: ProjectKind): string | undefined {
  const langs = kind.mlLanguages ?? [];
  if (!langs.length || langs.some((l) => OWN_ADVICE.has(l))) return undefined;
  const lang = langs[0]!;
  const terms = lang === 'JavaScript' ? TERMS.JavaScript : ['Java', 'Scala', 'Kotlin'].includes(lang) ? TERMS.JVM : undefined;
  return terms && stageAdvice(stage, lang, terms);
}

/**
 * A stage rule's measured result qualified by the kind: the training stage of an LLM app that trains nothing is not
 * applicable and left out of the score (`leftOut`); a stage not passing in a JavaScript or JVM ML project gets advice
 * in that language. Anything else is returned unchanged.
 */
export function stageAfterProbe(rule: Rule, kind: ProjectKind | undefined, r: ProbeResult): ProbeResult {
  if (!kind || !rule.stage || kind.kind !== 'ml' || r.outcome === 'error' || r.outcome === 'not-measurable') return r;
  if (rule.stage === 'training' && kind.families.includes('llm-app') && r.score < DETECTED_AT)
    return { outcome: 'not-applicable', score: 0, leftOut: true, evidence: r.evidence, note: LLM_APP_TRAINING_NOTE };
  if (r.score < 1 && !r.remediation) {
    const advice = languageAdvice(rule.stage, kind);
    if (advice) return { ...r, remediation: advice };
  }
  return r;
}
