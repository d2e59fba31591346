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
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  chromiumArgs,
  extensionErrors,
  loadSiteFixtures,
  PROJECT_DIR,
  startFixtureServer,
  TEST_CHROME_BUILD,
  testBuildAvailable,
  waitForBadgeCount,
  type FixtureServer,
} from './harness';

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
const profile = loadSiteFixtures().find((f) => f.adapter === 'openreview' && f.name === 'profile')!;

describe.skipIf(!testBuildAvailable())('German UI in Chromium (--lang=de)', () => {
  let server: FixtureServer;
  let context: BrowserContext;
  let extensionId: string;
  let userDataDir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({ [profile.url]: profile.html });
    userDataDir = mkdtempSync(join(tmpdir(), 'arrow-lens-profile-de-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'de-DE',
      env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8' },
      args: [`--disable-extensions-except=${TEST_CHROME_BUILD}`, `--load-extension=${TEST_CHROME_BUILD}`, '--lang=de', ...chromiumArgs(server)],
    });
    context.on('page', (page) => {
      page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
      page.on('pageerror', (e) => errors.push(`${page.url()}: uncaught: ${e.message}`));
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('the popup: German tabs, labels, counts and buttons; record data untranslated', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 420, height: 640 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
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
    expect(await page.getByRole('button', { name: /^BibTeX für „.+“ kopieren$/ }).count()).toBe(5);
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
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/cluster.html#name=Emanuele%20Rodol%C3%A0`);
    await page.getByRole('heading', { level: 1, name: 'Arrow Lens · Cluster eines Autorennamens' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Emanuele Rodolà' }).waitFor();
    expect(await page.title()).toBe('Autoren-Cluster · Arrow Lens');
    expect(await page.locator('.cluster-counts span').allTextContents()).toEqual(['1 Arbeit', 'Autorenzeilen in den Datensätzen nicht angegeben']);
    expect(await page.locator('.year-bars caption').textContent()).toBe('Arbeiten pro Jahr, nach Publikationsort');
    await page.goto(`chrome-extension://${extensionId}/cluster.html#name=Nobody%20Known`);
    await page.getByRole('status').filter({ hasText: 'Keine Arbeit in den Datensätzen nennt den Autorennamen „Nobody Known“.' }).waitFor();
    await page.close();
  });

  it('the badge and preview on a venue page are German too (content script)', async () => {
    const page = await context.newPage();
    await page.goto(profile.url);
    await waitForBadgeCount(page, 5);
    const badge = page.locator('[data-arrow-lens="badge"] button').first();
    expect(await badge.textContent()).toBe('Arrow');
    expect(await badge.getAttribute('aria-label')).toMatch(/^Arrow-Lens-Datensatz: .+\. Vorschau anzeigen$/);
    await badge.focus();
    const card = page.locator('[data-arrow-lens="preview"] .card');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await card.getAttribute('aria-label')).toBe('Vorschau der Arbeit');
    expect(await card.locator('.note').last().textContent()).toBe('Aus: Arrow-Research-Export · Esc schließt');
    expect(extensionErrors(errors)).toEqual([]);
    await page.close();
  });
});
