// @vitest-environment happy-dom
/**
 * PageLens on a happy-dom page, with fake timers driving its scheduler, a fake site adapter
 * (every `.title` element is a title) and fake LensDeps standing in for the background.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APPLY_BATCH, PageLens, type LensDeps } from '../../src/content/page-lens';
import { SCAN_DELAY_MS, STORM_DELAY_MS, STORM_SCANS_PER_SECOND } from '../../src/content/scan-scheduler';
import { MESSAGE_LIMITS, type PaperView, type TitleMatchView } from '../../src/messaging/protocol';
import { DEFAULT_SETTINGS } from '../../src/settings/settings';
import type { SiteAdapter } from '../../src/sites/types';
import { badgeButton, BADGE_TAG } from '../../src/ui/badge';
import { closedRootOf } from '../../src/ui/closed-root';
import { trusted } from '../helpers/trusted';

function record(id: string, title: string, authorCount = 3): TitleMatchView {
  return { id, title, venue: 'NeurIPS', year: 2025, authorCount, by: 'title', score: 1, rule: 'exact' };
}

const HEAD_PURSUIT = record('p-1', 'Head Pursuit');
const STABLE_RANK = record('p-2', 'Stable Rank', 5);

/** What the background would answer: a title is matched when it is one of `records`. */
function fakeDeps(records: TitleMatchView[] = [HEAD_PURSUIT, STABLE_RANK]) {
  const byTitle = new Map(records.map((r) => [r.title, r]));
  let alive = true;
  const deps = {
    matchTitles: vi.fn(async (titles: string[]) => titles.map((t) => byTitle.get(t) ?? null)),
    getPaper: vi.fn(async (id: string): Promise<PaperView | null> => ({
      id,
      title: 'A paper',
      venue: 'NeurIPS',
      venueKind: 'Conference',
      year: 2025,
      type: 'Conference Paper',
      authors: ['Lorenzo Basile'],
      sources: ['arrow-export'],
    })),
    openCluster: vi.fn(),
    reportCount: vi.fn(),
    onFatal: vi.fn(),
    isAlive: () => alive,
  } satisfies LensDeps;
  return { deps, kill: () => (alive = false) };
}

/** Every `.title` element is a title. */
const findAllTitles: SiteAdapter['findTitles'] = (root) =>
  [...root.querySelectorAll('.title')].map((element) => ({ element, text: element.textContent ?? '' }));
const adapter: SiteAdapter = { id: 'fake', matches: [], servesUrl: () => true, findTitles: findAllTitles };

let lens: PageLens | undefined;
let findTitles: ReturnType<typeof vi.spyOn>;
let siteOn = true;

function startLens(deps: LensDeps): PageLens {
  lens = new PageLens(document, () => (siteOn ? adapter : undefined), deps);
  lens.start();
  return lens;
}

/** Titles on the page: `<a>` is inline (badge after it), `<h2>` a block (badge inside it). */
function page(html: string): void {
  document.body.innerHTML = html;
}

function badges(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(BADGE_TAG)];
}

/** The title each badge belongs to, as its placement says. */
function badgeOwners(): string[] {
  return badges().map((b) => {
    const owner = b.dataset.placement === 'after' ? b.previousElementSibling : b.parentElement;
    return `${owner?.localName}:${owner?.textContent}`;
  });
}

function addTitle(text: string, tag = 'a'): HTMLElement {
  const element = document.createElement(tag);
  element.className = 'title';
  element.textContent = text;
  document.body.append(element);
  return element;
}

/** Long enough for any scan the page asked for to run, outside a storm. */
const settle = () => vi.advanceTimersByTimeAsync(SCAN_DELAY_MS);

/** A promise the test resolves by hand: a background answer still on its way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 100_000 });
  siteOn = true;
  findTitles = vi.spyOn(adapter, 'findTitles');
});

afterEach(() => {
  lens?.teardown();
  lens = undefined;
  vi.restoreAllMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('PageLens: badges', () => {
  it('puts one badge on each matched title: after an inline title, inside a block; none on unknown titles', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2><a class="title">Unknown paper</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    expect(badgeOwners()).toEqual(['a:Head Pursuit', 'h2:Stable Rank']);
    expect(badges().map((b) => [b.dataset.placement, b.dataset.recordId])).toEqual([
      ['after', 'p-1'],
      ['inside', 'p-2'],
    ]);
    expect(deps.reportCount).toHaveBeenLastCalledWith(2);
    expect(lens!.pageMatches().map((m) => m.id)).toEqual(['p-1', 'p-2']);
  });

  it('its own badges do not count as page changes: once the page is still, it stops scanning', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps } = fakeDeps();
    startLens(deps);
    await vi.advanceTimersByTimeAsync(10 * STORM_DELAY_MS);
    expect(findTitles).toHaveBeenCalledTimes(1);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
  });

  it('a second look at an unchanged page asks the background nothing and adds no badge', async () => {
    page('<a class="title">Head Pursuit</a><a class="title">Unknown paper</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    lens!.onLocationChange();
    await vi.advanceTimersByTimeAsync(0);
    expect(findTitles).toHaveBeenCalledTimes(2);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
    expect(badges()).toHaveLength(1);
  });
});

describe('PageLens: rescans on page mutations', () => {
  it('throttles rather than debounces: a page that never stops changing still gets its new title badged', async () => {
    page('<span id="clock">0</span>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    addTitle('Head Pursuit');
    // A ticking clock: the page changes every 40 ms, for longer than any debounce would wait.
    for (let tick = 1; tick <= 10; tick++) {
      document.getElementById('clock')!.textContent = String(tick);
      await vi.advanceTimersByTimeAsync(40);
      if (tick * 40 >= SCAN_DELAY_MS) expect(badgeOwners()).toEqual(['a:Head Pursuit']);
    }
  });

  it('a navigation in place looks again at once, without waiting for the page to mutate', async () => {
    page('<a id="link">Head Pursuit</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    // An attribute change: no mutation the lens watches (an app switching views may do no more).
    document.getElementById('link')!.classList.add('title');
    await vi.advanceTimersByTimeAsync(10 * SCAN_DELAY_MS);
    expect(badges()).toEqual([]);
    lens!.onLocationChange();
    await vi.advanceTimersByTimeAsync(0);
    expect(badgeOwners()).toEqual(['a:Head Pursuit']);
  });

  it('the storm breaker: a page mutating without pause is scanned in bursts of at most the storm limit, a second apart', async () => {
    page('<span id="clock">0</span>');
    const { deps } = fakeDeps();
    startLens(deps);
    const scans: number[] = [];
    findTitles.mockImplementation((root: ParentNode, url: URL) => {
      scans.push(Date.now());
      return findAllTitles(root, url);
    });
    // A page rewriting itself every 5 ms for 5 seconds.
    for (let tick = 1; tick <= 1_000; tick++) {
      document.getElementById('clock')!.textContent = String(tick);
      if (tick === 500) addTitle('Head Pursuit');
      await vi.advanceTimersByTimeAsync(5);
    }
    // No one-second window holds more scans than the breaker allows; each burst ends in a pause.
    for (const start of scans) {
      expect(scans.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(STORM_SCANS_PER_SECOND);
    }
    const gaps = scans.slice(1).map((t, i) => t - scans[i]!);
    expect(gaps.filter((gap) => gap >= STORM_DELAY_MS).length).toBeGreaterThanOrEqual(2);
    // Slowed, never stopped: the title added mid-storm got its badge.
    expect(scans.length).toBeGreaterThan(2 * STORM_SCANS_PER_SECOND);
    expect(badgeOwners()).toEqual(['a:Head Pursuit']);
  });

  it('one scan at a time: a change during a scan is looked at once the scan is done', async () => {
    page('<a class="title">Head Pursuit</a>');
    const { deps } = fakeDeps();
    const firstAnswer = deferred<(TitleMatchView | null)[]>();
    deps.matchTitles.mockImplementationOnce(() => firstAnswer.promise);
    startLens(deps);
    await vi.advanceTimersByTimeAsync(0);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
    // The page changes while the background is still answering.
    addTitle('Stable Rank', 'h2');
    await vi.advanceTimersByTimeAsync(5 * SCAN_DELAY_MS);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
    expect(badges()).toEqual([]);
    firstAnswer.resolve([HEAD_PURSUIT]);
    await settle();
    expect(deps.matchTitles).toHaveBeenCalledTimes(2);
    expect(deps.matchTitles).toHaveBeenLastCalledWith(['Stable Rank'], [[]]);
    expect(badgeOwners()).toEqual(['a:Head Pursuit', 'h2:Stable Rank']);
  });

  it('an answer that arrives after teardown places no badge', async () => {
    page('<a class="title">Head Pursuit</a>');
    const { deps } = fakeDeps();
    const answer = deferred<(TitleMatchView | null)[]>();
    deps.matchTitles.mockImplementationOnce(() => answer.promise);
    startLens(deps);
    await vi.advanceTimersByTimeAsync(0);
    lens!.teardown();
    answer.resolve([HEAD_PURSUIT]);
    await settle();
    expect(badges()).toEqual([]);
  });
});

describe('PageLens: what it sends to the background', () => {
  // 5,000 elements on happy-dom: seconds on a busy machine.
  it('asks in requests of at most MESSAGE_LIMITS.titlesPerRequest titles, each distinct title once, none too long to be a title', { timeout: 30_000 }, async () => {
    const many = Array.from({ length: MESSAGE_LIMITS.titlesPerRequest + 1 }, (_, i) => `Paper number ${i}`);
    page('');
    for (const title of many) addTitle(title);
    addTitle('Paper number 0'); // the same title twice on one page (a listing and a sidebar)
    addTitle('x'.repeat(MESSAGE_LIMITS.titleLength + 1));
    const { deps } = fakeDeps([record('p-0', 'Paper number 0'), record('p-last', many.at(-1)!)]);
    startLens(deps);
    await settle();
    const requests = deps.matchTitles.mock.calls.map(([titles]) => titles);
    expect(requests.map((titles) => titles.length)).toEqual([MESSAGE_LIMITS.titlesPerRequest, 1]);
    expect(requests.flat().sort()).toEqual([...many].sort());
    // Both copies of the duplicated title get their badge from the one answer.
    expect(badges().map((b) => b.dataset.recordId)).toEqual(['p-0', 'p-last', 'p-0']);
  });

  it('places badges in batches, letting the page run between them', async () => {
    const titles = Array.from({ length: 400 }, (_, i) => `Paper number ${i}`);
    page('');
    for (const title of titles) addTitle(title);
    const { deps } = fakeDeps(titles.map((t, i) => record(`p-${i}`, t)));
    startLens(deps);
    // Only microtasks: the scan's first batch, up to where it hands the main thread back.
    vi.advanceTimersByTime(0);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(badges()).toHaveLength(APPLY_BATCH);
    await settle();
    expect(badges()).toHaveLength(titles.length);
  });
});

describe('PageLens: orphans', () => {
  it('removes the badge of a title that left the page and reports the new count', async () => {
    page('<a class="title" id="gone">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    expect(deps.reportCount).toHaveBeenLastCalledWith(2);
    // An inline title's badge is its sibling: removing the title leaves the badge behind.
    document.getElementById('gone')!.remove();
    await settle();
    expect(badgeOwners()).toEqual(['h2:Stable Rank']);
    expect(deps.reportCount).toHaveBeenLastCalledWith(1);
    expect(lens!.pageMatches().map((m) => m.id)).toEqual(['p-2']);
  });

  it('a page that re-renders its list keeps exactly one live badge per title', async () => {
    page('<div id="list"><a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2></div>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    // A framework re-render: the markup, our badge hosts included, copied without their shadow roots.
    const list = document.getElementById('list')!;
    list.innerHTML = list.innerHTML;
    await settle();
    expect(badgeOwners()).toEqual(['a:Head Pursuit', 'h2:Stable Rank']);
    expect(badges().every((b) => badgeButton(b) !== null)).toBe(true);
  });

  it('once the extension is gone, the next page change removes every badge and the lens goes quiet', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps, kill } = fakeDeps();
    startLens(deps);
    await settle();
    kill();
    addTitle('Head Pursuit');
    // At the mutation itself (a microtask), not at a scan a timer would start.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(badges()).toEqual([]);
    addTitle('Stable Rank');
    await vi.advanceTimersByTimeAsync(10 * SCAN_DELAY_MS);
    expect(findTitles).toHaveBeenCalledTimes(1);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
  });

  it('once the extension is gone, a scan asked for without a page change removes every badge instead of scanning', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps, kill } = fakeDeps();
    startLens(deps);
    await settle();
    kill();
    lens!.onLocationChange();
    await settle();
    expect(badges()).toEqual([]);
    expect(findTitles).toHaveBeenCalledTimes(1);
  });
  it('a badge touched after the extension went away removes every badge instead of asking for its preview', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps, kill } = fakeDeps();
    startLens(deps);
    await settle();
    badgeButton(badges()[0]!)!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(deps.getPaper).toHaveBeenCalledWith('p-1');
    kill();
    badgeButton(badges()[1]!)!.focus();
    expect(badges()).toEqual([]);
    expect(deps.getPaper).toHaveBeenCalledTimes(1);
  });
});

describe('PageLens: options', () => {
  it('a new badge style restyles the badges in place, asking the background nothing', async () => {
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    const before = badges();
    expect(before.map((b) => badgeButton(b)!.textContent)).toEqual(['Arrow', 'Arrow']);
    lens!.setLook({ ...DEFAULT_SETTINGS, badgeStyle: 'authors' });
    await settle();
    expect(badges()).toEqual(before);
    expect(before.map((b) => b.dataset.badgeStyle)).toEqual(['authors', 'authors']);
    expect(before.map((b) => badgeButton(b)!.textContent)).toEqual(['Arrow · 3', 'Arrow · 5']);
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
  });

  it('sends each title with the ids the page states; the same text with other ids is another question', async () => {
    const withIds: SiteAdapter = {
      ...adapter,
      findTitles: (root) => [...root.querySelectorAll('.title')].map((element) => ({ element, text: element.textContent ?? '', ids: element.id ? [`openreview:${element.id}` as const] : [] })),
    };
    page('<a class="title" id="Forum1">Head Pursuit</a><a class="title" id="Forum2">Head Pursuit</a><a class="title" id="Forum1">Head Pursuit</a><a class="title">Stable Rank</a>');
    const { deps } = fakeDeps();
    lens = new PageLens(document, () => withIds, deps);
    lens.start();
    await settle();
    expect(deps.matchTitles).toHaveBeenCalledTimes(1);
    expect(deps.matchTitles).toHaveBeenLastCalledWith(['Head Pursuit', 'Head Pursuit', 'Stable Rank'], [['openreview:Forum1'], ['openreview:Forum2'], []]);
    expect(badges()).toHaveLength(4);
  });

  it("the preview is told what the badge's title matched by", async () => {
    page('<a class="title">Head Pursuit</a>');
    const { deps } = fakeDeps([{ ...HEAD_PURSUIT, by: 'id' }]);
    startLens(deps);
    await settle();
    badgeButton(badges()[0]!)!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(0);
    const root = closedRootOf(document.querySelector('[data-arrow-lens="preview"]')!)!;
    expect(root.querySelector('.matched-by')?.textContent).toBe('Matched by id');
  });

  it('hover opens the preview after the preview delay, the default one until told otherwise', async () => {
    page('<a class="title">Head Pursuit</a><a class="title">Stable Rank</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    const [first, second] = badges().map((b) => badgeButton(b)!);
    first!.dispatchEvent(trusted(new MouseEvent('mouseenter')));
    await vi.advanceTimersByTimeAsync(DEFAULT_SETTINGS.previewDelayMs - 1);
    expect(deps.getPaper).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(deps.getPaper).toHaveBeenLastCalledWith('p-1');
    first!.dispatchEvent(new MouseEvent('mouseleave'));

    lens!.setLook({ ...DEFAULT_SETTINGS, previewDelayMs: 1_000 });
    second!.dispatchEvent(trusted(new MouseEvent('mouseenter')));
    await vi.advanceTimersByTimeAsync(999);
    expect(deps.getPaper).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(deps.getPaper).toHaveBeenLastCalledWith('p-2');
  });

  it("a page script's click or synthetic hover opens no preview; the user's do", async () => {
    page('<a class="title">Head Pursuit</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    const button = badgeButton(badges()[0]!)!;
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button.dispatchEvent(new MouseEvent('mouseenter'));
    await vi.advanceTimersByTimeAsync(10 * DEFAULT_SETTINGS.previewDelayMs);
    expect(deps.getPaper).not.toHaveBeenCalled();
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(deps.getPaper).toHaveBeenCalledWith('p-1');
  });

  it('keyboard: focus opens the preview, Tab enters it, Shift+Tab returns to the badge, Esc closes it back onto the badge', async () => {
    page('<a class="title">Head Pursuit</a><a href="#next" id="next">next</a>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    const badge = badges()[0]!;
    const button = badgeButton(badge)!;
    button.focus();
    await vi.advanceTimersByTimeAsync(0);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const root = closedRootOf(document.querySelector('[data-arrow-lens="preview"]')!)!;
    const tab = (target: Element, shiftKey = false) => {
      const event = trusted(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, composed: true, cancelable: true }));
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(tab(button)).toBe(true);
    const first = root.activeElement as HTMLElement;
    expect(first?.className).toBe('close');
    // Focus inside keeps the card open, whatever blur and the pointer did.
    await vi.advanceTimersByTimeAsync(1_000);
    expect((root.querySelector('.card') as HTMLElement).hidden).toBe(false);
    expect(tab(first, true)).toBe(true);
    expect(closedRootOf(badge)!.activeElement).toBe(button);
    // Tab on the last control hands focus to the badge and lets the browser go on from there.
    tab(button);
    const controls = [...root.querySelectorAll<HTMLElement>('a[href], button')];
    controls.at(-1)!.focus();
    expect(tab(controls.at(-1)!)).toBe(false);
    expect(closedRootOf(badge)!.activeElement).toBe(button);
    tab(button);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    // Focus handed back to the badge does not open the card again.
    await vi.advanceTimersByTimeAsync(1_000);
    expect((root.querySelector('.card') as HTMLElement).hidden).toBe(true);
    expect(closedRootOf(badge)!.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('badges and preview take the look of the page behind them, or the one the user chose', async () => {
    page('<div style="background-color: rgb(18, 18, 18)"><a class="title">Head Pursuit</a></div><a class="title">Stable Rank</a>');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    const dark = () => badges().map((b) => badgeButton(b)!.classList.contains('dark'));
    expect(dark()).toEqual([true, false]);
    badgeButton(badges()[0]!)!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(0);
    const card = () => closedRootOf(document.querySelector('[data-arrow-lens="preview"]')!)!.querySelector<HTMLElement>('.card')!;
    expect(card().dataset.theme).toBe('dark');
    lens!.setLook({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(dark()).toEqual([false, false]);
    lens!.setLook({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(dark()).toEqual([true, true]);
    badgeButton(badges()[1]!)!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(0);
    expect(card().dataset.theme).toBe('dark');
  });

  it('a site switched off gets no badge and asks the background nothing; switching it on and off applies at once', async () => {
    siteOn = false;
    page('<a class="title">Head Pursuit</a><h2 class="title">Stable Rank</h2>');
    const { deps } = fakeDeps();
    startLens(deps);
    await settle();
    expect(badges()).toEqual([]);
    expect(deps.matchTitles).not.toHaveBeenCalled();
    expect(deps.reportCount).toHaveBeenLastCalledWith(0);

    siteOn = true;
    lens!.setLook(DEFAULT_SETTINGS);
    await vi.advanceTimersByTimeAsync(0);
    expect(badgeOwners()).toEqual(['a:Head Pursuit', 'h2:Stable Rank']);
    expect(deps.reportCount).toHaveBeenLastCalledWith(2);

    siteOn = false;
    lens!.setLook(DEFAULT_SETTINGS);
    await vi.advanceTimersByTimeAsync(0);
    expect(badges()).toEqual([]);
    expect(deps.reportCount).toHaveBeenLastCalledWith(0);
  });
});
