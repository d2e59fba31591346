/**
 * The loaded index: what matching titles needs in memory from the start, the rest of each
 * paper (venue kind, type, authors) on the first preview, cluster or author lookup, and
 * abstracts shard by shard when shown. The background and the records CLI both use it; only
 * the way files are read differs.
 */
import { AuthorIndex, clusterKey, type AuthorSuggestion } from '../matching/author-index';
import { TitleIndex, type MatchRule } from '../matching/title-index';
import {
  detailTuple,
  INDEX_FORMAT,
  INDEX_VERSION,
  paperSummary,
  titleSummary,
  titleTuple,
  type DetailTuple,
  type IndexManifest,
  type PaperSummary,
  type PaperTuple,
  type TitleSummary,
  type TitleTuple,
} from './index-format';

export type IndexFileReader = (name: string) => Promise<string>;

/**
 * One set of records the index is made of: the bundled index, or one file the user imported.
 * `titles` is loaded at start; `details` and abstracts (by position in `titles`) when needed.
 */
export interface RecordPart {
  titles: readonly TitleTuple[];
  /** The rest of every paper, in the order of `titles`. */
  details(): Promise<readonly DetailTuple[]>;
  /** The rest of one paper (a preview need not load them all). */
  detailAt(position: number): Promise<DetailTuple | undefined>;
  /** [clusterKey(name), author rows] declared by this part's sources. */
  authorRows: readonly (readonly [string, number])[];
  abstractAt(position: number): Promise<string | undefined>;
}

/** A part from whole paper tuples already in memory (imported records, tests, the bench). */
export function partFromTuples(
  tuples: readonly PaperTuple[],
  authorRows: RecordPart['authorRows'],
  abstractAt: RecordPart['abstractAt'],
): RecordPart {
  return {
    titles: tuples.map(titleTuple),
    details: async () => tuples.map(detailTuple),
    detailAt: async (position) => (tuples[position] ? detailTuple(tuples[position]) : undefined),
    authorRows,
    abstractAt,
  };
}

export interface TitleResult {
  paper: TitleSummary;
  score: number;
  rule: MatchRule;
}

export interface ClusterSummary {
  name: string;
  /** Newest first; ties by title. */
  papers: PaperSummary[];
  /** Declared by a source (or counted from author ids); null when no source says. */
  authorRows: number | null;
}

export class RecordIndex {
  private readonly entries: readonly TitleSummary[];
  private readonly titles: TitleIndex;
  private readonly positionOfId = new Map<string, number>();
  private readonly authorRows = new Map<string, number>();
  private readonly parts: readonly RecordPart[];
  /** Per paper (by position): which part holds it, and where in that part (typed arrays: 1M papers start fast). */
  private readonly partOf: Uint16Array;
  private readonly positionInPart: Int32Array;
  /** Whole papers by position: loaded on the first preview, cluster or author lookup. */
  private detailed: Promise<PaperSummary[]> | undefined;
  /** Built on the first author lookup: a preview never needs it. */
  private authorIndex: AuthorIndex | undefined;

  /**
   * Earlier parts win: a paper of a later part with the same normalised title and year as one
   * already in (the bundled records come first) is left out, so a cluster never lists it twice;
   * so is an author-row count for a name an earlier part declared.
   */
  constructor(parts: readonly RecordPart[]) {
    this.parts = parts;
    const total = parts.reduce((n, part) => n + part.titles.length, 0);
    this.partOf = new Uint16Array(total);
    this.positionInPart = new Int32Array(total);
    const entries: TitleSummary[] = [];
    const titleKeys: string[] = [];
    // One part was merged by its build already: only several parts need the duplicate check.
    const seen = parts.length > 1 ? new Set<string>() : undefined;
    parts.forEach((part, p) => {
      part.titles.forEach((tuple, position) => {
        if (seen) {
          const key = `${tuple[5]}|${tuple[3]}`;
          if (seen.has(key)) return;
          seen.add(key);
        }
        const entry = titleSummary(tuple);
        // Ids are unique within a part; one part's id may still name another part's paper.
        if (this.positionOfId.has(entry.id)) entry.id = `${entry.id}~${p}`;
        this.positionOfId.set(entry.id, entries.length);
        this.partOf[entries.length] = p;
        this.positionInPart[entries.length] = position;
        entries.push(entry);
        titleKeys.push(tuple[5]);
      });
      for (const [name, rows] of part.authorRows) if (!this.authorRows.has(name)) this.authorRows.set(name, rows);
    });
    this.entries = entries;
    this.titles = new TitleIndex(
      entries.map((e) => e.title),
      titleKeys,
    );
  }

  /** The bundled index (read file by file), followed by `more` parts, e.g. the user's imports. */
  static async load(read: IndexFileReader, more: readonly RecordPart[] = []): Promise<RecordIndex> {
    return new RecordIndex([await loadIndexPart(read), ...more]);
  }

  /** How many papers the index holds. */
  get size(): number {
    return this.entries.length;
  }

  matchTitle(query: string): TitleResult | null {
    const match = this.titles.match(query);
    return match ? { paper: this.entries[match.entry]!, score: match.score, rule: match.rule } : null;
  }

  async paper(id: string): Promise<PaperSummary | undefined> {
    const position = this.positionOfId.get(id);
    if (position === undefined) return undefined;
    if (this.detailed) return (await this.detailed)[position];
    const detail = await this.parts[this.partOf[position]!]!.detailAt(this.positionInPart[position]!);
    return detail && paperSummary(this.entries[position]!, detail);
  }

  async abstractOf(id: string): Promise<string | undefined> {
    const position = this.positionOfId.get(id);
    if (position === undefined) return undefined;
    return this.parts[this.partOf[position]!]!.abstractAt(this.positionInPart[position]!);
  }

  async cluster(name: string): Promise<ClusterSummary | null> {
    const papers = await this.whole();
    const found = this.authors(papers).papersOf(name);
    if (!found) return null;
    const listed = found.papers.map((i) => papers[i]!).sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
    return { name: found.name, papers: listed, authorRows: this.authorRows.get(clusterKey(name)) ?? null };
  }

  async suggestAuthors(query: string, limit?: number): Promise<AuthorSuggestion[]> {
    return this.authors(await this.whole()).suggest(query, limit);
  }

  private authors(papers: readonly PaperSummary[]): AuthorIndex {
    this.authorIndex ??= new AuthorIndex(papers.map((p) => p.authors));
    return this.authorIndex;
  }

  /** Every paper whole; a failed load is tried again next time. */
  private whole(): Promise<PaperSummary[]> {
    this.detailed ??= Promise.all(this.parts.map((part) => part.details())).then(
      (details) => this.entries.map((entry, i) => paperSummary(entry, details[this.partOf[i]!]![this.positionInPart[i]!]!)),
      (error: unknown) => {
        this.detailed = undefined;
        throw error;
      },
    );
    return this.detailed;
  }
}

/** The bundled index as a part: title shards now, detail and abstract shards when first asked. */
async function loadIndexPart(read: IndexFileReader): Promise<RecordPart> {
  const manifest = JSON.parse(await read('manifest.json')) as IndexManifest;
  if (manifest.format !== INDEX_FORMAT || manifest.version !== INDEX_VERSION) {
    throw new Error(`not an Arrow Lens index of version ${INDEX_VERSION} (format ${manifest.format}, version ${manifest.version})`);
  }
  const readAll = async <T>(names: readonly string[]) => (await Promise.all(names.map(async (name) => JSON.parse(await read(name)) as T[]))).flat();
  const [titles, authorRows] = await Promise.all([
    readAll<TitleTuple>(manifest.paperShards),
    read('author-rows.json').then((text) => JSON.parse(text) as [string, number][]),
  ]);
  const shardReader = <T>(names: readonly string[]) => async (n: number) => {
    const name = names[n];
    return name === undefined ? [] : (JSON.parse(await read(name)) as T[]);
  };
  return {
    titles,
    details: () => readAll<DetailTuple>(manifest.detailShards),
    detailAt: lazyChunks(manifest.papersPerShard, shardReader<DetailTuple>(manifest.detailShards)),
    authorRows,
    abstractAt: lazyChunks(manifest.abstractsPerShard, shardReader<string>(manifest.abstractShards)),
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
