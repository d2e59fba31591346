/**
 * The built extension in Chromium, each figure beside the same page in the same browser without
 * the extension (the peer): a 2,000-title listing (main-thread time, long tasks) and a mutation
 * storm (the page's own progress, script time, heap growth). The pages and the storm driver are
 * the robustness test's (tests/e2e/storm.ts); the test asserts what the extension does on them,
 * this measures what it costs.
 */
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { indexDirReader } from '../src/records/build-index';
import { RecordIndex } from '../src/records/record-index';
import { browserAvailable, launchWithExtension, type ExtensionBrowser } from '../scripts/browser/chromium';
import { CHROME_BUILD, startFixtureServer, type FixtureServer } from '../scripts/browser/fixtures';
import { listingTitles, runStorm, stormPage } from '../tests/e2e/storm';
import { arxivListingPage } from './listing-page';
import { fmt, table } from './measure';
import { seededRandom } from './random';

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** The page's JavaScript heap (its main world and our content script's), after a full GC. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

const badgeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-arrow-lens="badge"]').length);

/** One browser, with the built extension or without it (the peer), on one page with a CDP session. */
async function openPage(server: FixtureServer, withExtension: boolean, init?: () => void): Promise<{ browser: ExtensionBrowser; page: Page; cdp: CDPSession }> {
  const browser = await launchWithExtension(server, withExtension ? {} : { extensionDir: null });
  const page = await browser.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (init) await page.addInitScript(init);
  return { browser, page, cdp };
}

const ratio = (ours: number, peer: number) => fmt.ratio(ours / Math.max(peer, 1e-9));

export interface ListingFigures {
  scriptMs: number;
  taskMs: number;
  /** Long tasks (> 50 ms) after DOMContentLoaded, when the content script may run: the page's own parsing comes before. */
  longTasksAfterDcl: number[];
  longestTaskMs: number;
  lastBadgeMs: number;
  badges: number;
}

/**
 * An arXiv listing of `count` titles (`filler` titles around the seed ones), page alone and page +
 * Arrow Lens (the shipped build: every title the bundled index knows gets its badge).
 */
export async function listingPage(filler: readonly string[], machine: string, count = 2_000): Promise<Record<string, unknown> | undefined> {
  console.log(`\n== ${fmt.n(count)}-title arXiv listing in Chromium, beside the page without the extension · ${machine} ==`);
  if (!browserAvailable()) {
    console.log('skipped: needs /usr/bin/chromium and a build (npm run build)');
    return undefined;
  }
  const random = seededRandom(17);
  const { titles } = listingTitles(count, () => filler[Math.floor(random() * filler.length)]!);
  // The badges to wait for: every title the shipped index matches (real filler titles are in it too).
  const records = await RecordIndex.load(indexDirReader(join(CHROME_BUILD, 'index')));
  await records.looseMatchingReady();
  const seeded = titles.filter((t) => records.matchTitle(t) !== null).length;
  const url = `https://arxiv.org/list/cs.LG/pastweek?show=${count}`;
  const server = await startFixtureServer({ [url]: arxivListingPage(titles) });
  const measure = async (withExtension: boolean): Promise<ListingFigures> => {
    const { browser, page, cdp } = await openPage(server, withExtension, () => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    if (withExtension) await page.waitForFunction((n) => document.querySelectorAll('[data-arrow-lens="badge"]').length === n, seeded, { timeout: 60_000 });
    else await page.waitForTimeout(1_500);
    const lastBadgeMs = await page.evaluate(() => performance.now());
    // Whatever the content script does after the last badge lands (its observer, a last scan).
    await page.waitForTimeout(500);
    const m = await metrics(cdp);
    const tasks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const all = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
      return { after: all.filter((t) => t.start >= nav.domContentLoadedEventEnd).map((t) => t.duration), longest: Math.max(0, ...all.map((t) => t.duration)) };
    });
    const badges = await badgeCount(page);
    await browser.close();
    return { scriptMs: (m.ScriptDuration ?? 0) * 1000, taskMs: (m.TaskDuration ?? 0) * 1000, longTasksAfterDcl: tasks.after, longestTaskMs: tasks.longest, lastBadgeMs, badges };
  };
  const without = await measure(false);
  const withLens = await measure(true);
  await server.close();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const longestAfter = (f: ListingFigures) => Math.max(0, ...f.longTasksAfterDcl);
  const row = (name: string, f: ListingFigures, lastBadge: string, badges: string) => [
    name,
    fmt.ms(f.scriptMs),
    fmt.ms(f.taskMs),
    String(f.longTasksAfterDcl.length),
    fmt.ms(longestAfter(f)),
    fmt.ms(sum(f.longTasksAfterDcl)),
    fmt.ms(f.longestTaskMs),
    lastBadge,
    badges,
  ];
  console.log(
    table(
      ['', 'script time', 'main-thread tasks', 'long tasks after DCL', 'longest after DCL', 'their total', 'longest task (any)', 'last badge after', 'badges'],
      [
        row('page alone (peer)', without, '–', String(without.badges)),
        row('page + Arrow Lens', withLens, fmt.ms(withLens.lastBadgeMs), `${withLens.badges} of ${seeded}`),
      ],
    ),
  );
  const extraScript = withLens.scriptMs - without.scriptMs;
  console.log(
    `content-script main-thread time ≈ ${fmt.ms(extraScript)} (budget 100 ms: ${extraScript < 100 ? 'within' : 'OVER'}); ` +
      `longest task after DCL ${fmt.ms(longestAfter(withLens))} (budget 50 ms: ${longestAfter(withLens) <= 50 ? 'within' : 'OVER'}); ` +
      `ours ÷ peer: main-thread time ${ratio(withLens.taskMs, without.taskMs)}, long-task time after DCL ${sum(without.longTasksAfterDcl) ? ratio(sum(withLens.longTasksAfterDcl), sum(without.longTasksAfterDcl)) : `${fmt.ms(sum(withLens.longTasksAfterDcl))} against none`}`,
  );
  return { titles: titles.length, expected: seeded, without, withLens, contentScriptMs: extraScript };
}

export interface StormFigures {
  ticks: number;
  ticksPerSecond: number;
  scriptMs: number;
  taskMs: number;
  heapEarlyBytes: number;
  heapLateBytes: number;
  /** Most badges seen on one title at once during the storm (the test asserts at most 1). */
  worstPerTitle: number;
}

/**
 * A 300-title listing re-rendering itself for `ms` (tests/fixtures/hostile/storm.js), page alone
 * and page + Arrow Lens: how far the page's own storm gets, script time, and heap growth from
 * a third of the way in to the end (a leak grows with every re-render).
 */
export async function mutationStorm(machine: string, ms: number): Promise<Record<string, unknown> | undefined> {
  console.log(`\n== Mutation storm in Chromium (${ms / 1000} s), beside the page without the extension · ${machine} ==`);
  if (!browserAvailable()) {
    console.log('skipped: needs /usr/bin/chromium and a build (npm run build)');
    return undefined;
  }
  const { titles, seeded } = listingTitles(300);
  const url = 'https://arxiv.org/list/cs.LG/recent';
  const server = await startFixtureServer({ [url]: stormPage(titles) });
  const measure = async (withExtension: boolean): Promise<StormFigures> => {
    const { browser, page, cdp } = await openPage(server, withExtension);
    await page.goto(url);
    if (withExtension) await page.waitForFunction((n) => document.querySelectorAll('[data-arrow-lens="badge"]').length === n, seeded, { timeout: 60_000 });
    const before = await metrics(cdp);
    let heapEarlyBytes = 0;
    const run = await runStorm(page, { ms }, async (elapsed) => {
      if (!heapEarlyBytes && elapsed >= ms / 3) heapEarlyBytes = await heapAfterGc(cdp);
    });
    const heapLateBytes = await heapAfterGc(cdp);
    const after = await metrics(cdp);
    await browser.close();
    return {
      ticks: run.ticks,
      ticksPerSecond: run.ticks / (ms / 1000),
      scriptMs: (after.ScriptDuration! - before.ScriptDuration!) * 1000,
      taskMs: (after.TaskDuration! - before.TaskDuration!) * 1000,
      heapEarlyBytes,
      heapLateBytes,
      worstPerTitle: run.worst.perTitle,
    };
  };
  const without = await measure(false);
  const withLens = await measure(true);
  await server.close();
  const growth = (f: StormFigures) => f.heapLateBytes - f.heapEarlyBytes;
  const signed = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${fmt.kb(Math.abs(bytes))}`;
  const row = (name: string, f: StormFigures) => [name, fmt.n(f.ticks), fmt.n(f.ticksPerSecond), fmt.ms(f.scriptMs), fmt.ms(f.taskMs), fmt.mb(f.heapEarlyBytes), fmt.mb(f.heapLateBytes), signed(growth(f)), String(f.worstPerTitle)];
  console.log(
    table(
      ['', 'ticks', 'ticks/s', 'script time', 'main-thread tasks', `heap at ${(ms / 3000).toFixed(0)} s`, 'heap at end', 'growth', 'most badges on a title'],
      [row('page alone (peer)', without), row('page + Arrow Lens', withLens)],
    ),
  );
  const ours = withLens.scriptMs - without.scriptMs;
  console.log(
    `ours ÷ peer: ticks ${ratio(withLens.ticks, without.ticks)}, script time ${ratio(withLens.scriptMs, without.scriptMs)}, main-thread time ${ratio(withLens.taskMs, without.taskMs)}; ` +
      `content-script script time ≈ ${fmt.ms(ours)} (${ratio(ours, without.scriptMs)} the page's own); ` +
      `heap growth ${signed(growth(withLens))} against ${signed(growth(without))} for the page alone`,
  );
  return { titles: titles.length, seeded, ms, without, withLens, contentScriptMs: ours };
}
