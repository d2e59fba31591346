import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Arrow Lens',
    description:
      'Shows Arrow Research author-cluster records next to paper titles on venue pages. Works offline.',
    // Nothing beyond the content-script match patterns: the index is bundled, so no network
    // and no storage permission are needed for the core job.
    permissions: [],
    browser_specific_settings: {
      gecko: {
        id: 'arrow-lens@arrow-research.example',
        // @ts-expect-error: newer Firefox manifest key, not yet in WXT's types
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
