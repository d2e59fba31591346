import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // tests/e2e and tests/store need the built extension: they run after the build (test:e2e).
    exclude: ['tests/e2e/**', 'tests/store/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/helpers/fast-check-seed.ts'],
  },
});
