import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    // Files in one worker share its database (tests isolate by practice, not by database):
    // the embedded engine takes seconds to initialise, so once per worker, not per file.
    pool: 'forks',
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
