/**
 * A long author list shortened to its first names (a paper with 84 authors must not push the
 * abstract out of the preview), keeping one name visible wherever it sits (the author being
 * looked up). Pure.
 */
export function shortAuthorList(authors: readonly string[], limit: number, keep?: string): { shown: string[]; hidden: string[] } {
  if (authors.length <= limit + 1) return { shown: [...authors], hidden: [] };
  const kept = keep === undefined ? -1 : authors.findIndex((name) => name.toLowerCase() === keep.toLowerCase());
  if (kept < limit) return { shown: authors.slice(0, limit), hidden: authors.slice(limit) };
  const shown = [...authors.slice(0, limit - 1), authors[kept]!];
  return { shown, hidden: authors.filter((_, i) => i >= limit - 1 && i !== kept) };
}
