/**
 * OpenReview (openreview.net): forum pages, venue/group pages (tabbed note lists), profile
 * publication lists and search results.
 *
 * Markup (openreview-web): the forum title is `<div class="forum-title"><h2 class="citation_title">`
 * (components/forum/ForumNote.js); every note list renders `<div class="note"><h4><a>title</a>
 * <a class="pdf-link">…</a></h4>` inside `ul.list-unstyled` (components/NoteList.js,
 * components/Note.js, components/NoteTitle.js), used by venue tabs, profiles and /search.
 * Lists are rendered client-side, so a freshly loaded group page has no titles yet.
 */
import { defineSiteAdapter } from './define';
import { queryFirst, queryAll, titleOf } from './dom';
import { linkedIds, pageStatedIds } from './finders';

const FORUM_TITLE = '.forum-title h2.citation_title, .forum-title > h2';
const NOTE_LIST_TITLE = '.note > h4 > a:not(.pdf-link):not(.html-link)';

export const openreview = defineSiteAdapter({
  id: 'openreview',
  matches: ['https://openreview.net/*', 'https://www.openreview.net/*'],

  *find(root, url) {
    if (url.pathname === '/forum') {
      // Replies on a forum are notes too; only the submission's own title is a paper title.
      const heading = queryFirst(root, FORUM_TITLE);
      if (heading) yield titleOf(heading);
      return;
    }
    for (const link of queryAll(root, NOTE_LIST_TITLE)) yield titleOf(link);
  },

  // A forum page names its paper in its URL; a note list links each title to `/forum?id=`
  // (and its PDF to `/pdf?id=` or `/attachment?id=`).
  idsOf: (title, url, root) => (url.pathname === '/forum' ? pageStatedIds(root, url) : linkedIds(title.closest('h4'), url)),
});
