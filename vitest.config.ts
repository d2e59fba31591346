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
    // Hooks that read a corpus take seconds idle and several times that on a loaded 2-core
    // machine; this bound only catches a hang.
    hookTimeout: 120_000,
  },
});
