/**
 * The mutation storm and the big listing, shared by the robustness test (what the extension does
 * on them) and the bench (what that costs, beside the same page without the extension).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arxivListingPage } from '../../bench/listing-page';
import { SEED_TITLES } from '../helpers/seed';
import { PROJECT_DIR } from '../../scripts/browser/fixtures';

const STORM_SCRIPT = join(PROJECT_DIR, 'tests/fixtures/hostile/storm.js');

declare global {
  interface Window {
    startStorm?(until: { ms?: number; ticks?: number }): Promise<number>;
    __stormTicks?: number;
  }
}

const syntheticTitle = (i: number) => `Synthetic filler study ${i} of gradient noise in ${['kernels', 'graphs', 'agents', 'sets'][i % 4]}`;

/** A listing of `count` titles, every 20th one of the five seed titles, the rest `filler(i)`. */
export function listingTitles(count: number, filler: (i: number) => string = syntheticTitle): { titles: string[]; seeded: number } {
  const titles = Array.from({ length: count }, (_, i) => (i % 20 === 0 ? SEED_TITLES[(i / 20) % SEED_TITLES.length]! : filler(i)));
  return { titles, seeded: titles.filter((t) => (SEED_TITLES as readonly string[]).includes(t)).length };
}

/** An arXiv listing of `titles` that can re-render itself in a storm (tests/fixtures/hostile/storm.js). */
export function stormPage(titles: readonly string[]): string {
  return arxivListingPage(titles).replace('</body>', `<p>Ticks: <span id="storm-counter">0</span></p><script>${readFileSync(STORM_SCRIPT, 'utf8')}</script></body>`);
}

export interface StormRun {
  /** Ticks the storm ran (each replaces three entries, or every 25th the whole list). */
  ticks: number;
  /** Samples taken while the storm ran. */
  samples: number;
  /** The most badges seen on one title, and on the page, in any sample. */
  worst: { perTitle: number; total: number };
}

/**
 * Runs the storm on an open `stormPage` until it has run `until` (a number of ticks, or a
 * duration) and samples, every 100 ms while it runs, how many badges each title and the page
 * carry. `onSample` runs after each sample with the milliseconds since the start (the bench reads
 * the heap there).
 */
/** What the storm needs of a page: Playwright's and the e2e driver's `TestPage` both fit. */
export interface StormPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export async function runStorm(page: StormPage, until: { ticks: number } | { ms: number }, onSample?: (elapsedMs: number) => Promise<void>): Promise<StormRun> {
  await page.evaluate((u) => {
    void window.startStorm!(u).then((ticks) => (window.__stormTicks = ticks));
  }, until);
  const started = Date.now();
  const worst = { perTitle: 0, total: 0 };
  let samples = 0;
  for (;;) {
    const sample = await page.evaluate((_: null) => ({
      perTitle: Math.max(0, ...[...document.querySelectorAll('div.list-title')].map((t) => t.querySelectorAll('[data-arrow-lens="badge"]').length)),
      total: document.querySelectorAll('[data-arrow-lens="badge"]').length,
      ticks: window.__stormTicks,
    }), null);
    worst.perTitle = Math.max(worst.perTitle, sample.perTitle);
    worst.total = Math.max(worst.total, sample.total);
    if (sample.ticks !== undefined) return { ticks: sample.ticks, samples, worst };
    samples++;
    await onSample?.(Date.now() - started);
    await new Promise((resume) => setTimeout(resume, 100));
  }
}
