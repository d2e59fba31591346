/**
 * One driver interface for the real-browser tests, over two automation libraries:
 * - Chromium: playwright-core, the MV3 build installed over CDP (Extensions.loadUnpacked), so a
 *   test can also uninstall and install it again;
 * - Firefox ESR: puppeteer-core over WebDriver BiDi, the MV2 build as a temporary add-on, its
 *   moz-extension UUID fixed so extension pages can be opened.
 *
 * Scenario files talk to `BrowserDriver` and `TestPage` only. What the extension puts into a
 * page (badges, the preview card) lives in closed shadow roots, out of reach of page scripts and
 * so of `evaluate`; every read of them is a driver method here (`readBadges`, `readPreview`,
 * `badgeFocused`, `hoverBadge`, …) over `TestPage.inShadowRoots`, which opens the shipped closed
 * roots through the automation protocol (closed-roots.ts: CDP in Chromium, BiDi in Firefox).
 *
 * The real browser differences are named branches here: how the background is stopped (the MV3
 * service worker through CDP `ServiceWorker.stopAllWorkers`; in Firefox an event-page copy of
 * the build suspended by a 1 s idle time-out, since the shipped MV2 background page is persistent
 * and never stops), how pages reach the fixture server (host-resolver rules vs a tunnelling
 * proxy), and how extension pages are opened.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { inShadowRootsChromium, inShadowRootsFirefox, type ShadowFunction } from './closed-roots';
import { chromiumUnavailable, launchWithExtension, type ExtensionBrowser } from './chromium';
import { CHROME_BUILD, FIREFOX_BUILD, type FixtureServer } from './fixtures';
import { firefoxUnavailable, launchFirefoxWithExtension, openExtensionPage, type FirefoxWithExtension } from './firefox';

export type BrowserName = 'chromium' | 'firefox';

export interface BrowserCase {
  name: BrowserName;
  /** For test titles: "Chromium", "Firefox ESR". */
  label: string;
  /** Why this browser cannot run here (no browser, no build), or null. */
  unavailable: string | null;
}

/** The build folder of `name` under a build root (`.output`, `.output-seed`, a test's copy). */
export const buildOf = (name: BrowserName, root?: string): string =>
  root ? join(root, name === 'chromium' ? 'chrome-mv3' : 'firefox-mv2') : name === 'chromium' ? CHROME_BUILD : FIREFOX_BUILD;

/** The browsers asked for in `$ARROW_LENS_BROWSERS` ("chromium", "firefox", comma-separated; default both). */
const WANTED = (process.env.ARROW_LENS_BROWSERS ?? 'chromium,firefox').split(',').map((b) => b.trim());

/**
 * Both browsers, for `describe.each`; `builds` overrides the build checked per browser. A browser
 * left out by `$ARROW_LENS_BROWSERS` is listed as unavailable, so its tests show as skipped.
 */
export function browserCases(builds: Partial<Record<BrowserName, string>> = {}): BrowserCase[] {
  const unavailable = (name: BrowserName, why: string | null) => (WANTED.includes(name) ? why : `left out by ARROW_LENS_BROWSERS=${process.env.ARROW_LENS_BROWSERS}`);
  return [
    { name: 'chromium', label: 'Chromium', unavailable: unavailable('chromium', chromiumUnavailable(builds.chromium ?? CHROME_BUILD)) },
    { name: 'firefox', label: 'Firefox ESR', unavailable: unavailable('firefox', firefoxUnavailable(builds.firefox ?? FIREFOX_BUILD)) },
  ];
}
export const BROWSERS: readonly BrowserCase[] = browserCases();

const BADGE = '[data-arrow-lens="badge"]';
const PREVIEW = '[data-arrow-lens="preview"]';

export interface BadgeInfo {
  recordId: string;
  /** Text of the title element the badge belongs to (before it, or around it, as its data-placement says). */
  title: string;
  /** The badge button's text ("Arrow", "Arrow · 5"). */
  label: string;
  ariaLabel: string | null;
  /** Local names of its shadow root's children, e.g. "style,button". */
  shape: string;
  /** A page script's `host.shadowRoot` is not null: the root is open to the page. */
  pageSeesRoot: boolean;
  /** The button's box and its title element's, in viewport coordinates. */
  box: Rect;
  titleBox: Rect | null;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PreviewInfo {
  /** Shown: a box, visible, not transparent. */
  visible: boolean;
  recordId: string | null;
  /** The dialog's accessible name: its aria-label, or the text its aria-labelledby names (the title). */
  name: string | null;
  /** The close button's accessible name. */
  closeLabel: string | null;
  title: string | null;
  meta: string | null;
  authors: string[];
  abstract: string | null;
  notes: string[];
  /** The card's links (the title's, then the links row's): text and href. */
  links: { text: string; href: string }[];
  /** The note saying what the badge matched by ("Matched by id"), or null. */
  matchedBy: string | null;
  /** All text of the card's shadow root. */
  text: string;
  /** Elements a payload would have become, had record text been parsed as markup. */
  markup: number;
  box: { left: number; top: number; right: number; bottom: number };
  /** How far the card scrolls sideways (≤ 0: it wraps). */
  overflowX: number;
  viewport: { width: number; height: number };
  /** The card is the topmost element at its own centre. */
  topmost: boolean;
  /** A page script's `host.shadowRoot` is not null: the root is open to the page. */
  pageSeesRoot: boolean;
  /** "light" or "dark". */
  theme: string | null;
  /** The focused control in the card, as "<class>: <text>" (e.g. "author: Ada Reyes"), or null. */
  focused: string | null;
}

/** When the pointer entered a badge and when its preview opened, on the page's own clock (ms). */
export interface PreviewOpening {
  enteredAt: number | null;
  openedAt: number | null;
}

/** Rounding of the page's clock (1 ms in Firefox, 0.1 ms in Chromium), twice over. */
export const PAGE_CLOCK_ROUNDING_MS = 2;

/** How a badge looks, whatever the page's CSS says. */
export interface BadgeLook {
  display: string;
  before: string;
  fontSize: string;
  width: number;
  height: number;
}

/** Options of a page-side wait. */
export interface WaitOptions {
  timeout?: number;
}

/** A tab, the same calls in both browsers; `chromium`/`firefox` give the library's own page for browser-specific branches. */
export interface TestPage {
  readonly browser: BrowserName;
  readonly chromium: ChromiumPage | undefined;
  readonly firefox: FirefoxPage | undefined;
  url(): string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
  /** Brings the tab to the front (Firefox throttles timers in background tabs to once a second). */
  front(): Promise<TestPage>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Runs `fn` in the page with every element matching `hostSelector` and its shadow root, closed
   * ones included (through CDP or WebDriver BiDi: closed-roots.ts); `arg` and the result are JSON.
   */
  inShadowRoots<A, R>(hostSelector: string, fn: ShadowFunction<A, R>, arg: A): Promise<R>;
  /** Runs a script's source in the page, as the automation library does (past the page's CSP): e.g. axe-core's bundle. */
  addScript(source: string): Promise<void>;
  /** Waits until `fn` (run in the page) returns something truthy. */
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, options?: WaitOptions): Promise<void>;
  /** A key, or a chord such as "Shift+Tab". */
  press(key: string): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  /** A real click (trusted input) at a point of the viewport. */
  mouseClick(x: number, y: number): Promise<void>;
  /** Light-DOM elements only (extension pages, page content): CSS selectors both libraries read alike. */
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  uploadFiles(selector: string, paths: string[]): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** What the page's `prefers-color-scheme` says. */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  screenshot(path: string, fullPage?: boolean): Promise<void>;
}

export interface BrowserDriver {
  readonly name: BrowserName;
  readonly label: string;
  /** The build folder loaded. */
  readonly extensionDir: string;
  /** Console errors and uncaught exceptions of every page opened through the driver. */
  readonly errors: string[];
  /** Every console message (any level) and uncaught exception of those pages: "url: type: text". */
  readonly log: string[];
  /** `chrome-extension://<id>/path` or `moz-extension://<uuid>/path`. */
  extensionUrl(path: string): string;
  /** A new tab, at `url` if given (front-most). */
  openPage(url?: string): Promise<TestPage>;
  /** A new tab on one of the extension's pages (`popup.html#name=…`), loaded. */
  openExtensionPage(path: string): Promise<TestPage>;
  openPopup(hash?: string): Promise<TestPage>;
  /** options.html with its settings and records list shown. */
  openOptions(): Promise<TestPage>;
  /** Types `name` into the popup's author box and presses Enter; resolves with the cluster's counts once shown. */
  lookUpAuthor(popup: TestPage, name: string, options?: WaitOptions): Promise<string[]>;

  // ---- The extension's UI inside a page: shadow roots, read here only ----
  readBadges(page: TestPage): Promise<BadgeInfo[]>;
  badgeCount(page: TestPage, selector?: string): Promise<number>;
  /** Waits until the page shows exactly `count` badges and keeps showing that many for `settleMs` (a late or second badge fails it). */
  waitForBadgeCount(page: TestPage, count: number, options?: { timeout?: number; settleMs?: number }): Promise<void>;
  /** How the first badge looks (display, ::before, its button's font size and box). */
  badgeLook(page: TestPage): Promise<BadgeLook>;
  /** Whether keyboard focus is on a badge's button. */
  badgeFocused(page: TestPage): Promise<boolean>;
  hoverBadge(page: TestPage, recordId?: string): Promise<void>;
  focusBadge(page: TestPage, recordId?: string): Promise<void>;
  clickBadge(page: TestPage, recordId?: string, within?: string): Promise<void>;
  /**
   * From now on, records when the pointer enters the first badge's button (the event's own time
   * stamp) and when its preview opens (the button's `aria-expanded` turns true, in the same task
   * as the card shows), on the page's own clock; read with `previewOpening`. Their difference is
   * how long the preview delay held the card back, however slowly the test got round to looking.
   */
  watchPreviewOpening(page: TestPage): Promise<void>;
  previewOpening(page: TestPage): Promise<PreviewOpening>;
  /** The preview card, or null when the page has none. */
  readPreview(page: TestPage): Promise<PreviewInfo | null>;
  /** Polls `readPreview` until `until` holds (default: shown); returns what it read. */
  waitForPreview(page: TestPage, until?: (preview: PreviewInfo) => boolean, options?: WaitOptions): Promise<PreviewInfo>;
  /** Waits until no preview is shown. */
  waitForPreviewHidden(page: TestPage, options?: WaitOptions): Promise<void>;
  clickPreviewAuthor(page: TestPage, name: string): Promise<void>;
  expandPreviewAbstract(page: TestPage): Promise<void>;

  /** How many tabs the browser has open. */
  tabCount(): Promise<number>;
  /** The next tab whose URL contains `urlPart` (opened by the extension, e.g. the cluster page), loaded. */
  waitForTab(urlPart: string, options?: WaitOptions): Promise<TestPage>;
  /** The text of the toolbar button's badge for the tab of `page` (the count of matched papers). */
  toolbarBadgeText(page: TestPage): Promise<string>;

  /** Errors that came from the extension, not the fixture pages' empty stylesheets and missing resources. */
  extensionErrors(errors?: readonly string[]): string[];
  /**
   * Hosts the browser reached over the network that are neither in `pageHosts` nor the
   * browser's own services. Chromium: the hosts of what reached the fixture server (every HTTPS
   * host resolves to it, any other name fails); Firefox: the CONNECT targets (and plain-HTTP
   * requests) it sent through the test proxy.
   */
  foreignHosts(pageHosts: readonly string[]): string[];
  /**
   * Stops the extension's background and resolves once it is stopped. Chromium: the service
   * worker through CDP. Firefox: only a driver launched with `eventPage: true` (see there);
   * waits until Firefox suspended the idle event page.
   */
  stopBackground(): Promise<void>;
  /**
   * The running background's start (its `performance.timeOrigin`), or null while none runs.
   * Looking never wakes it (Chromium: the service workers the browser lists; Firefox event page:
   * `extension.getBackgroundPage()` from a blank extension page).
   */
  runningBackground(): Promise<number | null>;
  /**
   * Quits the browser and starts it again on the same profile (launched with `profileDir`):
   * what a user's restart does. Firefox drops a temporary add-on at quit, so it is installed
   * again, under the same UUID (the same moz-extension origin, hence the same storage).
   */
  restart(options?: DriverOptions): Promise<BrowserDriver>;
  /**
   * Starts looking now (never waking it) and resolves with the start of the first background
   * seen running: call it while the background is stopped, before what should wake it.
   */
  nextBackground(options?: WaitOptions): Promise<number>;
  /** The extension goes away under the open pages (Chromium over CDP, Firefox over BiDi). */
  uninstallExtension(): Promise<void>;
  /** Installed again after `uninstallExtension`. */
  installExtension(): Promise<void>;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** The build folder (default: CHROME_BUILD / FIREFOX_BUILD). */
  extensionDir?: string;
  /** A profile folder kept after close: launch again on it to restart the browser with the same profile. */
  profileDir?: string;
  /** Firefox: a copy of the build whose background is an event page (`persistent: false`), suspended after 1 s idle. */
  eventPage?: boolean;
  /** Firefox: extra prefs; the add-on's UUID (to reinstall under the same origin after a restart). */
  prefs?: Record<string, string | number | boolean>;
  uuid?: string;
  /** Chromium: extra flags; a visible window (the demo); page locale emulation and environment (a German browser). */
  args?: string[];
  headless?: boolean;
  locale?: string;
  env?: Record<string, string>;
  /** What `prefers-color-scheme` answers on every page, extension pages included (Chromium: emulated; Firefox: its content override pref). */
  colourScheme?: 'light' | 'dark';
}

/** Errors that came from the extension: not the fixture pages' missing resources nor their empty stylesheets (served as text/plain). */
export function extensionErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !/Failed to load resource/.test(e) && !/The stylesheet .* was not loaded because its MIME type/.test(e));
}

const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

// ---- Page functions: run in the page by `TestPage.inShadowRoots` (closed-roots.ts), with the
// badge or preview hosts and their closed shadow roots. No nested named functions: they are sent
// as source text. ----

function badgesInPage(badges: HTMLElement[], roots: (ShadowRoot | null)[]): BadgeInfo[] {
  return badges.map((badge, i) => {
    const owner = badge.dataset.placement === 'after' ? badge.previousElementSibling : badge.parentElement;
    const root = roots[i];
    const button = root?.querySelector('button');
    return {
      recordId: badge.dataset.recordId ?? '',
      title: (owner?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      label: button?.textContent ?? '',
      ariaLabel: button?.getAttribute('aria-label') ?? null,
      shape: root ? [...root.children].map((c) => c.localName).join(',') : '',
      pageSeesRoot: badge.shadowRoot !== null,
      box: JSON.parse(JSON.stringify(button?.getBoundingClientRect() ?? null)),
      titleBox: owner ? JSON.parse(JSON.stringify(owner.getBoundingClientRect())) : null,
    };
  });
}

function previewInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): PreviewInfo | null {
  const card = roots[0]?.querySelector<HTMLElement>('.card');
  if (!card) return null;
  const r = card.getBoundingClientRect();
  const visible = r.width > 0 && r.height > 0 && !card.hidden && card.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const hit = visible ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
  return {
    visible,
    recordId: card.dataset.recordId ?? null,
    name: card.getAttribute('aria-label') ?? roots[0]!.getElementById(card.getAttribute('aria-labelledby') ?? '')?.textContent ?? null,
    closeLabel: card.querySelector('.close')?.getAttribute('aria-label') ?? null,
    title: card.querySelector('.title')?.textContent ?? null,
    meta: card.querySelector('.meta')?.textContent ?? null,
    authors: [...card.querySelectorAll('.author')].map((a) => a.textContent ?? ''),
    abstract: card.querySelector('.abstract')?.textContent ?? null,
    notes: [...card.querySelectorAll('.note')].map((n) => n.textContent ?? ''),
    links: [...card.querySelectorAll('a[href]')].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
    matchedBy: card.querySelector('.matched-by')?.textContent ?? null,
    text: roots[0]!.textContent ?? '',
    markup: card.querySelectorAll('img, script, svg, a, iframe, object, b, i').length,
    box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    overflowX: card.scrollWidth - card.clientWidth,
    viewport: { width: innerWidth, height: innerHeight },
    topmost: hit?.getAttribute('data-arrow-lens') === 'preview',
    pageSeesRoot: hosts[0]!.shadowRoot !== null,
    theme: card.dataset.theme ?? null,
    focused: roots[0]!.activeElement ? `${roots[0]!.activeElement.className || roots[0]!.activeElement.localName}: ${roots[0]!.activeElement.textContent ?? ''}` : null,
  };
}

function badgeLookInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): BadgeLook {
  const host = hosts[0]!;
  const button = roots[0]!.querySelector('button')!;
  const box = button.getBoundingClientRect();
  return {
    display: getComputedStyle(host).display,
    before: getComputedStyle(host, '::before').content,
    fontSize: getComputedStyle(button).fontSize,
    width: box.width,
    height: box.height,
  };
}

function badgeFocusedInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): boolean {
  const at = hosts.indexOf(document.activeElement as HTMLElement);
  return at >= 0 && roots[at]?.activeElement?.tagName === 'BUTTON';
}

function watchPreviewOpeningInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): void {
  const button = roots[0]!.querySelector('button')!;
  const timing: PreviewOpening = { enteredAt: null, openedAt: null };
  (window as unknown as { __previewOpening: PreviewOpening }).__previewOpening = timing;
  button.addEventListener('mouseenter', (event) => (timing.enteredAt ??= event.timeStamp));
  new MutationObserver(() => {
    if (button.getAttribute('aria-expanded') === 'true') timing.openedAt ??= performance.now();
  }).observe(button, { attributes: true, attributeFilter: ['aria-expanded'] });
}

/**
 * The centre of the first badge's button, for real pointer input, scrolled to the middle of the
 * viewport only when it is out of view or under something (a page's fixed banner), as a user
 * would; `covered` names what a pointer there would hit instead of the badge.
 */
function badgeButtonCentreInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): { x: number; y: number; covered: string | null } | null {
  const button = roots[0]?.querySelector('button');
  if (!button) return null;
  let box = button.getBoundingClientRect();
  let hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  // Out of view or covered: a quarter down the viewport, then the middle (fixed banners sit at
  // the top or the bottom).
  for (const at of [0.25, 0.5]) {
    if (box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && hit === hosts[0]) break;
    button.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
    scrollBy({ top: Math.round(button.getBoundingClientRect().top - innerHeight * at), behavior: 'instant' });
    box = button.getBoundingClientRect();
    hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  }
  return { x: box.left + box.width / 2, y: box.top + box.height / 2, covered: hit === hosts[0] ? null : (hit?.outerHTML.slice(0, 120) ?? 'nothing') };
}

function focusBadgeButtonInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[]): boolean {
  const button = roots[0]?.querySelector('button');
  button?.focus();
  return !!button;
}

/** The centre of a preview button, for a real click: the extension ignores a script's `click()`. */
function previewButtonCentreInPage(hosts: HTMLElement[], roots: (ShadowRoot | null)[], [kind, text]: ['author' | 'more', string]): { x: number; y: number } | null {
  const card = roots[0]?.querySelector('.card');
  const button = [...(card?.querySelectorAll<HTMLButtonElement>(kind === 'author' ? '.author' : '.more') ?? [])].find((b) => kind === 'more' || b.textContent === text);
  if (!button) return null;
  button.scrollIntoView({ block: 'center', behavior: 'instant' }); // clear of the card's sticky head
  const box = button.getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

const badgeSelector = (recordId?: string, within?: string) => `${within ? `${within} ` : ''}${BADGE}${recordId ? `[data-record-id="${recordId}"]` : ''}`;

// ---- The parts both drivers share ----

abstract class DriverBase {
  abstract readonly name: BrowserName;
  /** How this driver was launched, for `restart`. */
  launched!: { server: FixtureServer; options: DriverOptions };
  abstract close(): Promise<void>;
  protected restartOptions(): DriverOptions {
    return {};
  }

  abstract runningBackground(): Promise<number | null>;
  async nextBackground({ timeout = 20_000 }: WaitOptions = {}): Promise<number> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const started = await this.runningBackground();
      if (started !== null) return started;
      if (Date.now() > deadline) throw new Error(`no background started within ${timeout} ms`);
      await sleep(20);
    }
  }

  async restart(options: DriverOptions = {}): Promise<BrowserDriver> {
    if (!this.launched.options.profileDir) throw new Error('restart needs a driver launched with profileDir');
    const again = { ...this.launched.options, ...this.restartOptions(), ...options };
    await this.close();
    return launchDriver(this.name, this.launched.server, again);
  }
  abstract openPage(url?: string): Promise<TestPage>;
  abstract openExtensionPage(path: string): Promise<TestPage>;

  openPopup(hash = ''): Promise<TestPage> {
    return this.openExtensionPage(`popup.html${hash}`);
  }

  async openOptions(): Promise<TestPage> {
    const page = await this.openExtensionPage('options.html');
    await page.waitFor(() => document.querySelector('main.options h1')?.textContent, undefined, { timeout: 10_000 });
    // The settings (from storage) and the records list (from IndexedDB) are shown.
    await page.waitFor(() => document.querySelector('input[name="badge-style"]') && document.querySelector('.records .empty, .records .source-list'), undefined, { timeout: 10_000 });
    return page;
  }

  async lookUpAuthor(popup: TestPage, name: string, { timeout = 10_000 }: WaitOptions = {}): Promise<string[]> {
    await popup.type('input[role="combobox"]', name);
    await popup.press('Enter');
    await popup.waitFor(
      (n) => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === n) && document.querySelectorAll('.cluster-counts span').length > 0,
      name,
      { timeout },
    );
    return popup.evaluate(() => [...document.querySelectorAll('.cluster-counts span')].map((s) => s.textContent ?? ''));
  }

  readBadges(page: TestPage): Promise<BadgeInfo[]> {
    return page.inShadowRoots(BADGE, badgesInPage, undefined);
  }

  badgeCount(page: TestPage, selector = BADGE): Promise<number> {
    return page.evaluate((s) => document.querySelectorAll(s).length, selector);
  }

  async waitForBadgeCount(page: TestPage, count: number, { timeout = 10_000, settleMs = 500 } = {}): Promise<void> {
    try {
      await page.waitFor(
        ([selector, n, settle, token]) => {
          // Since when the count has been n, kept per wait (token) on the page's window.
          const since = ((window as unknown as { __arrowLensTestWaits?: Record<string, number | undefined> }).__arrowLensTestWaits ??= {});
          if (document.querySelectorAll(selector).length !== n) {
            since[token] = undefined;
            return false;
          }
          since[token] ??= performance.now();
          return performance.now() - since[token] >= settle;
        },
        [BADGE, count, settleMs, randomUUID()] as [string, number, number, string],
        { timeout },
      );
    } catch (error) {
      const seen = await this.badgeCount(page).catch(() => 'unknown');
      throw new Error(`expected ${count} badge(s) on ${page.url()} to stay for ${settleMs} ms; the page shows ${seen}`, { cause: error });
    }
  }

  badgeLook(page: TestPage): Promise<BadgeLook> {
    return page.inShadowRoots(BADGE, badgeLookInPage, undefined);
  }

  badgeFocused(page: TestPage): Promise<boolean> {
    return page.inShadowRoots(BADGE, badgeFocusedInPage, undefined);
  }

  readPreview(page: TestPage): Promise<PreviewInfo | null> {
    return page.inShadowRoots(PREVIEW, previewInPage, undefined);
  }

  watchPreviewOpening(page: TestPage): Promise<void> {
    return page.inShadowRoots(BADGE, watchPreviewOpeningInPage, undefined);
  }

  previewOpening(page: TestPage): Promise<PreviewOpening> {
    return page.evaluate(() => (window as unknown as { __previewOpening: PreviewOpening }).__previewOpening);
  }

  async waitForPreview(page: TestPage, until: (preview: PreviewInfo) => boolean = (p) => p.visible, { timeout = 10_000 }: WaitOptions = {}): Promise<PreviewInfo> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const preview = await this.readPreview(page);
      if (preview && until(preview)) return preview;
      if (Date.now() > deadline) throw new Error(`the preview on ${page.url()} did not get there within ${timeout} ms; it shows ${JSON.stringify(preview)?.slice(0, 400)}`);
      await sleep(50);
    }
  }

  async waitForPreviewHidden(page: TestPage, { timeout = 5_000 }: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + timeout;
    while ((await this.readPreview(page))?.visible) {
      if (Date.now() > deadline) throw new Error(`the preview on ${page.url()} stayed open for ${timeout} ms`);
      await sleep(50);
    }
  }

  async clickPreviewAuthor(page: TestPage, name: string): Promise<void> {
    const centre = await page.inShadowRoots(PREVIEW, previewButtonCentreInPage, ['author', name] as ['author' | 'more', string]);
    if (!centre) throw new Error(`no author ${name} in the preview`);
    await page.mouseClick(centre.x, centre.y);
  }

  async expandPreviewAbstract(page: TestPage): Promise<void> {
    const centre = await page.inShadowRoots(PREVIEW, previewButtonCentreInPage, ['more', ''] as ['author' | 'more', string]);
    if (!centre) throw new Error('no "more" button in the preview');
    await page.mouseClick(centre.x, centre.y);
  }

  /** Real pointer and focus input on a badge's button (in its closed root), as a user gives it. */
  private async badgeButtonCentre(page: TestPage, recordId?: string, within?: string): Promise<{ x: number; y: number }> {
    const selector = badgeSelector(recordId, within);
    await page.waitFor((s) => document.querySelector(s) !== null, selector, { timeout: 10_000 });
    const centre = await page.inShadowRoots(selector, badgeButtonCentreInPage, undefined);
    if (!centre) throw new Error(`no badge button for ${selector} on ${page.url()}`);
    if (centre.covered) throw new Error(`the badge ${selector} on ${page.url()} is covered by ${centre.covered}`);
    return centre;
  }

  async hoverBadge(page: TestPage, recordId?: string): Promise<void> {
    const { x, y } = await this.badgeButtonCentre(page, recordId);
    await page.mouseMove(x, y);
  }

  async clickBadge(page: TestPage, recordId?: string, within?: string): Promise<void> {
    const { x, y } = await this.badgeButtonCentre(page, recordId, within);
    await page.mouseClick(x, y);
  }

  async focusBadge(page: TestPage, recordId?: string): Promise<void> {
    const selector = badgeSelector(recordId);
    await page.waitFor((s) => document.querySelector(s) !== null, selector, { timeout: 10_000 });
    if (!(await page.inShadowRoots(selector, focusBadgeButtonInPage, undefined))) throw new Error(`no badge button for ${selector} on ${page.url()}`);
  }

  extensionErrors(errors?: readonly string[]): string[] {
    return extensionErrors(errors ?? (this as unknown as BrowserDriver).errors);
  }
}

// ---- Chromium (playwright-core) ----

function chromiumPage(page: ChromiumPage): TestPage {
  const wrapped: TestPage = {
    browser: 'chromium',
    chromium: page,
    firefox: undefined,
    url: () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    front: async () => {
      await page.bringToFront();
      return wrapped;
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inShadowRoots: (hostSelector, fn, arg) => inShadowRootsChromium(page, hostSelector, fn, arg),
    addScript: async (source) => void (await page.evaluate(source)),
    waitFor: async (fn, arg, { timeout = 10_000 } = {}) => void (await page.waitForFunction(fn as never, arg, { timeout, polling: 50 })),
    press: (key) => page.keyboard.press(key),
    mouseMove: (x, y) => page.mouse.move(x, y),
    mouseClick: (x, y) => page.mouse.click(x, y),
    click: (selector) => page.locator(selector).first().click(),
    focus: (selector) => page.locator(selector).first().focus(),
    type: (selector, text) => page.locator(selector).first().pressSequentially(text),
    uploadFiles: (selector, paths) => page.locator(selector).first().setInputFiles(paths),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    screenshot: async (path, fullPage = false) => void (await page.screenshot({ path, fullPage })),
  };
  return wrapped;
}

/** What Chromium's browser process requests by itself, with or without any extension (sign-in account list, component updater, time, autofill). */
const CHROMIUM_OWN = /^(accounts\.google\.com|update\.googleapis\.com|clients2\.google\.com|content-autofill\.googleapis\.com)$/;
/** Firefox's own services, should a pref not hold them back. */
const FIREFOX_OWN = /^(http [a-z]+:\/\/)?[^/]*\b(mozilla\.(com|net|org)|firefox\.com|mozaws\.net)\b/;

class ChromiumDriver extends DriverBase implements BrowserDriver {
  readonly name = 'chromium' as const;
  readonly label = 'Chromium';
  constructor(
    readonly browser: ExtensionBrowser,
    readonly extensionDir: string,
    private readonly server: FixtureServer,
  ) {
    super();
  }
  foreignHosts(pageHosts: readonly string[]): string[] {
    const hosts = new Set(this.server.requests.map((r) => r.split('/')[0]!.replace(/:443$/, '')));
    return [...hosts].filter((h) => !pageHosts.includes(h) && !CHROMIUM_OWN.test(h));
  }
  get errors() {
    return this.browser.errors;
  }
  get log() {
    return this.browser.log;
  }
  extensionUrl(path: string): string {
    return `chrome-extension://${this.browser.extensionId}/${path.replace(/^\//, '')}`;
  }
  async openPage(url?: string): Promise<TestPage> {
    const page = chromiumPage(await this.browser.newPage());
    if (url) await page.goto(url);
    return page;
  }
  async openExtensionPage(path: string): Promise<TestPage> {
    return this.openPage(this.extensionUrl(path));
  }
  async tabCount(): Promise<number> {
    return this.browser.context.pages().length;
  }
  async waitForTab(urlPart: string, { timeout = 10_000 }: WaitOptions = {}): Promise<TestPage> {
    const page = await this.browser.context.waitForEvent('page', { predicate: (p) => p.url().includes(urlPart), timeout });
    await page.waitForLoadState();
    return chromiumPage(page);
  }
  async toolbarBadgeText(page: TestPage): Promise<string> {
    await page.front();
    const worker = this.workers().at(-1) ?? (await this.browser.context.waitForEvent('serviceworker'));
    return worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id === undefined ? 'no tab' : chrome.action.getBadgeText({ tabId: tab.id });
    });
  }
  private workers() {
    return this.browser.context.serviceWorkers().filter((w) => new URL(w.url()).host === this.browser.extensionId);
  }
  /**
   * A CDP session (on a blank tab of its own) that follows the extension's service worker:
   * Playwright neither stops a worker nor notices one stopped (its Worker stays listed, and
   * evaluating in it then hangs), so whether one runs is read from ServiceWorker events.
   */
  private watcher: Promise<{ cdp: CDPSession; running: () => boolean }> | null = null;
  private watchWorkers() {
    return (this.watcher ??= (async () => {
      const tab = await this.browser.newPage();
      const cdp = await this.browser.context.newCDPSession(tab);
      const status = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${this.browser.extensionId}/`)) status.set(v.versionId, v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      // enable reports the registered workers as they are: wait for that first report.
      for (let i = 0; i < 100 && status.size === 0; i++) await sleep(20);
      return { cdp, running: () => [...status.values()].some((s) => s === 'running' || s === 'starting') };
    })());
  }
  async stopBackground(): Promise<void> {
    const { cdp, running } = await this.watchWorkers();
    await cdp.send('ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + 10_000;
    while (running()) {
      if (Date.now() > deadline) throw new Error('the service worker did not stop within 10 s');
      await sleep(50);
    }
  }
  async runningBackground(): Promise<number | null> {
    const { running } = await this.watchWorkers();
    if (!running()) return null;
    // Evaluating in a Worker whose worker is not (yet) running hangs: give up after a while and
    // say "not running" (just after the start, Playwright may not be attached again).
    const worker = this.workers().at(-1);
    if (!worker) return null;
    return Promise.race([worker.evaluate(() => performance.timeOrigin), sleep(2_000).then(() => null)]);
  }
  uninstallExtension() {
    return this.browser.uninstallExtension();
  }
  async installExtension() {
    const id = await this.browser.installExtension();
    if (id !== this.browser.extensionId) throw new Error(`installed again as ${id}, not ${this.browser.extensionId}`);
  }
  close() {
    return this.browser.close();
  }
}

// ---- Firefox (puppeteer-core over WebDriver BiDi) ----

/** `extensionUrl`: the moz-extension page it shows, which puppeteer does not see it navigate to (its URL stays about:blank). */
function firefoxPage(page: FirefoxPage, extensionUrl?: string): TestPage {
  const wrapped: TestPage = {
    browser: 'firefox',
    chromium: undefined,
    firefox: page,
    url: () => (extensionUrl && page.url() === 'about:blank' ? extensionUrl : page.url()),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    front: async () => {
      await page.bringToFront();
      return wrapped;
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    inShadowRoots: (hostSelector, fn, arg) => inShadowRootsFirefox(page, hostSelector, fn, arg),
    addScript: async (source) => void (await page.evaluate(source)),
    waitFor: async (fn, arg, { timeout = 10_000 } = {}) => void (await page.waitForFunction(fn as never, { timeout, polling: 50 }, arg)),
    // Playwright's "Shift+Tab" chords, which puppeteer's press does not read.
    press: async (chord) => {
      const keys = chord.split('+');
      const key = keys.pop()!;
      for (const modifier of keys) await page.keyboard.down(modifier as never);
      await page.keyboard.press(key as never);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier as never);
    },
    mouseMove: (x, y) => page.mouse.move(x, y),
    mouseClick: (x, y) => page.mouse.click(x, y),
    click: (selector) => page.click(selector),
    focus: (selector) => page.focus(selector),
    type: async (selector, text) => {
      const element = await page.waitForSelector(selector, { timeout: 10_000 });
      await element!.type(text);
    },
    uploadFiles: async (selector, paths) => {
      const input = await page.$(selector);
      if (!input) throw new Error(`no ${selector}`);
      await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(...paths);
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    emulateColorScheme: (scheme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
    screenshot: async (path, fullPage = false) => void (await page.screenshot({ path, fullPage })),
  };
  return wrapped;
}

/** How long Firefox lets an event page idle before suspending it (its default is 30 s). */
const IDLE_TIMEOUT_MS = 1_000;

class FirefoxDriver extends DriverBase implements BrowserDriver {
  readonly name = 'firefox' as const;
  readonly label = 'Firefox ESR';
  private probe: FirefoxPage | null = null;
  constructor(
    readonly firefox: FirefoxWithExtension,
    readonly extensionDir: string,
    private readonly eventPage: boolean,
    private readonly cleanup: () => void,
  ) {
    super();
  }
  get errors() {
    return this.firefox.errors;
  }
  get log() {
    return this.firefox.log;
  }
  extensionUrl(path: string): string {
    return this.firefox.extensionUrl(path);
  }
  foreignHosts(pageHosts: readonly string[]): string[] {
    return [...new Set(this.firefox.connects)].filter((target) => !pageHosts.includes(target.replace(/:443$/, '')) && !FIREFOX_OWN.test(target));
  }
  async openPage(url?: string): Promise<TestPage> {
    const page = firefoxPage(await this.firefox.newPage());
    await page.front();
    if (url) await page.goto(url);
    return page;
  }
  async openExtensionPage(path: string): Promise<TestPage> {
    const page = await this.firefox.newPage();
    // Firefox loads moz-extension pages in the extension process; puppeteer never sees that navigation finish.
    await openExtensionPage(page, this.extensionUrl(path));
    return firefoxPage(page, this.extensionUrl(path)).front();
  }
  async tabCount(): Promise<number> {
    return (await this.firefox.browser.pages()).length;
  }
  async waitForTab(urlPart: string, { timeout = 10_000 }: WaitOptions = {}): Promise<TestPage> {
    // Puppeteer never sees a tab's navigation to a moz-extension page (its URL stays
    // about:blank): ask each tab where it is.
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const page of await this.firefox.browser.pages()) {
        const state = await page.evaluate(() => `${document.readyState} ${location.href}`).catch(() => '');
        if (state.startsWith('complete ') && state.includes(urlPart)) return firefoxPage(page, state.slice('complete '.length));
      }
      if (Date.now() > deadline) throw new Error(`no tab at *${urlPart}* within ${timeout} ms`);
      await sleep(100);
    }
  }
  async toolbarBadgeText(page: TestPage): Promise<string> {
    // From an extension page in another tab: the active tab is `page`'s once it is in front.
    const extensionPage = await this.openExtensionPage('popup.html');
    try {
      await page.front();
      return await extensionPage.evaluate(async () => {
        const api = (globalThis as unknown as { browser: { tabs: typeof chrome.tabs; browserAction: typeof chrome.action } }).browser;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id === undefined ? 'no tab' : api.browserAction.getBadgeText({ tabId: tab.id });
      });
    } finally {
      await extensionPage.close();
    }
  }
  /** A blank extension page (event-page copy only): it sends no message, so it wakes nothing. */
  private async probePage(): Promise<FirefoxPage> {
    if (!this.eventPage) throw new Error('Firefox never stops a persistent background page: launch the driver with eventPage: true');
    if (!this.probe) {
      this.probe = await this.firefox.newPage();
      await openExtensionPage(this.probe, this.extensionUrl('probe.html'));
    }
    return this.probe;
  }
  async runningBackground(): Promise<number | null> {
    if (!this.eventPage) return this.firefox.backgroundStartedAt();
    // extension.getBackgroundPage() (the synchronous one) only looks: it never starts an event page.
    return (await this.probePage()).evaluate(() => {
      const api = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): Window | null } } }).browser;
      return api.extension.getBackgroundPage()?.performance.timeOrigin ?? null;
    });
  }
  async stopBackground(): Promise<void> {
    // Nothing to press: Firefox suspends the idle event page after IDLE_TIMEOUT_MS; wait for it.
    await this.probePage();
    const deadline = Date.now() + 30_000;
    while ((await this.runningBackground()) !== null) {
      if (Date.now() > deadline) throw new Error('Firefox did not suspend the idle background within 30 s');
      await sleep(100);
    }
  }
  protected override restartOptions(): DriverOptions {
    return this.firefox.uuid ? { uuid: this.firefox.uuid } : {};
  }
  async uninstallExtension() {
    this.probe = null;
    const uuid = this.firefox.uuid;
    await this.firefox.uninstallExtension();
    // With this pref Firefox keeps the add-on's UUID for its next install.
    if (this.launched.options.prefs?.['extensions.webextensions.keepUuidOnUninstall']) this.firefox.uuid = uuid;
  }
  installExtension() {
    return this.firefox.installExtension();
  }
  async close() {
    await this.firefox.close();
    this.cleanup();
  }
}

/** A copy of the Firefox build whose background is an event page, with a blank probe.html. */
function eventPageCopy(build: string): { dir: string; remove: () => void } {
  const work = mkdtempSync(join(tmpdir(), 'arrow-lens-event-page-'));
  const dir = join(work, 'firefox-mv2');
  cpSync(build, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { background: { scripts: string[]; persistent?: boolean } };
  if (JSON.stringify(manifest.background.scripts) !== '["background.js"]') throw new Error('expected an MV2 background page');
  manifest.background.persistent = false;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'probe.html'), '<!doctype html><meta charset="utf-8"><title>probe</title>');
  return { dir, remove: () => rmSync(work, { recursive: true, force: true }) };
}

/** The browser `name` with the extension, its pages served by `server`. */
export async function launchDriver(name: BrowserName, server: FixtureServer, options: DriverOptions = {}): Promise<BrowserDriver> {
  const driver = await launch(name, server, options);
  driver.launched = { server, options };
  return driver;
}

async function launch(name: BrowserName, server: FixtureServer, options: DriverOptions): Promise<ChromiumDriver | FirefoxDriver> {
  const extensionDir = options.extensionDir ?? buildOf(name);
  if (name === 'chromium') {
    const browser = await launchWithExtension(server, {
      extensionDir,
      install: 'cdp',
      ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
      ...(options.args ? { args: options.args } : {}),
      ...(options.headless === false ? { headless: false } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.colourScheme ? { colorScheme: options.colourScheme } : {}),
    });
    return new ChromiumDriver(browser, extensionDir, server);
  }
  const copy = options.eventPage ? eventPageCopy(extensionDir) : null;
  try {
    const firefox = await launchFirefoxWithExtension(server, copy?.dir ?? extensionDir, {
      ...(options.profileDir ? { profileDir: options.profileDir } : {}),
      ...(options.uuid ? { uuid: options.uuid } : {}),
      prefs: {
        ...(copy ? { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS } : {}),
        // 0 dark, 1 light: what web content and extension pages are told.
        ...(options.colourScheme ? { 'layout.css.prefers-color-scheme.content-override': options.colourScheme === 'dark' ? 0 : 1 } : {}),
        ...options.prefs,
      },
    });
    return new FirefoxDriver(firefox, extensionDir, !!copy, () => copy?.remove());
  } catch (error) {
    copy?.remove();
    throw error;
  }
}

/** The Firefox side of a driver, for Firefox-only branches (its UUID, BiDi add-on calls). */
export function firefoxOf(driver: BrowserDriver): FirefoxWithExtension {
  if (!(driver instanceof FirefoxDriver)) throw new Error('not a Firefox driver');
  return driver.firefox;
}

/** The Chromium side of a driver, for Chromium-only branches (its context, service worker). */
export function chromiumOf(driver: BrowserDriver): ExtensionBrowser {
  if (!(driver instanceof ChromiumDriver)) throw new Error('not a Chromium driver');
  return driver.browser;
}
