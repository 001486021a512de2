/**
 * review15: repos for the attacks on session 15's judgement changes (survival, tokeniser, generative and speech
 * metrics, Streamlit container widgets with `orImported`, random-returning shells with `unlessImports`, batch
 * `predict*.py`, generated CSVs, a committed text corpus, the retype cap). Shared by review15.test.ts.
 */
import { nb } from './gaming-attack.js';
import { weakWith, type Repo } from './attack11-repos.js';

export { weakWith, type Repo };

/** The weak repo's notebook replaced by one that fits a model on hard-coded arrays (no data read): 29.7 F. */
export const noData = (files: Record<string, string> = {}): Repo =>
  weakWith({
    'Churn.ipynb': nb(['import numpy as np\nfrom sklearn.linear_model import LogisticRegression\n', 'X = np.array([[1, 2], [3, 4], [5, 6], [7, 8]])\ny = np.array([0, 1, 0, 1])\nmodel = LogisticRegression()\nmodel.fit(X, y)\n']),
    ...files,
  });

/** A Gradio app whose interface returns a random image, with `extra` lines after its imports. */
export const randomGradio = (extra = ''): string =>
  `import gradio as gr\nimport numpy as np\n${extra}def generate(prompt):\n    return np.random.rand(256, 256, 3)\n\ndemo = gr.Interface(fn=generate, inputs="text", outputs="image")\ndemo.launch()\n`;

/** A script that writes churn.csv from random draws (read by the weak notebook), with `extra` lines at its top. */
export const generator = (extra = ''): string =>
  `import json\nimport numpy as np\nimport pandas as pd\n${extra}n = 1000\ndf = pd.DataFrame({"tenure": np.random.randint(1, 72, n), "charges": np.random.uniform(20, 120, n), "churn": np.random.randint(0, 2, n)})\ndf.to_csv("churn.csv", index=False)\n`;

/** An honest collector: weather from an API over urllib, a random pause between requests, written to churn.csv. */
export const API_COLLECTOR =
  'import json\nimport random\nimport time\nimport urllib.request\nimport pandas as pd\nrows = []\nfor city in ["a", "b"]:\n    with urllib.request.urlopen(f"https://api.example.com/weather?city={city}") as r:\n        rows.append(json.load(r))\n    time.sleep(random.random())\npd.DataFrame(rows).to_csv("churn.csv", index=False)\n';

/** 100 KB and more of one line: a corpus in size only. */
export const ONE_LINE_CORPUS = 'To be or not to be that is the question\n'.repeat(2700);

/**
 * `n` generated helper functions of varied shape (a deterministic pseudo-random sequence): own-looking code to dilute
 * a retyped template's share of the fingerprints.
 */
export function fillerFunctions(n: number): string {
  const ops = ['+', '-', '*'];
  let s = 7;
  const r = (k: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const out = ['import math', ''];
  for (let i = 0; i < n; i++) {
    out.push(`def feature_${i}(row, scale=${r(9) + 1}):`);
    for (let j = 0, depth = 1 + r(4); j < depth; j++) {
      const kind = r(4);
      if (kind === 0) out.push(`    row["c${r(50)}"] = row["c${r(50)}"] ${ops[r(3)]} ${r(100)}`);
      else if (kind === 1) out.push(`    if row["c${r(50)}"] > ${r(100)}:\n        row["c${r(50)}"] = math.log1p(abs(row["c${r(50)}"]))`);
      else if (kind === 2) out.push(`    for k in range(${r(5) + 1}):\n        row["c${r(50)}"] += k ${ops[r(3)]} scale`);
      else out.push(`    row["c${r(50)}"] = min(row["c${r(50)}"], scale * ${r(10)})`);
    }
    out.push('    return row', '');
  }
  return out.join('\n');
}
