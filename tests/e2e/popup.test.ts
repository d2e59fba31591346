/** The built popup and cluster page, against the real background and index, in both browsers. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, chromiumOf, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { PROJECT_DIR, siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const SCREENSHOTS = join(PROJECT_DIR, 'docs/screenshots');
const profile = siteFixture('openreview', 'profile');

describe.each(BROWSERS)('popup and cluster page in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  beforeAll(async () => {
    server = await startFixtureServer({ [profile.url]: profile.html });
    driver = await launchDriver(name, server);
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('typing "lorenzo" offers Lorenzo Basile; Enter shows 5 papers and 2 author rows (Chromium: light and dark)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const errorsBefore = driver.errors.length;
    // The screenshots in the README are Chromium's, in both colour schemes.
    for (const scheme of name === 'chromium' ? (['light', 'dark'] as const) : ([null] as const)) {
      const page = await driver.openPopup();
      if (scheme) await page.chromium!.emulateMedia({ colorScheme: scheme });
      await page.setViewport(420, 640);
      await page.type('input[role="combobox"]', 'lorenzo');
      await page.waitFor(() => [...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.includes('Lorenzo Basile')));
      await page.press('ArrowDown');
      await page.press('ArrowUp');
      await page.press('Enter');
      await page.waitFor(() => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === 'Lorenzo Basile') && document.querySelector('.cluster-counts span'));
      expect(await page.evaluate(() => [...document.querySelectorAll('.cluster-counts span')].map((s) => s.textContent))).toEqual(['5 papers', '2 author rows']);
      expect(await page.evaluate(() => document.querySelectorAll('h3').length)).toBe(5);
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show abstract')!.click());
      if (scheme) await page.screenshot(join(SCREENSHOTS, `popup-${scheme}.png`));
      await page.close();
    }
    expect(driver.extensionErrors(driver.errors.slice(errorsBefore))).toEqual([]);
  });

  it('the content script answers the popup with the papers on its page, and reveals one', async () => {
    const venue = await driver.openPage(profile.url);
    await driver.waitForBadgeCount(venue, 5);
    const popup = await driver.openPopup();
    const reply = await popup.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      // Without the tabs permission, URLs are hidden: ask every tab; only the venue page answers.
      for (const tab of await api.tabs.query({})) {
        const matches = await api.tabs.sendMessage(tab.id!, { type: 'page-matches' }).catch(() => null);
        if (!matches) continue;
        const revealed = await api.tabs.sendMessage(tab.id!, { type: 'reveal-paper', id: matches.value.matches[0].id });
        return { matches, revealed };
      }
      throw new Error('no tab answered');
    });
    expect(reply.matches.ok).toBe(true);
    expect(reply.matches.value.matches).toHaveLength(5);
    expect(reply.matches.value.matches[0]).toMatchObject({ venue: expect.any(String), year: 2025 });
    expect(reply.revealed).toEqual({ ok: true, value: { ok: true } });
    await venue.front();
    await driver.waitForPreview(venue, (p) => p.visible, { timeout: 5_000 });
    expect(driver.extensionErrors()).toEqual([]);
    await popup.close();
    await venue.close();
  });

  // Chromium only: puppeteer does not see a Firefox tab navigate between moz-extension pages,
  // so history navigation (back/forward) cannot be awaited there.
  it.runIf(name === 'chromium')('cluster.html deep link, co-author links and back/forward', async () => {
    const page = (await driver.openExtensionPage('cluster.html#name=lorenzo%20basile')).chromium!;
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    // The full page adds the co-author graph and papers per year.
    await expect.poll(() => page.locator('.graph svg circle').count()).toBe(18);
    expect(await page.locator('.year-bars th').allTextContents()).toEqual(['2025']);
    await page.screenshot({ path: join(SCREENSHOTS, 'cluster-page.png') });
    await page.getByRole('link', { name: 'Emanuele Rodolà' }).click();
    await page.getByRole('heading', { level: 2, name: 'Emanuele Rodolà' }).waitFor();
    expect(await page.locator('.cluster-counts span').first().textContent()).toBe('1 paper');
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { level: 2, name: 'Emanuele Rodolà' }).waitFor();
    await page.goto(driver.extensionUrl('cluster.html#name=Nobody%20Known'));
    await page.getByRole('status').filter({ hasText: 'No paper in the records lists the author name' }).waitFor();
    await page.close();
  });

  // Chromium only: reading the clipboard back needs a permission grant to a web origin, and the
  // download a download event, both Playwright's (puppeteer over BiDi has neither for Firefox).
  it.runIf(name === 'chromium')('per paper: copy BibTeX to the clipboard, download CSV', async () => {
    const title = 'ResiDual Transformer Alignment with Spectral Decomposition';
    const { context } = chromiumOf(driver);
    const page = (await driver.openPopup('#name=Lorenzo%20Basile')).chromium!;
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    // One export button per paper, each named after its paper, opening its copy and download buttons.
    expect(await page.getByRole('button', { name: /^Export / }).count()).toBe(5);
    const toggle = page.getByRole('button', { name: `Export ${title}`, exact: true });
    await toggle.click();
    await page.getByRole('button', { name: `Copy BibTeX for ${title}`, exact: true }).click();
    await page.locator('.paper-export', { has: toggle }).getByText('BibTeX copied').waitFor();
    // Read the browser's clipboard back from a web page (permissions cannot be granted to an
    // extension origin; headless Chromium keeps one clipboard for the whole browser).
    await context.grantPermissions(['clipboard-read'], { origin: new URL(profile.url).origin });
    const reader = await driver.openPage(profile.url);
    await reader.front();
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    await page.bringToFront();
    expect(copied).toMatch(/^@article\{basile2025residual,\n  title = \{\{ResiDual Transformer Alignment with Spectral Decomposition\}\},/);
    expect(copied.match(/^@/gm)).toHaveLength(1);

    await toggle.click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download .csv for ${title}`, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('basile2025residual.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('id,title,venue,venue kind,year,type,authors,doi,url,arxiv,abstract');
    expect(csv[1]).toContain(title);
    expect(csv).toHaveLength(3);
    expect(driver.extensionErrors()).toEqual([]);
    await page.close();
  });
});
