/**
 * Paper identity in both browsers, on the shipped build (the seed export carries no page id or
 * link, so the corpus is where ids can be proven): an OpenReview note list whose entries link
 * their forums gets each badge through the forum id — a retitled entry (its shown title is no
 * record's) gets its paper's badge, and an entry showing one paper's title beside another's
 * unique forum id gets the id's paper; the preview says it matched by id and links the record's
 * pages; the paper's exported .bib carries its doi and url.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openreviewListingPage } from '../../bench/listing-page';
import { readTitleColumns } from '../../src/records/build-index';
import { decodeIdentity, type PaperIdentity } from '../../src/records/identity';
import type { DetailTuple, IndexManifest } from '../../src/records/index-format';
import { RecordIndex } from '../../src/records/record-index';
import { browserCases, launchDriver, type BrowserDriver } from '../../scripts/browser/driver';
import { SHIPPED_CHROME_BUILD, SHIPPED_FIREFOX_BUILD, startFixtureServer, type FixtureServer } from '../../scripts/browser/fixtures';

const LISTING_URL = 'https://openreview.net/search?term=page+ids&content=all&group=all&source=forum';
const index = join(SHIPPED_CHROME_BUILD, 'index');
const manifest = JSON.parse(readFileSync(join(index, 'manifest.json'), 'utf8')) as IndexManifest;
const bundled = manifest.paperCount > 100_000;
if (!bundled) console.warn('[page ids e2e] skipped: the shipped build holds no corpus (npm run build)');
const SHIPPED = { chromium: SHIPPED_CHROME_BUILD, firefox: SHIPPED_FIREFOX_BUILD };

interface CorpusPaper {
  id: string;
  title: string;
  forum: string;
  doi: string;
  identity: PaperIdentity;
  position: number;
}

/**
 * Corpus papers with one forum id no other record carries and a DOI, in index order; plain
 * titles, DOIs and page URLs, so the test can name them in selectors and BibTeX as they are.
 */
function papersWithForumAndDoi(): CorpusPaper[] {
  const columns = readTitleColumns(index);
  const ids = columns.flatMap((c) => c.ids);
  const titles = columns.flatMap((c) => c.titles);
  const identities = manifest.identityShards.flatMap((name) => gunzipSync(readFileSync(join(index, name))).toString('utf8').split('\n')).map(decodeIdentity);
  const forumCount = new Map<string, number>();
  for (const identity of identities) for (const id of identity.ids ?? []) if (id.startsWith('openreview:')) forumCount.set(id, (forumCount.get(id) ?? 0) + 1);
  return identities.flatMap((identity, position) => {
    const forum = identity.ids?.find((id) => id.startsWith('openreview:'));
    const doi = identity.ids?.find((id) => id.startsWith('doi:'));
    const title = titles[position]!;
    const plain = /^[A-Za-z0-9 :,-]+$/.test(title) && /^doi:10\.\d+\/[a-z0-9.-]+$/.test(doi ?? '') && /^https:\/\/[A-Za-z0-9./?=-]+$/.test(identity.links?.page ?? '');
    return forum && doi && plain && forumCount.get(forum) === 1 ? [{ id: ids[position]!, title, forum: forum.slice('openreview:'.length), doi: doi.slice('doi:'.length), identity, position }] : [];
  });
}

/** The title with a content word changed, as a camera-ready version retitles a submission. */
const retitle = (title: string) => `${title.split(' ').slice(0, -1).join(' ')} Reconsidered`;

describe.skipIf(!bundled)('page ids on the shipped build', () => {
  let server: FixtureServer;
  let records: RecordIndex;
  const candidates = bundled ? papersWithForumAndDoi() : [];
  // Far apart in the index, so they are different papers with different titles.
  const [retitled, asRecorded, forumOfOne, titleOfAnother] = [0, 1, 2, 3].map((i) => candidates[Math.floor((i * candidates.length) / 4)]!);
  let author: string;

  beforeAll(async () => {
    records = await RecordIndex.load(async (name) => readFileSync(join(index, name)));
    await records.looseMatchingReady();
    // The preconditions that make a badge the id's doing: the retitled text names no paper,
    // and the decoy's text names its own paper, not the one its forum id names.
    expect(records.matchTitle(retitle(retitled!.title))).toBeNull();
    expect(records.matchTitle(titleOfAnother!.title)?.paper.id).toBe(titleOfAnother!.id);
    const details = JSON.parse(gunzipSync(readFileSync(join(index, manifest.detailShards[Math.floor(retitled!.position / manifest.papersPerDetailShard)]!))).toString('utf8')) as DetailTuple[];
    author = details[retitled!.position % manifest.papersPerDetailShard]![2][0]!;
    server = await startFixtureServer({
      [LISTING_URL]: openreviewListingPage([
        { forum: retitled!.forum, title: retitle(retitled!.title) },
        { forum: asRecorded!.forum, title: asRecorded!.title },
        { forum: forumOfOne!.forum, title: titleOfAnother!.title },
        { forum: 'NoSuchForum1', title: 'A Title No Record Holds Under Any Spelling' },
      ]),
    });
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

    it("a retitled entry gets its paper's badge through its forum id, and a unique forum id wins over another paper's title", async () => {
      const page = await driver.openPage(LISTING_URL);
      await driver.waitForBadgeCount(page, 3, { timeout: 30_000 });
      // Let a late, wrong fourth badge show up before counting.
      await new Promise((resume) => setTimeout(resume, 1_000));
      const badges = await driver.readBadges(page);
      expect(badges.map((b) => [b.title, b.recordId])).toEqual([
        [retitle(retitled!.title), retitled!.id],
        [asRecorded!.title, asRecorded!.id],
        [titleOfAnother!.title, forumOfOne!.id],
      ]);
      expect(driver.extensionErrors()).toEqual([]);
      await page.close();
    });

    it("the preview says what matched and links the record's pages", async () => {
      const page = await driver.openPage(LISTING_URL);
      await driver.waitForBadgeCount(page, 3, { timeout: 30_000 });
      const links = retitled!.identity.links!;
      await driver.focusBadge(page, retitled!.id);
      const byId = await driver.waitForPreview(page, (p) => p.visible && p.recordId === retitled!.id && p.title !== null, { timeout: 20_000 });
      expect(byId.title).toBe(retitled!.title);
      expect(byId.matchedBy).toBe('Matched by id');
      expect(byId.links[0]).toEqual({ text: retitled!.title, href: links.page });
      expect(byId.links).toContainEqual({ text: 'OpenReview', href: `https://openreview.net/forum?id=${retitled!.forum}` });
      expect(byId.links).toContainEqual({ text: 'DOI', href: `https://doi.org/${retitled!.doi}` });
      if (links.pdf) expect(byId.links).toContainEqual({ text: 'PDF', href: links.pdf });

      await driver.focusBadge(page, asRecorded!.id);
      const both = await driver.waitForPreview(page, (p) => p.visible && p.recordId === asRecorded!.id && p.title !== null, { timeout: 20_000 });
      expect(both.matchedBy).toBe('Matched by id and title');
      expect(driver.extensionErrors()).toEqual([]);
      await page.close();
    });

    it("the paper's exported .bib carries its doi and url", async () => {
      const popup = await driver.openPopup(`#name=${encodeURIComponent(author)}`);
      const label = `Download .bib for ${retitled!.title}`;
      await popup.waitFor((l) => document.querySelector(`button[aria-label="${l}"]`) !== null, label, { timeout: 20_000 });
      // The file's text as the page hands it to the browser (the download itself is the browser's).
      await popup.evaluate(() => {
        const w = window as unknown as { __exported: string[] };
        w.__exported = [];
        const create = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (blob: Blob | MediaSource) => {
          if (blob instanceof Blob) void blob.text().then((text) => w.__exported.push(text));
          return create(blob);
        };
      });
      // One Export button per paper opens its four actions.
      await popup.click(`button[aria-label="Export ${retitled!.title}"]`);
      await popup.click(`button[aria-label="${label}"]`);
      await popup.waitFor(() => (window as unknown as { __exported: string[] }).__exported.length > 0, undefined, { timeout: 10_000 });
      const [bib] = await popup.evaluate(() => (window as unknown as { __exported: string[] }).__exported);
      expect(bib).toMatch(/^@\w+\{/);
      expect(bib).toContain(`doi = {${retitled!.doi}}`);
      expect(bib).toContain(`url = {${retitled!.identity.links!.page}}`);
      expect(driver.extensionErrors()).toEqual([]);
      await popup.close();
    });
  });
});
