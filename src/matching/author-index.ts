/**
 * Author lookup. Clusters follow the Arrow rule: one cluster per exact author name, compared
 * case-insensitively (whitespace runs collapsed). Type-ahead folds case and diacritics, so
 * "rodola" offers "Emanuele Rodolà".
 */
import { boundedEditDistance } from './edit-distance';
import { LETTER_FOLDS } from './fold';
import { BIDI_CONTROLS } from '../records/repair';
import { partitionPoint, upperBound } from './sorted-search';

/** The Arrow cluster key: case-insensitive exact name. */
export function clusterKey(name: string): string {
  // Locale-independent lower-casing; NFC only where there is something to compose.
  // Bidi controls are taken out of names at import; a query may still carry them (pasted text).
  const text = /[^\x00-\x7f]/.test(name) ? name.normalize('NFC').replace(BIDI_CONTROLS, '') : name;
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

/**
 * How a name answers the query: `name-form` is the name written as bibliographies write it
 * ("basile lorenzo", "Basile, Lorenzo", "L. Basile"); `typo` the same with one word one typo off.
 */
export type SuggestionRank = 'exact' | 'prefix' | 'name-form' | 'word-prefix' | 'typo' | 'substring';
const RANK_ORDER: Record<SuggestionRank, number> = { exact: 0, prefix: 1, 'name-form': 2, 'word-prefix': 3, typo: 4, substring: 5 };
/** Names scanned per anchor word at most: a common surname ("wang") must not cost a keystroke its budget. */
const NAME_FORM_SCAN = 4_000;

export interface AuthorSuggestion {
  name: string;
  paperCount: number;
  rank: SuggestionRank;
}

/**
 * Every distinct author name with its papers, in a form that can be stored: the bundled index
 * ships it, so the first lookup reads it instead of working it out over every paper.
 */
export interface NameTable {
  /** Display spelling of each name (the first one seen), sorted by `clusterKey`. */
  names: readonly string[];
  /** `searchKey` of each name. */
  searchKeys: readonly string[];
  /** How many papers list each name. */
  paperCounts: ArrayLike<number>;
  /** The papers (indexes) listing name `i`, ascending. */
  papersOf(entry: number): readonly number[];
  /**
   * Every word start of every search key, sorted by the rest of the key from there on, each as
   * `entry * WORD_START_SPAN + offset`: prefix and word-prefix search are binary searches.
   */
  wordStarts: ArrayLike<number>;
}

/** Offsets of word starts inside one search key stay below this (names are at most 300 characters). */
export const WORD_START_SPAN = 1024;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The name table of papers given by their author lists (`authorsOfPaper[p]` lists paper p's). */
export function nameTable(authorsOfPaper: readonly (readonly string[])[]): NameTable {
  const byCluster = new Map<string, { name: string; key: string; papers: number[] }>();
  authorsOfPaper.forEach((names, paper) => {
    for (const name of names) {
      const key = clusterKey(name);
      if (key === '') continue;
      let entry = byCluster.get(key);
      if (!entry) byCluster.set(key, (entry = { name: name.normalize('NFC').trim().replace(/\s+/g, ' '), key, papers: [] }));
      if (entry.papers[entry.papers.length - 1] !== paper) entry.papers.push(paper);
    }
  });
  const entries = [...byCluster.values()].sort((a, b) => compareText(a.key, b.key));
  const searchKeys = entries.map((e) => searchKey(e.name));
  const starts: { key: string; code: number }[] = [];
  searchKeys.forEach((search, i) => {
    let offset = 0;
    for (const word of search.split(' ')) {
      if (offset < WORD_START_SPAN) starts.push({ key: search.slice(offset), code: i * WORD_START_SPAN + offset });
      offset += word.length + 1;
    }
  });
  starts.sort((a, b) => compareText(a.key, b.key) || a.code - b.code);
  return {
    names: entries.map((e) => e.name),
    searchKeys,
    paperCounts: entries.map((e) => e.papers.length),
    papersOf: (entry) => entries[entry]!.papers,
    wordStarts: starts.map((s) => s.code),
  };
}

export class AuthorIndex {
  /** Every search key, each followed by "\n": substring search is one native indexOf scan. */
  private readonly allKeys: string;
  /** Offset of each entry's key in allKeys, ascending. */
  private readonly keyOffsets: Int32Array;

  constructor(private readonly table: NameTable) {
    this.keyOffsets = new Int32Array(table.searchKeys.length);
    let offset = 0;
    table.searchKeys.forEach((key, i) => {
      this.keyOffsets[i] = offset;
      offset += key.length + 1;
    });
    this.allKeys = `${table.searchKeys.join('\n')}\n`;
  }

  /** The index of papers given by their author lists. */
  static fromPapers(authorsOfPaper: readonly (readonly string[])[]): AuthorIndex {
    return new AuthorIndex(nameTable(authorsOfPaper));
  }

  get nameCount(): number {
    return this.table.names.length;
  }

  /** Papers (indexes) whose author list holds exactly this name, case-insensitively. */
  papersOf(name: string): { name: string; papers: readonly number[] } | null {
    const key = clusterKey(name);
    const { names } = this.table;
    const lo = partitionPoint(0, names.length, (i) => clusterKey(names[i]!) < key);
    return lo < names.length && clusterKey(names[lo]!) === key ? { name: names[lo]!, papers: this.table.papersOf(lo) } : null;
  }

  /** Names for a type-ahead box, ranked exact, prefix, word-prefix, substring; then by papers. */
  suggest(query: string, limit = 10): AuthorSuggestion[] {
    const q = searchKey(query);
    if (q === '' || limit <= 0) return [];
    const { searchKeys, wordStarts } = this.table;
    const startKey = (k: number) => {
      const code = wordStarts[k]!;
      return searchKeys[Math.floor(code / WORD_START_SPAN)]!.slice(code % WORD_START_SPAN);
    };
    // A one-letter query matches a large share of all names: only the best `limit` are kept as
    // they come, instead of ranking every match and sorting them all.
    const best = new BestSuggestions(limit, this.table);
    /** Entries seen, kept only while fewer than the substring scan's bound. */
    const seen = new Set<number>();
    const first = partitionPoint(0, wordStarts.length, (k) => startKey(k) < q);
    for (let k = first; k < wordStarts.length; k++) {
      const code = wordStarts[k]!;
      const entry = Math.floor(code / WORD_START_SPAN);
      const offset = code % WORD_START_SPAN;
      if (!searchKeys[entry]!.startsWith(q, offset)) break;
      best.offer(entry, offset === 0 && searchKeys[entry] === q ? 'exact' : offset === 0 ? 'prefix' : 'word-prefix');
      if (seen.size < limit * 4) seen.add(entry);
    }
    if (q.includes(' ')) this.offerNameForms(q, best, seen, limit);
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

  /**
   * Names whose words the query's words stand for in another order or shape: surname first
   * (the comma is already gone from the search key), initials for given names, or one typo in
   * one word. Each is its own name (its own cluster), only offered, never merged.
   */
  private offerNameForms(q: string, best: BestSuggestions, seen: Set<number>, limit: number): void {
    const words = q.split(' ');
    if (words.length > 4) return;
    const { searchKeys, wordStarts } = this.table;
    const startKey = (k: number) => {
      const code = wordStarts[k]!;
      return searchKeys[Math.floor(code / WORD_START_SPAN)]!.slice(code % WORD_START_SPAN);
    };
    // Anchors: the longest words first; a second one in case the first is the misspelt one.
    const anchors = [...new Set(words.filter((w) => w.length >= 2))].sort((a, b) => b.length - a.length).slice(0, 2);
    const checked = new Set<number>();
    for (const anchor of anchors) {
      const first = partitionPoint(0, wordStarts.length, (k) => startKey(k) < anchor);
      const typoOnly = anchor !== anchors[0];
      for (let k = first, scanned = 0; k < wordStarts.length && scanned < NAME_FORM_SCAN; k++, scanned++) {
        const code = wordStarts[k]!;
        const entry = Math.floor(code / WORD_START_SPAN);
        const key = searchKeys[entry]!;
        if (!key.startsWith(anchor, code % WORD_START_SPAN)) break;
        if (checked.has(entry)) continue;
        checked.add(entry);
        // Already offered as written (prefix or word-prefix): not again as a name form.
        if (key.startsWith(q) || key.includes(` ${q}`)) continue;
        const form = nameForm(words, key.split(' '));
        if (form === null || (typoOnly && form !== 'typo')) continue;
        best.offer(entry, form);
        if (seen.size < limit * 4) seen.add(entry);
      }
    }
  }
}

/**
 * Whether the query words name these name words: each query word a distinct name word, whole
 * (the last one, still being typed, as a prefix), a single letter standing for an initial, and
 * at most one word of four letters or more one typo off. Null when they do not.
 */
export function nameForm(query: readonly string[], name: readonly string[]): 'name-form' | 'typo' | null {
  if (query.length > name.length) return null;
  const used = new Array<boolean>(name.length).fill(false);
  let typos = 0;
  // Whole words and prefixes first, so an initial does not take the word a surname needs.
  const order = query.map((w, i) => i).sort((a, b) => query[b]!.length - query[a]!.length);
  for (const i of order) {
    const word = query[i]!;
    const last = i === query.length - 1;
    let at = name.findIndex((n, j) => !used[j] && (n === word || ((last || word.length === 1) && n.startsWith(word))));
    if (at < 0 && word.length >= 4 && typos === 0) {
      at = name.findIndex((n, j) => !used[j] && n.length >= 4 && boundedEditDistance(word, n, 1) <= 1);
      if (at >= 0) typos++;
    }
    if (at < 0) return null;
    used[at] = true;
  }
  return typos > 0 ? 'typo' : 'name-form';
}

/** The best `limit` suggestions offered so far, in their final order. */
class BestSuggestions {
  private readonly kept: AuthorSuggestion[] = [];
  private readonly entryOf: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly table: NameTable,
  ) {}

  offer(entry: number, rank: SuggestionRank): void {
    const name = this.table.names[entry]!;
    const papers = { length: this.table.paperCounts[entry]! };
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
