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
import { defineSiteAdapter } from './define';
import { queryAll, titleOf } from './dom';
import { firstLinkOr } from './finders';

const SITES = ['neurips.cc', 'nips.cc', 'iclr.cc', 'icml.cc'] as const;
const PAPER_LINK = /\/virtual\/\d{4}\/(poster|oral|spotlight)\/\d+\/?$/;

function isChrome(el: Element): boolean {
  return el.closest('nav, header, footer, .navbar') !== null;
}

export const virtualSite = defineSiteAdapter({
  id: 'virtual-site',
  matches: SITES.flatMap((host) => [`https://${host}/*`, `https://www.${host}/*`]),
  paths: /^\/(virtual|Conferences)\//,
  titles: ['h2.card-title.main-title', 'div.maincardBody'],

  *find(root, url) {
    for (const h3 of queryAll(root, 'h3.event-title')) yield titleOf(firstLinkOr(h3));
    if (!url.pathname.endsWith('/papers.html')) return;
    for (const link of queryAll(root, 'a[href]')) {
      const href = link.getAttribute('href') ?? '';
      if (PAPER_LINK.test(href.split(/[?#]/)[0] ?? '') && !isChrome(link)) yield titleOf(link);
    }
  },
});
