/**
 * The lens on a page that renders late and changes without reloading (OpenReview venue tabs),
 * the quick preview by hover and by keyboard, and the toolbar count — in both browsers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import { BROWSERS, launchDriver, type Rect, type BrowserDriver, type TestPage } from '../../scripts/browser/driver';
import { PROJECT_DIR, siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const venueTabs = siteFixture('openreview', 'venue-tabs');
const abs = siteFixture('arxiv', 'abs');

describe.each(BROWSERS)('dynamic pages and previews in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  let records: RecordIndex;

  beforeAll(async () => {
    server = await startFixtureServer({ [venueTabs.url]: venueTabs.html, [abs.url]: abs.html });
    driver = await launchDriver(name, server);
    records = await RecordIndex.load(async (file) => readFileSync(join(driver.extensionDir, 'index', file)));
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  const idsOf = (titles: readonly string[]) => titles.map((t) => records.matchTitle(t)?.paper.id).filter((x): x is string => !!x).sort();
  const badgeIds = async (page: TestPage) => (await driver.readBadges(page)).map((b) => b.recordId).sort();

  it('OpenReview venue tabs: late list, tab switches, re-renders → exactly one badge per seed title', async () => {
    const errorsBefore = driver.errors.length;
    const page = await driver.openPage(venueTabs.url);
    const initial = idsOf(venueTabs.tabs!.initial!);
    expect(initial).toHaveLength(2); // two seed papers; the "Unimodal" near miss gets none
    await driver.waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);
    const decoyBadges = await page.evaluate(() =>
      [...document.querySelectorAll('h4')].filter((h) => h.textContent?.includes('in Unimodal Transformers')).map((h) => h.querySelectorAll('[data-arrow-lens]').length),
    );
    expect(decoyBadges).toEqual([0]);

    await page.click('#tab-poster');
    const poster = idsOf(venueTabs.tabs!['tab-poster']!);
    expect(poster).toHaveLength(1);
    await driver.waitForBadgeCount(page, poster.length);
    expect(await badgeIds(page)).toEqual(poster);
    expect(page.url()).toMatch(/#tab-poster$/);

    // Back to the first tab, then the same tab re-rendered twice: still one badge per title.
    await page.click('#tab-oral');
    await page.click('#tab-oral');
    await page.click('#tab-oral');
    await driver.waitForBadgeCount(page, initial.length);
    expect(await badgeIds(page)).toEqual(initial);
    expect(driver.extensionErrors(driver.errors.slice(errorsBefore))).toEqual([]);
    await page.close();
  });

  it('a badge goes when its title goes', async () => {
    const page = await driver.openPage(venueTabs.url);
    await driver.waitForBadgeCount(page, 2);
    await page.evaluate(() => {
      const title = [...document.querySelectorAll('h4 a')].find((a) => a.textContent?.startsWith('Head Pursuit: Probing Attention Specialization in Multimodal'))!;
      title.closest('li')!.remove();
    });
    await driver.waitForBadgeCount(page, 1);
    await page.evaluate(() => {
      // The page rewrites a title's text in place: the badge must follow what it now says.
      const title = [...document.querySelectorAll('h4 a')].find((a) => a.textContent?.startsWith('The Narrow Gate'))!;
      title.textContent = 'Something else entirely';
    });
    await driver.waitForBadgeCount(page, 0);
    await page.close();
  });

  it('hover opens the preview with the right record; leaving closes it', async () => {
    const page = await driver.openPage(abs.url);
    await driver.waitForBadgeCount(page, 1);
    expect((await driver.readPreview(page))?.visible ?? false).toBe(false);
    await page.mouseMove(1, 1);
    await driver.hoverBadge(page);
    const preview = await driver.waitForPreview(page, (p) => p.visible && !!p.abstract, { timeout: 5_000 });
    expect(preview.title).toBe('Head Pursuit: Probing Attention Specialization in Multimodal Transformers');
    expect(preview.meta).toBe('NeurIPS · 2025 · Conference Paper');
    expect(preview.authors).toEqual(['Lorenzo Basile', 'Valentino Maiorca', 'Diego Doimo', 'Francesco Locatello', 'Alberto Cazzaniga']);
    expect(preview.abstract).toMatch(/^Language and vision-language models have shown impressive performance/);
    expect(preview.box.left).toBeGreaterThanOrEqual(0);
    expect(preview.box.right).toBeLessThanOrEqual(preview.viewport.width);
    expect(preview.box.bottom).toBeLessThanOrEqual(preview.viewport.height);
    // The README's screenshot is Chromium's.
    if (name === 'chromium') await page.screenshot(join(PROJECT_DIR, 'docs/screenshots/preview.png'));
    await page.mouseMove(5, 5);
    await driver.waitForPreviewHidden(page, { timeout: 3_000 });
    await page.close();
  });

  it('keyboard focus opens the preview; Escape closes it; an author opens the cluster page', async () => {
    const page = await driver.openPage(abs.url);
    await driver.waitForBadgeCount(page, 1);
    const expectedTitle = records.matchTitle(abs.titles[0]!)!.paper.title;
    expect((await driver.readPreview(page))?.visible ?? false).toBe(false);
    // Tab through the page until focus reaches the badge's button.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.press('Tab');
      reached = await driver.badgeFocused(page);
    }
    expect(reached, 'Tab reaches the badge button').toBe(true);
    expect((await driver.waitForPreview(page, (p) => p.visible && !!p.title, { timeout: 5_000 })).title).toBe(expectedTitle);
    await page.press('Escape');
    await driver.waitForPreviewHidden(page, { timeout: 3_000 });
    // Focus goes back to the badge.
    expect(await driver.badgeFocused(page)).toBe(true);

    await page.press('Enter'); // focus stayed on the badge: Enter opens it again
    await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0, { timeout: 5_000 });
    const opened = driver.waitForTab('/cluster.html');
    await driver.clickPreviewAuthor(page, 'Alberto Cazzaniga');
    const clusterTab = await opened;
    expect(clusterTab.url()).toBe(driver.extensionUrl('cluster.html#name=Alberto%20Cazzaniga'));
    await clusterTab.waitFor(() => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === 'Alberto Cazzaniga') && document.querySelector('.cluster-counts span'));
    expect(await clusterTab.evaluate(() => document.querySelector('.cluster-counts span')!.textContent)).toBe('3 papers');
    await clusterTab.close();
    await page.close();
  });

  it('keyboard only: Tab enters the preview after its badge and leaves it for the page after the badge; Esc returns; Enter on an author opens its cluster', async () => {
    const page = await driver.openPage(abs.url);
    await driver.waitForBadgeCount(page, 1);
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.press('Tab');
      reached = await driver.badgeFocused(page);
    }
    expect(reached, 'Tab reaches the badge button').toBe(true);
    await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0, { timeout: 5_000 });

    // Tab: into the card, its close button first; Shift+Tab: back to the badge, the card stays.
    await page.press('Tab');
    expect((await driver.readPreview(page))?.focused).toBe('close: ×');
    await page.press('Shift+Tab');
    expect(await driver.badgeFocused(page)).toBe(true);
    expect((await driver.readPreview(page))?.visible).toBe(true);

    // On through the card to an author; Esc closes it and focus is back on the badge.
    await page.press('Tab');
    let focused: string | null | undefined = null;
    for (let i = 0; i < 20 && focused !== 'author: Alberto Cazzaniga'; i++) {
      await page.press('Tab');
      focused = (await driver.readPreview(page))?.focused;
    }
    expect(focused).toBe('author: Alberto Cazzaniga');
    await page.press('Escape');
    await driver.waitForPreviewHidden(page, { timeout: 3_000 });
    expect(await driver.badgeFocused(page)).toBe(true);

    // Tab past the card's last control: focus goes on to the page after the badge, the card closes.
    await page.press('Enter');
    await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0, { timeout: 5_000 });
    let inCard = true;
    for (let i = 0; i < 30 && inCard; i++) {
      await page.press('Tab');
      inCard = !!(await driver.readPreview(page))?.focused;
    }
    expect(await driver.badgeFocused(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.localName !== 'body' && !document.activeElement?.hasAttribute('data-arrow-lens'))).toBe(true);
    await driver.waitForPreviewHidden(page, { timeout: 3_000 });

    // Back (Shift+Tab) to the badge, into the card, Enter on an author: its cluster opens.
    await page.press('Shift+Tab');
    expect(await driver.badgeFocused(page)).toBe(true);
    await driver.waitForPreview(page, (p) => p.visible && p.authors.length > 0, { timeout: 5_000 });
    await page.press('Tab');
    for (let i = 0; i < 20 && (await driver.readPreview(page))?.focused !== 'author: Alberto Cazzaniga'; i++) await page.press('Tab');
    const opened = driver.waitForTab('/cluster.html');
    await page.press('Enter');
    const clusterTab = await opened;
    expect(clusterTab.url()).toBe(driver.extensionUrl('cluster.html#name=Alberto%20Cazzaniga'));
    await clusterTab.close();
    await page.close();
  });

  it('the preview never covers its badge or title, fits a small viewport, follows the badge on scroll, closes when it leaves; light on a light page in dark mode', async () => {
    const page = await driver.openPage(abs.url);
    // About what a 1280×800 window shows at 200% zoom, with the system in dark mode.
    await page.setViewport(640, 400);
    if (page.browser === 'chromium') await page.emulateColorScheme('dark'); // Firefox's BiDi cannot emulate it
    await driver.waitForBadgeCount(page, 1);
    await driver.focusBadge(page);
    const preview = await driver.waitForPreview(page, (p) => p.visible && !!p.title, { timeout: 5_000 });
    expect(preview.theme).toBe('light'); // arXiv's page is light, whatever the system prefers
    const [badge] = await driver.readBadges(page);
    const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    expect(overlaps(preview.box, badge!.box)).toBe(false);
    expect(overlaps(preview.box, badge!.titleBox!)).toBe(false);
    expect(preview.box.top).toBeGreaterThanOrEqual(0);
    expect(preview.box.bottom).toBeLessThanOrEqual(preview.viewport.height);
    if (name === 'chromium') await page.screenshot(join(PROJECT_DIR, 'docs/screenshots/preview-small-viewport.png'));

    // The page scrolls a little: the card moves with the badge.
    await page.evaluate(() => scrollBy({ top: 30, behavior: 'instant' }));
    const moved = await driver.waitForPreview(page, (p) => p.box.top !== preview.box.top || p.box.bottom !== preview.box.bottom, { timeout: 3_000 });
    const [badgeAfter] = await driver.readBadges(page);
    expect(badgeAfter!.box.top - badge!.box.top).toBeCloseTo(-30, 0);
    expect(overlaps(moved.box, badgeAfter!.box)).toBe(false);
    expect(overlaps(moved.box, badgeAfter!.titleBox!)).toBe(false);
    // Scrolled out of view: the card closes.
    await page.evaluate(() => scrollBy({ top: 2_000, behavior: 'instant' }));
    await driver.waitForPreviewHidden(page, { timeout: 3_000 });
    await page.close();
  });

  it('the toolbar action shows how many papers on the tab matched', async () => {
    const page = await driver.openPage(venueTabs.url);
    await driver.waitForBadgeCount(page, 2);
    // The content script reports its count to the background by message, after placing the badges.
    await expect.poll(() => driver.toolbarBadgeText(page), { timeout: 10_000 }).toBe('2');
    await page.close();
  });
});
