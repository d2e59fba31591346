/**
 * A long author list shortened to its first names (a paper with 84 authors must not push the
 * abstract out of the preview); a single name is never hidden behind "+1 more". Pure.
 */
export function shortAuthorList(authors: readonly string[], limit: number): { shown: string[]; hidden: string[] } {
  if (authors.length <= limit + 1) return { shown: [...authors], hidden: [] };
  return { shown: authors.slice(0, limit), hidden: authors.slice(limit) };
}
