import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Much of a test's time waits on a store (PostgreSQL in its own process, PGlite between statements), so two
    // workers halve the wall time on the 2-core CI machine (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    allowOnly: !process.env['CI'],
    // The known-slowest files start first, so the last minutes do not run one long file on one worker.
    sequence: { sequencer: SlowFirstSequencer },
  },
});
