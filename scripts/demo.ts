/**
 * `npm run demo`: the built extension in Chromium on the demo venue pages (the site fixtures,
 * served on loopback under their real host names, and an arXiv listing of 100 titles drawn from
 * the bundled corpus, from 1987 to 2026). Prints what it badged on each page and saves
 * screenshots of a page, an open preview and the popup to demo-output/. With a display the
 * browser is visible and stays open for you to click around; without one it runs headless.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arxivListingPage } from '../bench/listing-page';
import { parseTitleShard, type IndexManifest } from '../src/records/index-format';
import { CHROMIUM, chromiumUnavailable } from './browser/chromium';
import { chromiumOf, launchDriver } from './browser/driver';
import { CHROME_BUILD, loadSiteFixtures, PROJECT_DIR, startFixtureServer } from './browser/fixtures';

const OUT = join(PROJECT_DIR, 'demo-output');

/** An arXiv listing of 100 titles spread over the bundled corpus, as a fixture page. */
function corpusListing() {
  const dir = join(CHROME_BUILD, 'index');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  const titles = manifest.titleShards.flatMap((name) => parseTitleShard(readFileSync(join(dir, name), 'utf8'), manifest.venues).titles);
  const step = Math.max(1, Math.floor(titles.length / 100));
  const picked = titles.filter((_, i) => i % step === 0).slice(0, 100);
  return { adapter: 'arxiv', name: 'corpus-listing', url: 'https://arxiv.org/list/cs.LG/pastweek?show=100', titles: picked, html: arxivListingPage(picked), dynamic: false };
}

async function main(): Promise<void> {
  if (chromiumUnavailable()) {
    throw new Error(`needs ${CHROMIUM} (apt-get install -y chromium) and a build (npm run build): ${chromiumUnavailable()}`);
  }
  mkdirSync(OUT, { recursive: true });
  const visible = Boolean(process.env.DISPLAY) && !process.env.CI;
  const fixtures = [...loadSiteFixtures().filter((f) => f.adapter !== 'generic-metadata'), corpusListing()];
  const server = await startFixtureServer(Object.fromEntries(fixtures.map((f) => [f.url, f.html])));
  // The e2e tests' driver: what the badges and the preview show is read the way the tests read it.
  const driver = await launchDriver('chromium', server, { headless: !visible });
  console.log(`Arrow Lens demo: ${fixtures.length} venue pages, ${visible ? 'visible browser' : 'headless'}\n`);
  // The background loads the bundled index once, which takes seconds on a busy machine: wait for
  // it on the corpus listing, so the pages below are read once it answers.
  const warmUp = await driver.openPage(fixtures.at(-1)!.url);
  await warmUp.waitFor(() => document.querySelector('[data-arrow-lens="badge"]'), undefined, { timeout: 60_000 });
  await warmUp.close();
  let total = 0;
  for (const fixture of fixtures) {
    const page = await driver.openPage(fixture.url);
    await new Promise((resume) => setTimeout(resume, fixture.dynamic ? 1_500 : 800));
    const badges = await driver.readBadges(page);
    total += badges.length;
    console.log(`${fixture.url}\n  ${fixture.titles.length} titles, ${badges.length} badged`);
    for (const b of badges) console.log(`    ✓ ${b.title.slice(0, 100)}`);
    if (!visible || fixture !== fixtures[0]) await page.close();
  }

  // One page in detail: the page, its preview open, and the popup.
  const showcase = fixtures.find((f) => f.adapter === 'openreview' && f.dynamic) ?? fixtures[0]!;
  const page = await driver.openPage(showcase.url);
  await page.waitFor(() => document.querySelector('[data-arrow-lens="badge"]'));
  await page.screenshot(join(OUT, 'page.png'));
  await driver.focusBadge(page);
  await driver.waitForPreview(page, (p) => p.visible, { timeout: 5_000 });
  await new Promise((resume) => setTimeout(resume, 200));
  await page.screenshot(join(OUT, 'preview.png'));
  const popup = await driver.openPopup('#name=Lorenzo%20Basile');
  await popup.setViewport(420, 600);
  await new Promise((resume) => setTimeout(resume, 800));
  await popup.screenshot(join(OUT, 'popup.png'));
  console.log(`\n${total} badges in all. Screenshots: ${['page.png', 'preview.png', 'popup.png'].map((f) => join('demo-output', f)).join(', ')}`);

  if (visible) {
    console.log('\nThe browser stays open: hover a badge, open the popup. Close the browser window to finish.');
    await new Promise<void>((done) => chromiumOf(driver).context.on('close', () => done()));
  } else {
    await driver.close();
  }
  await server.close();
}

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exitCode = 1;
});
