import { browser } from 'wxt/browser';
import { PageLens } from '@/src/content/page-lens';
import { askBackground } from '@/src/messaging/client';
import { parseContentRequest, type Reply } from '@/src/messaging/protocol';
import { DEFAULT_SETTINGS, readSettings, siteEnabled, watchSettings, type LensSettings } from '@/src/settings/settings';
import { adapterForUrl, GENERIC_ADAPTER, SITE_MATCH_PATTERNS } from '@/src/sites/registry';

/**
 * Set on the page's window while a copy of this script runs. A second injection ("scan this page"
 * twice) replaces the first: WXT's context tells the older copy to stop before `main` runs, and its
 * clean-up clears the marker (tests/e2e/firefox-generic-scan.test.ts). The marker is the safety
 * net should that signal not arrive: never two live copies badging one page.
 */
const INSTALLED = '__arrowLensInstalled';

export default defineContentScript({
  matches: [...SITE_MATCH_PATTERNS],
  runAt: 'document_idle',
  async main(ctx) {
    const marker = window as unknown as Record<string, boolean>;
    if (marker[INSTALLED]) return;
    marker[INSTALLED] = true;
    try {
      let settings: LensSettings = await readSettings().catch(() => DEFAULT_SETTINGS);
      // Pages outside the venue list only get this script when the user asked for it
      // (popup → "Look for papers on this page"), so the metadata adapter serves them.
      // A site the user switched off gets no adapter, hence no badges.
      const adapterFor = (url: URL) => {
        const adapter = adapterForUrl(url) ?? GENERIC_ADAPTER;
        return siteEnabled(settings, adapter.id) ? adapter : undefined;
      };
      const lens: PageLens = new PageLens(document, adapterFor, {
        matchTitles: async (titles) => (await askBackground({ type: 'match-titles', titles })).matches,
        getPaper: async (id) => (await askBackground({ type: 'get-paper', id })).paper,
        openCluster: (name) => void askBackground({ type: 'open-cluster', name }).catch(() => undefined),
        reportCount: (count) => void askBackground({ type: 'report-matches', count }).catch(() => undefined),
        // `ctx.isInvalid` reads `browser.runtime.id`, which is gone once the extension was
        // reloaded or updated: the orphaned copy then disconnects without touching the extension.
        isAlive: () => !ctx.isInvalid,
        onFatal: (error) => {
          // After an update or reload this copy of the script is orphaned: go quiet and clean up.
          if (ctx.isInvalid || /context invalidated|receiving end/i.test(String(error))) lens.teardown();
          else console.debug('[Arrow Lens]', error);
        },
      });
      lens.setLook(settings);
      // Options apply live: a change on the options page reaches every open page.
      const unwatch = watchSettings((next) => {
        settings = next;
        if (!ctx.isInvalid) lens.setLook(next);
      });
      ctx.onInvalidated(() => {
        try {
          unwatch();
        } catch {
          // the extension API may already be gone
        }
        lens.teardown();
        marker[INSTALLED] = false;
      });
      ctx.addEventListener(window, 'wxt:locationchange', () => lens.onLocationChange());
      browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply<unknown>) => void) => {
        if (sender.id !== browser.runtime.id || ctx.isInvalid) return false;
        const request = parseContentRequest(message);
        if (!request) return false;
        try {
          if (request.type === 'page-matches') sendResponse({ ok: true, value: { matches: lens.pageMatches() } });
          else sendResponse({ ok: true, value: { ok: lens.reveal(request.id) } });
        } catch (error) {
          // An exception here would surface in the page's console: answer with it instead.
          sendResponse({ ok: false, error: String(error) });
        }
        return false;
      });
      lens.start();
    } catch (error) {
      // Never let our failure become the page's.
      console.debug('[Arrow Lens] not started:', error);
    }
  },
});
