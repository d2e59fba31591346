/**
 * The lens on a page that renders late and changes without reloading (OpenReview venue tabs),
 * the quick preview by hover and by keyboard, and the toolbar count — in real Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import {
  browserAvailable,
  CHROME_BUILD,
  extensionErrors,
  launchWithExtension,
  loadSiteFixtures,
  readBadges,
  startFixtureServer,
  waitForBadgeCount,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

const venueTabs = loadSiteFixtures().find((f) => f.adapter === 'openreview' && f.name === 'venue-tabs')!;
const abs = loadSiteFixtures().find((f) => f.adapter === 'arxiv' && f.name === 'abs')!;

describe.skipIf(!browserAvailable())('dynamic pages and previews in Chromium', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let records: RecordIndex;

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(CHROME_BUILD, 'index', name)));
    server = await startFixtureServer({ [venueTabs.url]: venueTabs.html, [abs.url]: abs.html });
    browser = await launchWithExtension(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const idsOf = (titles: readonly string[]) => titles.map((t) => records.matchTitle(t)?.paper.id).filter((x): x is string => !!x).sort();
  const badgeIds = async (page: Page) => (await readBadges(page)).map((b) => b.recordId).sort();

  it('OpenReview venue tabs: late list, tab switches, re-renders → exactly one badge per seed title', async () => {
    const page = await browser.newPage();
    const errorsBefore = browser.errors.length;
    await page.goto(venueTabs.url);
    const initial = idsOf(venueTabs.tabs!.initial!);
    expect(initial).toHaveLength(2); // two seed papers; the "Unimodal" near miss gets none
    await waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);
    const decoy = page.locator('h4', { hasText: 'in Unimodal Transformers' });
    expect(await decoy.locator('[data-arrow-lens]').count()).toBe(0);

    await page.click('#tab-poster');
    const poster = idsOf(venueTabs.tabs!['tab-poster']!);
    expect(poster).toHaveLength(1);
    await waitForBadgeCount(page, poster.length);
    expect(await badgeIds(page)).toEqual(poster);
    expect(page.url()).toMatch(/#tab-poster$/);

    // Back to the first tab, then the same tab re-rendered twice: still one badge per title.
    await page.click('#tab-oral');
    await page.click('#tab-oral');
    await page.click('#tab-oral');
    await waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);
    expect(extensionErrors(browser.errors.slice(errorsBefore))).toEqual([]);
    await page.close();
  });

  it('a badge goes when its title goes', async () => {
    const page = await browser.newPage();
    await page.goto(venueTabs.url);
    await waitForBadgeCount(page, 2);
    await page.evaluate(() => {
      const title = [...document.querySelectorAll('h4 a')].find((a) => a.textContent?.startsWith('Head Pursuit: Probing Attention Specialization in Multimodal'))!;
      title.closest('li')!.remove();
    });
    await waitForBadgeCount(page, 1);
    await page.evaluate(() => {
      // The page rewrites a title's text in place: the badge must follow what it now says.
      const title = [...document.querySelectorAll('h4 a')].find((a) => a.textContent?.startsWith('The Narrow Gate'))!;
      title.textContent = 'Something else entirely';
    });
    await waitForBadgeCount(page, 0);
    await page.close();
  });

  async function openPreviewText(page: Page) {
    const card = page.locator('[data-arrow-lens="preview"] .card');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    return {
      title: await card.locator('.title').textContent(),
      meta: await card.locator('.meta').textContent(),
      authors: await card.locator('.author').allTextContents(),
      abstract: await card.locator('.abstract').textContent(),
      box: await card.boundingBox(),
    };
  }

  it('hover opens the preview with the right record; leaving closes it', async () => {
    const page = await browser.newPage();
    await page.goto(abs.url);
    await waitForBadgeCount(page, 1);
    await page.hover('[data-arrow-lens="badge"] >> button');
    const preview = await openPreviewText(page);
    expect(preview.title).toBe('Head Pursuit: Probing Attention Specialization in Multimodal Transformers');
    expect(preview.meta).toBe('NeurIPS · 2025 · Conference Paper');
    expect(preview.authors).toEqual(['Lorenzo Basile', 'Valentino Maiorca', 'Diego Doimo', 'Francesco Locatello', 'Alberto Cazzaniga']);
    expect(preview.abstract).toMatch(/^Language and vision-language models have shown impressive performance/);
    const viewport = page.viewportSize()!;
    expect(preview.box!.x).toBeGreaterThanOrEqual(0);
    expect(preview.box!.x + preview.box!.width).toBeLessThanOrEqual(viewport.width);
    expect(preview.box!.y + preview.box!.height).toBeLessThanOrEqual(viewport.height);
    await page.mouse.move(5, 5);
    await page.locator('[data-arrow-lens="preview"] .card').waitFor({ state: 'hidden', timeout: 3_000 });
    await page.close();
  });

  it('keyboard focus opens the preview; Escape closes it; an author opens the cluster page', async () => {
    const page = await browser.newPage();
    await page.goto(abs.url);
    await waitForBadgeCount(page, 1);
    // Tab through the page until focus reaches the badge's button.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-arrow-lens') === 'badge');
    }
    expect(reached).toBe(true);
    expect((await openPreviewText(page)).title).toMatch(/^Head Pursuit/);
    await page.keyboard.press('Escape');
    await page.locator('[data-arrow-lens="preview"] .card').waitFor({ state: 'hidden', timeout: 3_000 });

    await page.keyboard.press('Enter'); // focus stayed on the badge: Enter opens it again
    await openPreviewText(page);
    const [clusterTab] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.locator('[data-arrow-lens="preview"] .author', { hasText: 'Alberto Cazzaniga' }).click(),
    ]);
    await clusterTab.waitForLoadState();
    expect(clusterTab.url()).toBe(`chrome-extension://${browser.extensionId}/cluster.html#name=Alberto%20Cazzaniga`);
    await clusterTab.getByRole('heading', { level: 2, name: 'Alberto Cazzaniga' }).waitFor();
    expect(await clusterTab.locator('.cluster-counts span').first().textContent()).toBe('3 papers');
    await clusterTab.close();
    await page.close();
  });

  it('the toolbar action shows how many papers on the tab matched', async () => {
    const page = await browser.newPage();
    await page.goto(venueTabs.url);
    await waitForBadgeCount(page, 2);
    const worker = browser.context.serviceWorkers()[0]!;
    await page.bringToFront();
    // The content script reports its count to the background by message, after placing the badges.
    const text = () =>
      worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id === undefined ? 'no tab' : chrome.action.getBadgeText({ tabId: tab.id });
      });
    await expect.poll(text).toBe('2');
    await page.close();
  });
});
