/**
 * NeurIPS proceedings (proceedings.neurips.cc, formerly papers.nips.cc): per-year listings and
 * per-paper abstract pages.
 *
 * Markup: listing `ul.paper-list > li.conference > div.paper-content > a[title="paper title"]`
 * followed by `span.paper-authors` (older years: `<li><a …>title</a> <i>authors</i></li>`);
 * abstract page (/hash/…-Abstract….html) is a column of `<h4>` headings — the title first, then
 * "Authors", "Abstract" — with `citation_title` in the head.
 */
import { defineSiteAdapter } from './define';
import { queryFirst, queryAll, textOf, titleOf } from './dom';
import { citationTitleHeading, linkedIds, pageStatedIds } from './finders';
import type { FoundTitle } from './types';

const ABSTRACT_PAGE = /\/hash\/[^/]+\.html$/;
const SECTION_HEADINGS = new Set(['authors', 'abstract', 'bibtex', 'paper', 'supplemental', 'reviews', 'metadata', 'metareview']);

function abstractPageTitle(root: ParentNode): FoundTitle | undefined {
  const fromMetadata = citationTitleHeading(root, 'h4');
  if (fromMetadata) return fromMetadata;
  // Without metadata, the first h4 that is not a section heading.
  const heading = queryAll(root, 'h4').find((h) => {
    const text = textOf(h).toLowerCase();
    return text !== '' && !SECTION_HEADINGS.has(text);
  });
  return heading && titleOf(heading);
}

export const neuripsProceedings = defineSiteAdapter({
  id: 'neurips-proceedings',
  matches: ['https://proceedings.neurips.cc/*', 'https://papers.nips.cc/*', 'https://papers.neurips.cc/*'],

  *find(root, url) {
    if (ABSTRACT_PAGE.test(url.pathname)) {
      const heading = abstractPageTitle(root);
      if (heading) yield heading;
      return;
    }
    for (const item of queryAll(root, 'ul.paper-list > li')) {
      const link = queryFirst(item, 'a[title="paper title"]') ?? queryFirst(item, 'a[href*="/hash/"]');
      if (link) yield titleOf(link);
    }
  },

  // The proceedings hash, with the year from the path: the abstract page's URL, or the entry's links.
  idsOf: (title, url, root) => (ABSTRACT_PAGE.test(url.pathname) ? pageStatedIds(root, url) : linkedIds(title.closest('li'), url)),
});
