/**
 * TEST ONLY, bundled by harness.ts into a venue page served where the extension does not run:
 * the shipped badge and preview components, with open shadow roots (open-root-for-tests.ts), a
 * badge on the page's first title as its site adapter finds it, and the preview opened on it. `window.__previewHarness` gives the paper
 * and the look; `window.__previewHarnessReady` says when the card is open.
 */
import type { PaperView } from '../../../src/messaging/protocol';
import { SITE_ADAPTERS } from '../../../src/sites/registry';
import { createBadge, themeBadge } from '../../../src/ui/badge';
import type { Theme } from '../../../src/ui/page-theme';
import { PreviewCard } from '../../../src/ui/preview-card';

declare global {
  interface Window {
    /** `adapterUrl`: the venue URL the page was saved from, whose adapter finds its title. */
    __previewHarness: { paper: PaperView; theme: Theme; adapterUrl: string };
    __previewHarnessReady?: boolean;
  }
}

const { paper, theme, adapterUrl } = window.__previewHarness;
const url = new URL(adapterUrl);
const title = SITE_ADAPTERS.find((adapter) => adapter.servesUrl(url))?.findTitles(document, url)[0]?.element;
if (!title) throw new Error(`preview harness: no title on ${url.href}`);
const badge = createBadge(document, paper.id, paper.title);
badge.dataset.placement = 'inside';
title.append(badge);
themeBadge(badge, theme);
const card = new PreviewCard(document, { getPaper: async () => paper, openCluster: () => undefined, themeFor: () => theme });
void card.open(badge, paper.id).then(() => (window.__previewHarnessReady = true));
