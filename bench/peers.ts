/**
 * The libraries a developer would otherwise reach for to match a title against a list, each
 * wrapped as "give me the matching title or nothing" with a reasonable acceptance rule.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import uFuzzy from '@leeoniya/ufuzzy';

export interface TitleMatcher {
  name: string;
  /** Index of the matched title, or null. */
  match(query: string): number | null;
}

export function fuseMatcher(titles: readonly string[]): TitleMatcher {
  // ignoreLocation: titles are long; threshold 0.3 is Fuse's usual "close enough".
  const fuse = new Fuse(titles.map((title, i) => ({ title, i })), { keys: ['title'], includeScore: true, ignoreLocation: true, threshold: 0.3 });
  return {
    name: 'Fuse.js',
    match: (query) => {
      const [best] = fuse.search(query, { limit: 1 });
      return best && (best.score ?? 1) <= 0.3 ? best.item.i : null;
    },
  };
}

export function miniSearchMatcher(titles: readonly string[]): TitleMatcher {
  const search = new MiniSearch<{ id: number; title: string }>({ fields: ['title'], storeFields: [] });
  search.addAll(titles.map((title, id) => ({ id, title })));
  return {
    name: 'MiniSearch',
    match: (query) => {
      // Accept the top hit when (nearly) every query term found it: fuzzy 0.2 forgives typos.
      const results = search.search(query, { fuzzy: 0.2, prefix: true, combineWith: 'OR' });
      const best = results[0];
      if (!best) return null;
      const terms = MiniSearch.getDefault('tokenize')(query).filter(Boolean).length;
      return best.queryTerms.length >= Math.max(1, terms - 1) ? (best.id as number) : null;
    },
  };
}

export function uFuzzyMatcher(titles: readonly string[]): TitleMatcher {
  const haystack = [...titles];
  // Defaults (intraMode 0). Its single-error mode (intraMode 1) goes exponential on long
  // multi-term needles here: one noisy title ran for minutes.
  const finder = new uFuzzy();
  return {
    name: 'uFuzzy',
    match: (query) => {
      const needle = query.replace(/[^\p{L}\p{N} ]+/gu, ' ').trim();
      const [idxs, info, order] = finder.search(haystack, needle, 0, 1e3);
      if (!idxs || idxs.length === 0) return null;
      const top = info && order ? info.idx[order[0]!]! : idxs[0]!;
      return top;
    },
  };
}
