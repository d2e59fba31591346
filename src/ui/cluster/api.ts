/**
 * What the popup and the cluster page need from the extension, as one small interface, so
 * components can be tested with a plain object and run against the real background alike.
 */
import { browser } from 'wxt/browser';
import type { AuthorSuggestion } from '../../matching/author-index';
import { askBackground, askTab } from '../../messaging/client';
import { MESSAGE_LIMITS, type ClusterView, type PageMatch } from '../../messaging/protocol';

export type PageState =
  | { kind: 'matches'; matches: PageMatch[] }
  /** The content script is not on this tab (not a venue page, or opened before install). */
  | { kind: 'not-scanned' };

export interface LensApi {
  suggest(query: string): Promise<AuthorSuggestion[]>;
  cluster(name: string): Promise<ClusterView | null>;
  pageMatches(): Promise<PageState>;
  /** Runs the lens on the active tab at the user's request (metadata adapter). */
  scanPage(): Promise<void>;
  reveal(id: string): Promise<void>;
  /** A paper's abstract, for a cluster listed without them (a big one); '' when it has none. */
  abstract?(id: string): Promise<string>;
  /** Opens the extension's options page (absent where there is none, e.g. in tests). */
  openOptions?(): Promise<void>;
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export const extensionApi: LensApi = {
  suggest: async (query) => (await askBackground({ type: 'suggest-authors', query: query.slice(0, MESSAGE_LIMITS.queryLength), limit: 8 })).suggestions,
  cluster: async (name) => (await askBackground({ type: 'get-cluster', name: name.slice(0, MESSAGE_LIMITS.queryLength) })).cluster,
  pageMatches: async () => {
    const tabId = await activeTabId();
    if (tabId === undefined) return { kind: 'not-scanned' };
    try {
      return { kind: 'matches', matches: (await askTab(tabId, { type: 'page-matches' })).matches };
    } catch {
      return { kind: 'not-scanned' };
    }
  },
  scanPage: async () => {
    const tabId = await activeTabId();
    if (tabId === undefined) throw new Error('no active tab');
    await askBackground({ type: 'scan-tab', tabId });
  },
  reveal: async (id) => {
    const tabId = await activeTabId();
    if (tabId !== undefined) await askTab(tabId, { type: 'reveal-paper', id });
  },
  openOptions: () => browser.runtime.openOptionsPage(),
  abstract: async (id) => (await askBackground({ type: 'get-paper', id })).paper?.abstract ?? '',
};
