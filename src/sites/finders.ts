/**
 * Finders for page patterns that several venue sites share. Pure functions of the nodes they
 * are given, like dom.ts.
 */
import { looseKey, metaContent, queryAll, queryFirst, titleOf } from './dom';
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
