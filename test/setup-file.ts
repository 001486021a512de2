import { afterAll } from 'vitest';
import { removeTmpDirs } from './helpers/tmp.js';

// Runs before every test file, also when files share a worker (vitest.config.ts `isolate: false`, where
// test/helpers/tmp.ts is imported once per worker): the temp folders a file created are removed after its tests.
afterAll(removeTmpDirs);
