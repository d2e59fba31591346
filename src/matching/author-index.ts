/**
 * Author lookup. Clusters follow the Arrow rule: one cluster per exact author name, compared
 * case-insensitively (whitespace runs collapsed). Type-ahead folds case and diacritics, so
 * "rodola" offers "Emanuele Rodolà".
 */
import { LETTER_FOLDS } from './fold';

/** The Arrow cluster key: case-insensitive exact name. */
export function clusterKey(name: string): string {
  // Locale-independent lower-casing; NFC only where there is something to compose.
  // Bidi controls are taken out of names at import; a query may still carry them (pasted text).
  const text = /[^\x00-\x7f]/.test(name) ? name.normalize('NFC').replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '') : name;
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
    if (q === '' || limit <= 0) return [];
    // A one-letter query matches a large share of all names: only the best `limit` are kept as
    // they come, instead of ranking every match and sorting them all.
    const best = new BestSuggestions(limit, this.entries);
    /** Entries seen, kept only while fewer than the substring scan's bound. */
    const seen = new Set<number>();
    for (let k = lowerBound(this.wordStarts, q); k < this.wordStarts.length; k++) {
      const start = this.wordStarts[k]!;
      if (!start.key.startsWith(q)) break;
      const entry = this.entries[start.entry]!;
      best.offer(start.entry, entry.search === q ? 'exact' : start.first ? 'prefix' : 'word-prefix');
      if (seen.size < limit * 4) seen.add(start.entry);
    }
    // Substring hits only when the better ranks leave room: one indexOf scan over every name.
    if (seen.size < limit && q.length >= 3 && !q.includes('\n')) {
      for (let at = this.allKeys.indexOf(q); at >= 0 && seen.size < limit * 4; at = this.allKeys.indexOf(q, at + 1)) {
        const i = upperBound(this.keyOffsets, at) - 1;
        if (seen.has(i)) continue;
        seen.add(i);
        best.offer(i, 'substring');
      }
    }
    return best.list();
  }
}

/** The best `limit` suggestions offered so far, in their final order. */
class BestSuggestions {
  private readonly kept: AuthorSuggestion[] = [];
  private readonly entryOf: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly entries: readonly NameEntry[],
  ) {}

  offer(entry: number, rank: SuggestionRank): void {
    const { name, papers } = this.entries[entry]!;
    if (this.kept.length === this.limit) {
      // Most offers stop here, on two number comparisons: they rank below the worst one kept
      // (and so below this name's own earlier offer, if it was kept).
      const worst = this.kept[this.limit - 1]!;
      const order = RANK_ORDER[rank] - RANK_ORDER[worst.rank] || worst.paperCount - papers.length;
      if (order > 0) return;
    }
    const candidate: AuthorSuggestion = { name, paperCount: papers.length, rank };
    const at = this.entryOf.indexOf(entry);
    if (at >= 0) {
      // The same name met again through another of its words: keep its better rank.
      if (RANK_ORDER[rank] < RANK_ORDER[this.kept[at]!.rank]) this.kept[at] = candidate;
      else return;
    } else if (this.kept.length < this.limit) {
      this.kept.push(candidate);
      this.entryOf.push(entry);
    } else {
      if (compareSuggestions(candidate, this.kept[this.limit - 1]!) >= 0) return;
      this.kept[this.limit - 1] = candidate;
      this.entryOf[this.limit - 1] = entry;
    }
    this.sortKept();
  }

  list(): AuthorSuggestion[] {
    return [...this.kept];
  }

  /** Insertion sort of at most `limit` items, keeping entryOf in step. */
  private sortKept(): void {
    for (let i = 1; i < this.kept.length; i++) {
      for (let j = i; j > 0 && compareSuggestions(this.kept[j]!, this.kept[j - 1]!) < 0; j--) {
        [this.kept[j], this.kept[j - 1]] = [this.kept[j - 1]!, this.kept[j]!];
        [this.entryOf[j], this.entryOf[j - 1]] = [this.entryOf[j - 1]!, this.entryOf[j]!];
      }
    }
  }
}

function compareSuggestions(a: AuthorSuggestion, b: AuthorSuggestion): number {
  return RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || b.paperCount - a.paperCount || a.name.localeCompare(b.name);
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
