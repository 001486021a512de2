/**
 * Vendored-code exclusions, decided in one place: files in a repo that the candidate did not write. Every probe, the
 * skill matrix and the other facts exclude these (and the user's configured `exclude` globs, which the probe context
 * applies before anything else).
 */
import { globMatcher } from '../probes/glob-gate.js';

/**
 * Never code the candidate wrote: virtual environments and installed packages, notebook checkpoints, caches, git
 * internals, minified bundles and type declarations. The default exclusion of the code probes, the manifests and the
 * skill matrix.
 */
export const VENDORED_GLOBS: readonly string[] = [
  '**/node_modules/**',
  '**/site-packages/**',
  '**/dist-packages/**',
  '**/.ipynb_checkpoints/**',
  '**/__pycache__/**',
  '**/venv/**',
  '**/.venv/**',
  '**/virtualenv/**',
  '**/.tox/**',
  '**/.nox/**',
  '**/*env*/lib/python*/**',
  '**/.git/**',
  '**/*.min.js',
  '**/*.bundle.js',
  '**/bower_components/**',
  '**/*.d.ts',
  // Agent skill packs installed into the repo by a coding assistant (`npx skills add`, a `skills-lock.json`): their
  // helper scripts (a skill-creator's eval runner, a browser driver) are the tool's, not the project's pipeline.
  '**/.{agents,claude,qwen,codex,cursor,gemini,windsurf}/skills/**',
];

/**
 * Copied or built trees: code that is in the repo but is someone else's (vendor/, third_party/) or generated from the
 * repo's own (build/, target/). Left out of the repo's languages and its project kind; the stage rules still read
 * them (a project's own `build/` script folder is common in small repos).
 */
const THIRD_PARTY_GLOBS: readonly string[] = ['**/vendor/**', '**/third_party/**', '**/build/**', '**/target/**'];

/**
 * Someone else's code copied in, without the generated trees: vendor/, third_party/ and a web framework's collected
 * static files (Django's `collectstatic` output holds jQuery and the admin's scripts). The stage rules leave these out
 * (`skipCopied`): jQuery's `function tokenize(` was a Django portfolio's "preprocessing" (held-out set 25).
 */
export const COPIED_GLOBS: readonly string[] = ['**/vendor/**', '**/third_party/**', '**/staticfiles/**', '**/static/admin/**'];

/** Both lists: what the languages and the project kind leave out. */
export const NOT_AUTHORED_GLOBS: readonly string[] = [...VENDORED_GLOBS, ...THIRD_PARTY_GLOBS];

const vendoredMatch = globMatcher([...VENDORED_GLOBS]);
const notAuthoredMatch = globMatcher([...NOT_AUTHORED_GLOBS]);

/** Whether a path is vendored (VENDORED_GLOBS). */
export function isVendored(path: string): boolean {
  return vendoredMatch(path);
}

/** Whether a path is vendored, copied or built (NOT_AUTHORED_GLOBS). */
export function isNotAuthored(path: string): boolean {
  return notAuthoredMatch(path);
}
