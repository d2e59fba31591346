/**
 * The bundled index (version 4): a folder of files the extension loads with fetch(). Papers are
 * stored sorted by title key, so a cold start parses no per-paper JSON and builds no map: exact
 * title lookups are binary searches over the keys as stored.
 *   manifest.json           counts, venue names and the shard file names
 *   titles-NNN.txt          one line of JSON numbers [venue, year, author count] × n, then n
 *                           title keys, n titles and n ids, one a line: all exact matching needs
 *   contents-NNN.txt.gz     the same papers' content words (`titleContent`), one a line: what
 *                           the typo and truncation rules need, read right after the cold start
 *   details-NNN.json.gz     [venue kind, type, authors[], sources[]] of the same papers, by
 *                           position; loaded on the first preview, cluster or author lookup
 *   abstracts-NNN.json.gz   abstracts of the same papers, by position; loaded only when shown
 *   id-order.json           paper positions sorted by id: finding a paper by id is a binary
 *                           search, loaded on the first preview (no map of every id at start)
 *   names-NNN.txt.gz        every distinct author name (sorted by cluster key), one a line:
 *                           name, search key, paper count and paper positions, tab-separated
 *   name-words.json.gz      the names' word starts in search order (`NameTable.wordStarts`):
 *                           with the names, the author lookup needs no work over the papers
 *   author-rows.json        [name key, author rows] pairs declared by the sources
 * Abstracts and details are gzipped (inflated with the platform's DecompressionStream): they are
 * most of the bytes and are read a shard at a time. Shards keep every file far below the 5 MiB
 * limit of the add-on stores. Written by `write-index.ts` (Node), read by `record-index.ts`.
 */
import type { Paper } from './schema';
import { titleKey } from '../matching/normalise-title';
import { partitionPoint } from '../matching/sorted-search';

export const INDEX_FORMAT = 'arrow-lens-index';
export const INDEX_VERSION = 4;
export const PAPERS_PER_TITLE_SHARD = 20_000;
/** Small detail and abstract shards: a preview inflates one of each (gzip gains nothing from larger ones). */
export const PAPERS_PER_DETAIL_SHARD = 2_000;
export const ABSTRACTS_PER_SHARD = 500;
export const ID_ORDER_FILE = 'id-order.json';

export interface IndexManifest {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  paperCount: number;
  /** Venue names; title shards refer to them by position. */
  venues: string[];
  titleShards: string[];
  papersPerTitleShard: number;
  /** Content words of the papers of each title shard, gzipped. */
  contentShards: string[];
  detailShards: string[];
  papersPerDetailShard: number;
  abstractShards: string[];
  abstractsPerShard: number;
  nameShards: string[];
}

export const NAMES_PER_SHARD = 100_000;
export const NAME_WORDS_FILE = 'name-words.json.gz';

/** One names shard's text → its part of the name table. */
export function parseNameShard(text: string): { names: string[]; searchKeys: string[]; paperCounts: number[]; positions: string[] } {
  const names: string[] = [];
  const searchKeys: string[] = [];
  const paperCounts: number[] = [];
  const positions: string[] = [];
  if (text === '') return { names, searchKeys, paperCounts, positions };
  for (const line of text.split('\n')) {
    const [name, search, count, papers] = line.split('\t');
    names.push(name!);
    searchKeys.push(search!);
    paperCounts.push(Number(count));
    positions.push(papers!);
  }
  return { names, searchKeys, paperCounts, positions };
}

/** What matching titles needs, one array a field, by paper position. */
export interface TitleColumns {
  ids: readonly string[];
  titles: readonly string[];
  /** `titleKey(title)`, worked out by the build. */
  keys: readonly string[];
  venues: readonly string[];
  years: ArrayLike<number>;
  authorCounts: ArrayLike<number>;
}

/**
 * Where a paper's record came from, as the views name it: the source format of each file that
 * held it ("mlanthology", "arrow-export", "bibtex", …), or "user" for the user's own imports.
 */
export type SourceLabel = string;

/** The rest of a paper but its abstract. */
export type DetailTuple = [venueKind: string, type: string, authors: string[], sources: SourceLabel[]];
/** A whole paper but its abstract and sources, in one tuple (how imported records are stored). */
export type PaperTuple = [id: string, title: string, venue: string, venueKind: string, year: number, type: string, authors: string[], titleKey: string];

/** A paper as the extension holds it in memory: everything but the abstract. */
export interface PaperSummary extends Omit<Paper, 'abstract' | 'provenance'> {
  sources: SourceLabel[];
}

/** What a title match returns at once, before any detail is loaded. */
export interface TitleSummary {
  id: string;
  title: string;
  venue: string;
  year: number;
  authorCount: number;
}

export function shardName(kind: string, n: number, extension: string): string {
  return `${kind}-${String(n).padStart(3, '0')}.${extension}`;
}

/** A paper as stored: without abstract and provenance, with its title key worked out once. */
export function paperTuple(p: Paper): PaperTuple {
  return [p.id, p.title, p.venue, p.venueKind, p.year, p.type, p.authors, titleKey(p.title)];
}

/** Each source format once, in the order the paper's provenance names them. */
export function sourceLabels(p: Pick<Paper, 'provenance'>): SourceLabel[] {
  return [...new Set(p.provenance.map((where) => where.format))];
}

/** Title columns of whole paper tuples already in memory (imported records, tests). */
export function titleColumns(tuples: readonly PaperTuple[]): TitleColumns {
  return {
    ids: tuples.map((t) => t[0]),
    titles: tuples.map((t) => t[1]),
    keys: tuples.map((t) => t[7]),
    venues: tuples.map((t) => t[2]),
    years: tuples.map((t) => t[4]),
    authorCounts: tuples.map((t) => t[6].length),
  };
}

/** One title shard's text → its columns (venue numbers resolved against the manifest's names). */
export function parseTitleShard(text: string, venueNames: readonly string[]): TitleColumns {
  const lines = text.split('\n');
  const numbers = JSON.parse(lines[0]!) as number[];
  const n = numbers.length / 3;
  if (!Number.isInteger(n) || lines.length !== 1 + 3 * n) throw new Error(`title shard: expected ${n} papers, found ${(lines.length - 1) / 3}`);
  const venues = new Array<string>(n);
  const years = new Uint16Array(n);
  const authorCounts = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    venues[i] = venueNames[numbers[3 * i]!] ?? '';
    years[i] = numbers[3 * i + 1]!;
    authorCounts[i] = numbers[3 * i + 2]!;
  }
  return { keys: lines.slice(1, 1 + n), titles: lines.slice(1 + n, 1 + 2 * n), ids: lines.slice(1 + 2 * n), venues, years, authorCounts };
}

/** Binary search in `sorted` (code-unit order): the first position holding `value`, or -1. */
export function findSorted(count: number, valueAt: (i: number) => string, value: string): number {
  const lo = partitionPoint(0, count, (i) => valueAt(i) < value);
  return lo < count && valueAt(lo) === value ? lo : -1;
}

/** The TitleSummary of paper `i`. */
export function titleSummaryAt(columns: TitleColumns, i: number): TitleSummary {
  return { id: columns.ids[i]!, title: columns.titles[i]!, venue: columns.venues[i]!, year: columns.years[i]!, authorCount: columns.authorCounts[i]! };
}

/** A paper from its two stored halves. */
export function paperSummary({ id, title, venue, year }: TitleSummary, [venueKind, type, authors, sources]: DetailTuple): PaperSummary {
  return { id, title, venue, venueKind, year, type, authors, sources };
}

/** The inflated text of gzip bytes, with the platform's own decompressor (browsers and Node). */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
