import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToFingerprints, buildExamples, buildFingerprints, CONTENT, fencedPython, gitTree, main, serialise, type Fingerprints } from '../../script/build-fingerprints.js';
import { TOKENISER_VERSION } from '../../src/probes/code-tokens.js';
import { bestRetypeMatch, indexContent } from '../../src/probes/retype-match.js';
import { fileFingerprints } from '../../src/probes/winnow.js';
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

  it('a partial export (--export) gives content fingerprints only: its files are transcripts, not the source\'s bytes', () => {
    const e = gitRepo({ 'beginner_source/gan_tutorial.py': code('gan', 12), 'intermediate_source/rnn_tutorial.py': code('rnn', 10) });
    const what = 'partial export of x/big at several commits, 2 files';
    const fp = buildFingerprints([gitTree('x/a', a), gitTree('x/big', e, { export: what })]);
    expect(fp.sources[1]).toMatchObject({ repo: 'x/big', export: what, files: 2, codeFiles: 2 });
    expect(Object.values(fp.blobs).flat().filter(([s]) => s === 1)).toEqual([]);
    expect(fp.content.files.filter(([s]) => s === 1).map(([, p]) => p).sort()).toEqual(['beginner_source/gan_tutorial.py', 'intermediate_source/rnn_tutorial.py']);
    // Near miss: the same git directory given as a snapshot records its blob ids, and no `export`.
    const plain = buildFingerprints([gitTree('x/big', e)]);
    expect(Object.values(plain.blobs).flat().length).toBe(2);
    expect(plain.sources[0]).not.toHaveProperty('export');
  });

  it('--all-fingerprints keeps every fingerprint of a long file, so a copy split into several files still matches; --budget bounds it', () => {
    // Varied code: each function's statements, call arities and nesting picked from its index, few shapes repeat.
    const templates = [
      'x = [v * k for v in data if v > 0]',
      'while k > 1:\n        k = k // 2',
      'total = sum(x) / max(len(x), 1)',
      'if total < 0:\n        raise ValueError(total)',
      'for j, v in enumerate(x):\n        x[j] = v - total',
      'state = {"a": k, "b": [k, k + 1], "c": (k, )}',
      'with open(path) as fh:\n        rows = fh.read().split(sep)',
      'try:\n        k = int(k)\n    except ValueError:\n        k = 0',
      'y = lambda q: q ** 2 + k',
      'model.fit(x, y, epochs=k, verbose=0)',
    ];
    const long = Array.from({ length: 60 }, (_, i) => {
      const pick = (i * 37 + 11) % 1023;
      const body = templates.filter((_, b) => pick & (1 << b)).map((t) => `    ${t}`);
      const call = `    out = helper(${Array.from({ length: (i % 4) + 1 }, (_, j) => `a${j}`).join(', ')})`;
      const nest = i % 3 ? `    if k > ${i}:\n        ${i % 2 ? 'return k' : 'k -= 1'}` : '';
      return `def step_${i}(data, k, path, sep, model):\n${[...body, call, nest].filter(Boolean).join('\n')}\n    return out\n`;
    }).join('\n');
    const e = gitRepo({ 'tutorial.py': long });
    const all = fileFingerprints(long, 'python', { ...CONTENT, maxPerFile: Number.MAX_SAFE_INTEGER });
    expect(all.length).toBeGreaterThan(3 * CONTENT.maxPerFile);
    const capped = buildFingerprints([gitTree('x/t', e)]);
    const whole = buildFingerprints([gitTree('x/t', e, { allFingerprints: ['**'], maxPerSource: 4000 })]);
    expect(capped.content.files[0]![2].split(' ').length).toBe(CONTENT.maxPerFile);
    expect(whole.content.files[0]![2].split(' ').length).toBe(all.length);
    expect(whole.sources[0]).toMatchObject({ allFingerprints: ['**'], maxPerSource: 4000, fingerprints: all.length });
    // A glob keeps every fingerprint of the files it names only.
    const named = buildFingerprints([gitTree('x/t', gitRepo({ 'tutorial.py': long, 'other/tutorial.py': long }), { allFingerprints: ['tutorial.py'], maxPerSource: 4000 })]);
    expect(Object.fromEntries(named.content.files.map(([, p, h]) => [p, h.split(' ').length]))).toEqual({ 'tutorial.py': all.length, 'other/tutorial.py': CONTENT.maxPerFile });
    expect(capped.sources[0]).not.toHaveProperty('allFingerprints');
    expect(capped.sources[0]).not.toHaveProperty('maxPerSource');
    // The tutorial split into three files (model, train, eval), each keeping its own smallest maxPerFile fingerprints.
    const parts = long.split('\ndef ');
    const third = Math.ceil(parts.length / 3);
    const repo = [0, 1, 2].map((i) => {
      const text = parts.slice(i * third, (i + 1) * third).map((p, j) => (i === 0 && j === 0 ? p : `def ${p}`)).join('\n');
      return { path: `part${i}.py`, fingerprints: fileFingerprints(text, 'python', CONTENT) };
    });
    const mCapped = bestRetypeMatch(indexContent(capped.content), repo)!;
    const mWhole = bestRetypeMatch(indexContent(whole.content), repo)!;
    // Every fingerprint of the split copy is in the whole file's; the capped source can match at most its 32.
    expect(mWhole.matched).toBe(mWhole.total);
    expect(mCapped.matched).toBeLessThanOrEqual(CONTENT.maxPerFile);
    expect(mWhole.matched).toBeGreaterThan(mCapped.matched);
    // A budget under the file's fingerprints leaves the file out, as for any source.
    expect(buildFingerprints([gitTree('x/t', e, { allFingerprints: ['**'], maxPerSource: all.length - 1 })]).sources[0]).toMatchObject({ codeFiles: 0, fingerprints: 0 });
  });

  it('the command line reads every option before the sources: a per-source option applies wherever it stands', () => {
    const e = gitRepo({ 'tutorial.py': code('tut', 30) });
    // The first command line as the script runs (`npx tsx script/build-fingerprints.ts`: tsx's loader in a node
    // process, without npx's start), the second through the same `main` in process (a tsx process costs ~1 s of CPU).
    const run = (args: string[], inProcess = false): string => {
      const out = join(tmpDir('mlpa-fp-cli-'), 'fp.json');
      if (inProcess) main(['--out', out, ...args]);
      else execFileSync(process.execPath, ['--import', 'tsx', join(root, 'script/build-fingerprints.ts'), '--out', out, ...args], { cwd: root, stdio: 'pipe' });
      return readFileSync(out, 'utf8');
    };
    // A book with a tab per framework: `--tab x/d=pytorch,jax` makes one source per framework.
    const page = ['```{.python .input}', '%%tab pytorch', code('pt', 10), '```', '```{.python .input}', '%%tab jax', code('jx', 16), '```', ''].join('\n');
    const d = gitRepo({ 'chapter_x/page.md': page });
    const before = run(['--export', 'x/t=partial export of x/t, 1 file', '--all-fingerprints', 'x/t', '--fenced', 'x/d', '--tab', 'x/d=pytorch,jax', `x/t=${e}`, `x/d=${d}`]);
    const after = run([`x/t=${e}`, '--all-fingerprints', 'x/t', `x/d=${d}`, '--tab', 'x/d=pytorch,jax', '--export', 'x/t=partial export of x/t, 1 file', '--fenced', 'x/d'], true);
    expect(after).toBe(before);
    const built = JSON.parse(before) as Fingerprints;
    expect(built.sources.find((x) => x.repo === 'x/t')).toMatchObject({ export: 'partial export of x/t, 1 file', allFingerprints: ['**'] });
    const tabs = built.sources.flatMap((x, i) => (x.repo === 'x/d' ? [{ tab: x.tab, codeFiles: x.codeFiles, fps: built.content.files.filter(([src]) => src === i).map(([, , f]) => f) }] : []));
    expect(tabs.map((x) => [x.tab, x.codeFiles])).toEqual([['pytorch', 1], ['jax', 1]]);
    expect(tabs[0]!.fps).not.toEqual(tabs[1]!.fps);
  });

  it('--add-to adds sources to a built catalogue: byte for byte what one build over all of them writes', () => {
    const c = gitRepo({ 'lessons/unit.py': code('delta', 14), 'shared.py': code('alpha', 12) });
    // A blob two sources share (b's train.py also in m/z) lists both, renumbered.
    const z = gitRepo({ 'copy/train.py': code('gamma', 20), 'own.py': code('zeta', 9) });
    const whole = serialise(buildFingerprints([gitTree('x/a', a), gitTree('m/b', b), gitTree('x/c', c), gitTree('m/z', z)]));
    const base = buildFingerprints([gitTree('x/a', a), gitTree('x/c', c)]);
    const added = buildFingerprints([gitTree('m/b', b), gitTree('m/z', z)]);
    expect(serialise(addToFingerprints(base, added))).toBe(whole);
    expect(serialise(addToFingerprints(addToFingerprints(base, buildFingerprints([gitTree('m/z', z)])), buildFingerprints([gitTree('m/b', b)])))).toBe(whole);
    expect(Object.values((JSON.parse(whole) as Fingerprints).blobs).some((pairs) => pairs.length === 2)).toBe(true);
    // A repository already there is rebuilt with the others, not added twice; other parameters are refused.
    expect(() => addToFingerprints(base, buildFingerprints([gitTree('x/c', c)]))).toThrow(/already in the catalogue: x\/c/);
    const other = buildFingerprints([gitTree('m/b', b)]);
    other.content.k += 1;
    expect(() => addToFingerprints(base, other)).toThrow(/other content parameters/);
    // The command line: --add-to writes back to the catalogue it was given.
    const file = join(tmpDir('mlpa-fp-add-'), 'fp.json');
    writeFileSync(file, serialise(base));
    main(['--add-to', file, `m/z=${z}`, `m/b=${b}`]);
    expect(readFileSync(file, 'utf8')).toBe(whole);
  });

  it('--add-to refuses what it cannot add to, naming the file and the fault (review16)', () => {
    const dir = tmpDir('mlpa-fp-bad-');
    const at = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const base = buildFingerprints([gitTree('x/a', a)]);
    const ok = at('fp.json', serialise(base));
    expect(() => main(['--add-to', join(dir, 'missing.json'), `m/b=${b}`])).toThrow(/--add-to .*missing\.json: cannot read it \(ENOENT\)/);
    expect(() => main(['--add-to', at('bad.json', 'nope'), `m/b=${b}`])).toThrow(/--add-to .*bad\.json: not JSON/);
    expect(() => main(['--add-to', at('empty.json', '{}'), `m/b=${b}`])).toThrow(/no fingerprint catalogue/);
    expect(() => main(['--add-to', at('ex.json', serialise(buildExamples())), `m/b=${b}`])).toThrow(/not a copy catalogue/);
    expect(() => main(['--add-to', '--out', 'x.json', `m/b=${b}`])).toThrow(/--add-to needs the catalogue file/);
    expect(() => main([`m/b=${b}`, '--add-to'])).toThrow(/--add-to needs the catalogue file/);
    expect(() => main(['--add-to', ok, '--cap', '100', `m/b=${b}`])).toThrow(/--cap with --add-to/);
    expect(() => main(['--cap', 'lots', `m/b=${b}`])).toThrow(/expected --cap n/);
    // None of them wrote anything.
    expect(readFileSync(ok, 'utf8')).toBe(serialise(base));
  });

  it('--scaffold records a template\'s scaffold globs; given to --add-to with no sources, it sets them on sources already built', () => {
    const c = gitRepo({ 'lessons/unit.py': code('delta', 14), 'shared.py': code('alpha', 12) });
    const withScaffold = buildFingerprints([gitTree('x/a', a), gitTree('x/c', c, { scaffold: ['shared.py', 'utils/**'] })]);
    expect(withScaffold.sources.map((s) => s.scaffold)).toEqual([undefined, ['shared.py', 'utils/**']]);
    // Recorded after the other options, before the counts; the fingerprints are the same as without it.
    expect(Object.keys(withScaffold.sources[1]!)).toEqual(['repo', 'commit', 'scaffold', 'files', 'treeFiles', 'codeFiles', 'fingerprints']);
    const plain = buildFingerprints([gitTree('x/a', a), gitTree('x/c', c)]);
    expect(withScaffold.content).toEqual(plain.content);
    expect(withScaffold.blobs).toEqual(plain.blobs);
    // The command line: the option on a build, and on --add-to alone (no snapshot needed): the same bytes.
    const dir = tmpDir('mlpa-fp-scaffold-');
    main(['--out', join(dir, 'built.json'), '--scaffold', 'x/c=shared.py', `x/a=${a}`, '--scaffold', 'x/c=utils/**', `x/c=${c}`]);
    expect(readFileSync(join(dir, 'built.json'), 'utf8')).toBe(serialise(withScaffold));
    const file = join(dir, 'fp.json');
    writeFileSync(file, serialise(plain));
    main(['--add-to', file, '--scaffold', 'x/c=shared.py', '--scaffold', 'x/c=utils/**']);
    expect(readFileSync(file, 'utf8')).toBe(serialise(withScaffold));
    // Refused: a repository not in the catalogue; a malformed option. Neither writes.
    expect(() => main(['--add-to', file, '--scaffold', 'm/none=x.py'])).toThrow(/--scaffold names a repository not in the catalogue: m\/none/);
    expect(() => main(['--add-to', file, '--scaffold', 'x/c'])).toThrow(/expected --scaffold owner\/name=glob/);
    expect(readFileSync(file, 'utf8')).toBe(serialise(withScaffold));
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
    const rebuilt = buildFingerprints(shipped.sources.map((s) => gitTree(s.repo, gitDirOf(s.repo)!, { origin: s.origin, skip: s.skip, only: s.only, fenced: s.fenced, tab: s.tab, export: s.export, allFingerprints: s.allFingerprints, maxPerSource: s.maxPerSource })));
    expect(serialise(rebuilt)).toBe(readFileSync(join(root, 'rules/fingerprints.json'), 'utf8'));
  });

  it('every shipped source has content fingerprints, made with the current tokeniser', () => {
    expect(shipped.content.tokeniser).toBe(TOKENISER_VERSION);
    expect(shipped.sources.filter((s) => !s.codeFiles).map((s) => s.repo)).toEqual([]);
    expect(shipped.content).toMatchObject(CONTENT);
  });
});
