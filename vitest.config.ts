import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CLI tests spawn bin/newsarc.js, which runs dist/: build once before the suite.
    globalSetup: ['test/global-setup.ts'],
  },
});
