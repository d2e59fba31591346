/**
 * The build as shipped, with the whole bundled corpus (ML Anthology + the Arrow export), in both
 * browsers: real corpus titles on a listing page get their badges (a near miss does not), the
 * preview reads its record's gzipped detail and abstract shards and names its sources, the popup
 * shows what the records hold beside what the Arrow export declares, the largest cluster (Luc
 * Van Gool) stays readable and keyboard-sized on the cluster page, and in Chromium a service
 * worker the browser stopped wakes up to answer from the bundle again.
 * The other e2e files load a seed-only copy of the build, so their fixture pages get exactly the
 * seed's badges; this file is where the corpus itself is proven.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arxivListingPage } from '../../bench/listing-page';
import { parseTitleShard, type IndexManifest } from '../../src/records/index-format';
import { RecordIndex } from '../../src/records/record-index';
import { browserCases, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { SHIPPED_CHROME_BUILD, SHIPPED_FIREFOX_BUILD, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';
import { axeViolations, graphLabelCrossings } from './page-checks';

const LISTING_URL = 'https://arxiv.org/list/cs.LG/pastweek?show=2000';
const index = join(SHIPPED_CHROME_BUILD, 'index');
const manifest = JSON.parse(readFileSync(join(index, 'manifest.json'), 'utf8')) as IndexManifest;
const bundled = manifest.paperCount > 100_000;
if (!bundled) console.warn('[bundled corpus e2e] skipped: the shipped build holds no corpus (npm run build)');
const SHIPPED = { chromium: SHIPPED_CHROME_BUILD, firefox: SHIPPED_FIREFOX_BUILD };

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

  describe.each(browserCases(SHIPPED))('$label', ({ name, unavailable }) => {
    if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
    let driver: BrowserDriver;
    beforeAll(async () => {
      driver = await launchDriver(name, server, { extensionDir: SHIPPED[name] });
    });
    afterAll(async () => {
      await driver?.close();
    });

    it('every listed corpus title gets its own badge, the near miss none; the preview shows its record and sources', async () => {
      const page = await driver.openPage(LISTING_URL);
      await driver.waitForBadgeCount(page, titles.length, { timeout: 30_000 });
      const badges = await driver.readBadges(page);
      expect(badges.map((b) => b.recordId).sort()).toEqual(expectedIds);
      expect(badges.some((b) => b.title.includes('unimodal representations'))).toBe(false);

      const title = titles[11]!;
      const id = records.matchTitle(title)!.paper.id;
      await driver.focusBadge(page, id);
      const preview = await driver.waitForPreview(page, (p) => p.visible && p.title === title, { timeout: 20_000 });
      expect(preview.notes[0]).toMatch(/^From: ML Anthology/);
      expect(driver.extensionErrors()).toEqual([]);
      await page.close();
    });

    // Chromium only: the shipped Firefox background is a persistent MV2 page, which Firefox never
    // stops (lifecycle.test.ts suspends an event-page copy of the seed build instead).
    it.runIf(name === 'chromium')('after the browser stops the service worker, a preview and a fresh page are answered from the bundle', async () => {
      const page = await driver.openPage(LISTING_URL);
      await driver.waitForBadgeCount(page, titles.length, { timeout: 30_000 });
      const before = await driver.runningBackground();
      expect(before).not.toBeNull();
      await driver.stopBackground();
      expect(await driver.runningBackground()).toBeNull();

      const title = titles[7]!;
      const id = records.matchTitle(title)!.paper.id;
      const abstract = (await records.abstractOf(id)) ?? '';
      await driver.hoverBadge(page, id);
      const preview = await driver.waitForPreview(page, (p) => p.visible && p.title === title, { timeout: 20_000 });
      expect(preview.notes[0]).toMatch(/^From: ML Anthology/);
      if (abstract) expect(preview.abstract!.slice(0, 60)).toBe(abstract.slice(0, 60));
      // Answered by a new background, not the stopped one.
      expect(await driver.runningBackground()).toBeGreaterThan(before!);

      const fresh = await driver.openPage(LISTING_URL);
      await driver.waitForBadgeCount(fresh, titles.length, { timeout: 30_000 });
      await fresh.close();
      await page.close();
    });

    it('the popup: "Lorenzo Basile" holds 7 papers in the records, beside the 5 the Arrow export declares', async () => {
      const page = await driver.openPopup();
      await page.type('input[role="combobox"]', 'lorenzo bas');
      await page.waitFor(() => [...document.querySelectorAll('[role="option"]')].some((o) => o.textContent?.includes('Lorenzo Basile')), undefined, { timeout: 20_000 });
      await page.press('Enter');
      await page.waitFor(() => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === 'Lorenzo Basile') && document.querySelector('.cluster-counts span'), undefined, { timeout: 20_000 });
      const shown = await page.evaluate(() => ({
        counts: [...document.querySelectorAll('.cluster-counts span')].map((s) => s.textContent),
        declared: document.querySelector('.cluster-declared')?.textContent,
        sources: [...document.querySelectorAll('.paper-sources')].map((s) => s.textContent),
      }));
      expect(shown.counts).toEqual(['7 papers', '2 author rows']);
      expect(shown.declared).toBe('The Arrow Research export declares 5 papers for this name.');
      expect(shown.sources).toContain('From: ML Anthology');
      expect(shown.sources).toContain('From: Arrow Research export, ML Anthology');
      await page.close();
    });

    it('the largest cluster, Luc Van Gool: one export button a paper, a filter, graph labels apart, no axe violation', async () => {
      const page = await driver.openExtensionPage('cluster.html#name=Luc%20Van%20Gool');
      await page.setViewport(900, 1000);
      await page.waitFor(() => document.querySelector('h2')?.textContent === 'Luc Van Gool' && document.querySelector('.graph svg circle'), undefined, { timeout: 30_000 });
      const shown = await page.evaluate(() => ({
        count: document.querySelector('.cluster-counts span')?.textContent ?? '',
        papers: document.querySelectorAll('.paper').length,
        exportButtons: document.querySelectorAll('.paper-export > button').length,
        exportActionsShown: document.querySelectorAll('.paper-export-actions:not([hidden]) button').length,
      }));
      const total = Number(shown.count.replace(/\D/g, ''));
      expect(total).toBeGreaterThan(500);
      expect(shown.papers).toBeGreaterThan(0);
      expect(shown.exportButtons).toBe(shown.papers);
      expect(shown.exportActionsShown).toBe(0);
      expect(await graphLabelCrossings(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      await page.type('.paper-filter input', 'cvpr 2020');
      await page.waitFor((n) => document.querySelector('.filter-count')?.textContent?.endsWith(`of ${n} papers`), total.toLocaleString('en-US'));
      const filtered = await page.evaluate(() => [...document.querySelectorAll('.paper')].map((p) => p.textContent!.toLowerCase()));
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.length).toBeLessThan(total);
      for (const text of filtered) expect(text).toMatch(/cvpr[\s\S]*2020|2020[\s\S]*cvpr/);
      expect(driver.extensionErrors()).toEqual([]);
      await page.close();
    });
  });
});
