/**
 * What every real-browser run needs whatever the browser: the built extensions, the venue
 * fixture pages, and an HTTPS server that serves them on loopback under their real host names
 * (Chromium reaches it through --host-resolver-rules, Firefox through a tunnelling proxy), so the
 * manifest's match patterns run exactly as on the real sites. Used by the e2e tests, the demo and
 * the in-browser bench.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = resolve(typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url)), '../..');
/**
 * The folder of the builds most e2e tests load: `$ARROW_LENS_BUILD_DIR` — `npm run test:e2e`
 * points it at `.output-seed/`, the shipped builds with the seed export as their only records, so
 * fixture pages get exactly the seed's badges — else `.output/`, the builds as shipped.
 */
export const BUILD_ROOT = resolve(PROJECT_DIR, process.env.ARROW_LENS_BUILD_DIR ?? '.output');
export const CHROME_BUILD = join(BUILD_ROOT, 'chrome-mv3');
export const FIREFOX_BUILD = join(BUILD_ROOT, 'firefox-mv2');
/** The builds as shipped, with the whole bundled corpus (whatever ARROW_LENS_BUILD_DIR says). */
export const SHIPPED_CHROME_BUILD = join(PROJECT_DIR, '.output/chrome-mv3');
export const SHIPPED_FIREFOX_BUILD = join(PROJECT_DIR, '.output/firefox-mv2');
export const FIXTURES_DIR = join(PROJECT_DIR, 'tests/fixtures/sites');

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

/** One fixture by its adapter folder and file name. */
export function siteFixture(adapter: string, name: string): SiteFixture {
  const found = loadSiteFixtures().find((f) => f.adapter === adapter && f.name === name);
  if (!found) throw new Error(`no fixture ${adapter}/${name}`);
  return found;
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
