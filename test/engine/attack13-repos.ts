/**
 * attack13: repos for the attacks on sessions 12 and 13 (issue #11) — ML written in Go and Rust on libraries the
 * project-kind lists do not name, a RAG app and a tabular Q-learning agent (advice that must fit the kind). Shared by
 * attack13.test.ts.
 */

/** Iris in Go on gobrain (a feed-forward network library): an 80/20 split and the test accuracy. */
export const GO_GOBRAIN: Record<string, string> = {
  'main.go': `package main

import (
\t"encoding/csv"
\t"fmt"
\t"math/rand"
\t"os"
\t"strconv"

\t"github.com/goml/gobrain"
)

func loadPatterns(path string) [][][]float64 {
\tf, _ := os.Open(path)
\tdefer f.Close()
\trows, _ := csv.NewReader(f).ReadAll()
\tpatterns := [][][]float64{}
\tfor _, r := range rows[1:] {
\t\tin := make([]float64, 4)
\t\tfor i := 0; i < 4; i++ {
\t\t\tin[i], _ = strconv.ParseFloat(r[i], 64)
\t\t}
\t\tout := []float64{0, 0, 0}
\t\tk, _ := strconv.Atoi(r[4])
\t\tout[k] = 1
\t\tpatterns = append(patterns, [][]float64{in, out})
\t}
\treturn patterns
}

func main() {
\trand.Seed(0)
\tpatterns := loadPatterns("data/iris.csv")
\trand.Shuffle(len(patterns), func(i, j int) { patterns[i], patterns[j] = patterns[j], patterns[i] })
\tsplit := len(patterns) * 8 / 10
\ttrain, test := patterns[:split], patterns[split:]
\tff := &gobrain.FeedForward{}
\tff.Init(4, 8, 3)
\tff.Train(train, 1000, 0.6, 0.4, false)
\tcorrect := 0
\tfor _, p := range test {
\t\tout := ff.Update(p[0])
\t\tif argmax(out) == argmax(p[1]) {
\t\t\tcorrect++
\t\t}
\t}
\tfmt.Printf("test accuracy: %.2f\\n", float64(correct)/float64(len(test)))
}

func argmax(v []float64) int {
\tbest := 0
\tfor i := range v {
\t\tif v[i] > v[best] {
\t\t\tbest = i
\t\t}
\t}
\treturn best
}
`,
  'go.mod': 'module iris\n\ngo 1.21\n\nrequire github.com/goml/gobrain v0.0.0-20201212123421-2e2d98ca8249\n',
  'data/iris.csv': 'sl,sw,pl,pw,label\n5.1,3.5,1.4,0.2,0\n',
};
export const GO_GOBRAIN_README = '# Iris classifier in Go\n\nA feed-forward neural network (gobrain) trained on the Iris dataset, 80/20 train/test split, reports test accuracy.\n\n## Run\n```\ngo run .\n```\n';

/** Logistic regression written from scratch in Rust on ndarray, trained by a `step` method (no `train`/`fit` name). */
export const RUST_SPAM: Record<string, string> = {
  'src/main.rs': `use ndarray::{Array1, Array2, Axis};
use csv::Reader;

struct Model {
    w: Array1<f64>,
    b: f64,
}

impl Model {
    fn new(n: usize) -> Self {
        Model { w: Array1::zeros(n), b: 0.0 }
    }

    fn forward(&self, x: &Array2<f64>) -> Array1<f64> {
        x.dot(&self.w).mapv(|z| 1.0 / (1.0 + (-z - self.b).exp()))
    }

    fn step(&mut self, x: &Array2<f64>, y: &Array1<f64>, lr: f64) -> f64 {
        let p = self.forward(x);
        let err = &p - y;
        let grad = x.t().dot(&err) / y.len() as f64;
        self.w = &self.w - &(grad * lr);
        self.b -= lr * err.mean().unwrap();
        -(y * &p.mapv(f64::ln) + (1.0 - y) * &p.mapv(|v| (1.0 - v).ln())).mean().unwrap()
    }
}

fn load(path: &str) -> (Array2<f64>, Array1<f64>) {
    let mut rdr = Reader::from_path(path).unwrap();
    let rows: Vec<Vec<f64>> = rdr.records().map(|r| r.unwrap().iter().map(|v| v.parse().unwrap()).collect()).collect();
    let n = rows.len();
    let d = rows[0].len() - 1;
    let x = Array2::from_shape_fn((n, d), |(i, j)| rows[i][j]);
    let y = Array1::from_iter(rows.iter().map(|r| r[d]));
    (x, y)
}

fn main() {
    let (x, y) = load("data/spam.csv");
    let split = x.len_of(Axis(0)) * 4 / 5;
    let (xtr, xte) = x.view().split_at(Axis(0), split);
    let (ytr, yte) = y.view().split_at(Axis(0), split);
    let mut m = Model::new(x.ncols());
    for epoch in 0..200 {
        let loss = m.step(&xtr.to_owned(), &ytr.to_owned(), 0.1);
        if epoch % 20 == 0 { println!("epoch {epoch} loss {loss:.4}"); }
    }
    let acc = m.forward(&xte.to_owned()).iter().zip(yte.iter()).filter(|(p, t)| ((**p > 0.5) as i32 as f64) == **t).count() as f64 / yte.len() as f64;
    println!("test accuracy {acc:.3}");
}
`,
  'Cargo.toml': '[package]\nname = "spam"\nversion = "0.1.0"\n\n[dependencies]\nndarray = "0.15"\ncsv = "1.3"\n',
};
export const RUST_SPAM_README = '# Spam filter in Rust\n\nLogistic regression written from scratch with ndarray, trained by gradient descent on the Spambase dataset; prints the test accuracy.\n\n## Run\n```\ncargo run --release\n```\n';

/** Tabular Q-learning on FrozenLake (gymnasium): no dataset, no split — episodes and returns. */
export const Q_LEARNING = 'import gymnasium as gym\nimport numpy as np\nenv = gym.make("FrozenLake-v1")\nQ = np.zeros((env.observation_space.n, env.action_space.n))\nalpha, gamma, eps = 0.1, 0.99, 0.1\nfor episode in range(5000):\n    s, _ = env.reset()\n    done = False\n    while not done:\n        a = env.action_space.sample() if np.random.rand() < eps else int(np.argmax(Q[s]))\n        s2, r, term, trunc, _ = env.step(a)\n        Q[s, a] += alpha * (r + gamma * np.max(Q[s2]) - Q[s, a])\n        s, done = s2, term or trunc\nnp.save("q.npy", Q)\n';

/** A RAG chatbot over PDFs (LangChain, Chroma, a hosted LLM) in Streamlit: nothing is trained. */
export const RAG_APP = 'from langchain_community.document_loaders import PyPDFDirectoryLoader\nfrom langchain_text_splitters import RecursiveCharacterTextSplitter\nfrom langchain_openai import OpenAIEmbeddings, ChatOpenAI\nfrom langchain_chroma import Chroma\nimport streamlit as st\n\ndocs = PyPDFDirectoryLoader("docs/").load()\nchunks = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100).split_documents(docs)\ndb = Chroma.from_documents(chunks, OpenAIEmbeddings())\nllm = ChatOpenAI(model="gpt-4o-mini")\nq = st.text_input("Ask the handbook")\nif q:\n    ctx = "\\n".join(d.page_content for d in db.similarity_search(q, k=4))\n    st.write(llm.invoke(f"Answer from the context.\\n{ctx}\\nQ: {q}").content)\n';
