/**
 * The conference "virtual" sites run by the same software for NeurIPS, ICLR and ICML
 * (neurips.cc, iclr.cc, icml.cc): poster/oral pages, event-card listings, papers.html and the
 * older /Conferences/<year>/Schedule pages.
 *
 * Markup: poster page `div.card-header > h2.card-title.main-title.text-center` (authors in the
 * following `h3.card-subtitle`); 2025 event grids `div.event-card > h3.event-title > a`
 * (data-event-title holds a lower-cased copy); papers.html lists plain links to
 * /virtual/<year>/poster/<id>; Schedule pages `div.maincard > div.maincardBody` (text only).
 */
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const SITES = ['neurips.cc', 'nips.cc', 'iclr.cc', 'icml.cc'] as const;
const HOSTS = SITES.flatMap((host) => [host, `www.${host}`]);
const PAPER_LINK = /\/virtual\/\d{4}\/(poster|oral|spotlight)\/\d+\/?$/;

function isChrome(el: Element): boolean {
  return el.closest('nav, header, footer, .navbar') !== null;
}

export const virtualSite: SiteAdapter = {
  id: 'virtual-site',
  name: 'NeurIPS / ICLR / ICML conference sites',
  matches: SITES.flatMap((host) => [`*://${host}/*`, `*://www.${host}/*`]),

  servesUrl(url) {
    return hostIs(url, HOSTS) && /^\/(virtual|Conferences)\//.test(url.pathname);
  },

  findTitles(root, url) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const h2 of queryAll(root, 'h2.card-title.main-title')) found.push(titleOf(h2));
      for (const h3 of queryAll(root, 'h3.event-title')) {
        const link = queryAll(h3, 'a')[0];
        found.push(titleOf(link ?? h3));
      }
      for (const body of queryAll(root, 'div.maincardBody')) found.push(titleOf(body));
      if (url.pathname.endsWith('/papers.html')) {
        for (const link of queryAll(root, 'a[href]')) {
          const href = link.getAttribute('href') ?? '';
          if (PAPER_LINK.test(href.split(/[?#]/)[0] ?? '') && !isChrome(link)) {
            found.push(titleOf(link));
          }
        }
      }
      return found;
    });
  },
};
