/**
 * ACL Anthology (aclanthology.org): paper pages and volume/event listings.
 *
 * Markup (Hugo build): paper page `<h2 id="title"><a href="….pdf">title</a></h2>` then
 * `p.lead` with authors; volume/event listings
 * `(p|div).d-sm-flex.align-items-stretch > span.d-block > strong > a.align-middle`, titles may
 * contain `<span class="acl-fixed-case">` pieces; volume pages also carry an `h2#title` (the volume
 * name), which is ignored there. The first entry of a volume (`….0/`) is the
 * volume's front matter ("Proceedings of …"), not a paper, and is skipped.
 */
import { defineSiteAdapter } from './define';
import { queryAll, titleOf } from './dom';
import { pageStatedIds } from './finders';

const FRONT_MATTER = /\.0\/?$/;

export const aclAnthology = defineSiteAdapter({
  id: 'acl-anthology',
  matches: ['https://aclanthology.org/*', 'https://www.aclanthology.org/*'],

  *find(root, url) {
    // Volume pages reuse `h2#title` for the volume's name, which is not a paper.
    const headings = url.pathname.startsWith('/volumes/') ? [] : queryAll(root, 'h2#title');
    for (const h2 of headings) {
      const links = queryAll(h2, 'a');
      yield titleOf(links.length === 1 && links[0] ? links[0] : h2);
    }
    for (const link of queryAll(root, '.d-sm-flex span.d-block strong > a.align-middle')) {
      const href = (link.getAttribute('href') ?? '').split(/[?#]/)[0] ?? '';
      if (!FRONT_MATTER.test(href)) yield titleOf(link);
    }
  },

  // A paper page's `citation_doi`; listing entries link no id of ours.
  idsOf: (title, url, root) => (title.closest('h2#title') ? pageStatedIds(root, url) : []),
});
