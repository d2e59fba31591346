/** The cluster's text filter, as a pure function: which papers a reader's words pick out. */
import { venueLine } from '../dom';

/** Lower case, accents off: "rodola" finds "Rodolà", "neurips 2021" finds "NeurIPS · 2021". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Positions of the papers whose title, venue, year, type or authors hold every word of `text`
 * (in any order, each anywhere); null when `text` has no word (no filter).
 */
export function filterPapers(papers: readonly { title: string; venue: string; year: number; type: string; authors: readonly string[] }[], text: string): number[] | null {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return papers.flatMap((paper, i) => {
    const haystack = fold(`${paper.title} ${venueLine(paper)} ${paper.authors.join(' ')}`);
    return words.every((word) => haystack.includes(word)) ? [i] : [];
  });
}
