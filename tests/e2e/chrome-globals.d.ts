/**
 * The few `chrome.*` calls the e2e tests make inside extension pages and the service worker
 * (code passed to page.evaluate runs there, not in Node).
 */
declare namespace chrome {
  namespace tabs {
    function query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number }[]>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    function sendMessage(tabId: number, message: unknown): Promise<any>;
  }
  namespace action {
    function getBadgeText(details: { tabId: number }): Promise<string>;
  }
}
