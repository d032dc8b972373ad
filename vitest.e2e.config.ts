import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium against the built web app served by the real server. They share one
// machine-wide browser binary and are slow to start, so files run one after another.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // The server harness's setup gives the run its own PostgreSQL database when TEST_DATABASE_URL is set.
    globalSetup: ['src/server/testing/global-setup.ts', 'tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
