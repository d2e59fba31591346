/**
 * What a hostile page script can do to the extension (the security review's page-side findings),
 * in both browsers. It learns nothing from the content script's start (WXT's start-up message
 * named the extension id) and cannot stop it by replaying that message; it cannot open a preview
 * by clicking or hovering a badge from script; it cannot open tabs by clicking a preview's
 * authors from script. The user's own hover and click still do all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchDriver, type BrowserDriver, type TestPage } from '../../scripts/browser/driver';
import { siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const venueTabs = siteFixture('openreview', 'venue-tabs');
/** The Firefox build's add-on id (its runtime.id); Chromium's is the host of its extension URLs. */
const GECKO_ID = 'arrow-lens@arrow-research.example';

/**
 * The page's own script, first in <head>: it keeps every message posted to its window, and every
 * shadow root attached through its own `attachShadow` (a page can patch the prototype it sees).
 */
const LISTENER = `<script>
window.__messages = [];
addEventListener('message', (event) => {
  try { window.__messages.push(JSON.stringify(event.data)); } catch { window.__messages.push(String(event.data)); }
});
window.__roots = [];
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attachShadow.call(this, init);
  window.__roots.push(root);
  return root;
};
</script>`;

declare global {
  interface Window {
    __messages: string[];
    __roots: ShadowRoot[];
  }
}

describe.each(BROWSERS)('a hostile page script in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;

  beforeAll(async () => {
    server = await startFixtureServer({ [venueTabs.url]: venueTabs.html.replace(/<head([^>]*)>/i, `<head$1>${LISTENER}`) });
    driver = await launchDriver(name, server);
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  const extensionIds = () => [new URL(driver.extensionUrl('/')).host, GECKO_ID];

  it('learns no extension id when the content script starts, and cannot stop it with WXT\'s start-up message', async () => {
    const page = await driver.openPage(venueTabs.url);
    const initial = 2; // the seed's two papers on the first tab (the "Unimodal" near miss gets none)
    await driver.waitForBadgeCount(page, initial);
    const messages = await page.evaluate(() => window.__messages);
    for (const id of extensionIds()) expect(messages.filter((m) => m.includes(id))).toEqual([]);
    expect(messages.filter((m) => /wxt|content-script/i.test(m))).toEqual([]);

    // Every form WXT's context ever listened to, under every id the extension has.
    await page.evaluate((ids: string[]) => {
      for (const id of ids) {
        const type = `${id}:content:wxt:content-script-started`;
        const detail = { contentScriptName: 'content', messageId: 'page' };
        window.postMessage({ type, ...detail }, '*');
        document.dispatchEvent(new CustomEvent(type, { detail }));
      }
    }, extensionIds());
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_500)));
    // Still running: its badges stay, and a list the page renders afterwards gets its badges.
    expect(await driver.badgeCount(page)).toBe(initial);
    await page.click('#tab-poster');
    await driver.waitForBadgeCount(page, 1);
    await page.click('#tab-oral');
    await driver.waitForBadgeCount(page, initial);
    await page.close();
  });

  it('cannot open a preview by clicking or hovering a badge from script, nor open tabs through its authors', async () => {
    const page = await driver.openPage(venueTabs.url);
    await driver.waitForBadgeCount(page, 2);
    const attack = async (page: TestPage, target: 'badges' | 'authors') =>
      page.evaluate((what: string) => {
        const roots = [...document.querySelectorAll<HTMLElement>(what === 'badges' ? '[data-arrow-lens="badge"]' : '[data-arrow-lens="preview"]')];
        for (const host of roots) {
          const buttons = [host, ...(host.shadowRoot?.querySelectorAll<HTMLElement>(what === 'badges' ? 'button' : '.author') ?? [])];
          for (const el of buttons) {
            for (let i = 0; i < 6; i++) el.click();
            el.dispatchEvent(new MouseEvent('mouseenter'));
            el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
            el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          }
        }
      }, target);

    await attack(page, 'badges');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_500)));
    expect((await driver.readPreview(page))?.visible ?? false).toBe(false);

    // The user's hover opens it; then the page clicks every author, six times each.
    await page.mouseMove(1, 1);
    await driver.hoverBadge(page);
    const preview = await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0, { timeout: 10_000 });
    const tabs = await driver.tabCount();
    await attack(page, 'authors');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_500)));
    expect(await driver.tabCount()).toBe(tabs);

    // The user's own click on an author opens that one cluster tab.
    const opened = driver.waitForTab('cluster.html');
    await driver.clickPreviewAuthor(page, preview.authors[0]!);
    const cluster = await opened;
    expect(await driver.tabCount()).toBe(tabs + 1);
    await cluster.close();
    await page.close();
  });

  it("cannot read a preview the user opened: badge and preview render in closed shadow roots", async () => {
    const page = await driver.openPage(venueTabs.url);
    await driver.waitForBadgeCount(page, 2);
    await page.mouseMove(1, 1);
    await driver.hoverBadge(page);
    const preview = await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0 && !!p.abstract);
    expect(preview.pageSeesRoot).toBe(false);
    expect((await driver.readBadges(page)).map((b) => b.pageSeesRoot)).toEqual([false, false]);

    const seen = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll<HTMLElement>('[data-arrow-lens]')];
      return {
        roots: hosts.filter((host) => host.shadowRoot !== null).length,
        patchedRoots: window.__roots.length,
        hostAttributes: [...new Set(hosts.flatMap((host) => host.getAttributeNames()))].sort(),
        hostText: hosts.map((host) => host.textContent ?? '').join(''),
        markup: document.documentElement.outerHTML,
      };
    });
    expect(seen.roots).toBe(0);
    expect(seen.patchedRoots).toBe(0);
    // What the page can learn: that these titles are in the user's records (which record), and
    // where the badge sits — no title, author or abstract of the record.
    expect(seen.hostAttributes).toEqual(['data-arrow-lens', 'data-badge-style', 'data-placement', 'data-record-id']);
    expect(seen.hostText).toBe('');
    const abstractStart = preview.abstract!.slice(0, 60);
    expect(venueTabs.html).not.toContain(abstractStart); // the listing shows no abstracts itself
    expect(seen.markup).not.toContain(abstractStart);
    await page.close();
  });

  it('record text on the extension pages is isolated from the text around it (bidi)', async () => {
    const cluster = await driver.openExtensionPage('cluster.html#name=Lorenzo%20Basile');
    await cluster.waitFor(() => document.querySelector('.paper-title'));
    const notIsolated = await cluster.evaluate(() =>
      [...document.querySelectorAll('.cluster-name, .paper-title, .paper-venue, .paper-authors li, .paper-abstract')]
        .filter((el) => getComputedStyle(el).unicodeBidi !== 'isolate')
        .map((el) => el.className || el.localName),
    );
    expect(notIsolated).toEqual([]);
    await cluster.close();
  });
});
