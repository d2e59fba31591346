/**
 * The few `chrome.*` calls the e2e tests make inside extension pages and the service worker
 * (code passed to page.evaluate runs there, not in Node).
 */
declare namespace chrome {
  namespace tabs {
    /** `url` only where the extension may see it (host access to the page). */
    function query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number; url?: string }[]>;
    function getCurrent(): Promise<{ id?: number } | undefined>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    function sendMessage(tabId: number, message: unknown): Promise<any>;
  }
  namespace runtime {
    function sendMessage(...args: unknown[]): Promise<unknown>;
  }
  namespace action {
    function getBadgeText(details: { tabId: number }): Promise<string>;
  }
  /** Chromium's extension events also carry `dispatch`, which tests use to fire them. */
  interface DispatchableEvent {
    dispatch(...args: unknown[]): void;
  }
  namespace contextMenus {
    function update(id: string, details: object): Promise<void>;
    const onClicked: DispatchableEvent;
  }
  namespace omnibox {
    const onInputChanged: DispatchableEvent;
    const onInputEntered: DispatchableEvent;
  }
  namespace commands {
    function getAll(): Promise<{ name?: string; shortcut?: string; description?: string }[]>;
  }
}
