/**
 * Title matching over a set of records, strictest rule first: the exact key; then the content
 * words (function words dropped); then, for a truncated title, a prefix rule; then a fuzzy rule that forgives typos but never a changed content word.
 */
import { boundedEditDistance } from './edit-distance';
import { lowerBound, partitionPoint } from './sorted-search';
import { contentWords, decodeWords, exactKey, normaliseTitle, peelQuery, plainKey, STOPWORDS, titleKey, type NormalisedTitle, type Words } from './normalise-title';

export type MatchRule = 'exact' | 'content-words' | 'prefix' | 'fuzzy';

export interface TitleMatch {
  /** Index of the matched entry in the array the index was built from. */
  entry: number;
  /** 1 for an exact key; lower for looser rules. */
  score: number;
  rule: MatchRule;
}

/** Fuzzy matches may spend at most this many character edits in total. */
const MAX_TYPO_EDITS = 2;
/** Truncated and fuzzy queries need this many content words to be trusted. */
const MIN_CONTENT_TOKENS = 3;
/** A truncated title must show at least this many characters of key. */
const MIN_PREFIX_CHARS = 20;
const AMBIGUOUS = -1;
/**
 * A word of the records found in this few titles may itself be a misspelling in them
 * ("Langauge", "Probablistic"): it may stand for a word found in at least COMMON_WORD_TITLES.
 */
const RARE_WORD_TITLES = 2;
const COMMON_WORD_TITLES = 20;

/** Content token → the entries holding it, ascending: also tells how common a word is. */
export type Vocabulary = ReadonlyMap<string, readonly number[]>;

interface Entry {
  content: Words;
  key: string;
}

interface FullIndex {
  entries: Entry[];
  byContentKey: Map<string, number>;
  /** Content token → entries holding it (candidate generation for the fuzzy rule). */
  postings: Map<string, number[]>;
  /** Exact keys sorted, for prefix search of truncated titles. */
  sortedKeys: string[];
  sortedKeyEntries: number[];
}

export class TitleIndex {
  /**
   * Exact keys, all that exact lookups need, ready at once: the longest already-sorted run at the
   * start (the bundled index stores papers sorted by key) is binary-searched as it is; only the
   * entries after it (the user's imports) go into a map.
   */
  private readonly sortedRun: number;
  private readonly tailByKey = new Map<string, number>();
  /** The rest is built on the first query that needs more than an exact key. */
  private full: FullIndex | undefined;

  /**
   * `keys`, when given, are the titles' exact keys (`titleKey`) as the index build stored them,
   * so a cold start needs no normalisation at all for the exact-key path; `contents`, the titles'
   * content words (`titleContent`), spare the looser rules' first query the same work.
   */
  constructor(
    private readonly titles: readonly string[],
    private readonly keys: readonly string[] = titles.map(titleKey),
    private contents?: readonly (string | undefined)[],
  ) {
    let run = 0;
    while (run < keys.length && (run === 0 || keys[run - 1]! <= keys[run]!)) run++;
    this.sortedRun = run;
    for (let i = run; i < keys.length; i++) {
      const key = keys[i]!;
      // The same title twice (e.g. workshop and conference versions) keeps the first entry.
      if (key !== '' && !this.tailByKey.has(key) && this.inSortedRun(key) === undefined) this.tailByKey.set(key, i);
    }
  }

  /** The first entry of the sorted run with this exact key. */
  private inSortedRun(key: string): number | undefined {
    const lo = partitionPoint(0, this.sortedRun, (i) => this.keys[i]! < key);
    return lo < this.sortedRun && this.keys[lo] === key ? lo : undefined;
  }

  /** The first entry with this exact key, if any. */
  private exactEntry(key: string): number | undefined {
    if (key === '') return undefined;
    return this.inSortedRun(key) ?? this.tailByKey.get(key);
  }

  /**
   * The stored content words of the first `contents.length` titles (`titleContent`), for the
   * looser rules; too late once those rules have built their structures.
   */
  useContents(contents: readonly (string | undefined)[]): void {
    if (!this.full) this.contents = contents;
  }

  get size(): number {
    return this.titles.length;
  }

  /** Builds the structures of the looser rules now rather than on the first query needing them. */
  prepare(): void {
    this.fullIndex();
  }

  private fullIndex(): FullIndex {
    if (this.full) return this.full;
    const entries: Entry[] = [];
    const byContentKey = new Map<string, number>();
    const postings = new Map<string, number[]>();
    this.titles.forEach((title, i) => {
      const stored = this.contents?.[i];
      let content: Words;
      let key: string;
      if (stored !== undefined) {
        content = decodeWords(stored);
        key = this.keys[i]!;
      } else {
        const normalised = normaliseTitle(title);
        content = contentWords(normalised);
        key = exactKey(normalised.tokens);
      }
      entries.push({ content, key });
      if (key === '') return;
      const contentKey = content.canonical.join('');
      const other = byContentKey.get(contentKey);
      if (other === undefined) byContentKey.set(contentKey, i);
      // Once ambiguous, a third title with these content words leaves it so.
      else if (other !== AMBIGUOUS && entries[other]!.key !== key) byContentKey.set(contentKey, AMBIGUOUS);
      for (const token of new Set(content.canonical)) {
        const list = postings.get(token);
        if (list) list.push(i);
        else postings.set(token, [i]);
      }
    });
    // Entries stored sorted by key (the bundled index) need no sort.
    const sorted = this.sortedRun === entries.length && entries.every((e, i) => e.key === this.keys[i]);
    const order = sorted ? entries.map((_, i) => i) : entries.map((_, i) => i).sort((a, b) => compare(entries[a]!.key, entries[b]!.key));
    this.full = { entries, byContentKey, postings, sortedKeys: order.map((i) => entries[i]!.key), sortedKeyEntries: order };
    return this.full;
  }

  match(query: string): TitleMatch | null {
    const quick = plainKey(query);
    if (quick !== null) {
      const entry = this.exactEntry(quick);
      if (entry !== undefined) return { entry, score: 1, rule: 'exact' };
    }
    const plain = normaliseTitle(query);
    if (plain.tokens.length === 0) return null;
    const exact = this.matchExact(plain);
    if (exact) return exact;
    // Decorations nested as listings nest them ("“[PDF] …”", "… — NeurIPS 2023"): only past the
    // exact key, so a title that itself looks decorated is found as it is first.
    const peeled = peelQuery(query);
    if (peeled !== query) {
      const again = normaliseTitle(peeled);
      if (again.tokens.length > 0 && (again.truncated !== plain.truncated || exactKey(again.tokens) !== exactKey(plain.tokens))) {
        const found = this.matchExact(again) ?? this.matchLoosely(again);
        if (found) return found;
      }
    }
    return this.matchLoosely(plain);
  }

  private matchExact({ tokens, truncated }: NormalisedTitle): TitleMatch | null {
    const exact = truncated ? undefined : this.exactEntry(exactKey(tokens));
    return exact === undefined ? null : { entry: exact, score: 1, rule: 'exact' };
  }

  private matchLoosely(normalised: NormalisedTitle): TitleMatch | null {
    const { tokens, truncated } = normalised;
    // Past the exact key (the common case on venue pages): the looser rules need content words.
    const content = contentWords(normalised);
    if (!truncated) {
      const byContent = this.fullIndex().byContentKey.get(content.canonical.join(''));
      if (byContent !== undefined && byContent !== AMBIGUOUS) {
        return { entry: byContent, score: 0.99, rule: 'content-words' };
      }
    } else {
      const prefix = this.matchPrefix(tokens, content);
      if (prefix) return prefix;
    }
    return this.matchFuzzy(content, truncated);
  }

  /** A cut title ("Intrinsic Dimension Correlation: uncovering…") that only one title starts with. */
  private matchPrefix(tokens: string[], content: Words): TitleMatch | null {
    // The last shown word may itself be cut ("uncov…"), so it counts as a prefix too.
    const key = exactKey(tokens);
    if (key.length < MIN_PREFIX_CHARS || content.canonical.length < MIN_CONTENT_TOKENS) return null;
    const { sortedKeys, sortedKeyEntries, entries } = this.fullIndex();
    const from = lowerBound(sortedKeys, key);
    let found: number | undefined;
    for (let k = from; k < sortedKeys.length && sortedKeys[k]!.startsWith(key); k++) {
      const entry = sortedKeyEntries[k]!;
      if (found !== undefined && entries[found]!.key !== entries[entry]!.key) return null;
      found ??= entry;
    }
    if (found === undefined) return null;
    return { entry: found, score: Math.max(0.5, key.length / entries[found]!.key.length), rule: 'prefix' };
  }

  private matchFuzzy(query: Words, truncated: boolean): TitleMatch | null {
    if (query.canonical.length < MIN_CONTENT_TOKENS) return null;
    const first = this.bestAlignment(query, truncated, this.candidates(query, truncated, false));
    // Nothing found, and the query holds rare words: they may be the records' own misspellings
    // ("Langauge"), so look again past them.
    const found = first !== null || !this.hasRareWord(query) ? first : this.bestAlignment(query, truncated, this.candidates(query, truncated, true));
    if (!found || found === AMBIGUOUS) return null;
    const { entries } = this.fullIndex();
    const length = entries[found.entry]!.key.length;
    return { entry: found.entry, score: Math.max(0.5, 0.98 - found.cost / length), rule: 'fuzzy' };
  }

  /** The cheapest candidate within the typo budget; AMBIGUOUS when two titles tie; null for none. */
  private bestAlignment(query: Words, truncated: boolean, candidates: Iterable<number>): { entry: number; cost: number } | typeof AMBIGUOUS | null {
    let best: { entry: number; cost: number } | null = null;
    let tie = false;
    const queryTokens = new Set(query.canonical);
    // Each typo or merged pair spoils at most two shared words: fewer shared words cannot align.
    const minShared = queryTokens.size - 2 * MAX_TYPO_EDITS;
    const { entries, postings } = this.fullIndex();
    for (const entry of candidates) {
      const content = entries[entry]!.content;
      if (!truncated && sharedCount(queryTokens, content.canonical) < Math.min(minShared, content.canonical.length - 2 * MAX_TYPO_EDITS)) continue;
      const cost = alignmentCost(query, content, truncated, postings);
      if (cost > MAX_TYPO_EDITS) continue;
      if (!best || cost < best.cost) {
        best = { entry, cost };
        tie = false;
      } else if (cost === best.cost && entries[entry]!.key !== entries[best.entry]!.key) {
        tie = true;
      }
    }
    return tie ? AMBIGUOUS : best;
  }

  /**
   * Entries that could be the query's title. A misspelt word is (almost always) not a word of
   * the records, and a word of the records in the query must appear as it is (the fuzzy rule
   * refuses a changed word). So the title holds every known query word: intersecting the two
   * rarest lists is enough. Only where two words may have been written as one (or one as two)
   * does that not hold; then any entry holding one of the rarer words is a candidate.
   */
  private candidates(query: Words, truncated: boolean, skipRare: boolean): Iterable<number> {
    const { entries, postings } = this.fullIndex();
    // A cut last word ("uncov…") is no word of its own.
    const words = truncated ? query.canonical.slice(0, -1) : query.canonical;
    const known = [...new Set(words)]
      .map((token) => postings.get(token))
      .filter((list): list is number[] => list !== undefined && !(skipRare && list.length <= RARE_WORD_TITLES))
      .sort((a, b) => a.length - b.length);
    // Past rare words, the common ones left are enough: their titles are the candidates.
    if (known.length >= 2 && (skipRare || !this.mayJoinOrSplit(words))) return intersectSorted(known[0]!, known[1]!);
    const need = Math.max(1, query.canonical.length - MAX_TYPO_EDITS * 2);
    const found = new Set<number>();
    for (const list of known.slice(0, MAX_TYPO_EDITS + 1)) {
      for (const entry of list) {
        if (found.has(entry)) continue;
        if (entries[entry]!.content.canonical.length + MAX_TYPO_EDITS < need) continue;
        found.add(entry);
      }
    }
    return found;
  }

  private hasRareWord(query: Words): boolean {
    const { postings } = this.fullIndex();
    return query.canonical.some((token) => (postings.get(token)?.length ?? Infinity) <= RARE_WORD_TITLES);
  }

  /** "non linear" for "nonlinear", or "nonlinear" for "non linear": words of the records either way. */
  private mayJoinOrSplit(words: readonly string[]): boolean {
    const { postings } = this.fullIndex();
    for (let i = 0; i + 1 < words.length; i++) if (postings.has(words[i]! + words[i + 1]!)) return true;
    for (const word of words) {
      if (postings.has(word)) continue;
      for (let cut = 2; cut <= word.length - 2; cut++) {
        if (postings.has(word.slice(0, cut)) && postings.has(word.slice(cut))) return true;
      }
    }
    return false;
  }
}

/** Entries in both ascending lists: each of the short list's entries looked up in the long one. */
function intersectSorted(short: readonly number[], long: readonly number[]): number[] {
  const both: number[] = [];
  let lo = 0;
  for (const entry of short) {
    // Both lists ascend: each search starts where the last one ended.
    lo = lowerBound(long, entry, lo);
    if (long[lo] === entry) both.push(entry);
  }
  return both;
}

/**
 * Cost of reading the query's content words as the record's, in character edits; more than
 * MAX_TYPO_EDITS when they differ by anything but typos. A word may be misspelt (edit distance
 * 1, or 2 in words of 6+ letters) only when the misspelling is not itself a word of the
 * records: "Unimodal" for "Multimodal" or "modes" for "models" is another word, not a typo.
 * Two words may be written as one and back. A truncated query may stop early.
 */
export function alignmentCost(queryWords: Words, recordWords: Words, truncated: boolean, vocabulary: Vocabulary): number {
  const query = queryWords.canonical;
  const record = recordWords.canonical;
  const n = query.length;
  const m = record.length;
  const over = MAX_TYPO_EDITS + 1;
  if (!truncated && Math.abs(n - m) > MAX_TYPO_EDITS) return over;
  const { splitMayMove, misspeltFunctionWord, cutFunctionWord } = queryFacts(queryWords, vocabulary);
  // cost[i][j]: query[0..i) read as record[0..j).
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(over));
  cost[0]![0] = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const here = cost[i]![j]!;
      if (here >= over) continue;
      const q = query[i]!;
      const r = record[j]!;
      const lastShown = truncated && i === n - 1;
      const step =
        q === r || (lastShown && (r.startsWith(q) || recordWords.raw[j]!.startsWith(queryWords.raw[i]!)))
          ? 0
          : lastShown && r.length > q.length
            ? Math.min(cutWordTypoCost(q, r, vocabulary), typoCost(q, r, vocabulary))
            : Math.min(typoCost(q, r, vocabulary), typoCost(queryWords.raw[i]!, recordWords.raw[j]!, vocabulary));
      relax(cost, i + 1, j + 1, here + step);
      // "nonlinear" ↔ "non linear"
      if (i + 1 < n && q + query[i + 1] === r) relax(cost, i + 2, j + 1, here);
      if (j + 1 < m && r + record[j + 1] === q) relax(cost, i + 1, j + 2, here);
      // A letter moved across the space ("Learnin gPerturbations"), perhaps with one more typo.
      if (splitMayMove[i] && here + 1 < over) {
        if (j + 1 < m) relax(cost, i + 2, j + 2, here + spaceShiftCost(queryWords.raw[i]!, queryWords.raw[i + 1]!, recordWords.raw[j]!, recordWords.raw[j + 1]!, vocabulary, over - 1 - here));
        // …or across the space beside a function word ("withA daptive", "Learnin gwith").
        relax(cost, i + 2, j + 1, here + functionWordShiftCost(queryWords.raw[i]!, queryWords.raw[i + 1]!, recordWords.raw[j]!, vocabulary, over - 1 - here));
      }
    }
    // A misspelt function word ("Uisng", "uknder") is a word the record has but does not count.
    if (misspeltFunctionWord[i] && cost[i]!.some((c) => c < over)) {
      for (let j = 0; j <= m; j++) relax(cost, i + 1, j, cost[i]![j]! + 1);
    }
  }
  if (!truncated) return cost[n]![m]!;
  return Math.min(...cost[n]!, ...(cutFunctionWord ? cost[n - 1]! : []));
}

/**
 * Cost of reading two query words as two record words whose letters they share but split
 * elsewhere: 1 for the moved space, plus the edits between the joined words (up to `budget`).
 * Not when both query words are words of the records ("Metal Earning" is not "Meta Learning").
 */
export function spaceShiftCost(q1: string, q2: string, r1: string, r2: string, vocabulary: Vocabulary, budget: number): number {
  const over = MAX_TYPO_EDITS + 1;
  if (q1 === r1 || q2 === r2 || (vocabulary.has(q1) && vocabulary.has(q2))) return over;
  const joined = q1 + q2;
  const record = r1 + r2;
  if (joined.length < 8 || /\d/.test(joined)) return over;
  const d = boundedEditDistance(joined, record, Math.min(1, budget - 1));
  return d <= Math.min(1, budget - 1) ? 1 + d : over;
}

/**
 * Cost of reading two query words as one record word beside a function word the content words
 * leave out ("witha daptive" for "with adaptive"): 1 for the moved space, plus up to one edit.
 */
export function functionWordShiftCost(q1: string, q2: string, record: string, vocabulary: Vocabulary, budget: number): number {
  const over = MAX_TYPO_EDITS + 1;
  const joined = q1 + q2;
  const extra = joined.length - record.length;
  if (extra < 1 || extra > 6 || record.length < 4 || (vocabulary.has(q1) && vocabulary.has(q2)) || /\d/.test(joined)) return over;
  const limit = Math.min(1, budget - 1);
  if (limit < 0) return over;
  // Cheap test first: the record word's first or last three letters are where they would be.
  if (!joined.startsWith(record.slice(0, 3)) && !joined.endsWith(record.slice(-3))) return over;
  let best = over;
  for (const stop of STOPWORDS) {
    if (Math.abs(stop.length - extra) > limit) continue;
    // The function word before ("witha|daptive") or after ("learnin|gwith") the record word.
    if (q1.length > stop.length - limit) best = Math.min(best, boundedEditDistance(joined, stop + record, limit));
    if (q2.length > stop.length - limit) best = Math.min(best, boundedEditDistance(joined, record + stop, limit));
    if (best === 0) break;
  }
  return best <= limit ? 1 + best : over;
}

/** A word one typo away from a function word of three letters or more, and no word of the records. */
export function isMisspeltFunctionWord(word: string, vocabulary: Vocabulary): boolean {
  if (word.length < 3 || word.length > 6 || vocabulary.has(word) || /\d/.test(word)) return false;
  for (const stop of STOPWORDS) if (stop.length >= 3 && boundedEditDistance(word, stop, 1) <= 1) return true;
  return false;
}

interface QueryFacts {
  /** Query words i and i + 1 may hold a moved space: not both words of the records. */
  splitMayMove: boolean[];
  misspeltFunctionWord: boolean[];
  /** The last shown word starts a function word ("… wi…" for "… with a Self-Reflective Agent"). */
  cutFunctionWord: boolean;
}

/** What the alignment asks of each query word, worked out once a query rather than once a candidate. */
const factsOf = new WeakMap<Words, QueryFacts>();
function queryFacts(words: Words, vocabulary: Vocabulary): QueryFacts {
  let facts = factsOf.get(words);
  if (facts) return facts;
  const query = words.canonical;
  const known = words.canonical.map((w) => vocabulary.has(w));
  const last = query[query.length - 1] ?? '';
  facts = {
    splitMayMove: query.map((_, i) => i + 1 < query.length && !(known[i] && known[i + 1])),
    misspeltFunctionWord: query.map((w) => isMisspeltFunctionWord(w, vocabulary)),
    cutFunctionWord: query.length > 1 && [...STOPWORDS].some((stop) => stop.startsWith(last)),
  };
  factsOf.set(words, facts);
  return facts;
}

function sharedCount(query: ReadonlySet<string>, record: readonly string[]): number {
  let shared = 0;
  for (const token of record) if (query.has(token)) shared++;
  return shared;
}

function relax(cost: number[][], i: number, j: number, value: number): void {
  if (value < cost[i]![j]!) cost[i]![j] = value;
}

/**
 * May the query word `q` be a misspelling, given the words of the records? Not when it is a word
 * of the records itself, unless a rare one standing for a common one: the records' own typos.
 */
export function mayBeMisspelt(q: string, r: string, vocabulary: Vocabulary): boolean {
  const titles = vocabulary.get(q)?.length;
  return titles === undefined || (titles <= RARE_WORD_TITLES && (vocabulary.get(r)?.length ?? 0) >= COMMON_WORD_TITLES);
}

/** Cost of a cut last word ("sparsa…") being the start of the record's word with one typo. */
function cutWordTypoCost(q: string, r: string, vocabulary: Vocabulary): number {
  if (q.length < 4 || /\d/.test(q) || !mayBeMisspelt(q, r, vocabulary)) return MAX_TYPO_EDITS + 1;
  return boundedEditDistance(q, r.slice(0, q.length), 1) <= 1 ? 1 : MAX_TYPO_EDITS + 1;
}

function typoCost(q: string, r: string, vocabulary: Vocabulary): number {
  const over = MAX_TYPO_EDITS + 1;
  const longest = Math.max(q.length, r.length);
  if (longest < 4 || !mayBeMisspelt(q, r, vocabulary)) return over;
  if (/\d/.test(q) || /\d/.test(r)) return over;
  // Short words misspelt in their first letter are more often other words (RNNs / CNNs).
  // Words of six letters and more may carry two edits ("Prirs" for "Priors").
  if (longest < 6 && q[0] !== r[0]) return over;
  const limit = longest >= 6 ? 2 : 1;
  const d = boundedEditDistance(q, r, limit);
  return d <= limit ? d : over;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

