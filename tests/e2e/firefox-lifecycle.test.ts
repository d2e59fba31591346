/**
 * Extension lifecycle in real Firefox (Debian firefox-esr over WebDriver BiDi, the built MV2
 * add-on installed as a temporary add-on): what an update, a reload or an uninstall does to
 * venue pages that are open with badges on them, and whether the background answers after it
 * was restarted. The Firefox counterpart of `lifecycle.test.ts` (Chromium).
 *
 * How the add-on is reloaded — all three work in this Firefox, and each is a test:
 * - update in place: BiDi `webExtension.install` of the same build over the running add-on
 *   (same id, so Firefox upgrades it: the UUID is kept, the old instance shuts down);
 * - a true `browser.runtime.reload()`, evaluated in the add-on's popup.html opened in a tab
 *   through its moz-extension:// URL (the harness fixes the UUID with the
 *   `extensions.webextensions.uuids` pref before install);
 * - BiDi `webExtension.uninstall` (what a user's remove or disable does to open pages), then
 *   `webExtension.install` again.
 *
 * What Firefox does to the old content script, unlike Chromium: when the add-on shuts down,
 * Firefox destroys ("nukes") the content script's sandbox, so the orphaned copy runs no code at
 * all — no MutationObserver callback, no event listener, no `ctx.onInvalidated`, hence no
 * "context invalidated" errors either. Observed consequences, asserted below:
 * - update / reload: Firefox injects the new instance's content script into the open pages at
 *   once, and it replaces the old badges (they are gone) with exactly one badge per title;
 * - uninstall: the old badges stay on the page as inert leftovers (hovering, focusing or clicking
 *   them does nothing, a page mutation causes no work) until the page reloads or the add-on is
 *   installed again — the orphan cannot remove them, because none of its code can run.
 *
 * The background: the Firefox build's manifest declares `background.scripts` without
 * `persistent: false`, so it is a persistent MV2 background page that Firefox never suspends
 * (an idle-timeout pref such as `extensions.background.idle.timeout` applies to event pages
 * only). What restarts it is a reload or an update: the tests check the background page really
 * is a new one (its `performance.timeOrigin` moved forward) and that it answers a page (hover a
 * badge → the preview shows the record's abstract) and the popup (author lookup).
 *
 * A background Firefox stops on its own exists only for an event page, so the last block runs a
 * copy of the same build whose manifest says `background.persistent: false` (what the build
 * would be were it made an event page; an MV3 Firefox build's background is one), with
 * `extensions.background.idle.timeout` at 1 s: Firefox suspends the idle background, and a
 * badge hovered in an open page, then the popup, wake a new one that answers. Whether a
 * background runs is read without waking it, through `extension.getBackgroundPage()` (null
 * while suspended) in a blank extension page added to that copy; so the test waits for the
 * suspension itself and asserts the order of events (suspended, then woken by the page's
 * request, then answered), not wall-clock times.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import { loadSiteFixtures, startFixtureServer, type FixtureServer, type SiteFixture } from './harness';
import {
  extensionErrors,
  FIREFOX_BUILD,
  firefoxUnavailable,
  launchFirefoxWithExtension,
  openExtensionPage,
  readBadges,
  waitForBadgeCount,
  type FirefoxWithExtension,
} from './firefox/firefox-harness';

const fixture = (adapter: string, name: string): SiteFixture => {
  const found = loadSiteFixtures().find((f) => f.adapter === adapter && f.name === name);
  if (!found) throw new Error(`no fixture ${adapter}/${name}`);
  return found;
};
const abs = fixture('arxiv', 'abs');
const listing = fixture('arxiv', 'listing');

const BADGE = '[data-arrow-lens="badge"]';
// Every step brings its page to the front first: Firefox throttles timers in background tabs
// to once a second, which would only slow the waits down.

/** Set by the test on the badges present before the reload, to tell them from new ones. */
const OLD = 'data-arrow-lens-test-old';

/**
 * Console lines that would mean our script misbehaved: Chromium's and Firefox's words for a
 * dead extension context, any mention of the extension, and any uncaught error.
 */
const EXTENSION_NOISE = /context invalidated|receiving end does not exist|could not establish connection|dead object|conduit|moz-extension:|arrow.?lens|uncaught/i;
/** The fixture pages' own noise: their stylesheets are served empty, as text/plain. */
const FIXTURE_NOISE = /The stylesheet .* was not loaded because its MIME type/;

const unavailable = firefoxUnavailable();
if (unavailable) console.warn(`[firefox lifecycle e2e] skipped: ${unavailable}`);

const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

/** Hovers the first badge (the pointer coming from elsewhere) until the preview shows this abstract. */
async function hoverForAbstract(page: Page, abstract: string): Promise<void> {
  await page.mouse.move(1, 1);
  await page.hover(`${BADGE} >>> button`);
  await page.waitForFunction(
    (start) => document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.querySelector('.abstract')?.textContent?.startsWith(start),
    { timeout: 10_000, polling: 50 },
    abstract.slice(0, 60),
  );
}

describe.skipIf(unavailable !== null)('extension lifecycle in Firefox (firefox-esr, MV2 build as a temporary add-on)', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let records: RecordIndex;
  /** Every console message (all levels) and uncaught error of the pages the tests open. */
  const log: string[] = [];

  const idsFor = (titles: readonly string[]) =>
    titles.map((t) => records.matchTitle(t)?.paper.id).filter((id): id is string => id !== undefined).sort();
  const badgeIds = async (page: Page) => (await readBadges(page)).map((b) => b.recordId).sort();
  const oldBadges = (page: Page) => page.evaluate((selector) => document.querySelectorAll(selector).length, `${BADGE}[${OLD}]`);
  const previewShown = (page: Page) =>
    page.evaluate(() => {
      const card = document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return !!card && card.checkVisibility();
    });

  async function newPage(): Promise<Page> {
    const page = await firefox.newPage();
    page.on('console', (m) => log.push(`${page.url()}: ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`${page.url()}: uncaught: ${e instanceof Error ? e.message : String(e)}`));
    return page;
  }

  /** Anything since `from` in the log that our script could have caused (the fixtures' own noise aside). */
  const noiseSince = (from: number) => log.slice(from).filter((line) => !FIXTURE_NOISE.test(line) && (EXTENSION_NOISE.test(line) || /: error: /.test(line)));

  interface OpenVenue {
    page: Page;
    site: SiteFixture;
    ids: string[];
  }

  /** The arXiv abstract page and listing, badged; their badges marked as the old ones. */
  async function openVenuePages(): Promise<OpenVenue[]> {
    const open: OpenVenue[] = [];
    for (const site of [abs, listing]) {
      const page = await newPage();
      await page.goto(site.url);
      const ids = idsFor(site.titles);
      expect(ids.length, `${site.url} has titles the records know`).toBeGreaterThan(0);
      await waitForBadgeCount(page, ids.length);
      expect(await badgeIds(page)).toEqual(ids);
      await page.evaluate((selector, old) => document.querySelectorAll(selector).forEach((b) => b.setAttribute(old, '')), BADGE, OLD);
      expect(await oldBadges(page), 'the badges before the reload are marked').toBe(ids.length);
      open.push({ page, site, ids });
    }
    return open;
  }

  /**
   * The page re-renders: a copy of one badged title (without its badge) is appended next to it.
   * Returns whether the page's own code threw.
   */
  const copyABadgedTitle = (page: Page) =>
    page.evaluate((selector) => {
      try {
        const badge = document.querySelector<HTMLElement>(selector)!;
        const title = badge.dataset.placement === 'after' ? badge.previousElementSibling! : badge.parentElement!;
        const item = title.closest('dd') ?? title;
        const copy = item.cloneNode(true) as Element;
        copy.querySelectorAll('[data-arrow-lens]').forEach((n) => n.remove());
        item.after(copy);
        return null;
      } catch (error) {
        return String(error);
      }
    }, BADGE);

  /** The new instance runs in the open page: exactly one badge per title, and it follows changes. */
  async function expectNewInstanceOn({ page, site, ids }: OpenVenue): Promise<void> {
    await page.bringToFront();
    // The old badges alone make ids.length too: wait for the new instance to have taken them away.
    await expect.poll(() => oldBadges(page), { timeout: 10_000, message: `no badge of the old instance is left on ${site.url}` }).toBe(0);
    await waitForBadgeCount(page, ids.length, { timeout: 10_000, settleMs: 500 });
    expect(await badgeIds(page), `one badge per title on ${site.url}, no duplicate`).toEqual(ids);
    for (const badge of await readBadges(page)) expect(badge.hasOpenShadowButton).toBe(true);
    // The page changes: no exception, and the live instance badges the new copy (once).
    expect(await copyABadgedTitle(page)).toBeNull();
    await waitForBadgeCount(page, ids.length + 1, { timeout: 5_000, settleMs: 500 });
  }

  /** After the page reloads, the add-on puts its badges back exactly once. */
  async function expectBadgesAfterPageReload({ page, ids }: OpenVenue): Promise<void> {
    await page.bringToFront();
    await page.reload();
    await waitForBadgeCount(page, ids.length, { timeout: 10_000, settleMs: 500 });
    expect(await badgeIds(page)).toEqual(ids);
    expect(await oldBadges(page)).toBe(0);
  }

  /** Hovering the abstract page's badge opens the preview with the record's abstract: the background answered. */
  async function expectPreviewAnswered(page: Page): Promise<void> {
    const id = idsFor(abs.titles)[0]!;
    const abstract = (await records.abstractOf(id)) ?? '';
    expect(abstract.length, 'the record has an abstract').toBeGreaterThan(20);
    await page.bringToFront();
    expect(await previewShown(page)).toBe(false);
    // From elsewhere: a pointer already resting where the badge appeared enters nothing.
    await hoverForAbstract(page, abstract);
    expect(await previewShown(page)).toBe(true);
    await page.mouse.move(0, 0);
  }

  /** The popup, through the background, looks up an author. */
  async function expectPopupAnswered(): Promise<void> {
    const page = await newPage();
    await openExtensionPage(page, firefox.extensionUrl('popup.html'));
    const box = await page.waitForSelector('::-p-aria(Author name[role="combobox"])', { timeout: 10_000 });
    await box!.type('Lorenzo Basile');
    await box!.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.cluster-counts span').length > 0, { timeout: 10_000, polling: 50 });
    expect(await page.$$eval('.cluster-counts span', (spans) => spans.map((s) => s.textContent))).toEqual(['5 papers', '2 author rows']);
    await page.close();
  }

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(FIREFOX_BUILD, 'index', name)));
    server = await startFixtureServer({ [abs.url]: abs.html, [listing.url]: listing.html });
    firefox = await launchFirefoxWithExtension(server);
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('the log hears the pages: a console error and an uncaught error in a page are collected', async () => {
    // Without this, "no errors" below could mean "not listening".
    const page = await newPage();
    await page.goto(abs.url);
    const from = log.length;
    await page.evaluate(() => {
      console.error('probe: console.error');
      setTimeout(() => {
        throw new Error('probe: uncaught');
      });
    });
    // Polled until both arrive; a log that never hears them fails at the test's time-out.
    await expect.poll(() => noiseSince(from).length, { timeout: 50_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    expect(noiseSince(from)).toEqual([`${abs.url}: error: probe: console.error`, `${abs.url}: uncaught: Error: probe: uncaught`]);
    await page.close();
  });

  for (const how of ['update', 'reload'] as const) {
    const title =
      how === 'update'
        ? 'an update in place (webExtension.install over the running add-on)'
        : 'browser.runtime.reload() from the add-on’s own page';
    it(`${title} under open pages: no error, the old badges are replaced once, the restarted background answers`, async () => {
      const open = await openVenuePages();
      const startedBefore = await firefox.backgroundStartedAt();
      const logFrom = log.length;
      const errorsFrom = firefox.errors.length;

      if (how === 'update') await firefox.updateExtension();
      else await firefox.reloadExtension();

      // A new background page: the old one was shut down.
      expect(await firefox.backgroundStartedAt()).toBeGreaterThan(startedBefore);
      for (const venue of open) await expectNewInstanceOn(venue);
      // The restarted background answers the page that was open all along, and the popup.
      await expectPreviewAnswered(open[0]!.page);
      await expectPopupAnswered();
      for (const venue of open) await expectBadgesAfterPageReload(venue);

      expect(noiseSince(logFrom)).toEqual([]);
      expect(extensionErrors(firefox.errors.slice(errorsFrom))).toEqual([]);
      for (const { page } of open) await page.close();
    });
  }

  it('uninstalled under open pages: nothing is thrown, the old badges stay inert; installed again, it badges them once and answers', async () => {
    const open = await openVenuePages();
    const logFrom = log.length;
    const errorsFrom = firefox.errors.length;

    await firefox.uninstallExtension();
    await sleep(300);
    for (const { page, site, ids } of open) {
      await page.bringToFront();
      // Firefox destroyed the orphan's sandbox, so its badges are left as they were, and none is
      // new. (Were they gone, that would be fine too — then update this test and its header.)
      const remaining = await page.evaluate((selector) => document.querySelectorAll(selector).length, BADGE);
      expect(remaining, `the orphan's badges stay on ${site.url}`).toBe(ids.length);
      expect(await oldBadges(page), 'every badge left is an old one').toBe(remaining);
      // Inert: hover, focus and click open nothing and throw nothing.
      await page.hover(`${BADGE} >>> button`);
      await page.focus(`${BADGE} >>> button`);
      await page.click(`${BADGE} >>> button`);
      await page.mouse.move(1, 1);
      await sleep(600); // hover delay (250 ms) and then some
      expect(await previewShown(page), `no preview from an orphaned badge on ${site.url}`).toBe(false);
      expect(await page.$('[data-arrow-lens="preview"]')).toBeNull();
      // The page changes: nothing throws, and no work is done for the copy (no badge).
      expect(await copyABadgedTitle(page)).toBeNull();
    }
    await sleep(600); // several scan delays (120 ms)
    for (const { page, ids } of open) {
      const count = await page.evaluate((selector) => document.querySelectorAll(selector).length, BADGE);
      expect(count, 'no badge for the copied title: the orphan did no work').toBe(ids.length);
      expect(await oldBadges(page)).toBe(count);
    }

    // Installed again: Firefox injects the new content script into the open pages, which
    // replaces the leftovers with one badge per title (the copy made above included).
    await firefox.installExtension();
    for (const { page, site, ids } of open) {
      await page.bringToFront();
      await waitForBadgeCount(page, ids.length + 1, { timeout: 10_000, settleMs: 500 });
      expect(await oldBadges(page), `no old badge left on ${site.url}`).toBe(0);
    }
    // A new background (its moz-extension UUID is new and unknown here, so no popup): it
    // answers the page that was open all along.
    await expectPreviewAnswered(open[0]!.page);
    for (const venue of open) await expectBadgesAfterPageReload(venue);
    for (const { page } of open) await page.close();
    expect(noiseSince(logFrom)).toEqual([]);
    expect(extensionErrors(firefox.errors.slice(errorsFrom))).toEqual([]);
  });
});

/** How long Firefox lets the event page idle before suspending it (the default is 30 s). */
const IDLE_TIMEOUT_MS = 1_000;

describe.skipIf(unavailable !== null)('a suspended event-page background in Firefox wakes and answers (the build with background.persistent: false)', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let work: string;
  let records: RecordIndex;

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(FIREFOX_BUILD, 'index', name)));
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-event-page-'));
    const dir = join(work, 'firefox-mv2');
    cpSync(FIREFOX_BUILD, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background: { scripts: string[]; persistent?: boolean } };
    expect(manifest.background.scripts, 'an MV2 background page').toEqual(['background.js']);
    manifest.background.persistent = false;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    // A blank extension page: it sends no message, so opening it wakes nothing.
    writeFileSync(join(dir, 'probe.html'), '<!doctype html><meta charset="utf-8"><title>probe</title>');
    server = await startFixtureServer({ [abs.url]: abs.html });
    firefox = await launchFirefoxWithExtension(server, dir, { prefs: { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS } });
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * The running background page's `performance.timeOrigin`, or null while Firefox has it
   * suspended. `extension.getBackgroundPage()` (the synchronous one) only looks: it never starts
   * an event page, unlike `runtime.getBackgroundPage()` or any message.
   */
  const runningBackground = (probe: Page) =>
    probe.evaluate(() => {
      const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser;
      return api.extension.getBackgroundPage()?.performance.timeOrigin ?? null;
    });

  /** Waits (polling, without waking it) until Firefox has suspended the idle background. */
  const suspended = (probe: Page) => expect.poll(() => runningBackground(probe), { timeout: 30_000, interval: 100, message: 'Firefox suspends the idle background' }).toBeNull();

  /**
   * From now on, looks every 20 ms for a running background and resolves with the first one's
   * start. Started while the background is suspended, it sees the one the next request wakes,
   * which then stays at least the idle time-out.
   */
  async function nextBackground(probe: Page): Promise<number> {
    for (;;) {
      const started = await runningBackground(probe);
      if (started !== null) return started;
      await sleep(20);
    }
  }

  it('after an idle spell, a hovered badge and then the popup get their answers from a new background page', async () => {
    const page = await firefox.newPage();
    const errorsFrom = firefox.errors.length;
    await page.goto(abs.url);
    const id = records.matchTitle(abs.titles[0]!)!.paper.id;
    await waitForBadgeCount(page, 1);
    const abstract = (await records.abstractOf(id)) ?? '';
    expect(abstract.length).toBeGreaterThan(20);
    const probe = await firefox.newPage();
    await openExtensionPage(probe, firefox.extensionUrl('probe.html'));
    // The background that answered the badges; then, idle, Firefox suspends it.
    const firstStart = await firefox.backgroundStartedAt();
    await suspended(probe);

    // The hover's request wakes a new background page, which answers with the abstract.
    const woken = nextBackground(probe);
    await page.bringToFront();
    await hoverForAbstract(page, abstract);
    const secondStart = await woken;
    expect(secondStart).toBeGreaterThan(firstStart);
    await page.mouse.move(1, 1);

    // Suspended again; then the popup wakes another one, which answers its lookup.
    await suspended(probe);
    const wokenByPopup = nextBackground(probe);
    const popup = await firefox.newPage();
    await openExtensionPage(popup, firefox.extensionUrl('popup.html'));
    const box = await popup.waitForSelector('::-p-aria(Author name[role="combobox"])', { timeout: 10_000 });
    await box!.type('Lorenzo Basile');
    await box!.press('Enter');
    await popup.waitForFunction(() => document.querySelectorAll('.cluster-counts span').length > 0, { timeout: 10_000, polling: 50 });
    expect(await popup.$$eval('.cluster-counts span', (spans) => spans.map((s) => s.textContent))).toEqual(['5 papers', '2 author rows']);
    expect(await wokenByPopup).toBeGreaterThan(secondStart);
    await popup.close();
    await probe.close();

    expect(extensionErrors(firefox.errors.slice(errorsFrom))).toEqual([]);
    await page.close();
  });
});
