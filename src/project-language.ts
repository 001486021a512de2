/**
 * The language a repo's advice should speak: its ML language when the project kind found one (Python, then R, then
 * Julia win when they are among them: the rules' patterns cover those, and Julia has its own advice entries; else
 * JavaScript, the JVM or MATLAB), the
 * language of an ML project the stage rules do not analyse (C++, Dart…), or else the repo's main language. A rule's `remediationByLanguage` entry for that language replaces
 * its Python-worded remediation (`pip freeze`, pytest, `actions/setup-python`), so a MATLAB or Java project is never
 * told to write a requirements.txt.
 */
import type { ProjectKind } from './probes/project-kind.js';
import type { Rule } from './rules/load.js';

/** ML languages the rules analyse, in the order their advice is preferred. */
const ANALYSED = ['Python', 'R', 'Julia'];

/** The project's language for advice; undefined when it is Python or not known. */
function projectLanguage(kind: ProjectKind | undefined): string | undefined {
  if (!kind) return undefined;
  const ml = kind.kind === 'ml' ? (kind.mlLanguages ?? []) : [];
  // The rules' own advice covers Python, and their R and Julia patterns: an analysed ML language wins over the others.
  const lang = ml.length ? (ANALYSED.find((l) => ml.includes(l)) ?? ml[0]) : kind.kind === 'unknown-language' ? kind.language : kind.languages[0];
  return lang === 'Python' ? undefined : lang;
}

/**
 * The rule's remediation for this project: for a kind whose work differs (a reinforcement-learning agent has episodes
 * and returns, not a test split; an LLM app has questions and expected answers, not training) the rule's entry for
 * that kind, else in the project's language when the rule has one for it, else the rule's own.
 */
export function remediationFor(rule: Rule, kind: ProjectKind | undefined): string {
  const byKind = rule.remediationByKind && kind?.families.map((f) => rule.remediationByKind![f]).find((t) => t !== undefined);
  if (byKind) return byKind;
  const lang = projectLanguage(kind);
  const byLang = rule.remediationByLanguage;
  if (!lang || !byLang) return rule.remediation;
  // Scala and Kotlin projects share the JVM build tools: they take the Java wording unless the rule has their own
  // (Scala's stage advice speaks Spark MLlib, the library nearly every Scala ML project uses).
  return byLang[lang] ?? (lang === 'Scala' || lang === 'Kotlin' ? byLang.Java : undefined) ?? rule.remediation;
}
