/**
 * "Look for papers on this page" in real Chromium: a page outside the venue list (a repository
 * record with only `citation_title` metadata) gets no script and no badge until the popup asks;
 * then the background injects the content script, whose generic metadata adapter finds the title.
 *
 * The permission that makes the injection legal, `activeTab`, is granted by Chromium only on a
 * real toolbar click or shortcut, which automation cannot give. So the test proves both sides of
 * it: the shipped build is refused (no access without the grant: least privilege holds), and a copy
 * of the build that holds host access to that one site instead (the grant's stand-in) badges the
 * page through exactly the shipped code path: popup page → `scan-tab` → scripting → content script.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extensionErrors,
  launchWithExtension,
  loadSiteFixtures,
  readBadges,
  startFixtureServer,
  TEST_CHROME_BUILD,
  testBuildAvailable,
  waitForBadgeCount,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

const repository = loadSiteFixtures().find((f) => f.adapter === 'generic-metadata' && f.name === 'iris-handle')!;
const HOST = new URL(repository.url).host;

interface ScanAttempt {
  /** The tab's URL, where the extension may see it (only with access to the page). */
  url: string | null;
  reply: { ok: boolean; value?: unknown; error?: string };
}

/** What the popup's "Look for papers on this page" sends, from the popup page, for every other tab. */
async function askToScan(browser: ExtensionBrowser): Promise<ScanAttempt[]> {
  const popup = await browser.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  try {
    return await popup.evaluate(async () => {
      const own = await chrome.tabs.getCurrent();
      const others = (await chrome.tabs.query({})).filter((tab) => tab.id !== own?.id);
      return Promise.all(
        others.map(async (tab) => ({ url: tab.url ?? null, reply: (await chrome.runtime.sendMessage({ type: 'scan-tab', tabId: tab.id })) as ScanAttempt['reply'] })),
      );
    });
  } finally {
    await popup.close();
  }
}

const badgeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-arrow-lens]').length);

describe.skipIf(!testBuildAvailable())('"Look for papers on this page" on a page outside the venue list (Chromium)', () => {
  let server: FixtureServer;
  let work: string;

  beforeAll(async () => {
    server = await startFixtureServer({ [repository.url]: repository.html });
    work = mkdtempSync(join(tmpdir(), 'arrow-lens-generic-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the shipped build: nothing runs on the page by itself, and without the activeTab grant the scan is refused', async () => {
    const browser = await launchWithExtension(server, { extensionDir: TEST_CHROME_BUILD });
    try {
      const page = await browser.newPage();
      await page.goto(repository.url);
      await page.waitForTimeout(1_000);
      expect(await badgeCount(page)).toBe(0);
      const attempts = await askToScan(browser);
      expect(attempts.length).toBeGreaterThan(0);
      for (const { url, reply } of attempts) {
        // Without access the extension cannot even read the tab's URL.
        expect(url).toBeNull();
        expect(reply.ok).toBe(false);
        expect(reply.error).toMatch(/cannot access|permission/i);
      }
      await page.waitForTimeout(500);
      expect(await badgeCount(page)).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('with access to the page (what activeTab grants on a click), the scan badges its citation_title and the preview opens', async () => {
    const granted = join(work, 'chrome-mv3');
    cpSync(TEST_CHROME_BUILD, granted, { recursive: true });
    const manifestPath = join(granted, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), `https://${HOST}/*`];
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const browser = await launchWithExtension(server, { extensionDir: granted });
    try {
      const page = await browser.newPage();
      await page.goto(repository.url);
      await page.waitForTimeout(500);
      // Host access alone injects nothing: the content script's own matches are the venue sites.
      expect(await badgeCount(page)).toBe(0);

      const onRepository = (attempts: ScanAttempt[]) => attempts.find((a) => a.url !== null && new URL(a.url).host === HOST)?.reply;
      expect(onRepository(await askToScan(browser))).toEqual({ ok: true, value: { ok: true } });
      await waitForBadgeCount(page, repository.titles.length);
      expect((await readBadges(page)).map((b) => b.title)).toEqual(repository.titles);

      // Asked twice: the second copy of the script replaces the first (its badges, marked here,
      // go), and one badge per title stays.
      await page.evaluate(() => document.querySelectorAll('[data-arrow-lens="badge"]').forEach((b) => b.setAttribute('data-first-scan', '')));
      expect(onRepository(await askToScan(browser))).toEqual({ ok: true, value: { ok: true } });
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-first-scan]').length)).toBe(0);
      await waitForBadgeCount(page, repository.titles.length);
      await page.waitForTimeout(500);
      expect(await badgeCount(page)).toBe(repository.titles.length);

      await page.locator('[data-arrow-lens="badge"] button').first().focus();
      const preview = page.locator('[data-arrow-lens="preview"]');
      await expect.poll(() => preview.evaluate((host) => host.shadowRoot?.textContent ?? '')).toContain('Lorenzo Basile');
      expect(extensionErrors(browser.errors)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
