/**
 * The loaded index: papers in memory without abstracts, a title matcher, an author index,
 * and abstracts fetched shard by shard when asked for. The background and the records CLI
 * both use it; only the way files are read differs.
 */
import { AuthorIndex, clusterKey, type AuthorSuggestion } from '../matching/author-index';
import { TitleIndex, type MatchRule } from '../matching/title-index';
import {
  INDEX_FORMAT,
  INDEX_VERSION,
  paperFromTuple,
  type IndexManifest,
  type PaperSummary,
  type PaperTuple,
} from './index-format';

export type IndexFileReader = (name: string) => Promise<string>;

/**
 * One set of records the index is made of: the bundled index, or one file the user imported.
 * Papers come without abstracts; `abstractAt` fetches one by its position in `tuples`.
 */
export interface RecordPart {
  tuples: readonly PaperTuple[];
  /** [clusterKey(name), author rows] declared by this part's sources. */
  authorRows: readonly (readonly [string, number])[];
  abstractAt(position: number): Promise<string | undefined>;
}

export interface TitleResult {
  paper: PaperSummary;
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
  readonly papers: readonly PaperSummary[];
  private readonly titles: TitleIndex;
  /** Built on the first author lookup: matching titles never needs it. */
  private authorIndex: AuthorIndex | undefined;
  private readonly positionOfId = new Map<string, number>();
  private readonly authorRows = new Map<string, number>();
  private readonly parts: readonly RecordPart[];
  /** Per paper (by position): which part holds it, and where in that part (typed arrays: 1M papers start fast). */
  private readonly partOf: Uint16Array;
  private readonly positionInPart: Int32Array;

  /**
   * Earlier parts win: a paper of a later part with the same normalised title and year as one
   * already in (the bundled records come first) is left out, so a cluster never lists it twice;
   * so is an author-row count for a name an earlier part declared.
   */
  constructor(parts: readonly RecordPart[]) {
    this.parts = parts;
    const total = parts.reduce((n, part) => n + part.tuples.length, 0);
    this.partOf = new Uint16Array(total);
    this.positionInPart = new Int32Array(total);
    const papers: PaperSummary[] = [];
    const titleKeys: string[] = [];
    // One part was merged by its build already: only several parts need the duplicate check.
    const seen = parts.length > 1 ? new Set<string>() : undefined;
    parts.forEach((part, p) => {
      part.tuples.forEach((tuple, position) => {
        if (seen) {
          const key = `${tuple[7]}|${tuple[4]}`;
          if (seen.has(key)) return;
          seen.add(key);
        }
        const paper = paperFromTuple(tuple);
        // Ids are unique within a part; one part's id may still name another part's paper.
        if (this.positionOfId.has(paper.id)) paper.id = `${paper.id}~${p}`;
        this.positionOfId.set(paper.id, papers.length);
        this.partOf[papers.length] = p;
        this.positionInPart[papers.length] = position;
        papers.push(paper);
        titleKeys.push(tuple[7]);
      });
      for (const [name, rows] of part.authorRows) if (!this.authorRows.has(name)) this.authorRows.set(name, rows);
    });
    this.papers = papers;
    this.titles = new TitleIndex(
      papers.map((p) => p.title),
      titleKeys,
    );
  }

  private get authors(): AuthorIndex {
    this.authorIndex ??= new AuthorIndex(this.papers.map((p) => p.authors));
    return this.authorIndex;
  }

  /** The bundled index (read file by file), followed by `more` parts, e.g. the user's imports. */
  static async load(read: IndexFileReader, more: readonly RecordPart[] = []): Promise<RecordIndex> {
    return new RecordIndex([await loadIndexPart(read), ...more]);
  }

  matchTitle(query: string): TitleResult | null {
    const match = this.titles.match(query);
    return match ? { paper: this.papers[match.entry]!, score: match.score, rule: match.rule } : null;
  }

  paper(id: string): PaperSummary | undefined {
    const position = this.positionOfId.get(id);
    return position === undefined ? undefined : this.papers[position];
  }

  async abstractOf(id: string): Promise<string | undefined> {
    const position = this.positionOfId.get(id);
    if (position === undefined) return undefined;
    return this.parts[this.partOf[position]!]!.abstractAt(this.positionInPart[position]!);
  }

  cluster(name: string): ClusterSummary | null {
    const found = this.authors.papersOf(name);
    if (!found) return null;
    const papers = found.papers
      .map((i) => this.papers[i]!)
      .sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
    return { name: found.name, papers, authorRows: this.authorRows.get(clusterKey(name)) ?? null };
  }

  suggestAuthors(query: string, limit?: number): AuthorSuggestion[] {
    return this.authors.suggest(query, limit);
  }
}

/** The bundled index as a part: every paper shard now, abstract shards when first asked. */
async function loadIndexPart(read: IndexFileReader): Promise<RecordPart> {
  const manifest = JSON.parse(await read('manifest.json')) as IndexManifest;
  if (manifest.format !== INDEX_FORMAT || manifest.version !== INDEX_VERSION) {
    throw new Error(`not an Arrow Lens index of version ${INDEX_VERSION} (format ${manifest.format}, version ${manifest.version})`);
  }
  const [shards, authorRows] = await Promise.all([
    Promise.all(manifest.paperShards.map(async (name) => JSON.parse(await read(name)) as PaperTuple[])),
    read('author-rows.json').then((text) => JSON.parse(text) as [string, number][]),
  ]);
  const abstracts = lazyChunks(manifest.abstractsPerShard, async (n) => {
    const name = manifest.abstractShards[n];
    return name === undefined ? [] : (JSON.parse(await read(name)) as string[]);
  });
  return { tuples: shards.flat(), authorRows, abstractAt: abstracts };
}

/**
 * Item `position` of a list stored in chunks of `perChunk`, each chunk loaded once on first
 * use. A failed load is retried next time rather than cached.
 */
export function lazyChunks(perChunk: number, loadChunk: (n: number) => Promise<readonly string[]>): (position: number) => Promise<string | undefined> {
  const chunks = new Map<number, Promise<readonly string[]>>();
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
