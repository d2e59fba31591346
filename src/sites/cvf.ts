/**
 * CVF Open Access (openaccess.thecvf.com): CVPR/ICCV/WACV listings and paper pages.
 *
 * Markup: listing `<dt class="ptitle"><br><a href="…_paper.html">title</a></dt>` followed by
 * `<dd>` author forms and `[pdf] [supp] [bibtex]`; paper page `<div id="papertitle">title</div>`
 * then `div#authors` and `div#abstract` (`citation_title` in the head).
 */
import { defineSiteAdapter } from './define';
import { queryAll, titleOf } from './dom';
import { firstLinkOr, linkedIds, pageStatedIds } from './finders';

export const cvf = defineSiteAdapter({
  id: 'cvf',
  matches: ['https://openaccess.thecvf.com/*'],
  titles: ['div#papertitle'],

  *find(root) {
    for (const dt of queryAll(root, 'dt.ptitle')) yield titleOf(firstLinkOr(dt));
  },

  // A listing's title links its paper page; a paper page is its own URL.
  idsOf(title, url, root) {
    const entry = title.closest('dt.ptitle');
    return entry ? linkedIds(entry, url) : pageStatedIds(root, url);
  },
});
