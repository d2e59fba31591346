/**
 * Semantic Scholar (www.semanticscholar.org): paper pages, search results, author pages.
 *
 * Markup (React app, stable data-test-id hooks): paper page `h1[data-test-id="paper-detail-title"]`;
 * paper rows (search results, author pages, a paper's citations/references)
 * `div.cl-paper-row > a[data-heap-id="title_link"] > h2.cl-paper-title`, older builds
 * `a[data-test-id="title-link"]` around a `div.cl-paper-title`.
 */
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['www.semanticscholar.org', 'semanticscholar.org'] as const;

export const semanticScholar: SiteAdapter = {
  id: 'semantic-scholar',
  name: 'Semantic Scholar',
  matches: ['*://www.semanticscholar.org/*', '*://semanticscholar.org/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const h1 of queryAll(root, 'h1[data-test-id="paper-detail-title"]')) found.push(titleOf(h1));
      for (const el of queryAll(root, '.cl-paper-title')) found.push(titleOf(el));
      for (const link of queryAll(root, 'a[data-test-id="title-link"]')) {
        // Only when the link does not wrap a .cl-paper-title (that inner element is tighter).
        if (queryAll(link, '.cl-paper-title').length === 0) found.push(titleOf(link));
      }
      return found;
    });
  },
};
