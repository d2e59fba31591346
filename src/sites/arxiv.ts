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
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['arxiv.org', 'www.arxiv.org'] as const;
const PATHS = /^\/(abs|list|search|catchup)\//;
const DESCRIPTOR = '.descriptor';

export const arxiv: SiteAdapter = {
  id: 'arxiv',
  name: 'arXiv',
  matches: ['*://arxiv.org/*', '*://www.arxiv.org/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS) && PATHS.test(url.pathname);
  },

  findTitles(root) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const h1 of queryAll(root, 'h1.title.mathjax')) found.push(titleOf(h1, DESCRIPTOR));
      for (const div of queryAll(root, 'dd div.list-title')) found.push(titleOf(div, DESCRIPTOR));
      for (const p of queryAll(root, 'li.arxiv-result p.title')) found.push(titleOf(p, DESCRIPTOR));
      return found;
    });
  },
};
