/** The built popup and cluster page in Chromium, against the real background and index. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extensionErrors,
  launchWithExtension,
  loadSiteFixtures,
  PROJECT_DIR,
  startFixtureServer,
  TEST_CHROME_BUILD,
  testBuildAvailable,
  waitForBadgeCount,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

const SCREENSHOTS = join(PROJECT_DIR, 'docs/screenshots');
const profile = loadSiteFixtures().find((f) => f.adapter === 'openreview' && f.name === 'profile')!;

// The build under test: .output/chrome-mv3, or $ARROW_LENS_BUILD_DIR/chrome-mv3.
describe.skipIf(!testBuildAvailable())('popup and cluster page in Chromium', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    server = await startFixtureServer({ [profile.url]: profile.html });
    browser = await launchWithExtension(server, { extensionDir: TEST_CHROME_BUILD });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('typing "lorenzo" offers Lorenzo Basile; Enter shows 5 papers and 2 author rows (light and dark)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 420, height: 640 });
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      const box = page.getByRole('combobox', { name: 'Author name' });
      await box.pressSequentially('lorenzo');
      await page.getByRole('option', { name: /Lorenzo Basile/ }).waitFor();
      await box.press('ArrowDown');
      await box.press('ArrowUp');
      await box.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
      expect(await page.locator('.cluster-counts span').allTextContents()).toEqual(['5 papers', '2 author rows']);
      expect(await page.getByRole('heading', { level: 3 }).count()).toBe(5);
      await page.getByRole('button', { name: 'Show abstract' }).first().click();
      await page.screenshot({ path: join(SCREENSHOTS, `popup-${scheme}.png`) });
      await page.close();
    }
  });

  it('cluster.html deep link, co-author links and back/forward', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.goto(`chrome-extension://${browser.extensionId}/cluster.html#name=lorenzo%20basile`);
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
    await page.goto(`chrome-extension://${browser.extensionId}/cluster.html#name=Nobody%20Known`);
    await page.getByRole('status').filter({ hasText: 'No paper in the records lists the author name' }).waitFor();
    await page.close();
  });

  it('per paper: copy BibTeX to the clipboard, download CSV', async () => {
    const title = 'ResiDual Transformer Alignment with Spectral Decomposition';
    const origin = `chrome-extension://${browser.extensionId}`;
    const page = await browser.newPage();
    await page.goto(`${origin}/popup.html#name=Lorenzo%20Basile`);
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    // One set of buttons per paper, each named after its paper.
    expect(await page.getByRole('button', { name: /^Copy BibTeX for / }).count()).toBe(5);
    const row = page.getByRole('group', { name: `Export ${title}` });
    await page.getByRole('button', { name: `Copy BibTeX for ${title}`, exact: true }).click();
    await row.getByText('BibTeX copied').waitFor();
    // Read the browser's clipboard back from a web page (permissions cannot be granted to an
    // extension origin; headless Chromium keeps one clipboard for the whole browser).
    const reader = await browser.newPage();
    await browser.context.grantPermissions(['clipboard-read'], { origin: new URL(profile.url).origin });
    await reader.goto(profile.url);
    await reader.bringToFront();
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    await page.bringToFront();
    expect(copied).toMatch(/^@article\{basile2025residual,\n  title = \{\{ResiDual Transformer Alignment with Spectral Decomposition\}\},/);
    expect(copied.match(/^@/gm)).toHaveLength(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download .csv for ${title}`, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('basile2025residual.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('id,title,venue,venue kind,year,type,authors,doi,url,arxiv,abstract');
    expect(csv[1]).toContain(title);
    expect(csv).toHaveLength(3);
    expect(extensionErrors(browser.errors)).toEqual([]);
    await page.close();
  });

  it('the content script answers the popup with the papers on its page, and reveals one', async () => {
    const venue = await browser.newPage();
    await venue.goto(profile.url);
    await waitForBadgeCount(venue, 5);
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const reply = await popup.evaluate(async () => {
      // Without the tabs permission, URLs are hidden: ask every tab; only the venue page answers.
      for (const tab of await chrome.tabs.query({})) {
        const matches = await chrome.tabs.sendMessage(tab.id!, { type: 'page-matches' }).catch(() => null);
        if (!matches) continue;
        const revealed = await chrome.tabs.sendMessage(tab.id!, { type: 'reveal-paper', id: matches.value.matches[0].id });
        return { matches, revealed };
      }
      throw new Error('no tab answered');
    });
    expect(reply.matches.ok).toBe(true);
    expect(reply.matches.value.matches).toHaveLength(5);
    expect(reply.matches.value.matches[0]).toMatchObject({ venue: expect.any(String), year: 2025 });
    expect(reply.revealed).toEqual({ ok: true, value: { ok: true } });
    await venue.locator('[data-arrow-lens="preview"] .card').waitFor({ state: 'visible', timeout: 5_000 });
    expect(extensionErrors(browser.errors)).toEqual([]);
    await popup.close();
    await venue.close();
  });
});
