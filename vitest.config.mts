import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Generous ceilings: tests wait for results, never for time, and CI machines are shared (a run with a load
    // average of 10-14 on 2 cores must still pass). A passing test never comes near these.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Browser tests share one Chromium per file; keep files in separate forks.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
