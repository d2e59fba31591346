/**
 * Semantic Scholar (www.semanticscholar.org): paper pages, search results, author pages.
 *
 * Markup (React app, stable data-test-id hooks): paper page `h1[data-test-id="paper-detail-title"]`;
 * paper rows (search results, author pages, a paper's citations/references)
 * `div.cl-paper-row > a[data-heap-id="title_link"] > h2.cl-paper-title`, older builds
 * `a[data-test-id="title-link"]` around a `div.cl-paper-title`.
 */
import { defineSiteAdapter } from './define';

export const semanticScholar = defineSiteAdapter({
  id: 'semantic-scholar',
  matches: ['https://www.semanticscholar.org/*', 'https://semanticscholar.org/*'],
  // A title link that wraps a .cl-paper-title is dropped for that tighter element
  // (finalizeTitles keeps the innermost of nested candidates).
  titles: ['h1[data-test-id="paper-detail-title"]', '.cl-paper-title', 'a[data-test-id="title-link"]'],
});
