/**
 * PMLR (proceedings.mlr.press): volume listings and per-paper abstract pages.
 *
 * Markup: volume page `div.paper > p.title` followed by `p.details > span.authors` and
 * `p.links`; abstract page (`/v<N>/<key>.html`) has the title as its `<h1>` inside
 * `article.post-content`, then `#authors`, `#info` and `#abstract`.
 */
import { defineSiteAdapter } from './define';
import { queryFirst, titleOf } from './dom';
import { linkedIds, pageStatedIds } from './finders';

const ABSTRACT_PAGE = /^\/v\d+\/[^/]+\.html$/;

export const pmlr = defineSiteAdapter({
  id: 'pmlr',
  matches: ['https://proceedings.mlr.press/*'],
  titles: ['div.paper > p.title'],

  *find(root, url) {
    const h1 = ABSTRACT_PAGE.test(url.pathname) ? queryFirst(root, 'article h1, #content h1, h1') : undefined;
    if (h1) yield titleOf(h1);
  },

  // The abstract page's own path, or the volume entry's abs/PDF/OpenReview links.
  idsOf: (title, url, root) => (ABSTRACT_PAGE.test(url.pathname) ? pageStatedIds(root, url) : linkedIds(title.closest('div.paper')?.querySelector('p.links'), url)),
});
