import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Tests that build on their own (e.g. the reproducible-build check) pass a folder of theirs.
  outDir: process.env.ARROW_LENS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ manifestVersion }) => ({
    name: 'Arrow Lens',
    description:
      'Shows Arrow Research author-cluster records next to paper titles on venue pages. Works offline.',
    // The index is bundled, so no network, storage or tabs permission is needed. activeTab +
    // scripting let the user run the metadata adapter on a page outside the venue list, on
    // request from the popup, without any host permission (see README, Security and privacy).
    // contextMenus: "Look up author in Arrow Lens" on selected text.
    permissions: ['activeTab', 'scripting', 'contextMenus'],
    omnibox: { keyword: 'al' },
    commands: {
      // Opens the popup; MV2 (the Firefox build) names the action differently.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open Arrow Lens',
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
