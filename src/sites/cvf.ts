/**
 * CVF Open Access (openaccess.thecvf.com): CVPR/ICCV/WACV listings and paper pages.
 *
 * Markup: listing `<dt class="ptitle"><br><a href="…_paper.html">title</a></dt>` followed by
 * `<dd>` author forms and `[pdf] [supp] [bibtex]`; paper page `<div id="papertitle">title</div>`
 * then `div#authors` and `div#abstract` (`citation_title` in the head).
 */
import { hostIs, queryAll, safeFind, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['openaccess.thecvf.com'] as const;

export const cvf: SiteAdapter = {
  id: 'cvf',
  name: 'CVF Open Access',
  matches: ['*://openaccess.thecvf.com/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const dt of queryAll(root, 'dt.ptitle')) {
        const link = queryAll(dt, 'a')[0];
        found.push(titleOf(link ?? dt));
      }
      for (const div of queryAll(root, 'div#papertitle')) found.push(titleOf(div));
      return found;
    });
  },
};
