/**
 * The content script's life: one live copy per page, started from settings, answering the popup,
 * and gone without a trace once the extension is reloaded, updated or removed.
 *
 * Its life cycle is Arrow Lens's own rather than WXT's context (see quiet-context.ts): nothing a
 * page can send stops it, and it says nothing to the page when it starts.
 */
import { browser } from 'wxt/browser';
import { askBackground } from '../messaging/client';
import { parseContentRequest, type Reply } from '../messaging/protocol';
import { DEFAULT_SETTINGS, readSettings, siteEnabled, watchSettings, type LensSettings } from '../settings/settings';
import { adapterForUrl, GENERIC_ADAPTER } from '../sites/registry';
import { PageLens } from './page-lens';

/**
 * A global of the content script's isolated world (page scripts cannot see it) naming the copy
 * that runs. A new copy (the popup's "Look for papers on this page" again, or the extension
 * reloaded under the page) stops the one before it and looks at the page afresh: never two
 * copies badging one page.
 */
const RUNNING = '__arrowLensRunning';

interface RunningCopy {
  stop(): void;
}

/** How often the copy checks for an in-place navigation and for its extension still being there. */
const WATCH_INTERVAL_MS = 1_000;

/** Runs the lens on this page; resolves once its first scan is done. */
export async function runLens(): Promise<void> {
  const world = window as unknown as Record<string, RunningCopy | undefined>;
  world[RUNNING]?.stop();

  let stopped = false;
  // `browser.runtime.id` is gone once the extension was reloaded or updated: this copy is then
  // orphaned and must neither call the extension nor leave its badges behind.
  const isAlive = () => !stopped && browser.runtime?.id != null;
  const cleanUps: (() => void)[] = [];
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const cleanUp of cleanUps.splice(0)) {
      try {
        cleanUp();
      } catch {
        // the extension API may already be gone
      }
    }
    if (world[RUNNING] === copy) world[RUNNING] = undefined;
  };
  const copy: RunningCopy = { stop };
  world[RUNNING] = copy;

  try {
    let settings: LensSettings = await readSettings().catch(() => DEFAULT_SETTINGS);
    if (stopped) return;
    // Pages outside the venue list only get this script when the user asked for it
    // (popup → "Look for papers on this page"), so the metadata adapter serves them.
    // A site the user switched off gets no adapter, hence no badges.
    const adapterFor = (url: URL) => {
      const adapter = adapterForUrl(url) ?? GENERIC_ADAPTER;
      return siteEnabled(settings, adapter.id) ? adapter : undefined;
    };
    const lens: PageLens = new PageLens(document, adapterFor, {
      matchTitles: async (titles, ids) => (await askBackground({ type: 'match-titles', titles, ids })).matches,
      getPaper: async (id) => (await askBackground({ type: 'get-paper', id })).paper,
      openCluster: (name) => void askBackground({ type: 'open-cluster', name }).catch(() => undefined),
      reportCount: (count) => void askBackground({ type: 'report-matches', count }).catch(() => undefined),
      isAlive,
      onFatal: (error) => {
        if (!isAlive() || /context invalidated|receiving end/i.test(String(error))) stop();
        else console.debug('[Arrow Lens]', error);
      },
    });
    cleanUps.push(() => lens.teardown());
    lens.setLook(settings);

    // Options apply live: a change on the options page reaches every open page.
    const unwatch = watchSettings((next) => {
      settings = next;
      if (isAlive()) lens.setLook(next);
    });
    cleanUps.push(unwatch);

    // In-place navigations (pushState, tabs) are seen by polling the address, as WXT does; the
    // same tick notices an extension that went away even on a page that never mutates.
    let href = location.href;
    const watch = setInterval(() => {
      if (!isAlive()) return stop();
      if (location.href === href) return;
      href = location.href;
      lens.onLocationChange();
    }, WATCH_INTERVAL_MS);
    cleanUps.push(() => clearInterval(watch));

    const onMessage = (message: unknown, sender: { id?: string }, sendResponse: (reply: Reply<unknown>) => void) => {
      if (!isAlive() || sender.id !== browser.runtime.id) return false;
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
    };
    browser.runtime.onMessage.addListener(onMessage);
    cleanUps.push(() => browser.runtime.onMessage.removeListener(onMessage));

    // The script's result (WXT returns main's) is what `scripting.executeScript` resolves with:
    // the popup's "Look for papers on this page" hears back once the page has its badges.
    await lens.start();
  } catch (error) {
    // Never let our failure become the page's.
    console.debug('[Arrow Lens] not started:', error);
    stop();
  }
}
