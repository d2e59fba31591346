/**
 * "Look for papers on this page", in both browsers: a page outside the venue list (a repository
 * record with only `citation_title` metadata) gets no script and no badge until the popup asks;
 * then the background injects the content script (`scripting.executeScript`), whose generic
 * metadata adapter finds the title.
 *
 * The permission that makes the injection legal, `activeTab`, is granted only on a real toolbar
 * click, shortcut or menu item, which automation cannot give. So the test proves both sides of
 * it: the shipped build is refused (no access without the grant: least privilege holds), and a
 * copy of the build that also holds host access to that one site — the grant's stand-in — badges
 * the page through exactly the shipped code path: popup page (opened in a tab) → `scan-tab` →
 * scripting → content script. Host access lives in MV3's `host_permissions` (Chromium) and in
 * MV2's `permissions` (Firefox, granted at install).
 *
 * Observed, and asserted in both browsers:
 * - the refusal reads "Cannot access contents of …" in Chromium and "Missing host permission for
 *   the tab" in Firefox; it comes back to the popup as the background's `{ ok: false, error }`;
 * - without access the extension sees neither the tab's URL nor its title (no `tabs`
 *   permission); with host access to the site it sees that tab's URL, and still not the blank
 *   tab's, whose scan stays refused: the access is to that one site only;
 * - before the scan no content script is in the page (the popup's `page-matches` question finds
 *   no receiver, shown as "not scanned"); after it, the injected script answers with its match;
 * - a second scan replaces the first copy of the script rather than adding one: the new copy
 *   finds the one before it through a global of the content script's isolated world
 *   (src/content/run-lens.ts), stops it — its badges go — and looks at the page afresh. Counting
 *   badges alone could not show this (each copy also removes badges it did not make), so the
 *   test marks the first scan's badges.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, buildOf, launchDriver, type BrowserDriver, type BrowserName } from '../../scripts/browser/driver';
import { siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const repository = siteFixture('generic-metadata', 'iris-handle');
const HOST = new URL(repository.url).host;

/** Each browser's words for `scripting.executeScript` on a tab the extension has no access to. */
const REFUSED: Record<BrowserName, RegExp> = {
  chromium: /^Cannot access contents of /,
  firefox: /^Missing host permission for the tab$/,
};
/** No content script in the tab: the browser finds no receiver for the popup's message. */
const NO_RECEIVER = { error: expect.stringMatching(/receiving end does not exist/i) };
/** Set by the test on the badges of the first scan, to tell them from the second scan's. */
const FIRST = 'data-arrow-lens-test-first';

interface ScanAttempt {
  /** The tab's URL and title, where the extension may see them (only with access to the page). */
  url: string | null;
  title: string | null;
  /** What the tab's content script answered to the popup's `page-matches` question just before the scan. */
  before: { titles: string[] } | { error: string };
  reply: { ok: boolean; value?: unknown; error?: string };
}

/**
 * What the popup's "Look for papers on this page" sends, from popup.html open in a tab, for
 * every other tab (after asking each what it has matched, as the popup does when it opens).
 */
async function askToScan(driver: BrowserDriver): Promise<ScanAttempt[]> {
  const popup = await driver.openPopup();
  try {
    return await popup.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const own = await api.tabs.getCurrent();
      const others = (await api.tabs.query({})).filter((tab) => tab.id !== own?.id);
      return Promise.all(
        others.map(async (tab): Promise<ScanAttempt> => {
          const before = await api.tabs.sendMessage(tab.id!, { type: 'page-matches' }).then(
            (reply) => (reply?.ok ? { titles: (reply.value.matches as { title: string }[]).map((m) => m.title) } : { error: String(reply?.error ?? 'no answer') }),
            (error: unknown) => ({ error: String(error) }),
          );
          const reply = (await api.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id })) as ScanAttempt['reply'];
          return { url: (tab as { url?: string }).url ?? null, title: (tab as { title?: string }).title ?? null, before, reply };
        }),
      );
    });
  } finally {
    await popup.close();
  }
}

const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

describe.each(BROWSERS)('"Look for papers on this page" on a page outside the venue list ($label)', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let work: string;
  const refused = { url: null, title: null, before: NO_RECEIVER, reply: { ok: false, error: expect.stringMatching(REFUSED[name]) } };

  beforeAll(async () => {
    server = await startFixtureServer({ [repository.url]: repository.html });
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-generic-'));
  });
  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the shipped build: nothing runs on the page by itself, and without the activeTab grant the scan is refused', async () => {
    const manifest = JSON.parse(readFileSync(join(buildOf(name), 'manifest.json'), 'utf8')) as { permissions: string[] };
    // activeTab is what would allow it; no host permission among the API permissions, no `tabs`.
    expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting']));
    expect(manifest.permissions.filter((p) => p.includes('://') || p === '<all_urls>' || p === 'tabs')).toEqual([]);

    const driver = await launchDriver(name, server);
    try {
      const page = await driver.openPage(repository.url);
      await sleep(1_000);
      expect(await driver.badgeCount(page, '[data-arrow-lens]')).toBe(0);

      const tabs = await driver.tabCount();
      const attempts = await askToScan(driver);
      // Every tab but the popup's: the blank start tab(s) and the repository page.
      expect(attempts).toHaveLength(tabs);
      expect(tabs).toBeGreaterThanOrEqual(2);
      // Without access the extension cannot even read the tab's URL or title.
      for (const attempt of attempts) expect(attempt).toEqual(refused);
      await page.front();
      await sleep(500);
      expect(await driver.badgeCount(page, '[data-arrow-lens]')).toBe(0);
      expect(driver.extensionErrors()).toEqual([]);
    } finally {
      await driver.close();
    }
  });

  it('with access to the page (what activeTab grants on a click), the scan badges its citation_title and the preview opens', async () => {
    const granted = buildOf(name, work);
    cpSync(buildOf(name), granted, { recursive: true });
    const manifestPath = join(granted, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; host_permissions?: string[] };
    if (name === 'chromium') manifest.host_permissions = [...(manifest.host_permissions ?? []), `https://${HOST}/*`];
    else manifest.permissions = [...manifest.permissions, `https://${HOST}/*`];
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const driver = await launchDriver(name, server, { extensionDir: granted });
    try {
      const page = await driver.openPage(repository.url);
      await sleep(1_000);
      // Host access alone injects nothing: the content script's own matches are the venue sites.
      expect(await driver.badgeCount(page, '[data-arrow-lens]')).toBe(0);

      const onRepository = (attempts: ScanAttempt[]) => {
        const found = attempts.filter((a) => a.url !== null && new URL(a.url).host === HOST);
        expect(found, `one tab on ${HOST} among ${JSON.stringify(attempts)}`).toHaveLength(1);
        return found[0]!;
      };
      const elsewhere = (attempts: ScanAttempt[]) => attempts.filter((a) => a.url === null || new URL(a.url).host !== HOST);

      const tabs = await driver.tabCount();
      const first = await askToScan(driver);
      expect(first).toHaveLength(tabs);
      const scanned = onRepository(first);
      expect(scanned.url).toBe(repository.url);
      expect(scanned.title).toContain(repository.titles[0]);
      // No script was there before the scan; the scan itself succeeds.
      expect(scanned.before).toEqual(NO_RECEIVER);
      expect(scanned.reply).toEqual({ ok: true, value: { ok: true } });
      // The access is to that one site: the blank start tab stays out of reach.
      const others = elsewhere(first);
      expect(others.length).toBeGreaterThan(0);
      for (const attempt of others) expect(attempt).toEqual(refused);

      await page.front();
      await driver.waitForBadgeCount(page, repository.titles.length);
      const badges = await driver.readBadges(page);
      expect(badges.map((b) => b.title)).toEqual(repository.titles);
      for (const badge of badges) expect(badge.shape).toBe('style,button');

      // Asked twice: the script injected the first time is there and answers with its one
      // match; the second scan starts a new copy, which takes over from it (see the header).
      await page.evaluate((first) => document.querySelectorAll('[data-arrow-lens="badge"]').forEach((b) => b.setAttribute(first, '')), FIRST);
      const again = onRepository(await askToScan(driver));
      expect(again.before).toEqual({ titles: repository.titles });
      expect(again.reply).toEqual({ ok: true, value: { ok: true } });
      await page.front();
      await expect.poll(() => driver.badgeCount(page, `[${FIRST}]`), { timeout: 10_000, message: 'the first copy gave way to the second' }).toBe(0);
      await driver.waitForBadgeCount(page, repository.titles.length, { settleMs: 1_000 });
      expect((await driver.readBadges(page)).map((b) => b.title)).toEqual(repository.titles);

      // The badge of the live copy opens its preview.
      await driver.focusBadge(page);
      await driver.waitForPreview(page, (p) => p.visible && p.text.includes('Lorenzo Basile'));
      expect(driver.extensionErrors()).toEqual([]);
    } finally {
      await driver.close();
    }
  });
});
