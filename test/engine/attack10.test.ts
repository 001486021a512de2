/**
 * attack10: session 10's judgement changes attacked as a hostile candidate (issue #11, "No cheap gaming": no trick may
 * add 10 points or make a stage "detected"; the combination must stay a weak repo's grade, D or lower). Each hole found
 * is an `it.fails(...)`: the expectation the engine should meet, failing today, so the suite stays green; when a fix
 * lands the `it.fails` itself fails and must become a plain `it`.
 *
 * Measured on the weak repo of test/engine/gaming-attack.ts (one notebook, a one-line README, one upload commit):
 * 39.5 F, stages data + training. Same numbers from the CLI on real git repos (/tmp/a10, `npx tsx src/cli.ts <repo>
 * -f json -q`), within 0.1.
 *
 *   trick                                                                  score       stage effect
 *   two-line Express server.js (app.post route → model.predict(q.body))    39.5 → 47.4  deployment detected
 *   three-line Next.js app/api/predict/route.ts (POST → generateText)      39.5 → 47.4  deployment detected
 *   two-line App.kt (Interpreter(modelFile); interpreter.run(in, out))     39.5 → 45.4  deployment detected
 *   four-line eval.py (answer_correct += 1 per line of golden_set.json)   39.5 → 45.4  evaluation detected
 *   12 commits over 2 days appending `# step i` to 3 stub .py files        39.5 → 45.9  history-one-shot 0 → 0.6
 *     (hist11: commits of fewer than 3 changed lines are not work)          39.5 → 42.3  history-one-shot 0
 *     (main at 6bafc14, base 37.5 F)                                       37.5 → 40.3  message-quality 1
 *     (holes12: the stub commit is not work, small messages ≤ half)         37.5 → 38.2  message-quality 0.27
 *   a repo with no ML (README, print(1)) + 4-line PHP `class NaiveBayes`   21.8 → 38.1  stages "not measurable"
 *     (or a .js `class KMeans { train(x) {} }`)                              21.8 → 38.1  (out of the denominator)
 *   the gaming attack's TRICKS together (gaming.test.ts)                   54.8 D       data, training
 *       (main at 6bafc14, and holes12)                                     52.9 D       data, training
 *     + the comment-line work after the upload                            60.8 C       (one-shot cap 65 lifted)
 *       (hist11)                                                           57.5 C       one-shot 0; see its test
 *       (main at 6bafc14)                                                  55.5 C       message-quality 1, span 0.21
 *       (holes12: stub commits not work, small messages ≤ half the work)   51.6 D       message-quality 0.27, span 0
 *     + all five attacks above                                             73.4 B       + evaluation, deployment
 *       (hist11, after holesA)                                             61.4 C       + deployment
 *       (main at 6bafc14)                                                  59.4 C       + deployment
 *       (holes12: app frameworks do not add up)                            53.6 D       data, training
 *     + all but the after-upload work                                     65.0 C       capped by history-one-shot
 *       (main at 6bafc14 → holes12)                                        56.8 C → 52.9 D  deployment → not
 *     + the Express (or the Next.js) route alone                           54.8 D → 52.9 D  deployment → not (holes12)
 *
 * Fixed (holesA): the Express, Next.js, App.kt and golden-set tricks (code-probe `sameFile`: the JS "runs the model"
 * sign needs a model load or an LLM-client import in its file, a bare JS route weighs 0.5; the Android signs need app
 * code that names its model asset; the RAG counter and golden-set signs need a comparison and an ask/answer/retrieve
 * call in their file), the mock fallback (negative `unless`: the mock marker yields to a real model load in the same
 * file) and DummyClassifier (left out of the marker).
 *
 * Honest shapes penalised (the `with` repo should score no lower than the same repo without the honest addition):
 *   Streamlit app falling back to MockModel() when model.pkl is missing    47.4 → 39.5  deployment lost
 *   Streamlit app that shows a DummyClassifier baseline beside the model   47.4 → 41.5  deployment lost
 *   README "documents my journey with the minority class" (no course)      42.7 → 40.1  flagged as course material
 *   README "my path through the class hierarchy"                          42.7 → 40.1  flagged as course material
 *   README personal roadmap table "| Week | Task | Status |"               42.7 → 39.4  flagged as course units
 *
 * Not holes (checked, no test): the README of a project folder (stuffed) scores below the same README at the root
 * (45.4 vs 46.4); unreadable code (LFS pointer, binary .py, a notebook over the cap: 240 MB, 14M-deep nesting, 3M
 * source lines, unterminated string) scores 38.6–39.6, never above the same repo with a readable worst file (39.6);
 * no hang or crash (each CLI run 4–8 s, peak RSS ≤ 560 MB for the 240 MB notebook); 1,500-deep folders and 30,000
 * empty .py files run in 4–5 s. Stuffed README + Express/RAG tricks: readme-demo-link and readme-results stay 0.
 *
 * Dodge of a penalty: 12 placeholder modules each holding only a docstring (or `raise NotImplementedError`) are not
 * counted by no-empty-placeholders (not-applicable, 42.5) while 12 empty ones fail it (41.8; cap 79 below 0.5).
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot, type MemoryRepo } from '../../src/sources/memory.js';
import { NOW, TRICKS, build } from './gaming-attack.js';
import { ATTACKS, HONEST, buildA } from './attack10-repos.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import type { Commit } from '../../src/types.js';

const rules = loadRules();
const audit = (r: MemoryRepo & { commits: Commit[] }): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k);
const ruleScore = (r: AuditedRepoReport, id: string): number | null | undefined => r.rules.find((x) => x.id === id)?.score;

const [EXPRESS, NEXT, ANDROID, RAG, LATER] = Object.keys(ATTACKS) as [string, string, string, string, string];

describe('attack10: tricks against session 10 changes', () => {
  it('the weak repo the attacks start from (39.5 F, data + training)', async () => {
    const base = await audit(build([]));
    expect(detected(base)).toEqual(['data', 'training']);
    expect(base.grade).toMatch(/^[DF]$/);
  });

  // stage-deployment: the Express route pattern and the "runs the model in a route" pattern are both `weak`, yet two
  // weak hits in one server.js add up to a detected deployment; `model` and `q.body` are never defined (the Python
  // free-input check is not applied to JavaScript). Measured 39.5 → 47.4, deployment detected.
  it('a two-line Express server.js detects no deployment (measured: detected, +7.9)', async () => {
    const r = await audit(buildA([EXPRESS]));
    expect(detected(r)).not.toContain('deployment');
  });

  // Same hole in the Next.js route handler patterns: POST + generateText in app/**/route.ts. 39.5 → 47.4, detected.
  it('a three-line Next.js route.ts detects no deployment (measured: detected, +7.9)', async () => {
    const r = await audit(buildA([NEXT]));
    expect(detected(r)).not.toContain('deployment');
  });

  // Android: `Interpreter(x)` (0.5) + `interpreter.run(a, b)` (1) in a two-line .kt that is not an app (no Activity,
  // no manifest, no .tflite asset). 39.5 → 45.4, deployment detected.
  it('a two-line App.kt detects no deployment (measured: detected, +5.9)', async () => {
    const r = await audit(buildA([ANDROID]));
    expect(detected(r)).not.toContain('deployment');
  });

  // stage-evaluation's RAG harness: `answer_correct += 1` (0.75) and the string `golden_set.json` (0.75) are "both
  // needed" and both are there, but nothing retrieves, answers or compares anything (the counter is bumped for every
  // line of the file, unconditionally; the repo has no LLM or retrieval at all). 39.5 → 45.4, evaluation detected.
  it('a counter bumped per line of golden_set.json detects no evaluation (measured: detected, +5.9)', async () => {
    const r = await audit(buildA([RAG]));
    expect(detected(r)).not.toContain('evaluation');
  });

  // history-one-shot's "work after the upload" (laterWork in src/probes/history/one-shot.ts) counts a commit when it
  // touches a code path under an informative message; it never looks at what changed, so appending a comment line
  // to one of three stub files 12 times over 2 days releases 60% of the dump's penalty. One-shot 0 → 0.6, 39.5 → 45.9
  // alone; on the TRICKS combination it lifts the one-shot cap (65) and takes 54.8 D to 60.8 C.
  // hist11: every commit now carries the lines it changed (additions + deletions, from local git and from GitHub alike),
  // and a commit of fewer than 3 lines is not work: the 12 one-line commits are not the dump's 'other' work. 45.9 → 42.3
  // (history-message-quality still rates their messages: 1).
  it('comment lines appended to stub files after the upload are not work (measured: one-shot 0 → 0.6, +6.4; now 0)', async () => {
    const r = await audit(buildA([LATER]));
    expect(ruleScore(r, 'history-one-shot')).toBe(0);
  });

  // Even with history-one-shot at 0, the padding commits lifted the other history rules (commit-count 0 → 0.45,
  // active-days 0 → 0.21, message-quality 0 → 1, span 0 → 0.29): 54.8 D → 59.1 C. hist11: the twelve one-line commits
  // no longer count for commit-count, active-days, span or one-shot (0.6 → 0), 60.8 → 57.5 C (55.5 C on main at
  // 6bafc14, the TRICKS alone 52.9 D). What was left: the padding's well-worded messages lifted
  // history-message-quality 0 → 1; the one commit adding the three stubs (`x = 1`, `y = 1`, `z = 1`: 3 files, work by
  // its count) stretched the span by a week and added a day and a commit; the stubs made the stuffed README's usage
  // and links point at files that exist.
  // holes12: a commit whose every file is a stub of at most one code line is not work (local git: paths known), so
  // span, active-days and commit-count go back to 0; the well-worded messages of small commits weigh together at most
  // half the commits of work rated (here the upload, "Add files via upload"): message-quality 1 → 0.27; a README
  // command that runs a stub is an unsupported claim (usage 1 → 0.5, links 0.67 → 0.33). 55.5 C → 51.6 D.
  it('the gaming TRICKS plus the comment-line work after the upload stay D or lower (measured: 54.8 D → 60.8 C; hist11 57.5 C; holes12 51.6 D)', async () => {
    const r = await audit(buildA([LATER], Object.keys(TRICKS)));
    expect(r.grade).toMatch(/^[DF]$/);
    expect(ruleScore(r, 'history-span')).toBe(0);
    expect(ruleScore(r, 'history-message-quality')).toBeLessThan(0.5);
  });

  // hist11: 61.4 C, deployment detected (59.4 C on main at 6bafc14); without the after-upload work 56.8 C with
  // deployment detected: the TRICKS' two-line FastAPI app and FROM Dockerfile with the Express or Next.js route
  // (54.8 D each, deployment detected), or the Express and Next.js routes together, added up to weight 1.25.
  // holes12: signs of different app frameworks do not add up (stage-deployment's `framework:`): FastAPI 0.5, Express
  // 0.5, Next.js 0.5 count as the best one's 0.5, plus the container's 0.25: 0.375, not detected. With the history and
  // README fixes above: 59.4 C → 53.6 D, data + training.
  it('the gaming TRICKS plus all five attacks stay D or lower with the weak repo\'s two stages (measured: 73.4 B, + evaluation, deployment; hist11 61.4 C, + deployment; holes12 53.6 D)', async () => {
    const r = await audit(buildA(Object.keys(ATTACKS), Object.keys(TRICKS)));
    expect(r.grade).toMatch(/^[DF]$/);
    expect(detected(r)).toEqual(['data', 'training']);
  });

  // The TRICKS' FastAPI stub and Dockerfile beside one JS route (54.8 D with deployment detected on main at 6bafc14):
  // shells in two frameworks are not one app. holes12: 52.9 D, data + training, as the TRICKS alone.
  it.each([EXPRESS, NEXT])('the gaming TRICKS plus %s detect no deployment', async (attack) => {
    const r = await audit(buildA([attack], Object.keys(TRICKS)));
    expect(detected(r)).toEqual(['data', 'training']);
    expect(r.grade).toMatch(/^[DF]$/);
  });
});

describe('attack10: a stub in a language not analysed', () => {
  // project-kind's hand-written-ML check (HAND_ML_CLASS + HAND_ML_TRAIN, now reading .php): a 4-line PHP class named
  // NaiveBayes with an empty train() turns a repo with no ML into "pipeline not measurable: PHP is not analysed", and the
  // five stage rules leave the score's denominator instead of counting 0. Here 21.8 F → 38.1 F (+16.3), CLI on real
  // git 21.9 F → 36.1 F (+14.2); the same with a .js `class KMeans { train(x) {} }` (JVM/JS, the older path): +16.3.
  const noMl = (extra: Record<string, string>): MemoryRepo & { commits: Commit[] } => {
    const r = build([]);
    delete r.files['Churn.ipynb'];
    r.files['main.py'] = 'print(1)\n';
    Object.assign(r.files, extra);
    r.commits[0]!.paths = Object.keys(r.files);
    r.commits[0]!.filesChanged = Object.keys(r.files).length;
    return r;
  };
  it.each([
    ['naivebayes.php', '<?php\nclass NaiveBayes {\n  function train($x) { return 1; }\n}\n'],
    ['kmeans.js', 'class KMeans {\n  train(x) { return 1 }\n}\n'],
  ])('an empty model class in %s buys no points over the same repo without it', async (path, text) => {
    const [a, b] = await Promise.all([audit(noMl({ [path]: text })), audit(noMl({}))]);
    expect(a.score).toBeLessThanOrEqual(b.score);
  });
});

describe('attack10: honest shapes penalised', () => {
  // stage-deployment's shell negative (`Mock…Model(`) discounts the whole app file, even where the mock is only the
  // fallback when the weights file is absent (a common way to keep a demo runnable without LFS). 47.4 → 39.5.
  it('a Streamlit app that falls back to a mock model when model.pkl is missing keeps its deployment (measured: lost, -7.9)', async () => {
    const { with: w, without } = HONEST['a Streamlit app that falls back to a mock model when its weights are missing']!;
    const [a, b] = await Promise.all([audit(w), audit(without)]);
    expect(detected(b)).toContain('deployment');
    expect(detected(a)).toContain('deployment');
    expect(a.score).toBeGreaterThanOrEqual(b.score);
  });

  // `Dummy\w*Classifier(` is also scikit-learn's honest baseline (sklearn.dummy.DummyClassifier). 47.4 → 41.5.
  it('an app that shows a DummyClassifier baseline beside the real model keeps its deployment (measured: lost, -5.9)', async () => {
    const { with: w, without } = HONEST['a Streamlit app that shows the model beside a DummyClassifier baseline']!;
    const [a, b] = await Promise.all([audit(w), audit(without)]);
    expect(detected(a)).toContain('deployment');
    expect(a.score).toBeGreaterThanOrEqual(b.score);
  });

  const readme = (text: string): MemoryRepo & { commits: Commit[] } => {
    const r = build([]);
    r.files['README.md'] = `# Fraud detection\n\nDetecting card fraud on 280k transactions; ${text}\n`;
    return r;
  };
  // no-course-readme's journey pattern lets "course|class|…" be any of the next six words: "class" is a label class.
  it.each([
    ['this repo documents my journey with the minority class: SMOTE, class weights and threshold tuning.', 'journey with the minority class (42.7 → 40.1)'],
    ['my path through the class hierarchy of the fraud taxonomy is in notes.md.', 'path through the class hierarchy (42.7 → 40.1)'],
    ['roadmap below.\n\n| Week | Task | Status |\n|---|---|---|\n| 1 | EDA | done |\n| 2 | model | in progress |', 'a personal roadmap table by week (42.7 → 39.4)'],
  ])('a README that is not course material is not flagged: %s', async (text) => {
    const r = await audit(readme(text));
    expect(ruleScore(r, 'no-course-readme')).toBe(1);
  });
});

describe('attack10: a penalty dodged', () => {
  const NAMES = ['src/data/load.py', 'src/data/clean.py', 'src/features/build.py', 'src/models/train.py', 'src/models/predict.py', 'src/models/evaluate.py', 'src/api/app.py', 'src/api/schemas.py', 'tests/test_train.py', 'tests/test_api.py', 'tests/test_data.py', 'src/utils.py'];
  const skeleton = (body: (p: string) => string): MemoryRepo & { commits: Commit[] } => {
    const r = build([]);
    for (const n of NAMES) r.files[n] = body(n);
    r.commits[0]!.paths = Object.keys(r.files);
    r.commits[0]!.filesChanged = Object.keys(r.files).length;
    return r;
  };

  it('twelve empty modules fail no-empty-placeholders (41.8, rule 0)', async () => {
    expect(ruleScore(await audit(skeleton(() => '')), 'no-empty-placeholders')).toBe(0);
  });

  // holdsNothing (src/probes/empty-files.ts) knows blank lines, comments, `pass` and `...`, not a lone docstring or
  // `raise NotImplementedError`: the same skeleton escapes the rule (not-applicable) and its cap 79.
  it.each([['a docstring', (p: string) => `"""${p}: to do."""\n`], ['raise NotImplementedError', () => 'raise NotImplementedError\n']])(
    'twelve modules holding only %s are placeholders too (measured: not-applicable, 42.5)',
    async (_, body) => {
      expect(ruleScore(await audit(skeleton(body)), 'no-empty-placeholders')).toBe(0);
    },
  );
});
