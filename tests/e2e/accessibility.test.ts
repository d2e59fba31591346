/**
 * The extension pages for every reader: axe-core (npm `axe-core`, the engine of the browsers'
 * own accessibility checkers) finds no violation on the popup (empty, typed, a cluster, a
 * failed scan), the cluster page and the options page, in light and dark, in Chromium and
 * Firefox ESR, and in German (Chromium: see i18n.test.ts for why only there); text is at the
 * browser's base size; and the popup search works from the keyboard alone.
 *
 * The colour scheme is set for the whole browser at launch (Chromium: emulated; Firefox: its
 * content colour-scheme pref), so each scheme is a browser of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchDriver, type BrowserCase, type BrowserDriver, type DriverOptions } from '../../scripts/browser/driver';
import { startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';
import { axeViolations, graphLabelCrossings, rootAndBodyFontSize } from './page-checks';

const GERMAN: DriverOptions = { locale: 'de-DE', env: { LANGUAGE: 'de', LANG: 'de_DE.UTF-8' }, args: ['--lang=de'] };

interface Case extends BrowserCase {
  scheme: 'light' | 'dark';
  language: 'English' | 'German';
}
const CASES: Case[] = BROWSERS.flatMap((browser): Case[] => [
  { ...browser, scheme: 'light', language: 'English' },
  { ...browser, scheme: 'dark', language: 'English' },
  // A German Firefox needs a language pack this machine lacks (see i18n.test.ts).
  ...(browser.name === 'chromium' ? [{ ...browser, scheme: 'light' as const, language: 'German' as const }] : []),
]);

describe.each(CASES)('extension pages in $label, $scheme, $language', ({ name, unavailable, scheme, language }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  beforeAll(async () => {
    server = await startFixtureServer({});
    driver = await launchDriver(name, server, { colourScheme: scheme, ...(language === 'German' ? GERMAN : {}) });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('the popup: empty, typed, a cluster and a failed scan have no axe violation; text at the base size', async () => {
    const popup = await driver.openPopup();
    await popup.setViewport(460, 700);
    expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    await popup.waitFor(() => document.activeElement?.getAttribute('role') === 'combobox');
    const [root, body] = await rootAndBodyFontSize(popup);
    expect(body).toBe(root);
    expect(parseFloat(body!)).toBeGreaterThanOrEqual(16);
    expect(await axeViolations(popup), 'empty').toEqual([]);

    await popup.type('input[role="combobox"]', 'lorenzo');
    await popup.waitFor(() => document.querySelector('[role="option"][aria-selected="true"]')?.textContent?.includes('Lorenzo Basile'));
    expect(await axeViolations(popup), 'typed, suggestions open').toEqual([]);

    await popup.press('Enter');
    await popup.waitFor(() => document.querySelector('h2')?.textContent === 'Lorenzo Basile');
    expect(await axeViolations(popup), 'cluster').toEqual([]);
    // One paper's export menu open.
    await popup.click('.paper-export button[aria-expanded]');
    await popup.waitFor(() => document.querySelector('.paper-export-actions:not([hidden])'));
    expect(await axeViolations(popup), 'export menu open').toEqual([]);

    // The popup opened as a tab is itself the active tab: an extension page, which no
    // extension may scan, so the scan fails as it does on the browser's own pages.
    await popup.click('#tab-page');
    await popup.click('#panel-page button.primary');
    await popup.waitFor(() => document.querySelector('#panel-page [role="alert"] button'));
    expect(await axeViolations(popup), 'failed scan').toEqual([]);
    expect(driver.extensionErrors()).toEqual([]);
    await popup.close();
  });

  it('the cluster page and the options page have no axe violation; text at the base size', async () => {
    const cluster = await driver.openExtensionPage('cluster.html#name=lorenzo%20basile');
    await cluster.setViewport(900, 1000);
    await cluster.waitFor(() => document.querySelector('h2')?.textContent === 'Lorenzo Basile' && document.querySelector('.graph svg circle'));
    const [root, body] = await rootAndBodyFontSize(cluster);
    expect(body).toBe(root);
    // The co-author graph's labels, as the browser's fonts draw them, do not overlap.
    expect(await graphLabelCrossings(cluster)).toEqual([]);
    expect(await cluster.evaluate(() => document.querySelectorAll('.graph svg text').length)).toBe(18);
    expect(await axeViolations(cluster), 'cluster page').toEqual([]);
    await cluster.close();

    const options = await driver.openOptions();
    expect(await axeViolations(options), 'options page').toEqual([]);
    await options.close();
    expect(driver.extensionErrors()).toEqual([]);
  });

  it('the popup search by keyboard alone: type, arrow, Enter, Tab to a paper export, Escape back', async () => {
    const popup = await driver.openPopup();
    const focused = () =>
      popup.evaluate(() => {
        const el = document.activeElement;
        return { role: el?.getAttribute('role') ?? el?.localName ?? '', label: el?.getAttribute('aria-label') ?? el?.textContent ?? '', expanded: el?.getAttribute('aria-expanded') ?? null };
      });
    await popup.waitFor(() => document.activeElement?.getAttribute('role') === 'combobox');
    for (const key of 'lorenzo') await popup.press(key);
    await popup.waitFor(() => document.querySelector('[role="option"][aria-selected="true"]'));
    await popup.press('ArrowDown');
    await popup.press('ArrowUp');
    await popup.press('Enter');
    await popup.waitFor(() => document.querySelector('h2')?.textContent === 'Lorenzo Basile');
    expect((await focused()).role).toBe('combobox');
    const status = await popup.evaluate(() => document.querySelector('.lookup [role="status"]')?.textContent);
    expect(status).toBe(language === 'German' ? '5 Arbeiten, 2 Autorenzeilen für Lorenzo Basile' : '5 papers, 2 author rows for Lorenzo Basile');

    // Shift+Tab reaches the selected tab; End and Home move along the tabs.
    await popup.press('Shift+Tab');
    expect(await focused()).toMatchObject({ role: 'tab' });
    await popup.press('End');
    await popup.waitFor(() => document.activeElement?.id === 'tab-page' && document.activeElement.getAttribute('aria-selected') === 'true');
    await popup.press('Home');
    await popup.waitFor(() => document.activeElement?.id === 'tab-lookup' && document.activeElement.getAttribute('aria-selected') === 'true');

    // Tab on to the first paper's export button: each paper has one, not four.
    let stops = 0;
    while (!(await popup.evaluate(() => !!document.activeElement?.closest('.paper-export')))) {
      await popup.press('Tab');
      if (++stops > 40) throw new Error(`no export button within 40 Tabs; focus on ${JSON.stringify(await focused())}`);
    }
    expect(await focused()).toMatchObject({ expanded: 'false' });
    await popup.press('Enter');
    await popup.waitFor(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
    await popup.press('Tab');
    const first = await focused();
    expect(first.label).toMatch(language === 'German' ? /^BibTeX kopieren: „.+“$/ : /^Copy BibTeX for /);
    await popup.press('Escape');
    await popup.waitFor(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
    expect(driver.extensionErrors()).toEqual([]);
    await popup.close();
  });
});
