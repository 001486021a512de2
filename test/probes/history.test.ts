import { describe, expect, it } from 'vitest';
import { createProbeContext } from '../../src/probes/context.js';
import { authorGroups, isBot } from '../../src/probes/history/_shared/authors.js';
import { classifyMessage } from '../../src/probes/history/_shared/messages.js';
import { linearScore } from '../../src/probes/history/_shared/scale.js';
import { runMember } from '../helpers/probes.js';

type HistoryParams = { metric: string } & Record<string, unknown>;
import { memorySnapshot } from '../../src/sources/memory.js';
import type { Commit, RepoSnapshot } from '../../src/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { TERSE_SUBJECTS, WORK_SUBJECTS } from '../../src/rules/example-subjects.js';

const NOW = new Date('2026-01-15T00:00:00Z');
const DAY = 86_400_000;

let seq = 0;
function commit(date: string | number, subject: string, filesChanged: number | null = 1, extra: Partial<Commit> = {}): Commit {
  seq++;
  return {
    sha: seq.toString(16).padStart(40, '0'),
    authorName: 'Ada Candidate',
    authorEmail: 'ada@example.com',
    date: typeof date === 'number' ? new Date(date).toISOString() : date,
    subject,
    filesChanged,
    merge: false,
    ...extra,
  };
}

function tree(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/f${i}.py`, 'x = 1\n']));
}

/** `n` commits, one every `everyDays` days, ending `endDaysAgo` before NOW, newest first (as sources list them). */
function steady(n: number, everyDays: number, endDaysAgo = 10, subject = (i: number) => WORK_SUBJECTS[i % WORK_SUBJECTS.length]!): Commit[] {
  const end = NOW.getTime() - endDaysAgo * DAY;
  return Array.from({ length: n }, (_, i) => commit(end - (n - 1 - i) * everyDays * DAY, subject(i), 2)).reverse();
}

async function run(params: HistoryParams, commits: Commit[], opts: { files?: number; shallow?: boolean; snap?: (s: RepoSnapshot) => void; id?: string; extra?: Record<string, string> } = {}) {
  const snap = memorySnapshot({ id: opts.id, files: { ...tree(opts.files ?? 20), ...opts.extra }, commits, shallow: opts.shallow, commit: 'abc' });
  opts.snap?.(snap);
  return runMember('history', 'metric', params, createProbeContext(snap, NOW));
}

describe('linearScore', () => {
  it('maps zero→0 and full→1 linearly, clamped, both directions', () => {
    expect(linearScore(1, 1, 30)).toBe(0);
    expect(linearScore(30, 1, 30)).toBe(1);
    expect(linearScore(15.5, 1, 30)).toBeCloseTo(0.5);
    expect(linearScore(100, 1, 30)).toBe(1);
    expect(linearScore(180, 1095, 180)).toBe(1);
    expect(linearScore(1095, 1095, 180)).toBe(0);
    expect(linearScore(637.5, 1095, 180)).toBeCloseTo(0.5);
    expect(linearScore(Number.NaN, 0, 1)).toBe(0);
  });
});

describe('history probe: not measurable', () => {
  it('shallow history', async () => {
    const r = await run({ metric: 'commit-count' }, [commit('2025-12-01T00:00:00Z', 'Add model')], { shallow: true });
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toBe('history is shallow: 1 commit visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow');
  });
  it('no commits: plain directory vs empty repo', async () => {
    const plain = memorySnapshot({ files: tree(3) });
    const r = await runMember('history', 'metric', { metric: 'span' }, createProbeContext(plain, NOW));
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toMatch(/plain directory/);
    const empty = await run({ metric: 'span' }, []);
    expect(empty.outcome).toBe('not-measurable');
    expect(empty.note).toMatch(/no commits/);
  });
});

describe('history probe: counts', () => {
  it('commit-count ignores merges and bots', async () => {
    const commits = [
      ...steady(30, 1),
      commit('2025-12-01T00:00:00Z', 'Merge pull request #3', 0, { merge: true }),
      commit('2025-12-02T00:00:00Z', 'Bump numpy', 1, { authorName: 'dependabot[bot]', authorEmail: '49699333+dependabot[bot]@users.noreply.github.com' }),
    ];
    const r = await run({ metric: 'commit-count' }, commits);
    expect(r.score).toBe(1);
    expect(r.evidence[0]!.detail).toMatch(/30 commits \(1 merge, 1 bot commit not counted\)/);
    expect((await run({ metric: 'commit-count' }, steady(1, 1))).score).toBe(0);
    expect((await run({ metric: 'commit-count', full: 10 }, steady(10, 1))).score).toBe(1);
  });
  it('commit-count uses totalCount when the history is an API window', async () => {
    const r = await run({ metric: 'commit-count' }, steady(10, 1), {
      snap: (s) => {
        s.history.truncated = true;
        s.history.totalCount = 300;
      },
    });
    expect(r.score).toBe(1);
    expect(r.note).toMatch(/newest 10 of 300/);
  });
  it('active-days counts distinct UTC dates', async () => {
    const sameDay = Array.from({ length: 12 }, (_, i) => commit(`2025-11-03T${String(i + 8).padStart(2, '0')}:00:00Z`, WORK_SUBJECTS[i]!));
    const r = await run({ metric: 'active-days' }, sameDay);
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/12 commits were made on 1 day/);
    // One commit of work and four one-line commits on four other days: the note does not say all five were made on one day.
    const small = [commit('2025-11-01T10:00:00Z', 'Add data loading and cleaning', 2, { linesChanged: 40 }), ...[3, 7, 12, 20].map((d, i) => commit(`2025-11-${String(1 + d).padStart(2, '0')}T10:00:00Z`, WORK_SUBJECTS[i]!, 1, { linesChanged: 1 }))];
    const s = await run({ metric: 'active-days' }, small);
    expect(s.score).toBe(0);
    expect(s.note).not.toMatch(/all 5 commits/);
    expect(s.note).toMatch(/the 1 commit of work counted was made on 1 day; the other 4, on other days, are not counted as work \(too small, or busy work\)/);
    expect((await run({ metric: 'active-days' }, steady(15, 2))).score).toBe(1);
    // 01:30+02:00 is 23:30Z the previous day; 23:30+02:00 is 21:30Z: two UTC dates.
    const tz = [commit('2025-11-03T01:30:00+02:00', 'Tune the model'), commit('2025-11-03T23:30:00+02:00', 'Write the report')];
    expect((await run({ metric: 'active-days', zero: 0, full: 2 }, tz)).score).toBe(1);
  });
  it('span is active development in days: gaps count up to a week', async () => {
    expect((await run({ metric: 'span' }, steady(6, 10))).score).toBe(1);
    expect((await run({ metric: 'span' }, steady(5, 10))).score).toBeCloseTo(linearScore(28, 1, 30));
    expect((await run({ metric: 'span' }, steady(5, 0.1))).score).toBe(0);
  });
  it('recency is relative to ctx.now', async () => {
    expect((await run({ metric: 'recency' }, steady(3, 1, 30))).score).toBe(1);
    expect((await run({ metric: 'recency' }, steady(3, 1, 1200))).score).toBe(0);
    const mid = await run({ metric: 'recency' }, steady(3, 1, 637.5));
    expect(mid.score).toBeCloseTo(0.5, 2);
    expect(mid.note).toMatch(/no commits for 637 days/);
  });
});

describe('history probes: count, days and span weighed by how well the messages say what changed (hist12)', () => {
  const web = (i: number) => (i % 2 ? 'Update train.py' : `Create notes_${i}.py`);
  it.each(['commit-count', 'active-days', 'span'])('%s: the same history under messages that say nothing keeps half its score, and says why', async (metric) => {
    const described = await run({ metric }, steady(12, 2));
    const silent = await run({ metric }, steady(12, 2, 10, web));
    expect(described.score).toBeGreaterThan(0.3);
    expect(silent.score).toBeCloseTo(described.score * 0.5, 6);
    expect(silent.evidence.map((e) => e.detail).join('\n')).toMatch(/weighed ×0\.50: 0% of the commit messages say what changed/);
    expect(described.evidence.map((e) => e.detail).join('\n')).not.toMatch(/weighed/);
    // undescribed: 1 turns the weighing off.
    expect((await run({ metric, undescribed: 1 }, steady(12, 2, 10, web))).score).toBeCloseTo(described.score, 6);
  });
  it('terse messages that name what changed lose nothing; a mix loses in proportion', async () => {
    const terse = await run({ metric: 'commit-count' }, steady(20, 1, 10, (i) => TERSE_SUBJECTS[i]!));
    expect(terse.score).toBeCloseTo(linearScore(20, 1, 30), 6);
    // 10 of 20 informative: share 0.5 → (0.5 − 0.2) / 0.5 = 0.6 of the way from the floor → ×0.8.
    const mixed = await run({ metric: 'commit-count' }, steady(20, 1, 10, (i) => (i % 2 ? `Update model_${i}.py` : TERSE_SUBJECTS[i]!)));
    expect(mixed.score).toBeCloseTo(linearScore(20, 1, 30) * 0.8, 6);
  });
  it('a lone initial commit is not weighed (no message rated)', async () => {
    const r = await run({ metric: 'commit-count', zero: 0, full: 1 }, [commit('2025-11-03T00:00:00Z', 'Initial commit', 3)]);
    expect(r.score).toBe(1);
  });
});

describe('history probe: message quality', () => {
  it('classifies low-information subjects', () => {
    for (const s of ['Add files via upload', 'Update README.md', 'Update train.py', 'Create app.py', 'Delete old.ipynb', 'wip', 'fix', 'update', '.', 'commit', 'changes', 'asdf', '', 'final changes', 'minor fixes', 'Rename a.py to b.py', 'first commit all files', 'fix: typo'])
      expect(classifyMessage(s, false).kind, s).toBe('low');
    for (const s of ['Add churn model with gradient boosting', 'Fix leakage in the train/test split', 'task: initial ml commit', 'Update README with results table', 'Data Ingestion', 'feat(api): add /predict endpoint'])
      expect(classifyMessage(s, false).kind, s).toBe('informative');
    expect(classifyMessage('Initial commit', true).kind).toBe('neutral');
    expect(classifyMessage('Initial commit', false).kind).toBe('low');
  });
  it('scores the share of informative messages, with examples as evidence', async () => {
    const good = await run({ metric: 'message-quality' }, [...steady(10, 1), commit('2024-01-01T00:00:00Z', 'Initial commit')]);
    expect(good.score).toBe(1);
    expect(good.evidence[0].detail).toBe('10 of 10 messages say what changed (100%); 0 say nothing (the initial commit is not rated)');
    // One of each reads as one: "1 commit", "1 message", "1 day".
    const one = [commit('2025-12-01T00:00:00Z', 'Initial commit'), commit('2025-12-02T00:00:00Z', 'Add the churn model training script')];
    expect((await run({ metric: 'message-quality' }, one)).evidence[0].detail).toBe('1 of 1 message says what changed (100%); 0 say nothing (the initial commit is not rated)');
    expect((await run({ metric: 'commit-count' }, one.slice(1))).evidence[0].detail).toBe('1 commit');
    expect((await run({ metric: 'span' }, one)).evidence[0].detail).toMatch(/^1 day of active development .* from 2025-12-01/);
    const uploads = [commit('2025-10-01T00:00:00Z', 'Add files via upload', 20), commit('2025-10-01T01:00:00Z', 'Update README.md'), commit('2025-10-02T00:00:00Z', 'Update README.md'), commit('2025-10-03T00:00:00Z', 'Add EDA notebook for churn')];
    const r = await run({ metric: 'message-quality' }, uploads);
    expect(r.score).toBeCloseTo(linearScore(0.25, 0.2, 0.7));
    expect(r.evidence.map((e) => e.detail).join('\n')).toMatch(/"Update README\.md" × 2/);
  });
  it('placeholder messages and pasted git output say nothing', () => {
    for (const s of ['no message', 'No message.', 'no commit message', 'message', 'empty commit', "On branch main Your branch is up to date with 'origin/main'.", ' On branch main  Your branch is up to date', 'Changes to be committed: \tmodified:   backend/api/main.py', '\tmodified:   .gitignore', 'Changes not staged for commit: modified: app.py', 'nothing to commit, working tree clean'])
      expect(classifyMessage(s, false).kind, s).toBe('low');
    expect(classifyMessage("On branch main Your branch is up to date with 'origin/main'.", false).reason).toBe('pasted git output');
    // Words that only start like git output still describe the change.
    for (const s of ['Error handling for empty CSV uploads', 'Modified the scaler to fit on train only', 'Branch-specific learning rates for the two heads', 'Changes to the split: stratify by region'])
      expect(classifyMessage(s, false).kind, s).toBe('informative');
  });
  it('reads subjects in any script: a phrase in Japanese, Chinese, Russian or Korean says what changed', () => {
    for (const s of ['不要なファイルを削除', '手動話者分離機能整備', 'docs(readme): 精簡成果與重現資訊', 'Добавить обучение модели', '모델 학습 코드 추가', 'Añadir validación cruzada'])
      expect(classifyMessage(s, false).kind, s).toBe('informative');
    for (const s of ['修正', '更新', '订正', 'исправление', '수정'])
      expect(classifyMessage(s, false).kind, s).toBe('low');
  });
  it('one subject repeated over much of the history counts as low-information, whatever its words', async () => {
    const same = Array.from({ length: 10 }, (_, i) => commit(Date.parse('2025-09-01T10:00:00Z') + i * DAY, 'Improve the training pipeline'));
    const other = ['Add the churn data loader', 'Evaluate on the held-out month', 'Serve the model with FastAPI'].map((s, i) => commit(Date.parse('2025-09-20T10:00:00Z') + i * DAY, s));
    const r = await run({ metric: 'message-quality' }, [...same, ...other].reverse());
    expect(r.evidence[0].detail).toBe('3 of 13 messages say what changed (23%); 10 say nothing');
    expect(r.evidence[1].detail).toBe('"Improve the training pipeline" × 10 — the same message over much of the history');
    // Under a quarter of the history, or fewer than five times, a repeated subject is read on its words.
    const few = [...same.slice(0, 4), ...other].reverse();
    expect((await run({ metric: 'message-quality' }, few)).evidence[0].detail).toBe('7 of 7 messages say what changed (100%); 0 say nothing');
  });
  it('a lone initial commit is not informative', async () => {
    const r = await run({ metric: 'message-quality' }, [commit('2025-10-01T00:00:00Z', 'Initial commit', 30)]);
    expect(r.score).toBe(0);
  });
});

describe('history probe: one-shot', () => {
  it('one commit with the whole tree and nothing after it → 0', async () => {
    const r = await run({ metric: 'one-shot' }, [commit('2025-10-01T00:00:00Z', 'Add files via upload', 40), commit('2025-10-01T02:00:00Z', 'Update README.md')], { files: 40 });
    expect(r.score).toBe(0);
    expect(r.evidence[0]!.detail).toMatch(/100% of the 40 files/);
  });
  it('piecemeal uploads within a day or two are one dump', async () => {
    const t0 = Date.parse('2025-10-01T10:00:00Z');
    const commits = Array.from({ length: 8 }, (_, i) => commit(t0 + i * 3 * 3_600_000, 'Add files via upload', 5));
    expect((await run({ metric: 'one-shot' }, commits, { files: 40 })).score).toBe(0);
  });
  it('a scaffold commit followed by weeks of work is not a dump', async () => {
    const scaffold = commit(NOW.getTime() - 60 * DAY, 'Initialize project from cookiecutter template', 38);
    const r = await run({ metric: 'one-shot' }, [...steady(20, 2), scaffold], { files: 40 });
    expect(r.score).toBe(1);
  });
  it('a hackathon: many informative commits in two days is not a dump', async () => {
    const t0 = Date.parse('2025-10-01T10:00:00Z');
    const commits = Array.from({ length: 30 }, (_, i) => commit(t0 + i * 3_600_000, `Implement step ${i} of the pipeline`, 3));
    expect((await run({ metric: 'one-shot' }, commits, { files: 40 })).score).toBe(1);
  });
  it('work before the dump counts; README-only edits do not', async () => {
    const dump = commit('2025-12-01T00:00:00Z', 'Add files via upload', 40);
    const readmeEdits = Array.from({ length: 12 }, (_, i) => commit(Date.parse('2025-12-02T00:00:00Z') + i * DAY, 'Update README.md'));
    expect((await run({ metric: 'one-shot' }, [dump, ...readmeEdits], { files: 40 })).score).toBe(0);
    const before = steady(10, 3, 60);
    expect((await run({ metric: 'one-shot' }, [dump, ...before], { files: 40 })).score).toBe(1);
  });
  it('work after the upload on code and deployment files earns part of the credit, only when the paths are known', async () => {
    const t0 = Date.parse('2025-11-09T10:00:00Z');
    const dump = commit(t0, 'Initial commit: app, model code and notebook', 40);
    const files = ['app.py', 'requirements.txt', 'Dockerfile', 'src/infer.py'];
    const fixes = (paths: boolean) =>
      Array.from({ length: 12 }, (_, i) => commit(t0 + (i + 1) * 3 * 3_600_000, `Fix the upload handler, case ${i}`, 1, paths ? { paths: [files[i % 4]!] } : {}));
    const script = Array.from({ length: 10 }, (_, i) => `step_${i} = run(${i})`).join('\n');
    const deploy = 'FROM python:3.11-slim\nCOPY . /app\nCMD python /app/app.py\n';
    const extra = { 'app.py': script, 'src/infer.py': script, 'requirements.txt': 'torch\ngradio\nnumpy\n', Dockerfile: deploy };
    const known = await run({ metric: 'one-shot' }, [dump, ...fixes(true)], { files: 36, extra });
    expect(known.score).toBeCloseTo(0.6, 6);
    expect(known.evidence.at(-1)!.detail).toMatch(/12 commits changing code or deployment files .* on 2 days, 4 distinct files/);
    // The same history from a source that does not list the paths (the API): later work is not measured, no credit.
    const unknown = await run({ metric: 'one-shot' }, [dump, ...fixes(false)], { files: 36, extra });
    expect(unknown.score).toBeCloseTo(0.4, 6);
    expect(unknown.evidence.map((e) => e.detail).join(' ')).not.toMatch(/after the upload/);
    // The same commits with the credit turned off: what the rule gave before.
    expect((await run({ metric: 'one-shot', laterCredit: 0 }, [dump, ...fixes(true)], { files: 36, extra })).score).toBeCloseTo(0.4, 6);
  });
  it('work after the upload counts only on files with substance at HEAD: comment lines appended to stubs are none', async () => {
    const t0 = Date.parse('2025-11-09T10:00:00Z');
    const dump = commit(t0, 'Initial commit: app, model code and notebook', 40);
    const files = ['app.py', 'requirements.txt', 'Dockerfile', 'src/infer.py'];
    const fixes = Array.from({ length: 12 }, (_, i) => commit(t0 + (i + 1) * 3 * 3_600_000, `Fix the upload handler, case ${i}`, 1, { paths: [files[i % 4]!] }));
    // Stubs: one code line and appended comments; the config files a single line (one pin, one FROM).
    const stubs = { 'app.py': 'x = 1\n# a\n# b\n# c\n', 'src/infer.py': 'y = 2\n# d\n# e\n', 'requirements.txt': 'torch\n', Dockerfile: 'FROM python\n# f\n' };
    // No credit for the work after the upload: the score of the same history without paths (the API), 0.4.
    const r = await run({ metric: 'one-shot' }, [dump, ...fixes], { files: 36, extra: stubs });
    expect(r.score).toBeCloseTo(0.4, 6);
    expect(r.evidence.map((e) => e.detail).join(' ')).not.toMatch(/after the upload/);
    // The same stubs counted as substance (no bar): the credit the trick bought before.
    expect((await run({ metric: 'one-shot', laterMinLines: 0, laterMinConfigLines: 0 }, [dump, ...fixes], { files: 36, extra: stubs })).score).toBeCloseTo(0.6, 6);
  });
  it('code files with no substance that arrive after the upload do not dilute its share of the tree', async () => {
    const t0 = Date.parse('2025-11-09T10:00:00Z');
    const dump = commit(t0, 'Add files via upload', 6, { paths: Array.from({ length: 6 }, (_, i) => `src/f${i}.py`) });
    const hollow = Array.from({ length: 6 }, (_, i) => `scripts/s${i}.sh`);
    const later = commit(t0 + 3 * DAY, 'Add run scripts', 6, { paths: hollow });
    const extra = Object.fromEntries(hollow.map((f) => [f, '#!/bin/sh\n# run it later\n']));
    // The dump is the whole tree once they are left out; the one later commit is a little other work (1 of 10 commits),
    // and a small one: 6 files at 5 lines a file, 30 of the 40 lines that would clear it (half way from 20): 0.05.
    expect((await run({ metric: 'one-shot' }, [dump, later], { files: 6, extra })).score).toBeCloseTo(0.05, 6);
    // The same scripts with a command each, and a bar they meet, are part of the project (6 of 12 files: no penalty).
    const real = Object.fromEntries(hollow.map((f) => [f, '#!/bin/sh\npython -m src.f0 "$@"\n']));
    expect((await run({ metric: 'one-shot', laterMinLines: 1 }, [dump, later], { files: 6, extra: real })).score).toBe(1);
  });

  it('falls back to commits per day when files per commit are unknown', async () => {
    const r = await run({ metric: 'one-shot' }, [commit('2025-10-01T00:00:00Z', 'Add everything', null)], { files: 10 });
    expect(r.score).toBe(0);
    expect(r.evidence[0]!.detail).toMatch(/files per commit unknown/);
  });
});

describe('history probes: a commit of only stub files is not work by its file count (holes12)', () => {
  // A 10-file upload, then one commit adding three files that hold at most one code line today (`x = 1` and comment
  // lines appended later; an empty module): three files, lines not counted by either source, yet not work.
  const t0 = Date.parse('2025-11-01T10:00:00Z');
  const real = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`src/m${i}.py`, 'import pandas as pd\ndf = pd.read_csv("d.csv")\nprint(df.shape)\n']));
  const stubs = { 'train.py': 'x = 1\n# step 3\n# step 6\n', 'app.py': 'y = 1\n', 'utils.py': '' };
  const hist = (paths: boolean): Commit[] =>
    [
      commit(t0, 'Add files via upload', 10, paths ? { paths: Object.keys(real) } : {}),
      commit(t0 + 8 * DAY, 'Add training, app and utils scripts', 3, paths ? { paths: Object.keys(stubs) } : {}),
    ].reverse();

  it('local git (paths known): not counted by commit-count, active-days or span', async () => {
    const files = { ...real, ...stubs };
    const count = await run({ metric: 'commit-count' }, hist(true), { files: 0, extra: files });
    expect(count.evidence[0]!.detail).toBe('1 commit (1 commit of only stub files (at most 1 code line each) not counted)');
    expect((await run({ metric: 'span' }, hist(true), { files: 0, extra: files })).score).toBe(0);
    expect((await run({ metric: 'active-days' }, hist(true), { files: 0, extra: files })).score).toBe(0);
  });

  it('counts when one of its files has code today, when a path is not a source file, or when the paths are unknown (the API)', async () => {
    const grown = { ...real, ...stubs, 'app.py': 'import joblib\nmodel = joblib.load("model.pkl")\n' };
    expect((await run({ metric: 'commit-count' }, hist(true), { files: 0, extra: grown })).evidence[0]!.detail).toBe('2 commits');
    const prose = { ...real, ...stubs, 'utils.py': '' };
    const withDoc = hist(true);
    withDoc[0]!.paths = ['train.py', 'app.py', 'docs/design.md'];
    expect((await run({ metric: 'commit-count' }, withDoc, { files: 0, extra: { ...prose, 'docs/design.md': '# Design\n' } })).evidence[0]!.detail).toBe('2 commits');
    expect((await run({ metric: 'commit-count' }, hist(false), { files: 0, extra: { ...real, ...stubs } })).evidence[0]!.detail).toBe('2 commits');
  });
});

describe('history probes: commits of fewer than 3 changed lines are not work', () => {
  // Twelve one-line commits over six days after a 40-file upload, as the API gives them (counts, no paths) and as local
  // git does (the paths too): the same result from both, and the same as a history without them.
  const t0 = Date.parse('2025-11-01T10:00:00Z');
  const padded = (lines: number | null, withPaths: boolean): Commit[] =>
    [
      commit(t0, 'Add files via upload', 40),
      ...Array.from({ length: 12 }, (_, i) =>
        commit(t0 + (1 + i / 2) * DAY, WORK_SUBJECTS[i]!, 1, { linesChanged: lines, ...(withPaths ? { paths: [`src/f${i % 3}.py`] } : {}) }),
      ),
    ].reverse();

  it.each(['commit-count', 'active-days', 'span', 'one-shot'])('%s: one-line padding counts for nothing, from either source', async (metric) => {
    const alone = await run({ metric }, [commit(t0, 'Add files via upload', 40)], { files: 40 });
    const api = await run({ metric }, padded(1, false), { files: 40 });
    const local = await run({ metric }, padded(1, true), { files: 40 });
    expect(api.score).toBe(alone.score);
    expect(local.score).toBe(api.score);
    // Unknown counts (null: a source that did not count them) keep the old behaviour: the commits count.
    const unknown = await run({ metric }, padded(null, false), { files: 40 });
    expect(unknown.score).toBeGreaterThan(alone.score);
  });

  // holes12: rated, but the well-worded ones together weigh at most half the commits of work rated (here the upload
  // alone): the twelve one-liners weigh as half a message against the upload's "Add files via upload", 33%: 0.27 (was 1).
  it('message-quality rates the messages of small commits, the well-worded ones weighing at most half the work, the same from either source', async () => {
    const api = await run({ metric: 'message-quality' }, padded(1, false), { files: 40 });
    const local = await run({ metric: 'message-quality' }, padded(1, true), { files: 40 });
    expect(api.score).toBeCloseTo(linearScore(1 / 3, 0.2, 0.7), 9);
    expect(local.score).toBe(api.score);
    expect(api.evidence[0]!.detail).toBe('12 of 13 messages say what changed (33% by weight); 1 say nothing');
    expect(api.evidence[1]!.detail).toBe('the 12 well-worded small commits (fewer than 3 lines, or only stub files) weigh together as 0.5: 50% of the 1 commit of work rated, no more');
  });

  // An honest history: eight commits of work (four well described) and four one-line fixes that say what they fix —
  // no more than half as many as the commits of work, so each counts in full, as before; and a low-information message
  // on a small commit counts in full against the share, however many there are.
  it('message-quality: the small fixes of a history of work count in full', async () => {
    const work = Array.from({ length: 8 }, (_, i) => commit(t0 + i * DAY, i % 2 ? 'Update app.py' : `Add the churn feature step ${i}`, 2, { linesChanged: 40 }));
    const fixes = Array.from({ length: 4 }, (_, i) => commit(t0 + (i + 0.5) * DAY, `Fix the path to the raw CSV in loader ${i}`, 1, { linesChanged: 2 }));
    const withFixes = await run({ metric: 'message-quality' }, [...work, ...fixes].reverse(), { files: 40 });
    const without = await run({ metric: 'message-quality' }, [...work].reverse(), { files: 40 });
    expect(withFixes.score).toBeCloseTo(linearScore(8 / 12, 0.2, 0.7), 9);
    expect(without.score).toBeCloseTo(linearScore(4 / 8, 0.2, 0.7), 9);
    const touchUps = Array.from({ length: 12 }, (_, i) => commit(t0 + (i + 0.5) * DAY, 'Update README.md', 1, { linesChanged: 1 }));
    const r = await run({ metric: 'message-quality' }, [...work, ...touchUps].reverse(), { files: 40 });
    expect(r.score).toBeCloseTo(linearScore(4 / 20, 0.2, 0.7), 9);
  });

  // Padding after an upload the oldest commit calls "Initial commit" (neutral): no commit of work is rated, so the
  // padding's messages weigh nothing.
  it('message-quality: one-line commits after an "Initial commit" upload earn nothing', async () => {
    const r = await run({ metric: 'message-quality' }, [commit(t0, 'Initial commit', 40), ...padded(1, false).slice(0, -1).reverse()].reverse(), { files: 40 });
    expect(r.score).toBe(0);
    expect(r.note).toMatch(/no commit of work to rate/);
  });

  it('says how many commits were left out for their size', async () => {
    const r = await run({ metric: 'commit-count' }, padded(2, false), { files: 40 });
    expect(r.evidence[0]!.detail).toBe('1 commit (12 commits changing fewer than 3 lines not counted)');
  });

  it('one-shot: a committed dependency tree is no part of the upload or of the tree', async () => {
    // Weeks of work on a 20-file project; the first commit also brought node_modules (300 files).
    const deps = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`web/node_modules/pkg${i}/index.js`, 'module.exports = 1;\n']));
    const first = commit(NOW.getTime() - 90 * DAY, 'Initial commit', 306, { paths: [...Object.keys(deps), ...Array.from({ length: 6 }, (_, i) => `src/f${i}.py`)], linesChanged: 330 });
    const work = Array.from({ length: 10 }, (_, i) => commit(NOW.getTime() - (80 - i * 7) * DAY, WORK_SUBJECTS[i % WORK_SUBJECTS.length]!, 2, { paths: [`src/f${6 + i}.py`, `src/f${7 + i}.py`], linesChanged: 12 }));
    const r = await run({ metric: 'one-shot' }, [...work.reverse(), first], { files: 20, extra: deps });
    expect(r.score).toBe(1);
    expect(r.evidence[0]!.detail).toMatch(/changed 6 files = 30% of the 20 files in the tree/);
    // Through a source that lists no paths (the API) the commit's size is all it knows: the tree still leaves the
    // dependencies out, so the share is capped at 100 % of the project, never diluted by a vendored tree.
    const noPaths = [...work.map((c) => ({ ...c, paths: undefined })), { ...first, paths: undefined }];
    expect((await run({ metric: 'one-shot' }, noPaths, { files: 20, extra: deps })).evidence[0]!.detail).toMatch(/covering 100% of the 20 files/);
  });

  it('one-shot: the source counts the dependency files of a commit whose paths it did not all keep', async () => {
    // Local git keeps 20 paths a commit but counts every file in a dependency tree; the tree at HEAD no longer holds them.
    const first = commit(NOW.getTime() - 90 * DAY, 'worked on frontend', 306, { paths: Array.from({ length: 20 }, (_, i) => `web/node_modules/p${i}.js`), vendoredChanged: 300 });
    const work = Array.from({ length: 10 }, (_, i) => commit(NOW.getTime() - (80 - i * 7) * DAY, WORK_SUBJECTS[i % WORK_SUBJECTS.length]!, 2, { paths: [`src/f${6 + i}.py`, `src/f${7 + i}.py`], linesChanged: 12 }));
    const r = await run({ metric: 'one-shot' }, [...work.reverse(), first], { files: 20 });
    expect(r.score).toBe(1);
    expect(r.evidence[0]!.detail).toMatch(/changed 6 files = 30% of the 20 files in the tree/);
  });

  it('one-shot: a dependency tree committed after an upload does not dilute it', async () => {
    // Before: the 15 files of the environment made the 20-file upload 57 % of the tree (0.76, not capped).
    const deps = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`venv/lib/python3.11/site-packages/p${i}.py`, 'x = 1\n']));
    const dump = commit('2025-10-01T00:00:00Z', 'Add files via upload', 20, { paths: Array.from({ length: 20 }, (_, i) => `src/f${i}.py`) });
    const venv = commit('2025-10-08T00:00:00Z', 'Add venv', 15, { paths: Object.keys(deps), linesChanged: 15 });
    const r = await run({ metric: 'one-shot' }, [venv, dump], { files: 20, extra: deps });
    expect(r.score).toBe(0);
    expect(r.evidence[0]!.detail).toMatch(/100% of the 20 files in the tree/);
  });

  it('one-shot: the other work clears the dump only with volume, 5 lines per file of the dump', async () => {
    const score = async (lines: number) => (await run({ metric: 'one-shot' }, padded(lines, false), { files: 40 })).score;
    // 12 commits on 6 days: sustained. 12 × 3 = 36 lines of the 200 a 40-file upload needs: (36 − 20) / 180.
    expect(await score(3)).toBeCloseTo(16 / 180, 6);
    expect(await score(17)).toBe(1); // 204 lines
    const r = await run({ metric: 'one-shot' }, padded(3, false), { files: 40 });
    expect(r.evidence.map((e) => e.detail)).toContain('their volume: about 36 lines changed (commits of 3 files or more at 5 a file), 9% of the 200 (5 a file of the dump) that would clear it');
  });
});

describe('history probe: main-author-share', () => {
  it('merges identities by e-mail or name and ignores bots', () => {
    const groups = authorGroups([
      commit(1, 'a', 1, { authorName: 'Ada Candidate', authorEmail: 'ada@laptop.local' }),
      commit(2, 'b', 1, { authorName: 'Ada Candidate', authorEmail: '123+ada-c@users.noreply.github.com' }),
      commit(3, 'c', 1, { authorName: 'ada-c', authorEmail: 'ada@work.com' }),
      commit(4, 'd', 1, { authorName: 'Bob', authorEmail: 'bob@x.com' }),
    ]);
    expect(groups[0]!.commits).toBe(3);
    expect(groups[1]!.commits).toBe(1);
    expect(isBot({ authorName: 'github-actions[bot]', authorEmail: '41898282+github-actions[bot]@users.noreply.github.com' })).toBe(true);
    expect(isBot({ authorName: 'Ada', authorEmail: 'ada@x.com' })).toBe(false);
  });
  it('full at >= 0.5, zero at <= 0.1', async () => {
    const mine = steady(6, 1);
    const others = Array.from({ length: 4 }, (_, i) => commit(NOW.getTime() - (i + 2) * DAY, `Other change ${i} to the model`, 1, { authorName: `Dev ${i}`, authorEmail: `dev${i}@x.com` }));
    expect((await run({ metric: 'main-author-share' }, [...mine, ...others])).score).toBe(1);
    const crowd = Array.from({ length: 20 }, (_, i) => commit(NOW.getTime() - (i + 2) * DAY, `Change ${i} to the model`, 1, { authorName: `Dev ${i}`, authorEmail: `dev${i}@x.com` }));
    expect((await run({ metric: 'main-author-share' }, crowd)).score).toBe(0);
  });
  it('names the owner when recognisable, but scores the main author', async () => {
    const owner = Array.from({ length: 2 }, (_, i) => commit(NOW.getTime() - (i + 2) * DAY, `Owner change ${i}`, 1, { authorName: 'Ada', authorEmail: '1+ada-c@users.noreply.github.com' }));
    const upstream = steady(18, 1);
    const r = await run({ metric: 'main-author-share' }, [...owner, ...upstream], { id: 'ada-c/forked-project' });
    expect(r.score).toBe(1);
    expect(r.note).toMatch(/owner \(ada-c\) wrote 2 of 20/);
  });
});

describe('history probe: robustness', () => {
  it('odd input does not throw', async () => {
    const weird = [commit('not a date', '', null), commit('2025-01-01T00:00:00Z', '   ', 0, { authorName: '', authorEmail: '' })];
    for (const metric of ['commit-count', 'active-days', 'span', 'message-quality', 'one-shot', 'recency', 'main-author-share'] as const) {
      const r = await run({ metric }, weird);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('history probe: real git repositories (local source)', () => {
  it('a shallow clone is not measurable and says how to fix it', async () => {
    const { execFileSync } = await import('node:child_process');


    const { join } = await import('node:path');
    const { buildGitRepo } = await import('../../src/fixtures/git-repo.js');
    const { localSnapshot } = await import('../../src/sources/local.js');
    const commits = Array.from({ length: 5 }, (_, i) => ({ date: `2025-10-0${i + 1}T10:00:00Z`, message: `Add step ${i} of the pipeline`, files: { [`s${i}.py`]: 'x\n' } }));
    const root = tmpDir('mlpa-shallow-');
    buildGitRepo(join(root, 'repo'), commits);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${join(root, 'repo')}`, join(root, 'shallow')]);
    const snap = await localSnapshot(join(root, 'shallow'));
    const r = await runMember('history', 'metric', { metric: 'active-days' }, createProbeContext(snap, NOW));
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toBe('history is shallow: 1 commit visible; use fetch-depth: 0 (actions/checkout) or git fetch --unshallow');
  });
  it('a plain directory is not measurable', async () => {


    const { join } = await import('node:path');
    const { writeTree } = await import('../../src/fixtures/git-repo.js');
    const { localSnapshot } = await import('../../src/sources/local.js');
    const dir = join(tmpDir('mlpa-hist-'), 'plain');
    writeTree(dir, { 'train.py': 'x\n' });
    const r = await runMember('history', 'metric', { metric: 'commit-count' }, createProbeContext(await localSnapshot(dir), NOW));
    expect(r.outcome).toBe('not-measurable');
    expect(r.note).toMatch(/plain directory/);
  });
});
