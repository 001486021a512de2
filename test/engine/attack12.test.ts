/**
 * attack12: session 12's merged changes (504b30d..c6b20d1) attacked as a hostile candidate and as a reviewer (issue
 * #11: "No cheap gaming", "Originality you can defend"). Each hole is an `it.fails(...)`: the expectation the engine
 * should meet, failing today, so the suite stays green; when a fix lands the `it.fails` itself fails and must become a
 * plain `it`. The plain `it`s are holes fixed here (the numbers before the fix in their comments) or shapes checked and
 * found right (kept as guards).
 *
 * Measured in memory on repos with twelve commits of work over six weeks (attack12-repos.ts `worked`).
 *
 *   shape                                                              kind (score)                    after the fix
 *   Go web site (20 handlers, no ML), README "A small shop site in Go." not-ml (30.6 F)
 *     + README sentence "Machine learning coming soon."               unknown-language (50.6 D) +20.0  not-ml (session 13)
 *     + README "… on a dataset of products" / Rust CLI "(no pytorch)"  unknown-language (50.6 / 49.8)    not-ml (session 13)
 *     + the words where no reader sees them: an HTML comment, a link URL,
 *       front matter                                                   unknown-language (50.6 D) +20.0  not-ml (30.6)
 *   Rust, local LLM with the llama_cpp crate, neutral README          not-ml (30.6 F)                 unknown-language (50.6)
 *   C#, local LLM with LLamaSharp, neutral README                     not-ml (30.6 F)                 unknown-language (50.6)
 *   Go, review classifier on the official Ollama client               not-ml (30.6 F)                 unknown-language (50.6)
 *   Swift WhisperKit, Ruby llama_cpp, Dart flutter_gemma, PHP TransformersPHP (each with its manifest), neutral README
 *                                                                     not-ml                          unknown-language
 *   Go network from scratch on gonum, README "Handwritten digit
 *     recognizer … trained on MNIST: 97.8% test accuracy"             not-ml (31.9 F)                 unknown-language (52.7)
 *   the same, README in Ukrainian or Dutch ("нейронна мережа …
 *     машинне навчання", "neuraal netwerk … machinaal leren")         not-ml (30.6 F)                 unknown-language (50.6)
 *   (the same network, README "A neural network written from scratch": unknown-language 51.6 before and after)
 *   Go `type NeuralNetwork struct` + `func (n *NeuralNetwork) Train(`, README "Written in Go."
 *                                                                     not-ml                          unknown-language
 *   Go site + help.go holding a raw string with `import "gorgonia.org/gorgonia"`
 *                                                                     unknown-language (50.6 D) +20.0  not-ml (session 13)
 *     (Swift """ block `import CoreML`, Rust r#"…"# `use tch;`, C# """ `using Microsoft.ML;`: 30.2 → 49.8 each)
 *   C++ engine (8 files) + a NumPy notebook training its weights, README "Reads licence plates fast, in C++."
 *                                                                     not-ml (30.6 F)                 unknown-language (50.6)
 *   Go site + 300 files of `package gen` (more than the 300 code files the fact reads)
 *                                                                     unknown-language (50.6 D) +20.0  not-ml (session 13)
 *
 * The fix (src/probes/project-kind.ts): the ML imports and manifests of Go (official Ollama, OpenAI, Gemini and
 * Anthropic clients, go-llama.cpp), Rust (llama_cpp, mistralrs, kalosm, whisper-rs, fastembed, ollama-rs) and C#
 * (LLamaSharp, OllamaSharp, Whisper.net, Microsoft.Extensions.AI), Swift (WhisperKit, Apple's ml-stable-diffusion,
 * swift-transformers, the Speech framework), Ruby (llama_cpp, ruby_llm, ollama-ai), Dart (llama_cpp_dart, fllama,
 * flutter_gemma, whisper_flutter, firebase_vertexai) and PHP (LLPhant, TransformersPHP); the README vocabulary: LLM,
 * "GPT-4o" (the old `gpt-?\d\b` missed it), "trained on", MNIST/CIFAR-10/ImageNet, sentiment analysis, face/digit/handwriting/voice
 * recognition, artificial intelligence, and Ukrainian, Dutch, Swedish, Norwegian/Danish, Czech, Greek, Hebrew, Persian
 * and Thai terms. The README is read as a reader sees it (no HTML comment, link URL or front
 * matter). Not ML needs no data-science code beside (NumPy, pandas, a notebook). A Go `type X struct` counts as a model
 * class (HAND_ML_CLASS knew `class`, `object` and `struct X`).
 *
 * The hole left open: "not ML" scores 20 points below "not measurable" (the not-ml gate fails the five stages; a
 * not-measurable stage leaves the denominator), and the README words that tell them apart are the candidate's to
 * write. Any README word of the vocabulary ("dataset", "pytorch" even negated) moves a Go, Rust, C#, Swift, Ruby, PHP or
 * Dart app with no ML to "not measurable": +20, the pre-session-12 score of every such app. A `require` of an ML client
 * in go.mod, Cargo.toml or a .csproj does the same (measured 30.6 → 50.6 with go.mod requiring go-openai and no code
 * using it). What would close it: a README claim must be backed by the code (an ML word only counts beside a model file,
 * a model asset the code loads, or an ML library the code imports), or "not measurable" must not score above what the
 * measured rules give.
 *
 * Originality (not holes, kept as guards): original projects in the tutorials' idioms stay far from the thresholds of
 * not-a-known-copy (a one-notebook repo is a copy from 10 of its 32 fingerprints and 30 % in one source):
 *   TensorFlow image-classification tutorial's shape on own sketches (one notebook)   9 of 32 (28 %)  pass
 *     (+ the tutorial's augmentation cell: 6 of 32; + its predict-one-image cell: 9 of 32; as train.py: 9 of 32)
 *   Kaggle Titanic notebook (imputation, mapped categoricals, two models, submission)   7 of 32 (22 %)  pass
 *   PyTorch loop (Dataset, nn.Module, zero_grad/backward/step, no_grad eval), own data 6 of 32 (19 %)  pass
 *   PyTorch quickstart's train()/test() on an ImageFolder of own photos                2 of 32 (6 %)   pass
 *   Hugging Face Trainer fine-tuning (AutoTokenizer, map, TrainingArguments, compute_metrics) 5 of 32 (16 %) pass
 *   fastai in course22's style (DataBlock, vision_learner, fine_tune, interp, export), own photos 1 of 32 pass
 *   fastai course22 lesson 0's DataBlock/vision_learner/predict cells verbatim, own labelled photos 5 of 29 (17 %) pass
 *     (+ an own Gradio app.py: 5 of 44, pass). Lesson 0 retyped whole with its search/download cells and only the
 *     categories changed ("chanterelle or not"): 21 of 32 (66 %), a copy of course22 — right: that is the lesson.
 *   MovieLens with Surprise (SVD, cross_validate, pivot_table)                         1 of 32 (3 %)   pass
 *   the PyTorch loop + the Keras notebook + the HF Trainer script in one repo          11 of 96 (11 %) pass
 * The Keras notebook is the closest: one more matching fingerprint of 32 would make it a copy (a whole-repo cap of 45).
 * Hole (it.fails, from the d2l snapshot in /work/.mirror): d2l is catalogued from its PyTorch tab only, so five of its
 * chapter pages taken from the TensorFlow or JAX tab are no copy (25 % / 21 % of fingerprints, score 1; PyTorch 87 %).
 *
 * Test infrastructure: the shared fake @actions/core (test/setup-action-core.ts) records only between startRecording
 * and stopRecording; outside, calls go to the real module. For the project's own code it hides nothing: log lines are
 * split as the runner splits them, commands are escaped as the real module escapes them, and `::add-mask::` is
 * recorded but not applied (a test sees more than the runner shows). Fixed in session 13 (the test at the end): the
 * Action's dependencies load the real module from node_modules, and what @actions/artifact logs was not in the run's
 * record; now what is written to stdout during the run is recorded too.
 * Two more differences to keep in mind (no test): (1) the Action checks `env.GITHUB_STEP_SUMMARY` of the env it is
 * given while the real `core.summary.write()` reads process.env — on a runner they are one object, in runInProcess they are not, so a
 * summary written with the injected variable set and process.env's unset would throw on the real module and is
 * recorded by the fake; (2) a call made after `stopRecording` (a late progress callback) goes to the real stdout, not
 * to the run's record. The watchdog's measured budget (test/hostile/watchdog.test.ts `stoppedAudit`) cannot make a
 * broken watchdog pass: a watchdog that never stops times the test out (the blocking pattern is exponential), one
 * that stops at once fails `enough` and the assertions are made on the rerun with the fixed budget, and the reason is
 * matched against the budget the run was given.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fencedPython } from '../../script/build-fingerprints.js';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW } from './gaming-attack.js';
import { runInProcess } from '../helpers/action/in-process.js';
import { FakeArtifactService } from '../helpers/fake-github/artifacts.js';
import { FakeRepos, startFakeGithub } from '../helpers/fake-github/repos.js';
import { monorepoContext, type RunnerContext } from '../helpers/fake-github/runner.js';
import { FakeGitHub } from '../helpers/fake-github/server.js';
import { CS_LLAMA, FASTAI_OWN, GO_NN, GO_OLLAMA, GO_SHOP, KERAS_OWN, NUMPY_TRAINING, RUST_LLAMA, TITANIC_OWN, TORCH_LOOP_OWN, worked, type Repo } from './attack12-repos.js';

const rules = loadRules();
const audit = (r: Repo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const withReadme = (readme: string, files: Record<string, string>): Repo => worked('cand/x', { 'README.md': readme, ...files });
const rule = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!;

describe('attack12: apps and ML in languages the stage rules do not read', () => {
  it('a Go web site with a plain README is not ML (30.6 F)', async () => {
    const r = await audit(withReadme('# shop\nA small shop site in Go.\n', GO_SHOP));
    expect(r.project?.kind).toBe('not-ml');
  });

  // Fixed (session 13): the README word is the candidate's to write: "Machine learning coming soon." moved the same
  // site to "not measurable", 30.6 → 50.6 (+20.0). README words are a claim: they count only beside a training
  // routine in the code (the network from scratch on gonum below), never alone.
  it('one README sentence does not add 10 points to a Go web site with no ML (measured +20.0)', async () => {
    const plain = await audit(withReadme('# shop\nA small shop site in Go.\n', GO_SHOP));
    const word = await audit(withReadme('# shop\nA small shop site in Go. Machine learning coming soon.\n', GO_SHOP));
    expect(word.score).toBeLessThan(plain.score + 10);
  });

  // Fixed: the README words were read in the raw text, so words no reader sees counted too: an HTML comment
  // `<!-- machine learning -->` (block or inline), a link's URL (`[docs](https://example.org/machine-learning/dataset)`)
  // or front matter (`tags: [machine-learning]`) each moved the Go site to "not measurable", 30.6 → 50.6 (+20.0).
  // Now only what GitHub shows is read (headings, paragraphs, tables, code blocks, HTML blocks' text): 30.6, not ML.
  it.each([
    ['an HTML comment', '# shop\nA small shop site in Go.\n<!-- machine learning -->\n'],
    ['an inline HTML comment', '# shop\nA small shop site in Go. <!-- machine learning -->\n'],
    ["a link's URL", '# shop\nA small shop site in Go, [docs](https://example.org/machine-learning/dataset).\n'],
    ['front matter', '---\ntags: [machine-learning]\n---\n# shop\nA small shop site in Go.\n'],
  ])('an ML word in %s of the README, which no reader sees, leaves a Go web site not ML', async (_name, readme) => {
    const r = await audit(withReadme(readme, GO_SHOP));
    expect(r.project?.kind).toBe('not-ml');
  });

  // Fixed: ML libraries the lists missed made these ML projects "not ML" (30.6 F each); now "not measurable" (50.6).
  it.each([
    ['Rust, llama_cpp', RUST_LLAMA],
    ['C#, LLamaSharp', CS_LLAMA],
    ['Go, the official Ollama client', GO_OLLAMA],
  ])('%s with a README that names no ML is not called "not ML"', async (_name, files) => {
    const r = await audit(withReadme('# tool\nRuns offline on a laptop.\n', files));
    expect(r.project?.kind).toBe('unknown-language');
  });

  // Fixed as well (not ML before): on-device and local models in Swift, Ruby, Dart and PHP.
  it.each([
    ['Swift, WhisperKit', { 'Sources/App/Transcriber.swift': 'import WhisperKit\n\nfunc transcribe(_ url: URL) async throws -> String {\n  let pipe = try await WhisperKit()\n  return try await pipe.transcribe(audioPath: url.path)?.text ?? ""\n}\n', 'Sources/App/App.swift': 'import SwiftUI\n\n@main struct NotesApp: App { var body: some Scene { WindowGroup { Text("Notes") } } }\n' }],
    ['Ruby, llama_cpp', { 'app/summarise.rb': "require 'llama_cpp'\n\nmodel = LLaMACpp::Model.new(model_path: 'models/q4.gguf.bin', params: LLaMACpp::ModelParams.new)\nputs LLaMACpp.generate(LLaMACpp::Context.new(model: model), 'Summarise:')\n", 'Gemfile': "source 'https://rubygems.org'\ngem 'llama_cpp'\n" }],
    ['Dart, flutter_gemma', { 'lib/chat.dart': "import 'package:flutter_gemma/flutter_gemma.dart';\n\nFuture<String?> ask(String q) => FlutterGemmaPlugin.instance.getResponse(prompt: q);\n", 'lib/main.dart': "import 'package:flutter/material.dart';\n\nvoid main() => runApp(const MaterialApp());\n", 'pubspec.yaml': 'name: chat\ndependencies:\n  flutter_gemma: ^0.2.0\n' }],
    ['PHP, TransformersPHP', { 'src/Classify.php': "<?php\nuse Codewithkyrian\\Transformers\\Transformers;\nuse function Codewithkyrian\\Transformers\\Pipelines\\pipeline;\n\n$classifier = pipeline('sentiment-analysis');\necho json_encode($classifier($argv[1]));\n", 'composer.json': '{"require": {"codewithkyrian/transformers": "^0.5"}}\n' }],
  ])('%s with a README that names no ML is not called "not ML"', async (_name, files) => {
    const r = await audit(withReadme('# tool\nRuns offline on a laptop.\n', files));
    expect(r.project?.kind).toBe('unknown-language');
  });

  // Fixed: a network written from scratch in Go, described in words the vocabulary lacked (31.9 / 30.6 F, not ML).
  it.each([
    ['English, "digit recognizer … trained on MNIST"', '# digits\nHandwritten digit recognizer written from scratch in Go, trained on MNIST: 97.8% test accuracy.\n'],
    ['Ukrainian', '# цифри\nНейронна мережа на Go для розпізнавання рукописних цифр (машинне навчання).\n'],
    ['Dutch', '# cijfers\nEen neuraal netwerk in Go voor handgeschreven cijfers (machinaal leren).\n'],
  ])('a Go network from scratch with a README in %s is not called "not ML"', async (_name, readme) => {
    const r = await audit(withReadme(readme, { 'main.go': GO_NN, 'go.mod': 'module digits\n\ngo 1.22\n\nrequire gonum.org/v1/gonum v0.14.0\n' }));
    expect(r.project?.kind).toBe('unknown-language');
  });

  // Fixed: Go declares a model as `type NeuralNetwork struct`, which the hand-written-model sign (written for
  // `class`/`struct` first) missed; with a README in no listed language the repo was not ML (30.6 F).
  it('a Go `type NeuralNetwork struct` with a Train method is ML written by hand, not "not ML"', async () => {
    const r = await audit(withReadme('# nn\nWritten in Go.\n', { 'nn.go': GO_NN.replace(/\bNetwork\b/g, 'NeuralNetwork'), 'go.mod': 'module nn\n' }));
    expect(r.project?.kind).toBe('unknown-language');
    expect(r.project?.note).toMatch(/written without a library/);
  });

  // Fixed (session 13): a multi-line string was code to the comment stripper: a Go raw string (or a Swift/C# `"""`
  // block, a Rust r#"…"#) holding one ML import line moved an app with no ML from not-ml to not measurable. Go site
  // 30.6 → 50.6 (+20.0); Swift app 30.2 → 49.8; Rust 30.2 → 49.8; C# 30.2 → 49.8. (A `//` or `/* */` comment did not:
  // 30.6.) Now src/probes/multiline-strings.ts finds the lines inside such strings and no import is read there.
  it('an ML import inside a Go raw string does not lift a Go web site out of not-ML (measured +20.0)', async () => {
    const plain = await audit(withReadme('# shop\nA small shop site in Go.\n', GO_SHOP));
    const raw = await audit(withReadme('# shop\nA small shop site in Go.\n', { ...GO_SHOP, 'help.go': 'package main\n\nvar help = `\nimport "gorgonia.org/gorgonia"\n`\n' }));
    expect(raw.project?.kind).toBe('not-ml');
    expect(raw.score).toBeLessThan(plain.score + 10);
  });

  const appFiles = (ext: string, body: (i: number) => string): Record<string, string> =>
    Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`src/View${i}.${ext}`, body(i)]));
  const SWIFT_APP = appFiles('swift', (i) => `import UIKit\n\nfinal class View${i}: UIViewController {\n  override func viewDidLoad() {\n    super.viewDidLoad()\n    title = "Page ${i}"\n  }\n}\n`);
  const RUST_APP = appFiles('rs', (i) => `use std::io;\n\npub fn page${i}(out: &mut impl io::Write) -> io::Result<()> {\n    writeln!(out, "page ${i}")\n}\n`);
  const CS_APP = appFiles('cs', (i) => `using System;\n\nnamespace Shop {\n  public class View${i} {\n    public string Title() => "Page ${i}";\n  }\n}\n`);
  it.each([
    ['a Swift """ block', SWIFT_APP, 'src/Help.swift', 'import UIKit\n\nlet help = """\nimport CoreML\nlet model = try MyModel()\n"""\n'],
    ['a Rust r#"…"# string', RUST_APP, 'src/help.rs', 'pub const HELP: &str = r#"\nuse tch::nn;\nfn main() {}\n"#;\n'],
    ['a C# """ raw string', CS_APP, 'src/Help.cs', 'namespace Shop {\n  public static class Help {\n    public const string Text = """\nusing Microsoft.ML;\n""";\n  }\n}\n'],
  ])('an ML import inside %s leaves an app with no ML not ML', async (_name, app, path, text) => {
    const plain = await audit(withReadme('# app\nA small app.\n', app));
    const raw = await audit(withReadme('# app\nA small app.\n', { ...app, [path]: text }));
    expect(plain.project?.kind).toBe('not-ml');
    expect(raw.project?.kind).toBe('not-ml');
  });

  // The near miss: the same import written as code, after a raw string that closed, makes the app ML.
  it('an ML import after a closed Go raw string is read', async () => {
    const r = await audit(withReadme('# shop\nA small shop site in Go.\n', { ...GO_SHOP, 'help.go': 'package main\n\nvar help = `usage`\n\nimport "gorgonia.org/gorgonia"\n' }));
    expect(r.project?.kind).toBe('unknown-language');
  });

  // Fixed: the not-ML decision for an app in these languages ignored data-science code beside it: a C++ inference
  // engine (8 .cpp files) whose weights a NumPy notebook trains, README "Reads licence plates fast, in C++.", was
  // not ML (30.6 F); before session 12 and now, not measurable (50.6).
  it('a C++ engine beside a NumPy training notebook is not called "not ML"', async () => {
    const cpp = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`src/layer${i}.cpp`, `#include <vector>\n\nvoid layer${i}(std::vector<float>& x) {\n  for (auto& v : x) v = v > 0 ? v : 0;\n}\n`]));
    const r = await audit(withReadme('# plates\nReads licence plates fast, in C++.\n', { ...cpp, 'train.ipynb': NUMPY_TRAINING }));
    expect(r.project?.kind).not.toBe('not-ml');
  });

  // Fixed (session 13): with more code files than the fact reads (300), an app in these languages was "not
  // measurable" whatever they held: 300 files of `package gen` beside the Go site, 30.6 → 50.6 (+20.0). Now the files
  // read are the first 300 in reading order (files named like ML code first) and the decision is made on them.
  it('300 one-line Go files do not lift a Go web site out of not-ML (measured +20.0)', async () => {
    const pad = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`gen/p${i}.go`, 'package gen\n']));
    const plain = await audit(withReadme('# shop\nA small shop site in Go.\n', GO_SHOP));
    const padded = await audit(withReadme('# shop\nA small shop site in Go.\n', { ...GO_SHOP, ...pad }));
    expect(padded.score).toBeLessThan(plain.score + 10);
  });
});

describe('attack12: original projects in the tutorials\' idioms are not copies', () => {
  it.each([
    ['a Keras notebook in the image-classification tutorial\'s shape, on own data (9 of 32)', { 'sketches.ipynb': KERAS_OWN }],
    ['the Kaggle Titanic notebook everyone writes (7 of 32)', { 'titanic.ipynb': TITANIC_OWN }],
    ['the plain PyTorch loop on own sensor data (6 of 32)', { 'train.py': TORCH_LOOP_OWN }],
    ['fastai lesson 0\'s DataBlock and learner cells on own photos (5 of 29)', { 'mushrooms.ipynb': FASTAI_OWN }],
  ])('%s passes not-a-known-copy', async (_name, files) => {
    const r = await audit(withReadme('# My project\n\nMy own work.\n', files));
    expect(rule(r, 'not-a-known-copy').score).toBe(1);
  });
});

// d2l is catalogued from its PyTorch tab (`--tab d2l-ai/d2l-en=pytorch`); the book publishes the same chapters for
// TensorFlow, JAX and MXNet. Five chapter pages (ResNet, LeNet, GoogLeNet, MLP and softmax regression from scratch)
// taken whole, as fencedPython reads them for one framework, one .py file per page:
//   pytorch tab  132 of 152 fingerprints (87 %), 4 files retyped whole   not-a-known-copy 0
//   mxnet tab     70 of 155 (45 %), 2 files retyped whole                   0
//   tensorflow tab 38 of 152 (25 %), none whole                             1  (not a copy)
//   jax tab        32 of 154 (21 %), none whole                             1  (not a copy)
// A copy of the book in TensorFlow or JAX escaped the rule and its cap (45). Fixed in session 13: the catalogue has a
// source per tab (`--tab d2l-ai/d2l-en=pytorch,tensorflow,jax`; 843,940 → 930,501 bytes). MXNet stays out (caught
// above through its shared blocks; the framework nobody starts with now).
const MIRRORS = process.env.MLPA_MIRRORS ?? '/work/.mirror';
const D2L = [join(MIRRORS, 'd2l-ai+d2l-en', 'repo/.git'), join(MIRRORS, 'd2l-ai+d2l-en', 'repo')].find((d) => existsSync(join(d, 'HEAD')));
const D2L_PAGES = [
  'chapter_convolutional-modern/resnet.md',
  'chapter_convolutional-neural-networks/lenet.md',
  'chapter_multilayer-perceptrons/mlp-implementation.md',
  'chapter_linear-classification/softmax-regression-scratch.md',
  'chapter_convolutional-modern/googlenet.md',
];
const d2lCopy = (tab: string): Repo =>
  withReadme(
    '# Deep learning models\n',
    Object.fromEntries(D2L_PAGES.map((p) => [`models/${p.split('/')[1]!.replace('.md', '.py')}`, fencedPython(execFileSync('git', ['--git-dir', D2L!, 'show', `HEAD:${p}`], { encoding: 'utf8' }), tab)])),
  );

describe('attack12: a copy of Dive into Deep Learning in another framework\'s tab', () => {
  it.skipIf(!D2L)('the PyTorch tab of five chapters is a copy of d2l', async () => {
    expect(rule(await audit(d2lCopy('pytorch')), 'not-a-known-copy').score).toBe(0);
  });
  it.skipIf(!D2L).each(['tensorflow', 'jax'])('the %s tab of the same five chapters is a copy of d2l (measured before session 13: score 1)', async (tab) => {
    expect(rule(await audit(d2lCopy(tab)), 'not-a-known-copy').score).toBe(0);
  });
});

// Fixed (session 13): the fake @actions/core stands in for the module the project's own code imports (vi.mock), not
// for the copy the Action's dependencies load from node_modules: @actions/artifact logged through the real module to
// the test process's stdout, so an in-process run's record missed its lines ("Beginning upload of artifact content to
// blob storage", "Artifact <name> successfully finalized. Artifact ID <id>", its `::debug::` commands), all of which a
// runner shows in the step's log, and artifact-upload.test.ts's "the runtime token is never printed" was checked
// without them. Now runInProcess records what is written to process.stdout during the run, in order with the fake's
// lines (test/helpers/action/in-process.ts).
describe('attack12: the fake @actions/core and the Action\'s dependencies', () => {
  const gh = new FakeGitHub();
  const artifacts = new FakeArtifactService();
  let monorepo: RunnerContext;
  beforeAll(async () => {
    const { baseUrl } = await startFakeGithub(gh, new FakeRepos());
    await artifacts.start();
    monorepo = monorepoContext(baseUrl, 'ghp_PersonalToken0123456789abcdefABCDEF01', 'mlpa-a12-mono-');
  });
  afterAll(async () => {
    await gh.stop();
    await artifacts.stop();
  });

  it('an in-process run records what @actions/artifact logs, as the runner shows it', async () => {
    const run = await runInProcess({ ...monorepo, env: artifacts.env('run-a12', 'job-1') }, { path: 'projects/churn' });
    expect(artifacts.listed('run-a12')).toHaveLength(1);
    expect(run.stdout).toContain('successfully finalized');
  });
});
