/**
 * attack11: session 11's judgement changes (09450d4..9899b1b) attacked as a hostile candidate (issue #11, "No cheap
 * gaming": no trick may add 10 points or make a stage "detected"; missing data must never beat measured data; honest
 * work must not be penalised). Each hole is an `it.fails(...)`: the expectation the engine should meet, failing today,
 * so the suite stays green; when a fix lands the `it.fails` itself fails and must become a plain `it`. The plain `it`s
 * are shapes checked and found right (kept as guards).
 *
 * Measured in memory on the weak repo of test/engine/gaming-attack.ts (one notebook, a one-line README, one upload:
 * 39.5 F, data + training) and on the decent honest repo of attack11-repos.ts (80.1 B, four stages). The same from the
 * CLI on real git repos (/tmp/a11, `npx tsx src/cli.ts <repo> -f json -q`), within 0.4: weak 39.3, forged run 47.2,
 * RL test mode 43.3, caret 45.2, pom 42.3, Preprocess.java 41.3, Weka 43.3, honest 79.7, honest + regression gate 60.0
 * (capped), honest + course sentence 78.8, YOLOv5 run beside a README 21.8 (nothing detected).
 *
 *   trick / honest shape                                                   score          stage / rule effect
 *   forged Ultralytics run: args.yaml of 5 real + 26 filler keys,           39.5 → 47.4   evaluation detected
 *     3-row, 3-column results.csv (no weights, no code)                    (README only: 21.8 → 37.5, training + eval.)
 *   src/Preprocess.java (or Features.kt) of one 250-byte comment line       39.5 → 41.5   preprocessing detected
 *   P.java: `new Instances("a", attrs, raw.numInstances())` + `raw.instance(0)` 39.5 → 43.4 preprocessing detected
 *   `Q[s][a] += alpha` beside a two-line gym.make (new Q-table sign)        22.8 → 30.6   training detected
 *   the four tricks above together (forged run, RL test mode, caret, pom)  39.5 F → 56.3 C + preprocessing, evaluation
 *   rl.py: `agent.load("q.npy")` + `if mode == "test": pass` (non-RL repo)  39.5 → 43.4   evaluation detected
 *   model.R: `x <- list(preProcess = c("x"))` (no caret train, no method)   39.5 → 45.4   preprocessing detected
 *   pom.xml pinning junit + A.java `class A {}` beside a Python notebook    39.5 → 42.5   dependencies-pinned 0 → 1
 *   honest: + scripts/check_regression.py with EXPECTED = {metrics}          80.1 → 60.0   capped (readme-results 1 → 0)
 *   honest: + app.py model card typed as numbers vs the same as strings     60.0 vs 87.9  a quote char lifts a cap of 28 pts
 *   honest YOLOv5 run (opt.yaml + padded results.csv, weights absent)       31.8 (= none) v8 run with args.yaml: 45.6,
 *                                                                                          training + evaluation
 *   README "satisfy the requirements of the scikit-learn estimator class"  80.1 → 79.2   no-course-mentions 1 → 0
 *
 * Closed by holes11a: the forged Ultralytics run (run-artefacts.ts counts only settings Ultralytics writes, needs most
 * core training settings and a run's column set), the YOLOv5 run (opt.yaml read as the run record), the bare Q-table
 * update (stage-training: sameFile next-state max / discount / env.step) and agent.load + an empty test mode
 * (stage-evaluation: the load counts beside a loop that plays).
 *
 * Not holes (checked): the soft one-shot cap keeps a one-upload copy of the honest repo a C (65.6, ceiling 69.9; B is
 * 70), and fix-first's gains are re-scorings (deployment +1.1 held, +7.8 once lifted = 0.14 × 7.8). One-line LightFM
 * `build_interactions`, `zscore(x)`, Weka `new Instances(…, raw.numInstances())`, a Q-table update `Q[s][a] += alpha`,
 * `agent.update(state, action, reward)`: nothing on the weak repo or a repo with no ML (21.8). A PDF reader + `chunk_size`
 * (RAG documents) in a repo with no ML or beside a bare OpenAI call: nothing (21.8 / 23.6). A dead Python
 * `StandardScaler().fit_transform(X)` also detects preprocessing (+5.9), so the caret line is as strong as an older sign,
 * but it needs neither a call nor a method name. README `mvn package` with no pom.xml: readme-setup 0 → 1 (+2.0), as
 * `pip install pandas` already does (pre-existing: the command is not checked against a manifest). The retyped BERT
 * tutorial sign costs an honest repo 0.9 only for the tutorial's exact 7-parameter list; one parameter dropped dodges it
 * (a fingerprint's limit, not a hole). The readme-results-computed cap is dodged on a strong repo by quoting the numbers
 * (row above); on the weak repo it is worth 0.7 only (44.1 vs 44.8), its cap 60 does not bite.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { NOW, commit } from './gaming-attack.js';
import { FORGED_RUN, README_RESULTS, honestRepo, weakWith, weakWithOnly, yolov5Run, type Repo } from './attack11-repos.js';
import type { AuditedRepoReport } from '../../src/report/types.js';

const rules = loadRules();
const audit = (r: Repo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k);
const ruleScore = (r: AuditedRepoReport, id: string): number | null | undefined => r.rules.find((x) => x.id === id)?.score;

describe('attack11: tricks against session 11 stage signs', () => {
  it('the weak repo the attacks start from (39.5 F, data + training)', async () => {
    const base = await audit(weakWith({}));
    expect(detected(base)).toEqual(['data', 'training']);
    expect(base.grade).toMatch(/^[DF]$/);
  });

  // src/probes/run-artefacts.ts judgeUltralyticsRun: MIN_ARGS counts any `key: value` lines (26 filler keys `k0: 1`
  // pass), only mode/model/data/epochs are checked, and 3 rows of a 3-column CSV are a "run" (weight 2 in both
  // stage-training and stage-evaluation). 39.5 → 47.4, evaluation detected; beside a lone README 21.8 → 37.5, training
  // and evaluation detected from two hand-typed files.
  it('a hand-made Ultralytics run (31 keys, 3 rows of 3 columns) detects no evaluation (measured on 087bf7e: detected, +7.9; closed by holes11a: only Ultralytics settings count, and the column set of a run)', async () => {
    const r = await audit(weakWith(FORGED_RUN));
    expect(detected(r)).not.toContain('evaluation');
  });

  // stage-evaluation: the trained-agent load (`\w*agent\w*.load(`, 0.5, widened in d51c9c0 to literal paths) and the
  // test-mode/average sign (0.5) add up to 1: c194df8 made mode + average count once, but load + mode is still two
  // lines. Nothing is played, averaged or even defined; the repo is tabular (LogisticRegression). 39.5 → 43.4.
  it('agent.load("q.npy") + `if mode == "test": pass` detects no evaluation (measured on 087bf7e: detected, +3.9; closed by holes11a: the load counts beside a loop that plays)', async () => {
    const r = await audit(weakWith({ 'rl.py': 'agent.load("q.npy")\nif mode == "test":\n    pass\n' }));
    expect(detected(r)).not.toContain('evaluation');
  });

  // stage-preprocessing's caret sign `\bpreProcess\s*=\s*c\s*\(\s*["']` (weight 2, not weak): any list element named
  // preProcess, in any call, with any string. 39.5 → 45.4, preprocessing detected.
  it('`x <- list(preProcess = c("x"))` in an R file detects no preprocessing (measured: detected, +5.9)', async () => {
    const r = await audit(weakWith({ 'model.R': 'x <- list(preProcess = c("x"))\n' }));
    expect(detected(r)).not.toContain('preprocessing');
  });

  // stage-preprocessing's path sign, widened in b9ad46d to `.java/.scala/.kt` (`**/*{preprocess,…,feature,features,…}*`,
  // minBytes 200): code.ts filters path candidates by `reach.reached(path)`, which drops an unimported preprocess.py full
  // of comments (39.5, nothing) but keeps any JVM file. One 250-byte comment line in src/Preprocess.java (or
  // Features.kt) beside a Python notebook: 39.5 → 41.5, preprocessing detected.
  it('a src/Preprocess.java holding one long comment detects no preprocessing (measured on 9899b1b: detected, +2.0; closed by the fix18 merge: a preprocessing path needs a file that changes the data)', async () => {
    const r = await audit(weakWith({ 'src/Preprocess.java': '// ' + 'x'.repeat(250) + '\n' }));
    expect(detected(r)).not.toContain('preprocessing');
  });

  // The new Weka sign (`new Instances("…", attrs, raw.numInstances())`, sameFile `raw.instance(i)`): two lines in a .java
  // beside a Python notebook, with no Weka import, no project to build: 39.5 → 43.4, preprocessing detected.
  it('two Weka lines in a lone .java beside a Python notebook detect no preprocessing (measured: detected, +3.9)', async () => {
    const r = await audit(weakWith({ 'P.java': 'Instances d = new Instances("a", attrs, raw.numInstances());\nd.add(raw.instance(0));\n' }));
    expect(detected(r)).not.toContain('preprocessing');
  });

  // src/facts/manifests.ts loadManifests: a pom.xml counts when any .java/.kt/.scala/.groovy file has a byte. A
  // one-line class next to a Python notebook makes a pinned junit the project's manifest. dependencies-pinned 0 → 1,
  // 39.5 → 42.5 (with an unpinned requirements.txt beside it: 0 → 0.417).
  it('a pom.xml beside `class A {}` in a Python project does not pin its dependencies (measured: 0 → 1, +3.0)', async () => {
    const r = await audit(
      weakWith({
        'pom.xml': '<project><dependencies><dependency><artifactId>junit</artifactId><version>4.13.2</version></dependency></dependencies></project>\n',
        'A.java': 'class A {}\n',
      }),
    );
    expect(ruleScore(r, 'dependencies-pinned')).toBe(0);
  });

  it('a pom.xml whose library the JVM code imports is the manifest, beside a Python notebook too', async () => {
    const r = await audit(
      weakWith({
        'pom.xml': '<project><dependencies><dependency><groupId>nz.ac.waikato.cms.weka</groupId><artifactId>weka-stable</artifactId><version>3.8.6</version></dependency></dependencies></project>\n',
        'src/main/java/Train.java': 'import weka.classifiers.trees.J48;\nimport weka.core.Instances;\nclass Train { }\n',
      }),
    );
    expect(ruleScore(r, 'dependencies-pinned')).toBe(1);
  });
});

describe('attack11: the tricks on a repo with no ML, and together', () => {
  const noMl = (extra: Record<string, string>): Repo => weakWithOnly({ 'main.py': 'print(1)\n', ...extra });
  const GYM = 'import gymnasium as gym\nenv = gym.make("FrozenLake-v1")\n';

  // The forged run alone beside a one-line README (no code at all): 21.8 → 37.5, training and evaluation detected.
  // (With a `print(1)` main.py beside it nothing counts: 21.8.)
  const readmeOnly = (extra: Record<string, string>): Repo => {
    const r = noMl(extra);
    delete r.files['main.py'];
    r.commits[0]!.paths = Object.keys(r.files);
    r.commits[0]!.filesChanged = r.commits[0]!.paths.length;
    return r;
  };
  it('a hand-made Ultralytics run adds less than 10 points to a repo holding only a README (measured on 087bf7e: 21.8 → 37.5, +15.7; closed by holes11a)', async () => {
    const [a, b] = await Promise.all([audit(readmeOnly(FORGED_RUN)), audit(readmeOnly({}))]);
    expect(a.score - b.score).toBeLessThan(10);
    expect(detected(a)).toEqual([]);
  });

  // stage-training's tabular Q-learning sign (new): one line `Q[s][a] += alpha` (nothing defined, no loop, no episode)
  // beside a two-line gym env (22.8, nothing detected) makes training: 22.8 → 30.6 (+7.8). With agent.load + test mode
  // as above, evaluation too: 34.6 (+11.8 over the env alone).
  it('one line `Q[s][a] += alpha` beside gym.make detects no training (measured on 087bf7e: detected, +7.8; closed by holes11a: the update needs a next-state max or env.step in its file)', async () => {
    const r = await audit(noMl({ 'rl.py': GYM + 'Q[s][a] += alpha\n' }));
    expect(detected(r)).not.toContain('training');
  });

  // The four stage/manifest tricks above together (forged run, RL test mode, caret list, pom + class A): 39.5 F → 56.3 C
  // (+16.8), preprocessing and evaluation detected. With the older gaming TRICKS (all but the busy-work commits, 54.8 D)
  // they reach 65.9 C: over the old hard cap 65 since the one-shot cap became soft (ceiling 69.9).
  it('the four tricks together keep the weak repo D or lower with its two stages (measured before holes11a+b: 56.3 C, + preprocessing, evaluation)', async () => {
    const r = await audit(
      weakWith({
        ...FORGED_RUN,
        'rl.py': 'agent.load("q.npy")\nif mode == "test":\n    pass\n',
        'model.R': 'x <- list(preProcess = c("x"))\n',
        'pom.xml': '<project><dependencies><dependency><artifactId>junit</artifactId><version>4.13.2</version></dependency></dependencies></project>\n',
        'A.java': 'class A {}\n',
      }),
    );
    expect(r.grade).toMatch(/^[DF]$/);
    expect(detected(r)).toEqual(['data', 'training']);
  });
});

describe('attack11: honest shapes penalised by readme-results-computed', () => {
  const GATE =
    'import json\nm = json.load(open("reports/metrics.json"))\nEXPECTED = {"accuracy": 0.8134, "f1": 0.6021, "roc_auc": 0.8457}\n' +
    'for k, v in EXPECTED.items():\n    assert m[k] >= v - 0.01, k\n';
  const APP = (card: string): string =>
    'import streamlit as st\nimport joblib\nmodel, _, _ = joblib.load("models/model.joblib")\n' +
    `MODEL_CARD = ${card}\nst.sidebar.json(MODEL_CARD)\nst.write(model.predict_proba([[st.number_input("tenure")]]))\n`;

  it('the honest repo: evaluate.py computes the README numbers and writes reports/metrics.json (80.1 B)', async () => {
    const r = await audit(honestRepo());
    expect(ruleScore(r, 'readme-results')).toBe(1);
    expect(r.grade).toBe('B');
  });

  // src/probes/readme/_shared/typed-results.ts + results-typed.ts: three README numbers equal to metric-named literals
  // fail the rule whatever else the repo does — here a CI regression gate (not under tests/, so TEST_CODE_GLOBS do not
  // exclude it) pinning the expected metrics, while src/evaluate.py computes them. 80.1 B → 60.0 C, readme-results 1 → 0.
  // Fix-first then leads with 'readme +27: Report the numbers your evaluation code computes: have the evaluation script
  // write them to a file (reports/metrics.json)…' (+17.6), which this repo already does, and 'Add a ## Results section'
  // to a README that has one.
  it('a regression gate pinning the expected metrics does not cap a repo whose evaluation computes them (measured on 087bf7e: 80.1 → 60.0)', async () => {
    const [a, b] = await Promise.all([audit(honestRepo({ 'scripts/check_regression.py': GATE })), audit(honestRepo())]);
    expect(a.score).toBeGreaterThanOrEqual(b.score);
    expect(ruleScore(a, 'readme-results')).toBe(1);
    // Fix-first does not tell a repo whose evaluation writes reports/metrics.json to write its metrics to a file.
    expect(JSON.stringify(a.fixFirst ?? {})).not.toMatch(/write them to a file/);
  });

  it('the same gate with its expected values quoted, one per line, inside an assert, caps nothing either', async () => {
    const gate =
      'import json\nm = json.load(open("reports/metrics.json"))\nEXPECTED_METRICS = {\n    "accuracy": "0.8134",\n    "f1": "0.6021",\n' +
      '    "roc_auc": "0.8457",\n}\nassert m["accuracy"] >= 0.8134 - 0.01\n';
    const a = await audit(honestRepo({ 'scripts/check_regression.py': gate }));
    expect(ruleScore(a, 'readme-results')).toBe(1);
    expect(a.cappedBy).toBeUndefined();
  });

  it('naming the typed dictionary EXPECTED in a file that checks nothing does not lift the cap', async () => {
    const r = honestRepo({ 'app.py': APP('{"accuracy": 0.8134, "f1": 0.6021, "roc_auc": 0.8457}').replace('MODEL_CARD', 'EXPECTED').replace('MODEL_CARD', 'EXPECTED') });
    delete r.files['src/evaluate.py'];
    r.commits = r.commits.map((c) => ({ ...c, paths: (c.paths ?? []).filter((p) => p !== 'src/evaluate.py') }));
    const a = await audit(r);
    expect(a.cappedBy?.rule).toBe('readme-results-computed');
  });

  it('an app typing the README numbers still caps a repo whose code computes none of those metrics', async () => {
    const r = honestRepo({ 'app.py': APP('{"accuracy": "0.8134", "f1": "0.6021", "roc_auc": "0.8457"}') });
    delete r.files['src/evaluate.py'];
    r.commits = r.commits.map((c) => ({ ...c, paths: (c.paths ?? []).filter((p) => p !== 'src/evaluate.py') }));
    const a = await audit(r);
    expect(ruleScore(a, 'readme-results')).toBe(0);
    expect(a.cappedBy?.rule).toBe('readme-results-computed');
  });

  // The same model card in the app typed as numbers or as strings: NAME_LITERAL needs a bare decimal, so quoting the
  // numbers lifts the cap (a dodge for an invented table; a 28-point swing on an honest repo). 60.0 C vs 87.9 A.
  it('a model card typed as numbers scores as the same card typed as strings (measured on 087bf7e: 60.0 C vs 87.9 A)', async () => {
    const [num, str] = await Promise.all([
      audit(honestRepo({ 'app.py': APP('{"accuracy": 0.8134, "f1": 0.6021, "roc_auc": 0.8457}') })),
      audit(honestRepo({ 'app.py': APP('{"accuracy": "0.8134", "f1": "0.6021", "roc_auc": "0.8457"}') })),
    ]);
    expect(num.score).toBe(str.score);
  });
});

describe('attack11: honest YOLO runs', () => {
  const nb = (cells: string[]): string =>
    JSON.stringify({ cells: cells.map((c) => ({ cell_type: 'code', source: c, metadata: {}, outputs: [], execution_count: null })), metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const yolo = (run: Record<string, string>): Repo => {
    const r = weakWith({
      'README.md': '# Road cracks\n\nYOLO trained on Colab.\n',
      'train_colab.ipynb': nb(['!git clone https://github.com/ultralytics/yolov5\n%cd yolov5\n!pip install -r requirements.txt', '!python train.py --img 640 --batch 16 --epochs 30 --data ../cracks.yaml --weights yolov5s.pt']),
      ...run,
    });
    delete r.files['Churn.ipynb'];
    r.commits[0]!.paths = Object.keys(r.files);
    r.commits[0]!.filesChanged = r.commits[0]!.paths.length;
    return r;
  };
  const v8 = (): Record<string, string> => {
    const doc = yaml.load(readFileSync(new URL('../../rules/pipeline/stage-evaluation.yml', import.meta.url), 'utf8')) as {
      examples: { pass: Array<{ files?: Record<string, string> }> };
    };
    const f = doc.examples.pass.find((e) => e.files?.['runs/cracks_s_v2/args.yaml'])!.files!;
    return { 'runs/detect/train/args.yaml': f['runs/cracks_s_v2/args.yaml']!, 'runs/detect/train/results.csv': f['runs/cracks_s_v2/results.csv']! };
  };

  it('a YOLOv8 run folder (args.yaml + results.csv, weights absent) counts as training and evaluation (31.8 → 45.6)', async () => {
    const r = await audit(yolo(v8()));
    expect(detected(r)).toEqual(expect.arrayContaining(['training', 'evaluation']));
  });

  // run-artefacts.ts reads only Ultralytics v8's args.yaml: YOLOv5 (still the most copied Colab recipe) records its run
  // in opt.yaml + hyp.yaml beside the same per-epoch results.csv (metrics/precision, metrics/mAP_0.5). Nothing counts:
  // 31.8 F, evaluation 0, training 0.25 (from the notebook's `!python train.py`), while the v8 run scores 45.6.
  it('a YOLOv5 run folder (opt.yaml + results.csv, weights absent) counts as evaluation (measured on 087bf7e: 31.8, not detected; closed by holes11a: opt.yaml is read as the run record)', async () => {
    const r = await audit(yolo(yolov5Run()));
    expect(detected(r)).toContain('evaluation');
  });
});

describe('attack11: the course-requirements mention', () => {
  // no-course-mentions' new pattern accepts `module` and `class` as the course word: an engineering sentence about the
  // scikit-learn estimator API reads as a graded assignment. no-course-mentions 1 → 0, 80.1 → 79.2.
  it('"the custom transformers satisfy the requirements of the scikit-learn estimator class" is no course mention (measured on 087bf7e: 0)', async () => {
    const r = await audit(honestRepo({ 'README.md': README_RESULTS + '\nThe custom transformers satisfy the requirements of the scikit-learn estimator class (fit / transform).\n' }));
    expect(ruleScore(r, 'no-course-mentions')).toBe(1);
  });
});

describe('attack11: the soft one-shot cap', () => {
  it('a one-upload copy of the honest repo stays a C below the ceiling 69.9 (65.6)', async () => {
    const r = honestRepo();
    r.commits = [commit(new Date(NOW.getTime() - 5 * 86_400_000), 'Add files via upload', Object.keys(r.files))];
    const a = await audit(r);
    expect(a.grade).toBe('C');
    expect(a.cappedBy).toEqual({ rule: 'history-one-shot', max: 69.9 });
  });
});
