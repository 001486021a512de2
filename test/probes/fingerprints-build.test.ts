import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExamples, buildFingerprints, CONTENT, fencedPython, gitTree, serialise, type Fingerprints } from '../../script/build-fingerprints.js';
import { TOKENISER_VERSION } from '../../src/probes/code-tokens.js';
import { tmpDir } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '../..');
const MIRRORS = process.env.MLPA_MIRRORS ?? '/work/.mirror';

function gitRepo(files: Record<string, string>): string {
  const dir = tmpDir('mlpa-fp-build-');
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z', GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@b', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@b' },
    });
  git('init', '-q');
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  git('add', '-A');
  git('commit', '-qm', 'x');
  return join(dir, '.git');
}

/** n functions of different shapes (their statements picked by the bits of their index), so the code is varied. */
const code = (name: string, n: number): string =>
  Array.from({ length: n }, (_, i) => {
    const body = [
      '    out = [row * k for row in data if row > 0]',
      '    while k > 1:\n        k = k // 2',
      '    total = sum(out) / max(len(out), 1)',
      '    if total < 0:\n        raise ValueError(total)',
      '    for j, v in enumerate(out):\n        out[j] = v - total',
    ].filter((_, b) => (i + 1) & (1 << b));
    return `def ${name}_${i}(data, k=${i}):\n    """Step ${i}."""\n    out = list(data)\n${body.join('\n')}\n    return out\n`;
  }).join('\n');

describe('build-fingerprints', () => {
  const a = gitRepo({ 'course/week1.py': code('alpha', 12), 'course/lab.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: code('beta', 8) }] }), 'README.md': 'x'.repeat(300), 'src/__init__.py': code('init', 3) });
  const b = gitRepo({ 'template/train.py': code('gamma', 20), 'template/serve.R': 'f <- function(x) {\n  y <- x * 2\n  if (y > 3) { return(y) }\n  y\n}\n'.repeat(6) });

  it('is deterministic: the same commits give the same bytes, in any argument order', () => {
    const one = serialise(buildFingerprints([gitTree('x/a', a), gitTree('x/b', b)]));
    const two = serialise(buildFingerprints([gitTree('x/b', b), gitTree('x/a', a)]));
    expect(two).toBe(one);
    expect(serialise(buildFingerprints([gitTree('x/a', a), gitTree('x/b', b)]))).toBe(one);
  });

  it('records the parameters, the sources and content fingerprints of code files only, as hashes', () => {
    const fp = buildFingerprints([gitTree('x/a', a), gitTree('x/b', b)]);
    expect(fp.version).toBe(2);
    expect(fp.content).toMatchObject({ ...CONTENT, tokeniser: TOKENISER_VERSION });
    expect(fp.content.method).toMatch(/Winnowing/);
    expect(fp.sources.map((s) => [s.repo, s.codeFiles])).toEqual([
      ['x/a', 2],
      ['x/b', 2],
    ]);
    // __init__.py and the README are skipped; notebooks and R count.
    expect(fp.content.files.map(([s, p]) => `${s}:${p}`).sort()).toEqual(['0:course/lab.ipynb', '0:course/week1.py', '1:template/serve.R', '1:template/train.py']);
    for (const [, , hashes] of fp.content.files) {
      expect(hashes).toMatch(/^[0-9a-f]{8}(?: [0-9a-f]{8})*$/);
      expect(hashes.split(' ').length).toBeLessThanOrEqual(CONTENT.maxPerFile);
    }
    const total = fp.content.files.filter(([s]) => s === 0).reduce((n, [, , h]) => n + h.split(' ').length, 0);
    expect(fp.sources[0]!.fingerprints).toBe(total);
  });

  it('records what a stand-in source copies and leaves out the folders it is told to skip (a dataset the copy added)', () => {
    const c = gitRepo({ 'train.py': code('delta', 10), 'images/flowers/daisy_1.jpg': 'j'.repeat(400), 'images/ui_logo.png': 'p'.repeat(300) });
    const fp = buildFingerprints([gitTree('x/c', c, { origin: 'a public copy of someone/template', skip: ['images/flowers'] })]);
    expect(fp.sources[0]).toMatchObject({ repo: 'x/c', origin: 'a public copy of someone/template', skip: ['images/flowers'], treeFiles: 2 });
    const paths = Object.values(fp.blobs).flat().map(([, p]) => p).sort();
    expect(paths).toEqual(['images/ui_logo.png', 'train.py']);
    // A folder name that only starts like the skipped one is kept; without options nothing is skipped or named.
    const plain = buildFingerprints([gitTree('x/c', c, { skip: ['images/flow'] })]);
    expect(Object.values(plain.blobs).flat().map(([, p]) => p)).toContain('images/flowers/daisy_1.jpg');
    expect(buildFingerprints([gitTree('x/c', c)]).sources[0]).not.toHaveProperty('origin');
  });

  it('keeps only the files an --only glob names (the copied part of a large repository), and records the globs', () => {
    const c = gitRepo({ 'nb/llama_grpo.py': code('delta', 10), 'nb/llama_alpaca.py': code('gamma', 10), 'original/qwen_grpo.py': code('eps', 10) });
    const fp = buildFingerprints([gitTree('x/c', c, { only: ['nb/*grpo*'] })]);
    expect(fp.sources[0]).toMatchObject({ repo: 'x/c', only: ['nb/*grpo*'], treeFiles: 1, codeFiles: 1 });
    expect(Object.values(fp.blobs).flat().map(([, p]) => p)).toEqual(['nb/llama_grpo.py']);
    // Near miss: a glob that names no folder of the repository keeps nothing; without --only everything counts.
    expect(buildFingerprints([gitTree('x/c', c, { only: ['*grpo*'] })]).sources[0]).toMatchObject({ treeFiles: 0, codeFiles: 0 });
    expect(buildFingerprints([gitTree('x/c', c)]).sources[0]).toMatchObject({ treeFiles: 3 });
    expect(buildFingerprints([gitTree('x/c', c)]).sources[0]).not.toHaveProperty('only');
  });

  it('keeps at most maxPerSource fingerprints per source, leaving out files that no longer fit', () => {
    const fp = buildFingerprints([gitTree('x/a', a)], { content: { ...CONTENT, maxPerSource: CONTENT.maxPerFile } });
    expect(fp.sources[0]!.fingerprints).toBeLessThanOrEqual(CONTENT.maxPerFile);
    expect(fp.sources[0]!.codeFiles).toBe(1);
  });

  it('a --fenced source (a course teaching its code in its pages) has the Python of its pages fingerprinted, one page as one file', () => {
    const page = ['# Lesson', '', '```python', code('delta', 10), '```', '', '```bash', 'pip install x', '```', ''].join('\n');
    const c = gitRepo({ 'units/en/lesson.mdx': page, 'units/en/intro.md': '# Intro\n\n' + 'Words only. '.repeat(40) });
    const plain = buildFingerprints([gitTree('x/c', c)]);
    const fenced = buildFingerprints([gitTree('x/c', c, { fenced: true })]);
    expect(plain.content.files).toEqual([]);
    expect(fenced.sources[0]).toMatchObject({ fenced: true, codeFiles: 1 });
    expect(fenced.content.files.map(([, path]) => path)).toEqual(['units/en/lesson.mdx']);
    expect(fencedPython(page)).toBe(code('delta', 10));
    expect(fencedPython('~~~py\nx = 1\n~~~\n```\ny = 2\n```\n```python3 title="a.py"\nz = 3\n')).toBe('x = 1\nz = 3\n');
  });

  it('a --tab source (a book written for several frameworks in %%tab blocks) keeps one framework\'s blocks and branches', () => {
    const page = [
      '```{.python .input  n=1}',
      '%%tab mxnet',
      'from mxnet import np',
      '```',
      '',
      'Some prose.',
      '',
      '```{.python .input  n=2}',
      '%%tab pytorch, jax',
      'import torch',
      '```',
      '',
      '```{.python .input}',
      '%%tab all',
      'class Net(d2l.Module):',
      '    def __init__(self, lr):',
      '        super().__init__()',
      "        if tab.selected('mxnet') or tab.selected('tensorflow'):",
      '            self.w = d2l.zeros(1)',
      "        if tab.selected('pytorch'):",
      '            self.w = d2l.zeros(1, requires_grad=True)',
      '',
      '            self.lr = lr',
      '        else:',
      '            self.other = True',
      "        if tab.selected('jax'):",
      '            self.key = 0',
      '        else:',
      '            self.key = None',
      '        self.done = True',
      '```',
      '',
      '```{.python .input}',
      'x = 1',
      '```',
    ].join('\n');
    expect(fencedPython(page, 'pytorch')).toBe(
      [
        'import torch',
        'class Net(d2l.Module):',
        '    def __init__(self, lr):',
        '        super().__init__()',
        '        self.w = d2l.zeros(1, requires_grad=True)',
        '',
        '        self.lr = lr',
        '        self.key = None',
        '        self.done = True',
        'x = 1',
      ].join('\n'),
    );
    // Without a tab every Python block is read as written, markers and branches included.
    expect(fencedPython(page).split('\n')).toEqual(expect.arrayContaining(['%%tab mxnet', 'from mxnet import np', "        if tab.selected('jax'):"]));
    // Other fences are not Python: a {.bash} block, a plain block.
    expect(fencedPython('```{.bash}\nls\n```\n```{.python}\ny = 2\n```\n')).toBe('y = 2');
    const c = gitRepo({ 'chapter_x/page.md': page + '\n' + ['```{.python .input}', '%%tab pytorch', code('eps', 10), '```'].join('\n') });
    const fp = buildFingerprints([gitTree('x/c', c, { fenced: true, tab: 'pytorch' })]);
    expect(fp.sources[0]).toMatchObject({ fenced: true, tab: 'pytorch', codeFiles: 1 });
    expect(buildFingerprints([gitTree('x/c', c, { fenced: true })]).sources[0]).not.toHaveProperty('tab');
  });

  it('rules/fingerprints-examples.json is what --examples builds from script/fingerprint-examples/ (no hand-written hashes)', () => {
    expect(readFileSync(join(root, 'rules/fingerprints-examples.json'), 'utf8')).toBe(serialise(buildExamples()));
  });

  // The shipped catalogue, rebuilt from the snapshots it records (when this machine has them, at those commits).
  const shipped = JSON.parse(readFileSync(join(root, 'rules/fingerprints.json'), 'utf8')) as Fingerprints;
  const gitDirOf = (repo: string): string | undefined =>
    [join(MIRRORS, repo.replace('/', '+'), 'repo/.git'), join(MIRRORS, repo.replace('/', '+'), 'repo')].find((d) => existsSync(join(d, 'HEAD')));
  const available = shipped.sources.every((s) => {
    const dir = gitDirOf(s.repo);
    if (!dir) return false;
    try {
      return execFileSync('git', ['--git-dir', dir, 'rev-parse', 'HEAD^{commit}'], { encoding: 'utf8' }).trim() === s.commit;
    } catch {
      return false;
    }
  });
  it.skipIf(!available)('rules/fingerprints.json is what the builder makes from the snapshots of its sources', () => {
    const rebuilt = buildFingerprints(shipped.sources.map((s) => gitTree(s.repo, gitDirOf(s.repo)!, { origin: s.origin, skip: s.skip, only: s.only, fenced: s.fenced, tab: s.tab })));
    expect(serialise(rebuilt)).toBe(readFileSync(join(root, 'rules/fingerprints.json'), 'utf8'));
  });

  it('every shipped source has content fingerprints, made with the current tokeniser', () => {
    expect(shipped.content.tokeniser).toBe(TOKENISER_VERSION);
    expect(shipped.sources.filter((s) => !s.codeFiles).map((s) => s.repo)).toEqual([]);
    expect(shipped.content).toMatchObject(CONTENT);
  });
});
