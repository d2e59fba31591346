/**
 * Extension lifecycle in real Chromium: the background refuses what it must (web pages, tab-less
 * content-script requests, malformed messages); a service worker the browser stopped wakes and
 * answers; removing the extension under open pages (what a reload, an update or disable does to
 * them) throws nothing into them and the orphaned content script cleans up and stops working.
 * And no request leaves for anywhere but the pages.
 *
 * `chrome.runtime.reload()` evaluated in the worker has no effect on this headless Chromium (the
 * content scripts keep a live extension), so the test uninstalls the extension over CDP
 * (puppeteer's `uninstallExtension`, Extensions.uninstall) and installs it again afterwards.
 * Playwright stays attached to extension service workers, which keeps them alive, so this file
 * drives Chromium with puppeteer-core, whose `worker.close()` stops one. Chromium's NetLog
 * (`--log-net-log`) records every network request the browser makes, service worker included.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, CHROMIUM, loadSiteFixtures, startFixtureServer, TEST_CHROME_BUILD, testBuildAvailable, type FixtureServer } from './harness';

const abs = loadSiteFixtures().find((f) => f.adapter === 'arxiv' && f.name === 'abs')!;
const listing = loadSiteFixtures().find((f) => f.adapter === 'arxiv' && f.name === 'listing')!;
/** arXiv listing titles that are in the bundled records (data/). */
const LISTING_BADGES = 3;

/** Requests Chromium's browser process makes by itself, with or without any extension. */
const CHROMIUM_OWN = /^https?:\/\/(accounts\.google\.com\/ListAccounts\?|update\.googleapis\.com\/service\/update2\/|clients2\.google\.com\/time\/)/;

const badgeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-arrow-lens="badge"]').length);
const waitForBadges = (page: Page, n: number) => page.waitForFunction((count) => document.querySelectorAll('[data-arrow-lens="badge"]').length === count, { timeout: 10_000 }, n);

describe.skipIf(!testBuildAvailable())('extension lifecycle in Chromium', () => {
  let server: FixtureServer;
  let browser: Browser;
  let work: string;
  let extensionId: string;
  /** Every console message and uncaught error of every page, with its page URL. */
  const consoleLog: string[] = [];

  const isWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`);

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => consoleLog.push(`${page.url()}: ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLog.push(`${page.url()}: uncaught: ${e instanceof Error ? e.message : String(e)}`));
    return page;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-lifecycle-'));
    server = await startFixtureServer({ [abs.url]: abs.html, [listing.url]: listing.html });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      pipe: true,
      userDataDir: join(work, 'profile'),
      defaultViewport: { width: 1280, height: 900 },
      // Extensions installed over CDP (Extensions.loadUnpacked), so the test can uninstall and
      // reinstall it: chrome.runtime.reload() is a no-op for a headless, command-line-loaded one.
      enableExtensions: true,
      args: [...chromiumArgs(server), `--log-net-log=${join(work, 'netlog.json')}`],
    });
    extensionId = await browser.installExtension(TEST_CHROME_BUILD);
    await browser.waitForTarget(isWorker, { timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the background answers only its own extension, and refuses malformed and tab-less requests', async () => {
    // A web page has no way in: no externally_connectable, so no chrome.runtime.sendMessage.
    const page = await newPage();
    await page.goto(abs.url);
    await waitForBadges(page, 1);
    const fromPage = await page.evaluate(async (id) => {
      try {
        if (typeof chrome === 'undefined' || !chrome.runtime?.sendMessage) return 'no messaging API';
        return JSON.stringify(await chrome.runtime.sendMessage(id, { type: 'get-paper', id: 'x' }));
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, extensionId);
    expect(fromPage).toMatch(/^(no messaging API|refused)/);

    // An extension page is trusted as a sender, but not for what only a tab may ask.
    const ext = await newPage();
    await ext.goto(`chrome-extension://${extensionId}/popup.html`);
    const replies = await ext.evaluate(async () => {
      const ask = (m: unknown) => chrome.runtime.sendMessage(m);
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

  it('a service worker the browser stopped wakes up: the preview still loads, a fresh page still gets badges', async () => {
    const page = await newPage();
    await page.goto(abs.url);
    await waitForBadges(page, 1);

    const target = await browser.waitForTarget(isWorker);
    const gone = new Promise<void>((done) => browser.on('targetdestroyed', (t) => t === target && done()));
    await (await target.worker())!.close();
    await gone;
    expect(browser.targets().filter(isWorker)).toEqual([]);

    // Hover the badge: the preview asks the (stopped) background for the paper.
    const woke = browser.waitForTarget(isWorker, { timeout: 10_000 });
    await page.hover('arrow-lens-badge >>> button');
    await page.waitForFunction(
      () => document.querySelector('arrow-lens-preview')?.shadowRoot?.querySelector('.abstract')?.textContent?.startsWith('Language and vision-language models'),
      { timeout: 10_000 },
    );
    await woke;

    const fresh = await newPage();
    await fresh.goto(listing.url);
    await waitForBadges(fresh, LISTING_BADGES);
    await fresh.close();
    await page.close();
  });

  it('removing the extension under open pages throws nothing into them; the orphaned script cleans up and stops', async () => {
    const pages = [await newPage(), await newPage()];
    await pages[0]!.goto(abs.url);
    await pages[1]!.goto(listing.url);
    await waitForBadges(pages[0]!, 1);
    await waitForBadges(pages[1]!, LISTING_BADGES);
    const logBefore = consoleLog.length;

    // What an update, a reload or disable + enable does to open pages: their content scripts
    // lose the extension. Here: uninstall over CDP, which lets the test install it again.
    await browser.uninstallExtension(extensionId);

    // The page changes (new copies of its titles, as a re-render makes them): at its first
    // change the orphaned copy sees the extension is gone, disconnects its observer and takes
    // its badges with it…
    const mutate = (page: Page) =>
      page.evaluate(() => {
        const list = document.querySelector('dl#articles') ?? document.querySelector('h1.title')!.parentElement!;
        const item = list.querySelector('dd, h1.title')!;
        for (let i = 0; i < 20; i++) {
          const copy = item.cloneNode(true) as Element;
          copy.querySelectorAll('[data-arrow-lens]').forEach((n) => n.remove());
          list.append(copy);
        }
      });
    for (const page of pages) {
      await mutate(page);
      await page.waitForFunction(() => document.querySelectorAll('[data-arrow-lens]').length === 0, { timeout: 10_000 });
    }
    // …and later changes find nobody listening: no scan, no badge, no message. (An absence
    // needs a wait: four scan delays.)
    for (const page of pages) await mutate(page);
    await new Promise((resume) => setTimeout(resume, 500));
    for (const page of pages) expect(await badgeCount(page)).toBe(0);

    const noise = consoleLog.slice(logBefore).filter((line) => /context invalidated|receiving end does not exist|uncaught|Arrow Lens/i.test(line));
    expect(noise).toEqual([]);

    // Installed again, it works on a fresh page.
    expect(await browser.installExtension(TEST_CHROME_BUILD)).toBe(extensionId);
    const fresh = await newPage();
    await fresh.goto(listing.url);
    await waitForBadges(fresh, LISTING_BADGES);
    for (const page of [...pages, fresh]) await page.close();
  });

  it('the browser made no network request but to the fixture pages', async () => {
    // Closing the browser flushes the NetLog; every URL the network stack saw is in it.
    await browser.close();
    const netlog = join(work, 'netlog.json');
    expect(existsSync(netlog)).toBe(true);
    const urls = [...new Set([...readFileSync(netlog, 'utf8').matchAll(/"url":"((?:https?|wss?|ftp):\/\/[^"]+)"/g)].map((m) => m[1]!))];
    const pageOrigins = new Set([new URL(abs.url).origin, new URL(listing.url).origin]);
    expect(urls.some((u) => u.startsWith(abs.url))).toBe(true);
    expect(urls.filter((u) => !pageOrigins.has(new URL(u).origin) && !CHROMIUM_OWN.test(u))).toEqual([]);
  });
});
