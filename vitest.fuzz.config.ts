import { defineConfig } from 'vitest/config';

/** `npm run fuzz`: the fuzz campaign alone (`test/fuzz/fuzz-campaign.ts`), which runs for hours at full size. */
export default defineConfig({
  test: {
    include: ['test/fuzz/fuzz-campaign.ts'],
    testTimeout: 24 * 3600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
