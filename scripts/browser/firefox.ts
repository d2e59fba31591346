/**
 * Debian firefox-esr driven by puppeteer-core over WebDriver BiDi, the built Firefox (MV2)
 * extension installed as a temporary add-on, and the fixture pages (fixtures.ts) reached under
 * their real host names. Firefox has no host-resolver rules, so a small HTTP proxy here tunnels
 * every `CONNECT host:443` to the fixture server; Firefox uses it through its proxy prefs, and
 * the manifest's match patterns run as on the real sites. The e2e tests use it through the
 * Firefox `BrowserDriver` (driver.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_BUILD, type FixtureServer } from './fixtures';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Why the Firefox tests cannot run on `build`, or null when they can. */
export function firefoxUnavailable(build = FIREFOX_BUILD): string | null {
  if (!existsSync(FIREFOX)) return `${FIREFOX} not found (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;
  if (!existsSync(join(build, 'manifest.json'))) return `no Firefox build in ${build} (npm run build first)`;
  return null;
}

export interface TunnelProxy {
  port: number;
  /** Every CONNECT target Firefox asked for ("host:port"), and "http URL" for plain HTTP, in order. */
  connects: string[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy that answers every `CONNECT host:443` with a tunnel to the fixture server on
 * loopback, and refuses everything else (plain HTTP, other ports), so nothing leaves the machine.
 */
export async function startTunnelProxy(targetPort: number): Promise<TunnelProxy> {
  const connects: string[] = [];
  const open = new Set<Duplex | Socket>();
  const track = (socket: Duplex | Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  };
  const server = createServer((req, res) => {
    connects.push(`http ${req.url ?? ''}`);
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('the test proxy only tunnels HTTPS');
  });
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    track(client);
    client.on('error', () => client.destroy());
    if (!target.endsWith(':443')) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connects,
    close: () =>
      new Promise((done) => {
        for (const socket of open) socket.destroy();
        server.close(() => done());
      }),
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on's id (the manifest's `browser_specific_settings.gecko.id`). */
  addonId: string;
  /** The build folder the add-on was installed from. */
  extensionDir: string;
  /**
   * The add-on's moz-extension UUID, fixed before install: `moz-extension://<uuid>/popup.html`.
   * It survives an update in place and `runtime.reload()`; after `uninstallExtension` Firefox
   * forgets it, and an add-on installed again gets a new one nobody here knows (null).
   */
  uuid: string | null;
  extensionUrl(path: string): string;
  /** Every CONNECT target ("host:port") and plain-HTTP request ("http URL") the browser sent through the test proxy. */
  connects: readonly string[];
  /** Console errors and uncaught exceptions seen on pages opened through `newPage`. */
  errors: string[];
  /** Every console message (any level) and uncaught exception of those pages: "url: type: text". */
  log: string[];
  newPage(): Promise<Page>;
  /**
   * Installs the build again over the running add-on (WebDriver BiDi `webExtension.install` of
   * the same id): what an update does. Firefox shuts the old instance down (its content-script
   * sandboxes included), starts the new one (a new background page) and injects its content
   * scripts into the open matching pages. The UUID is kept.
   */
  updateExtension(): Promise<void>;
  /**
   * A true `browser.runtime.reload()`, evaluated in the add-on's own popup.html opened in a tab;
   * resolves once the reloaded add-on serves its pages again.
   */
  reloadExtension(): Promise<void>;
  /** `webExtension.uninstall`: the add-on goes away under the open pages. */
  uninstallExtension(): Promise<void>;
  /** `webExtension.install` of the build, after `uninstallExtension` (the UUID is then unknown). */
  installExtension(): Promise<void>;
  /**
   * When the add-on's background page started (its `performance.timeOrigin`, ms since the
   * epoch), read from popup.html through `runtime.getBackgroundPage()`: a restarted background
   * has a later one.
   */
  backgroundStartedAt(timeout?: number): Promise<number>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Firefox prefs for the profile. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * A profile folder of the caller's, kept after `close()` (puppeteer only puts its own
   * prefs.js / user.js back): launch again on it to restart the browser with the same profile.
   * Without it, puppeteer makes a temporary profile and deletes it on close.
   */
  profileDir?: string;
  /**
   * The moz-extension UUID to give the add-on (default: a new random one). Pass the `uuid` of an
   * earlier launch on the same profile to reinstall the add-on under the same origin.
   */
  uuid?: string;
}

export async function launchFirefoxWithExtension(server: FixtureServer, extensionDir = FIREFOX_BUILD, options: LaunchOptions = {}): Promise<FirefoxWithExtension> {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const uuid = options.uuid ?? randomUUID();
  const proxy = await startTunnelProxy(server.port);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      protocol: 'webDriverBiDi',
      defaultViewport: { width: 1280, height: 900 },
      ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
      // WebDriver BiDi refuses to navigate to moz-extension:// URLs ("not allowed in this
      // context") unless system access is allowed; the popup test opens popup.html in a tab.
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': '',
        'network.proxy.share_proxy_settings': false,
        'network.trr.mode': 5,
        'network.http.http3.enable': false,
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
        // Firefox's own remote-settings polling would otherwise reach the fixture server
        // (release builds honour this pref only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1, below).
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        // The UUID Firefox gives the add-on when it is installed, so the popup URL is known.
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
        ...options.prefs,
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== addonId) throw new Error(`installed add-on id ${installed}, expected ${addonId}`);
  } catch (error) {
    await browser.close();
    await proxy.close();
    throw error;
  }
  const errors: string[] = [];
  const log: string[] = [];
  const install = async () => {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== addonId) throw new Error(`installed add-on id ${installed}, expected ${addonId}`);
  };
  const firefox: FirefoxWithExtension = {
    browser,
    addonId,
    extensionDir,
    uuid,
    extensionUrl: (path) => {
      if (!firefox.uuid) throw new Error('the add-on was uninstalled: its moz-extension UUID is no longer known');
      return `moz-extension://${firefox.uuid}/${path.replace(/^\//, '')}`;
    },
    connects: proxy.connects,
    errors,
    log,
    newPage: async () => {
      const page = await browser.newPage();
      page.on('console', (message) => {
        log.push(`${page.url()}: ${message.type()}: ${message.text()}`);
        if (message.type() === 'error') errors.push(`${page.url()}: console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => {
        const text = `${page.url()}: uncaught: ${error instanceof Error ? error.message : String(error)}`;
        log.push(text);
        errors.push(text);
      });
      return page;
    },
    updateExtension: install,
    reloadExtension: async () => {
      const startedBefore = await firefox.backgroundStartedAt();
      // The page stays open until the reload is done: closing it would cancel the call.
      const page = await browser.newPage();
      await openExtensionPage(page, firefox.extensionUrl('popup.html'));
      await page.evaluate(() => {
        const api = (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser;
        setTimeout(() => api.runtime.reload(), 0);
      });
      // The reloaded add-on is back once a new background page runs and its pages load again.
      const deadline = Date.now() + 15_000;
      for (;;) {
        await new Promise((next) => setTimeout(next, 200));
        const started = await firefox.backgroundStartedAt(2_000).catch(() => startedBefore);
        if (started > startedBefore) {
          await page.close().catch(() => undefined);
          return;
        }
        if (Date.now() > deadline) {
          await page.close().catch(() => undefined);
          throw new Error('no new background page within 15 s of runtime.reload()');
        }
      }
    },
    uninstallExtension: async () => {
      await browser.uninstallExtension(addonId);
      firefox.uuid = null;
    },
    installExtension: install,
    backgroundStartedAt: async (timeout = 10_000) => {
      const page = await browser.newPage();
      try {
        await openExtensionPage(page, firefox.extensionUrl('popup.html'), timeout);
        return await page.evaluate(async () => {
          const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser;
          const background = await api.runtime.getBackgroundPage();
          if (!background) throw new Error('no background page');
          return background.performance.timeOrigin;
        });
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    close: async () => {
      await browser.close();
      await proxy.close();
    },
  };
  return firefox;
}

/**
 * Opens an extension page (e.g. `popup.html`) in `page`. Firefox loads moz-extension pages in
 * the extension process and puppeteer never sees that navigation finish, so this starts it,
 * waits until the page itself reports the URL loaded, then drops puppeteer's wait.
 */
export async function openExtensionPage(page: Page, url: string, timeout = 10_000): Promise<void> {
  const controller = new AbortController();
  const navigation = page.goto(url, { signal: controller.signal, timeout }).catch(() => undefined);
  try {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await page.evaluate(() => `${document.readyState} ${location.href}`).catch(() => 'navigating');
      if (state === `complete ${url}`) return;
      if (Date.now() > deadline) throw new Error(`${url} did not load within ${timeout} ms (page: ${state})`);
      await new Promise((next) => setTimeout(next, 50));
    }
  } finally {
    controller.abort();
    await navigation;
  }
}

