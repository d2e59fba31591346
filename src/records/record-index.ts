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
  private readonly titles: TitleIndex;
  /** Built on the first author lookup: matching titles never needs it. */
  private authorIndex: AuthorIndex | undefined;
  private readonly positionOfId = new Map<string, number>();
  private readonly abstractShards = new Map<number, Promise<string[]>>();

  private constructor(
    readonly papers: readonly PaperSummary[],
    private readonly authorRows: ReadonlyMap<string, number>,
    private readonly manifest: IndexManifest,
    private readonly read: IndexFileReader,
    titleKeys: readonly string[],
  ) {
    papers.forEach((p, i) => this.positionOfId.set(p.id, i));
    this.titles = new TitleIndex(
      papers.map((p) => p.title),
      titleKeys,
    );
  }

  private get authors(): AuthorIndex {
    this.authorIndex ??= new AuthorIndex(this.papers.map((p) => p.authors));
    return this.authorIndex;
  }

  static async load(read: IndexFileReader): Promise<RecordIndex> {
    const manifest = JSON.parse(await read('manifest.json')) as IndexManifest;
    if (manifest.format !== INDEX_FORMAT || manifest.version !== INDEX_VERSION) {
      throw new Error(`not an Arrow Lens index of version ${INDEX_VERSION} (format ${manifest.format}, version ${manifest.version})`);
    }
    const [shards, rows] = await Promise.all([
      Promise.all(manifest.paperShards.map(async (name) => JSON.parse(await read(name)) as PaperTuple[])),
      read('author-rows.json').then((text) => JSON.parse(text) as [string, number][]),
    ]);
    const tuples = shards.flat();
    return new RecordIndex(tuples.map(paperFromTuple), new Map(rows), manifest, read, tuples.map((t) => t[7]));
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
    const shard = Math.floor(position / this.manifest.abstractsPerShard);
    const name = this.manifest.abstractShards[shard];
    if (name === undefined) return undefined;
    let loading = this.abstractShards.get(shard);
    if (!loading) {
      loading = this.read(name).then((text) => JSON.parse(text) as string[]);
      // A failed read is retried next time rather than cached.
      loading.catch(() => this.abstractShards.delete(shard));
      this.abstractShards.set(shard, loading);
    }
    return (await loading)[position % this.manifest.abstractsPerShard];
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
