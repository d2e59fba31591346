/**
 * The built Firefox (MV2) extension in real Firefox (Debian firefox-esr over WebDriver BiDi,
 * installed as a temporary add-on): badges on venue pages served under their real host names,
 * a page that renders late and switches tabs, the keyboard preview, and the popup lookup.
 */
import { readFileSync } from 'node:fs';
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

const fixtures = loadSiteFixtures();
const fixture = (adapter: string, name: string): SiteFixture => {
  const found = fixtures.find((f) => f.adapter === adapter && f.name === name);
  if (!found) throw new Error(`no fixture ${adapter}/${name}`);
  return found;
};
const staticPages = [fixture('arxiv', 'abs'), fixture('openreview', 'profile'), fixture('google-scholar', 'results'), fixture('pmlr', 'volume')];
const venueTabs = fixture('openreview', 'venue-tabs');
const abs = fixture('arxiv', 'abs');

const unavailable = firefoxUnavailable();
if (unavailable) console.warn(`[firefox e2e] skipped: ${unavailable}`);

/** The preview card as the page sees it: its title, and whether it is shown. */
async function previewState(page: Page): Promise<{ title: string | null; visible: boolean; openShadow: boolean }> {
  return page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('[data-arrow-lens="preview"]');
    const card = host?.shadowRoot?.querySelector<HTMLElement>('.card') ?? null;
    const box = card?.getBoundingClientRect();
    return {
      title: card?.querySelector('.title')?.textContent ?? null,
      visible: !!card && !!box && box.width > 0 && box.height > 0 && card.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
      openShadow: !!host?.shadowRoot,
    };
  });
}

describe.skipIf(unavailable !== null)('Firefox (firefox-esr, MV2 build as a temporary add-on)', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let records: RecordIndex;

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(FIREFOX_BUILD, 'index', name)));
    server = await startFixtureServer(Object.fromEntries([...staticPages, venueTabs].map((f) => [f.url, f.html])));
    firefox = await launchFirefoxWithExtension(server);
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  /** Record ids the titles should get, one per title occurrence, sorted. */
  const expectedIds = (titles: readonly string[]) =>
    titles.map((t) => records.matchTitle(t)?.paper.id).filter((id): id is string => id !== undefined).sort();
  const badgeIds = async (page: Page) => (await readBadges(page)).map((b) => b.recordId).sort();

  for (const site of staticPages) {
    it(`${site.adapter}/${site.name}: exactly the expected badges on ${site.url}`, async () => {
      const page = await firefox.newPage();
      const errorsBefore = firefox.errors.length;
      await page.goto(site.url);
      const ids = expectedIds(site.titles);
      expect(ids.length, 'the fixture has titles the records know').toBeGreaterThan(0);
      await waitForBadgeCount(page, ids.length);
      const badges = await readBadges(page);
      expect(badges.map((b) => b.recordId).sort()).toEqual(ids);
      for (const badge of badges) {
        expect(badge.hasOpenShadowButton, `badge ${badge.recordId} has an open shadow root with its button`).toBe(true);
        // The badge sits on a title the records know as this very paper.
        expect(records.matchTitle(badge.title)?.paper.id, badge.title).toBe(badge.recordId);
      }
      expect(extensionErrors(firefox.errors.slice(errorsBefore))).toEqual([]);
      await page.close();
    });
  }

  it('OpenReview venue tabs: 2 badges after the late render, 1 on the poster tab, 2 again on the oral tab', async () => {
    const page = await firefox.newPage();
    const errorsBefore = firefox.errors.length;
    await page.goto(venueTabs.url);
    const initial = expectedIds(venueTabs.tabs!.initial!);
    const poster = expectedIds(venueTabs.tabs!['tab-poster']!);
    expect(initial).toHaveLength(2);
    expect(poster).toHaveLength(1);
    await waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);

    await page.click('#tab-poster');
    await waitForBadgeCount(page, poster.length);
    expect(await badgeIds(page)).toEqual(poster);

    await page.click('#tab-oral');
    await waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);
    expect(extensionErrors(firefox.errors.slice(errorsBefore))).toEqual([]);
    await page.close();
  });

  it('focusing the badge opens the preview card with the right record; Escape closes it', async () => {
    const page = await firefox.newPage();
    await page.goto(abs.url);
    await waitForBadgeCount(page, 1);
    const expectedTitle = records.matchTitle(abs.titles[0]!)!.paper.title;
    expect((await previewState(page)).visible).toBe(false);

    // Tab through the page until focus reaches the badge's button (in its shadow root).
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('data-arrow-lens') === 'badge' && active.shadowRoot?.activeElement?.tagName === 'BUTTON';
      });
    }
    expect(reached, 'Tab reaches the badge button').toBe(true);

    await page.waitForFunction(() => {
      const card = document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return !!card && card.checkVisibility() && card.querySelector('.title')?.textContent;
    }, { timeout: 5_000, polling: 50 });
    const open = await previewState(page);
    expect(open).toEqual({ title: expectedTitle, visible: true, openShadow: true });

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => {
      const card = document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return !card || !card.checkVisibility();
    }, { timeout: 3_000, polling: 50 });
    expect((await previewState(page)).visible).toBe(false);
    // Focus goes back to the badge.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-arrow-lens'))).toBe('badge');
    await page.close();
  });

  it('the popup looks up "Lorenzo Basile": 5 papers, 2 author rows', async () => {
    const page = await firefox.newPage();
    const errorsBefore = firefox.errors.length;
    await openExtensionPage(page, firefox.extensionUrl('popup.html'));
    const box = await page.waitForSelector('::-p-aria(Author name[role="combobox"])', { timeout: 10_000 });
    await box!.type('Lorenzo Basile');
    await box!.press('Enter');
    await page.waitForFunction(
      () => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === 'Lorenzo Basile') && document.querySelectorAll('.cluster-counts span').length > 0,
      { timeout: 10_000, polling: 50 },
    );
    expect(await page.$$eval('.cluster-counts span', (spans) => spans.map((s) => s.textContent))).toEqual(['5 papers', '2 author rows']);
    expect(extensionErrors(firefox.errors.slice(errorsBefore))).toEqual([]);
    await page.close();
  });

  it('the browser reached no host but the pages it opened (the extension makes no request)', () => {
    const pageHosts = new Set([...staticPages, venueTabs].map((f) => `${new URL(f.url).host}:443`));
    // Firefox's own services (should a pref not hold them back) are not the extension's.
    const browserOwn = /^(http [a-z]+:\/\/)?[^/]*\b(mozilla\.(com|net|org)|firefox\.com|mozaws\.net)\b/;
    expect(firefox.connects.filter((target) => !pageHosts.has(target) && !browserOwn.test(target))).toEqual([]);
  });
});
