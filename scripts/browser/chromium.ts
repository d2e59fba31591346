/**
 * Debian Chromium driven by playwright-core, the built MV3 extension loaded unpacked, every
 * HTTPS host sent to the fixture server (--host-resolver-rules). The demo and the in-browser
 * bench launch it directly; the e2e tests through the Chromium `BrowserDriver` (driver.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROME_BUILD, type FixtureServer } from './fixtures';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why Chromium tests cannot run on `build`, or null when they can. */
export function chromiumUnavailable(build = CHROME_BUILD): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(join(build, 'manifest.json'))) return `no Chrome build in ${build} (npm run build first)`;
  return null;
}

export function browserAvailable(): boolean {
  return chromiumUnavailable() === null;
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

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Console errors and uncaught exceptions seen on any page. */
  errors: string[];
  /** Every console message (any level) and uncaught exception of any page: "url: type: text". */
  log: string[];
  newPage(): Promise<Page>;
  /**
   * Only with `install: 'cdp'`: the extension removed (Extensions.uninstall) and installed again
   * from its folder (Extensions.loadUnpacked, same id). Chromium refuses to uninstall an
   * extension loaded from the command line.
   */
  uninstallExtension(): Promise<void>;
  installExtension(): Promise<string>;
  close(): Promise<void>;
}

export interface ChromiumLaunchOptions {
  headless?: boolean;
  /** The unpacked build (default CHROME_BUILD); null launches the same browser without it (a baseline for the bench). */
  extensionDir?: string | null;
  /** A profile folder to keep after close (a browser restart is a second launch on it); by default a fresh one, removed on close. */
  userDataDir?: string;
  /**
   * How the extension is loaded: from the command line (--load-extension, as a developer does),
   * or over CDP (Extensions.loadUnpacked), which lets a test uninstall and install it again.
   */
  install?: 'command-line' | 'cdp';
  /** More Chromium flags (e.g. --lang=de, --log-net-log=FILE). */
  args?: string[];
  /** Page locale emulation (e.g. 'de-DE'). */
  locale?: string;
  /** What `prefers-color-scheme` answers on every page. */
  colorScheme?: 'light' | 'dark';
  env?: Record<string, string | undefined>;
}

export async function launchWithExtension(server: FixtureServer, options: ChromiumLaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir === undefined ? CHROME_BUILD : options.extensionDir;
  const overCdp = options.install === 'cdp';
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'arrow-lens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    ...(overCdp ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    args: [
      ...(extensionDir && !overCdp ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...(overCdp ? ['--enable-unsafe-extension-debugging'] : []),
      ...chromiumArgs(server),
      ...(options.args ?? []),
    ],
  });
  const errors: string[] = [];
  const log: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      log.push(`${page.url()}: ${message.type()}: ${message.text()}`);
      if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()} @ ${message.location().url}`);
    });
    page.on('pageerror', (error) => {
      log.push(`${page.url()}: uncaught: ${error.message}`);
      errors.push(`${page.url()}: uncaught: ${error.message}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  let session: CDPSession | null = null;
  const browserSession = async () => (session ??= await context.browser()!.newBrowserCDPSession());
  const install = async (): Promise<string> => {
    if (!extensionDir) throw new Error('launched without an extension');
    const { id } = (await (await browserSession()).send('Extensions.loadUnpacked' as never, { path: extensionDir } as never)) as { id: string };
    return id;
  };
  const findWorker = async (id?: string) => {
    const ours = () => context.serviceWorkers().find((w) => !id || new URL(w.url()).host === id);
    return ours() ?? (await context.waitForEvent('serviceworker', { timeout: 15_000, predicate: (w) => !id || new URL(w.url()).host === id }));
  };

  let extensionId = '';
  if (extensionDir) {
    try {
      extensionId = overCdp ? await install() : new URL((await findWorker()).url()).host;
      if (overCdp) await findWorker(extensionId);
    } catch (error) {
      await context.close();
      throw error;
    }
  }
  return {
    context,
    extensionId,
    errors,
    log,
    newPage: () => context.newPage(),
    uninstallExtension: async () => {
      await (await browserSession()).send('Extensions.uninstall' as never, { id: extensionId } as never);
    },
    installExtension: async () => {
      const id = await install();
      await findWorker(id);
      return id;
    },
    close: async () => {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
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
