/**
 * dblp (dblp.org and its mirror dblp.uni-trier.de): person pages, venue tables of contents and
 * search results.
 *
 * Markup: `ul.publ-list > li.entry.<type> > cite.data > span.title[itemprop="name"]`; dblp ends
 * every title with a period, which is reported as shown. `li.entry.editor` entries are the
 * proceedings volumes themselves, not papers, and are skipped.
 */
import { pageId, type PageId } from '../records/identity';
import { defineSiteAdapter } from './define';
import { linkedIds } from './finders';

/** An entry's dblp key (its `id`) and the ids its electronic-edition links name (DOI, arXiv, OpenReview…). */
function entryIds(title: Element, url: URL): PageId[] {
  const entry = title.closest('li.entry');
  if (!entry) return [];
  const key = pageId('dblp', entry.getAttribute('id') ?? '');
  return [...(key ? [key] : []), ...linkedIds(entry.querySelector('nav.publ'), url)];
}

export const dblp = defineSiteAdapter({
  id: 'dblp',
  matches: ['https://dblp.org/*', 'https://www.dblp.org/*', 'https://dblp.uni-trier.de/*', 'https://dblp.dagstuhl.de/*'],
  titles: ['li.entry:not(.editor) cite span.title'],
  idsOf: entryIds,
});
