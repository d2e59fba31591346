/**
 * Extension lifecycle in both browsers: the background refuses what it must (web pages,
 * tab-less content-script requests, malformed messages); a background the browser stopped wakes
 * and answers; removing the extension under open venue pages (what an update, a reload or
 * disable does to them) throws nothing into them; installed again, it badges them exactly once
 * and answers. And no request leaves for anywhere but the pages.
 *
 * The browsers differ, and the tests name each difference:
 * - Removing: Chromium over CDP (Extensions.uninstall of the extension the driver installed with
 *   Extensions.loadUnpacked — `chrome.runtime.reload()` does nothing in this headless Chromium),
 *   Firefox over BiDi (`webExtension.uninstall`).
 * - The orphaned content script: Chromium's keeps running without its extension; at the page's
 *   next change (or its once-a-second check, src/content/run-lens.ts) it sees the extension is
 *   gone, disconnects its observer and takes its badges with it. Firefox destroys ("nukes") the orphan's sandbox, so it runs no code at all — no
 *   observer callback, no listener, no `ctx.onInvalidated`, hence no "context invalidated" error
 *   either — and its badges stay on the page, inert (hovering, focusing or clicking them does
 *   nothing, a page change causes no work) until the page reloads or the add-on is installed
 *   again, when Firefox injects the new content script into the open pages, which replaces them.
 * - Update in place and `browser.runtime.reload()`: Firefox only (see there).
 * - A stopped background: the MV3 service worker stopped through CDP; Firefox never suspends the
 *   shipped build's persistent MV2 background page, so there the driver runs a copy of the build
 *   marked `background.persistent: false` (what the build would be were it made an event page;
 *   an MV3 Firefox build's background is one) with a 1 s idle time-out. The test asserts the
 *   order of events (stopped, then woken by the page's request, then answered), not times.
 * - Every request: Chromium's NetLog (`--log-net-log`) records every URL its network stack saw,
 *   service worker included; Firefox sends everything through the test's proxy, which lists it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import { BROWSERS, buildOf, firefoxOf, launchDriver, type BrowserDriver, type TestPage } from '../../scripts/browser/driver';
import { siteFixture, startFixtureServer, type FixtureServer, type SiteFixture } from '../../scripts/browser/fixtures';

const abs = siteFixture('arxiv', 'abs');
const listing = siteFixture('arxiv', 'listing');
/** arXiv listing titles that are in the seed records. */
const LISTING_BADGES = 3;

/** Set by the test on the badges present before the extension went, to tell them from new ones. */
const OLD = 'data-arrow-lens-test-old';
/**
 * Console lines that would mean our script misbehaved: Chromium's and Firefox's words for a dead
 * extension context, any mention of the extension, and any uncaught error.
 */
const EXTENSION_NOISE = /context invalidated|receiving end does not exist|could not establish connection|dead object|conduit|moz-extension:|chrome-extension:|arrow.?lens|uncaught/i;
/** The fixture pages' own noise: their stylesheets are served empty as text/plain, their images missing. */
const FIXTURE_NOISE = /The stylesheet .* was not loaded because its MIME type|Failed to load resource/;
/** What Chromium's browser process requests by itself, with or without any extension. */
const CHROMIUM_OWN = /^https?:\/\/(accounts\.google\.com\/ListAccounts\?|update\.googleapis\.com\/service\/update2\/|clients2\.google\.com\/time\/|content-autofill\.googleapis\.com\/)/;

const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

let records: RecordIndex;
beforeAll(async () => {
  records = await RecordIndex.load(async (file) => readFileSync(join(buildOf('chromium'), 'index', file)));
});
const idsFor = (titles: readonly string[]) => titles.map((t) => records.matchTitle(t)?.paper.id).filter((id): id is string => id !== undefined).sort();

/** Hovers the first badge (the pointer coming from elsewhere) until the preview shows the abstract page's abstract. */
async function hoverForAbstract(driver: BrowserDriver, page: TestPage): Promise<void> {
  const abstract = (await records.abstractOf(idsFor(abs.titles)[0]!)) ?? '';
  expect(abstract.length, 'the record has an abstract').toBeGreaterThan(20);
  await page.front();
  await page.mouseMove(1, 1);
  expect((await driver.readPreview(page))?.visible ?? false, 'no preview before the hover').toBe(false);
  await driver.hoverBadge(page);
  await driver.waitForPreview(page, (p) => p.visible && !!p.abstract?.startsWith(abstract.slice(0, 60)));
}

/** The popup, through the background, looks up an author. */
async function expectPopupAnswered(driver: BrowserDriver): Promise<void> {
  const popup = await driver.openPopup();
  expect(await driver.lookUpAuthor(popup, 'Lorenzo Basile')).toEqual(['5 papers', '2 author rows']);
  await popup.close();
}

describe.each(BROWSERS)('extension lifecycle in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  let work: string;
  const netlog = () => join(work, 'netlog.json');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-lifecycle-'));
    server = await startFixtureServer({ [abs.url]: abs.html, [listing.url]: listing.html });
    driver = await launchDriver(name, server, name === 'chromium' ? { args: [`--log-net-log=${netlog()}`] } : {});
  });
  afterAll(async () => {
    await driver?.close().catch(() => undefined);
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Anything since `from` in the log that our script could have caused (the fixtures' own noise aside). */
  const noiseSince = (from: number) => driver.log.slice(from).filter((line) => !FIXTURE_NOISE.test(line) && (EXTENSION_NOISE.test(line) || /: error: /.test(line)));
  const badgeIds = async (page: TestPage) => (await driver.readBadges(page)).map((b) => b.recordId).sort();
  const oldBadges = (page: TestPage) => driver.badgeCount(page, `[data-arrow-lens="badge"][${OLD}]`);

  interface OpenVenue {
    page: TestPage;
    site: SiteFixture;
    ids: string[];
  }

  /** The arXiv abstract page and listing, badged; their badges marked as the old ones. */
  async function openVenuePages(): Promise<OpenVenue[]> {
    const open: OpenVenue[] = [];
    for (const site of [abs, listing]) {
      const page = await driver.openPage(site.url);
      const ids = idsFor(site.titles);
      expect(ids.length, `${site.url} has titles the records know`).toBeGreaterThan(0);
      await driver.waitForBadgeCount(page, ids.length);
      expect(await badgeIds(page)).toEqual(ids);
      await page.evaluate((old) => document.querySelectorAll('[data-arrow-lens="badge"]').forEach((b) => b.setAttribute(old, '')), OLD);
      expect(await oldBadges(page), 'the badges before are marked').toBe(ids.length);
      open.push({ page, site, ids });
    }
    return open;
  }

  /**
   * The page re-renders: a copy of one badged title (without its badge) is appended next to it.
   * Returns whether the page's own code threw.
   */
  const copyABadgedTitle = (page: TestPage) =>
    page.evaluate(() => {
      try {
        const badge = document.querySelector<HTMLElement>('[data-arrow-lens="badge"]')!;
        const title = badge.dataset.placement === 'after' ? badge.previousElementSibling! : badge.parentElement!;
        const item = title.closest('dd') ?? title;
        const copy = item.cloneNode(true) as Element;
        copy.querySelectorAll('[data-arrow-lens]').forEach((n) => n.remove());
        item.after(copy);
        return null;
      } catch (error) {
        return String(error);
      }
    });

  /** After the page reloads, the extension puts its badges back exactly once. */
  async function expectBadgesAfterPageReload({ page, ids }: OpenVenue): Promise<void> {
    await page.front();
    await page.reload();
    await driver.waitForBadgeCount(page, ids.length);
    expect(await badgeIds(page)).toEqual(ids);
    expect(await oldBadges(page)).toBe(0);
  }

  it('the log hears the pages: a console error and an uncaught error in a page are collected', async () => {
    // Without this, "no errors" below could mean "not listening".
    const page = await driver.openPage(abs.url);
    const from = driver.log.length;
    await page.evaluate(() => {
      console.error('probe: console.error');
      setTimeout(() => {
        throw new Error('probe: uncaught');
      });
    });
    // Polled until both arrive; a log that never hears them fails at the test's time-out.
    await expect.poll(() => noiseSince(from).length, { timeout: 50_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    const heard = noiseSince(from);
    expect(heard[0]).toBe(`${abs.url}: error: probe: console.error`);
    expect(heard[1]).toMatch(new RegExp(`^${abs.url.replace(/[.?/]/g, '\\$&')}: uncaught: (Error: )?probe: uncaught$`));
    expect(heard).toHaveLength(2);
    await page.close();
  });

  it('the background answers only its own extension, and refuses malformed and tab-less requests', async () => {
    // A web page has no way in: no externally_connectable, so no runtime.sendMessage.
    const page = await driver.openPage(abs.url);
    await driver.waitForBadgeCount(page, 1);
    const fromPage = await page.evaluate(async (id) => {
      try {
        if (typeof chrome === 'undefined' || !chrome.runtime?.sendMessage) return 'no messaging API';
        return JSON.stringify(await chrome.runtime.sendMessage(id, { type: 'get-paper', id: 'x' }));
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, new URL(driver.extensionUrl('')).host);
    expect(fromPage).toMatch(/^(no messaging API|refused)/);

    // An extension page is trusted as a sender, but not for what only a tab may ask.
    const ext = await driver.openPopup();
    const replies = await ext.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const ask = (m: unknown) => api.runtime.sendMessage(m);
      return {
        reportWithoutTab: await ask({ type: 'report-matches', count: 3 }),
        unknownType: await ask({ type: 'delete-everything' }),
        wrongShape: await ask({ type: 'match-titles', titles: 'not a list' }),
        tooLong: await ask({ type: 'get-cluster', name: 'x'.repeat(10_000) }),
        notAnObject: await ask('get-paper'),
        valid: await ask({ type: 'get-paper', id: 'no-such-record' }),
      };
    });
    // popup.html is open in a tab here, so the sender has a tab: it is still not a content script.
    expect(replies.reportWithoutTab).toEqual({ ok: false, error: 'report-matches must come from a content script in a tab' });
    for (const reply of [replies.unknownType, replies.wrongShape, replies.tooLong, replies.notAnObject]) {
      expect(reply).toEqual({ ok: false, error: 'malformed request' });
    }
    expect(replies.valid).toEqual({ ok: true, value: { paper: null } });
    await ext.close();
    await page.close();
  });

  // Firefox only: an update in place is BiDi `webExtension.install` of the same build over the
  // running add-on (same id: Firefox upgrades it, keeps the UUID, shuts the old instance down and
  // injects the new content script into open pages); a true `browser.runtime.reload()` runs in
  // the add-on's popup.html opened in a tab. In this headless Chromium `runtime.reload()` does
  // nothing and CDP has no update, so there removing and installing again (below) stands for both.
  for (const how of ['update', 'reload'] as const) {
    const title = how === 'update' ? 'an update in place (webExtension.install over the running add-on)' : 'browser.runtime.reload() from the add-on’s own page';
    it.runIf(name === 'firefox')(`${title} under open pages: no error, the old badges are replaced once, the restarted background answers`, async () => {
      const firefox = firefoxOf(driver);
      const open = await openVenuePages();
      const startedBefore = await firefox.backgroundStartedAt();
      const logFrom = driver.log.length;
      const errorsFrom = driver.errors.length;

      if (how === 'update') await firefox.updateExtension();
      else await firefox.reloadExtension();

      // A new background page: the old one was shut down.
      expect(await firefox.backgroundStartedAt()).toBeGreaterThan(startedBefore);
      for (const { page, site, ids } of open) {
        await page.front();
        // The old badges alone make ids.length too: wait for the new instance to have taken them away.
        await expect.poll(() => oldBadges(page), { timeout: 10_000, message: `no badge of the old instance is left on ${site.url}` }).toBe(0);
        await driver.waitForBadgeCount(page, ids.length);
        expect(await badgeIds(page), `one badge per title on ${site.url}, no duplicate`).toEqual(ids);
        for (const badge of await driver.readBadges(page)) expect(badge.shape).toBe('style,button');
        // The page changes: no exception, and the live instance badges the new copy (once).
        expect(await copyABadgedTitle(page)).toBeNull();
        await driver.waitForBadgeCount(page, ids.length + 1, { timeout: 5_000 });
      }
      // The restarted background answers the page that was open all along, and the popup.
      await hoverForAbstract(driver, open[0]!.page);
      await open[0]!.page.mouseMove(0, 0);
      await expectPopupAnswered(driver);
      for (const venue of open) await expectBadgesAfterPageReload(venue);

      expect(noiseSince(logFrom)).toEqual([]);
      expect(driver.extensionErrors(driver.errors.slice(errorsFrom))).toEqual([]);
      for (const { page } of open) await page.close();
    });
  }

  it('removed under open pages: nothing is thrown into them, the orphan does no work; installed again, it badges them once and answers', async () => {
    const open = await openVenuePages();
    const logFrom = driver.log.length;
    const errorsFrom = driver.errors.length;

    await driver.uninstallExtension();
    await sleep(300);
    if (name === 'chromium') {
      // The page changes (new copies of its titles, as a re-render makes them): by then, or at
      // its next check, the orphaned copy sees the extension is gone, disconnects its observer
      // and takes its badges with it…
      const mutate = (page: TestPage) =>
        page.evaluate(() => {
          const list = document.querySelector('dl#articles') ?? document.querySelector('h1.title')!.parentElement!;
          const item = list.querySelector('dd, h1.title')!;
          for (let i = 0; i < 20; i++) {
            const copy = item.cloneNode(true) as Element;
            copy.querySelectorAll('[data-arrow-lens]').forEach((n) => n.remove());
            list.append(copy);
          }
        });
      for (const { page } of open) {
        await mutate(page);
        await page.waitFor(() => document.querySelectorAll('[data-arrow-lens]').length === 0);
      }
      // …and later changes find nobody listening: no scan, no badge, no message. (An absence
      // needs a wait: four scan delays.)
      for (const { page } of open) await mutate(page);
      await sleep(500);
      for (const { page } of open) expect(await driver.badgeCount(page)).toBe(0);
    } else {
      for (const { page, site, ids } of open) {
        await page.front();
        // Firefox destroyed the orphan's sandbox, so its badges are left as they were, and none is
        // new. (Were they gone, that would be fine too — then update this test and the header.)
        const remaining = await driver.badgeCount(page);
        expect(remaining, `the orphan's badges stay on ${site.url}`).toBe(ids.length);
        expect(await oldBadges(page), 'every badge left is an old one').toBe(remaining);
        // Inert: hover, focus and click open nothing and throw nothing.
        await driver.hoverBadge(page);
        await driver.focusBadge(page);
        await driver.clickBadge(page);
        await page.mouseMove(1, 1);
        await sleep(600); // hover delay (250 ms) and then some
        expect(await driver.readPreview(page), `no preview from an orphaned badge on ${site.url}`).toBeNull();
        expect(await driver.badgeCount(page, '[data-arrow-lens="preview"]')).toBe(0);
        // The page changes: nothing throws, and no work is done for the copy (no badge).
        expect(await copyABadgedTitle(page)).toBeNull();
      }
      await sleep(600); // several scan delays (120 ms)
      for (const { page, ids } of open) {
        const count = await driver.badgeCount(page);
        expect(count, 'no badge for the copied title: the orphan did no work').toBe(ids.length);
        expect(await oldBadges(page)).toBe(count);
      }
    }
    expect(noiseSince(logFrom)).toEqual([]);

    // Installed again.
    await driver.installExtension();
    if (name === 'firefox') {
      // Firefox injects the new content script into the open pages, which replaces the leftovers
      // with one badge per title (the copy made above included)…
      for (const { page, site, ids } of open) {
        await page.front();
        await driver.waitForBadgeCount(page, ids.length + 1);
        expect(await oldBadges(page), `no old badge left on ${site.url}`).toBe(0);
      }
      // …and the new background answers the page that was open all along.
      await hoverForAbstract(driver, open[0]!.page);
      await open[0]!.page.mouseMove(0, 0);
    }
    // A fresh page gets its badges; the open pages, reloaded, get theirs exactly once.
    const fresh = await driver.openPage(listing.url);
    await driver.waitForBadgeCount(fresh, LISTING_BADGES);
    await fresh.close();
    for (const venue of open) await expectBadgesAfterPageReload(venue);
    for (const { page } of open) await page.close();
    expect(noiseSince(logFrom)).toEqual([]);
    expect(driver.extensionErrors(driver.errors.slice(errorsFrom))).toEqual([]);
  });

  it('the browser made no network request but to the fixture pages', async () => {
    const pageHosts = [new URL(abs.url).host, new URL(listing.url).host];
    if (name === 'chromium') {
      // Closing the browser flushes the NetLog; every URL the network stack saw is in it.
      await driver.close();
      expect(existsSync(netlog())).toBe(true);
      const urls = [...new Set([...readFileSync(netlog(), 'utf8').matchAll(/"url":"((?:https?|wss?|ftp):\/\/[^"]+)"/g)].map((m) => m[1]!))];
      expect(urls.some((u) => u.startsWith(abs.url))).toBe(true);
      expect(urls.filter((u) => !pageHosts.includes(new URL(u).host) && !CHROMIUM_OWN.test(u))).toEqual([]);
    } else {
      expect(driver.foreignHosts(pageHosts)).toEqual([]);
    }
  });
});

describe.each(BROWSERS)('a stopped background wakes and answers in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;

  beforeAll(async () => {
    server = await startFixtureServer({ [abs.url]: abs.html, [listing.url]: listing.html });
    // Firefox: the event-page copy of the build (the shipped background page never stops).
    driver = await launchDriver(name, server, { eventPage: true });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('after the browser stopped it, a hovered badge, a fresh page and then the popup get their answers from a new background', async () => {
    const errorsFrom = driver.errors.length;
    const page = await driver.openPage(abs.url);
    await driver.waitForBadgeCount(page, 1);
    // The background that answered the badges; then the browser stops it.
    // (Firefox may have suspended it already, idle for 1 s: any later background starts after now.)
    const firstStart = (await driver.runningBackground()) ?? Date.now();
    await driver.stopBackground();
    expect(await driver.runningBackground()).toBeNull();

    // The hover's request wakes a new background, which answers with the abstract.
    const woken = driver.nextBackground();
    await hoverForAbstract(driver, page);
    const secondStart = await woken;
    expect(secondStart).toBeGreaterThan(firstStart);
    await page.mouseMove(1, 1);

    // A fresh page still gets its badges.
    const fresh = await driver.openPage(listing.url);
    await driver.waitForBadgeCount(fresh, LISTING_BADGES);
    await fresh.close();

    // Stopped again; then the popup wakes another one, which answers its lookup.
    await driver.stopBackground();
    const wokenByPopup = driver.nextBackground();
    await expectPopupAnswered(driver);
    expect(await wokenByPopup).toBeGreaterThan(secondStart);

    expect(driver.extensionErrors(driver.errors.slice(errorsFrom))).toEqual([]);
    await page.close();
  });
});
