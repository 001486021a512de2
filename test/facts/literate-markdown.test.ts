import { describe, expect, it } from 'vitest';
import { parseLiterateMarkdown } from '../../src/facts/literate-markdown.js';
import { decodeFile } from '../../src/sources/decode.js';
import { scanLines } from '../../src/facts/code-lines.js';

const JUPYTEXT = ['---', 'jupyter:', '  kernelspec:', '    language: python', '    name: python3', '---', ''];

describe('Markdown notebooks', () => {
  it('reads a Jupytext notebook: python fences are code cells, other fences and prose are markdown', () => {
    const cells = parseLiterateMarkdown(
      [...JUPYTEXT, '# Title', '', '```python', 'import pandas as pd', 'df = pd.read_csv("a.csv")', '```', 'Some text', '```bash', 'pip install x', '```', '```python', 'df.head()', '```'].join('\n'),
    );
    expect(cells?.map((c) => [c.index, c.type, c.source])).toEqual([
      [1, 'markdown', JUPYTEXT.join('\n') + '\n# Title\n'],
      [2, 'code', 'import pandas as pd\ndf = pd.read_csv("a.csv")'],
      [3, 'markdown', 'Some text\n```bash\npip install x\n```'],
      [4, 'code', 'df.head()'],
    ]);
  });

  it('reads MyST code cells and drops their options (`:tags:` lines, a `---` block); a plain python fence there is prose', () => {
    const cells = parseLiterateMarkdown(
      ['# Book', '```{code-cell} ipython3', ':tags: [hide-input]', 'x = 1', '```', '```python', 'shown_only = 2', '```', '```{code-cell} python', '---', 'tags: [a]', '---', 'y = 2', '```'].join('\n'),
    );
    expect(cells?.filter((c) => c.type === 'code').map((c) => c.source)).toEqual(['x = 1', 'y = 2']);
  });

  it('leaves a plain Markdown file (a README with a python fence) as prose: no cells, no code lines', () => {
    expect(parseLiterateMarkdown('# Project\n```python\nmodel.fit(X, y)\n```\n')).toBeNull();
    // Front matter without a notebook key is a static-site page, not a notebook.
    expect(parseLiterateMarkdown('---\ntitle: Post\n---\n```python\nmodel.fit(X, y)\n```\n')).toBeNull();
    const file = decodeFile('README.md', new TextEncoder().encode('# P\n```python\nmodel.fit(X, y)\n```\n'), []);
    expect(file?.cells).toBeUndefined();
    expect(scanLines(file!, 'code')).toEqual([]);
  });

  it('decodes a Markdown notebook with cells and its whole text; code mode sees only its code cells, numbered as cells', () => {
    const text = [...JUPYTEXT, 'Intro with model.fit(X, y) in prose', '```python', '# a comment', 'clf.fit(X_train, y_train)', '```'].join('\n');
    const file = decodeFile('nb/train.md', new TextEncoder().encode(text), []);
    expect(file?.text).toBe(text);
    expect(scanLines(file!, 'code')).toEqual([{ text: 'clf.fit(X_train, y_train)', line: 2, cell: 2 }]);
  });

  it('an unclosed cell runs to the end of the file; a longer closing fence closes a shorter one', () => {
    const cells = parseLiterateMarkdown([...JUPYTEXT, '````python', 'a = 1', '```', 'b = 2', '`````', '```python', 'c = 3'].join('\n'));
    expect(cells?.filter((c) => c.type === 'code').map((c) => c.source)).toEqual(['a = 1\n```\nb = 2', 'c = 3']);
  });

  it('stays linear on hostile input: 200,000 fence lines and a front matter that never closes', () => {
    const fences = [...JUPYTEXT, ...Array.from({ length: 200_000 }, (_, i) => (i % 2 ? '`'.repeat(3 + (i % 50)) : '```python'))].join('\n');
    const cells = parseLiterateMarkdown(fences);
    expect(cells!.length).toBeGreaterThan(1000);
    const open = ['---', ...Array.from({ length: 100_000 }, () => 'title: x')].join('\n');
    expect(parseLiterateMarkdown(open)).toBeNull();
  });
});
