/**
 * axe-core on the badge and the preview, in both browsers. The shipped ones render in closed
 * shadow roots, which axe cannot enter, so a harness page (harness/) mounts the same components
 * in open roots on a real venue page, served where the extension does not run, with a real
 * record: light and dark, a short and an 84-author list. Only what the components insert is
 * checked (axe's context is the `[data-arrow-lens]` hosts); the venue page's own markup is not ours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIndex } from '../../src/records/record-index';
import type { PaperView } from '../../src/messaging/protocol';
import { BROWSERS, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { siteFixture, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';
import { HARNESS_ORIGIN, withPreviewHarness } from './harness/harness';
import { axeViolations } from './page-checks';

const openreview = siteFixture('openreview', 'forum');

describe.each(BROWSERS)('badge and preview under axe-core in $label', ({ name, unavailable }) => {
  if (unavailable) return void it.skip(`skipped: ${unavailable}`, () => {});
  let server: FixtureServer;
  let driver: BrowserDriver;
  let paper: PaperView;

  beforeAll(async () => {
    server = await startFixtureServer();
    driver = await launchDriver(name, server);
    const records = await RecordIndex.load(async (file) => readFileSync(join(driver.extensionDir, 'index', file)));
    const match = records.matchTitle(openreview.titles[0]!)!;
    const summary = (await records.paper(match.paper.id))!;
    paper = { ...summary, abstract: await records.abstractOf(match.paper.id) };
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  const cases = [
    ['light', 'a short author list', () => paper],
    ['dark', 'a short author list', () => paper],
    ['light', '84 authors', () => ({ ...paper, authors: Array.from({ length: 84 }, (_, i) => `Author Number ${i + 1}`) })],
    ['dark', '84 authors', () => ({ ...paper, authors: Array.from({ length: 84 }, (_, i) => `Author Number ${i + 1}`) })],
  ] as const;

  it.each(cases)('%s, %s: no violation in the badge or the open preview', async (theme, _what, shown) => {
    const url = `${HARNESS_ORIGIN}/${theme}/${_what.replace(/\W+/g, '-')}`;
    server.route(url, await withPreviewHarness(openreview.html, openreview.url, shown(), theme));
    const page = await driver.openPage(url);
    await page.waitFor(() => (window as unknown as { __previewHarnessReady?: boolean }).__previewHarnessReady === true);
    // The harness page is not a venue page: the extension put nothing there.
    expect(await page.evaluate(() => document.querySelectorAll('[data-arrow-lens]').length)).toBe(2);
    expect(await axeViolations(page, { include: [['[data-arrow-lens]']] })).toEqual([]);
    await page.close();
  });
});
