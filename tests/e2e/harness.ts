/**
 * Real-browser harness: Debian Chromium driven by playwright-core, the built extension loaded
 * unpacked, fixture pages served over HTTPS on loopback and reached under their real host names
 * (--host-resolver-rules), so the manifest's match patterns run exactly as on the real sites.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const PROJECT_DIR = resolve(typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The build as shipped, with the whole bundled corpus. */
export const SHIPPED_CHROME_BUILD = join(PROJECT_DIR, '.output/chrome-mv3');
/**
 * The build most e2e tests load: `$ARROW_LENS_BUILD_DIR/chrome-mv3` — `npm run test:e2e` points it
 * at `.output-seed/`, the shipped build with the seed export as its only records, so fixture pages
 * get exactly the seed's badges — else the shipped build.
 */
export const CHROME_BUILD = process.env.ARROW_LENS_BUILD_DIR ? join(resolve(PROJECT_DIR, process.env.ARROW_LENS_BUILD_DIR), 'chrome-mv3') : SHIPPED_CHROME_BUILD;
export const FIXTURES_DIR = join(PROJECT_DIR, 'tests/fixtures/sites');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface SiteFixture {
  adapter: string;
  name: string;
  url: string;
  titles: string[];
  html: string;
  dynamic?: boolean;
  tabs?: Record<string, string[]>;
}

export function loadSiteFixtures(): SiteFixture[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(FIXTURES_DIR, dir.name))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((file) => {
          const meta = JSON.parse(readFileSync(join(FIXTURES_DIR, dir.name, file), 'utf8')) as Omit<SiteFixture, 'adapter' | 'name' | 'html'>;
          const name = file.replace(/\.json$/, '');
          return { ...meta, adapter: dir.name, name, html: readFileSync(join(FIXTURES_DIR, dir.name, `${name}.html`), 'utf8') };
        }),
    );
}

export interface FixtureServer {
  port: number;
  /** Every request that reached the server: "host/path?query". */
  requests: string[];
  /** Adds or replaces a page at a URL. */
  route(url: string, html: string): void;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'arrow-lens-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=arrow-lens-fixtures', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFixtureServer(pages: Record<string, string> = {}): Promise<FixtureServer> {
  const routes = new Map<string, string>();
  const keyOf = (url: URL) => `${url.host}${url.pathname}${url.search}`;
  const route = (url: string, html: string) => routes.set(keyOf(new URL(url)), html);
  for (const [url, html] of Object.entries(pages)) route(url, html);
  const requests: string[] = [];
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const key = `${req.headers.host}${req.url}`;
    requests.push(key);
    const html = routes.get(key);
    if (html === undefined) {
      // Stylesheets, images and favicons the fixture pages refer to: empty, not an error page.
      res.writeHead(req.url?.match(/\.(css|js|png|svg|ico|woff2?)(\?|$)/) ? 200 : 404, { 'content-type': 'text/plain' });
      res.end('');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  return { port, requests, route, close: () => new Promise((done) => server.close(() => done())) };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Console errors and uncaught exceptions seen on any page. */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM) && existsSync(join(CHROME_BUILD, 'manifest.json'));
}

/**
 * Chromium flags for tests: no sandbox (root), no background traffic (the network is closed),
 * and every HTTPS host sent to the fixture server; anything else fails fast.
 */
export function chromiumArgs(server: Pick<FixtureServer, 'port'>): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--ignore-certificate-errors',
    `--host-resolver-rules=MAP *:443 127.0.0.1:${server.port}, MAP * ~NOTFOUND`,
  ];
}

/** `extensionDir: null` launches the same browser without the extension (a baseline for the bench). */
/**
 * `userDataDir`: a profile folder to keep after close (a browser restart is a second launch on
 * it); by default a fresh one, removed on close.
 */
export async function launchWithExtension(
  server: FixtureServer,
  options: { headless?: boolean; extensionDir?: string | null; userDataDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir === undefined ? CHROME_BUILD : options.extensionDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'arrow-lens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...chromiumArgs(server),
    ],
  });
  const worker = extensionDir ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }))) : null;
  const extensionId = worker ? new URL(worker.url()).host : '';
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    extensionId,
    errors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Errors that came from the extension (not the fixture's missing stylesheets). */
export function extensionErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !/Failed to load resource/.test(e));
}

export interface BadgeInfo {
  recordId: string;
  /** Text of the title element the badge belongs to. */
  title: string;
}

/**
 * Every badge on the page, with the text of the title it belongs to: the element before it,
 * or the one it sits in, as its data-placement says.
 */
export async function readBadges(page: Page): Promise<BadgeInfo[]> {
  return page.evaluate(() => {
    return [...document.querySelectorAll<HTMLElement>('[data-arrow-lens="badge"]')].map((badge) => {
      const owner = badge.dataset.placement === 'after' ? badge.previousElementSibling! : badge.parentElement!;
      return { recordId: badge.dataset.recordId ?? '', title: (owner.textContent ?? '').replace(/\s+/g, ' ').trim() };
    });
  });
}

/** Waits until the page shows `count` badges and still does half a second later. */
export async function waitForBadgeCount(page: Page, count: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-arrow-lens="badge"]').length === n, count, { timeout });
  await page.waitForTimeout(500);
  const settled = await page.evaluate(() => document.querySelectorAll('[data-arrow-lens="badge"]').length);
  if (settled !== count) throw new Error(`badge count moved from ${count} to ${settled}`);
}

/** When the pointer entered a badge and when its preview opened, on the page's own clock (ms). */
export interface PreviewOpening {
  enteredAt: number | null;
  openedAt: number | null;
}

/**
 * A page function (for `page.evaluate`, Playwright's or puppeteer's): from now on, records when
 * the pointer enters the first badge's button (the event's own time stamp) and when its preview
 * opens (the button's `aria-expanded` turns true, in the same task as the card shows). Read with
 * `previewOpening`. Their difference is how long the preview delay held the card back, however
 * slowly the test itself got round to looking.
 */
export function watchPreviewOpening(): void {
  const button = document.querySelector('[data-arrow-lens="badge"]')!.shadowRoot!.querySelector('button')!;
  const timing: PreviewOpening = { enteredAt: null, openedAt: null };
  (window as unknown as { __previewOpening: PreviewOpening }).__previewOpening = timing;
  button.addEventListener('mouseenter', (event) => (timing.enteredAt ??= event.timeStamp));
  new MutationObserver(() => {
    if (button.getAttribute('aria-expanded') === 'true') timing.openedAt ??= performance.now();
  }).observe(button, { attributes: true, attributeFilter: ['aria-expanded'] });
}

/** A page function: what `watchPreviewOpening` recorded. */
export function previewOpening(): PreviewOpening {
  return (window as unknown as { __previewOpening: PreviewOpening }).__previewOpening;
}

/** Rounding of the page's clock (1 ms in Firefox, 0.1 ms in Chromium), twice over. */
export const PAGE_CLOCK_ROUNDING_MS = 2;

// ---- Helpers for the robustness and lifecycle tests ----

/** The Chrome build the robustness and lifecycle tests load: the same as CHROME_BUILD. */
export const TEST_CHROME_BUILD = CHROME_BUILD;

export function testBuildAvailable(): boolean {
  return existsSync(CHROMIUM) && existsSync(join(TEST_CHROME_BUILD, 'manifest.json'));
}

/** Every URL the context requests from now on: pages, frames and the extension's service worker. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** The requests that went neither to one of `pageOrigins` nor to the extension's own files. */
export function foreignRequests(urls: readonly string[], pageOrigins: readonly string[], extensionId: string): string[] {
  return urls.filter((url) => !url.startsWith(`chrome-extension://${extensionId}/`) && !pageOrigins.includes(new URL(url).origin));
}
