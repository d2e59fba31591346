/**
 * arXiv (arxiv.org): abstract pages, listing pages (/list/…: new, recent, pastweek, month) and
 * search results (/search/…).
 *
 * Markup: abs page `<h1 class="title mathjax"><span class="descriptor">Title:</span>…</h1>`;
 * listings `dl > dd > div.meta > div.list-title.mathjax` with the same descriptor span; search
 * results `li.arxiv-result > p.title.is-5.mathjax` (the `p.list-title` there holds the arXiv id,
 * not the title; the search page's own `h1.title.is-clearfix` is the results header). The
 * descriptor is not reported as part of the title text.
 */
import { defineSiteAdapter } from './define';
import { linkedIds, pageStatedIds } from './finders';

/** The arXiv ids of a listing entry (its `<dt>`) or a search result (its `p.list-title`) for the title element. */
function entryIds(title: Element, url: URL) {
  const dd = title.closest('dd');
  if (dd) return dd.previousElementSibling?.localName === 'dt' ? linkedIds(dd.previousElementSibling, url) : [];
  return linkedIds(title.closest('li.arxiv-result')?.querySelector('p.list-title'), url);
}

export const arxiv = defineSiteAdapter({
  id: 'arxiv',
  matches: ['https://arxiv.org/*', 'https://www.arxiv.org/*'],
  paths: /^\/(abs|list|search|catchup)\//,
  titles: ['h1.title.mathjax', 'dd div.list-title', 'li.arxiv-result p.title'],
  exclude: '.descriptor',
  idsOf: (title, url, root) => (url.pathname.startsWith('/abs/') ? pageStatedIds(root, url) : entryIds(title, url)),
});
