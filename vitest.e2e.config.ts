import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in Debian Chromium. One file at a time (2 cores).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts', 'tests/store/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The seed-only copy of the build (scripts/seed-build.ts): fixture pages get exactly the seed's
    // badges. Tests of the whole bundle load .output itself (SHIPPED_CHROME_BUILD and friends).
    env: { ARROW_LENS_BUILD_DIR: '.output-seed' },
  },
});
