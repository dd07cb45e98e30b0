import { defineConfig } from 'vitest/config';

// Unit and API tests live beside their source; the browser specs in e2e/ belong to Playwright.
export default defineConfig({
  test: {
    include: ['contract/**/*.test.ts', 'client/**/*.test.ts', 'admin/**/*.test.ts', 'server/**/*.test.ts', 'widget/**/*.test.ts', 'scripts/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    // One PostgreSQL database for the run, dropped at its end (skipped where there is none, but not under CI).
    globalSetup: ['server/testing/pg-setup.ts'],
  },
});
