/**
 * Every site fixture in real Chromium with the built extension: the exact set of badges, each
 * on the right title, nothing on near misses, no duplicates, no errors in the console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const fixtures = loadSiteFixtures();

describe.skipIf(!browserAvailable())('venue pages in Chromium', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let records: RecordIndex;

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(CHROME_BUILD, 'index', name)));
    server = await startFixtureServer(Object.fromEntries(fixtures.map((f) => [f.url, f.html])));
    browser = await launchWithExtension(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Record ids the page's titles should get, one per title occurrence, sorted. */
  const expectedIds = (titles: readonly string[]) =>
    titles.map((t) => records.matchTitle(t)?.paper.id).filter((id): id is string => id !== undefined).sort();

  // Generic-metadata pages get the script only when the user asks (activeTab); tested apart.
  for (const fixture of fixtures.filter((f) => !f.dynamic && f.adapter !== 'generic-metadata')) {
    it(`${fixture.adapter}/${fixture.name}: ${fixture.url}`, async () => {
      const page = await browser.newPage();
      const errorsBefore = browser.errors.length;
      await page.goto(fixture.url);
      const ids = expectedIds(fixture.titles);
      if (ids.length === 0) {
        await page.waitForTimeout(1_500);
      }
      await waitForBadgeCount(page, ids.length);
      const badges = await readBadges(page);
      expect(badges.map((b) => b.recordId).sort()).toEqual(ids);
      for (const badge of badges) {
        // The badge sits on a title the records know as this very paper.
        expect(records.matchTitle(badge.title)?.paper.id, badge.title).toBe(badge.recordId);
      }
      expect(extensionErrors(browser.errors.slice(errorsBefore))).toEqual([]);
      await page.close();
    });
  }

  it('every fixture set has seed titles, so badges are really exercised', () => {
    expect(fixtures.filter((f) => expectedIds(f.titles).length > 0).length).toBeGreaterThanOrEqual(fixtures.length - 2);
  });
});
