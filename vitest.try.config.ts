import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { ISOLATED } from './test/projects.js';
const common = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const };
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { test: { ...common, setupFiles: ['test/setup-file.ts', 'test/setup-action-core.ts'], name: 'shared', include: ['test/**/*.test.ts'], exclude: [...ISOLATED], isolate: false } },
      { test: { ...common, setupFiles: ['test/setup-file.ts'], name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
