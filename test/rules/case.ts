import type { FixtureCommit } from '../../src/fixtures/git-repo.js';
import type { RepoMetadata } from '../../src/types.js';

/** A repository to build for a rule test: real git commits, plus what only a host knows (fork status...). */
export interface RepoSpec {
  commits: FixtureCommit[];
  metadata?: RepoMetadata;
  /** "Now" for the audit (recency rules); default 2026-01-15T00:00:00Z. */
  now?: string;
  /** Make the clone shallow with this depth (history rules must then be "not measurable"). */
  shallowDepth?: number;
}

/**
 * One rule's pair of tests: in `pass` the rule must score >= 0.99, in `fail` it must score <= `failAtMost`
 * (default 0.01). The meta-test checks that every rule in rules/ has exactly one case.
 */
export interface RuleCase {
  rule: string;
  pass: RepoSpec;
  fail: RepoSpec;
  failAtMost?: number;
}
