import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in Debian Chromium and Firefox ESR, each file's
// scenarios in both (describe.each over scripts/browser/driver.ts's BROWSERS, one after the
// other). One file at a time: every file launches a browser, and two at once on 2 cores would
// only slow both down until waits time out.
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
