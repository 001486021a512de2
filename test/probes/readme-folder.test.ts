import { describe, expect, it } from 'vitest';
import { findReadme, isFolderReadme } from '../../src/probes/readme-doc.js';

const f = (path: string, size = 10) => ({ path, size });

describe('findReadme: a container repo is read through its project folder', () => {
  it('a root README always wins', () => {
    expect(findReadme([f('README.md'), f('engine/README.md', 9000), f('engine/train.py')])?.path).toBe('README.md');
  });

  it('no root README: the folder with the most ML code, then the longest README', () => {
    const files = [f('engine/README.md', 500), f('engine/train.py'), f('web/README.md', 4000), f('web/app/a.php'), f('web/app/b.php'), f('web/app/c.php')];
    expect(findReadme(files)?.path).toBe('engine/README.md');
    const two = [f('a/README.md', 100), f('a/x.ipynb'), f('b/README.md', 300), f('b/y.ipynb')];
    expect(findReadme(two)?.path).toBe('b/README.md');
  });

  it('never deeper than one folder, never beside root code, never in a dependency, data or docs folder, never without code', () => {
    expect(findReadme([f('a/b/README.md'), f('a/b/train.py')])).toBeNull();
    expect(findReadme([f('train.py'), f('utils/README.md'), f('utils/io.py')])).toBeNull();
    expect(findReadme([f('node_modules/README.md'), f('node_modules/x.js'), f('data/README.md'), f('data/load.py')])).toBeNull();
    expect(findReadme([f('notes/README.md'), f('pipeline/train.py')])).toBeNull();
  });

  it('isFolderReadme: a project folder README, not the root, .github or docs one', () => {
    expect(isFolderReadme('engine/README.md')).toBe(true);
    expect(isFolderReadme('README.md')).toBe(false);
    expect(isFolderReadme('docs/README.md')).toBe(false);
    expect(isFolderReadme('.github/README.md')).toBe(false);
  });
});
