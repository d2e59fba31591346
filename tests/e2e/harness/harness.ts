/**
 * A venue page with the preview harness in it (preview-harness.ts, bundled here with esbuild,
 * which Vite already depends on): the shipped badge and preview components in open shadow roots,
 * so axe-core can check them in a real browser. The extension's own build is not involved.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { PROJECT_DIR } from '../../../scripts/browser/fixtures';
import type { PaperView } from '../../../src/messaging/protocol';
import type { Theme } from '../../../src/ui/page-theme';

const HARNESS = join(PROJECT_DIR, 'tests/e2e/harness');

let bundled: Promise<string> | undefined;

/** The harness script, built once per test run. */
export function previewHarnessScript(): Promise<string> {
  return (bundled ??= build({
    entryPoints: [join(HARNESS, 'preview-harness.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [
      {
        name: 'test-doubles',
        setup(b) {
          const openRoots = join(HARNESS, 'open-root-for-tests.ts');
          b.onResolve({ filter: /\/closed-root$/ }, (args) => (args.importer === openRoots ? undefined : { path: openRoots }));
          b.onResolve({ filter: /^wxt\/browser$/ }, () => ({ path: join(HARNESS, 'browser-for-tests.ts') }));
        },
      },
    ],
  }).then((result) => result.outputFiles[0]!.text));
}

/** Where harness pages are served: a host no content script of the extension runs on. */
export const HARNESS_ORIGIN = 'https://preview-harness.example';

/**
 * A venue page (`html`, saved from `adapterUrl`) with the harness at the end of its body,
 * showing `paper` in the `theme` look. Serve it under HARNESS_ORIGIN.
 */
export async function withPreviewHarness(html: string, adapterUrl: string, paper: PaperView, theme: Theme): Promise<string> {
  const config = JSON.stringify({ paper, theme, adapterUrl }).replace(/</g, '\\u003c');
  const script = (await previewHarnessScript()).replace(/<\/script/gi, '<\\/script');
  // A function, not a string: the bundle holds "$&"-like sequences a replacement string would expand.
  return html.replace(/<\/body>/i, () => `<script>window.__previewHarness = ${config};</script><script>${script}</script></body>`);
}
