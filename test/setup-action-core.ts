import { vi } from 'vitest';

/**
 * @actions/core is replaced by the fake in test/helpers/action/core.ts for every test file of the `shared` project
 * (vitest.config.ts), the same module for all of them: the files share worker processes (`isolate: false`) and their
 * module cache, so a replacement made by one file only would reach the files after it (through modules already
 * loaded) or miss modules loaded before it. Outside a recording (test/helpers/action/in-process.ts `runInProcess`
 * records one run of the Action) every call goes to the real module, so a test of a module that calls @actions/core
 * gets the real module's output (stdout, GITHUB_OUTPUT, the job summary file). The in-process Action tests used to
 * mock it in their own files and ran in two worker processes of their own (project 'action'), each importing the
 * engine and the Action and starting its audit threads again: ~5 s of CPU per worker.
 */
vi.mock('@actions/core', async (importOriginal) => {
  const fake = await import('./helpers/action/core.js');
  fake.passThroughTo(await importOriginal<typeof import('@actions/core')>());
  return fake;
});
