/**
 * dblp (dblp.org and its mirror dblp.uni-trier.de): person pages, venue tables of contents and
 * search results.
 *
 * Markup: `ul.publ-list > li.entry.<type> > cite.data > span.title[itemprop="name"]`; dblp ends
 * every title with a period, which is reported as shown. `li.entry.editor` entries are the
 * proceedings volumes themselves, not papers, and are skipped.
 */
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['dblp.org', 'www.dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de'] as const;

export const dblp: SiteAdapter = {
  id: 'dblp',
  name: 'dblp',
  matches: ['*://dblp.org/*', '*://www.dblp.org/*', '*://dblp.uni-trier.de/*', '*://dblp.dagstuhl.de/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const span of queryAll(root, 'li.entry cite span.title')) {
        if (span.closest('li.entry')?.classList.contains('editor')) continue;
        found.push(titleOf(span));
      }
      return found;
    });
  },
};
