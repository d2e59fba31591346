/**
 * The build as shipped, with the whole bundled corpus (ML Anthology + the Arrow export), in real
 * Chromium and Firefox ESR: real corpus titles on a listing page get their badges (a near miss
 * does not), the preview reads its record's gzipped detail and abstract shards and names its
 * sources, the popup shows what the records hold beside what the Arrow export declares, and in
 * Chromium a service worker the browser stopped wakes up to answer from the bundle again.
 * The other e2e files load a seed-only copy of the build, so their fixture pages get exactly the
 * seed's badges; this file is where the corpus itself is proven.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivListingPage } from '../../bench/listing-page';
import { parseTitleShard, type IndexManifest } from '../../src/records/index-format';
import { RecordIndex } from '../../src/records/record-index';
import {
  browserAvailable,
  extensionErrors,
  launchWithExtension,
  readBadges,
  SHIPPED_CHROME_BUILD,
  startFixtureServer,
  waitForBadgeCount,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import * as ff from './firefox/firefox-harness';

const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?show=2000';
const index = join(SHIPPED_CHROME_BUILD, 'index');
const manifest = JSON.parse(readFileSync(join(index, 'manifest.json'), 'utf8')) as IndexManifest;
const bundled = manifest.paperCount > 100_000;
if (!bundled) console.warn('[bundled corpus e2e] skipped: the shipped build holds no corpus (npm run build)');

/** 120 titles spread over the whole bundle, and one of them with a word changed (a near miss). */
function listingTitles(): { titles: string[]; nearMiss: string } {
  const columns = manifest.titleShards.map((name) => parseTitleShard(readFileSync(join(index, name), 'utf8'), manifest.venues));
  const all = columns.flatMap((c) => c.titles);
  const step = Math.floor(all.length / 120);
  const titles = Array.from({ length: 120 }, (_, i) => all[i * step]!);
  const nearMiss = 'Intrinsic Dimension Correlation: uncovering nonlinear connections in unimodal representations';
  return { titles: [...titles, 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers'], nearMiss };
}

describe.skipIf(!bundled)('the whole bundled corpus', () => {
  let records: RecordIndex;
  let server: FixtureServer;
  const { titles, nearMiss } = bundled ? listingTitles() : { titles: [], nearMiss: '' };
  /** Record id per listed title, as the shipped index matches it. */
  let expectedIds: string[];

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(index, name)));
    expectedIds = titles.map((t) => records.matchTitle(t)!.paper.id).sort();
    expect(records.matchTitle(nearMiss)).toBeNull();
    server = await startFixtureServer({ [LISTING_URL]: arxivListingPage([...titles, nearMiss]) });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe.skipIf(!browserAvailable())('Chromium', () => {
    let browser: ExtensionBrowser;
    beforeAll(async () => {
      browser = await launchWithExtension(server, { extensionDir: SHIPPED_CHROME_BUILD });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('every listed corpus title gets its own badge, the near miss none', async () => {
      const page = await browser.newPage();
      await page.goto(LISTING_URL);
      await waitForBadgeCount(page, titles.length, 30_000);
      const badges = await readBadges(page);
      expect(badges.map((b) => b.recordId).sort()).toEqual(expectedIds);
      expect(badges.some((b) => b.title.includes('unimodal representations'))).toBe(false);
      expect(extensionErrors(browser.errors)).toEqual([]);
      await page.close();
    });

    it('after the browser stops the service worker, a preview and a fresh page are answered from the bundle', async () => {
      const page = await browser.newPage();
      await page.goto(LISTING_URL);
      await waitForBadgeCount(page, titles.length, 30_000);
      // Mark the running worker, stop it, and check the next answers come from a new one.
      const running = browser.context.serviceWorkers()[0]!;
      await running.evaluate(() => ((globalThis as { marked?: boolean }).marked = true));
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');

      const title = titles[7]!;
      const id = records.matchTitle(title)!.paper.id;
      const abstract = (await records.abstractOf(id)) ?? '';
      await page.locator(`[data-arrow-lens="badge"][data-record-id="${id}"] >> button`).hover();
      const card = page.locator('[data-arrow-lens="preview"] .card');
      await card.locator('.title').filter({ hasText: title }).waitFor({ timeout: 20_000 });
      expect(await card.locator('.note').textContent()).toMatch(/^From: ML Anthology/);
      if (abstract) expect((await card.locator('.abstract').textContent())!.slice(0, 60)).toBe(abstract.slice(0, 60));
      const woken = browser.context.serviceWorkers().at(-1)!;
      expect(await woken.evaluate(() => (globalThis as { marked?: boolean }).marked ?? false)).toBe(false);

      const fresh = await browser.newPage();
      await fresh.goto(LISTING_URL);
      await waitForBadgeCount(fresh, titles.length, 30_000);
      await fresh.close();
      await page.close();
    });

    it('the popup: "Lorenzo Basile" holds 7 papers in the records, beside the 5 the Arrow export declares', async () => {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      const box = page.getByRole('combobox', { name: 'Author name' });
      await box.pressSequentially('lorenzo bas');
      await page.getByRole('option', { name: /Lorenzo Basile/ }).waitFor({ timeout: 20_000 });
      await box.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Lorenzo Basile' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.cluster-counts span').allTextContents()).toEqual(['7 papers', '2 author rows']);
      expect(await page.locator('.cluster-declared').textContent()).toBe('The Arrow Research export declares 5 papers for this name.');
      expect(await page.locator('.paper-sources').allTextContents()).toContain('From: ML Anthology');
      expect(await page.locator('.paper-sources').allTextContents()).toContain('From: Arrow Research export, ML Anthology');
      await page.close();
    });
  });

  const firefoxMissing = ff.firefoxUnavailable();
  describe.skipIf(firefoxMissing !== null)('Firefox ESR', () => {
    let firefox: ff.FirefoxWithExtension;
    beforeAll(async () => {
      firefox = await ff.launchFirefoxWithExtension(server, ff.SHIPPED_FIREFOX_BUILD);
    });
    afterAll(async () => {
      await firefox?.close();
    });

    it('every listed corpus title gets its own badge; the preview shows its record and sources', async () => {
      const page = await firefox.newPage();
      await page.goto(LISTING_URL);
      await ff.waitForBadgeCount(page, titles.length, { timeout: 30_000 });
      expect((await ff.readBadges(page)).map((b) => b.recordId).sort()).toEqual(expectedIds);

      const title = titles[11]!;
      const id = records.matchTitle(title)!.paper.id;
      await page.evaluate((recordId) => {
        document.querySelector(`[data-arrow-lens="badge"][data-record-id="${recordId}"]`)!.shadowRoot!.querySelector('button')!.focus();
      }, id);
      await page.waitForFunction(
        (expected) => document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.querySelector('.card .title')?.textContent === expected,
        { timeout: 20_000, polling: 100 },
        title,
      );
      const note = await page.evaluate(() => document.querySelector('[data-arrow-lens="preview"]')!.shadowRoot!.querySelector('.card .note')!.textContent);
      expect(note).toMatch(/^From: ML Anthology/);
      expect(ff.extensionErrors(firefox.errors)).toEqual([]);
      await page.close();
    });

    it('the popup: "Lorenzo Basile" holds 7 papers in the records, beside the 5 the Arrow export declares', async () => {
      const page: FirefoxPage = await firefox.newPage();
      await ff.openExtensionPage(page, firefox.extensionUrl('popup.html'));
      const box = await page.waitForSelector('::-p-aria(Author name[role="combobox"])', { timeout: 10_000 });
      await box!.type('Lorenzo Basile');
      await box!.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.cluster-counts span').length > 0, { timeout: 20_000, polling: 100 });
      expect(await page.$$eval('.cluster-counts span', (spans) => spans.map((s) => s.textContent))).toEqual(['7 papers', '2 author rows']);
      expect(await page.$eval('.cluster-declared', (p) => p.textContent)).toBe('The Arrow Research export declares 5 papers for this name.');
      await page.close();
    });
  });
});
