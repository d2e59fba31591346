import { browser } from 'wxt/browser';
import { installQuickAccess, type QuickAccessApi } from '@/src/background/quick-access';
import { createRecordsService } from '@/src/background/records-service';
import { parseBackgroundRequest, type Reply } from '@/src/messaging/protocol';
import { clusterPageUrl } from '@/src/ui/cluster-url';
import { loadUserParts, openUserRecords, type UserRecordsDb } from '@/src/user-records/store';

export default defineBackground(() => {
  let userRecords: Promise<UserRecordsDb> | undefined;
  const openCluster = async (name: string) => {
    await browser.tabs.create({ url: browser.runtime.getURL(clusterPageUrl(name) as '/cluster.html') });
  };
  const service = createRecordsService(
    async (name) => {
      // The index is generated into public/ by the build, so WXT's typed public paths may not
      // know it yet (a fresh clone type-checks before building): hence the plain string.
      const response = await fetch((browser.runtime.getURL as (path: string) => string)(`/index/${name}`));
      if (!response.ok) throw new Error(`index file ${name}: HTTP ${response.status}`);
      // Text files decode natively; gzipped shards are inflated by the index.
      return name.endsWith('.gz') ? new Uint8Array(await response.arrayBuffer()) : response.text();
    },
    {
      openCluster,
      showMatchCount: async (tabId, count) => {
        // MV3 has `action`; Firefox's MV2 build has `browserAction`.
        const action = browser.action ?? browser.browserAction;
        await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
        await action.setBadgeBackgroundColor({ tabId, color: '#2f6f4e' });
      },
      scanTab: async (tabId) => {
        await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
      },
    },
    // Records imported on the options page; read again after every change the page reports.
    // The connection stays open: their abstracts are read from it when a preview asks.
    async () => {
      userRecords ??= openUserRecords().catch((error: unknown) => {
        userRecords = undefined;
        throw error;
      });
      return loadUserParts(await userRecords);
    },
  );

  installQuickAccess(browser as unknown as QuickAccessApi, {
    suggest: async (query) => (await service.index()).suggestAuthors(query, 6),
    openCluster,
    // Chrome parses omnibox descriptions as XML; Firefox does not.
    xmlDescriptions: !browser.runtime.getURL('/').startsWith('moz-extension:'),
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply<unknown>) => void) => {
    // Only our own pages and content scripts may ask; the payload is checked, not trusted.
    if (sender.id !== browser.runtime.id) return false;
    const request = parseBackgroundRequest(message);
    if (!request) {
      sendResponse({ ok: false, error: 'malformed request' });
      return false;
    }
    // Our own pages have our URL, even when open in a tab; anything else with a tab is a content script.
    const ownPage = sender.url?.startsWith(browser.runtime.getURL('/')) === true;
    service
      .handle(request, { tabId: sender.tab?.id, contentScript: !ownPage && sender.tab !== undefined })
      .then((value) => sendResponse({ ok: true, value }))
      .catch((error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    return true;
  });
});
