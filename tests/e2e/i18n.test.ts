/**
 * The built extension in Chromium with a German UI: popup, cluster page, and the badge on a
 * venue page all speak German, with German plural forms and number formatting.
 *
 * How Chromium is made German here (measured with Debian's chromium 156):
 * - `--lang=de` picks the extension's German messages (`_locales/de`) everywhere, the service
 *   worker and content scripts included. `LANGUAGE=de` alone does not.
 * - `chrome.i18n.getUILanguage()` follows the browser's *application* locale, which stays en-US
 *   unless Chromium ships de.pak (Debian: package chromium-l10n; Chrome always has it). Without
 *   it, the page-level locale emulation (`locale: 'de-DE'`) makes it answer "de-DE", as a German
 *   Chrome would; with chromium-l10n installed, --lang alone is enough.
 * Screenshot: docs/screenshots/popup-de.png.
 *
 * Chromium only: Debian's firefox-esr ships en-US alone; a German Firefox needs its language
 * pack (firefox-esr-l10n-de) installed into the profile, which this machine does not have.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { PROJECT_DIR, siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

declare global {
  // The chrome.i18n calls made inside the extension pages (beside tests/e2e/chrome-globals.d.ts).
  namespace chrome {
    namespace i18n {
      function getUILanguage(): string;
      function getMessage(name: string): string;
    }
  }
}

const SCREENSHOTS = join(PROJECT_DIR, 'docs/screenshots');
const profile = siteFixture('openreview', 'profile');
const chromium = BROWSERS.find((b) => b.name === 'chromium')!;

describe.skipIf(chromium.unavailable !== null)('German UI in Chromium (--lang=de)', () => {
  let server: FixtureServer;
  let driver: BrowserDriver;
  /** A tab of the German browser, as Playwright drives it. */
  const open = async (path: string): Promise<Page> => (await driver.openExtensionPage(path)).chromium!;

  beforeAll(async () => {
    server = await startFixtureServer({ [profile.url]: profile.html });
    driver = await launchDriver('chromium', server, { locale: 'de-DE', env: { LANGUAGE: 'de', LANG: 'de_DE.UTF-8' }, args: ['--lang=de'] });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('the popup: German tabs, labels, counts and buttons; record data untranslated', async () => {
    const page = await open('popup.html');
    await page.setViewportSize({ width: 420, height: 640 });
    const env = await page.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      lang: document.documentElement.lang,
      title: document.title,
      message: chrome.i18n.getMessage('popup_tabLookup'),
    }));
    expect(env.ui).toMatch(/^de\b/);
    expect(env.lang).toMatch(/^de\b/);
    expect(env.title).toBe('Arrow Lens');
    expect(env.message).toBe('Autorensuche');

    await page.getByRole('tab', { name: 'Autorensuche' }).waitFor();
    await page.getByRole('tab', { name: 'Auf dieser Seite' }).waitFor();
    const box = page.getByRole('combobox', { name: 'Autorenname' });
    expect(await box.getAttribute('placeholder')).toBe('z. B. Lorenzo Basile');
    await box.pressSequentially('lorenzo');
    const option = page.getByRole('option', { name: /Lorenzo Basile/ });
    await option.waitFor();
    expect(await option.textContent()).toContain('5 Arbeiten');
    await box.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor();
    expect(await page.locator('.cluster-counts span').allTextContents()).toEqual(['5 Arbeiten', '2 Autorenzeilen']);
    expect(await page.locator('.cluster-note').textContent()).toMatch(/^Arbeiten, die genau diesen Autorennamen nennen/);
    await page.getByRole('group', { name: 'Diesen Cluster exportieren' }).getByRole('button', { name: 'BibTeX kopieren' }).waitFor();
    // One export button per paper, named after it; its actions are named after it too.
    expect(await page.getByRole('button', { name: /^Exportieren: „.+“$/ }).count()).toBe(5);
    await page.getByRole('button', { name: /^Exportieren: „.+“$/ }).first().click();
    expect(await page.getByRole('button', { name: /^BibTeX kopieren: „.+“$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Zusammenfassung anzeigen' }).count()).toBe(5);
    expect(await page.getByRole('heading', { level: 3, name: 'ResiDual Transformer Alignment with Spectral Decomposition' }).count()).toBe(1);
    expect(await page.getByText('TMLR · 2025 · Journal Article').count()).toBeGreaterThan(0); // years stay plain
    // Numbers go through Intl with the UI language: what the popup would print for 1234.5.
    expect(await page.evaluate(() => new Intl.NumberFormat(chrome.i18n.getUILanguage()).format(1234.5))).toBe('1.234,5');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'popup-de.png') });
    await page.close();
  });

  it('the cluster page: German heading, title, singular and empty state', async () => {
    const page = await open('cluster.html#name=Emanuele%20Rodol%C3%A0');
    await page.getByRole('heading', { level: 1, name: 'Arrow Lens · Cluster eines Autorennamens' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Emanuele Rodolà' }).waitFor();
    expect(await page.title()).toBe('Autoren-Cluster · Arrow Lens');
    expect(await page.locator('.cluster-counts span').allTextContents()).toEqual(['1 Arbeit', 'Autorenzeilen in den Datensätzen nicht angegeben']);
    expect(await page.locator('.year-bars caption').textContent()).toBe('Arbeiten pro Jahr, nach Publikationsort');
    await page.goto(driver.extensionUrl('cluster.html#name=Nobody%20Known'));
    await page.getByRole('status').filter({ hasText: 'Keine Arbeit in den Datensätzen nennt den Autorennamen „Nobody Known“.' }).waitFor();
    await page.close();
  });

  it('the badge and preview on a venue page are German too (content script)', async () => {
    const page = await driver.openPage(profile.url);
    await driver.waitForBadgeCount(page, 5);
    const [badge] = await driver.readBadges(page);
    expect(badge!.label).toBe('Arrow');
    expect(badge!.ariaLabel).toMatch(/^Arrow-Lens-Datensatz: .+\. Vorschau anzeigen$/);
    await driver.focusBadge(page);
    const card = await driver.waitForPreview(page, (p) => p.visible, { timeout: 5_000 });
    // A dialog named by the paper's title, closed by a German-labelled button.
    expect(card.name).toBe(card.title);
    expect(card.closeLabel).toBe('Vorschau schließen');
    expect(card.notes.at(-1)).toBe('Aus: Arrow-Research-Export · Esc schließt');
    expect(driver.extensionErrors()).toEqual([]);
    await page.close();
  });
});
