/**
 * Author lookup. Clusters follow the Arrow rule: one cluster per exact author name, compared
 * case-insensitively (whitespace runs collapsed). Type-ahead folds case and diacritics, so
 * "rodola" offers "Emanuele Rodolà".
 */
import { LETTER_FOLDS } from './fold';

/** The Arrow cluster key: case-insensitive exact name. */
export function clusterKey(name: string): string {
  // Locale-independent lower-casing; NFC only where there is something to compose.
  const text = /[^\x00-\x7f]/.test(name) ? name.normalize('NFC') : name;
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}


/** The type-ahead key: case, diacritics and punctuation folded away. */
export function searchKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type SuggestionRank = 'exact' | 'prefix' | 'word-prefix' | 'substring';
const RANK_ORDER: Record<SuggestionRank, number> = { exact: 0, prefix: 1, 'word-prefix': 2, substring: 3 };

export interface AuthorSuggestion {
  name: string;
  paperCount: number;
  rank: SuggestionRank;
}

interface NameEntry {
  /** Display spelling: the first one seen. */
  name: string;
  search: string;
  papers: number[];
}

export class AuthorIndex {
  private readonly byCluster = new Map<string, NameEntry>();
  private entries: NameEntry[] = [];
  /** (search key of a word start onwards, entry) sorted, for prefix and word-prefix search. */
  private wordStarts: { key: string; entry: number; first: boolean }[] = [];
  /** Every search key, each followed by "\n": substring search is one native indexOf scan. */
  private allKeys = '';
  /** Offset of each entry's key in allKeys, ascending. */
  private keyOffsets: number[] = [];

  /** `authorsOfPaper[p]` lists paper p's author names. */
  constructor(authorsOfPaper: readonly (readonly string[])[]) {
    authorsOfPaper.forEach((names, paper) => {
      for (const name of names) {
        const key = clusterKey(name);
        if (key === '') continue;
        let entry = this.byCluster.get(key);
        if (!entry) {
          entry = { name: name.normalize('NFC').trim().replace(/\s+/g, ' '), search: searchKey(name), papers: [] };
          this.byCluster.set(key, entry);
          this.entries.push(entry);
        }
        if (entry.papers[entry.papers.length - 1] !== paper) entry.papers.push(paper);
      }
    });
    const keys: string[] = [];
    let offset = 0;
    for (const entry of this.entries) {
      this.keyOffsets.push(offset);
      keys.push(entry.search);
      offset += entry.search.length + 1;
    }
    this.allKeys = keys.join('\n') + '\n';
    this.entries.forEach((entry, i) => {
      const words = entry.search.split(' ');
      let offset = 0;
      words.forEach((word, w) => {
        this.wordStarts.push({ key: entry.search.slice(offset), entry: i, first: w === 0 });
        offset += word.length + 1;
      });
    });
    this.wordStarts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.entry - b.entry));
  }

  get nameCount(): number {
    return this.entries.length;
  }

  /** Papers (indexes) whose author list holds exactly this name, case-insensitively. */
  papersOf(name: string): { name: string; papers: number[] } | null {
    const entry = this.byCluster.get(clusterKey(name));
    return entry ? { name: entry.name, papers: entry.papers } : null;
  }

  /** Names for a type-ahead box, ranked exact, prefix, word-prefix, substring; then by papers. */
  suggest(query: string, limit = 10): AuthorSuggestion[] {
    const q = searchKey(query);
    if (q === '') return [];
    const ranked = new Map<number, SuggestionRank>();
    for (let k = lowerBound(this.wordStarts, q); k < this.wordStarts.length; k++) {
      const start = this.wordStarts[k]!;
      if (!start.key.startsWith(q)) break;
      const entry = this.entries[start.entry]!;
      const rank: SuggestionRank = entry.search === q ? 'exact' : start.first ? 'prefix' : 'word-prefix';
      const previous = ranked.get(start.entry);
      if (previous === undefined || RANK_ORDER[rank] < RANK_ORDER[previous]) ranked.set(start.entry, rank);
    }
    // Substring hits only when the better ranks leave room: one indexOf scan over every name.
    if (ranked.size < limit && q.length >= 3 && !q.includes('\n')) {
      for (let at = this.allKeys.indexOf(q); at >= 0 && ranked.size < limit * 4; at = this.allKeys.indexOf(q, at + 1)) {
        const i = upperBound(this.keyOffsets, at) - 1;
        if (!ranked.has(i)) ranked.set(i, 'substring');
      }
    }
    return [...ranked]
      .map(([i, rank]) => ({ name: this.entries[i]!.name, paperCount: this.entries[i]!.papers.length, rank }))
      .sort(
        (a, b) =>
          RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || b.paperCount - a.paperCount || a.name.localeCompare(b.name),
      )
      .slice(0, limit);
  }
}

/** First index whose value is greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(sorted: readonly { key: string }[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
