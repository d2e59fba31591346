/**
 * JMLR (jmlr.org): volume listings, paper abstract pages, and the TMLR accepted-papers list at
 * jmlr.org/tmlr/papers/.
 *
 * Markup: JMLR volume `<dl><dt>title</dt><dd><b><i>authors</i></b>; … [abs][pdf][bib]</dd></dl>`;
 * abstract page `#content > h2` (title; `citation_title` in the head) then `<h3>Abstract</h3>`;
 * TMLR list (JmlrOrg/tmlr templates/papers/index.html)
 * `ul.list-papers > li.item > h4 > a.paper-title > b`.
 */
import { hostIs, looseKey, metaContent, queryAll, safeFind, textOf, titleOf } from './dom';
import type { FoundTitle, SiteAdapter } from './types';

const HOSTS = ['jmlr.org', 'www.jmlr.org'] as const;

function abstractPageTitle(root: ParentNode): Element | undefined {
  const meta = metaContent(root, ['citation_title']);
  if (!meta) return undefined;
  const key = looseKey(meta);
  return queryAll(root, 'h1, h2, h3').find((h) => looseKey(textOf(h)) === key);
}

export const jmlr: SiteAdapter = {
  id: 'jmlr',
  name: 'JMLR / TMLR',
  matches: ['*://jmlr.org/*', '*://www.jmlr.org/*'],

  servesUrl(url) {
    return hostIs(url, HOSTS);
  },

  findTitles(root) {
    return safeFind(() => {
      const found: FoundTitle[] = [];
      for (const link of queryAll(root, 'ul.list-papers li h4 a.paper-title')) found.push(titleOf(link));
      // JMLR volume lists: each <dt> is one title, followed by its <dd> with authors and links.
      for (const dt of queryAll(root, 'dl > dt')) {
        if (dt.nextElementSibling?.localName === 'dd') found.push(titleOf(dt));
      }
      const heading = abstractPageTitle(root);
      if (heading) found.push(titleOf(heading));
      return found;
    });
  },
};
