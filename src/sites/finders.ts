/**
 * Finders for page patterns that several venue sites share. Pure functions of the nodes they
 * are given, like dom.ts.
 */
import { looseKey, metaContent, queryAll, queryFirst, titleOf } from './dom';
import { pageId, pageIdsFromUrl, type PageId } from '../records/identity';
import type { FoundTitle } from './types';

/** The element's first link, or the element itself when it has none (a title that may be linked). */
export function firstLinkOr(el: Element): Element {
  return queryFirst(el, 'a') ?? el;
}

/**
 * The first of `headings` whose text is `title`, loosely compared (case, punctuation and
 * whitespace ignored), with `exclude` left out of the text as in `titleOf`.
 */
export function headingShowing(headings: readonly Element[], title: string, exclude?: string): FoundTitle | undefined {
  const key = looseKey(title);
  if (key === '') return undefined;
  for (const heading of headings) {
    const found = titleOf(heading, exclude);
    if (looseKey(found.text) === key) return found;
  }
  return undefined;
}

/**
 * On a single-paper page that declares its title in `<meta name="citation_title">`, the heading
 * (among `headings`, a selector) that shows that title.
 */
export function citationTitleHeading(root: ParentNode, headings: string): FoundTitle | undefined {
  const title = metaContent(root, ['citation_title']);
  return title === undefined ? undefined : headingShowing(queryAll(root, headings), title);
}

/** Links looked at per entry: an entry links a few pages; a page stuffing thousands is cut off. */
const LINKS_PER_ENTRY = 40;

/**
 * The page ids the links under `scope` name (`a[href]`, or `selector`), hrefs resolved against
 * the page's URL, in link order: a listing entry's title, PDF and DOI links.
 */
export function linkedIds(scope: Element | null | undefined, url: URL, selector = 'a[href]'): PageId[] {
  if (!scope) return [];
  const ids: PageId[] = [];
  for (const link of queryAll(scope, selector).slice(0, LINKS_PER_ENTRY)) {
    const href = link.getAttribute('href')?.trim();
    if (!href || href.length > 2_000) continue;
    // An absolute link goes to pageIdsFromUrl as it is (its string test spares most links the URL parser).
    if (/^https?:\/\//i.test(href)) {
      ids.push(...pageIdsFromUrl(href));
      continue;
    }
    try {
      ids.push(...pageIdsFromUrl(new URL(href, url).href));
    } catch {
      // Not a URL: no id.
    }
  }
  return ids;
}

/**
 * The ids a single-paper page states for its paper: those its own URL names, its
 * `citation_doi` and its `citation_arxiv_id` (Highwire metadata, as arXiv, ACL and publishers write it).
 */
export function pageStatedIds(root: ParentNode, url: URL): PageId[] {
  const ids: (PageId | null)[] = pageIdsFromUrl(url.href);
  const doi = metaContent(root, ['citation_doi']);
  if (doi) ids.push(pageId('doi', doi));
  const arxivId = metaContent(root, ['citation_arxiv_id']);
  if (arxivId) ids.push(pageId('arxiv', arxivId));
  return ids.filter((id): id is PageId => id !== null);
}
