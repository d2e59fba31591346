/**
 * Quick access with the built extension: the context-menu item, the omnibox keyword and the
 * keyboard shortcut. Native menus and the address bar cannot be driven from CDP, so the test
 * fires the browser's own events in the service worker (the `dispatch` that Chromium's extension
 * events carry) — the listeners, the menu item and the tab they open are the real ones.
 *
 * Chromium only: Firefox's extension events have no `dispatch`, and neither WebDriver BiDi nor
 * puppeteer can open a native context menu or type into the address bar, so there is no way to
 * fire them there short of a test-only hook in the background.
 */
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_MENU_ID } from '../../src/background/quick-access';
import { BROWSERS, chromiumOf, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const chromium = BROWSERS.find((b) => b.name === 'chromium')!;

describe.skipIf(chromium.unavailable !== null)('quick access in Chromium', () => {
  let server: FixtureServer;
  let driver: BrowserDriver;
  let worker: Worker;

  beforeAll(async () => {
    server = await startFixtureServer({});
    driver = await launchDriver('chromium', server);
    worker = chromiumOf(driver).context.serviceWorkers()[0]!;
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  const clusterTab = async () => (await driver.waitForTab('/cluster.html')).chromium!;

  it('the context-menu item exists on selections, and choosing it opens the cluster of the selected name', async () => {
    const exists = (id: string) =>
      worker.evaluate(async (menuId) => {
        try {
          await chrome.contextMenus.update(menuId, {});
          return 'found';
        } catch (error) {
          return String(error);
        }
      }, id);
    // The item is made in runtime.onInstalled, which may still be running just after launch.
    await expect.poll(() => exists(CONTEXT_MENU_ID), { timeout: 10_000 }).toBe('found');
    expect(await exists('not-our-item')).toMatch(/Cannot find menu item/);

    const opened = clusterTab();
    await worker.evaluate((menuItemId) => {
      // A selection spanning a line break, as one selects a name in a page.
      chrome.contextMenus.onClicked.dispatch({ menuItemId, selectionText: '  Lorenzo\n Basile ', editable: false, pageUrl: 'https://arxiv.org/' });
    }, CONTEXT_MENU_ID);
    const page = await opened;
    expect(decodeURIComponent(page.url())).toMatch(/cluster\.html#name=Lorenzo Basile$/);
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    expect(await page.getByText('5 papers').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the omnibox keyword suggests names as you type and opens the chosen cluster', async () => {
    const suggestions = await worker.evaluate(
      () =>
        new Promise<{ content: string; description: string }[]>((resolve) => {
          chrome.omnibox.onInputChanged.dispatch('lorenzo', resolve);
        }),
    );
    expect(suggestions).toEqual([{ content: 'Lorenzo Basile', description: expect.stringContaining('Lorenzo Basile') }]);
    const opened = clusterTab();
    await worker.evaluate(() => chrome.omnibox.onInputEntered.dispatch('Lorenzo Basile', 'newForegroundTab'));
    const page = await opened;
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    await page.close();
  });

  it('Alt+Shift+L is the shortcut that opens the popup', async () => {
    const commands = await worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+L' }));
    expect(driver.extensionErrors()).toEqual([]);
  });
});
