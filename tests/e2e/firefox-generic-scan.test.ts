/**
 * "Look for papers on this page" in real Firefox (Debian firefox-esr over WebDriver BiDi, the
 * built MV2 add-on installed as a temporary add-on): the Firefox counterpart of
 * `generic-scan.test.ts` (Chromium). A page outside the venue list (a repository record with
 * only `citation_title` metadata) gets no script and no badge until the popup asks; then the
 * background injects the content script (`scripting.executeScript`), whose generic metadata
 * adapter finds the title.
 *
 * The permission that makes the injection legal, `activeTab`, is granted by Firefox only on a
 * real toolbar click, shortcut or menu item of the add-on, which automation cannot give. So the
 * test proves both sides of it: the shipped build is refused (no access without the grant: least
 * privilege holds), and a copy of the build whose manifest `permissions` (MV2: host access lives
 * there, and Firefox grants it at install) also hold `https://iris.sissa.it/*` — the grant's
 * stand-in — badges the page through exactly the shipped code path: popup page (popup.html,
 * opened in a tab under its moz-extension:// URL) → `scan-tab` → `scripting.executeScript` →
 * content script.
 *
 * What Firefox does here — observed on firefox-esr 153, and asserted:
 * - the refusal reads "Missing host permission for the tab" (Chromium: "Cannot access contents
 *   of …"); it comes back to the popup as the background's `{ ok: false, error }` reply;
 * - as in Chromium, without access the add-on sees neither the tab's URL nor its title
 *   (`tabs.Tab.url` / `.title` are absent: the build has no `tabs` permission); with host access
 *   to the site it sees that tab's URL, and still not the blank tab's;
 * - the host access of the copy is to that one site only: the scan of the browser's blank start
 *   tab is refused with the same message, in both builds;
 * - before the scan no content script is in the page at all (the popup's `page-matches` question
 *   finds no receiver, which the popup shows as "not scanned"); after it, the injected script
 *   answers with the one match;
 * - a second scan does not leave the first copy of the script running, but replaces it: WXT's
 *   `ContentScriptContext` of the new copy announces itself with a synchronous document event
 *   before `main` runs, the first copy's context is invalidated, its `onInvalidated` tears its
 *   badges down and clears the window marker — so the marker check in `main` (a safety net
 *   against two live copies) finds it cleared and the new copy starts. Net effect, asserted:
 *   the badges of the first scan go, exactly one badge per title remains, and it works (its
 *   preview opens). Counting badges alone could not show this (each copy also removes badges it
 *   did not make), so the test marks the first scan's badges (generic-scan.test.ts does the
 *   same in Chromium).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteFixtures, startFixtureServer, type FixtureServer } from './harness';
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

const repository = loadSiteFixtures().find((f) => f.adapter === 'generic-metadata' && f.name === 'iris-handle')!;
const HOST = new URL(repository.url).host;

/** Firefox's words for `scripting.executeScript` on a tab the add-on has no access to. */
const REFUSED = 'Missing host permission for the tab';

const BADGE = '[data-arrow-lens="badge"]';
/** Set by the test on the badges of the first scan, to tell them from the second scan's. */
const FIRST = 'data-arrow-lens-test-first';

interface ScanAttempt {
  /** The tab's URL and title, where the add-on may see them (only with access to the page). */
  url: string | null;
  title: string | null;
  /**
   * What the tab's content script answered to the popup's `page-matches` question just before
   * the scan: the matched titles, or the error when no script is there to answer.
   */
  before: { titles: string[] } | { error: string };
  reply: { ok: boolean; value?: unknown; error?: string };
}

/** The WebExtension API as popup.html sees it, as far as this test uses it. */
interface PopupApi {
  tabs: {
    getCurrent(): Promise<{ id?: number } | undefined>;
    query(query: object): Promise<{ id?: number; url?: string; title?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<{ ok: boolean; value?: { matches: { title: string }[] }; error?: string } | undefined>;
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

const unavailable = firefoxUnavailable();
if (unavailable) console.warn(`[firefox generic-scan e2e] skipped: ${unavailable}`);

const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

/**
 * What the popup's "Look for papers on this page" sends, from popup.html open in a tab, for
 * every other tab (after asking each what it has matched, as the popup does when it opens).
 */
async function askToScan(firefox: FirefoxWithExtension): Promise<ScanAttempt[]> {
  const popup = await firefox.newPage();
  try {
    await openExtensionPage(popup, firefox.extensionUrl('popup.html'));
    return await popup.evaluate(async () => {
      const api = (globalThis as unknown as { browser: PopupApi }).browser;
      const own = await api.tabs.getCurrent();
      const others = (await api.tabs.query({})).filter((tab) => tab.id !== own?.id);
      return Promise.all(
        others.map(async (tab): Promise<ScanAttempt> => {
          const before = await api.tabs.sendMessage(tab.id!, { type: 'page-matches' }).then(
            (reply) => (reply?.ok ? { titles: reply.value!.matches.map((m) => m.title) } : { error: reply?.error ?? 'no answer' }),
            (error: unknown) => ({ error: String(error) }),
          );
          const reply = (await api.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id })) as ScanAttempt['reply'];
          return { url: tab.url ?? null, title: tab.title ?? null, before, reply };
        }),
      );
    });
  } finally {
    await popup.close();
  }
}

const badgeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-arrow-lens]').length);
/** How many tabs the browser has open (the popup's own tab not yet among them). */
const tabCount = async (firefox: FirefoxWithExtension) => (await firefox.browser.pages()).length;
/** No content script in the tab: Firefox finds no receiver for the popup's message. */
const NO_RECEIVER = { error: expect.stringMatching(/receiving end does not exist/i) };

describe.skipIf(unavailable !== null)('"Look for papers on this page" on a page outside the venue list (Firefox, MV2 build as a temporary add-on)', () => {
  let server: FixtureServer;
  let work: string;

  beforeAll(async () => {
    server = await startFixtureServer({ [repository.url]: repository.html });
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-ff-generic-'));
  });
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the shipped build: nothing runs on the page by itself, and without the activeTab grant the scan is refused', async () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { permissions: string[] };
    // activeTab is what would allow it; no host permission, no `tabs`.
    expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
    expect(manifest.permissions.filter((p) => p.includes('://') || p === '<all_urls>' || p === 'tabs')).toEqual([]);

    const firefox = await launchFirefoxWithExtension(server);
    try {
      const page = await firefox.newPage();
      await page.goto(repository.url);
      await sleep(1_000);
      expect(await badgeCount(page)).toBe(0);

      const tabs = await tabCount(firefox);
      const attempts = await askToScan(firefox);
      // Every tab but the popup's: the blank start tab and the repository page.
      expect(attempts).toHaveLength(tabs);
      expect(tabs).toBe(2);
      for (const attempt of attempts) {
        // Without access the add-on cannot even read the tab's URL or title.
        expect(attempt).toEqual({ url: null, title: null, before: NO_RECEIVER, reply: { ok: false, error: REFUSED } });
      }
      await page.bringToFront();
      await sleep(500);
      expect(await badgeCount(page)).toBe(0);
      expect(extensionErrors(firefox.errors)).toEqual([]);
    } finally {
      await firefox.close();
    }
  });

  it('with access to the page (what activeTab grants on a click), the scan badges its citation_title and the preview opens', async () => {
    const granted = join(work, 'firefox-mv2');
    cpSync(FIREFOX_BUILD, granted, { recursive: true });
    const manifestPath = join(granted, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[] };
    manifest.permissions = [...manifest.permissions, `https://${HOST}/*`];
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const firefox = await launchFirefoxWithExtension(server, granted);
    try {
      const page = await firefox.newPage();
      await page.goto(repository.url);
      await sleep(1_000);
      // Host access alone injects nothing: the content script's own matches are the venue sites.
      expect(await badgeCount(page)).toBe(0);

      const onRepository = (attempts: ScanAttempt[]) => {
        const found = attempts.filter((a) => a.url !== null && new URL(a.url).host === HOST);
        expect(found, `one tab on ${HOST} among ${JSON.stringify(attempts)}`).toHaveLength(1);
        return found[0]!;
      };
      const elsewhere = (attempts: ScanAttempt[]) => attempts.filter((a) => a.url === null || new URL(a.url).host !== HOST);

      const tabs = await tabCount(firefox);
      const first = await askToScan(firefox);
      expect(first).toHaveLength(tabs);
      const scanned = onRepository(first);
      expect(scanned.url).toBe(repository.url);
      expect(scanned.title).toContain(repository.titles[0]);
      // No script was there before the scan; the scan itself succeeds.
      expect(scanned.before).toEqual(NO_RECEIVER);
      expect(scanned.reply).toEqual({ ok: true, value: { ok: true } });
      // The access is to that one site: the blank start tab stays out of reach.
      expect(elsewhere(first)).toEqual([{ url: null, title: null, before: NO_RECEIVER, reply: { ok: false, error: REFUSED } }]);

      await page.bringToFront();
      await waitForBadgeCount(page, repository.titles.length);
      const badges = await readBadges(page);
      expect(badges.map((b) => b.title)).toEqual(repository.titles);
      for (const badge of badges) expect(badge.hasOpenShadowButton).toBe(true);

      // Asked twice: the script injected the first time is there and answers with its one
      // match; the second scan starts a new copy, which takes over from it (see the header):
      // the first scan's badges are gone, and the page keeps exactly one badge per title.
      await page.evaluate((selector, first) => document.querySelectorAll(selector).forEach((b) => b.setAttribute(first, '')), BADGE, FIRST);
      const again = onRepository(await askToScan(firefox));
      expect(again.before).toEqual({ titles: repository.titles });
      expect(again.reply).toEqual({ ok: true, value: { ok: true } });
      await page.bringToFront();
      const firstScanBadges = () => page.evaluate((selector) => document.querySelectorAll(selector).length, `${BADGE}[${FIRST}]`);
      await expect.poll(firstScanBadges, { timeout: 10_000, message: 'the first copy gave way to the second' }).toBe(0);
      await waitForBadgeCount(page, repository.titles.length, { settleMs: 1_000 });
      expect((await readBadges(page)).map((b) => b.title)).toEqual(repository.titles);

      // The badge of the live copy opens its preview.
      await page.focus(`${BADGE} >>> button`);
      await page.waitForFunction(
        (author) => {
          const preview = document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot;
          const card = preview?.querySelector<HTMLElement>('.card');
          return !!card && card.checkVisibility() && (preview?.textContent ?? '').includes(author);
        },
        { timeout: 10_000, polling: 50 },
        'Lorenzo Basile',
      );
      expect(extensionErrors(firefox.errors)).toEqual([]);
    } finally {
      await firefox.close();
    }
  });
});
