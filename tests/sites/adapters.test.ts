/**
 * Site adapters against their fixtures.
 *
 * Every `tests/fixtures/sites/<adapter-id>/<page>.html` has a sibling `<page>.json`
 * (`{ url, titles, dynamic?, tabs? }`): the adapter chosen for `url` must be the folder's adapter
 * and must report exactly `titles`, in document order. `titles` follow the convention in
 * src/sites/dom.ts: the element's text, whitespace-collapsed, without site decorations such as
 * arXiv's "Title:" descriptor or Scholar's [PDF] badge; truncation marks and LaTeX are kept.
 *
 * Documents are built with happy-dom's `Window` (JavaScript off), except the dynamic OpenReview
 * fixture, whose inline script is run to check the tab behaviour the e2e tests rely on.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { closeAfterTests, documentFor } from '../helpers/static-document';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { defineSiteAdapter } from '../../src/sites/define';
import { finalizeTitles, textOf } from '../../src/sites/dom';
import { pageStatedIds } from '../../src/sites/finders';
import { GENERIC_ADAPTER, SITE_ADAPTERS, SITE_MATCH_PATTERNS, adapterForUrl } from '../../src/sites/registry';
import { siteName } from '../../src/sites/site-name';
import type { FoundTitle, SiteAdapter } from '../../src/sites/types';
import { useLocale } from '../helpers/i18n-setup';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '..', 'fixtures', 'sites');
const REAL_PAGES = join(HERE, '..', '..', '..', 'shared', 'fixtures', 'real-pages');
const LOCALES = join(HERE, '..', '..', 'public', '_locales');
const README = readFileSync(join(HERE, '..', '..', 'README.md'), 'utf8');

/** The table rows of README's "Security and privacy" section: the backticked names of the first cell, and the row's text. */
function securityRows(): { names: string[]; text: string }[] {
  const section = README.split(/^## /m).find((part) => part.startsWith('Security and privacy')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => ({ names: [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!), text: line }));
}

/** Whether a README host name (`openreview.net`, which also covers www., or `scholar.google.*`) covers `host`. */
function namesHost(name: string, host: string): boolean {
  const glob = new RegExp(`^(www\\.)?${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[a-z0-9.-]*')}$`);
  return glob.test(host);
}

interface FixtureSpec {
  url: string;
  titles: string[];
  /** Per title, the page ids the page states for it (normalised), in the adapter's order. */
  ids?: string[][];
  dynamic?: boolean;
  tabs?: Record<string, string[]>;
}

interface Fixture {
  adapterId: string;
  page: string;
  html: string;
  spec: FixtureSpec;
}

function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const adapterId of readdirSync(FIXTURES).sort()) {
    for (const file of readdirSync(join(FIXTURES, adapterId)).sort()) {
      if (!file.endsWith('.json')) continue;
      const page = file.slice(0, -'.json'.length);
      out.push({
        adapterId,
        page,
        html: readFileSync(join(FIXTURES, adapterId, `${page}.html`), 'utf8'),
        spec: JSON.parse(readFileSync(join(FIXTURES, adapterId, file), 'utf8')) as FixtureSpec,
      });
    }
  }
  return out;
}

const FIXTURE_LIST = loadFixtures();

function adapterById(id: string): SiteAdapter {
  const adapter = SITE_ADAPTERS.find((a) => a.id === id);
  if (!adapter) throw new Error(`no adapter with id ${id}`);
  return adapter;
}

function texts(found: readonly FoundTitle[]): string[] {
  return found.map((f) => f.text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('fixtures', () => {
  it('are present for every adapter folder and well formed', () => {
    expect(FIXTURE_LIST.length).toBeGreaterThan(0);
    for (const { adapterId, page, html, spec } of FIXTURE_LIST) {
      expect(typeof spec.url, `${adapterId}/${page}`).toBe('string');
      expect(Array.isArray(spec.titles), `${adapterId}/${page}`).toBe(true);
      for (const title of spec.titles) expect(title).toBe(title.replace(/\s+/g, ' ').trim());
      if (!spec.dynamic) {
        expect(spec.ids?.length, `${adapterId}/${page}: one ids list per title`).toBe(spec.titles.length);
        expect(/<script\b(?![^>]*application\/ld\+json)/i.test(html), `${adapterId}/${page} has a script`).toBe(false);
        expect(/\son[a-z]+=/i.test(html), `${adapterId}/${page} has an inline handler`).toBe(false);
        expect(/javascript:/i.test(html), `${adapterId}/${page} has a javascript: URL`).toBe(false);
      }
    }
  });
});

describe.each(FIXTURE_LIST.map((f) => [`${f.adapterId}/${f.page}`, f] as const))('%s', (_name, fixture) => {
  const { adapterId, html, spec } = fixture;
  const url = new URL(spec.url);

  it('is served by its adapter', () => {
    const adapter = adapterById(adapterId);
    if (adapter === GENERIC_ADAPTER) {
      expect(adapterForUrl(url)).toBeUndefined();
      expect(adapter.servesUrl(url)).toBe(true);
    } else {
      expect(adapterForUrl(url)?.id).toBe(adapterId);
    }
    expect(adapter.matches.some((pattern) => new MatchPattern(pattern).includes(url.href))).toBe(true);
  });

  if (spec.dynamic === true) {
    it('has no titles in its static HTML (lists are rendered by its script)', () => {
      const found = adapterById(adapterId).findTitles(documentFor(html, spec.url), url);
      expect(found).toEqual([]);
    });
    return;
  }

  it('yields exactly the expected titles', () => {
    const adapter = adapterById(adapterId);
    const found = adapter.findTitles(documentFor(html, spec.url), url);
    expect(texts(found)).toEqual(spec.titles);
    expect(new Set(found.map((f) => f.element)).size).toBe(found.length);
  });

  it('reports the page ids the page states for each title', () => {
    const found = adapterById(adapterId).findTitles(documentFor(html, spec.url), url);
    expect(found.map((f) => f.ids ?? [])).toEqual(spec.ids);
  });

  it('returns the tightest element: no found element contains another', () => {
    const found = adapterById(adapterId).findTitles(documentFor(html, spec.url), url);
    for (const a of found) {
      for (const b of found) {
        if (a !== b) expect(a.element.contains(b.element)).toBe(false);
      }
    }
  });

  it('finds the same titles in a subtree handed over on its own', () => {
    const adapter = adapterById(adapterId);
    const doc = documentFor(html, spec.url);
    expect(texts(adapter.findTitles(doc.body, url))).toEqual(spec.titles);
  });
});

describe('dynamic OpenReview venue page (inline script run in happy-dom)', () => {
  const fixture = FIXTURE_LIST.find((f) => f.adapterId === 'openreview' && f.page === 'venue-tabs');

  it('has a dynamic fixture with tabs', () => {
    expect(fixture?.spec.dynamic).toBe(true);
    expect(Object.keys(fixture?.spec.tabs ?? {}).sort()).toEqual(['initial', 'tab-oral', 'tab-poster']);
    expect(fixture?.spec.titles).toEqual(fixture?.spec.tabs?.['initial']);
  });

  it('has no titles before the script renders, then the initial tab, then each clicked tab', async () => {
    if (!fixture) throw new Error('missing openreview/venue-tabs fixture');
    const { html, spec } = fixture;
    const tabs = spec.tabs ?? {};
    const window = closeAfterTests(
      new Window({
        url: spec.url,
        settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
      }),
    );
    window.document.write(html);
    const doc = window.document as unknown as Document;
    const find = (): FoundTitle[] => adapterById('openreview').findTitles(doc, new URL(window.location.href));

    expect(find()).toEqual([]);
    await sleep(700);
    const initial = find();
    expect(texts(initial)).toEqual(tabs['initial']);

    (doc.getElementById('tab-poster') as HTMLElement).click();
    expect(window.location.hash).toBe('#tab-poster');
    expect(texts(find())).toEqual(tabs['tab-poster']);

    (doc.getElementById('tab-oral') as HTMLElement).click();
    expect(window.location.hash).toBe('#tab-oral');
    const oral = find();
    expect(texts(oral)).toEqual(tabs['tab-oral']);
    // Re-rendered from scratch: none of the first render's elements survive.
    for (const f of oral) expect(initial.some((i) => i.element === f.element)).toBe(false);

    (doc.getElementById('tab-oral') as HTMLElement).click();
    const again = find();
    expect(texts(again)).toEqual(tabs['tab-oral']);
    for (const f of again) expect(oral.some((o) => o.element === f.element)).toBe(false);
  });
});

describe('registry', () => {
  it('registers every adapter once, with unique ids fit for a folder and a message name, generic last', () => {
    const ids = SITE_ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(SITE_ADAPTERS[SITE_ADAPTERS.length - 1]).toBe(GENERIC_ADAPTER);
  });

  it('has at least one fixture per adapter and no fixture folder without an adapter', () => {
    const folders = new Set(FIXTURE_LIST.map((f) => f.adapterId));
    for (const adapter of SITE_ADAPTERS) expect(folders.has(adapter.id), adapter.id).toBe(true);
    for (const folder of folders) expect(SITE_ADAPTERS.some((a) => a.id === folder), folder).toBe(true);
  });

  it.each(readdirSync(LOCALES))('gives every adapter a name in the %s locale file', (lang) => {
    const messages = JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, { message?: string }>;
    for (const adapter of SITE_ADAPTERS) {
      const key = `site_${adapter.id.replaceAll('-', '_')}`;
      expect(messages[key]?.message?.trim(), `${lang}: ${key}`).toBeTruthy();
    }
  });

  it('names sites through i18n: brands stay, descriptions are translated', () => {
    try {
      expect(siteName(adapterById('google-scholar'))).toBe('Google Scholar');
      expect(siteName(GENERIC_ADAPTER)).toBe('Pages with citation metadata');
      useLocale('de');
      expect(siteName(adapterById('google-scholar'))).toBe('Google Scholar');
      expect(siteName(GENERIC_ADAPTER)).toBe('Seiten mit Zitations-Metadaten');
    } finally {
      useLocale('en');
    }
  });

  it.each(SITE_ADAPTERS.map((a) => [a.id, a] as const))('%s has one README row (Security and privacy) naming its hosts', (id, adapter) => {
    const rows = securityRows().filter((row) => row.text.includes(`\`${id}\``));
    expect(rows, `rows naming \`${id}\``).toHaveLength(1);
    if (adapter === GENERIC_ADAPTER) return; // it has no host of its own: activeTab, on request
    for (const pattern of adapter.matches) {
      const host = /^https:\/\/([^/]+)\//.exec(pattern)?.[1] ?? pattern;
      expect(rows[0]!.names.some((name) => namesHost(name, host)), `${id}: ${host}`).toBe(true);
    }
  });

  it('uses valid WebExtension match patterns', () => {
    for (const adapter of SITE_ADAPTERS) {
      expect(adapter.matches.length, adapter.id).toBeGreaterThan(0);
      for (const pattern of adapter.matches) {
        expect(() => new MatchPattern(pattern), `${adapter.id}: ${pattern}`).not.toThrow();
      }
    }
    expect(GENERIC_ADAPTER.matches).toEqual(['*://*/*']);
  });

  it('SITE_MATCH_PATTERNS lists every site pattern but not the generic one', () => {
    const expected = SITE_ADAPTERS.filter((a) => a !== GENERIC_ADAPTER).flatMap((a) => a.matches);
    expect([...SITE_MATCH_PATTERNS]).toEqual(expected);
    expect(SITE_MATCH_PATTERNS).not.toContain('*://*/*');
  });

  it('runs on the venue sites over HTTPS only, never their plain-HTTP variants', () => {
    for (const pattern of SITE_MATCH_PATTERNS) expect(pattern.startsWith('https://'), pattern).toBe(true);
    expect(adapterById('openreview').servesUrl(new URL('http://openreview.net/forum?id=Xq2kB7vH3n'))).toBe(false);
    for (const { adapterId, page, spec } of FIXTURE_LIST.filter((f) => f.adapterId !== GENERIC_ADAPTER.id)) {
      const plain = new URL(spec.url);
      plain.protocol = 'http:';
      expect(adapterForUrl(plain), `${adapterId}/${page} over http`).toBeUndefined();
    }
  });

  it('never picks an adapter for unrelated or non-http URLs', () => {
    expect(adapterForUrl(new URL('https://example.org/paper.html'))).toBeUndefined();
    expect(adapterForUrl(new URL('ftp://arxiv.org/abs/2510.21518'))).toBeUndefined();
    expect(adapterForUrl(new URL('https://scholar.google.com.evil.example/scholar?q=x'))).toBeUndefined();
    expect(adapterForUrl(new URL('https://scholar.google.de/scholar?q=x'))?.id).toBe('google-scholar');
    expect(adapterForUrl(new URL('https://proceedings.neurips.cc/paper_files/paper/2024'))?.id).toBe(
      'neurips-proceedings',
    );
    expect(adapterForUrl(new URL('https://neurips.cc/virtual/2024/poster/1'))?.id).toBe('virtual-site');
    expect(GENERIC_ADAPTER.servesUrl(new URL('file:///tmp/a.html'))).toBe(false);
  });
});

describe('defineSiteAdapter', () => {
  const url = new URL('https://example.org/list/1');

  it('serves the URLs of its match patterns, on its paths', () => {
    const site = defineSiteAdapter({ id: 'example', matches: ['*://example.org/*', '*://*.example.net/*'], paths: /^\/list\// });
    expect(site.servesUrl(url)).toBe(true);
    expect(site.servesUrl(new URL('https://example.org/about'))).toBe(false);
    expect(site.servesUrl(new URL('https://www.example.org/list/1'))).toBe(false);
    expect(site.servesUrl(new URL('https://a.example.net/list/1'))).toBe(true);
    expect(site.servesUrl(new URL('https://example.net/list/1'))).toBe(true);
    expect(site.servesUrl(new URL('ftp://example.org/list/1'))).toBe(false);
  });

  it('turns an exception in a finder into no titles', () => {
    const site = defineSiteAdapter({
      id: 'throws',
      matches: ['*://example.org/*'],
      titles: ['h1'],
      find() {
        throw new Error('odd markup');
      },
    });
    expect(site.findTitles(documentFor('<h1>A title</h1>', url.href), url)).toEqual([]);
  });

  it('Google Scholar serves exactly its listed country hosts (match patterns cannot wildcard a TLD)', () => {
    const scholar = adapterById('google-scholar');
    for (const pattern of scholar.matches) {
      const host = /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1];
      expect(scholar.servesUrl(new URL(`https://${host}/scholar?q=x`)), pattern).toBe(true);
      expect(scholar.servesUrl(new URL(`https://${host}/intl/en/scholar/about.html`)), pattern).toBe(false);
    }
    expect(scholar.servesUrl(new URL('https://scholar.google.com.ar/scholar?q=x'))).toBe(false);
  });
});

describe('odd DOM', () => {
  const ODD = [
    '',
    '<html><body></body></html>',
    '<h1 class="title mathjax"><span class="descriptor">Title:</span></h1><div class="note"><h4><a></a></h4></div>',
    '<ul class="paper-list"><li></li><li><a title="paper title" href="/hash/x">   </a></li></ul><h3 class="gs_rt"></h3>',
    '<dl><dt></dt><dd></dd></dl><h2 id="title"></h2><div class="maincardBody">\n</div><dt class="ptitle"><br></dt>',
    '<meta name="citation_title" content=""><script type="application/ld+json">{not json</script><h1>x</h1>',
  ];

  it.each(SITE_ADAPTERS.map((a) => [a.id, a] as const))('%s does not throw and reports no empty titles', (_id, adapter) => {
    for (const html of ODD) {
      const found = adapter.findTitles(documentFor(html, 'https://example.org/'), new URL('https://example.org/x'));
      for (const f of found) expect(f.text).not.toBe('');
    }
  });

  it('dom helpers: whitespace, <br>, exclusions, nesting and order', () => {
    const doc = documentFor(
      '<div id="a"><h3 id="h">Foo<br>bar\n  baz <span class="descriptor">Title:</span><script>x</script></h3><p id="p">p</p></div>',
      'https://example.org/',
    );
    const h = doc.getElementById('h') as Element;
    const p = doc.getElementById('p') as Element;
    const a = doc.getElementById('a') as Element;
    expect(textOf(h, '.descriptor')).toBe('Foo bar baz');
    const result = finalizeTitles([
      { element: p, text: 'p' },
      { element: a, text: 'outer' },
      { element: h, text: 'h' },
      { element: h, text: 'h again' },
      { element: p, text: '' },
    ]);
    expect(result.map((r) => r.text)).toEqual(['h', 'p']);
  });
});

describe('virtual-site: older Schedule pages', () => {
  it('reads div.maincardBody titles', () => {
    const html =
      '<div class="maincard narrower poster" id="maincard_12345"><div class="pull-right maincardHeader maincardType">Poster</div>' +
      '<div class="maincardHeader">Tue Dec 5th 10:45 AM -- 12:45 PM</div><div class="maincardBody">Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations</div>' +
      '<div class="maincardFooter">Lorenzo Basile &middot; Santiago Acevedo</div></div>';
    const url = new URL('https://icml.cc/Conferences/2023/Schedule?type=Poster');
    expect(adapterForUrl(url)?.id).toBe('virtual-site');
    expect(texts(adapterById('virtual-site').findTitles(documentFor(html, url.href), url))).toEqual([
      'Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations',
    ]);
  });
});

describe('generic-metadata', () => {
  const url = new URL('https://lab.example.org/papers/residual');

  it('finds the heading named by JSON-LD ScholarlyArticle', () => {
    const html =
      '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Lab"},' +
      '{"@type":"ScholarlyArticle","headline":"ResiDual Transformer Alignment with Spectral Decomposition"}]}</script></head>' +
      '<body><nav><h2>Lab</h2></nav><article><h1 itemprop="headline">ResiDual Transformer Alignment with   Spectral Decomposition</h1></article></body></html>';
    expect(texts(GENERIC_ADAPTER.findTitles(documentFor(html, url.href), url))).toEqual([
      'ResiDual Transformer Alignment with Spectral Decomposition',
    ]);
  });

  it('ignores hidden headings and pages without metadata', () => {
    const hidden =
      '<html><head><meta name="citation_title" content="A Title"></head><body><h1 hidden>A Title</h1><h2 style="display:none">A Title</h2></body></html>';
    expect(GENERIC_ADAPTER.findTitles(documentFor(hidden, url.href), url)).toEqual([]);
    const none = '<html><head><title>A Title</title></head><body><h1>A Title</h1></body></html>';
    expect(GENERIC_ADAPTER.findTitles(documentFor(none, url.href), url)).toEqual([]);
  });
});

describe.skipIf(!existsSync(REAL_PAGES))('real saved pages (../shared/fixtures/real-pages)', () => {
  const real = (path: string): string => readFileSync(join(REAL_PAGES, path), 'utf8');
  const run = (id: string, path: string, href: string): string[] => {
    const url = new URL(href);
    expect(adapterForUrl(url)?.id).toBe(id);
    return texts(adapterById(id).findTitles(documentFor(real(path), href), url));
  };

  it('arXiv abs page: exactly its title, without the "Title:" descriptor', () => {
    expect(run('arxiv', 'arxiv/arxiv-2106.09608.html', 'https://arxiv.org/abs/2106.09608')).toEqual([
      'Learning Knowledge Graph-based World Models of Textual Environments',
    ]);
    expect(run('arxiv', 'arxiv/arxiv-1902.02534-head-only.html', 'https://arxiv.org/abs/1902.02534')).toEqual([]);
  });

  it('generic adapter agrees with citation_title on the real arXiv page', () => {
    const href = 'https://arxiv.org/abs/2106.09608';
    const found = GENERIC_ADAPTER.findTitles(documentFor(real('arxiv/arxiv-2106.09608.html'), href), new URL(href));
    expect(texts(found)).toEqual(['Learning Knowledge Graph-based World Models of Textual Environments']);
  });

  it('ACL Anthology paper pages: their titles', () => {
    expect(run('acl-anthology', 'aclanthology/ACL_2021.naacl-main.208.html', 'https://aclanthology.org/2021.naacl-main.208/')).toEqual([
      'How many data points is a prompt worth?',
    ]);
    expect(run('acl-anthology', 'aclanthology/ACL_N04-1001.html', 'https://aclanthology.org/N04-1001/')).toEqual([
      'A Statistical Model for Multilingual Entity Detection and Tracking',
    ]);
  });

  it('Google Scholar results: 10 titles, badges dropped, truncation kept', () => {
    const titles = run(
      'google-scholar',
      'google-scholar/geomap-scholar_search_results.html',
      'https://scholar.google.com/scholar?q=Geology+of+the+Olympus+Range+area',
    );
    expect(titles).toHaveLength(10);
    expect(titles[0]).toBe('Geology of the Olympus Range Area, Southern Victoria Land');
    expect(titles[1]).toBe('Plutonic rocks from the Cape Roberts hinterland: Wilson piedmont glacier, southern Victoria land, Antarctica');
    expect(titles[4]?.startsWith('… erosion, uplift and unroofing of the Transantarctic Mountains')).toBe(true);
    for (const t of titles) expect(t).not.toMatch(/\[(PDF|CITATION|C|HTML)\]/);
  });

  it('Google Scholar blocked page: no titles', () => {
    expect(
      run('google-scholar', 'google-scholar/geomap-scholar_search_results2-blocked.html', 'https://scholar.google.com/scholar?q=Geology'),
    ).toEqual([]);
  });

  it('Google Scholar single-result pages', () => {
    expect(run('google-scholar', 'google-scholar/goscholar-fetch_test.html', 'https://scholar.google.co.jp/scholar?hl=en&cluster=5362332738201102290&num=1')).toEqual([
      'Deep learning',
    ]);
    expect(run('google-scholar', 'google-scholar/goscholar-parse_test_case1.html', 'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22')).toEqual([
      'Learning deep architectures for AI',
    ]);
    expect(run('google-scholar', 'google-scholar/goscholar-parse_test_case2.html', 'https://scholar.google.co.jp/scholar?q=x&hl=en')).toEqual([
      'Unsupervised feature learning and deep learning: A review and new perspectives',
    ]);
  });

  it('arXiv abs page: the paper id from its URL (any version) and its citation_arxiv_id', () => {
    const ids = (href: string) => adapterById('arxiv').findTitles(documentFor(real('arxiv/arxiv-2106.09608.html'), href), new URL(href)).map((f) => f.ids);
    expect(ids('https://arxiv.org/abs/2106.09608')).toEqual([['arxiv:2106.09608']]);
    expect(ids('https://arxiv.org/abs/2106.09608v2')).toEqual([['arxiv:2106.09608']]);
    // The metadata alone names it too (a page reached by another URL).
    const doc = documentFor(real('arxiv/arxiv-1902.02534-head-only.html'), 'https://arxiv.org/abs/x');
    expect(pageStatedIds(doc, new URL('https://arxiv.org/abs/x'))).toEqual(['arxiv:1902.02534']);
  });

  it('Google Scholar real results link no id of ours (nature.com, ACM citation pages): titles carry none', () => {
    const href = 'https://scholar.google.co.jp/scholar?hl=en&cluster=5362332738201102290&num=1';
    const found = adapterById('google-scholar').findTitles(documentFor(real('google-scholar/goscholar-fetch_test.html'), href), new URL(href));
    expect(found.map((f) => f.ids)).toEqual([undefined]);
  });

  it('OpenReview group page as served (lists not rendered yet): no titles', () => {
    expect(run('openreview', 'openreview/iclr_home.html', 'https://openreview.net/group?id=ICLR.cc/2026/Conference')).toEqual([]);
  });

  it('neurips.cc event cards: one title per card, matching data-event-title', () => {
    const href = 'https://neurips.cc/virtual/2025/events/workshop';
    const doc = documentFor(real('neurips-cc/workshop_raw.html'), href);
    const found = adapterById('virtual-site').findTitles(doc, new URL(href));
    expect(found).toHaveLength(55);
    expect(found[0]?.text).toBe('Imageomics: Discovering Biological Knowledge from Images Using AI');
    for (const f of found) {
      const card = f.element.closest('.event-card');
      expect(f.element.localName).toBe('a');
      expect(f.text.toLowerCase()).toBe(card?.getAttribute('data-event-title')?.replace(/\s+/g, ' ').trim());
    }
  });
});
