/**
 * NeurIPS proceedings (proceedings.neurips.cc, formerly papers.nips.cc): per-year listings and
 * per-paper abstract pages.
 *
 * Markup: listing `ul.paper-list > li.conference > div.paper-content > a[title="paper title"]`
 * followed by `span.paper-authors` (older years: `<li><a …>title</a> <i>authors</i></li>`);
 * abstract page (/hash/…-Abstract….html) is a column of `<h4>` headings — the title first, then
 * "Authors", "Abstract" — with `citation_title` in the head.
 */
import { hostIs, looseKey, metaContent, queryAll, safeFind, textOf, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['proceedings.neurips.cc', 'papers.nips.cc', 'papers.neurips.cc'] as const;
const SECTION_HEADINGS = new Set(['authors', 'abstract', 'bibtex', 'paper', 'supplemental', 'reviews', 'metadata', 'metareview']);

function abstractPageTitle(root: ParentNode): Element | undefined {
  const headings = queryAll(root, 'h4');
  const meta = metaContent(root, ['citation_title']);
  if (meta) {
    const key = looseKey(meta);
    const exact = headings.find((h) => looseKey(textOf(h)) === key);
    if (exact) return exact;
  }
  return headings.find((h) => {
    const text = textOf(h).toLowerCase();
    return text !== '' && !SECTION_HEADINGS.has(text);
  });
}

export const neuripsProceedings: SiteAdapter = {
  id: 'neurips-proceedings',
  name: 'NeurIPS Proceedings',
  matches: ['*://proceedings.neurips.cc/*', '*://papers.nips.cc/*', '*://papers.neurips.cc/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root, url) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      if (/\/hash\/[^/]+\.html$/.test(url.pathname)) {
        const heading = abstractPageTitle(root);
        if (heading) found.push(titleOf(heading));
        return found;
      }
      for (const item of queryAll(root, 'ul.paper-list > li')) {
        const link =
          queryAll(item, 'a[title="paper title"]')[0] ??
          queryAll(item, 'a[href*="/hash/"]')[0];
        if (link) found.push(titleOf(link));
      }
      return found;
    });
  },
};
