/**
 * A shipped bundle starts the audit worker's own bundle (dist/worker/index.js, built by `npm run package`) when it is
 * there, and itself when it is not.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerBundleOf } from '../../src/audit-pool.js';
import { tmpDir } from '../helpers/tmp.js';

const layout = (files: string[]): string => {
  const root = tmpDir('mlpa-worker-bundle-');
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '// bundle\n');
  }
  return root;
};

describe('workerBundleOf', () => {
  it('finds dist/worker/index.js beside the Action bundle (dist/) and the CLI bundle (dist/cli/)', () => {
    const root = layout(['dist/index.js', 'dist/cli/index.js', 'dist/worker/index.js']);
    expect(workerBundleOf(join(root, 'dist', 'index.js'))).toBe(join(root, 'dist', 'worker', 'index.js'));
    expect(workerBundleOf(join(root, 'dist', 'cli', 'index.js'))).toBe(join(root, 'dist', 'worker', 'index.js'));
  });

  it('is the bundle itself when no worker bundle was built beside it', () => {
    const root = layout(['dist/index.js', 'dist/cli/index.js']);
    expect(workerBundleOf(join(root, 'dist', 'index.js'))).toBe(join(root, 'dist', 'index.js'));
    expect(workerBundleOf(join(root, 'dist', 'cli', 'index.js'))).toBe(join(root, 'dist', 'cli', 'index.js'));
  });

  it('is the worker bundle itself for the worker bundle', () => {
    const root = layout(['dist/worker/index.js']);
    expect(workerBundleOf(join(root, 'dist', 'worker', 'index.js'))).toBe(join(root, 'dist', 'worker', 'index.js'));
  });
});
