import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/inputs.js';
import { main } from '../../src/cli/main.js';
import { describeError, failureText, UserError } from '../../src/errors.js';
import { InputFileError } from '../../src/rules/validate.js';
import { TokenError } from '../../src/secrets.js';
import { ShardError } from '../../src/shard.js';
import { AuthError, BudgetError, GithubError, RateLimitError, SkipError } from '../../src/sources/github-errors.js';
import { TargetError } from '../../src/sources/github-target.js';
import { SourceError } from '../../src/sources/source-error.js';
import { tmpDir } from '../helpers/tmp.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

describe('UserError: one user-facing error type with the message and the hint', () => {
  it('every user-facing error of the engine and the Action is one, named by its class', () => {
    const all = [
      new TokenError('GITHUB_TOKEN contains a line break'),
      new InputFileError('rules/x.yml', ['weight: must be a number']),
      new SourceError('nope: does not exist', 'Give the path of a folder.'),
      new TargetError('a/b/c: not a repository name'),
      new SkipError('empty repository: no commits'),
      new RateLimitError(new Date('2026-01-15T01:00:00Z')),
      new BudgetError(),
      new GithubError('unavailable for legal reasons', undefined, 451),
      new AuthError('the token was rejected', 'Use a token that is valid.', 401),
      new ShardError('s.json: not JSON', 'Give the JSON report a shard wrote.'),
      new InputError('shard', 'invalid shard "5/2"', 'Write it as i/n.'),
    ];
    for (const e of all) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(new GithubError('gone', 'hint', 404).httpStatus).toBe(404);
  });

  it('describeError appends the hint; failureText labels the kind; an error that is not a UserError is shown by its message', () => {
    expect(describeError(new ShardError('s.json: not JSON', 'Give the JSON report a shard wrote.'))).toBe('s.json: not JSON (Give the JSON report a shard wrote.)');
    expect(describeError(new SkipError('empty repository: no commits'))).toBe('empty repository: no commits');
    expect(failureText(new InputFileError('rules/x.yml', ['weight: must be a number']))).toBe('invalid file: rules/x.yml: weight: must be a number');
    expect(failureText(new InputError('shard', 'invalid shard "5/2"', 'Write it as i/n.'))).toBe('invalid input: Input "shard": invalid shard "5/2" (Write it as i/n.)');
    // A plain Error with a `hint` property is not a UserError: nothing is taken from it but its message.
    expect(failureText(Object.assign(new Error('boom'), { hint: 'not ours' }))).toBe('error: boom');
    expect(failureText('a string')).toBe('error: a string');
  });

  it('the CLI prints a UserError as "<tool>: <what>: message (hint)" and exits 2', async () => {
    const dir = tmpDir('mlpa-errors-');
    const file = join(dir, 'notes.json');
    writeFileSync(file, '{"hello": 1}');
    const r = await cli(['merge', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `ml-portfolio-audit: error: ${file}: not a report of this tool (no schemaVersion, tool or repos) ` +
        "(Give the JSON report a shard wrote (the Action's report-path output, or --format json on the command line), unedited; check that the merge glob matches only those files.)\n",
    );
    const missing = await cli(['merge', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`ml-portfolio-audit: error: ${join(dir, 'nope.json')}: cannot read (ENOENT) (Give the path of a JSON report.)\n`);
    const rules = await cli(['rules', '--rules', join(dir, 'no-rules-here')]);
    expect(rules.stderr).toMatch(/^ml-portfolio-audit: invalid file: .*not a folder of rules/);
  });
});
