/**
 * attack14: repos for the attacks on session 14's changes (in-sample scores, loops that learn, committed data opened
 * whatever its extension, tables of repeated rows, triple-quoted text, counters in commit subjects). Shared by
 * attack14.test.ts.
 */
import { NOW, commit, nb, weakRepo } from './gaming-attack.js';
import { weakWith, type Repo } from './attack11-repos.js';

export { weakWith, type Repo };

const DAY = 86_400_000;

/** The weak repo whose notebook is these cells. */
export const weakNotebook = (cells: string[], files: Record<string, string> = {}): Repo => weakWith({ 'Churn.ipynb': nb(cells), ...files });

/** The weak repo's notebook with its fit scored on the rows it was fitted on, and `extra` lines in its model cell. */
export const inSample = (extra = ''): Repo =>
  weakNotebook([
    'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score\nfrom sklearn.model_selection import train_test_split\n',
    "df = pd.read_csv('churn.csv')\ndf.head()\n",
    `X = df.drop(columns=['churn'])\ny = df['churn']\n${extra}model = LogisticRegression()\nmodel.fit(X, y)\nprint(accuracy_score(y, model.predict(X)))\n`,
  ]);

/** A table of `n` rows copying `k` distinct records (each with its own id and text), then `extra` distinct rows. */
export function copiedRows(n: number, k: number, extra: number): string {
  const rows = Array.from({ length: n }, (_, i) => `${i % k},customer number ${i % k},monthly,yes,no`);
  for (let i = 0; i < extra; i++) rows.push(`${1000 + i},another customer ${i},yearly,no,yes`);
  return `id,name,plan,churn,promo\n${rows.join('\n')}\n`;
}

/** 3,000 answers to a survey of four categorical questions (a fixed pseudo-random sequence): ~160 distinct rows. */
export function surveyAnswers(): string {
  const cols = [['Male', 'Female', 'Other'], ['18-25', '26-40', '41-65'], ['Yes', 'No', 'Maybe'], ['Low', 'Medium', 'High'], ['Yes', 'No']];
  let seed = 7;
  const pick = (a: string[]): string => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return a[seed % a.length]!;
  };
  const rows = Array.from({ length: 3000 }, () => cols.map(pick).join(','));
  return `gender,age_group,remote,stress,treatment\n${rows.join('\n')}\n`;
}

/** The weak repo's notebook and 30 commits over 40 days, each changing it by 40 lines, under `subject(i)`. */
export function thirtyDays(subject: (i: number) => string): Repo {
  const r = weakRepo();
  r.commits = [];
  for (let i = 0; i < 30; i++) r.commits.unshift(commit(new Date(NOW.getTime() - (40 - i) * DAY), subject(i), ['Churn.ipynb'], 'Cand Idate', 40));
  return r;
}

/** A tabular Q-learning notebook whose only returns are the training episodes', with `extra` lines before its loop. */
export const qLearning = (extra = ''): Repo =>
  weakNotebook([
    'import gymnasium as gym\nimport numpy as np\nenv = gym.make("FrozenLake-v1")\nQ = np.zeros((16, 4))\nalpha, gamma, eps = 0.1, 0.99, 0.1\nrewards = []\n' +
      extra +
      'for episode in range(5000):\n    s, _ = env.reset()\n    done = False\n    total_reward = 0\n    while not done:\n        a = env.action_space.sample() if np.random.rand() < eps else int(np.argmax(Q[s]))\n        s2, r, term, trunc, _ = env.step(a)\n        Q[s, a] += alpha * (r + gamma * np.max(Q[s2]) - Q[s, a])\n        s, done = s2, term or trunc\n        total_reward += r\n    rewards.append(total_reward)\nprint(np.mean(rewards))\n',
  ]);

/** A DQN script whose episodes run in one function, learning only when `train` is true; then 100 greedy episodes. */
export const DQN_SHARED_EPISODE = `import gymnasium as gym
import numpy as np
import torch
from torch import nn


class Agent:
    def __init__(self, n_obs, n_act):
        self.model = nn.Sequential(nn.Linear(n_obs, 64), nn.ReLU(), nn.Linear(64, n_act))
        self.opt = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.memory = []

    def act(self, state, greedy=False):
        if not greedy and np.random.rand() < 0.1:
            return np.random.randint(2)
        return int(self.model(torch.tensor(state)).argmax())

    def remember(self, *t):
        self.memory.append(t)

    def replay(self):
        if len(self.memory) < 64:
            return
        s, a, r, s2, d = map(torch.tensor, zip(*self.memory[-64:]))
        q = self.model(s.float()).gather(1, a.long().unsqueeze(1)).squeeze()
        target = r.float() + 0.99 * self.model(s2.float()).max(1).values * (1 - d.float())
        loss = nn.functional.mse_loss(q, target.detach())
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()


def run_episode(env, agent, train=True):
    state, _ = env.reset()
    done = False
    total_reward = 0
    while not done:
        action = agent.act(state, greedy=not train)
        next_state, reward, term, trunc, _ = env.step(action)
        done = term or trunc
        if train:
            agent.remember(state, action, reward, next_state, done)
            agent.replay()
        state = next_state
        total_reward += reward
    return total_reward


env = gym.make("CartPole-v1")
agent = Agent(env.observation_space.shape[0], env.action_space.n)
for ep in range(500):
    run_episode(env, agent, train=True)
torch.save(agent.model.state_dict(), "dqn.pt")
eval_returns = [run_episode(env, agent, train=False) for _ in range(100)]
print("mean return over 100 greedy episodes", np.mean(eval_returns))
`;
