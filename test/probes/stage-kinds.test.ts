/**
 * The shipped stage rules on distilled shapes of each kind of ML project (set 5, a tuning set: shapes, no copied code),
 * each with a counter-example a candidate could try cheaply (an import alone, a keyword in a comment or string, a
 * wrapper that only delegates, a README fence).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { codeProbe, type CodeRuleParams as CodeParams } from '../../src/probes/code.js';
import { runWithDefaults } from '../../src/probes/types.js';
import { createProbeContext } from '../../src/probes/context.js';
import { memorySnapshot } from '../../src/sources/memory.js';
import { parseYamlText } from '../../src/rules/load.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const stages = ['data', 'preprocessing', 'training', 'evaluation'] as const;
type S = (typeof stages)[number];
const params = Object.fromEntries(
  stages.map((s) => [s, (parseYamlText(readFileSync(new URL(`../../rules/pipeline/stage-${s}.yml`, import.meta.url), 'utf8'), 'rule') as { params: CodeParams }).params]),
) as Record<S, CodeParams>;
const score = async (files: Record<string, string>, s: S) => (await runWithDefaults(codeProbe, params[s], createProbeContext(memorySnapshot({ files }), NOW))).score;
/** Stages scoring >= 0.5 (detected). */
const detected = async (files: Record<string, string>) => {
  const out: S[] = [];
  for (const s of stages) if ((await score(files, s)) >= 0.5) out.push(s);
  return out;
};
function notebook(cells: string[]): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((src) => ({ cell_type: 'code', source: src, metadata: {}, outputs: [], execution_count: null })) });
}

describe('TensorFlow.js in JavaScript', () => {
  it('a training worker: tensors one-hot encoded and min-max normalised, a sequential model fitted', async () => {
    const worker = [
      "import 'https://cdn.example.org/npm/@tensorflow/tfjs/dist/tf.min.js';",
      'function normalize(v, min, max) { return (v - min) / ((max - min) || 1); }',
      'const encodeAuthor = (i, n) => tf.oneHot(i, n).cast("float32");',
      'const model = tf.sequential();',
      'model.add(tf.layers.dense({ units: 64, activation: "relu", inputShape: [dim] }));',
      'model.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });',
      'await model.fit(xs, ys, { epochs: 20, batchSize: 32 });',
    ].join('\n');
    expect(await detected({ 'src/workers/trainer.js': worker })).toEqual(['preprocessing', 'training']);
  });

  it('counter: the same calls in line and block comments count for nothing', async () => {
    const fake = '// await model.fit(xs, ys)\n/* tf.oneHot(i, n)\n   tf.sequential() */\nconst dead = 1;\n';
    expect(await detected({ 'src/fake.js': fake })).toEqual([]);
  });

  it('counter: SQL in an Express service is the app\'s own query, not data collection', async () => {
    expect(await score({ 'api/service/books.js': 'const rows = await db.query("SELECT * FROM books WHERE id = ?", [id]);\n' }, 'data')).toBe(0);
  });
});

describe('the JVM: DL4J, Weka, DJL', () => {
  it('a DL4J pipeline: a CSV record reader, a normaliser, a fitted network and an Evaluation', async () => {
    const java = [
      'RecordReader rr = new CSVRecordReader(1, \',\');',
      'DataNormalization norm = new NormalizerStandardize();',
      'MultiLayerNetwork model = new MultiLayerNetwork(conf);',
      'model.fit(trainIter, 20);',
      'Evaluation eval = new Evaluation(3);',
    ].join('\n');
    expect(await detected({ 'src/main/java/Train.java': java })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
  });

  it('DJL observation preprocessing (resize) counts; imports alone do not', async () => {
    expect(await detected({ 'src/main/java/Prep.java': 'var small = NDImageUtils.resize(frame, 84, 84);\n' })).toEqual(['preprocessing']);
    expect(await detected({ 'src/main/java/Imports.java': 'import weka.classifiers.Evaluation;\nimport ai.djl.training.Trainer;\nimport org.deeplearning4j.nn.multilayer.MultiLayerNetwork;\n' })).toEqual([]);
  });
});

describe('reinforcement learning in its own terms', () => {
  it('an agent: environment episodes and stored transitions (data), a DQN update (training), greedy evaluation episodes (evaluation)', async () => {
    const agent = [
      'import gymnasium as gym',
      'env = gym.make("CartPole-v1")',
      'for episode in range(500):',
      '    state, _ = env.reset(seed=episode)',
      '    next_state, reward, done, trunc, _ = env.step(action)',
      '    buffer.push(state, action, reward, next_state, done)',
      '    loss.backward()',
      '    optimizer.step()',
      '    target_net.load_state_dict(policy_net.state_dict())',
      'def evaluate(agent, env, n_episodes=10):',
      '    returns = [run_episode(agent, env, greedy=True) for _ in range(n_episodes)]',
      '    mean_return = np.mean(returns)',
      'evaluate(agent, env)',
    ].join('\n');
    expect(await detected({ 'agent.py': agent })).toEqual(['data', 'training', 'evaluation']);
    const sb3 = 'env = gym.make("LunarLander-v2")\nmodel = PPO("MlpPolicy", env)\nmodel.learn(total_timesteps=200_000)\nmean_reward, std = evaluate_policy(model, env, n_eval_episodes=20)\n';
    expect(await detected({ 'train_sb3.py': sb3 })).toEqual(['data', 'training', 'evaluation']);
  });

  it('observation wrappers are preprocessing; tabular Q-learning is training', async () => {
    expect(await detected({ 'wrappers.py': 'env = FrameStackObservation(ResizeObservation(GrayscaleObservation(env), (84, 84)), 4)\n' })).toEqual(['preprocessing']);
    expect(await score({ 'q.py': 'Q[state, action] = Q[state, action] + alpha * (reward + gamma * best - Q[state, action])\n' }, 'training')).toBe(1);
  });

  it('counter: an import alone, or a wrapper that only delegates env.step, is no data collection', async () => {
    expect(await detected({ 'agent.py': 'import gymnasium as gym\nfrom stable_baselines3 import PPO\n' })).toEqual([]);
    expect(await score({ 'wrap.py': 'class Skip(Wrapper):\n    def step(self, action):\n        return self.env.step(action)\n' }, 'data')).toBeLessThan(0.5);
  });
});

describe('TensorFlow 1 and old Flux', () => {
  it('TF1: an optimizer op run in a session is training', async () => {
    const tf1 = 'train_op = tf.train.AdamOptimizer(alpha).minimize(loss)\nwith tf.Session() as sess:\n    sess.run(init)\n    _, cost = sess.run([train_op, loss], feed_dict={x: X, y: Y})\n';
    expect(await score({ 'train.py': tf1 }, 'training')).toBe(1);
  });

  it('counter: scipy.optimize.minimize and a session that only runs inference are not training', async () => {
    expect(await score({ 'fit_curve.py': 'res = scipy.optimize.minimize(f, x0)\nout = sess.run(y_pred, feed_dict={x: X})\n' }, 'training')).toBe(0);
  });

  it('old Flux: explicit gradients and Flux.Optimise.update! are training', async () => {
    const jl = 'ps = Flux.params(model)\nopt = ADAM(0.001)\nfor (x, y) in loader\n    gs = gradient(() -> logitcrossentropy(model(x), y), ps)\n    Flux.Optimise.update!(opt, ps, gs)\nend\n';
    expect(await score({ 'digits.jl': jl }, 'training')).toBe(1);
    expect(await score({ 'notes.jl': '# Flux.Optimise.update!(opt, ps, gs)\n#= gradient(() -> loss(x, y), ps) =#\n' }, 'training')).toBe(0);
  });
});

describe('recommenders and R', () => {
  it('ranking metrics at K are evaluation; integer-coded IDs are preprocessing', async () => {
    const ev = 'hits, ndcgs = [], []\nhit_ratio = np.mean(hits)\nndcg = np.mean(ndcgs)\nprint(f"HR@{K}: {hit_ratio:.4f}  NDCG@{K}: {ndcg:.4f}")\n';
    expect(await score({ 'metrics_rank.py': ev }, 'evaluation')).toBe(1);
    expect(await score({ 'prep.py': "df['user_idx'] = df['user_id'].astype('category').cat.codes\n" }, 'preprocessing')).toBe(1);
  });

  it('counter: a comparison with ndcg or a comment naming cat.codes counts for nothing', async () => {
    expect(await score({ 'x.py': 'if ndcg == best:\n    pass\n# df.user.cat.codes\n' }, 'evaluation')).toBe(0);
    expect(await score({ 'x.py': '# df.user.cat.codes\n' }, 'preprocessing')).toBe(0);
  });

  it('tidymodels and caret scripts show every stage but deployment', async () => {
    const r = 'df <- read_csv("data/credit.csv")\nsplit <- initial_split(df)\nrec <- recipe(y ~ ., data = training(split)) |> step_normalize(all_numeric_predictors())\nwf <- workflow() |> add_recipe(rec) |> add_model(logistic_reg())\nres <- last_fit(wf, split)\ncollect_metrics(res)\n';
    expect(await detected({ 'model.R': r })).toEqual(['data', 'preprocessing', 'training', 'evaluation']);
  });
});

describe('a notebook that fine-tunes a model and ends in a Gradio demo', () => {
  const cells = [
    'dataset = load_dataset("tatsu-lab/alpaca")',
    'tokenizer = AutoTokenizer.from_pretrained(model_name)',
    'def tokenize(batch):\n    return tokenizer(\n        batch["text"],\n        truncation=True,\n        max_length=512)\ntokenized = dataset.map(\n    tokenize,\n    batched=True)',
    'trainer = Trainer(model=model, args=args, train_dataset=tokenized)\ntrainer.train()',
    'with gr.Blocks() as demo:\n    box = gr.Textbox()\ndemo.launch()',
  ];
  it('keeps the training-time tokenisation (the app marker discounts its own cell only)', async () => {
    expect(await score({ 'finetune.ipynb': notebook(cells) }, 'preprocessing')).toBeGreaterThanOrEqual(0.5);
  });

  it('counter: a notebook that only loads a pretrained tokenizer for its Gradio app has no preprocessing', async () => {
    const app = ['tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")', 'def predict(t):\n    return model(**tokenizer(t, return_tensors="pt"))', 'gr.Interface(fn=predict, inputs="text", outputs="label").launch()'];
    expect(await score({ 'demo.ipynb': notebook(app) }, 'preprocessing')).toBeLessThan(0.5);
  });
});

describe('Markdown: README claims are not code', () => {
  it('a fenced block in the README or in a docs page counts for nothing; an R Markdown chunk does', async () => {
    const fence = '```python\nimport pandas as pd\ndf = pd.read_csv("data/train.csv")\nmodel.fit(X_train, y_train)\n```\n';
    expect(await detected({ 'README.md': `# Churn\n\n${fence}`, 'docs/guide.md': fence })).toEqual([]);
    const rmd = '---\ntitle: churn\n---\n\n```{r}\ndf <- read.csv("data/churn.csv")\nfit <- glm(churn ~ ., data = df, family = binomial)\n```\n';
    expect(await detected({ 'analysis.Rmd': rmd })).toEqual(['data', 'training']);
  });
});
