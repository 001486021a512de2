/**
 * review15: a hostile review of what session 15 changed in the judgement (issue #11), as a candidate who wants a
 * better score. Each open hole is an `it.fails(...)`: the expectation the engine should meet, failing today, so the
 * suite stays green; when a fix lands the `it.fails` itself fails and must become a plain `it`. The plain `it`s are
 * holes closed on this branch (numbers before → after) and attacks measured to fail.
 *
 * Measured on the weak repo of gaming-attack.ts (one notebook, a one-line README, one upload commit: 37.5 F, data +
 * training) or its data-less variant (29.7 F, training only):
 *
 *   trick / shape                                                              before        after this branch
 *   eval.py: lifelines imported, `concordance_index(t, p)` of random arrays    37.5 → 45.4   37.5 (needs a model's prediction)
 *   a random-returning Gradio shell importing a module whose docstring names
 *     `torch.load(` (or a string in the app file itself naming it)             37.5 → 45.4   37.5 (strings are text)
 *   sidebar widget + an imported module naming `joblib.load(` in a string      39.5 → 43.4   39.5
 *   an honest API collector (urlopen, random pause) writing the CSV read       37.5 → 33.6   37.5 (it reads, so not generated)
 *   200 generated helper functions beside a capped retype (39 % of the code)   capped        capped (36 %: the cap holds)
 *   open holes (it.fails below): FID of two folder names, no generator (+7.9); a 100 KB corpus of one repeated line
 *   read and encoded (+7.8); a SentencePiece tokeniser trained on the README (+7.9, the level of any one-line
 *   preprocessing call); a random generator script that also opens a config file (+7.8); a Gradio app echoing its
 *   input with no model at all (+7.9, older: the random-shell check is dodged by not drawing random numbers); a helper
 *   module with an uncalled function that loads weights lifts the random-shell veto (+7.9).
 *   Closed on attack16 (now plain `it`s): the one-line corpus (committed-data.ts readsLikeCorpus, notFiller), the
 *   tokeniser trained on the README, the generator opening its config (generated.notReads).
 *   Closed on attack17: FID of two folder names (the FID call needs a generative model in the repository).
 *   Not holes of this session: a lifelines Cox fit on random data counts as training, as a scikit-learn fit on
 *   hard-coded arrays always has (29.7 → 37.5 either way); `st.slider(` without any model already counts (0.75).
 */
import { describe, expect, it } from 'vitest';
import { auditSnapshot } from '../../src/audit.js';
import { loadRules } from '../../src/rules/load.js';
import { runExample } from '../../src/rules/examples.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import type { AuditedRepoReport } from '../../src/report/types.js';
import { NOW, weakRepo } from './gaming-attack.js';
import { API_COLLECTOR, ONE_LINE_CORPUS, fillerFunctions, generator, noData, randomGradio, weakWith, type Repo } from './review15-repos.js';

const rules = loadRules();
const audit = (r: Repo): Promise<AuditedRepoReport> => auditSnapshot(memorySnapshot(r), { rules, now: NOW, skills: false });
const rule = (r: AuditedRepoReport, id: string) => r.rules.find((x) => x.id === id)!;
const detected = (r: AuditedRepoReport): string[] => Object.entries(r.stages).filter(([, s]) => s.detected).map(([k]) => k).sort();

describe('review15: new evaluation vocabulary (survival, FID)', () => {
  // Fixed: the concordance index needed only a survival library imported; two random arrays made the stage (+7.9).
  it('a concordance index of random arrays beside a lifelines import is no evaluation (measured +7.9)', async () => {
    const [base, r] = await Promise.all([
      audit(weakRepo()),
      audit(weakWith({ 'eval.py': 'import numpy as np\nfrom lifelines.utils import concordance_index\nt = np.random.rand(9)\np = np.random.rand(9)\nprint(concordance_index(t, p))\n' })),
    ]);
    expect(detected(r)).not.toContain('evaluation');
    expect(r.score).toBe(base.score);
  });

  // Closed on attack17: FID between two folder names needed nothing generative in the repo (+7.9). The FID call now
  // needs a generative model named in code in its file, a module it imports, or a reached model / training / sampling
  // file (stage-evaluation's `generative-model` line). Next trick: a `class Generator: pass` line, a name only; what
  // would close it is a file of the repo writing the images into the folder the FID reads.
  it('FID of two folder names in a repo with no generative model is no evaluation (measured +7.9)', async () => {
    const r = await audit(weakWith({ 'eval.py': 'from cleanfid import fid\nprint(fid.compute_fid("a", "b"))\n' }));
    expect(detected(r)).not.toContain('evaluation');
  });
});

describe('review15: app shells and orImported (strings are text)', () => {
  // Fixed: `unlessImports` and the in-file `unless` read strings: a docstring naming `torch.load(` lifted the shell.
  it('a random Gradio shell is not lifted by `torch.load(` named in a docstring or a string (measured +7.9)', async () => {
    for (const repo of [
      weakWith({ 'app.py': randomGradio('import helpers\n'), 'helpers.py': '"""Will call torch.load("gen.pt") once trained."""\nX = 1\n' }),
      weakWith({ 'app.py': randomGradio('TODO = "model = torch.load(path)"\n') }),
    ]) {
      const r = await audit(repo);
      expect(rule(r, 'stage-deployment').score).toBe(0);
    }
  });

  it('sidebar widgets are not lifted by an imported module naming `joblib.load(` in a string (measured +3.9)', async () => {
    const r = await audit(
      weakWith({ 'app.py': 'import streamlit as st\nimport helpers\nx = st.sidebar.slider("x", 0, 10)\nst.write(helpers.fmt(x))\n', 'helpers.py': 'NOTE = "model = joblib.load(path) later"\ndef fmt(x):\n    return str(x)\n' }),
    );
    // 0.25 before app15 (the Streamlit import counted); now no sign of the app counts: nothing in it runs a model.
    expect(rule(r, 'stage-deployment').score).toBe(0);
  });

  // Fixed (app15): an uncalled function of the imported module that loads weights lifted the veto. The app's signs now
  // need a model loaded or run in code that runs (code-reach.ts deadAt), so the shell scores nothing either way.
  it('a random Gradio shell is not lifted by an uncalled weight-loading function in a module it imports (measured +7.9)', async () => {
    const r = await audit(weakWith({ 'app.py': randomGradio('import helpers\n'), 'helpers.py': 'import torch\ndef _unused():\n    return torch.load("gen.pt")\n' }));
    expect(rule(r, 'stage-deployment').score).toBe(0);
  });

  // Fixed (app15): a Gradio app that echoes its input, with no model anywhere, was a full deployment (a shell needed no
  // random numbers). An app's framework, endpoint and UI signs now count only where the app file, or a repo module it
  // imports (up to three hops), loads, runs or trains a model or calls an LLM.
  it('a Gradio app echoing its input with no model anywhere is no deployment (measured +7.9)', async () => {
    const r = await audit(weakWith({ 'app.py': 'import gradio as gr\ndef f(x):\n    return x\ngr.Interface(fn=f, inputs="text", outputs="text").launch()\n' }));
    expect(rule(r, 'stage-deployment').score).toBeLessThan(0.5);
  });
});

describe('review15: generated CSVs (generated)', () => {
  // Fixed: a collector that pauses a random time between requests "read nothing" (urlopen was not a read): its CSV was
  // generated, the notebook's read of it discounted (data 1 → 0.5, −3.9).
  it('an honest API collector with random pauses keeps the CSV it writes as data (measured −3.9)', async () => {
    const [base, r] = await Promise.all([audit(weakRepo()), audit(weakWith({ 'fetch.py': API_COLLECTOR }))]);
    expect(rule(r, 'stage-data').score).toBe(1);
    expect(r.categories.pipeline.score).toBe(base.categories.pipeline.score);
    // The collector is a second file of ML work, but the notebook beside it has 8 code lines (under ml-code-substance's
    // minFileLines, attack22): 19 code lines in all are still one short piece of ML work, penalised as before.
    expect(rule(base, 'ml-code-substance').score).toBe(0);
    expect(rule(r, 'ml-code-substance').score).toBe(0);
    expect(r.score).toBeGreaterThanOrEqual(base.score);
  });

  it('a random generator script makes its CSV synthetic (the change holds: 37.5 → 29.7)', async () => {
    const r = await audit(weakWith({ 'make_data.py': generator() }));
    expect(rule(r, 'stage-data').score).toBe(0);
  });

  // Open: any read in the generator, even of its own config, makes what it writes data again. What would close it: a
  // read whose result flows into the written table, or reads of data files only (not config, settings, params).
  it('a random generator that also opens its config file still makes its CSV synthetic (measured +7.8)', async () => {
    const r = await audit(weakWith({ 'make_data.py': generator('cfg = json.load(open("config.json"))\n') }));
    expect(rule(r, 'stage-data').score).toBe(0);
  });
});

describe('review15: text corpora and tokenisers', () => {
  // Open: `trackedMinBytes` checks the size only; 100 KB of one repeated line is a corpus. What would close it: the
  // distinct-line share of the file, as `distinctRows` does for tables (repeated-rows.ts needs separators in rows).
  it('a 100 KB corpus of one repeated line read whole and encoded is no data (measured +7.8)', async () => {
    const [base, r] = await Promise.all([
      audit(noData()),
      audit(noData({ 'input.txt': ONE_LINE_CORPUS, 'gpt.py': 'import torch\ntext = open("input.txt").read()\ndata = torch.tensor(encode(text))\n' })),
    ]);
    expect(rule(r, 'stage-data').score).toBeLessThan(0.5);
    expect(r.score).toBe(base.score);
  });

  // Open, at the level of any one-line preprocessing call (`StandardScaler().fit_transform(X)` on a literal is +7.9
  // too): a SentencePiece tokeniser trained on the README makes the stage.
  it('a tokeniser trained on the README is no preprocessing (measured +7.9)', async () => {
    const r = await audit(weakWith({ 'tok.py': 'import sentencepiece as spm\nspm.SentencePieceTrainer.train(input="README.md", model_prefix="m", vocab_size=50)\n' }));
    expect(detected(r)).not.toContain('preprocessing');
  });
});

describe('review15: the retype cap (capShare)', () => {
  // Attack measured to fail: generated own-looking helpers dilute the share only a little (identifiers and literals
  // are normalised away), so the capped template keeps its cap.
  it('200 generated helper functions beside a capped retype do not lift the cap', async () => {
    const copy = rules.rules.find((r) => r.id === 'not-a-known-copy')!;
    const ex = copy.examples!.fail.find((e) => e.name.startsWith('the same own project with the template'))!;
    const got = await runExample(copy, rules, { ...ex, files: { ...ex.files, 'src/features_extra.py': fillerFunctions(200) } });
    expect(got.score).toBeLessThan(0.5);
  });
});
