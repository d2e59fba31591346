/**
 * The loaded index: what matching titles needs in memory from the start (title columns), the
 * rest of each paper (venue kind, type, authors, sources) on the first preview, cluster or author
 * lookup, and abstracts shard by shard when shown. The background and the records CLI both use
 * it; only the way files are read differs.
 */
import { AuthorIndex, clusterKey, type AuthorSuggestion, type NameTable } from '../matching/author-index';
import { TitleIndex, type MatchRule } from '../matching/title-index';
import type { NameDeclaration } from './merge';
import { decodeIdentity, pageIdKey, parsePageId, type PaperIdentity } from './identity';
import {
  findSorted,
  gunzipText,
  ID_ORDER_FILE,
  linesWithCodes,
  PAGE_ID_CODES_FILE,
  pageIdCode,
  parseRefShard,
  INDEX_FORMAT,
  NAME_WORDS_FILE,
  parseNameShard,
  INDEX_VERSION,
  paperSummary,
  parseTitleShard,
  titleColumns,
  titleSummaryAt,
  type DetailTuple,
  type IndexManifest,
  type PaperSummary,
  type PaperTuple,
  type SourceLabel,
  type TitleColumns,
  type TitleSummary,
} from './index-format';

/**
 * One index file (the background fetches them; the CLI and tests read them from disk): bytes, or
 * text where the reader has a native decoder (`Response.text()`, `readFile(…, 'utf8')`). For a
 * gzipped file, text means the reader inflated it already (Node's zlib: its DecompressionStream
 * goes through slow JavaScript streams); bytes are inflated here with DecompressionStream.
 */
export type IndexFileReader = (name: string) => Promise<Uint8Array | string>;

/**
 * One set of records the index is made of: the bundled index, or one file the user imported.
 * `columns` is loaded at start; details and abstracts (by position in `columns`) when needed.
 */
export interface RecordPart {
  columns: TitleColumns;
  /** The rest of every paper, in the order of `columns`. */
  details(): Promise<readonly DetailTuple[]>;
  /** The rest of one paper (a preview need not load them all). */
  detailAt(position: number): Promise<DetailTuple | undefined>;
  /** [clusterKey(name), author rows, declared papers?] declared by this part's sources. */
  authorRows: readonly NameDeclaration[];
  abstractAt(position: number): Promise<string | undefined>;
  /** Where this part holds the paper with this id, if it does. */
  positionOf(id: string): Promise<number | undefined>;
  /** The content words of every title (`titleContent`), when the part stores them. */
  contents?(): Promise<readonly string[]>;
  /** Every author name with its papers (by position), when the part stores them. */
  names?(): Promise<NameTable>;
  /** The ids and links of one paper (loaded per paper, like details). */
  identityAt?(position: number): Promise<PaperIdentity | undefined>;
  /**
   * Per page-id key (`pageIdKey`), the positions of this part's papers that may carry it: a
   * superset (the stored index finds a key by a 24-bit hash code; `identityAt` tells for sure).
   */
  pageIdCandidates?(keys: readonly string[]): Promise<Map<string, number[]>>;
}

/** A part from whole paper tuples already in memory (imported records, tests, the bench). */
export function partFromTuples(
  tuples: readonly PaperTuple[],
  authorRows: RecordPart['authorRows'],
  abstractAt: RecordPart['abstractAt'],
  sources: readonly SourceLabel[] = ['user'],
): RecordPart {
  const detail = ([, , , venueKind, , type, authors]: PaperTuple): DetailTuple => [venueKind, type, authors, [...sources]];
  let positions: Map<string, number> | undefined;
  let byPageId: Map<string, number[]> | undefined;
  return {
    identityAt: async (position) => tuples[position]?.[8] ?? {},
    pageIdCandidates: async (keys) => {
      if (!byPageId) {
        byPageId = new Map();
        tuples.forEach((t, i) => {
          for (const id of new Set((t[8]?.ids ?? []).map(pageIdKey))) byPageId!.set(id, [...(byPageId!.get(id) ?? []), i]);
        });
      }
      return new Map(keys.map((key) => [key, byPageId!.get(key) ?? []]));
    },
    columns: titleColumns(tuples),
    details: async () => tuples.map(detail),
    detailAt: async (position) => (tuples[position] ? detail(tuples[position]) : undefined),
    authorRows,
    abstractAt,
    positionOf: async (id) => {
      positions ??= new Map(tuples.map((t, i) => [t[0], i]));
      return positions.get(id);
    },
  };
}

export interface TitleResult {
  paper: TitleSummary;
  score: number;
  rule: MatchRule;
}

/** Per part (in order), the candidate positions of each page-id key. */
type PageIdCandidates = readonly Map<string, number[]>[];

/** The index key of a written page id, or undefined when it is no well-formed id. */
function pageIdKeyOf(id: string): string | undefined {
  const parsed = parsePageId(id);
  return parsed ? pageIdKey(parsed) : undefined;
}

/** What a page's title was matched by: a unique page id, the title text, or both naming the same paper. */
export type MatchedBy = 'id' | 'title' | 'both';

/** A page's title matched: the paper, what named it, and (when the title did) the title rule. */
export interface PaperMatch {
  paper: TitleSummary;
  by: MatchedBy;
  /** 1 for a match by id alone; else the title rule's score. */
  score: number;
  /** How the title matched; absent when only the id did. */
  rule?: MatchRule;
}

export interface ClusterSummary {
  name: string;
  /** Newest first; ties by title. */
  papers: PaperSummary[];
  /** Declared by a source (or counted from author ids); null when no source says. */
  authorRows: number | null;
  /** The paper count a source declares for the name (the Arrow export does); null when none does. */
  declaredPapers: number | null;
}

export class RecordIndex {
  private readonly columns: TitleColumns;
  private readonly titles: TitleIndex;
  private readonly declarations = new Map<string, NameDeclaration>();
  private readonly parts: readonly RecordPart[];
  /**
   * With more than one part: per paper (by position) which part holds it and where, and the
   * positions of the later parts' papers by id (the first part finds its own by binary search).
   */
  private readonly merged: ReturnType<typeof mergeParts> | undefined;
  /** Whole papers by position: loaded on the first cluster or author lookup. */
  private detailed: Promise<PaperSummary[]> | undefined;
  /** Loaded (or, without a stored name table, built) on the first author lookup. */
  private authorIndex: Promise<AuthorIndex> | undefined;
  /** Settles once the first part's stored content words are in use (or failed to load). */
  private contentsIn: Promise<void> = Promise.resolve();

  /**
   * Earlier parts win: a paper of a later part with the same normalised title and year as one
   * already in (the bundled records come first) is left out, so a cluster never lists it twice;
   * so is an author-row count for a name an earlier part declared. `firstPartIds` are the later
   * parts' ids that the first part also uses: those papers get `~<part>` added to their id.
   */
  private constructor(parts: readonly RecordPart[], firstPartIds: ReadonlySet<string>) {
    this.parts = parts;
    for (const part of parts) for (const declared of part.authorRows) if (!this.declarations.has(declared[0])) this.declarations.set(declared[0], declared);
    // The common case, a cold start over the bundle alone, uses its columns as they are.
    this.merged = parts.length > 1 ? mergeParts(parts, firstPartIds) : undefined;
    this.columns = this.merged?.columns ?? parts[0]!.columns;
    this.titles = new TitleIndex(this.columns.titles, this.columns.keys);
  }

  /** The bundled index (read file by file), followed by `more` parts, e.g. the user's imports. */
  static async load(read: IndexFileReader, more: readonly RecordPart[] = []): Promise<RecordIndex> {
    const bundled = await loadIndexPart(read);
    const taken = new Set<string>();
    for (const part of more) for (const id of part.columns.ids) if ((await bundled.positionOf(id)) !== undefined) taken.add(id);
    const index = new RecordIndex([bundled, ...more], taken);
    // Read now, not awaited: exact matches need none of it; the first looser one awaits it.
    index.contentsIn = (bundled.contents?.() ?? Promise.resolve([])).then(
      (contents) => index.titles.useContents(contents),
      (error: unknown) => console.warn('[Arrow Lens] content words not loaded; typo matching works them out instead:', error),
    );
    return index;
  }

  /**
   * Settles when the stored content words are in use: until then a title that needs more than
   * an exact key works them out for every record, which at corpus size takes seconds.
   */
  looseMatchingReady(): Promise<void> {
    return this.contentsIn;
  }

  /** How many papers the index holds. */
  get size(): number {
    return this.columns.ids.length;
  }

  matchTitle(query: string): TitleResult | null {
    const match = this.titles.match(query);
    return match ? { paper: titleSummaryAt(this.columns, match.entry), score: match.score, rule: match.rule } : null;
  }

  /**
   * A page's title and the page ids it states: by id first, then by title. An id counts only
   * when it names exactly one paper, and the ids count only when they all name the same one;
   * then that paper is the match even when the title names another (the id wins) or none (a
   * retitled paper). Otherwise the title decides.
   */
  async matchPaper(title: string, ids: readonly string[] = []): Promise<PaperMatch | null> {
    return (await this.matchPapers([{ title, ids }]))[0]!;
  }

  /** `matchPaper` for a page's titles at once: their ids are looked up together (one pass over the codes). */
  async matchPapers(queries: readonly { title: string; ids?: readonly string[] }[]): Promise<(PaperMatch | null)[]> {
    const keysOf = queries.map(({ ids = [] }) => [...new Set(ids.flatMap((id) => pageIdKeyOf(id) ?? []))]);
    const candidates = await this.pageIdCandidates(keysOf.flat());
    return Promise.all(
      queries.map(async ({ title }, i) => {
        const byTitle = this.titles.match(title);
        const byId = await this.positionNamedBy(keysOf[i]!, candidates, byTitle?.entry);
        if (byId === undefined) return byTitle ? { paper: titleSummaryAt(this.columns, byTitle.entry), by: 'title' as const, score: byTitle.score, rule: byTitle.rule } : null;
        if (byTitle?.entry === byId) return { paper: titleSummaryAt(this.columns, byId), by: 'both' as const, score: byTitle.score, rule: byTitle.rule };
        return { paper: titleSummaryAt(this.columns, byId), by: 'id' as const, score: 1 };
      }),
    );
  }

  /** The one paper the usable ids (each naming exactly one paper) agree on; undefined when none or they disagree. */
  private async positionNamedBy(keys: readonly string[], candidates: PageIdCandidates, likely?: number): Promise<number | undefined> {
    const named = new Set<number>();
    for (const key of keys) {
      const positions = await this.positionsCarrying(key, candidates, likely);
      if (positions.size === 1) named.add([...positions][0]!);
    }
    return named.size === 1 ? [...named][0] : undefined;
  }

  async paper(id: string): Promise<PaperSummary | undefined> {
    const position = await this.position(id);
    return position === undefined ? undefined : this.paperAt(position);
  }

  /**
   * The paper a page id names (`openreview:<forum>`, `doi:<doi>`, `neurips:<year>/<hash>`, …,
   * see identity.ts; any spelling `parsePageId` accepts), when exactly one paper carries it after
   * merging; undefined when none does or several do (then the title must decide).
   */
  async paperForPageId(id: string): Promise<PaperSummary | undefined> {
    const key = pageIdKeyOf(id);
    if (key === undefined) return undefined;
    const found = await this.positionsCarrying(key, await this.pageIdCandidates([key]));
    return found.size === 1 ? this.paperAt([...found][0]!) : undefined;
  }

  /** Per part, the candidates of each key (see RecordPart.pageIdCandidates). */
  private async pageIdCandidates(keys: readonly string[]): Promise<PageIdCandidates> {
    if (keys.length === 0) return [];
    const unique = [...new Set(keys)];
    return Promise.all(this.parts.map(async (part) => (await part.pageIdCandidates?.(unique)) ?? new Map<string, number[]>()));
  }

  /**
   * The merged positions of the papers carrying a page-id key: none, one, or (stopping early)
   * more than one. `likely`: where the caller's title matched. When the key's hash code names
   * that paper alone, it is taken without reading its identity shard: had another paper the
   * id, its code would name that one too, so the answer is the same paper either way (a page
   * whose titles match costs no identity shard at the cold start).
   */
  private async positionsCarrying(key: string, candidates: PageIdCandidates, likely?: number): Promise<Set<number>> {
    const found = new Set<number>();
    const likelyPart = likely === undefined ? undefined : this.merged ? this.merged.partOf[likely] : 0;
    for (const [p, part] of this.parts.entries()) {
      const inPart = candidates[p]?.get(key) ?? [];
      const trusted = inPart.length === 1 && likelyPart === p && inPart[0] === this.inPart(likely!);
      for (const candidate of inPart) {
        if (!trusted && !((await part.identityAt?.(candidate))?.ids ?? []).some((id) => pageIdKey(id) === key)) continue;
        const position = p === 0 ? candidate : this.merged?.mergedPosition.get(`${p}/${candidate}`);
        // A later part's copy of a paper already in (same title and year) is that paper.
        if (position !== undefined) found.add(position);
      }
      if (found.size > 1) return found;
    }
    return found;
  }

  async abstractOf(id: string): Promise<string | undefined> {
    const position = await this.position(id);
    if (position === undefined) return undefined;
    return this.partAt(position).abstractAt(this.inPart(position));
  }

  async cluster(name: string): Promise<ClusterSummary | null> {
    const found = (await this.authors()).papersOf(name);
    if (!found) return null;
    const papers = await Promise.all(found.papers.map((i) => this.paperAt(i)));
    const listed = papers.sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
    const declared = this.declarations.get(clusterKey(name));
    return { name: found.name, papers: listed, authorRows: declared?.[1] ?? null, declaredPapers: declared?.[2] ?? null };
  }

  async suggestAuthors(query: string, limit?: number): Promise<AuthorSuggestion[]> {
    return (await this.authors()).suggest(query, limit);
  }

  private async position(id: string): Promise<number | undefined> {
    const later = this.merged?.laterPositionOfId.get(id);
    if (later !== undefined) return later;
    // The first part's papers keep their positions in the merged columns.
    return this.parts[0]!.positionOf(id);
  }

  private partAt(position: number): RecordPart {
    return this.parts[this.merged ? this.merged.partOf[position]! : 0]!;
  }

  private inPart(position: number): number {
    return this.merged ? this.merged.positionInPart[position]! : position;
  }

  private async paperAt(position: number): Promise<PaperSummary> {
    const part = this.partAt(position);
    const identity = part.identityAt?.(this.inPart(position));
    if (this.detailed) return { ...(await this.detailed)[position]!, ...(await identity) };
    const detail = await part.detailAt(this.inPart(position));
    if (!detail) throw new Error(`index: no details for paper ${position}`);
    return paperSummary(titleSummaryAt(this.columns, position), detail, await identity);
  }

  /** The bundle's stored name table when it is the only part; else one built over every paper. */
  private authors(): Promise<AuthorIndex> {
    const stored = this.parts.length === 1 ? this.parts[0]!.names : undefined;
    this.authorIndex ??= (stored ? stored().then((table) => new AuthorIndex(table)) : this.whole().then((papers) => AuthorIndex.fromPapers(papers.map((p) => p.authors)))).catch(
      (error: unknown) => {
        this.authorIndex = undefined; // tried again next time
        throw error;
      },
    );
    return this.authorIndex;
  }

  /** Every paper whole; a failed load is tried again next time. */
  private whole(): Promise<PaperSummary[]> {
    this.detailed ??= Promise.all(this.parts.map((part) => part.details())).then(
      (details) => Array.from({ length: this.size }, (_, i) => paperSummary(titleSummaryAt(this.columns, i), details[this.merged ? this.merged.partOf[i]! : 0]![this.inPart(i)]!)),
      (error: unknown) => {
        this.detailed = undefined;
        throw error;
      },
    );
    return this.detailed;
  }
}

/**
 * Several parts as one set of columns: the first part whole, at its own positions; then each
 * later part's papers but those with the title key and year of a paper already in. A later
 * paper whose id is already used gets `~<part>` added.
 */
function mergeParts(parts: readonly RecordPart[], firstPartIds: ReadonlySet<string>) {
  const first = parts[0]!.columns;
  const inFirst = keyYearLookup(first);
  const partOf: number[] = new Array<number>(first.ids.length).fill(0);
  const positionInPart: number[] = Array.from({ length: first.ids.length }, (_, i) => i);
  const laterPositionOfId = new Map<string, number>();
  /** `<part>/<position in part>` → merged position, for the later parts' papers kept. */
  const mergedPosition = new Map<string, number>();
  const ids = [...first.ids];
  const titles = [...first.titles];
  const keys = [...first.keys];
  const venues = [...first.venues];
  const years = Array.from(first.years);
  const authorCounts = Array.from(first.authorCounts);
  const seen = new Set<string>();
  parts.forEach(({ columns }, p) => {
    if (p === 0) return;
    for (let i = 0; i < columns.ids.length; i++) {
      const seenKey = `${columns.keys[i]}|${columns.years[i]}`;
      if (seen.has(seenKey) || inFirst(columns.keys[i]!, columns.years[i]!)) continue;
      seen.add(seenKey);
      const own = columns.ids[i]!;
      const id = firstPartIds.has(own) || laterPositionOfId.has(own) ? `${own}~${p}` : own;
      laterPositionOfId.set(id, ids.length);
      mergedPosition.set(`${p}/${i}`, ids.length);
      partOf.push(p);
      positionInPart.push(i);
      ids.push(id);
      titles.push(columns.titles[i]!);
      keys.push(columns.keys[i]!);
      venues.push(columns.venues[i]!);
      years.push(columns.years[i]!);
      authorCounts.push(columns.authorCounts[i]!);
    }
  });
  return { columns: { ids, titles, keys, venues, years, authorCounts }, partOf, positionInPart, laterPositionOfId, mergedPosition };
}

/**
 * Whether these columns hold a paper with this title key and year: a binary search when the
 * keys are sorted (the bundled index), a set built once otherwise.
 */
function keyYearLookup(columns: TitleColumns): (key: string, year: number) => boolean {
  const { keys, years } = columns;
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (!sorted) {
    const set = new Set(keys.map((key, i) => `${key}|${years[i]}`));
    return (key, year) => set.has(`${key}|${year}`);
  }
  return (key, year) => {
    for (let i = findSorted(keys.length, (j) => keys[j]!, key); i >= 0 && i < keys.length && keys[i] === key; i++) if (years[i] === year) return true;
    return false;
  };
}

const decoder = new TextDecoder();
const utf8 = (content: Uint8Array | string) => (typeof content === 'string' ? content : decoder.decode(content));
/** The text of a gzipped index file, as read. */
const inflated = async (content: Uint8Array | string) => (typeof content === 'string' ? content : gunzipText(content));

/** The bundled index as a part: title shards now, detail and abstract shards when first asked. */
async function loadIndexPart(read: IndexFileReader): Promise<RecordPart> {
  const manifest = JSON.parse(utf8(await read('manifest.json'))) as IndexManifest;
  if (manifest.format !== INDEX_FORMAT || manifest.version !== INDEX_VERSION) {
    throw new Error(`not an Arrow Lens index of version ${INDEX_VERSION} (format ${manifest.format}, version ${manifest.version})`);
  }
  const [shards, authorRows] = await Promise.all([
    Promise.all(
      manifest.titleShards.map(async (name, n): Promise<TitleColumns> => {
        const [titles, refs] = await Promise.all([read(name).then((content) => parseTitleShard(utf8(content))), read(manifest.refShards[n]!).then(async (content) => parseRefShard(await inflated(content), manifest.venues))]);
        if (titles.keys.length !== refs.ids.length) throw new Error(`index: ${name} holds ${titles.keys.length} papers, its refs ${refs.ids.length}`);
        return { ...titles, ...refs };
      }),
    ),
    read('author-rows.json').then((content) => JSON.parse(utf8(content)) as NameDeclaration[]),
  ]);
  const gzipShard = <T>(names: readonly string[]) => async (n: number): Promise<T[]> => {
    const name = names[n];
    return name === undefined ? [] : (JSON.parse(await inflated(await read(name))) as T[]);
  };
  const detailShard = gzipShard<DetailTuple>(manifest.detailShards);
  let idOrder: Promise<number[]> | undefined;
  const positionOf = async (id: string): Promise<number | undefined> => {
    idOrder ??= read(ID_ORDER_FILE).then(async (content) => JSON.parse(await inflated(content)) as number[]);
    idOrder.catch(() => (idOrder = undefined));
    const order = await idOrder;
    const at = findSorted(order.length, (i) => columns.ids[order[i]!]!, id);
    return at < 0 ? undefined : order[at];
  };
  const columns = shards.length === 1 ? shards[0]! : concatColumns(shards);
  const identityShard = async (n: number): Promise<string[]> => {
    const name = manifest.identityShards[n];
    return name === undefined ? [] : (await inflated(await read(name))).split('\n');
  };
  const identityLine = lazyChunks(manifest.papersPerDetailShard, identityShard);
  const identityAt = async (position: number) => {
    const line = await identityLine(position);
    return line === undefined ? undefined : decodeIdentity(line);
  };
  let codes: Promise<string> | undefined;
  // A code is a 24-bit hash: the candidates are checked against their own ids by the caller.
  const pageIdCandidates = async (keys: readonly string[]): Promise<Map<string, number[]>> => {
    codes ??= read(PAGE_ID_CODES_FILE).then(inflated);
    codes.catch(() => (codes = undefined));
    const byCode = linesWithCodes(await codes, keys.map(pageIdCode));
    return new Map(keys.map((key) => [key, byCode.get(pageIdCode(key)) ?? []]));
  };
  const names = async (): Promise<NameTable> => {
    const [tables, wordStarts] = await Promise.all([
      Promise.all(manifest.nameShards.map(async (name) => parseNameShard(await inflated(await read(name))))),
      read(NAME_WORDS_FILE).then(async (content) => JSON.parse(await inflated(content)) as number[]),
    ]);
    const table = tables.length === 1 ? tables[0]! : { names: tables.flatMap((t) => t.names), searchKeys: tables.flatMap((t) => t.searchKeys), paperCounts: tables.flatMap((t) => t.paperCounts), positions: tables.flatMap((t) => t.positions) };
    return {
      names: table.names,
      searchKeys: table.searchKeys,
      paperCounts: table.paperCounts,
      // Parsed per name looked up, not for every name at load.
      papersOf: (entry) => (table.positions[entry] ? table.positions[entry]!.split(' ').map(Number) : []),
      wordStarts,
    };
  };
  return {
    names,
    positionOf,
    identityAt,
    pageIdCandidates,
    contents: async () => (await Promise.all((manifest.contentShards ?? []).map(async (name) => (await inflated(await read(name))).split('\n')))).flat(),
    columns,
    details: async () => (await Promise.all(manifest.detailShards.map((_, n) => detailShard(n)))).flat(),
    detailAt: lazyChunks(manifest.papersPerDetailShard, detailShard),
    authorRows,
    abstractAt: lazyChunks(manifest.abstractsPerShard, gzipShard<string>(manifest.abstractShards)),
  };
}

/** The shards' columns end to end (native concat and typed-array copies: no per-paper work). */
function concatColumns(shards: readonly TitleColumns[]): TitleColumns {
  const strings = (field: 'ids' | 'titles' | 'keys' | 'venues') => ([] as string[]).concat(...shards.map((s) => s[field]));
  const numbers = (field: 'years' | 'authorCounts') => {
    const all = new Uint16Array(shards.reduce((n, s) => n + s[field].length, 0));
    let at = 0;
    for (const shard of shards) {
      all.set(shard[field] as Uint16Array, at);
      at += shard[field].length;
    }
    return all;
  };
  return {
    ids: strings('ids'),
    titles: strings('titles'),
    keys: strings('keys'),
    venues: strings('venues'),
    years: numbers('years'),
    authorCounts: numbers('authorCounts'),
  };
}

/**
 * Item `position` of a list stored in chunks of `perChunk`, each chunk loaded once on first
 * use. A failed load is retried next time rather than cached.
 */
export function lazyChunks<T>(perChunk: number, loadChunk: (n: number) => Promise<readonly T[]>): (position: number) => Promise<T | undefined> {
  const chunks = new Map<number, Promise<readonly T[]>>();
  return async (position) => {
    const n = Math.floor(position / perChunk);
    let loading = chunks.get(n);
    if (!loading) {
      loading = loadChunk(n);
      loading.catch(() => chunks.delete(n));
      chunks.set(n, loading);
    }
    return (await loading)[position % perChunk];
  };
}
