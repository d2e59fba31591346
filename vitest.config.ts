import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { BUNDLE_ALIASES } from './wxt.config';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  // Tests run the modules the extension bundles.
  resolve: { alias: BUNDLE_ALIASES },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // tests/e2e and tests/store need the built extension: they run after the build (test:e2e).
    exclude: ['tests/e2e/**', 'tests/store/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/helpers/fast-check-seed.ts', 'tests/helpers/i18n-setup.ts'],
  },
});
