import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGitRepo } from '../../src/fixtures/git-repo.js';
import { localSnapshot } from '../../src/sources/local.js';
import type { RepoSnapshot } from '../../src/types.js';
import type { RepoSpec } from './case.js';

/** Builds a RepoSpec as a real git repo (optionally a shallow clone of it) and reads it with the local source. */
export async function snapshotOf(spec: RepoSpec, root = mkdtempSync(join(tmpdir(), 'mlpa-rule-'))): Promise<RepoSnapshot> {
  const dir = join(root, 'repo');
  buildGitRepo(dir, spec.commits);
  let path = dir;
  if (spec.shallowDepth) {
    path = join(root, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', String(spec.shallowDepth), `file://${dir}`, path]);
  }
  const snap = await localSnapshot(path);
  if (spec.metadata) snap.metadata = { ...snap.metadata, ...spec.metadata };
  return snap;
}
