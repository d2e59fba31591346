/**
 * JMLR and TMLR (jmlr.org): JMLR volume pages and abstract pages, and TMLR's paper list at
 * jmlr.org/tmlr/papers/.
 *
 * Markup: JMLR volume `<dl><dt>title</dt><dd><b><i>authors</i></b>; … [abs][pdf][bib]</dd></dl>`;
 * abstract page `#content > h2` (title; `citation_title` in the head) then `<h3>Abstract</h3>`;
 * TMLR list (JmlrOrg/tmlr templates/papers/index.html)
 * `ul.list-papers > li.item > h4 > a.paper-title > b`.
 */
import { defineSiteAdapter } from './define';
import { queryAll, titleOf } from './dom';
import { citationTitleHeading, linkedIds, pageStatedIds } from './finders';

export const jmlr = defineSiteAdapter({
  id: 'jmlr',
  matches: ['https://jmlr.org/*', 'https://www.jmlr.org/*'],
  titles: ['ul.list-papers li h4 a.paper-title'],

  *find(root) {
    // JMLR volume lists: each <dt> is one title, followed by its <dd> with authors and links.
    for (const dt of queryAll(root, 'dl > dt')) {
      if (dt.nextElementSibling?.localName === 'dd') yield titleOf(dt);
    }
    const heading = citationTitleHeading(root, 'h1, h2, h3');
    if (heading) yield heading;
  },

  // A volume entry's abs/PDF links (its <dd>), a TMLR item's OpenReview links, or the abstract page's URL.
  idsOf(title, url, root) {
    if (title.localName === 'dt') return title.nextElementSibling?.localName === 'dd' ? linkedIds(title.nextElementSibling, url) : [];
    const item = title.closest('ul.list-papers li');
    return item ? linkedIds(item, url) : pageStatedIds(root, url);
  },
});
