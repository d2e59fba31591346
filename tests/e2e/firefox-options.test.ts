/**
 * The options page in real Firefox (Debian firefox-esr over WebDriver BiDi, the built MV2 add-on
 * installed as a temporary add-on, its moz-extension UUID fixed by the harness so options.html
 * can be opened): the Firefox counterpart of `options.test.ts` (Chromium).
 *
 * - Options apply live to an open arXiv listing: "With author count" turns "Arrow" into
 *   "Arrow · N"; arXiv off removes the badges, on brings them back (storage.local + onChanged).
 * - Import: puppeteer's `ElementHandle.uploadFile`, which over BiDi is `input.setFiles`, puts a
 *   gzipped JSONL (two papers on the listing, one broken entry) and a broken .json on the file
 *   input; the page parses them, stores the good one in IndexedDB (moz-extension origin) and
 *   tells the persistent MV2 background page, which merges them: 3 + 2 badges, and the preview
 *   of an imported paper shows its abstract (read back from IndexedDB by the background).
 * - Restart: Firefox quits and starts again on the same profile; the temporary add-on is gone
 *   after a restart, so it is installed again, under the same UUID (same pref) — the same
 *   moz-extension origin, hence the same IndexedDB and storage.local.
 *
 * What Firefox does to a temporary add-on's storage — measured here on firefox-esr 153, and the
 * last test asserts the uninstall half:
 * - Quit and restart: the add-on's IndexedDB and storage.local are KEPT, with no pref at all.
 *   At shutdown Firefox drops the temporary add-on without the AddonManager `onUninstalled`
 *   cleanup (the UUID entry even stays in prefs.js), so an add-on reinstalled with the same id
 *   and UUID reads the old data. With a new UUID it would see an empty origin (data not gone,
 *   just unreachable) — the harness's `uuid` option is what makes the restart faithful.
 * - Uninstall (BiDi `webExtension.uninstall`, as about:addons' Remove): Firefox clears the
 *   origin's IndexedDB and storage.local and forgets the UUID. `keepUuidOnUninstall` keeps the
 *   UUID but not the data; only `extensions.webextensions.keepStorageOnUninstall` keeps the data.
 *   A user who installs a signed build and restarts keeps their records (a permanent add-on is
 *   not uninstalled at quit); one who removes it loses them, as the options page should say.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteFixtures, startFixtureServer, type FixtureServer } from './harness';
import {
  extensionErrors,
  firefoxUnavailable,
  launchFirefoxWithExtension,
  openExtensionPage,
  readBadges,
  waitForBadgeCount,
  type FirefoxWithExtension,
  type LaunchOptions,
} from './firefox/firefox-harness';

const listing = loadSiteFixtures().find((f) => f.adapter === 'arxiv' && f.name === 'listing')!;
/** On the listing: three seed papers (the "Unimodal" near miss is not one) and two papers no bundled record has. */
const SEED_ON_LISTING = 3;
const CONFORMAL = 'Online Conformal Prediction under Adversarial Label Shift';
const CONFORMAL_ABSTRACT = 'Conformal sets that stay valid when labels drift.';

const MY_RECORDS = [
  { title: CONFORMAL, year: 2024, venue: 'ICML', authors: ['Ada Lovelace', 'Lorenzo Basile'], abstract: CONFORMAL_ABSTRACT },
  { title: 'Sparse ℓ1-Regularized Probes for Concept Localization in Vision Transformers', year: 2025, venue: 'TMLR', authors: ['Grace Hopper'] },
  { title: 'An entry without a year', authors: ['Nobody'] },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

const BADGE = '[data-arrow-lens="badge"]';
const AUTHORS_STYLE = 'input[name="badge-style"][value="authors"]';
const COMPACT_STYLE = 'input[name="badge-style"][value="compact"]';
const ARXIV_SWITCH = 'input[name="site"][value="arxiv"]';
const REMOVE_MINE = 'button[aria-label="Remove mine.jsonl.gz"]';

const unavailable = firefoxUnavailable();
if (unavailable) console.warn(`[firefox options e2e] skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('options page and imported records in Firefox (firefox-esr, MV2 build as a temporary add-on)', () => {
  let server: FixtureServer;
  let firefox: FirefoxWithExtension;
  let profile: string;
  let files: string;
  /** Console errors and uncaught exceptions of every Firefox this file launched. */
  const errors: string[] = [];

  /** Firefox on the kept profile, the add-on under the UUID of the first launch (if any). */
  const launch = async (options: LaunchOptions = {}) => {
    if (firefox) {
      errors.push(...firefox.errors);
      await firefox.close();
    }
    firefox = await launchFirefoxWithExtension(server, undefined, { profileDir: profile, uuid: firefox?.uuid ?? undefined, ...options });
  };

  beforeAll(async () => {
    server = await startFixtureServer({ [listing.url]: listing.html });
    profile = mkdtempSync(join(tmpdir(), 'arrow-lens-ff-options-profile-'));
    files = mkdtempSync(join(tmpdir(), 'arrow-lens-ff-options-files-'));
    writeFileSync(join(files, 'mine.jsonl.gz'), gzipSync(MY_RECORDS));
    writeFileSync(join(files, 'broken.json'), '[\n  {"title": "A", "year": 2024, "authors": ["X"]},\n  {"title": ');
    await launch();
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (files) rmSync(files, { recursive: true, force: true });
  });

  // Every step brings its page to the front first: Firefox throttles background tabs.
  const front = async (page: Page) => {
    await page.bringToFront();
    return page;
  };
  const openOptions = async () => {
    const page = await firefox.newPage();
    await openExtensionPage(page, firefox.extensionUrl('options.html'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Arrow Lens options', { timeout: 10_000, polling: 50 });
    // The settings (read from storage.local) and the records list (from IndexedDB) are shown.
    await page.waitForSelector('input[name="badge-style"]', { timeout: 10_000 });
    await page.waitForSelector('.records .empty, .records .source-list', { timeout: 10_000 });
    return page;
  };
  const openListing = async () => {
    const page = await firefox.newPage();
    await page.goto(listing.url);
    return page;
  };
  const badgeTexts = (page: Page) =>
    page.evaluate((selector) => [...document.querySelectorAll(selector)].map((b) => b.shadowRoot?.querySelector('button')?.textContent ?? ''), BADGE);
  const checked = (page: Page, selector: string) => page.$eval(selector, (input) => (input as HTMLInputElement).checked);
  const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '').catch(() => null);
  const allTexts = (page: Page, selector: string) => page.$$eval(selector, (es) => es.map((e) => e.textContent ?? ''));

  it('badge style and sites on/off apply at once to an open arXiv listing', async () => {
    const venue = await openListing();
    await waitForBadgeCount(venue, SEED_ON_LISTING);
    expect(await badgeTexts(venue)).toEqual(['Arrow', 'Arrow', 'Arrow']);

    const options = await front(await openOptions());
    expect(await checked(options, COMPACT_STYLE)).toBe(true);
    expect(await checked(options, AUTHORS_STYLE)).toBe(false);
    await options.click(AUTHORS_STYLE);
    expect(await checked(options, AUTHORS_STYLE)).toBe(true);
    await front(venue);
    await venue.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((b) => b.shadowRoot?.querySelector('button')?.textContent !== 'Arrow'), { timeout: 10_000, polling: 50 }, BADGE);
    // The seed papers list 2 to 5 authors; each badge says how many its paper has.
    const withCounts = await badgeTexts(venue);
    expect(withCounts).toHaveLength(SEED_ON_LISTING);
    for (const t of withCounts) expect(t).toMatch(/^Arrow · \d$/);

    await front(options);
    expect(await checked(options, ARXIV_SWITCH)).toBe(true);
    await options.click(ARXIV_SWITCH);
    expect(await checked(options, ARXIV_SWITCH)).toBe(false);
    await front(venue);
    await waitForBadgeCount(venue, 0);
    await front(options);
    await options.click(ARXIV_SWITCH);
    expect(await checked(options, ARXIV_SWITCH)).toBe(true);
    await front(venue);
    await waitForBadgeCount(venue, SEED_ON_LISTING);
    expect(await badgeTexts(venue)).toEqual(withCounts);

    // Saved: a new options page shows the choice; back to compact, and the page follows.
    await options.close();
    const again = await front(await openOptions());
    expect(await checked(again, AUTHORS_STYLE)).toBe(true);
    await again.click(COMPACT_STYLE);
    await front(venue);
    await venue.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((b) => b.shadowRoot?.querySelector('button')?.textContent === 'Arrow'), { timeout: 10_000, polling: 50 }, BADGE);
    await again.close();
    await venue.close();
    expect(extensionErrors(firefox.errors)).toEqual([]);
  });

  it('imports record files through the file input (BiDi input.setFiles): gzip read, problems listed, a broken file refused', async () => {
    const options = await front(await openOptions());
    expect(await text(options, '.records .empty')).toBe('No records imported yet.');
    expect(await options.$('.source')).toBeNull();
    expect(await options.$('[role="alert"]')).toBeNull();

    const input = (await options.$('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'mine.jsonl.gz'), join(files, 'broken.json'));
    // Both files are handled in turn; the refusal is shown once the last one is done.
    await options.waitForSelector('[role="alert"]', { timeout: 15_000 });
    expect(await allTexts(options, '.source .source-name')).toEqual(['mine.jsonl.gz']);
    expect(await text(options, '.source .source-meta')).toMatch(/^2 papers · jsonl · imported /);
    expect(await allTexts(options, '.source details summary')).toEqual(['1 entry left out']);
    expect(await allTexts(options, '.source .problems code')).toEqual(['mine.jsonl.gz:3: year: missing']);
    expect(await text(options, '.records-total')).toBe('2 papers from 1 file(s)');
    const refused = (await text(options, '[role="alert"]')) ?? '';
    expect(refused).toContain('broken.json was not imported:');
    expect(refused).toMatch(/broken\.json:3: /);
    expect(await options.$('.records .empty')).toBeNull();
    await options.close();
    expect(extensionErrors(firefox.errors)).toEqual([]);
  });

  it('imported papers get badges, and their preview shows the imported abstract', async () => {
    const venue = await openListing();
    await front(venue);
    await waitForBadgeCount(venue, SEED_ON_LISTING + 2);
    const titles = (await readBadges(venue)).map((b) => b.title);
    expect(titles.some((t) => t.includes(CONFORMAL))).toBe(true);
    // The listing writes it in TeX ("Sparse $\ell_1$-Regularized Probes …"); the record says "ℓ1".
    expect(titles.some((t) => t.includes('-Regularized Probes for Concept Localization'))).toBe(true);
    expect(titles.some((t) => t.includes('Unimodal'))).toBe(false);

    const previewText = () => venue.evaluate(() => document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.textContent ?? '');
    expect(await previewText()).not.toContain(CONFORMAL_ABSTRACT);
    const button = await venue.evaluateHandle((title, selector) => {
      const owner = [...document.querySelectorAll('.list-title')].find((e) => e.textContent?.includes(title));
      return owner?.querySelector(selector)?.shadowRoot?.querySelector('button') ?? null;
    }, CONFORMAL, BADGE);
    const element = button.asElement() as ElementHandle<HTMLButtonElement> | null;
    expect(element, 'the imported paper has a badge button').not.toBeNull();
    await element!.focus();
    await venue.waitForFunction((abstract) => document.querySelector('[data-arrow-lens="preview"]')?.shadowRoot?.textContent?.includes(abstract), { timeout: 10_000, polling: 50 }, CONFORMAL_ABSTRACT);
    await venue.close();
    expect(extensionErrors(firefox.errors)).toEqual([]);
  });

  it('imported records survive a browser restart (same profile, add-on reinstalled under the same UUID); removing them takes their badges away', async () => {
    const uuidBefore = firefox.uuid;
    await launch();
    expect(firefox.uuid).toBe(uuidBefore);
    const venue = await openListing();
    await front(venue);
    await waitForBadgeCount(venue, SEED_ON_LISTING + 2);

    const options = await front(await openOptions());
    expect(await allTexts(options, '.source .source-name')).toEqual(['mine.jsonl.gz']);
    await options.click(REMOVE_MINE);
    await options.waitForFunction(() => document.querySelector('.records .empty')?.textContent === 'No records imported yet.', { timeout: 10_000, polling: 50 });
    expect(await options.$('.source')).toBeNull();
    await front(venue);
    await venue.reload();
    await waitForBadgeCount(venue, SEED_ON_LISTING);
    await options.close();
    await venue.close();
    expect(extensionErrors(firefox.errors)).toEqual([]);
  });

  it('unlike a restart, uninstalling the add-on clears its IndexedDB (the UUID kept with keepUuidOnUninstall, so the same origin is read)', async () => {
    await launch({ prefs: { 'extensions.webextensions.keepUuidOnUninstall': true } });
    const options = await front(await openOptions());
    expect(await options.$('.source')).toBeNull();
    const input = (await options.$('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'mine.jsonl.gz'));
    await options.waitForSelector('.source', { timeout: 15_000 });
    expect(await text(options, '.source .source-meta')).toMatch(/^2 papers · /);
    await options.close();
    const venue = await front(await openListing());
    await waitForBadgeCount(venue, SEED_ON_LISTING + 2);

    await firefox.browser.uninstallExtension(firefox.addonId);
    await firefox.browser.installExtension(firefox.extensionDir);
    const after = await front(await openOptions());
    // The same moz-extension origin as before the uninstall (openOptions checked the URL loaded).
    expect(await after.evaluate(() => location.href)).toBe(firefox.extensionUrl('options.html'));
    expect(await text(after, '.records .empty')).toBe('No records imported yet.');
    await front(venue);
    await venue.reload();
    await waitForBadgeCount(venue, SEED_ON_LISTING);
    await after.close();
    await venue.close();
    errors.push(...firefox.errors);
    expect(extensionErrors(errors)).toEqual([]);
  });
});
