import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

/** Modules swapped at bundle time; each stand-in says why. */
export const BUNDLE_ALIASES = {
  'lodash.merge': fileURLToPath(new URL('./src/records/bibtex-options-merge.ts', import.meta.url)),
  'wxt/utils/content-script-context': fileURLToPath(new URL('./src/content/quiet-context.ts', import.meta.url)),
};

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Tests that build on their own (e.g. the reproducible-build check) pass a folder of theirs.
  outDir: process.env.ARROW_LENS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // The Firefox sources zip is for reviewing the code: the record data (86 MB, the ML Anthology
  // snapshot named in data/mlanthology/SOURCE.md) and the index generated from it stay out.
  zip: { excludeSources: ['data/mlanthology/**', 'public/index/**', 'bench/results/**', 'demo-output/**', '.output-seed/**'] },
  vite: () => ({ plugins: [preact()], resolve: { alias: BUNDLE_ALIASES } }),
  manifest: ({ manifestVersion }) => ({
    // Texts live in public/_locales/<lang>/messages.json (English is the fallback).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // The index is bundled, so no network or tabs permission is needed. activeTab + scripting
    // let the user run the metadata adapter on a page outside the venue list, on request from
    // the popup, without any host permission (see README, Security and privacy).
    // contextMenus: "Look up author in Arrow Lens" on selected text. storage: the options
    // (read by the content script, which cannot reach the extension's IndexedDB).
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage'],
    omnibox: { keyword: 'al' },
    commands: {
      // Opens the popup; MV2 (the Firefox build) names the action differently.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpenPopup__',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'arrow-lens@arrow-research.example',
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});
