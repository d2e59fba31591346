/**
 * Every venue fixture page in both browsers with the built extension: the exact set of badges,
 * each on the right title, nothing on near misses, no duplicates, no errors in the console, and
 * no host reached but the pages'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import { launchDriver, BROWSERS, type BrowserDriver } from '../../scripts/browser/driver';
import { loadSiteFixtures, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const fixtures = loadSiteFixtures();
// Generic-metadata pages get the script only when the user asks (activeTab): generic-scan.test.ts.
const venuePages = fixtures.filter((f) => !f.dynamic && f.adapter !== 'generic-metadata');

describe.each(BROWSERS)('venue pages in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  let records: RecordIndex;

  beforeAll(async () => {
    server = await startFixtureServer(Object.fromEntries(fixtures.map((f) => [f.url, f.html])));
    driver = await launchDriver(name, server);
    records = await RecordIndex.load(async (file) => readFileSync(join(driver.extensionDir, 'index', file)));
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  /** Record ids the page's titles should get, one per title occurrence, sorted. */
  const expectedIds = (titles: readonly string[]) =>
    titles.map((t) => records.matchTitle(t)?.paper.id).filter((id): id is string => id !== undefined).sort();

  for (const fixture of venuePages) {
    it(`${fixture.adapter}/${fixture.name}: ${fixture.url}`, async () => {
      const errorsBefore = driver.errors.length;
      const page = await driver.openPage(fixture.url);
      const ids = expectedIds(fixture.titles);
      // An absence needs a wait: long enough for a late badge to show up.
      if (ids.length === 0) await new Promise((resume) => setTimeout(resume, 1_500));
      await driver.waitForBadgeCount(page, ids.length);
      const badges = await driver.readBadges(page);
      expect(badges.map((b) => b.recordId).sort()).toEqual(ids);
      for (const badge of badges) {
        // Our style and one button, in the badge's shadow root.
        expect(badge.shape, `badge ${badge.recordId}`).toBe('style,button');
        // The badge sits on a title the records know as this very paper.
        expect(records.matchTitle(badge.title)?.paper.id, badge.title).toBe(badge.recordId);
      }
      expect(driver.extensionErrors(driver.errors.slice(errorsBefore))).toEqual([]);
      await page.close();
    });
  }

  it('every fixture set has seed titles, so badges are really exercised', () => {
    expect(fixtures.filter((f) => expectedIds(f.titles).length > 0).length).toBeGreaterThanOrEqual(fixtures.length - 2);
  });

  it('the browser reached no host but the pages and what they refer to (the extension makes no request)', () => {
    // The saved pages still name their own stylesheets, images and scripts on other hosts.
    const pageHosts = venuePages.flatMap((f) => [new URL(f.url).host, ...[...f.html.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)].map((m) => m[1]!.toLowerCase())]);
    expect(driver.foreignHosts(pageHosts)).toEqual([]);
  });
});
