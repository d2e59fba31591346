/**
 * PMLR (proceedings.mlr.press): volume listings and per-paper abstract pages.
 *
 * Markup: volume page `div.paper > p.title` followed by `p.details > span.authors` and
 * `p.links`; abstract page (`/v<N>/<key>.html`) has the title as its `<h1>` inside
 * `article.post-content`, then `#authors`, `#info` and `#abstract`.
 */
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['proceedings.mlr.press'] as const;

export const pmlr: SiteAdapter = {
  id: 'pmlr',
  name: 'PMLR',
  matches: ['*://proceedings.mlr.press/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root, url) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const p of queryAll(root, 'div.paper > p.title')) found.push(titleOf(p));
      if (/^\/v\d+\/[^/]+\.html$/.test(url.pathname)) {
        const h1 = queryAll(root, 'article h1, #content h1, h1')[0];
        if (h1) found.push(titleOf(h1));
      }
      return found;
    });
  },
};
