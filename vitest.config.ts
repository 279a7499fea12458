import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedModuleTests } from './test/support/isolation.js';
import SlowFirstSequencer from './test/support/slow-first-sequencer.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'];
// The files that neither open a store, start a server or process, nor touch process-global state (the rule is
// test/support/isolation.ts): they share one module graph per worker instead of re-importing it per file.
const SHARED = sharedModuleTests(ROOT, ['src', 'test', 'web/src']);

// Each project's own options (a project given `extends: true` would add the root's include to its own).
const PROJECT = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
  allowOnly: !process.env['CI'],
} as const;

export default defineConfig({
  test: {
    // Much of a test's time waits on a store (PostgreSQL in its own process, PGlite between statements), so two
    // workers halve the wall time on the 2-core CI machine (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The known-slowest files start first, so the last minutes do not run one long file on one worker; the
    // shared-module files run after the other files, one after another in the workers they keep.
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          ...PROJECT,
          name: 'unit',
          include: SHARED,
          isolate: false,
          setupFiles: ['test/support/shared-module-guard.ts'],
        },
      },
      { test: { ...PROJECT, name: 'isolated', include: INCLUDE, exclude: ['**/node_modules/**', ...SHARED] } },
    ],
  },
});
