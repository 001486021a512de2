import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitTree, type Fingerprints } from '../../script/build-fingerprints.js';
import { createProbeContext } from '../../src/probes/context.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { tokenLanguageOf } from '../../src/probes/code-tokens.js';
import { coreRetyped, fingerprintsProbe, retypeScore, sharedNeeded, type FingerprintParams } from '../../src/probes/fingerprints.js';
import { bestRetypeMatch, matchBeyond, holdersOf, indexContent } from '../../src/probes/retype-match.js';
import { decodeFingerprints, encodeFingerprints } from '../../src/probes/winnow.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { ProbeResult, RepoSnapshot } from '../../src/types.js';
import { retypeProject } from '../helpers/retype.js';

const root = join(import.meta.dirname, '../..');
const rule = loadRules().rules.find((r) => r.id === 'not-a-known-copy')!;
const ruleParams = rule.params as FingerprintParams;

function readDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out[relative(dir, f)] = readFileSync(f, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const template = readDir(join(root, 'script/fingerprint-examples/synthetic-template'));

async function run(snapshot: RepoSnapshot, params: Partial<FingerprintParams> = {}): Promise<ProbeResult> {
  return runWithDefaults(fingerprintsProbe, { ...ruleParams, ...params }, createProbeContext(snapshot, new Date(0)));
}
const examples = { catalogue: 'fingerprints-examples.json' };

/** An original project on the same libraries as the template: pandas, scikit-learn, Flask, pickle. */
const original: Record<string, string> = {
  'churn/data.py': [
    'import pandas as pd',
    '',
    'def load(path):',
    '    df = pd.read_csv(path, parse_dates=["signup"])',
    '    df["tenure_days"] = (pd.Timestamp("2025-06-01") - df.signup).dt.days',
    '    df["calls_per_month"] = df.support_calls / (df.tenure_days / 30).clip(lower=1)',
    '    return df.drop(columns=["customer_id", "signup"])',
  ].join('\n'),
  'churn/model.py': [
    'import pickle',
    'from sklearn.ensemble import RandomForestClassifier',
    'from sklearn.metrics import roc_auc_score',
    'from sklearn.model_selection import StratifiedKFold',
    '',
    'def cross_validated_auc(X, y, seeds=(0, 1, 2)):',
    '    scores = []',
    '    for seed in seeds:',
    '        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):',
    '            clf = RandomForestClassifier(n_estimators=300, min_samples_leaf=5, random_state=seed)',
    '            clf.fit(X.iloc[train], y.iloc[train])',
    '            scores.append(roc_auc_score(y.iloc[test], clf.predict_proba(X.iloc[test])[:, 1]))',
    '    return sum(scores) / len(scores)',
    '',
    'def save(clf, path):',
    '    with open(path, "wb") as f:',
    '        pickle.dump(clf, f)',
  ].join('\n'),
  'serve.py': [
    'from flask import Flask, jsonify, request',
    'import pickle',
    'app = Flask(__name__)',
    'clf = pickle.load(open("models/churn.pkl", "rb"))',
    '@app.post("/score")',
    'def score():',
    '    rows = request.get_json()["customers"]',
    '    return jsonify([{"id": r["id"], "risk": float(clf.predict_proba([r["x"]])[0, 1])} for r in rows])',
  ].join('\n'),
};

describe('fingerprints probe: retyped copies', () => {
  it('flags a generated retype of a catalogued source, naming it and the matching file pairs', async () => {
    const retyped = retypeProject(template, { root: 'my_project/' });
    // The retype shares no byte-identical file: only the content fingerprints can see it.
    const r = await run(memorySnapshot({ files: { 'README.md': '# My project\n', ...retyped } }), examples);
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/^shares the structure of example\/synthetic-template \(retyped\): \d+% of the code fingerprints match its code, \d+ file pairs, \d+ files? retyped whole$/);
    expect(r.evidence[0]!.detail).toMatch(/^shares the structure of example\/synthetic-template \(retyped\): \d+ of the \d+ code fingerprints of \d+ code files/);
    const pairs = r.evidence.filter((e) => e.problem);
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(pairs.map((e) => e.detail).join('\n')).toContain('example/synthetic-template:src/components/data_transformation.py');
    for (const p of pairs) expect(p.path).toMatch(/^my_project\//);
    expect(r.evidence.some((e) => /no file identical/.test(e.detail))).toBe(true);
  });

  it('still flags the retype with a statement added every 8th line and one removed every 16th', async () => {
    const r = await run(memorySnapshot({ files: retypeProject(template, { edits: 8 }) }), examples);
    expect(r.score).toBe(0);
  });

  it('does not flag an original project on the same libraries', async () => {
    const r = await run(memorySnapshot({ files: original }), examples);
    expect(r.score).toBe(1);
    expect(r.evidence.map((e) => e.detail).join('\n')).toMatch(/no retype of a known course or template repository/);
  });

  it('one retyped helper inside an own project is under minShared: not a copy', async () => {
    const utils = retypeProject({ 'src/utils.py': template['src/utils.py']! });
    const r = await run(memorySnapshot({ files: { ...original, ...utils } }), examples);
    expect(r.score).toBe(1);
    // A few shared fingerprints name no source.
    const detail = r.evidence.map((e) => e.detail).join('\n');
    expect(detail).toMatch(/at most \d+ of its \d+ code fingerprints \(\d+%\) are in any one of them/);
    expect(detail).not.toContain('synthetic-template');
  });

  it('a repo without Python, notebook, R or Julia code says so', async () => {
    const r = await run(memorySnapshot({ files: { 'index.js': 'const x = require("y");\n'.repeat(50) } }), examples);
    expect(r.score).toBe(1);
    expect(r.evidence.map((e) => e.detail)).toContain('no Python, notebook, R or Julia code to compare with known course and template repositories');
  });

  it('measures a plain directory (no blob ids) by its content', async () => {
    const snap = memorySnapshot({ files: retypeProject(template) });
    const plain: RepoSnapshot = { ...snap, blobIds: undefined };
    const r = await run(plain, examples);
    expect(r.outcome).not.toBe('not-measurable');
    expect(r.score).toBe(0);
    expect(r.evidence.map((e) => e.detail)).toContain('file ids unknown for this source (not a git repository): identical files not checked');
  });

  it('the score: 1 below partialShare or minShared, falling to 0.5 at share, 0 from share', () => {
    const m = (matched: number, share: number) => ({ source: 0, matched, total: Math.round(matched / share), share, pairs: [] });
    expect(retypeScore(null, 0.3, 0.15, 40)).toBe(1);
    expect(retypeScore(m(39, 0.2), 0.3, 0.15, 40)).toBe(1);
    expect(retypeScore(m(100, 0.15), 0.3, 0.15, 40)).toBe(1);
    expect(retypeScore(m(100, 0.225), 0.3, 0.15, 40)).toBeCloseTo(0.75);
    expect(retypeScore(m(100, 0.2999), 0.3, 0.15, 40)).toBeGreaterThan(0.5);
    expect(retypeScore(m(100, 0.3), 0.3, 0.15, 40)).toBe(0);
  });

  it('a small repository (minShared beyond 80 % of its code) counts from share of its own, at least 10 of them', () => {
    const m = (matched: number, total: number) => ({ source: 0, matched, total, share: matched / total, pairs: [] });
    // One notebook (32 fingerprints at most): 13 of them in a tutorial notebook (41%) is a copy, as 40 of 100 would be.
    expect(sharedNeeded(32, 0.3, 32)).toBe(10);
    expect(retypeScore(m(13, 32), 0.3, 0.15, 32)).toBe(0);
    expect(sharedNeeded(39, 0.3, 32)).toBe(12);
    // Near misses: 9 of 32 (28%) is under share; 2 of 5 (a few lines, 40%) is under the floor of 10.
    expect(retypeScore(m(9, 32), 0.3, 0.15, 32)).toBe(1);
    expect(retypeScore(m(2, 5), 0.3, 0.15, 32)).toBe(1);
    // From 40 fingerprints (minShared within 80 % of the code) a repository needs minShared: 27 of 80 (34%, one helper
    // beside own code) is no copy.
    expect(sharedNeeded(40, 0.3, 32)).toBe(32);
    expect(retypeScore(m(27, 80), 0.3, 0.15, 32)).toBe(1);
    expect(retypeScore(m(31, 200), 0.3, 0.15, 32)).toBe(1);
    expect(retypeScore(m(32, 200), 0.3, 0.15, 32)).toBeLessThan(1);
  });

  it('minShared 32 (one notebook\'s worth): a short walkthrough retyped whole beside a little own code counts', () => {
    const m = (matched: number, total: number) => ({ source: 0, matched, total, share: matched / total, pairs: [] });
    // A football-results walkthrough retyped with an own extension (35 of 88, 40%): no single notebook could give 40.
    expect(retypeScore(m(35, 88), 0.3, 0.15, 32)).toBe(0);
    expect(retypeScore(m(35, 88), 0.3, 0.15, 40)).toBe(1);
    // The shipped rule says 32.
    expect((rule.params as { minShared: number }).minShared).toBe(32);
  });

  it('a repository whose code is mostly files retyped whole counts from share of its own, whatever its size', () => {
    const pair = (path: string, shared: number, of: number) => ({ path, theirs: 'Chapter6.ipynb', file: 0, shared, of });
    const file = (path: string, tokens?: number) => ({ path, fingerprints: [1], tokens });
    // A book chapter's training script retyped (20 of its 32 fingerprints) beside a smaller own inference script.
    const m = { source: 0, matched: 20, total: 58, share: 20 / 58, pairs: [pair('train.py', 20, 32)] };
    expect(coreRetyped(m, [file('train.py', 900), file('predict.py', 300)])).toBe(true);
    expect(coreRetyped(m, [file('train.py', 900), file('predict.py', 900)])).toBe(true);
    expect(sharedNeeded(58, 0.3, 40, true)).toBe(18);
    expect(retypeScore(m, 0.3, 0.15, 40, 3, true)).toBe(0);
    // Near misses: the retyped file is a helper, under half the code (900 of 1,801 tokens); token counts unknown; a
    // file that is not retyped whole (15 of 32); under share of its own (17 of 58).
    expect(coreRetyped(m, [file('train.py', 900), file('predict.py', 600), file('data.py', 301)])).toBe(false);
    expect(coreRetyped(m, [file('train.py'), file('predict.py')])).toBe(false);
    expect(coreRetyped({ ...m, pairs: [pair('train.py', 15, 32)] }, [file('train.py', 900), file('predict.py', 300)])).toBe(false);
    expect(retypeScore(m, 0.3, 0.15, 40, 3, false)).toBe(1);
    expect(retypeScore({ ...m, matched: 17, share: 17 / 58 }, 0.3, 0.15, 40, 3, true)).toBe(1);
    // Never above minShared, and a small repository is measured as before.
    expect(sharedNeeded(500, 0.3, 40, true)).toBe(40);
    expect(sharedNeeded(32, 0.3, 40, true)).toBe(sharedNeeded(32, 0.3, 40));
  });

  it('files retyped whole count like identical files (1 − files / need), only past minShared, whatever the share', () => {
    const pair = (shared: number, of: number) => ({ path: `p${shared}-${of}`, theirs: 't.py', file: 0, shared, of });
    const m = (matched: number, pairs: ReturnType<typeof pair>[]) => ({ source: 0, matched, total: matched * 10, share: 0.1, pairs });
    const whole = [pair(26, 30), pair(31, 32), pair(16, 32)];
    expect(retypeScore(m(150, whole), 0.3, 0.15, 40, 3)).toBe(0);
    expect(retypeScore(m(150, whole.slice(0, 1)), 0.3, 0.15, 40, 3)).toBeCloseTo(2 / 3);
    // Under half of a file's fingerprints, or a file too small to say (under 8), is not a file retyped whole.
    expect(retypeScore(m(150, [pair(15, 32), pair(12, 32), pair(5, 7)]), 0.3, 0.15, 40, 3)).toBe(1);
    // Below minShared nothing counts; without `need` the files are not counted.
    expect(retypeScore(m(39, whole), 0.3, 0.15, 40, 3)).toBe(1);
    expect(retypeScore(m(150, whole), 0.3, 0.15, 40)).toBe(1);
  });

  it('the advice is to build an original project, never how to hide a copy', () => {
    expect(rule.remediation).toMatch(/build an original project on what it taught you/);
    expect(rule.remediation).not.toMatch(/renam|reformat|rewrit|obfuscat|disguis|paraphras|change the (?:names|variables)/i);
  });
});

// The shipped catalogue against retypes of the real sources, when this machine has their snapshots.
const MIRRORS = process.env.MLPA_MIRRORS ?? '/work/.mirror';
const gitDirOf = (repo: string): string | undefined =>
  [join(MIRRORS, repo.replace('/', '+'), 'repo/.git'), join(MIRRORS, repo.replace('/', '+'), 'repo')].find((d) => existsSync(join(d, 'HEAD')));

const shippedCatalogue = JSON.parse(readFileSync(join(root, 'rules/fingerprints.json'), 'utf8')) as Fingerprints;
const shippedSources = shippedCatalogue.sources;

describe.each(['krishnaik06/mlproject', 'GokuMohandas/Made-With-ML', 'lpei756/learningTensorflow'])('shipped catalogue: a retype of %s', (repo) => {
  const dir = gitDirOf(repo);
  // A source that stands in for a template published elsewhere is named with what it is a copy of.
  const origin = shippedSources.find((s) => s.repo === repo)?.origin;
  it.skipIf(!dir)('is flagged and attributed to it (renamed, reformatted, uncommented, moved; with and without edits)', async () => {
    const tree = gitTree(repo, dir!);
    const code = tree.entries.filter((e) => tokenLanguageOf(e.path));
    const files: Record<string, string> = {};
    for (const [p, b] of tree.read(code)) files[p] = new TextDecoder().decode(b);
    for (const edits of [0, 8]) {
      const r = await run(memorySnapshot({ files: { 'README.md': '# Project\n', ...retypeProject(files, { edits }) } }));
      expect(r.score, `edits ${edits}: ${r.note}`).toBe(0);
      expect(r.note).toContain(`shares the structure of ${repo}${origin ? ` (${origin})` : ''} (retyped)`);
    }
  });
});

// The widely copied tutorials of session 12 (docs/calibration/retype.md): the usual copy is one tutorial notebook.
describe.each([
  ['tensorflow/docs', 'site/en/tutorials/keras/classification.ipynb'],
  ['udacity/deep-learning-v2-pytorch', 'intro-to-pytorch/Part 4 - Fashion-MNIST (Solution).ipynb'],
  ['stockmarkteam/bert-book', 'Chapter6.ipynb'],
])('shipped catalogue: one tutorial of %s retyped alone', (repo, path) => {
  const dir = gitDirOf(repo);
  it.skipIf(!dir)(`is a copy named after its source (${path})`, async () => {
    const source = shippedCatalogue.sources.find((s) => s.repo === repo)!;
    const tree = gitTree(repo, dir!, { only: source.only });
    const entry = tree.entries.find((e) => e.path === path)!;
    const text = new TextDecoder().decode(tree.read([entry]).get(path));
    for (const edits of [0, 8]) {
      const r = await run(memorySnapshot({ files: { 'README.md': '# My classifier\n', ...retypeProject({ [path]: text }, { edits }) } }));
      expect(r.score, `edits ${edits}: ${r.note}`).toBe(0);
      expect(r.note).toContain(`shares the structure of ${repo} (retyped)`);
    }
  });
});

// The companion repositories of video courses added in session 14 (cat14, docs/calibration/retype.md): a follower
// usually retypes the video's one notebook or its last lesson's script. (A short LLM-app notebook that is mostly prompt
// strings, as the cold-email one, is named only when retyped without edits: retype.md, "Session 14".) And the most
// copied video projects of session 16 (cat16, retype.md, "Session 16: the most copied video projects"): the Stock
// Market Predictor's author published no repository; its stand-in, the earliest public copy, is named with what it
// stands for.
describe.each([
  ['musikalkemist/generating-melodies-with-rnn-lstm', '9 - Converting Generated Melodies to MIDI/preprocess.py'],
  ['nicknochnack/ActionDetectionforSignLanguage', 'Action Detection Refined.ipynb'],
  ['nicknochnack/DeepAudioClassification', 'AudioClassification.ipynb'],
  ['krishnaik06/Kidney-Disease-Classification-Deep-Learning-Project', 'research/02_prepare_base_model.ipynb'],
  ['codebasics/project-genai-cold-email-generator', 'app/chains.py'],
  ['nicknochnack/TFODCourse', '2. Training and Detection.ipynb'],
  ['Junaid1851/stock-prediction', 'Stock_Market_Prediction_Model_Creation.ipynb'],
  ['Junaid1851/stock-prediction', 'app.py'],
  ['patrickloeber/pytorch-chatbot', 'train.py'],
  ['campusx-official/movie-recommender-system-tmdb-dataset', 'notebook86c26b4f17.ipynb'],
  ['campusx-official/book-recommender-system', 'book-recommender-system.ipynb'],
  // Session 17 (cat17, retype.md, "Session 17: the next tier of copied projects"); of the MCQ generator, its helpers (its
  // chain module and notebook are mostly prompt strings, named when retyped without edits, as the cold-email notebook).
  ['karpathy/build-nanogpt', 'train_gpt2.py'],
  ['karpathy/micrograd', 'micrograd/engine.py'],
  ['mrdbourke/zero-to-mastery-ml', 'section-3-structured-data-projects/end-to-end-heart-disease-classification.ipynb'],
  ['mrdbourke/pytorch-deep-learning', '01_pytorch_workflow.ipynb'],
  ['sunnysavita10/MCQGenerator', 'StreamlitApp.py'],
  ['sunnysavita10/Automated-MCQ-Generator-Using-Langchain-OpenAI-API', 'src/mcqgenerator/utils.py'],
  ['nicknochnack/LipNet', 'LipNet.ipynb'],
  // Session 18 (cat18, retype.md, "Session 18: course set projects"): Udacity's nanodegree project starters, each
  // retyped alone as its followers keep it.
  ['udacity/DSND_Term2', 'project_files/Recommendations_with_IBM/Recommendations_with_IBM.ipynb'],
  ['udacity/DSND_Term2', 'project_files/Disaster_Response_Pipeline/web_application/app/run.py'],
  ['udacity/CarND-Traffic-Sign-Classifier-Project', 'Traffic_Sign_Classifier.ipynb'],
  ['udacity/dog-project', 'dog_app.ipynb'],
  ['udacity/machine-learning', 'projects/finding_donors/finding_donors.ipynb'],
  ['udacity/machine-learning', 'projects/boston_housing/boston_housing.ipynb'],
  ['udacity/AIPND-revision', 'intropyproject-classify-pet-images/check_images.py'],
  ['udacity/deep-learning', 'image-classification/dlnd_image_classification.ipynb'],
  ['udacity/deep-learning', 'first-neural-network/Your_first_neural_network.ipynb'],
  // Session 19 (cat19, retype.md, "Session 19: the tutorials of sets 56, 58 and 59"): the Network Security MLOps video
  // project through its stand-in (its components are the project, not the scaffold), and Karpathy's makemore lectures
  // and script.
  ['udaysatyakumar/networksecurity', 'networksecurity/components/data_transformation.py'],
  ['udaysatyakumar/networksecurity', 'app.py'],
  ['karpathy/nn-zero-to-hero', 'lectures/makemore/makemore_part2_mlp.ipynb'],
  ['karpathy/nn-zero-to-hero', 'lectures/makemore/makemore_part5_cnn1.ipynb'],
  ['karpathy/makemore', 'makemore.py'],
  // and two more projects of the same MLOps template family, each the instructor's own repository (the US visa and
  // vehicle insurance video projects).
  ['entbappy/MLOPs-Production-Ready-Machine-Learning-Project', 'us_visa/components/data_transformation.py'],
  ['entbappy/MLOPs-Production-Ready-Machine-Learning-Project', 'notebook/2_Feature_Engineering_and_Model_Training.ipynb'],
  ['vikashishere/YT-MLops-Proj1', 'src/components/model_evaluation.py'],
  ['vikashishere/YT-MLops-Proj1', 'app.py'],
  // Session 19 (cat19b, retype.md, "Session 19b: the tutorials of sets 60 and 61"): PyImageSearch's face mask detector
  // and Miuul's demand forecasting lecture, each through a public copy (their authors publish no repository).
  ['chandrikadeb7/Face-Mask-Detection', 'train_mask_detector.py'],
  ['chandrikadeb7/Face-Mask-Detection', 'detect_mask_video.py'],
  ['mehmetbuyukgumus/Time-Series', 'demand_forecasting.py'],
  // Session 20 (cat20, retype.md, "Session 20: the tutorials of sets 62, 64 and 65"): Mastering Transformers' NER
  // chapter, Opacus' CIFAR-10 tutorial and Dataquest's walkthroughs (the authors' own repositories).
  ['PacktPublishing/Mastering-Transformers', 'CH06/CH06a_Fine_tuning_language_models_for_NER.ipynb'],
  ['pytorch/opacus', 'tutorials/building_image_classifier.ipynb'],
  ['dataquestio/project-walkthroughs', 'football_matches/prediction.ipynb'],
  ['dataquestio/project-walkthroughs', 'sp_500/market_prediction.ipynb'],
])('shipped catalogue: one file of the video course or project %s retyped alone', (repo, path) => {
  const dir = gitDirOf(repo);
  it.skipIf(!dir)(`is a copy named after its source (${path})`, async () => {
    const source = shippedCatalogue.sources.find((s) => s.repo === repo)!;
    expect(source, repo).toBeDefined();
    const tree = gitTree(repo, dir!, { only: source.only });
    const entry = tree.entries.find((e) => e.path === path)!;
    const text = new TextDecoder().decode(tree.read([entry]).get(path));
    for (const edits of [0, 8]) {
      const r = await run(memorySnapshot({ files: { 'README.md': '# My project\n', ...retypeProject({ [path]: text }, { edits }) } }));
      expect(r.score, `edits ${edits}: ${r.note}`).toBe(0);
      expect(r.note).toContain(`shares the structure of ${repo}${source.origin ? ` (${source.origin})` : ''} (retyped)`);
    }
  });
});

// Session 17 (cat17): the "going modular" scripts of Daniel Bourke's PyTorch course are kept, byte for byte, by projects
// of their own (a research repository's training code on them). They are not catalogued (a byte-identical copy would
// cap); the notebooks that write them are the source's scaffold: kept beside own work they are named and fail the rule
// in part, without the cap. The course's notebooks followed still cap (the case above).
describe('shipped catalogue: the going_modular scripts of mrdbourke/pytorch-deep-learning kept beside own work', () => {
  const repo = 'mrdbourke/pytorch-deep-learning';
  const dir = gitDirOf(repo);
  /** Made-up own code: a dermatology classifier's calibration and conformal sets (written for this test). */
  const own: Record<string, string> = {
    'derm/conformal.py': [
      'import numpy as np',
      'import torch',
      '',
      'def softmax_scores(model, loader, device):',
      '    model.eval()',
      '    out, labels = [], []',
      '    with torch.inference_mode():',
      '        for x, y in loader:',
      '            out.append(torch.softmax(model(x.to(device)), dim=1).cpu().numpy())',
      '            labels.append(y.numpy())',
      '    return np.concatenate(out), np.concatenate(labels)',
      '',
      'def calibrate(probs, labels, alpha=0.1):',
      '    n = len(labels)',
      '    nonconformity = 1.0 - probs[np.arange(n), labels]',
      '    level = np.ceil((n + 1) * (1 - alpha)) / n',
      '    return np.quantile(nonconformity, min(level, 1.0), method="higher")',
      '',
      'def prediction_sets(probs, qhat):',
      '    return [np.flatnonzero(1.0 - row <= qhat) for row in probs]',
      '',
      'def coverage_by_group(sets, labels, groups):',
      '    result = {}',
      '    for g in np.unique(groups):',
      '        idx = np.flatnonzero(groups == g)',
      '        hits = [labels[i] in sets[i] for i in idx]',
      '        sizes = [len(sets[i]) for i in idx]',
      '        result[str(g)] = {"coverage": float(np.mean(hits)), "mean_size": float(np.mean(sizes)), "n": int(len(idx))}',
      '    return result',
      '',
      'def worst_group_gap(report, target):',
      '    return max(abs(v["coverage"] - target) for v in report.values())',
    ].join('\n'),
    'derm/skin_tone.py': [
      'import pandas as pd',
      '',
      'FITZPATRICK = {"I": 0, "II": 0, "III": 1, "IV": 1, "V": 2, "VI": 2}',
      '',
      'def load_metadata(path, min_per_group=30):',
      '    meta = pd.read_csv(path)',
      '    meta = meta.dropna(subset=["fitzpatrick", "diagnosis"])',
      '    meta["tone_group"] = meta.fitzpatrick.map(FITZPATRICK)',
      '    counts = meta.groupby(["tone_group", "diagnosis"]).size().unstack(fill_value=0)',
      '    keep = counts.columns[(counts >= min_per_group).all(axis=0)]',
      '    return meta[meta.diagnosis.isin(keep)].reset_index(drop=True)',
      '',
      'def stratified_calibration_split(meta, frac=0.3, seed=7):',
      '    cal = meta.groupby(["tone_group", "diagnosis"], group_keys=False).sample(frac=frac, random_state=seed)',
      '    return cal.index.to_numpy(), meta.index.difference(cal.index).to_numpy()',
    ].join('\n'),
  };
  it.skipIf(!dir)('are named, fail the rule in part and do not cap', async () => {
    const tree = gitTree(repo, dir!);
    const kept = tree.entries.filter((e) => /^going_modular\/going_modular\/(?:data_setup|engine|model_builder|utils)\.py$/.test(e.path));
    expect(kept).toHaveLength(4);
    const files: Record<string, string> = {};
    for (const [p, b] of tree.read(kept)) files[p.replace('going_modular/going_modular/', 'going_modular/')] = new TextDecoder().decode(b);
    const r = await run(memorySnapshot({ files: { 'README.md': '# Conformal prediction across skin tones\n', ...files, ...own } }));
    expect(r.note).toContain(`shares the structure of ${repo} (retyped)`);
    expect(r.note).toContain('which does not cap by itself');
    expect(r.score).toBe(0.5);
    // No byte-identical file: the scripts are not in the catalogue.
    expect(r.note).not.toContain('byte-identical');
  });
});

// Session 19 (cat19): the MLOps template family's helpers (Network Security's custom exception, logger, yaml and
// pickle utilities and config entities; the US visa and vehicle insurance projects' MongoDB and S3 connectors,
// estimator wrappers and utilities) are kept by followers for projects of their own; they are the sources'
// scaffold: kept beside own components they are named and fail the rule in part, without the cap (the project's
// components retyped still cap: the case above).
describe.each([
  ['udaysatyakumar/networksecurity', 'networksecurity/', /^networksecurity\/(?:exception\/exception|logging\/logger|utils\/main_utils\/utils|entity\/config_entity|entity\/artifact_entity)\.py$/],
  ['entbappy/MLOPs-Production-Ready-Machine-Learning-Project', 'us_visa/', /^us_visa\/(?:cloud_storage\/aws_storage|configuration\/mongo_db_connection|entity\/estimator|entity\/s3_estimator|utils\/main_utils)\.py$/],
  ['vikashishere/YT-MLops-Proj1', 'src/', /^src\/(?:cloud_storage\/aws_storage|configuration\/mongo_db_connection|entity\/estimator|entity\/s3_estimator|utils\/main_utils)\.py$/],
] as const)('shipped catalogue: the MLOps template helpers of %s kept beside own work', (repo, folder, helpers) => {
  const dir = gitDirOf(repo);
  /** Made-up own code: a wind-turbine vibration fault detector's components (written for this test). */
  const own: Record<string, string> = {
    'turbine/components/spectra.py': [
      'import numpy as np',
      'from scipy.signal import welch',
      '',
      'BANDS = [(0, 50), (50, 200), (200, 800), (800, 3000)]',
      '',
      'def band_energies(signal, fs):',
      '    freqs, power = welch(signal, fs=fs, nperseg=2048)',
      '    out = []',
      '    for lo, hi in BANDS:',
      '        mask = (freqs >= lo) & (freqs < hi)',
      '        out.append(float(np.trapz(power[mask], freqs[mask])))',
      '    return np.log1p(np.array(out))',
      '',
      'def kurtosis_windows(signal, width=4096):',
      '    chunks = signal[: len(signal) // width * width].reshape(-1, width)',
      '    centred = chunks - chunks.mean(axis=1, keepdims=True)',
      '    return (centred ** 4).mean(axis=1) / (centred.var(axis=1) ** 2 + 1e-12)',
    ].join('\n'),
    'turbine/components/fault_model.py': [
      'import numpy as np',
      'from sklearn.ensemble import IsolationForest',
      'from sklearn.metrics import precision_recall_curve',
      '',
      'def fit_healthy(features, seed=3):',
      '    model = IsolationForest(n_estimators=300, contamination="auto", random_state=seed)',
      '    return model.fit(features)',
      '',
      'def alarm_threshold(model, features, labels, min_precision=0.9):',
      '    scores = -model.score_samples(features)',
      '    precision, recall, thresholds = precision_recall_curve(labels, scores)',
      '    ok = np.flatnonzero(precision[:-1] >= min_precision)',
      '    return float(thresholds[ok[np.argmax(recall[ok])]]) if len(ok) else float(thresholds[-1])',
      '',
      'def lead_time_hours(alarms, failures):',
      '    leads = [min((f - a for a in alarms if a <= f), default=None) for f in failures]',
      '    return [l.total_seconds() / 3600 for l in leads if l is not None]',
    ].join('\n'),
  };
  it.skipIf(!dir)('are named, fail the rule in part and do not cap', async () => {
    const tree = gitTree(repo, dir!);
    const kept = tree.entries.filter((e) => helpers.test(e.path));
    expect(kept).toHaveLength(5);
    const files: Record<string, string> = {};
    for (const [p, b] of tree.read(kept)) files[p.replace(folder, 'turbine/')] = new TextDecoder().decode(b);
    const r = await run(memorySnapshot({ files: { 'README.md': '# Early fault alarms for wind turbines\n', ...retypeProject(files, { edits: 0 }), ...own } }));
    expect(r.note).toContain(`shares the structure of ${repo}`);
    expect(r.note).toContain('which does not cap by itself');
    expect(r.score).toBe(0.5);
  });
});

describe('shipped catalogue: the tutorial sources of session 12 hold code files only (d2l, whose code is in its pages, aside)', () => {
  const tutorials = [
    'tensorflow/docs', 'huggingface/notebooks', 'fastai/course22', 'udacity/deep-learning-v2-pytorch', 'rasbt/machine-learning-book',
    'ageron/handson-ml3', 'jakevdp/PythonDataScienceHandbook', 'susanli2016/Machine-Learning-with-Python', 'codebasics/py',
    'codebasics/deep-learning-keras-tf-tutorial', 'stockmarkteam/bert-book',
  ];
  it('records their --only globs and catalogues no data file of theirs (a public dataset is no evidence of a copy)', () => {
    const index = new Map(shippedCatalogue.sources.map((s, i) => [s.repo, i]));
    for (const repo of tutorials) {
      const s = shippedCatalogue.sources[index.get(repo)!];
      expect(s?.only?.length, repo).toBeGreaterThan(0);
      expect(s!.codeFiles, repo).toBeGreaterThan(0);
    }
    const ids = new Set(tutorials.map((r) => index.get(r)));
    const paths = Object.values(shippedCatalogue.blobs).flatMap((hits) => hits.filter(([i]) => ids.has(i)).map(([, p]) => p));
    expect(paths.length).toBeGreaterThan(500);
    expect(paths.filter((p) => !/\.(?:ipynb|py)$/.test(p))).toEqual([]);
  });
});

describe('shipped catalogue: sources standing in for a template published elsewhere', () => {
  it('name the template they copy (dejahu\'s TensorFlow 2.3 classification template, published on Gitee)', () => {
    const s = shippedSources.find((x) => x.repo === 'lpei756/learningTensorflow');
    expect(s?.origin).toMatch(/dejahu/);
    expect(s?.origin).toMatch(/gitee\.com\/song-laogou\/vegetables_tf2\.3/);
    // The other sources are the authors' own repositories (no origin) but for the Stock Market Predictor's,
    // PyImageSearch U-Net's, the handwriting CRNN Kaggle kernel's, the Network Security video project's and (cat19b)
    // PyImageSearch face mask detector's and Miuul's demand forecasting lecture's stand-ins.
    expect(shippedSources.filter((x) => x.origin).map((x) => x.repo)).toEqual([
      'Junaid1851/stock-prediction',
      'arisbakri/handwritingrecognitionwithai',
      'chandrikadeb7/Face-Mask-Detection',
      'khairnardevashish/TGS-Salt-Segmentation',
      'lpei756/learningTensorflow',
      'mehmetbuyukgumus/Time-Series',
      'udaysatyakumar/networksecurity',
    ]);
  });
  it('name the video project a stand-in copies when its instructor repository is not public (Network Security, cat19)', () => {
    const s = shippedSources.find((x) => x.repo === 'udaysatyakumar/networksecurity');
    expect(s?.origin).toMatch(/Krish Naik's 'Network Security' MLOps video project/);
    expect(s?.origin).toMatch(/instructor repository is not public/);
    // The commit before the copier replaced the instructor's DagsHub settings with his own.
    expect(s?.commit.startsWith('e12f668da148')).toBe(true);
    // Its template helpers (exception, logger, utils, entities, constants, stage runner) are the scaffold; the
    // components, the app and the data push are the project.
    expect(s?.scaffold).toEqual(['networksecurity/{exception,logging,utils/main_utils,entity,constant,cloud}/**', 'networksecurity/pipeline/*.py']);
  });
  it('name the Kaggle kernel a stand-in copies (handwriting CRNN), kept to its notebook (held-out-18)', () => {
    const s = shippedSources.find((x) => x.repo === 'arisbakri/handwritingrecognitionwithai');
    expect(s?.origin).toMatch(/Kaggle kernel 'Handwriting recognition using CRNN in Keras'/);
    expect(s?.only).toEqual(['*.ipynb']);
  });
  it('name the video tutorial a stand-in copies when its author published no repository (the Stock Market Predictor)', () => {
    const s = shippedSources.find((x) => x.repo === 'Junaid1851/stock-prediction');
    expect(s?.origin).toMatch(/Stock Market Predictor/);
    expect(s?.origin).toMatch(/published no repository/);
    expect(s?.only).toEqual(['*.{py,ipynb}']);
  });
});

describe('shipped catalogue: the PyImageSearch U-Net stand-in', () => {
  it('names the tutorial its code is a copy of (distributed as a download), and keeps only its Python', () => {
    const s = shippedSources.find((x) => x.repo === 'khairnardevashish/TGS-Salt-Segmentation');
    expect(s?.origin).toMatch(/PyImageSearch/);
    expect(s?.origin).toMatch(/U-Net/);
    expect(s?.only).toEqual(['**/*.py']);
    expect(s?.codeFiles).toBe(4);
  });
});

// Session 19 (cat19b): two stand-ins. Made-up own projects on the same task, libraries and model (written for this
// test: a face mask classifier from a folder generator with its own head and webcam loop; a demand forecaster with its
// own calendar features and a rolling-origin backtest) are not called copies; a retype of the stand-in is (the case
// above, with and without edits).
describe('shipped catalogue: the face mask detector and demand forecasting stand-ins (cat19b)', () => {
  it('name what they stand for and keep only the tutorial\'s scripts', () => {
    const mask = shippedSources.find((x) => x.repo === 'chandrikadeb7/Face-Mask-Detection');
    expect(mask?.origin).toMatch(/PyImageSearch's 'COVID-19: Face mask detector' tutorial/);
    expect(mask?.only).toEqual(['{train_mask_detector,detect_mask_image,detect_mask_video}.py']);
    // OpenCV's face detector files (deploy.prototxt, the res10 Caffe model) are OpenCV's, kept by originals too.
    const at = shippedSources.indexOf(mask!);
    const maskPaths = Object.values(shippedCatalogue.blobs).flat().filter(([i]) => i === at).map(([, path]) => path).sort();
    expect(maskPaths).toEqual(['detect_mask_image.py', 'detect_mask_video.py', 'train_mask_detector.py']);
    const demand = shippedSources.find((x) => x.repo === 'mehmetbuyukgumus/Time-Series');
    expect(demand?.origin).toMatch(/Miuul's data science bootcamp/);
    expect(demand?.only).toEqual(['{demand_forecasting,smoothing_methods,statistical_methods}.py']);
  });
  it('an own face mask classifier on MobileNetV2, OpenCV and a webcam is not called a copy', async () => {
    const own: Record<string, string> = {
      'mask/train.py': [
        'import tensorflow as tf',
        'from pathlib import Path',
        '',
        'ROOT = Path("data/faces")',
        'SIZE = (160, 160)',
        '',
        'def loaders(batch=48, seed=11):',
        '    common = dict(image_size=SIZE, batch_size=batch, seed=seed, validation_split=0.25)',
        '    tr = tf.keras.utils.image_dataset_from_directory(ROOT, subset="training", **common)',
        '    va = tf.keras.utils.image_dataset_from_directory(ROOT, subset="validation", **common)',
        '    return tr.prefetch(4), va.prefetch(4)',
        '',
        'def build(n_classes):',
        '    base = tf.keras.applications.MobileNetV2(input_shape=SIZE + (3,), include_top=False, weights="imagenet")',
        '    base.trainable = False',
        '    x = tf.keras.layers.Rescaling(1 / 127.5, offset=-1)(tf.keras.Input(SIZE + (3,)))',
        '    inputs = x',
        '    x = tf.keras.layers.GlobalMaxPooling2D()(base(x))',
        '    x = tf.keras.layers.Dense(64, activation="gelu")(x)',
        '    out = tf.keras.layers.Dense(n_classes)(tf.keras.layers.Dropout(0.3)(x))',
        '    return tf.keras.Model(inputs, out)',
        '',
        'if __name__ == "__main__":',
        '    tr, va = loaders()',
        '    net = build(3)',
        '    net.compile(tf.keras.optimizers.AdamW(3e-4), tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), ["accuracy"])',
        '    hist = net.fit(tr, validation_data=va, epochs=12, callbacks=[tf.keras.callbacks.EarlyStopping(patience=3)])',
        '    net.save("artifacts/masknet.keras")',
        '',
      ].join('\n'),
      'mask/live.py': [
        'import cv2',
        'import numpy as np',
        'import tensorflow as tf',
        '',
        'LABELS = ["mask", "no_mask", "worn_wrong"]',
        'cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")',
        'net = tf.keras.models.load_model("artifacts/masknet.keras")',
        '',
        'def crops(frame):',
        '    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)',
        '    for x, y, w, h in cascade.detectMultiScale(grey, 1.2, 6, minSize=(48, 48)):',
        '        yield (x, y, w, h), cv2.resize(frame[y:y + h, x:x + w][:, :, ::-1], (160, 160))',
        '',
        'cam = cv2.VideoCapture(0)',
        'while cam.isOpened():',
        '    ok, frame = cam.read()',
        '    if not ok:',
        '        break',
        '    for (x, y, w, h), face in crops(frame):',
        '        probs = tf.nn.softmax(net(np.expand_dims(face, 0), training=False)[0]).numpy()',
        '        k = int(probs.argmax())',
        '        cv2.rectangle(frame, (x, y), (x + w, y + h), (40, 200 - 80 * k, 60 + 80 * k), 2)',
        '        cv2.putText(frame, f"{LABELS[k]} {probs[k]:.0%}", (x, y - 8), cv2.FONT_HERSHEY_DUPLEX, 0.6, (255, 255, 255), 1)',
        '    cv2.imshow("masks", frame)',
        '    if cv2.waitKey(1) == 27:',
        '        break',
        'cam.release()',
        '',
      ].join('\n'),
    };
    const r = await run(memorySnapshot({ files: { 'README.md': '# Mask check\n', ...own } }));
    expect(r.score, r.note).toBe(1);
  });
  it('an own LightGBM demand forecaster with lag features and a backtest is not called a copy', async () => {
    const own: Record<string, string> = {
      'forecast/features.py': [
        'import numpy as np',
        'import pandas as pd',
        '',
        'HORIZON = 90',
        '',
        'def calendar(frame):',
        '    d = frame["date"]',
        '    return frame.assign(dow=d.dt.dayofweek, doy=d.dt.dayofyear, month=d.dt.month, weekend=(d.dt.dayofweek > 4).astype("int8"))',
        '',
        'def history(frame, keys=("store", "item"), target="sales"):',
        '    frame = frame.sort_values([*keys, "date"]).copy()',
        '    grouped = frame.groupby(list(keys), sort=False)[target]',
        '    for k in (HORIZON, HORIZON + 7, 182, 364):',
        '        frame[f"lag{k}"] = grouped.shift(k)',
        '    past = grouped.shift(HORIZON)',
        '    for w in (28, 91, 364):',
        '        frame[f"mean{w}"] = past.groupby([frame[c] for c in keys]).transform(lambda s: s.rolling(w, min_periods=7).mean())',
        '    return frame',
        '',
      ].join('\n'),
      'forecast/backtest.py': [
        'import lightgbm as lgb',
        'import numpy as np',
        'import pandas as pd',
        'from forecast.features import calendar, history',
        '',
        'def wape(y, p):',
        '    return float(np.abs(y - p).sum() / max(np.abs(y).sum(), 1e-9))',
        '',
        'def folds(dates, n=3, span=90):',
        '    end = dates.max()',
        '    for i in range(n, 0, -1):',
        '        cut = end - pd.Timedelta(days=span * i)',
        '        yield cut, cut + pd.Timedelta(days=span)',
        '',
        'if __name__ == "__main__":',
        '    raw = pd.read_parquet("data/sales.parquet")',
        '    table = history(calendar(raw)).dropna()',
        '    cols = [c for c in table.columns if c not in ("date", "sales")]',
        '    scores = []',
        '    for cut, stop in folds(table["date"]):',
        '        fit = table[table["date"] < cut]',
        '        hold = table[(table["date"] >= cut) & (table["date"] < stop)]',
        '        model = lgb.LGBMRegressor(objective="tweedie", n_estimators=800, learning_rate=0.03, num_leaves=63)',
        '        model.fit(fit[cols], fit["sales"], eval_set=[(hold[cols], hold["sales"])], callbacks=[lgb.early_stopping(50)])',
        '        scores.append(wape(hold["sales"].to_numpy(), model.predict(hold[cols])))',
        '    print(pd.Series(scores).describe())',
        '',
      ].join('\n'),
    };
    const r = await run(memorySnapshot({ files: { 'README.md': '# Demand\n', ...own } }));
    expect(r.score, r.note).toBe(1);
  });
});

// Session 20 (cat20): three tutorial sources, the authors' own repositories (no stand-in). Made-up own projects on
// the same tasks and libraries (written for this test: a token classifier with its own offset-based label alignment
// and training loop; a differentially private trainer with its own model and accounting; a match predictor on Elo
// ratings) are not called copies; a retype of the tutorial is (the case above, with and without edits).
describe('shipped catalogue: Mastering Transformers NER, Opacus CIFAR-10 and Dataquest walkthroughs (cat20)', () => {
  it('are the authors\' repositories, kept to the tutorial notebooks', () => {
    const book = shippedSources.find((x) => x.repo === 'PacktPublishing/Mastering-Transformers');
    expect(book?.origin).toBeUndefined();
    expect(book?.only).toEqual(['CH06/CH06a_*.ipynb']);
    const opacus = shippedSources.find((x) => x.repo === 'pytorch/opacus');
    expect(opacus?.only).toEqual(['tutorials/building_image_classifier.ipynb']);
    const dq = shippedSources.find((x) => x.repo === 'dataquestio/project-walkthroughs');
    expect(dq?.only).toEqual(['football_matches/*.ipynb', 'sp_500/*.ipynb', 'nba_games/*.ipynb', 'weather/*.ipynb']);
    // Only code is held: the walkthroughs' CSV files (matches.csv, weather.csv) are no evidence of a copy.
    const at = shippedSources.indexOf(dq!);
    const paths = Object.values(shippedCatalogue.blobs).flat().filter(([i]) => i === at).map(([, path]) => path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((x) => x.endsWith('.ipynb'))).toBe(true);
  });
  it('an own token classifier with offset-based label alignment is not called a copy', async () => {
    const own: Record<string, string> = {
      'ner/data.py': [
        'import json',
        'from pathlib import Path',
        '',
        'TAGS = ["O", "B-DRUG", "I-DRUG", "B-DOSE", "I-DOSE"]',
        '',
        'def read_spans(path):',
        '    for line in Path(path).read_text(encoding="utf8").splitlines():',
        '        rec = json.loads(line)',
        '        yield rec["text"], [(s["start"], s["end"], s["label"]) for s in rec["spans"]]',
        '',
        'def char_tags(text, spans):',
        '    tags = ["O"] * len(text)',
        '    for start, end, label in spans:',
        '        tags[start] = "B-" + label',
        '        for i in range(start + 1, end):',
        '            tags[i] = "I-" + label',
        '    return tags',
        '',
        'def encode(tokenizer, text, spans, max_len=256):',
        '    enc = tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=max_len)',
        '    tags = char_tags(text, spans)',
        '    enc["labels"] = [-100 if a == b else TAGS.index(tags[a]) for a, b in enc.pop("offset_mapping")]',
        '    return enc',
        '',
      ].join('\n'),
      'ner/train.py': [
        'import torch',
        'from torch.utils.data import DataLoader',
        'from transformers import AutoModelForTokenClassification, AutoTokenizer, DataCollatorForTokenClassification',
        'from ner.data import TAGS, encode, read_spans',
        '',
        'def run(base="distilroberta-base", epochs=4, lr=4e-5):',
        '    tok = AutoTokenizer.from_pretrained(base, add_prefix_space=True)',
        '    rows = [encode(tok, t, s) for t, s in read_spans("data/train.jsonl")]',
        '    loader = DataLoader(rows, batch_size=12, shuffle=True, collate_fn=DataCollatorForTokenClassification(tok))',
        '    net = AutoModelForTokenClassification.from_pretrained(base, num_labels=len(TAGS))',
        '    opt = torch.optim.AdamW(net.parameters(), lr=lr)',
        '    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * len(loader))',
        '    for epoch in range(epochs):',
        '        net.train()',
        '        for batch in loader:',
        '            loss = net(**batch).loss',
        '            loss.backward()',
        '            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)',
        '            opt.step(); sched.step(); opt.zero_grad()',
        '        print(f"epoch {epoch}: last loss {loss.item():.4f}")',
        '    net.save_pretrained("out/drug-ner")',
        '    tok.save_pretrained("out/drug-ner")',
        '',
        'if __name__ == "__main__":',
        '    run()',
        '',
      ].join('\n'),
    };
    const r = await run(memorySnapshot({ files: { 'README.md': '# Drug mention tagger\n', ...own } }));
    expect(r.score, r.note).toBe(1);
  });
  it('an own differentially private trainer with Opacus is not called a copy', async () => {
    const own: Record<string, string> = {
      'dp/train.py': [
        'import torch',
        'import torch.nn as nn',
        'from opacus import PrivacyEngine',
        'from torch.utils.data import DataLoader, TensorDataset',
        '',
        'class TabularNet(nn.Module):',
        '    def __init__(self, n_in, hidden=96):',
        '        super().__init__()',
        '        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())',
        '        self.head = nn.Linear(hidden, 2)',
        '    def forward(self, x):',
        '        return self.head(self.body(x))',
        '',
        'def fit(x, y, noise=1.1, clip=0.8, epochs=15, delta=1e-6):',
        '    loader = DataLoader(TensorDataset(x, y), batch_size=256, shuffle=True)',
        '    net = TabularNet(x.shape[1])',
        '    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)',
        '    engine = PrivacyEngine(accountant="prv")',
        '    net, opt, loader = engine.make_private(module=net, optimizer=opt, data_loader=loader, noise_multiplier=noise, max_grad_norm=clip)',
        '    history = []',
        '    for epoch in range(epochs):',
        '        for xb, yb in loader:',
        '            opt.zero_grad()',
        '            nn.functional.cross_entropy(net(xb), yb).backward()',
        '            opt.step()',
        '        history.append((epoch, engine.get_epsilon(delta)))',
        '    return net, history',
        '',
        'if __name__ == "__main__":',
        '    blob = torch.load("data/credit.pt")',
        '    model, eps = fit(blob["x"], blob["y"])',
        '    print("privacy spent", eps[-1])',
        '',
      ].join('\n'),
    };
    const r = await run(memorySnapshot({ files: { 'README.md': '# Private credit scoring\n', ...own } }));
    expect(r.score, r.note).toBe(1);
  });
  it('an own football match predictor on Elo ratings is not called a copy', async () => {
    const own: Record<string, string> = {
      'elo/model.py': [
        'import numpy as np',
        'import pandas as pd',
        'from sklearn.linear_model import LogisticRegression',
        'from sklearn.metrics import log_loss',
        '',
        'K, HOME = 24.0, 55.0',
        '',
        'def elo_features(games):',
        '    rating = {}',
        '    rows = []',
        '    for g in games.sort_values("kickoff").itertuples():',
        '        h, a = rating.get(g.home, 1500.0), rating.get(g.away, 1500.0)',
        '        expected = 1 / (1 + 10 ** ((a - h - HOME) / 400))',
        '        rows.append((h - a, expected))',
        '        outcome = 1.0 if g.home_goals > g.away_goals else 0.5 if g.home_goals == g.away_goals else 0.0',
        '        rating[g.home] = h + K * (outcome - expected)',
        '        rating[g.away] = a - K * (outcome - expected)',
        '    return pd.DataFrame(rows, columns=["diff", "expected"], index=games.sort_values("kickoff").index)',
        '',
        'def season_split(games, season):',
        '    feats = elo_features(games)',
        '    label = np.sign(games["home_goals"] - games["away_goals"]).astype(int)',
        '    past = games["season"] < season',
        '    clf = LogisticRegression(max_iter=500).fit(feats[past], label[past])',
        '    probs = clf.predict_proba(feats[~past])',
        '    return log_loss(label[~past], probs, labels=clf.classes_)',
        '',
      ].join('\n'),
    };
    const r = await run(memorySnapshot({ files: { 'README.md': '# Elo match odds\n', ...own } }));
    expect(r.score, r.note).toBe(1);
  });
});

describe('indexContent', () => {
  it('gives each fingerprint the catalogue files holding it, ascending and once each, as a Map of them would', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // Few distinct values (shared across files, repeated in a file) and the extremes of 32 bits.
    const pool = [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, ...Array.from({ length: 40 }, () => rnd(2 ** 31) * 2 + rnd(2))];
    for (let round = 0; round < 20; round++) {
      const files = Array.from({ length: rnd(30) }, (_, i) => [rnd(4), `f${i}.py`, encodeFingerprints(Array.from({ length: rnd(12) }, () => pool[rnd(pool.length)]!))] as [number, string, string]);
      if (round === 0) files.push([0, 'bad.py', 'zz 1234567 123456789 ABCDEF01 00000010  +1234567 0x123456 -1234567 abcdefgh 0000000\t 1e3f0000 ffffffff ']);
      const idx = indexContent({ method: 'm', tokeniser: 1, k: 24, window: 8, maxPerFile: 32, maxPerSource: 3000, files });
      // The index this replaced: fingerprint -> file indices, in file order, no file twice.
      const byHash = new Map<number, number[]>();
      files.forEach(([, , fps], fi) => {
        for (const h of decodeFingerprints(fps)) {
          const list = byHash.get(h);
          if (!list) byHash.set(h, [fi]);
          else if (list[list.length - 1] !== fi) list.push(fi);
        }
      });
      expect(idx.files).toEqual(files.map(([source, path, fps]) => ({ source, path, count: decodeFingerprints(fps).length })));
      // decodeFingerprints also takes "-1234567" (a negative number), which no repository fingerprint (unsigned) matches: not indexed.
      expect([...idx.hashes]).toEqual([...byHash.keys()].filter((h) => h >= 0).sort((a, b) => a - b));
      if (round === 0) expect(byHash.has(-0x1234567)).toBe(true);
      for (const h of [...pool, 3, 16, 0x12345678]) expect([...holdersOf(idx, h)]).toEqual(byHash.get(h) ?? []);
    }
  });
});

describe('bestRetypeMatch', () => {
  const content = (files: Array<[number, string, number[]]>) =>
    indexContent({ method: 'm', tokeniser: 1, k: 24, window: 8, maxPerFile: 32, maxPerSource: 3000, files: files.map(([s, p, v]) => [s, p, encodeFingerprints(v)]) });
  const idx = content([
    [0, 'a/one.py', [1, 2, 3, 4, 5]],
    [0, 'a/two.py', [6, 7, 8]],
    [1, 'b/one.py', [1, 2, 3, 9, 10]],
  ]);

  it('picks the source holding most of the repo\'s distinct fingerprints and pairs each file with its best match', () => {
    const m = bestRetypeMatch(idx, [
      { path: 'x.py', fingerprints: [1, 2, 3, 4, 11] },
      { path: 'y.py', fingerprints: [6, 7, 8, 1] },
      { path: 'z.py', fingerprints: [12, 13] },
    ], 3)!;
    expect(m.source).toBe(0);
    expect([m.matched, m.total]).toEqual([7, 10]);
    expect(m.share).toBeCloseTo(0.7);
    expect(m.pairs).toEqual([
      { path: 'x.py', theirs: 'a/one.py', file: 0, shared: 4, of: 5 },
      { path: 'y.py', theirs: 'a/two.py', file: 1, shared: 3, of: 4 },
    ]);
  });

  it('matchBeyond leaves out what the skipped source files (a scaffold) hold, and counts pairs on the rest', () => {
    const repo = [
      { path: 'x.py', fingerprints: [1, 2, 3, 4, 11] },
      { path: 'y.py', fingerprints: [6, 7, 8, 1] },
      { path: 'z.py', fingerprints: [12, 13] },
    ];
    const m = bestRetypeMatch(idx, repo, 3)!;
    expect(matchBeyond(idx, repo, m, new Set())).toBe(m);
    // a/two.py skipped: 6, 7, 8 no longer count; 1–4 are a/one.py's.
    const beyond = matchBeyond(idx, repo, m, new Set([1]), 3);
    expect([beyond.source, beyond.matched, beyond.total]).toEqual([0, 4, 10]);
    expect(beyond.share).toBeCloseTo(0.4);
    expect(beyond.pairs).toEqual([{ path: 'x.py', theirs: 'a/one.py', file: 0, shared: 4, of: 5 }]);
    // Both of source 0's files skipped: nothing of it counts (source 1's b/one.py is another source's).
    expect(matchBeyond(idx, repo, m, new Set([0, 1])).matched).toBe(0);
    // A fingerprint the scaffold holds does not count even where another file of the source holds it too (a research
    // notebook repeating the configuration manager): 3 is scaffold.py's and train.ipynb's; 4 and 5 only the notebook's.
    const two = content([
      [0, 'scaffold.py', [1, 2, 3]],
      [0, 'train.ipynb', [3, 4, 5]],
    ]);
    const r = [{ path: 'a.py', fingerprints: [1, 2, 3, 4, 5] }];
    const m2 = bestRetypeMatch(two, r, 1)!;
    const b2 = matchBeyond(two, r, m2, new Set([0]), 1);
    expect(b2.matched).toBe(2);
    expect(b2.pairs).toEqual([{ path: 'a.py', theirs: 'train.ipynb', file: 1, shared: 2, of: 5 }]);
    // Pairs need minPairShared of the fingerprints beyond the scaffold.
    expect(matchBeyond(two, r, m2, new Set([0]), 3).pairs).toEqual([]);
  });

  it('ties go to the lower source index; no match is null', () => {
    expect(bestRetypeMatch(idx, [{ path: 'x.py', fingerprints: [1, 2, 3] }])!.source).toBe(0);
    expect(bestRetypeMatch(idx, [{ path: 'x.py', fingerprints: [9, 10] }])!.source).toBe(1);
    expect(bestRetypeMatch(idx, [{ path: 'x.py', fingerprints: [42] }])).toBeNull();
  });
});
